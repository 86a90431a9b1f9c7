"""A user-facing message is written in English and translated through gettext, so the English UI
never shows Chinese: an AST scan of zerobay/ for Chinese literals (or f-strings) given to an
exception, a form's ValidationError, a command's CommandError, the API's HttpError or a message
of django.contrib.messages, without gettext around them."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "npgettext", "_lazy"}
MESSAGE_CALLS = {"ValidationError", "CommandError", "HttpError", "refused", "usage_error"}
MESSAGE_LEVELS = {"error", "warning", "success", "info", "debug"}


def skipped(path: Path) -> bool:
    """Not messages: migrations, the demo's data, data modules, the import schemas' declared
    Chinese header variants (the words of the files, not of the UI), and the matching engine, a
    Django-free core whose errors are about its own shipped data files (for their maintainers)."""
    rel = path.relative_to(ROOT / "zerobay").as_posix()
    return (
        "/migrations/" in rel
        or rel.startswith(("demo/", "data/", "matching/engine/"))
        or path.stem == "demo"
        or path.stem.endswith("_demo")
        or "/demo/" in rel
        or path.stem in {"reportforms", "headers", "schemas", "columns"}
    )


def chinese(node: ast.AST) -> bool:
    """A Chinese literal, f-string, `"…" % x` or `"…".format(…)` not passed through gettext."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(CJK.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(chinese(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return chinese(node.left) or (isinstance(node.op, ast.Add) and chinese(node.right))
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in GETTEXT:
            return False
        if isinstance(func, ast.Attribute) and func.attr in ("format", "join"):
            return chinese(func.value)
    return False


def name_of(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def message_calls(tree: ast.AST):
    """Calls whose arguments are messages to a user."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            yield node.exc
        elif isinstance(node, ast.Call):
            func = node.func
            if name_of(func) in MESSAGE_CALLS or (
                isinstance(func, ast.Attribute)
                and func.attr in MESSAGE_LEVELS
                and isinstance(func.value, ast.Name)
                and func.value.id == "messages"
            ):
                yield node


def offences() -> dict[str, list[int]]:
    found: dict[str, set[int]] = {}
    for path in sorted((ROOT / "zerobay").rglob("*.py")):
        if skipped(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for call in message_calls(tree):
            if any(chinese(a) for a in [*call.args, *(k.value for k in call.keywords)]):
                found.setdefault(path.relative_to(ROOT).as_posix(), set()).add(call.lineno)
    return {path: sorted(lines) for path, lines in found.items()}


def test_the_scan_finds_a_chinese_message(tmp_path):
    tree = ast.parse(
        'raise ValueError(f"没有这个组织单元：{code}")\n'
        'messages.error(request, "无权操作")\n'
        'raise ValueError(_("No such org unit: %(code)s") % {"code": code})\n'
        'raise CommandError(_("no such user"))\n'
    )
    flagged = {call.lineno for call in message_calls(tree) if any(chinese(a) for a in call.args)}
    assert flagged == {1, 2}


def test_no_message_is_a_chinese_literal():
    found = offences()
    assert not found, "\n".join(f"{path}: lines {lines}" for path, lines in found.items())
