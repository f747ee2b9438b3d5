"""Errors a user can act on. The CLI prints their message (no traceback) and exits with ``exit_code``."""


class SalesplanError(Exception):
    """Base of the errors the CLI reports as a message."""

    exit_code = 2


class ParamsError(SalesplanError, ValueError):
    """A parameter file is missing or invalid; the message names the file and the key."""


class PlanError(SalesplanError, ValueError):
    """A plan cannot be built as asked (no history for the method, overrides above the total, …)."""


class StoreError(SalesplanError):
    """The database cannot be used as asked: no driver for it, no connection, an unknown schema."""


class SchemaOutdated(StoreError):
    """The database's schema is older than this code's: ``salesplan db upgrade`` brings it up."""


class PeriodError(SalesplanError, ValueError):
    """A text names no period of the kinds expected (``2026-H3``, ``2025-W53``); the message
    names the text and the forms expected."""
