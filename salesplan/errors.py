"""Errors a user can act on. The CLI prints their message (no traceback) and exits with ``exit_code``.

Their messages come from the label catalogue (``salesplan.labels``), in Russian: what was wrong,
where (file, row, column, parameter, manager, month) and what is expected.
"""

from collections.abc import Iterable

from salesplan import labels


class SalesplanError(Exception):
    """Base of the errors the CLI reports as a message."""

    exit_code = 2


class ParamsError(SalesplanError, ValueError):
    """A parameter file is missing or invalid; the message names the file and the key."""


class PlanError(SalesplanError, ValueError):
    """A plan cannot be built as asked (no history for the method, overrides above the total, …)."""


def check_department(
    department: str | None, known: Iterable[str], error: type[SalesplanError] = ParamsError
) -> None:
    """The one check of a department a user named (CLI option, notebook parameter, plan form).

    Passes for no department ("" or None: all departments, or the default one) and for one of
    ``known``; otherwise raises ``error`` naming the department and the known ones.
    """
    known = sorted({str(k) for k in known})
    if department and department not in known:
        raise error(labels.ERRORS["unknown_department"].format(
            department=department, known=", ".join(known) or "—"))


class StoreError(SalesplanError):
    """The database cannot be used as asked: no driver for it, no connection, an unknown schema."""


class SchemaOutdated(StoreError):
    """The database's schema is older than this code's: ``salesplan db upgrade`` brings it up."""


class PeriodError(SalesplanError, ValueError):
    """A text names no period of the kinds expected (``2026-H3``, ``2025-W53``); the message
    names the text and the forms expected."""


class PathOutsideFolder(SalesplanError):
    """A file name built from data would lead out of its folder (through a link in it)."""


class PaymentPlanError(SalesplanError, ValueError):
    """A payment plan cannot be submitted as given: the message names each bad row and column
    (and the file, for an imported template) and what is expected."""
