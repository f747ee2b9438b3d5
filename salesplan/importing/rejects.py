"""The rejected rows of an import: ``rejected_<table>.csv`` with each row as read and why.

The file is UTF-8 with a BOM and ``;`` between fields, so that Excel opens it as it is; a text
that Excel would take for a formula starts with ``'`` (``salesplan.cells``). The user can fix
the rows in it and import it again: the import drops that ``'``, its extra columns are ignored.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from salesplan.cells import write_csv
from salesplan.filenames import inside, stem
from salesplan.importing.schemas import ENUMS
from salesplan.labels import IMPORT_REJECT_REASONS

REJECT_COLUMNS = ["source_file", "row_number", "column", "reason"]


def reason_text(reason: str, column: str, detail: str = "", row: object = "", label: str = "") -> str:
    """The Russian reason, with the allowed values of an enumerated column, or the ``detail``
    of the problem with its row and file column (``label``)."""
    return IMPORT_REJECT_REASONS[reason].format(
        allowed=", ".join(ENUMS.get(column, ())), detail=detail, row=row, column=label)


def rejects_frame(
    raw: pd.DataFrame, found: pd.DataFrame, source_file: str, sources: dict[str, str]
) -> pd.DataFrame:
    """One line per rejected row: its cells as read, the file, the row number, and the
    columns and reasons of its problems (``; ``-joined, in the order of ``sources``).

    ``found`` holds the problems (``row``, canonical ``column``, ``reason``), a problem of
    parsing before one the schema finds in the same cell, and may hold its ``detail``;
    ``sources`` names the file column(s) behind each canonical column.
    """
    order = {column: i for i, column in enumerate(sources)}
    found = found.drop_duplicates(["row", "column"])
    details = found["detail"].fillna("") if "detail" in found else pd.Series("", found.index)
    found = found.iloc[found["column"].map(lambda c: order.get(c, -1)).argsort(kind="stable")]
    labelled = pd.DataFrame(
        {
            "row": found["row"].to_numpy(),
            "column": [sources.get(c, c) for c in found["column"]],
            "reason": [
                reason_text(reason, column, detail, row, sources.get(column, column))
                for row, column, reason, detail in zip(
                    found["row"], found["column"], found["reason"], details, strict=True)
            ],
        }
    )
    by_row = labelled.groupby("row", sort=True).agg("; ".join)
    kept = raw.drop(columns=REJECT_COLUMNS, errors="ignore")  # a re-imported rejects file
    return kept.loc[by_row.index].assign(
        source_file=source_file,
        row_number=by_row.index,
        column=by_row["column"].to_numpy(),
        reason=by_row["reason"].to_numpy(),
    )


def write_rejects(frame: pd.DataFrame, directory: Path, table: str) -> Path:
    """``rejected_<table>.csv`` in ``directory``, every text escaped (``salesplan.cells``)."""
    directory.mkdir(parents=True, exist_ok=True)
    return write_csv(frame, inside(directory, stem("rejected", table), suffix=".csv"))
