"""The errors of reading a file, shared by measuring and reading."""


class UnreadableFile(ValueError):
    """The file is not a workbook we can read; the message says why, in the user's language."""
