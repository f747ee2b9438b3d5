"""``params/control.yaml``: how the plan – fact – deviation reports count."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from salesplan.control.clients import ClientParams
from salesplan.control.contests import Contest
from salesplan.labels import PARAMS_ERRORS
from salesplan.money import to_kopecks
from salesplan.paramfile import load_optional
from salesplan.periods import Month

RunKind = Literal["daily", "weekly", "monthly"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AsOfDayCounts(_Model):
    """Whether the as-of day counts as worked, per scheduled run."""

    daily: bool = False
    weekly: bool = True
    monthly: bool = True


class Stage(_Model):
    name: str
    probability: float = Field(ge=0, le=100)  # percent


class Norms(_Model):
    """Activity norms of one manager."""

    calls_per_day: float = Field(ge=0)
    minutes_per_day: float = Field(ge=0)
    meetings_per_week: float = Field(ge=0)
    proposals_per_week: float = Field(ge=0)


class ActivityNorms(_Model):
    default: Norms = Norms(calls_per_day=40, minutes_per_day=90, meetings_per_week=5,
                           proposals_per_week=8)
    by_role: dict[str, Norms] = Field(default_factory=dict)

    def for_role(self, role: str | None) -> Norms:
        return self.by_role.get(role or "", self.default)


class ActivityResults(_Model):
    """Call results (compared in lower case) that count as a meeting set or a proposal sent."""

    meeting: list[str] = Field(default_factory=lambda: ["встреча", "meeting"])
    proposal: list[str] = Field(default_factory=lambda: ["кп", "proposal"])


class Hygiene(_Model):
    open_deal_limit: int = Field(default=40, ge=1)
    stale_days: int = Field(default=30, ge=1)


class Receivables(_Model):
    top_debtors: int = Field(default=10, ge=1)


class Forecast(_Model):
    simulations: int = Field(default=10_000, ge=100)
    seed: int = 20261
    history_months: int = Field(default=6, ge=1)
    interval: float = Field(default=80, gt=0, lt=100)  # percent


DEFAULT_STAGES = [
    Stage(name=n, probability=p)
    for n, p in [("контакт", 10), ("потребность", 25), ("презентация", 40), ("возражения", 60),
                 ("финальное предложение", 75), ("принятие решения", 90), ("закрыто", 100)]
]


class ControlParams(_Model):
    """The whole file; every key has a default, so an empty file is valid."""

    fact_source: Literal["auto", "payments", "won_deals"] = "auto"  # see frames.resolve_fact_source
    as_of_day_counts: AsOfDayCounts = AsOfDayCounts()
    stages: list[Stage] = Field(default_factory=lambda: list(DEFAULT_STAGES), min_length=1)
    checkpoints: list[time] = Field(
        default_factory=lambda: [time(12), time(16), time(18)], min_length=1
    )
    activity_norms: ActivityNorms = ActivityNorms()
    activity_results: ActivityResults = ActivityResults()
    hygiene: Hygiene = Hygiene()
    receivables: Receivables = Receivables()
    forecast: Forecast = Forecast()
    marketing_spend: dict[str, Decimal] = Field(default_factory=dict)  # YYYY-MM → roubles
    channel_spend: dict[str, dict[str, Decimal]] = Field(default_factory=dict)  # month → source → ₽
    contests: list[Contest] = Field(default_factory=list)
    clients: ClientParams = ClientParams()

    @field_validator("stages")
    @classmethod
    def _unique_stages(cls, stages: list[Stage]) -> list[Stage]:
        names = [s.name.strip().casefold() for s in stages]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(PARAMS_ERRORS["stages_repeat"].format(names=", ".join(dupes)))
        return stages

    @field_validator("checkpoints")
    @classmethod
    def _sorted_checkpoints(cls, checkpoints: list[time]) -> list[time]:
        return sorted(set(checkpoints))

    @field_validator("marketing_spend")
    @classmethod
    def _months(cls, spend: dict[str, Decimal]) -> dict[str, Decimal]:
        for month, amount in spend.items():
            if amount < 0:
                raise ValueError(PARAMS_ERRORS["negative_spend"].format(month=month))
        return {str(Month.parse(month)): amount for month, amount in spend.items()}

    @field_validator("channel_spend")
    @classmethod
    def _channel_months(cls, spend: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, Decimal]]:
        for month, sources in spend.items():
            for amount in sources.values():
                if amount < 0:
                    raise ValueError(PARAMS_ERRORS["negative_spend"].format(month=month))
        return {str(Month.parse(month)): sources for month, sources in spend.items()}

    def channel_spend_kopecks(self, months: list[str]) -> dict[str, int]:
        """Each source's spend over ``months`` in kopecks (sources with none given are absent)."""
        out: dict[str, int] = {}
        for month in months:
            for source, amount in self.channel_spend.get(month, {}).items():
                out[source] = out.get(source, 0) + to_kopecks(amount)
        return out

    def stage_probabilities(self) -> dict[str, float]:
        """Stage name (case-folded) → probability as a fraction 0…1."""
        return {s.name.strip().casefold(): s.probability / 100 for s in self.stages}

    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def spend_kopecks(self, month: str) -> int | None:
        """Marketing spend of ``month`` in kopecks, None when not given."""
        amount = self.marketing_spend.get(month)
        return None if amount is None else to_kopecks(amount)


def control_params(path: Path | None = None) -> ControlParams:
    """``params/control.yaml`` from the validated settings (or the file ``path``); defaults when
    the file is absent."""
    if path is not None:
        return load_optional(path, ControlParams)
    from salesplan.settings import settings  # the settings are built from this module's model

    return settings().control
