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


@dataclass
class ImportReport:
    rows_read: int = 0
    rows_valid: int = 0
    rows_imported: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
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
        return {i.row for i in self.errors if i.row is not None}

    def as_dict(self, limit: int | None = None) -> dict:
        """The contract of `--format json`; `limit` cuts the issue lists (counts stay exact)."""
        return {
            "rows_read": self.rows_read,
            "rows_valid": self.rows_valid,
            "rows_imported": self.rows_imported,
            "errors": [i.as_dict() for i in self.errors[:limit]],
            "warnings": [i.as_dict() for i in self.warnings[:limit]],
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "enterprises_created": self.enterprises_created,
            "header_row": self.header_row,
            "columns": self.columns,
        }
