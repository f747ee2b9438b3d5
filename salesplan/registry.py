"""``params/reports.yaml``: the notebooks (file names in ``notebooks/``) each scheduled run executes.

The model lives apart from the runner so that the settings can be checked without loading
papermill and nbconvert (``salesplan.settings``).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from salesplan import labels

NotebookName = Annotated[str, StringConstraints(pattern=r"^[\w.-]+\.ipynb$")]


class Registry(BaseModel):
    """``params/reports.yaml``: the notebooks (file names in ``notebooks/``) each run executes."""

    model_config = ConfigDict(extra="forbid")
    monthly: list[NotebookName] = Field(default_factory=list)
    daily: list[NotebookName] = Field(default_factory=list)
    weekly: list[NotebookName] = Field(default_factory=list)
    attestation: list[NotebookName] = Field(default_factory=list)

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
