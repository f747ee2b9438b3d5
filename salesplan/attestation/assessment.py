"""A manager's attestation as data: the sheet's payload, built for every manager at once.

The payload is plain JSON (numbers, strings, lists, dicts; money in kopecks; None for "no
data"): ``sheet`` renders it, ``records`` keeps it when finalised, and a finalised sheet is
always read back from its record rather than rebuilt. The evidence and the scores are
computed over frames for all managers; each frame is then split once into per-manager
records, so a sheet costs no DataFrame work of its own.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from salesplan import labels
from salesplan.attestation import development, evidence, inputs, records, scoring
from salesplan.attestation.template import AttestationTemplate, load_template, parse_period
from salesplan.calendar import ProductionCalendar
from salesplan.config import company
from salesplan.periods import Half, Month, Quarter


def _num(value, digits: int = 1) -> float | None:
    """A float for JSON: rounded, None for NaN / None."""
    if value is None or pd.isna(value):
        return None
    return round(float(value), digits)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _iso(value) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def by_manager(frame: pd.DataFrame) -> dict[str, list[dict]]:
    """manager_id → that manager's rows as dicts, in the frame's order."""
    out: dict[str, list[dict]] = defaultdict(list)
    for row in frame.to_dict("records"):
        out[row["manager_id"]].append(row)
    return out


def indicator_rows(values: list[dict], scored: list[dict], role: str,
                   template: AttestationTemplate) -> list[dict]:
    """Every indicator of the template, in its order: ``component, indicator, name, unit, value,
    norm`` (the value that scores 100 for the role) and ``score`` (None when not scored)."""
    value_of = {(r["component"], r["indicator"]): r["value"] for r in values}
    score_of = {(r["component"], r["indicator"]): r["score"] for r in scored}
    return [
        {"component": ckey, "indicator": ikey, "name": ind.name, "unit": comp.unit_of(ikey),
         "value": _num(value_of.get((ckey, ikey))), "norm": _num(comp.scale(ikey, role).full),
         "score": _num(score_of.get((ckey, ikey)))}
        for ckey, comp in template.components.items()
        for ikey, ind in comp.indicators.items()
    ]


def build(
    eng: Engine,
    period: Quarter | Half,
    department: str = "",
    template: AttestationTemplate | None = None,
    *,
    calendar: ProductionCalendar | None = None,
    fresh: bool = False,
) -> list[dict]:
    """The sheet payload of every manager of ``department`` ("" = all) employed at the period's
    end, by name, with their attestations of earlier periods as history. A finalised
    attestation is returned as it was finalised unless ``fresh``."""
    template = template or load_template()
    ev = evidence.collect(eng, period, template, department, calendar=calendar)
    scored, comps, results = scoring.assess(ev.managers, ev.values, template)
    past = records.history(eng)
    past = past[[parse_period(k).end < period.start for k in past["period"]]]
    parts = {name: by_manager(frame) for name, frame in {
        "values": ev.values, "scored": scored, "comps": comps, "monthly": ev.monthly, "kpi": ev.kpi,
        "reviews": ev.reviews, "criteria": ev.criteria, "tests": ev.tests,
        "past": past,
    }.items()}
    context = {
        "template": template, "period": period, "edits": inputs.edited_plans(eng, period),
        "results": {r["manager_id"]: r for r in results.to_dict("records")},
        "reviewed": ev.reviewed_calls.to_dict(),
        "common": {
            "period": {"key": str(period), "label": period.label, "start": period.start.isoformat(),
                       "end": period.end.isoformat()},
            "company": company().name,
            "commission": [m.model_dump() for m in template.commission],
        },
    }
    finalised = {} if fresh else records.payloads(eng, str(period))
    return [
        finalised.get(m["manager_id"])
        or _payload(m, {name: rows.get(m["manager_id"], []) for name, rows in parts.items()}, context)
        for m in ev.managers.to_dict("records")
    ]


def _reasons(m: dict, result: dict, reviewed: int, template: AttestationTemplate) -> list[str]:
    notes = [  # evidence gives one reason of its own: few_days
        labels.ATTESTATION[key].format(days=labels.count(args["days"], "working_day"), needed=args["needed"])
        for key, args in m["reasons"]
    ]
    if m["status"] == scoring.ELIGIBLE and result["decision"] == scoring.INSUFFICIENT:
        notes.append(labels.ATTESTATION["few_components"].format(
            covered=f"{result['covered']:.0f} %", needed=f"{template.eligibility.min_weight_covered:.0f} %"
        ))
    if "call_quality" in template.components and reviewed < template.eligibility.min_reviewed_calls:
        notes.append(labels.ATTESTATION["few_reviews"].format(
            reviews=labels.count(reviewed, "call"), needed=template.eligibility.min_reviewed_calls
        ))
    return notes


def _plan(m: dict, part: dict, indicators: list[dict], decision: str, context: dict) -> dict:
    """The ИПР of a scored manager: the head's edit when there is one, else the draft."""
    plan = {"source": None, "goals": [], "edited_by": None, "edited_at": None}
    if m["status"] != scoring.ELIGIBLE or decision == scoring.INSUFFICIENT:
        return plan
    edited = context["edits"].get(m["manager_id"])
    if edited:
        return {"source": "edited", **edited, "goals": [g.as_dict() for g in edited["goals"]]}
    goals = development.draft_plan(indicators, part["criteria"], context["template"], context["period"],
                                   m["role"])
    return {**plan, "source": "draft", "goals": [g.as_dict() for g in goals]}


def _payload(m: dict, part: dict[str, list[dict]], context: dict) -> dict:
    template, period = context["template"], context["period"]
    result = context["results"][m["manager_id"]]
    reviewed = int(context["reviewed"].get(m["manager_id"], 0))
    eligible = m["status"] == scoring.ELIGIBLE
    decision = result["decision"]
    indicators = indicator_rows(part["values"], part["scored"], m["role"], template)
    strengths, weaknesses = scoring.highlights(indicators, template)
    kpi = part["kpi"][0] if part["kpi"] else {}
    comp_score = {r["component"]: r["score"] for r in part["comps"]}
    test = template.components.get("knowledge_test")
    topics = test.indicators if test else {}
    return {
        **context["common"],
        "department_id": m["department_id"],
        "department": m["department"],
        "manager": {"id": m["manager_id"], "name": m["name"], "role": m["role"],
                    "role_label": labels.ROLES.get(m["role"], m["role"]), "hire_date": _iso(m["hire_date"])},
        "status": m["status"],
        "probation_until": _iso(m["probation_until"]) if m["status"] == scoring.PROBATION else None,
        "reasons": _reasons(m, result, reviewed, template),
        "monthly": [{"month": r["month"], "plan": int(r["plan"]), "fact": int(r["fact"]),
                     "fulfilment": _num(r["fulfilment"])} for r in part["monthly"]],
        "kpi": {key: _int(kpi.get(key)) for key in evidence.KPI_FACTS},
        "indicators": indicators,
        "calls": {
            "reviewed": reviewed,
            "months": [{"month": str(Month.of(r["month"])), "reviews": int(r["reviews"]),
                        "score": _num(r["score"])} for r in part["reviews"]],
            "criteria": [{"name": r["name"], "score": _num(r["score"]), "answers": int(r["answers"])}
                         for r in part["criteria"]],
        },
        "tests": [{"topic": r["topic"], "name": topics[r["topic"]].name, "score": _num(r["score"]),
                   "max_score": _num(r["max_score"]), "pct": _num(r["pct"]), "taken_on": _iso(r["taken_on"])}
                  for r in part["tests"] if r["topic"] in topics],
        "components": [{"key": key, "name": comp.name, "weight": comp.weight,
                        "score": _num(comp_score.get(key)) if eligible else None}
                       for key, comp in template.components.items()],
        "total": _num(result["total"]) if eligible else None,
        "decision": decision,
        "decision_text": labels.ATTESTATION_DECISIONS[decision],
        "reattest_by": (development.deadline(period, template.decision.reattestation_months).isoformat()
                        if decision == scoring.CONDITIONAL else None),
        "strengths": [{"name": r["name"], "score": r["score"]} for r in strengths],
        "weaknesses": [{"name": r["name"], "score": r["score"]} for r in weaknesses],
        "plan": _plan(m, part, indicators, decision, context),
        "history": [{"period": r["period"], "decision": r["decision"], "total": _num(r["total"]),
                     "decision_text": labels.ATTESTATION_DECISIONS.get(r["decision"], r["decision"])}
                    for r in part["past"]],
        "finalised": None,
    }


def finalise(eng: Engine, period: Quarter | Half, manager_ids: list[str], finalised_by: str,
             template: AttestationTemplate | None = None) -> list[dict]:
    """Put the current sheets of ``manager_ids`` on record (immutable from then on), all or none
    of them; returns the stored payloads."""
    template = template or load_template()
    sheets = {p["manager"]["id"]: p for p in build(eng, period, template=template, fresh=True)}
    unknown = [m for m in manager_ids if m not in sheets]
    if unknown:
        raise records.NotAttested(labels.ATTESTATION_ERRORS["not_attested"].format(
            period=period.label, managers=", ".join(unknown)))
    records.store_records(eng, [sheets[m] for m in manager_ids], finalised_by)
    stored = records.payloads(eng, str(period))
    return [stored[m] for m in manager_ids]


SUMMARY_COLUMNS = ["manager_id", "name", "role", "status", "total", "decision", "decision_text",
                   "reattest_by", "finalised"]


def summary(sheets: list[dict]) -> pd.DataFrame:
    """One row per sheet: ``SUMMARY_COLUMNS`` (``total`` NaN when not scored)."""
    return pd.DataFrame([
        {"manager_id": p["manager"]["id"], "name": p["manager"]["name"], "role": p["manager"]["role"],
         "status": p["status"], "total": p["total"], "decision": p["decision"],
         "decision_text": p["decision_text"],
         "reattest_by": date.fromisoformat(p["reattest_by"]) if p["reattest_by"] else None,
         "finalised": p["finalised"] is not None}
        for p in sheets
    ], columns=SUMMARY_COLUMNS)
