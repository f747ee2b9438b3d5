"""``params/reports.yaml``: the notebooks (file names in ``notebooks/``) each scheduled run executes,
and what of the monthly pack the department (``team``) and each manager (``personal``) get.

The model lives apart from the runner so that the settings can be checked without loading
papermill and nbconvert (``salesplan.settings``).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from salesplan import labels

NotebookName = Annotated[str, StringConstraints(pattern=r"^[\w.-]+\.ipynb$")]
# A file a notebook writes into the pack folder: a name or a glob pattern, no folders.
FilePattern = Annotated[str, StringConstraints(pattern=r"^[\w.*?\[\]-]+$")]


class TeamShare(BaseModel):
    """What of the monthly pack the whole department is shown (its ``team/`` folder): the pages
    of these monthly notebooks and the files matching these patterns that the notebooks write."""

    model_config = ConfigDict(extra="forbid")
    pages: list[NotebookName] = Field(default_factory=list)
    files: list[FilePattern] = Field(default_factory=list)

    @field_validator("files")
    @classmethod
    def _no_notebooks(cls, value: list[str]) -> list[str]:
        notebooks = [p for p in value if p.endswith(".ipynb")]
        if notebooks:
            raise ValueError(labels.RUNNER_ERRORS["team_notebook"].format(names=", ".join(notebooks)))
        return value


class Registry(BaseModel):
    """``params/reports.yaml``: the notebooks (file names in ``notebooks/``) each run executes."""

    model_config = ConfigDict(extra="forbid")
    monthly: list[NotebookName] = Field(default_factory=list)
    daily: list[NotebookName] = Field(default_factory=list)
    weekly: list[NotebookName] = Field(default_factory=list)
    attestation: list[NotebookName] = Field(default_factory=list)
    team: TeamShare = Field(default_factory=TeamShare)
    personal: bool = False  # the monthly pack gets every paid manager's own papers (personal/)

    @property
    def papers(self) -> bool:
        """Whether the monthly pack gets a team folder or personal folders."""
        return bool(self.team.pages or self.team.files or self.personal)

    @field_validator("monthly", "daily", "weekly", "attestation", mode="before")
    @classmethod
    def _none_is_empty(cls, value):
        return [] if value is None else value

    @field_validator("monthly", "daily", "weekly", "attestation")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        twice = sorted({name for name in value if value.count(name) > 1})
        if twice:
            raise ValueError(labels.RUNNER_ERRORS["twice"].format(names=", ".join(twice)))
        return value

    @model_validator(mode="after")
    def _team_pages_are_monthly(self) -> Registry:
        stray = [name for name in self.team.pages if name not in self.monthly]
        if stray:
            raise ValueError(labels.RUNNER_ERRORS["team_not_monthly"].format(names=", ".join(stray)))
        return self
