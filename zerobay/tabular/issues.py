"""What the pipeline says about a file: errors (the row is rejected) and warnings (kept)."""

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Issue:
    row: int | None  # Excel row number (1-based), None for the file as a whole
    column: str | None  # the header as written in the file
    value: Any
    rule: str
    message: str  # Chinese
    severity: str = "error"  # or "warning": the row is kept

    def as_dict(self) -> dict:
        return asdict(self)


ISSUE_BOUND = 10_000  # issues of one kind kept in memory; beyond, only counted


class IssueList(list[Issue]):
    """Issues up to a bound, beyond which they are only counted: a 250,000-row file with an error
    in every cell must not hold millions of issues in memory. The rows they concern are all kept,
    so that skipping invalid rows never imports a row whose error went uncounted."""

    def __init__(self, bound: int = ISSUE_BOUND):
        super().__init__()
        self.bound = bound
        self.dropped = 0
        self.rows: set[int] = set()

    def append(self, issue: Issue) -> None:
        if issue.row is not None:
            self.rows.add(issue.row)
        if len(self) < self.bound:
            super().append(issue)
        else:
            self.dropped += 1

    def extend(self, issues) -> None:
        for issue in issues:
            self.append(issue)

    @property
    def total(self) -> int:
        return len(self) + self.dropped


@dataclass
class ImportReport:
    rows_read: int = 0
    rows_valid: int = 0
    rows_imported: int = 0
    errors: IssueList = field(default_factory=IssueList)
    warnings: IssueList = field(default_factory=IssueList)
    # What the commit did (zero for a dry run or a rejected file).
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    enterprises_created: int = 0
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # header as written -> field key
    fatal: bool = False  # the file as a whole cannot be imported

    @property
    def error_rows(self) -> set[int]:
        return self.errors.rows

    @property
    def error_count(self) -> int:
        return self.errors.total

    @property
    def warning_count(self) -> int:
        return self.warnings.total

    @property
    def truncated(self) -> bool:
        """More issues were found than kept: the report says so."""
        return bool(self.errors.dropped or self.warnings.dropped)

    def exit_status(self, skip_invalid: bool) -> int:
        """The exit status of every import command: 2 the file cannot be read (or has no header),
        1 it has errors and nothing was imported (or a dry run found errors), 0 otherwise."""
        if self.fatal and any(i.rule in ("unreadable_file", "no_header") for i in self.errors):
            return 2
        return 1 if self.errors and (not skip_invalid or self.fatal) else 0

    def text_lines(self) -> list[str]:
        """The issues and the counts, as the import commands print them without --format json."""
        lines = [
            f"{'错误' if i.severity == 'error' else '警告'} 第{i.row or '-'}行 [{i.column or '-'}] {i.rule}: {i.message}"
            for i in (*self.errors, *self.warnings)
        ]
        if self.truncated:
            lines.append(
                f"（问题过多：仅列出前 {self.errors.bound} 个错误和前 {self.warnings.bound} 个警告，计数完整）"
            )
        lines.append(
            f"读取 {self.rows_read} 行，有效 {self.rows_valid} 行，导入 {self.rows_imported} 行；"
            f"错误 {self.error_count} 个，警告 {self.warning_count} 个"
        )
        return lines

    def as_dict(self, limit: int | None = None) -> dict:
        """The contract of `--format json`; `limit` cuts the issue lists (counts stay exact)."""
        return {
            "rows_read": self.rows_read,
            "rows_valid": self.rows_valid,
            "rows_imported": self.rows_imported,
            "errors": [i.as_dict() for i in self.errors[:limit]],
            "warnings": [i.as_dict() for i in self.warnings[:limit]],
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "issues_truncated": self.truncated
            or (limit is not None and max(len(self.errors), len(self.warnings)) > limit),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "enterprises_created": self.enterprises_created,
            "header_row": self.header_row,
            "columns": self.columns,
        }
