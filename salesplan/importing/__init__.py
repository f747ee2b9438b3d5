"""Import of CRM, 1C and telephony exports (CSV, XLSX) into the store's canonical tables.

``import_file(eng, table, path, fmt)`` is the one entry point; ``salesplan import`` calls it.
"""

from salesplan.importing.errors import ImportFileError
from salesplan.importing.load import ImportResult, import_file

__all__ = ["ImportFileError", "ImportResult", "import_file"]
