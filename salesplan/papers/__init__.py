"""Who sees what in the monthly pack.

The head's pack (``reports/<YYYY-MM>/``) keeps everything. Beside it the run writes:

- ``team/`` — what the whole department is shown at the meeting: the pages and files
  ``params/reports.yaml`` declares under ``team`` (no one's pay), with an ``index.html``;
- ``personal/<safe_name(manager id)>/`` — for every manager on the month's payroll, their own
  papers only: next month's plan sheet to sign, the pay statement (PDF and XLSX), the month's
  call-review feedback and, when the month closes an attestation period, the attestation sheet
  with the ИПР; with an ``index.html``.

This module holds the manifest's record of them; ``salesplan.papers.build`` writes them.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

TEAM = "team"
PERSONAL = "personal"


class PersonalFolder(BaseModel):
    """One manager's folder; paths are relative to the pack."""

    manager_id: str
    name: str
    folder: str
    files: list[str]


class Papers(BaseModel):
    """The team folder and the personal folders of a pack (``error`` when they were not made)."""

    team: list[str] = Field(default_factory=list)  # files of team/, relative to the pack
    personal: list[PersonalFolder] = Field(default_factory=list)
    error: str | None = None
