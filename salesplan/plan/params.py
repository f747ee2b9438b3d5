"""``params/plan.yaml``: the plan model's defaults (factors, ramp-up, rates, realism thresholds)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from salesplan.labels import PARAMS_ERRORS

Method = Literal["history", "trend", "funnel", "bottom_up"]
Key = Literal["history", "capacity", "equal"]
Combine = Literal["additive", "multiplicative"]

FACTORS = ("market", "prices", "marketing", "new_hires", "lost_clients")  # the defaults' names
MAX_FACTOR_NAME = 60


def check_factors(value: dict[str, float]) -> dict[str, float]:
    """Named growth factors as fractions: any name (the standard ones, or the company's own:
    competitors, currency, capacity…), each above −1 (−100 %) and at most 10 (+1000 %)."""
    out = {}
    for name, fraction in value.items():
        name = " ".join(str(name).split())
        if not name or len(name) > MAX_FACTOR_NAME:
            raise ValueError(PARAMS_ERRORS["factor_name"].format(name=name, limit=MAX_FACTOR_NAME))
        fraction = float(fraction)
        if not -1 < fraction <= 10:
            raise ValueError(PARAMS_ERRORS["factor_value"].format(name=name, value=fraction))
        out[name] = fraction
    return out


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rates(_Strict):
    """Activity per qualified lead when no manager of the department has their own history of
    it (each manager's own rates come from history, ``salesplan.plan.funnel``)."""

    lead_to_proposal: float = Field(1.0, gt=0, le=1)
    meeting_to_lead: float = Field(0.5, gt=0, le=1)
    call_to_meeting: float = Field(0.1, gt=0, le=1)
    minutes_per_call: float = Field(3.0, ge=0)
    workdays_per_week: int = Field(5, ge=1, le=7)


class Realism(_Strict):
    best_month_threshold: float = Field(0.2, ge=0)
    capacity_threshold: float = Field(0.1, ge=0)
    min_pipeline_coverage: float = Field(0.5, ge=0)


class PlanParams(_Strict):
    """The whole file; every key has a default, unknown keys are errors."""

    method: Method = "history"
    combine: Combine = "additive"
    factors: dict[str, float] = Field(default_factory=lambda: dict.fromkeys(FACTORS, 0.0))
    key: Key = "capacity"
    history_window_months: int = Field(12, ge=1, le=36)
    funnel_window_months: int = Field(6, ge=1, le=36)
    ramp_up: list[float] = Field(default_factory=lambda: [0.3, 0.5, 0.7, 0.9])
    min_won_deals_for_own_rates: int = Field(5, ge=0)
    rates: Rates = Field(default_factory=Rates)
    realism: Realism = Field(default_factory=Realism)

    @field_validator("factors")
    @classmethod
    def _factors(cls, value: dict[str, float]) -> dict[str, float]:
        return check_factors(value)

    @field_validator("ramp_up")
    @classmethod
    def _ramp_in_unit_interval(cls, value: list[float]) -> list[float]:
        if any(not 0 <= v <= 1 for v in value):
            raise ValueError(PARAMS_ERRORS["ramp_up_range"])
        return value


def plan_params() -> PlanParams:
    """``params/plan.yaml`` from the validated settings (the defaults when the file is absent)."""
    from salesplan.settings import settings  # the settings are built from this module's model

    return settings().plan
