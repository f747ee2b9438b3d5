"""Customer satisfaction: NPS from the survey answers (``nps_answers``).

An answer counts for the manager the survey names, else for its client's manager. Per manager
(and for the department) over a period: ``answers``, ``promoters`` (9–10), ``passives`` (7–8),
``detractors`` (0–6) and ``nps`` = % promoters − % detractors (``kpi.nps``; unknown without
answers). The detractors of the period are the clients to call back.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from salesplan.control.kpi import nps

COLUMNS = ["answers", "promoters", "passives", "detractors", "nps"]
DETRACTOR_COLUMNS = ["date", "client_id", "manager_id", "score", "comment"]


def attributed(answers: pd.DataFrame, clients: pd.DataFrame) -> pd.DataFrame:
    """The answers with ``manager_id`` filled from their client's manager where the survey
    names none."""
    owner = clients.set_index("id")["manager_id"] if len(clients) else pd.Series(dtype=object)
    return answers.assign(manager_id=answers["manager_id"].fillna(answers["client_id"].map(owner)))


def _between(answers: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    days = pd.to_datetime(answers["date"])
    return answers[(days >= pd.Timestamp(start)) & (days <= pd.Timestamp(end))]


def nps_table(answers: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """``COLUMNS`` per ``manager_id`` of the answers dated ``start``…``end``."""
    inside = _between(answers, start, end)
    score = inside["score"].astype("int64")
    by = inside["manager_id"]
    table = pd.DataFrame({
        "answers": score.groupby(by).size(),
        "promoters": (score >= 9).groupby(by).sum(),
        "passives": score.between(7, 8).groupby(by).sum(),
        "detractors": (score <= 6).groupby(by).sum(),
    }).fillna(0).astype("int64")
    table["nps"] = score.groupby(by).apply(nps) if len(inside) else pd.Series(dtype="float64")
    return table.rename_axis("manager_id").reset_index()[["manager_id", *COLUMNS]]


def nps_total(answers: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """The department's row of ``nps_table``."""
    inside = _between(answers, start, end)
    score = inside["score"].astype("int64")
    return pd.DataFrame([{"answers": len(score), "promoters": int((score >= 9).sum()),
                          "passives": int(score.between(7, 8).sum()),
                          "detractors": int((score <= 6).sum()), "nps": nps(score)}])


def detractors(answers: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """The answers of 0–6 dated ``start``…``end``, lowest first: whom to call back."""
    inside = _between(answers, start, end)
    low = inside[inside["score"].astype("int64") <= 6]
    return low.sort_values(["score", "date"], kind="stable")[DETRACTOR_COLUMNS].reset_index(drop=True)
