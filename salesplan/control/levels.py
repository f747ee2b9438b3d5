"""Rolling per-manager figures up to departments or to the whole company."""

from __future__ import annotations

import numpy as np
import pandas as pd

LEVELS = ("manager", "department", "total")
KEYS = {"manager": "manager_id", "department": "department_id", "total": None}


def group_keys(manager_ids, level: str, managers: pd.DataFrame | None = None) -> np.ndarray:
    """The group of each manager at ``level``: the manager, their department or "" for all.

    ``managers`` (``id, department_id``) is needed for ``department``; an unknown manager's
    department is "".
    """
    if level not in LEVELS:
        raise ValueError(f"level {level!r}: expected one of {', '.join(LEVELS)}")
    ids = pd.Series(np.asarray(manager_ids, dtype=object))
    if level == "manager":
        return ids.to_numpy()
    if level == "total":
        return np.full(len(ids), "", dtype=object)
    if managers is None:
        raise ValueError("level='department' needs the managers frame")
    return ids.map(managers.set_index("id")["department_id"]).fillna("").to_numpy()


def rollup(
    frame: pd.DataFrame,
    level: str,
    columns: list[str],
    managers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Sum ``columns`` of a per-manager ``frame`` (key ``manager_id``) up to ``level``.

    The key column is ``manager_id``, ``department_id`` or none (``total``: one row, of missing
    values when ``frame`` has none). A column missing for every row of a group stays missing
    (e.g. the margin where no deal has one).
    """
    keys = group_keys(frame["manager_id"], level, managers)
    grouped = frame[columns].groupby(keys).sum(min_count=1)
    if KEYS[level] is None:
        return grouped.reindex([""]).reset_index(drop=True)
    return grouped.rename_axis(KEYS[level]).reset_index()
