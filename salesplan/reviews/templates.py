"""Scorecard templates as data: ``params/scorecards/<id>.yaml``, and the review settings.

A template has sections (call stages), each with criteria. A criterion has a Russian wording,
a hint for the reviewer, a scale (one of ``SCALES``), a weight, whether N/A is allowed, and
whether it is critical (a failed critical criterion zeroes the call's score). The weights of a
template add up to 100. A template carries a version: once reviews use a version, its content
is kept in the store, so changing the file means raising ``version``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from salesplan import labels
from salesplan.labels import PARAMS_ERRORS
from salesplan.paramfile import Problem, Problems, SettingsError, load_optional, load_yaml_model, shown_path

IDENTIFIER = r"^[a-z][a-z0-9_]*$"
WEIGHT_TOTAL = 100.0
REVIEWED_ROLES = ("hunter", "farmer", "key_account")  # managers whose calls are reviewed


@dataclass(frozen=True)
class Scale:
    """The points a criterion can get, ascending; ``pass_from`` is the least that counts as met."""

    name: str
    points: tuple[float, ...]
    pass_from: float

    @property
    def max_points(self) -> float:
        return self.points[-1]

    @property
    def min_points(self) -> float:
        return self.points[0]

    def options(self) -> list[tuple[str, float]]:
        """``(label, points)`` pairs, best first, with the Russian labels."""
        return [(labels.SCALE_OPTIONS[self.name][p], p) for p in reversed(self.points)]


SCALES: dict[str, Scale] = {
    s.name: s
    for s in (
        Scale("yes_no", (0.0, 1.0), pass_from=1.0),
        Scale("0-1-2", (0.0, 1.0, 2.0), pass_from=2.0),
        Scale("0-0.5-1", (0.0, 0.5, 1.0), pass_from=1.0),
        Scale("1-5", (1.0, 2.0, 3.0, 4.0, 5.0), pass_from=4.0),
    )
}


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=IDENTIFIER)
    text: str = Field(min_length=1)
    hint: str = ""
    scale: str
    weight: float = Field(gt=0)
    na_allowed: bool = False
    critical: bool = False

    @field_validator("scale")
    @classmethod
    def _known_scale(cls, value: str) -> str:
        if value not in SCALES:
            raise ValueError(PARAMS_ERRORS["unknown_scale"].format(scale=value, scales=", ".join(SCALES)))
        return value

    @property
    def scale_def(self) -> Scale:
        return SCALES[self.scale]

    @property
    def max_points(self) -> float:
        return self.scale_def.max_points

    def is_failed_critical(self, points: float | None) -> bool:
        """A critical criterion fails when it gets the lowest points of its scale (N/A never fails)."""
        return self.critical and points is not None and points <= self.scale_def.min_points


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=IDENTIFIER)
    title: str = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)


class Template(BaseModel):
    """One scorecard (``params/scorecards/<id>.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=IDENTIFIER)
    version: int = Field(ge=1)
    title: str = Field(min_length=1)
    description: str = ""
    roles: list[str] = Field(default_factory=list)  # manager roles it is meant for
    pass_threshold: float = Field(default=70.0, ge=0, le=100)
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Template:
        for what, ids in (
            ("duplicate_section", [s.id for s in self.sections]),
            ("duplicate_criterion", [c.id for s in self.sections for c in s.criteria]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(PARAMS_ERRORS[what].format(ids=", ".join(dupes)))
        unknown = sorted(set(self.roles) - set(labels.ROLES))
        if unknown:
            raise ValueError(PARAMS_ERRORS["unknown_role"].format(
                roles=", ".join(unknown), known=", ".join(labels.ROLES)))
        total = sum(c.weight for _, c in self.items)
        if abs(total - WEIGHT_TOTAL) > 1e-6:
            per_section = ", ".join(
                f"{s.id} {sum(c.weight for c in s.criteria):g}" for s in self.sections
            )
            raise ValueError(PARAMS_ERRORS["criterion_weights"].format(
                total=f"{total:g}", expected=f"{WEIGHT_TOTAL:g}", sections=per_section))
        return self

    @cached_property
    def items(self) -> list[tuple[Section, Criterion]]:
        """Every criterion with its section, in form order."""
        return [(s, c) for s in self.sections for c in s.criteria]

    @cached_property
    def criteria(self) -> dict[str, Criterion]:
        return {c.id: c for _, c in self.items}

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)


class Bands(BaseModel):
    """Colour bands of a score: ``green`` from this score, ``yellow`` from that, else red."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    green: float = Field(default=80.0, ge=0, le=100)
    yellow: float = Field(default=60.0, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.yellow > self.green:
            raise ValueError(PARAMS_ERRORS["bands_order"].format(
                yellow=f"{self.yellow:g}", green=f"{self.green:g}"))
        return self


class ReviewSettings(BaseModel):
    """``params/reviews.yaml``: colour bands and the minimums of analysis and sampling."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    bands: Bands = Field(default_factory=Bands)
    min_reviews_per_manager: int = Field(default=4, ge=0)  # reviewed calls a month
    min_answers_per_criterion: int = Field(default=5, ge=1)  # before a criterion is ranked
    calibration_share: float = Field(default=0.1, ge=0, le=1)  # calls to review twice


def load_template(path: Path) -> Template:
    """One template file; its ``id`` must be the file's name."""
    template = load_yaml_model(path, Template)
    if template.id != path.stem:
        raise SettingsError([Problem(shown_path(path), PARAMS_ERRORS["id_not_file_name"].format(
            stem=path.stem), "id", template.id)])
    return template


def read_templates(directory: Path) -> dict[str, Template]:
    """Every ``*.yaml`` of ``directory``, by id, sorted by id; the problems of all the files."""
    paths = sorted(Path(directory).glob("*.yaml"))
    if not paths:
        raise SettingsError([Problem(shown_path(directory), PARAMS_ERRORS["no_scorecards"])])
    found = Problems()
    templates = [found.take(load_template, path) for path in paths]
    found.check()
    return {t.id: t for t in sorted(templates, key=lambda t: t.id)}


def load_templates(directory: Path | None = None) -> dict[str, Template]:
    """The scorecards of the validated settings (``params/scorecards``), or of ``directory``."""
    if directory is not None:
        return read_templates(directory)
    from salesplan.settings import settings  # the settings are built from this module's models

    return dict(settings().scorecards)


def load_settings(path: Path | None = None) -> ReviewSettings:
    """``params/reviews.yaml`` from the validated settings, or the file ``path``; the defaults
    when the file does not exist."""
    if path is not None:
        return load_optional(path, ReviewSettings)
    from salesplan.settings import settings

    return settings().reviews
