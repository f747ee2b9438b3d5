"""The rationale of a plan in Russian: why the department number, and each manager's share of it."""

from __future__ import annotations

from salesplan import labels
from salesplan.money import fmt_percent, fmt_rub
from salesplan.periods import Month
from salesplan.plan.growth import growth_multiplier
from salesplan.plan.model import PlanResult


def _signed_percent(fraction: float) -> str:
    return ("+" if fraction >= 0 else "") + fmt_percent(fraction * 100)


def explain(result: PlanResult) -> str:
    """Why the department plan is what it is: the method's numbers and the decomposition key."""
    ctx, inputs = result.context, result.inputs
    text = labels.PLAN_EXPLAIN
    if inputs.method == "history":
        g = growth_multiplier(inputs.growth_factors(), inputs.combine) - 1
        shown = {k: v for k, v in inputs.factors.items() if v}
        factors = ", ".join(
            f"{labels.PLAN_FACTORS.get(k, k).lower()} {_signed_percent(v)}" for k, v in shown.items()
        )
        head = text["history_growth" if inputs.growth is not None else "history"].format(
            month_ly=Month.parse(ctx.last_year_month).label,
            last_year=fmt_rub(ctx.last_year_total),
            days=ctx.working_days,
            days_ly=ctx.last_year_days,
            growth=_signed_percent(g),
            factors=factors or text["no_factors"],
        )
    elif inputs.method == "trend":
        index = ctx.seasonal[Month.parse(inputs.month).month - 1]
        head = text["trend"].format(index=f"{index:.2f}".replace(".", ","))
    elif inputs.method == "funnel":
        head = text["funnel"]
    else:
        top_down = result.proposal_totals.get("history")
        head = text["bottom_up"].format(
            top_down=fmt_rub(top_down * 100) if top_down is not None else "—"
        )
    parts = [head]
    if inputs.method != "bottom_up":
        parts.append(text["key"].format(key=labels.PLAN_KEYS[inputs.key].lower()))
    if inputs.rationale.strip():
        parts.append(inputs.rationale.strip())
    return " ".join(parts)


def manager_notes(result: PlanResult) -> dict[str, str]:
    """Each manager's own line: their plan, share, last year, best month, capacity, ramp-up."""
    ctx, text = result.context, labels.PLAN_EXPLAIN
    ramp = result.inputs.ramp_up
    notes = {}
    for i, manager in enumerate(ctx.manager_ids):
        share = result.plan[i] / result.total * 100 if result.total else 0.0
        parts = [
            text["manager"].format(
                plan=fmt_rub(result.plan[i]),
                share=fmt_percent(share),
                last_year=fmt_rub(ctx.last_year[i]),
                best=fmt_rub(ctx.best_month[i]),
                capacity=fmt_rub(result.capacity[i]),
            )
        ]
        if result.fixed[i]:
            parts.append(text["fixed"])
        if ctx.tenure[i] < len(ramp):
            parts.append(
                text["ramp"].format(
                    months=labels.count(ctx.tenure[i] + 1, "month"),
                    ramp=f"{ramp[ctx.tenure[i]]:.2f}".replace(".", ","),
                )
            )
        notes[manager] = " ".join(parts)
    return notes
