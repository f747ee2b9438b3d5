"""Demo call reviews for the demo department: a few months by three reviewers.

Deterministic (fixed seed). Each selling manager has an ability per call stage with a weak
spot of their own; the newest hire starts low and improves month by month. A call's true
quality per criterion is drawn from that ability; each reviewer sees it through their own
bias (one lenient, one strict) and noise, larger on the criteria that are hard to judge
(«ценность», «язык клиента»), so calibration has something to show. Calls whose deal moved
forward were, in truth, better at needs and the next step. About one call in seven is
reviewed by a second reviewer, a few reviews are edited once (a second revision), and one
manager is under-sampled in the last month.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from salesplan import store
from salesplan.periods import Month, ordinals
from salesplan.reviews.analysis import deal_moved_forward
from salesplan.reviews.repository import (
    ReviewInput,
    current_reviews,
    load_review,
    save_reviews,
)
from salesplan.reviews.templates import REVIEWED_ROLES, Template, load_templates

SEED = 20260501
MONTHS = 4
REVIEWERS = {  # name → (bias in share of the scale, noise)
    "Орлова Анна": (0.0, 0.08),
    "Крылов Денис": (0.09, 0.10),
    "Савина Мария": (-0.07, 0.09),
}
HARD_TO_JUDGE = {"value": 0.22, "client_language": 0.2, "relationship": 0.15}
WEAK_SPOTS = ["objections", "closing", "needs", "presentation", "contact"]
NA_CHANCE = {"objections": 0.35, "presentation": 0.2, "closing": 0.3}
SECOND_REVIEW = 0.15
REVISED = 0.04
COMMENTS = {
    "objections": "Возражение «дорого» не уточнил, сразу предложил скидку.",
    "closing": "Разговор закончился без договорённости о дате следующего шага.",
    "needs": "Мало вопросов о ситуации клиента, сразу перешёл к презентации.",
    "presentation": "Перечислял характеристики без связи с задачами клиента.",
    "contact": "Долгое вступление, цель звонка прозвучала только на второй минуте.",
}
OVERALL = [
    "Хороший темп разговора, клиент вовлечён.",
    "Разобрать звонок на планёрке как пример.",
    "Нужна тренировка по скрипту работы с возражениями.",
    "Стабильно, без грубых ошибок.",
]


def _months(end_month: str) -> list[Month]:
    end = Month.parse(end_month)
    return (end - (MONTHS - 1)).through(end)


def _abilities(managers: pd.DataFrame, rng: np.random.Generator) -> dict[str, dict[str, float]]:
    """Ability (0–1) per manager and section; the weak spot is 0.3 lower."""
    out = {}
    for i, m in enumerate(managers.itertuples(index=False)):
        base = rng.uniform(0.68, 0.85)
        ability = {s: base + rng.normal(0, 0.05) for s in WEAK_SPOTS + ["standards"]}
        ability[WEAK_SPOTS[i % len(WEAK_SPOTS)]] -= 0.3
        out[m.id] = ability
    return out


def _to_scale(quality: float, points: tuple[float, ...]) -> float:
    """The scale point nearest to ``quality`` given as a share of the scale (0 lowest, 1 top)."""
    low, high = points[0], points[-1]
    shares = [(p - low) / (high - low) for p in points]
    return points[int(np.argmin([abs(quality - s) for s in shares]))]


def _pick(pool: pd.DataFrame, wanted: int, rng: np.random.Generator) -> pd.DataFrame:
    """Calls to review: up to half of them on deals (trainers follow live deals), the rest any."""
    on_deals = pool[pool["deal_id"].notna()]
    first = on_deals.iloc[rng.choice(len(on_deals), min(wanted // 2, len(on_deals)), replace=False)]
    rest = pool.drop(first.index)
    second = rest.iloc[rng.choice(len(rest), min(wanted - len(first), len(rest)), replace=False)]
    return pd.concat([first, second]).sort_values(["started_at", "id"])


def _truth(template: Template, ability: dict[str, float], forward: bool, rng) -> dict:
    """True quality (share of the scale, or None for N/A) of each criterion of one call."""
    truth = {}
    for section, crit in template.items:
        if crit.na_allowed and rng.random() < NA_CHANCE.get(section.id, 0.25):
            truth[crit.id] = None
            continue
        level = ability[section.id] + (0.2 if forward and section.id in ("needs", "closing") else 0)
        if crit.critical:
            level = 0.0 if rng.random() < 0.025 else 1.0
        truth[crit.id] = float(np.clip(level + rng.normal(0, 0.15), 0, 1))
    return truth


def _rate(template: Template, truth: dict, reviewer: str, rng) -> dict[str, float | None]:
    bias, noise = REVIEWERS[reviewer]
    answers: dict[str, float | None] = {}
    for crit_id, quality in truth.items():
        crit = template.criteria[crit_id]
        if quality is None:
            answers[crit_id] = None
        elif crit.critical:
            answers[crit_id] = crit.scale_def.min_points if quality == 0 else crit.scale_def.max_points
        else:
            seen = quality + bias + rng.normal(0, noise + HARD_TO_JUDGE.get(crit_id, 0.0))
            answers[crit_id] = _to_scale(float(np.clip(seen, 0, 1)), crit.scale_def.points)
    return answers


def _comments(template: Template, answers: dict, rng) -> tuple[dict[str, str], str]:
    """A comment on the weakest section, and sometimes an overall one."""
    per_section = {}
    for section in template.sections:
        scored = [answers[c.id] / c.max_points for c in section.criteria if answers[c.id] is not None]
        if scored:
            per_section[section.id] = float(np.mean(scored))
    weakest = min(per_section, key=per_section.get)
    sections = {weakest: COMMENTS[weakest]} if weakest in COMMENTS and per_section[weakest] < 0.6 else {}
    overall = OVERALL[int(rng.integers(len(OVERALL)))] if rng.random() < 0.5 else ""
    return sections, overall


def seed_demo(eng: Engine, end_month: str) -> None:
    """Add the demo reviews of the ``MONTHS`` months up to ``end_month`` (idempotent)."""
    templates = load_templates()
    rng = np.random.default_rng(SEED)
    managers = store.read_table(eng, "managers")
    managers = managers[managers["role"].isin(REVIEWED_ROLES)].sort_values("id").reset_index(drop=True)
    template_of = {role: next(t for t in templates.values() if role in t.roles) for role in REVIEWED_ROLES}
    months = _months(end_month)
    c = store.calls
    query = (
        select(c.c.id, c.c.started_at, c.c.manager_id, c.c.duration_s, c.c.deal_id)
        .where(c.c.started_at >= pd.Timestamp(months[0].start).to_pydatetime())
        .order_by(c.c.started_at, c.c.id)
    )
    with eng.connect() as conn:
        calls = pd.read_sql(query, conn, parse_dates=["started_at"])
    moved = deal_moved_forward(calls, store.read_table(eng, "deals"))
    forward = set(moved.loc[moved["forward"], "call_id"])
    abilities = _abilities(managers, rng)
    newest = managers.sort_values(["hire_date", "id"]).iloc[-1]["id"] if len(managers) else None
    last_day = pd.Timestamp(months[-1].start)
    active = managers[managers["leave_date"].isna() | (managers["leave_date"] >= last_day)]
    under_sampled = active.iloc[len(active) // 2]["id"] if len(active) else None
    reviewers = list(REVIEWERS)
    batch: list[ReviewInput] = []
    call_months = ordinals(calls["started_at"], Month)
    for month_no, month in enumerate(months):
        in_month = calls[call_months == month.ordinal]
        for m in managers.itertuples(index=False):
            hired = pd.isna(m.hire_date) or Month.of(m.hire_date) <= month
            left = not pd.isna(m.leave_date) and Month.of(m.leave_date) < month
            pool = in_month[(in_month["manager_id"] == m.id) & (in_month["duration_s"] >= 60)]
            if not hired or left or pool.empty:
                continue
            template = template_of[m.role]
            ability = dict(abilities[m.id])
            if m.id == newest:  # ramping up: starts low, gains every month
                ability = {s: v - 0.25 + 0.08 * month_no for s, v in ability.items()}
            wanted = 7 if m.id == newest else 5
            if m.id == under_sampled and month == months[-1]:
                wanted = 2
            picks = _pick(pool, wanted, rng)
            for call in picks.itertuples(index=False):
                truth = _truth(template, ability, call.id in forward, rng)
                first = reviewers[int(rng.integers(len(reviewers)))]
                who = [first]
                if rng.random() < SECOND_REVIEW:
                    who.append(reviewers[(reviewers.index(first) + 1 + int(rng.integers(2))) % 3])
                for reviewer in who:
                    answers = _rate(template, truth, reviewer, rng)
                    sections, overall = _comments(template, answers, rng)
                    delay = pd.Timedelta(days=int(rng.integers(1, 5)), hours=int(rng.integers(9, 18)))
                    batch.append(
                        ReviewInput(
                            template_id=template.id,
                            manager_id=m.id,
                            reviewer=reviewer,
                            call_id=call.id,
                            answers=answers,
                            comment=overall,
                            section_comments=sections,
                            created_at=(call.started_at.normalize() + delay).to_pydatetime(),
                            uid=f"demo-{call.id}-{reviewers.index(reviewer)}",
                        )
                    )
    existing = set(current_reviews(eng)["uid"])
    fresh = [r for r in batch if r.uid not in existing]
    save_reviews(eng, fresh, templates)
    _revise_some(eng, fresh, rng)


def _revise_some(eng: Engine, saved: list[ReviewInput], rng: np.random.Generator) -> None:
    """Edit a few reviews once: a criterion re-scored after a second listen, with a note."""
    heads = current_reviews(eng).set_index("uid")
    edits = []
    for review in saved:
        if rng.random() >= REVISED:
            continue
        stored = load_review(eng, int(heads.loc[review.uid, "review_id"]))
        crit_id = next((c for c, p in stored.answers.items() if p == 0.0), None)
        if crit_id is None:
            continue
        answers = dict(stored.answers, **{crit_id: 1.0})
        when = heads.loc[review.uid, "created_at"] + pd.Timedelta(days=1)
        edits.append(
            stored.model_copy(
                update={
                    "answers": answers,
                    "comment": (stored.comment + " Переслушал запись: критерий выполнен.").strip(),
                    "created_at": when.to_pydatetime(),
                }
            )
        )
    save_reviews(eng, edits)
