"""The attestation sheet: a payload (``assessment.build``) → printable A4 HTML.

Numbers are formatted the Russian way here (``salesplan.money``); the templates only place
strings, all of them escaped. A sheet's body (``attestation_sheet_body.html.j2``) and the
department summary (``attestation_summary_body.html.j2``) are fragments; the page template
``attestation_sheet.html.j2`` holds one of them (a sheet's file) or all of them (the whole pack
as one document for printing). The charts are PNG images inlined as base64, so every page is
one self-contained file.
"""

from __future__ import annotations

import base64
import io
from datetime import date
from functools import lru_cache

import numpy as np
from markupsafe import Markup
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from salesplan import labels, money
from salesplan.attestation.template import parse_period
from salesplan.periods import Month
from salesplan.printing import render

L = labels.ATTESTATION


# Sheets repeat the same figures (norms, ratings, scores with one decimal): the Babel formats
# are memoised, which saves most of a sheet's formatting time in a batch.
fmt_number = lru_cache(maxsize=8192)(money.fmt_number)
fmt_percent = lru_cache(maxsize=8192)(money.fmt_percent)
fmt_rub = money.fmt_rub
F = labels.ATTESTATION_FACTS


def fmt_date(iso: str | None, missing: str = "—") -> str:
    return date.fromisoformat(iso[:10]).strftime("%d.%m.%Y") if iso else missing


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return L["no_data"]
    if unit == "%":
        return fmt_percent(value, 1)
    return f"{fmt_number(value, 1)} {unit}".strip()


def _points(value: float) -> str:
    return fmt_number(value, 0 if float(value).is_integer() else 1)


def _score(value: float | None) -> str:
    return fmt_number(value, 1)


class _Chart:
    """Monthly plan fulfilment (bars, %, with the 100 % line) and call score (line, 0–100).

    The axes, ticks and titles are drawn once per period and kept as a bitmap; each manager's
    chart restores it and draws only the bars and the line (blitting), several times faster
    than drawing a figure per manager.
    """

    CAP = 160  # % of plan at the top of the bar axis; higher months are drawn to the top

    def __init__(self, months: tuple[str, ...]):
        self.fig = Figure(figsize=(6.6, 1.4), dpi=120)
        self.canvas = FigureCanvasAgg(self.fig)
        self.bars, self.line = self.fig.subplots(1, 2)
        self.fig.subplots_adjust(left=0.06, right=0.99, bottom=0.17, top=0.84, wspace=0.15)
        x = np.arange(len(months))
        ticks = [Month.parse(m).short_name for m in months]
        self.fulfilment = self.bars.bar(x, np.zeros(len(x)), 0.55, color="#2f6db5", animated=True)
        self.bars.axhline(100, color="#888888", linewidth=0.8, linestyle="--")
        self.bars.set_ylim(0, self.CAP)
        self.bars.set_title(L["chart_fulfilment"], fontsize=7)
        (self.score,) = self.line.plot(x, np.full(len(x), np.nan), marker="o", color="#c0392b",
                                       animated=True)
        self.line.set_ylim(0, 100)
        self.line.set_xlim(-0.5, len(x) - 0.5)
        self.line.set_title(L["chart_calls"], fontsize=7)
        for ax in (self.bars, self.line):
            ax.set_xticks(x, ticks)
            ax.tick_params(labelsize=6)
            ax.spines[["top", "right"]].set_visible(False)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.fig.bbox)

    def png(self, fulfilment: list[float | None], scores: list[float | None]) -> str:
        self.canvas.restore_region(self.background)
        for bar, value in zip(self.fulfilment, fulfilment, strict=True):
            bar.set_height(0 if value is None else min(value, self.CAP))
            self.bars.draw_artist(bar)
        self.score.set_ydata([np.nan if v is None else v for v in scores])
        self.line.draw_artist(self.score)
        rgba = Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba())
        image = rgba.convert("RGB")
        buf = io.BytesIO()
        image.save(buf, format="PNG", compress_level=1)
        return base64.b64encode(buf.getvalue()).decode("ascii")


@lru_cache(maxsize=4)
def _chart(months: tuple[str, ...]) -> _Chart:
    return _Chart(months)


def chart(payload: dict) -> str | None:
    """Base64 PNG of the period by month: plan fulfilment % and the mean call score."""
    monthly = payload["monthly"]
    if not monthly:
        return None
    scores = {r["month"]: r["score"] for r in payload["calls"]["months"]}
    months = tuple(r["month"] for r in monthly)
    return _chart(months).png([r["fulfilment"] for r in monthly], [scores.get(m) for m in months])


def view(payload: dict) -> dict:
    """The payload as display strings for ``attestation_sheet_body.html.j2``."""
    p, kpi = payload, payload["kpi"]
    scored = p["status"] == "eligible" and p["total"] is not None
    names = {c["key"]: c["name"] for c in p["components"]}
    indicators: dict[str, list[dict]] = {}
    for row in p["indicators"]:
        indicators.setdefault(names[row["component"]], []).append({
            "name": row["name"], "value": fmt_value(row["value"], row["unit"]),
            "norm": fmt_value(row["norm"], row["unit"]), "score": _score(row["score"] if scored else None),
        })
    if p["status"] == "probation":
        notice = L["probation_note"].format(hire=fmt_date(p["manager"]["hire_date"]),
                                            until=fmt_date(p["probation_until"]))
    else:
        notice = None if scored else L["insufficient_note"].format(reasons="; ".join(p["reasons"]))
    dates = L["dates"].format(start=fmt_date(p["period"]["start"]), end=fmt_date(p["period"]["end"]))
    plan = p["plan"]
    return {
        "L": L,
        "anchor": anchor(p),
        "state": (L["finalised"].format(at=fmt_date(p["finalised"]["at"]), by=p["finalised"]["by"])
                  if p["finalised"] else L["draft"]),
        "header": [
            (L["company"], p["company"]), (L["department"], p["department"]),
            (L["manager"], p["manager"]["name"]), (L["role"], p["manager"]["role_label"]),
            (L["hire_date"], fmt_date(p["manager"]["hire_date"])),
            (L["period"], f"{p['period']['label']} ({dates})"),
        ],
        "commission": p["commission"],
        "notice": notice,
        "notes": p["reasons"] if scored else [],
        "monthly": [
            {"month": Month.parse(r["month"]).name,
             "plan": fmt_rub(r["plan"]) if r["plan"] else L["no_plan"], "fact": fmt_rub(r["fact"]),
             "fulfilment": fmt_percent(r["fulfilment"], 1)}
            for r in p["monthly"]
        ],
        "facts": [
            (F["deals_won"], fmt_number(kpi["deals_won"])),
            (F["avg_check"], fmt_rub(kpi["avg_check"])),
            (F["leads"], f"{fmt_number(kpi['leads'])} / {fmt_number(kpi['leads_converted'])}"),
            (F["calls"], f"{fmt_number(kpi['calls'])} / {fmt_number(kpi['calls_norm'])}"),
            (F["receivables"], f"{fmt_rub(kpi['outstanding'])} / {fmt_rub(kpi['overdue'])}"),
            (F["reviewed"], fmt_number(p["calls"]["reviewed"])),
        ],
        "chart": chart(p),
        "indicators": indicators,
        "criteria": [{"name": c["name"], "score": fmt_percent(c["score"], 0)}
                     for c in p["calls"]["criteria"]],
        "tests": [{"name": t["name"], "pct": fmt_percent(t["pct"], 0), "taken_on": fmt_date(t["taken_on"]),
                   "result": f"{_points(t['score'])} / {_points(t['max_score'])}"} for t in p["tests"]],
        "scored": scored,
        "components": [{"name": c["name"], "weight": fmt_number(c["weight"]),
                        "score": L["no_data"] if c["score"] is None else fmt_number(c["score"], 1)}
                       for c in p["components"]],
        "total": _score(p["total"]),
        "decision": p["decision_text"],
        "reattest": L["reattest_by"].format(date=fmt_date(p["reattest_by"])) if p["reattest_by"] else None,
        "strengths": [f"{s['name']} — {fmt_number(s['score'], 0)}" for s in p["strengths"]],
        "weaknesses": [f"{s['name']} — {fmt_number(s['score'], 0)}" for s in p["weaknesses"]],
        "plan_note": (L["plan_edited"].format(by=plan["edited_by"], at=fmt_date(plan["edited_at"]))
                      if plan["source"] == "edited" else L["plan_draft"]),
        "goals": [{**g, "deadline": fmt_date(g["deadline"])} for g in plan["goals"]],
        "history": [{"period": parse_period(h["period"]).label, "decision": h["decision_text"],
                     "total": _score(h["total"])} for h in p["history"]],
        "manager_name": p["manager"]["name"],
    }


def anchor(payload: dict) -> str:
    """The id of a sheet's section; its title links to it, so a printed PDF has a named
    destination on the sheet's first page."""
    return f"sheet-{payload['manager']['id']}"


def sheet_body(payload: dict) -> Markup:
    """One manager's sheet as an HTML fragment (escaped)."""
    return Markup(render("attestation_sheet_body.html.j2", **view(payload)))


def summary_body(sheets: list[dict], links: list[str], *, department: str, period_label: str,
                 company_name: str, commission: list[dict]) -> Markup:
    """The department's decision summary as an HTML fragment: every sheet's total and decision
    (the name links to ``links[i]``), and how many managers got each decision."""
    counts: dict[str, int] = {}
    for p in sheets:
        counts[p["decision_text"]] = counts.get(p["decision_text"], 0) + 1
    rows = [{"name": p["manager"]["name"], "link": link, "role": p["manager"]["role_label"],
             "total": _score(p["total"]),
             "decision": p["decision_text"], "reattest": fmt_date(p["reattest_by"], ""),
             "state": L["state_final"] if p["finalised"] else L["state_draft"]}
            for p, link in zip(sheets, links, strict=True)]
    return Markup(render(
        "attestation_summary_body.html.j2", L=L, title=f"{L['summary_title']} — {period_label}",
        company=company_name, department=department, period=period_label, rows=rows,
        counts=sorted(counts.items(), key=lambda kv: -kv[1]), commission=commission,
    ))


def page(title: str, parts: list[tuple[str, Markup]]) -> str:
    """A whole HTML page holding ``parts`` (``(anchor id or "", sheet or summary fragment)``),
    each from a new page."""
    return render("attestation_sheet.html.j2", title=title, parts=parts)


def render_sheet(payload: dict) -> str:
    """One manager's sheet as a page."""
    return page(f"{L['title']} — {payload['manager']['name']} — {payload['period']['label']}",
                [(anchor(payload), sheet_body(payload))])
