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
        lines.append(
            f"读取 {self.rows_read} 行，有效 {self.rows_valid} 行，导入 {self.rows_imported} 行；"
            f"错误 {len(self.errors)} 个，警告 {len(self.warnings)} 个"
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
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "enterprises_created": self.enterprises_created,
            "header_row": self.header_row,
            "columns": self.columns,
        }
