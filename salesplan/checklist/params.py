"""``params/checklist.yaml``: the express self-assessment's areas and points.

Each point has an ``id``, its ``text`` (Russian), a ``weight`` (> 0), the ``advice`` — what to do
first when the answer is no — and, optionally, the ``evidence`` function that answers it from the
store (``salesplan.checklist.evidence.FUNCTIONS``). ``crm_complete`` gives the shares of deals with
an amount and a stage from which the data answer the CRM point «да» or «частично».
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from salesplan.labels import PARAMS_ERRORS

EvidenceName = Literal["plan_of_record", "plan_detail", "criteria", "management_tools", "crm"]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Point(_Model):
    id: Id
    text: str = Field(min_length=1)
    weight: float = Field(gt=0)
    advice: str = Field(min_length=1)
    evidence: EvidenceName | None = None


class Area(_Model):
    id: Id
    title: str = Field(min_length=1)
    points: list[Point] = Field(min_length=1)


class Thresholds(_Model):
    """Shares of deals with an amount and a stage: ``yes_from`` and above → «да», ``partly_from`` →
    «частично»."""

    yes_from: float = Field(0.95, gt=0, le=1)
    partly_from: float = Field(0.7, gt=0, le=1)


class Checklist(_Model):
    """The checklist: areas in the order shown, each with its points."""

    areas: list[Area] = Field(min_length=1)
    crm_complete: Thresholds = Field(default_factory=Thresholds)
    priorities: int = Field(5, ge=1)  # how many points «what to do first» lists

    @model_validator(mode="after")
    def _unique(self) -> Checklist:
        for what, ids in (("duplicate_section", [a.id for a in self.areas]),
                          ("duplicate_point", [p.id for a in self.areas for p in a.points])):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(PARAMS_ERRORS[what].format(ids=", ".join(dupes)))
        return self

    def point(self, point_id: str) -> Point:
        return next(p for a in self.areas for p in a.points if p.id == point_id)
