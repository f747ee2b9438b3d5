"""Import of CRM, 1C and telephony exports (CSV, XLSX) into the store's canonical tables.

``import_file(eng, table, path, fmt)`` is the one entry point; ``salesplan import`` calls it.
It is imported when first asked for: the reports need only the import profiles (the settings
read them), not the loader and its validation (pandera).
"""

from __future__ import annotations

from importlib import import_module

EXPORTS = {"ImportFileError": "errors", "ImportResult": "load", "import_file": "load"}


def __getattr__(name: str):
    if name in EXPORTS:
        return getattr(import_module(f"{__name__}.{EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ImportFileError", "ImportResult", "import_file"]
