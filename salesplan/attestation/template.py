"""The attestation template (``params/attestation.yaml``) as pydantic models.

Components, their indicators, weights and linear scales are data; the component keys and the
KPI and call-quality indicators are the ones ``evidence`` computes, the knowledge-test topics
and the competencies are free lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, model_validator

from salesplan.labels import PARAMS_ERRORS
from salesplan.paramfile import load_yaml_model
from salesplan.periods import Half, Quarter, parse

PERIOD_KINDS = (Quarter, Half)


def parse_period(text: str) -> Quarter | Half:
    """An attestation period: a quarter ``YYYY-Qn`` or a half-year ``YYYY-Hn`` (``periods.parse``)."""
    return parse(text, *PERIOD_KINDS)


KPI_INDICATORS = ("plan_fulfilment", "conversion", "average_check", "activity", "receivables",
                  "client_growth", "active_clients", "new_clients")  # the last three: key accounts
KEY_ACCOUNT = "key_account"
CALL_INDICATORS = ("average", "trend")
FIXED_INDICATORS = {"kpi": KPI_INDICATORS, "call_quality": CALL_INDICATORS}
COMPONENTS = ("kpi", "knowledge_test", "call_quality", "competencies")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scale(_Model):
    """Linear score: ``zero`` scores 0, ``full`` scores 100, clipped to [0, 100].

    score(x) = clip((x − zero) / (full − zero), 0, 1) × 100; ``full < zero`` means lower is better.
    """

    zero: float
    full: float

    @model_validator(mode="after")
    def _distinct(self) -> Scale:
        if self.zero == self.full:
            raise ValueError(PARAMS_ERRORS["scale_equal"].format(value=f"{self.zero:g}"))
        return self

    def score(self, value: float) -> float:
        share = (value - self.zero) / (self.full - self.zero)
        return min(max(share, 0.0), 1.0) * 100

    def value_at(self, score: float) -> float:
        """The value that scores ``score`` (the inverse on the unclipped part)."""
        return self.zero + (self.full - self.zero) * score / 100


class RoleScale(_Model):
    zero: float
    full: float


class Indicator(_Model):
    name: str
    weight: PositiveFloat = 1.0
    unit: str | None = None
    zero: float | None = None
    full: float | None = None
    by_role: dict[str, RoleScale] = Field(default_factory=dict)
    means: str | None = None
    owner: str | None = None


class Component(_Model):
    """A scored part of the attestation; ``unit``, ``zero``, ``full``, ``means`` and ``owner`` are
    the defaults of its indicators."""

    name: str
    weight: float = Field(ge=0)
    unit: str = ""
    zero: float | None = None
    full: float | None = None
    means: str = ""
    owner: str = ""
    indicators: dict[str, Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _scales(self) -> Component:
        for key, ind in self.indicators.items():
            zero = ind.zero if ind.zero is not None else self.zero
            full = ind.full if ind.full is not None else self.full
            if zero is None or full is None:
                raise ValueError(PARAMS_ERRORS["indicator_no_scale"].format(indicator=key))
            if zero == full:
                raise ValueError(
                    PARAMS_ERRORS["indicator_scale_equal"].format(indicator=key, value=f"{zero:g}"))
        return self

    def scale(self, key: str, role: str | None = None) -> Scale:
        ind = self.indicators[key]
        if role in ind.by_role:
            return Scale(zero=ind.by_role[role].zero, full=ind.by_role[role].full)
        return Scale(
            zero=ind.zero if ind.zero is not None else self.zero,
            full=ind.full if ind.full is not None else self.full,
        )

    def unit_of(self, key: str) -> str:
        unit = self.indicators[key].unit
        return self.unit if unit is None else unit

    def means_of(self, key: str) -> str:
        return self.indicators[key].means or self.means

    def owner_of(self, key: str) -> str:
        return self.indicators[key].owner or self.owner


class Member(_Model):
    name: str = ""
    position: str


class Eligibility(_Model):
    probation_months: int = Field(3, ge=0)
    min_days_in_role: int = Field(40, ge=0)
    min_reviewed_calls: int = Field(5, ge=0)
    min_weight_covered: float = Field(70, ge=0, le=100)


class DecisionRules(_Model):
    fits: float = 75
    conditional: float = 55
    component_floor: float | None = 40
    reattestation_months: int = Field(3, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> DecisionRules:
        if not self.conditional < self.fits:
            raise ValueError(PARAMS_ERRORS["conditional_above_fits"].format(
                conditional=f"{self.conditional:g}", fits=f"{self.fits:g}"))
        return self


class Highlights(_Model):
    strength_min: float = 80
    weakness_below: float = 60
    max_items: int = Field(3, ge=1)


class DevelopmentRules(_Model):
    min_goals: int = Field(3, ge=1)
    max_goals: int = Field(5, ge=1)
    max_criteria_goals: int = Field(2, ge=0)
    target_score: float = Field(75, gt=0, le=100)
    deadline_months: int = Field(3, ge=1)
    criteria_means: str
    criteria_owner: str

    @model_validator(mode="after")
    def _ordered(self) -> DevelopmentRules:
        if self.min_goals > self.max_goals:
            raise ValueError(PARAMS_ERRORS["goals_order"].format(
                min_goals=self.min_goals, max_goals=self.max_goals))
        return self


class AttestationTemplate(_Model):
    """``params/attestation.yaml``."""

    period: Literal["quarter", "half_year"] = "quarter"
    commission: list[Member] = Field(default_factory=list)
    eligibility: Eligibility = Field(default_factory=Eligibility)
    decision: DecisionRules = Field(default_factory=DecisionRules)
    highlights: Highlights = Field(default_factory=Highlights)
    development: DevelopmentRules
    components: dict[str, Component] = Field(min_length=1)

    @model_validator(mode="after")
    def _known(self) -> AttestationTemplate:
        unknown = set(self.components) - set(COMPONENTS)
        if unknown:
            raise ValueError(PARAMS_ERRORS["unknown_components"].format(
                unknown=", ".join(sorted(unknown)), known=", ".join(COMPONENTS)))
        for comp, allowed in FIXED_INDICATORS.items():
            extra = set(self.components.get(comp, Component.model_construct(indicators={})).indicators)
            extra -= set(allowed)
            if extra:
                raise ValueError(PARAMS_ERRORS["unknown_indicators"].format(
                    component=comp, unknown=", ".join(sorted(extra)), known=", ".join(allowed)))
        total = sum(c.weight for c in self.components.values())
        if abs(total - 100) > 1e-9:
            raise ValueError(PARAMS_ERRORS["component_weights"].format(total=f"{total:g}"))
        return self

    @property
    def period_kind(self) -> type[Quarter] | type[Half]:
        """The kind of period attested: ``Quarter`` or ``Half``."""
        return Quarter if self.period == "quarter" else Half


def load_template(path: Path | None = None) -> AttestationTemplate:
    """``params/attestation.yaml`` from the validated settings, or the template file ``path``."""
    if path is not None:
        return load_yaml_model(path, AttestationTemplate)
    from salesplan.settings import settings  # the settings are built from this module's model

    return settings().attestation
