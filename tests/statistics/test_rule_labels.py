"""Every rule the import pipeline can report has a name people read on the import page."""

import ast
from pathlib import Path

import zerobay.statistics.importing as importing
from zerobay.statistics.reportforms import FORMS
from zerobay.statistics.views import RULES


def emitted_rules() -> set[str]:
    rules = {check.rule for form in FORMS.values() for check in form.checks}
    for path in Path(importing.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "Issue"
                and len(node.args) >= 4
            ):
                rule = node.args[3]
                if isinstance(rule, ast.Constant) and isinstance(rule.value, str):
                    rules.add(rule.value)
    return rules


def test_every_rule_has_a_label():
    rules = emitted_rules()
    assert {
        "uscc_invalid",
        "duplicate_uscc",
        "part_exceeds_whole",
        "numbering_row",
    } <= rules  # the walk works
    assert rules - set(RULES) == set()
