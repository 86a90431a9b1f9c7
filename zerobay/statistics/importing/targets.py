"""Report forms of records the statistics layer does not own (a carrier's annual statistics), run
through the one import pipeline.

Why a hook rather than a form declared here: reading, header recognition, unit conversion, row
validation, the report, dry runs, --skip-invalid, batches and exit statuses are the pipeline's and
stay here; only *whom a row names* and *where its figures are stored* differ, and both belong to
the higher app (carriers), which statistics may not import. The higher app declares its form with
this layer's Field/ReportForm and registers it, with those two functions, in its AppConfig.ready.
A form registered so is found by `zerobay import <command>`, the web upload and the API like any
other.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zerobay.registry.models import OrgUnit
from zerobay.tabular.issues import ImportReport

from ..reportforms import FORM_COMMANDS, FORMS, ReportForm
from .validation import ValidRow

# (report, valid rows, batch, org-unit scope of the uploader) -> (rows still valid, what they name)
Resolve = Callable[[ImportReport, list[ValidRow], Any, OrgUnit | None], tuple[list[ValidRow], dict]]
# (form, rows, value fields the file carries, batch, what resolve found) -> CommitResult
Commit = Callable[[ReportForm, list[ValidRow], list[str], Any, dict], Any]


@dataclass(frozen=True)
class ImportTarget:
    form: ReportForm
    command: str  # zerobay import <command>
    resolve: Resolve  # names → records, scope checks, row-level errors (appended to the report)
    commit: Commit  # writes the rows with revisions, inside the pipeline's transaction
    may_import: Callable[[Any], bool]  # who may upload this form (the record's own operator too)
    rules: dict[str, Any] = field(default_factory=dict)  # labels of the rules its resolve reports


TARGETS: dict[str, ImportTarget] = {}
TARGET_RULES: dict[str, Any] = {}  # the import page's labels for those rules


def register(target: ImportTarget) -> None:
    """Called from a higher app's AppConfig.ready; registering twice (tests reload apps) is a no-op."""
    TARGETS[target.form.code] = target
    TARGET_RULES.update(target.rules)
    FORMS[target.form.code] = target.form
    FORM_COMMANDS[target.command] = target.form
