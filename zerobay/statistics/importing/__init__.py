"""The import pipeline: read a workbook, recognise its columns, validate every row, then commit
all-or-nothing with revisions. One pipeline serves the CLI, the web upload, the API and the demo."""
