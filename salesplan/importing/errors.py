"""The file-level import error: the whole file is refused and nothing is written."""

from salesplan.errors import SalesplanError


class ImportFileError(SalesplanError):
    """Unreadable file, unknown format or table, missing required columns (exit code 2)."""

    exit_code = 2
