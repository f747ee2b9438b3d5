"""Call logs of telephony services: what a column mapping alone cannot say.

A profile's ``telephony:`` key (read only for the ``calls`` table)::

    telephony:
      unix_times: {columns: [start, answer, finish], time_zone: Europe/Moscow}
                                  # seconds since 1970 → date-times on that zone's clock; 0: none
      talk: {answered: answer, ended: finish}  # adds the column «talk»: seconds from answer
                                  # to end (0 when never answered)
      outgoing_when: from_extension  # adds the column «direction»: out when the cell is
                                  # filled, else in
      outgoing:                   # an outgoing call's columns come from other file columns
        manager: Откуда           # the employee is the caller ...
        phone: Куда               # ... and the client the one called
      incoming:
        manager: {source: dstchannel, pattern: "^[^/]+/([^-]+)-"}  # the regex's group is the value
      legs:                       # rows sharing an ``id`` are the legs of one call (a CDR)
        answered: [отвечен]       # ``result`` values of an answered leg; without: talk > 0

The added columns are there for the table's rules to read (``duration_s: talk``); rejected
rows are written out as the file has them. ``incoming`` / ``outgoing`` replace the table's
rules for the rows of that direction.

With ``legs``, the legs of a call become one row: its **main leg** — answered first, then the
longest talk, then the first in the file — gives the manager, phone, result and the rest;
``started_at`` is the earliest leg's start and ``duration_s`` the talk time of the answered
legs added up (a transferred call talks on several legs; an unanswered call has 0). A problem
on any leg rejects the whole call, each of its legs written out with the reasons, so that the
file's rows still add up: read = accepted + rejected (+ skipped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from salesplan.importing.parsing import clean_text, parse_datetime
from salesplan.importing.schemas import canonical_columns
from salesplan.labels import PARAMS_ERRORS

if TYPE_CHECKING:  # profiles reads its ``telephony:`` key with this module's models
    from salesplan.importing.profiles import Mapped

DIRECTED = {"incoming": "in", "outgoing": "out"}
TALK, DIRECTION = "talk", "direction"  # the columns ``talk`` and ``outgoing_when`` add


class Side(BaseModel):
    """A column of the calls of one direction: a file column, or the first group of
    ``pattern`` (``re.search``) in it; a cell the pattern does not match is empty."""

    model_config = ConfigDict(extra="forbid")
    source: str
    pattern: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: object) -> object:
        return {"source": value} if isinstance(value, str) else value

    @field_validator("pattern")
    @classmethod
    def _one_group(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                groups = re.compile(value).groups
            except re.error as exc:
                raise ValueError(PARAMS_ERRORS["telephony_pattern"].format(pattern=value)) from exc
            if groups < 1:
                raise ValueError(PARAMS_ERRORS["telephony_pattern"].format(pattern=value))
        return value

    def values(self, frame: pd.DataFrame) -> pd.Series:
        """The side's values in every row of the file's ``frame`` (trimmed, blank → NA)."""
        values = clean_text(frame[self.source])
        if self.pattern is None:
            return values
        return clean_text(values.str.extract(self.pattern, expand=False).astype("str"))


class Legs(BaseModel):
    """Rows that share an id are the legs of one call."""

    model_config = ConfigDict(extra="forbid")
    answered: list[str] = Field(default_factory=list)  # result values (any case) of an answered leg


class UnixTimes(BaseModel):
    """Columns of Unix times (seconds since 1970, UTC), shown on ``time_zone``'s clock."""

    model_config = ConfigDict(extra="forbid")
    columns: list[str] = Field(min_length=1)
    time_zone: str

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(PARAMS_ERRORS["telephony_zone"].format(zone=value)) from exc
        return value

    def clock(self, values: pd.Series) -> pd.Series:
        """``YYYY-MM-DD HH:MM:SS`` on the zone's clock; 0 or blank → NA; other text kept (so
        that it is reported as not a date)."""
        text = clean_text(values)
        seconds = pd.to_numeric(text, errors="coerce")
        stamps = pd.to_datetime(seconds.where(seconds > 0), unit="s", utc=True)
        local = stamps.dt.tz_convert(self.time_zone).dt.strftime("%Y-%m-%d %H:%M:%S").astype("str")
        return local.where(seconds.notna(), text.where(seconds.isna()))


class Talk(BaseModel):
    """Talk time from two date-time columns: the answer and the end."""

    model_config = ConfigDict(extra="forbid")
    answered: str
    ended: str

    def seconds(self, frame: pd.DataFrame) -> pd.Series:
        """``ended − answered`` in whole seconds as text; 0 when never answered."""
        answered, ended = (parse_datetime(frame[c]) for c in (self.answered, self.ended))
        talk = (ended - answered).dt.total_seconds().astype("Int64")
        talk = talk.mask(answered.isna() & ended.notna(), 0)
        return talk.astype("str").where(talk.notna())


class Telephony(BaseModel):
    """``telephony:`` of a profile (see the module's doc)."""

    model_config = ConfigDict(extra="forbid")
    unix_times: UnixTimes | None = None
    talk: Talk | None = None
    outgoing_when: str | None = None  # a file column filled in outgoing calls only
    incoming: dict[str, Side] = Field(default_factory=dict)
    outgoing: dict[str, Side] = Field(default_factory=dict)
    legs: Legs | None = None

    @model_validator(mode="after")
    def _calls_columns(self) -> Telephony:
        allowed = set(canonical_columns("calls")) - {"id", "direction"}
        unknown = sorted((set(self.incoming) | set(self.outgoing)) - allowed)
        if unknown:
            raise ValueError(PARAMS_ERRORS["not_canonical"].format(
                table="calls", unknown=", ".join(unknown), known=", ".join(sorted(allowed))))
        return self

    def sources(self) -> set[str]:
        return {side.source for sides in (self.incoming, self.outgoing) for side in sides.values()}


def with_added_columns(frame: pd.DataFrame, telephony: Telephony) -> pd.DataFrame:
    """The file's cells with Unix times as date-times and the ``talk`` and ``direction``
    columns added, for the table's rules to read."""
    added = {}
    if telephony.unix_times:
        added = {c: telephony.unix_times.clock(frame[c]) for c in telephony.unix_times.columns}
    frame = frame.assign(**added)
    if telephony.talk:
        frame = frame.assign(**{TALK: telephony.talk.seconds(frame)})
    if telephony.outgoing_when:
        filled = clean_text(frame[telephony.outgoing_when]).notna()
        frame = frame.assign(**{DIRECTION: pd.Series("in", frame.index, dtype="str").mask(filled, "out")})
    return frame


def by_direction(mapped: Mapped, frame: pd.DataFrame, telephony: Telephony) -> Mapped:
    """``mapped`` with the ``incoming`` / ``outgoing`` columns taken from their sources in the
    rows of that direction (``frame``: the file's cells, ``mapped`` made from its data rows)."""
    frame = frame.loc[mapped.frame.index]
    columns, sources = dict(mapped.frame.items()), dict(mapped.sources)
    direction = mapped.frame["direction"].str.lower() if "direction" in mapped.frame else None
    for key, value in DIRECTED.items():
        sides = getattr(telephony, key)
        if direction is None or not sides:
            continue
        rows = direction.eq(value).fillna(False).astype(bool)
        for name, side in sides.items():
            base = columns.get(name, pd.Series(pd.NA, index=frame.index, dtype="str"))
            columns[name] = side.values(frame).where(rows, base)
            known = [s for s in sources.get(name, "").split(" / ") if s not in ("", "—")]
            sources[name] = " / ".join(dict.fromkeys([*known, side.source]))
    ignored = [c for c in mapped.ignored if c not in telephony.sources()]
    return replace(mapped, frame=pd.DataFrame(columns, index=frame.index), sources=sources, ignored=ignored)


@dataclass(frozen=True)
class Calls:
    """The legs of a file grouped into calls."""

    call: pd.Series  # each leg's row number → its call's row number (the call's first leg)
    main: pd.Series  # each call's row number → its main leg's row number


def group_legs(typed: pd.DataFrame, legs: Legs) -> Calls:
    """Which legs make one call (same id; a leg without an id is a call of its own) and each
    call's main leg: answered first, then the longest talk, then the first in the file."""
    rows = pd.Series(typed.index, index=typed.index)
    key = typed["id"].astype("object").where(typed["id"].notna(), "\0" + rows.astype("str"))
    answered = _answered(typed, legs)
    order = pd.DataFrame({
        "key": key, "row": rows, "answered": answered,
        "talk": typed["duration_s"].fillna(-1),
    })
    call = order.groupby("key", sort=False)["row"].transform("min")
    ranked = order.sort_values(["answered", "talk", "row"], ascending=[False, False, True])
    main = ranked.groupby("key", sort=False)["row"].first()
    first = order.groupby("key", sort=False)["row"].min()
    return Calls(call=call, main=pd.Series(main.loc[first.index].to_numpy(), index=first.to_numpy()))


def _answered(typed: pd.DataFrame, legs: Legs) -> pd.Series:
    if not legs.answered:
        return typed["duration_s"].gt(0).fillna(False).astype(bool)
    values = {v.strip().lower() for v in legs.answered}
    return typed["result"].str.lower().isin(values).fillna(False).astype(bool)


def one_row_per_call(typed: pd.DataFrame, mapped: Mapped, calls: Calls, legs: Legs
                     ) -> tuple[pd.DataFrame, Mapped]:
    """Each call as its main leg's row, indexed by the call's first row: ``started_at`` the
    earliest leg's, ``duration_s`` the sum of the answered legs' talk. The mapping's ``heads``
    then send every leg to its call, so a problem of one leg rejects them all
    (``load.on_every_row``)."""
    main = calls.main.sort_index()
    folded = typed.loc[main.to_numpy()].set_axis(main.index)
    folded["started_at"] = typed["started_at"].groupby(calls.call).min().loc[main.index]
    talk = typed["duration_s"].where(_answered(typed, legs), 0)
    unknown = talk.isna().groupby(calls.call).any()  # a leg's talk missing: the call's too
    folded["duration_s"] = talk.groupby(calls.call).sum().mask(unknown).loc[main.index].astype("Int64")
    frame = mapped.frame.loc[main.to_numpy()].set_axis(main.index)
    return folded, replace(mapped, frame=frame, heads=mapped.heads.map(calls.call))

