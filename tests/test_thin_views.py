"""Views and API endpoints are thin: they parse, call a service and render. None of them writes to the
database or writes an audit record itself (issue: one house). A scan of every view and API module."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "zerobay"
WRITES = {"create", "update", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}


def view_modules() -> list[Path]:
    found = [
        *ROOT.glob("**/views.py"),
        *ROOT.glob("**/views/*.py"),
        *ROOT.glob("**/api.py"),
        *ROOT.glob("**/*_views.py"),
    ]
    return sorted(p for p in found if "migrations" not in p.parts)


def writes_in(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, owner = node.func.attr, node.func.value
        if name == "record" and isinstance(owner, ast.Name) and owner.id == "audit":
            found.append((node.lineno, "audit.record"))
        elif name == "save" and not any(k.arg == "commit" for k in node.keywords):
            found.append((node.lineno, ".save()"))  # form.save(commit=False) builds, writes nothing
        elif name in WRITES and isinstance(owner, ast.Attribute | ast.Call | ast.Name):
            text = ast.unparse(owner)
            if "objects" in text or "filter(" in text or "_set" in text or name.startswith("bulk"):
                found.append((node.lineno, f".{name}()"))
    return found


def test_the_scan_finds_a_write_in_a_view():
    sample = "def v(request):\n    Item.objects.filter(pk=1).update(x=2)\n    audit.record('x', actor=None)\n    f.save()\n"
    assert [what for _line, what in writes_in(sample)] == [".update()", "audit.record", ".save()"]
    assert writes_in("def v(request):\n    form.save(commit=False)\n") == []


def test_no_view_or_api_function_writes():
    offenders = {
        p.relative_to(ROOT).as_posix(): found for p in view_modules() if (found := writes_in(p.read_text()))
    }
    assert len(view_modules()) > 15
    assert not offenders, offenders
