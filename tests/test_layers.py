"""The import-layer rule of pyproject.toml ([tool.importlinter], run by `make test`) fails on an
upward import and passes on the tree."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent))


def lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603  (our own tool from the venv)
        [LINT_IMPORTS, "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def house(tmp_path: Path, upward: str | None) -> Path:
    """A copy of the project's layer rule over `fakebay`, a package with the same app names;
    `upward` is an import written into fakebay.registry.models."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    contracts = tomllib.loads(config)["tool"]["importlinter"]
    names = set()
    for contract in contracts["contracts"]:
        for entry in [*contract.get("layers", []), *contract.get("source_modules", [])]:
            for part in entry.replace(":", "|").split("|"):
                if not part.strip().startswith("("):  # optional layers may be missing
                    names.add(part.strip())
        names.update(contract.get("forbidden_modules", []))
    for name in names:
        package = tmp_path / Path(*name.replace("zerobay", "fakebay").split("."))
        package.mkdir(parents=True, exist_ok=True)
        (package / "__init__.py").write_text("")
    (tmp_path / "fakebay" / "__init__.py").write_text("")
    (tmp_path / "fakebay" / "registry" / "models.py").write_text(f"{upward}\n" if upward else "")
    section = config[config.index("[tool.importlinter]") :]
    section = section[: section.find("\n[tool.", 1)] if "\n[tool." in section[1:] else section
    (tmp_path / ".importlinter.toml").write_text(section.replace("zerobay", "fakebay"))
    return tmp_path


def test_the_rule_fails_when_a_lower_app_imports_a_higher_one(tmp_path):
    fake = house(tmp_path, "from fakebay import indicators  # registry reaching up")
    result = lint_imports(fake, "--config", ".importlinter.toml")
    assert result.returncode != 0, result.stdout
    assert "fakebay.registry.models -> fakebay.indicators" in result.stdout


def test_the_rule_passes_on_a_house_that_keeps_it(tmp_path):
    fake = house(tmp_path, "from fakebay import accounts  # downward: allowed")
    result = lint_imports(fake, "--config", ".importlinter.toml")
    assert result.returncode == 0, result.stdout


def test_the_tree_keeps_the_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
