"""Tabular files, shared by every import and export: reading workbooks and CSV (`reading`), finding
and folding the header row (`headers`), turning cells into values (`values`, `units`), the issue
report of an import (`issues`) and the one xlsx writer with its one header style (`xlsx`)."""
