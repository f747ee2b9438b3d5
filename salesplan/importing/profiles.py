"""Mapping profiles: how the columns of a CRM, 1C or telephony export become canonical ones.

A profile is data, ``params/profiles/<name>.yaml``, picked with ``--format <name>`` (or a
path to a ``.yaml`` file). For each table it maps, each canonical column names where its
values come from::

    tables:
      deals:
        id: ID                                # one source column
        client: [Компания, Основной контакт]  # the first non-empty of several
        outcome:                              # values mapped (case-insensitive)
          source: Этап сделки
          map: {Успешно реализовано: won, Закрыто и не реализовано: lost}
          default: open                       # for any other value, and empty cells
        created: {source: Дата, format: "%d/%m/%Y"}  # a date format not detected
        closed: {source: Дата закрытия, empty: [не закрыта]}  # cell values meaning "empty"
        direction: {default: out}             # a constant

A file must have (one of) the source columns of each rule unless it says ``optional: true``.
Column names are compared trimmed (``"Бюджет "`` is ``Бюджет``). A name the file repeats is
an error only in a column the profile reads. ``file:`` says how to read the file::

    file:
      header: false                    # no header row ...
      columns: [accountcode, src, dst] # ... its columns' names, in order
      skip_lines: 1                    # lines above the header (a title, a blank line)
      skip_rows: {Контрагент: "^(Итого|Всего)"}  # rows that are not data: counted as skipped

The built-in ``canonical`` format maps every canonical column to itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from babel.lists import format_list
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from salesplan.config import params_dir
from salesplan.importing.errors import ImportFileError
from salesplan.importing.parsing import clean_text, columnwise
from salesplan.importing.readers import Layout, RawTable
from salesplan.importing.schemas import PARSED_KINDS, canonical_columns, kinds, required_columns
from salesplan.labels import IMPORT_ERRORS, PARAMS_ERRORS
from salesplan.paramfile import Problems, load_yaml_model
from salesplan.store import DATA_TABLES

CANONICAL = "canonical"


def _trimmed(names: list[str]) -> list[str]:
    return [name.strip() for name in names]


class FileRule(BaseModel):
    """``file:``: how to read the export; every key optional."""

    model_config = ConfigDict(extra="forbid")
    header: bool = True  # False: no header row, ``columns`` names the columns in order
    columns: list[str] = Field(default_factory=list)
    skip_lines: int = Field(0, ge=0)  # lines (sheet rows) above the header
    skip_rows: dict[str, str] = Field(default_factory=dict)  # file column → regex of non-data rows

    _names = field_validator("columns")(_trimmed)

    @field_validator("skip_rows")
    @classmethod
    def _patterns(cls, value: dict[str, str]) -> dict[str, str]:
        for column, pattern in value.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(PARAMS_ERRORS["bad_pattern"].format(
                    column=column, pattern=pattern, detail=exc)) from exc
        return {column.strip(): pattern for column, pattern in value.items()}

    @model_validator(mode="after")
    def _columns_named(self) -> FileRule:
        if self.header and self.columns:
            raise ValueError(PARAMS_ERRORS["columns_without_header"])
        if not self.header and not self.columns:
            raise ValueError(PARAMS_ERRORS["header_without_columns"])
        repeated = sorted({c for c in self.columns if self.columns.count(c) > 1})
        if repeated:
            raise ValueError(PARAMS_ERRORS["columns_repeat"].format(names=", ".join(repeated)))
        return self

    def layout(self) -> Layout:
        return Layout(self.skip_lines, None if self.header else tuple(self.columns))


class ColumnRule(BaseModel):
    """Where one canonical column comes from (a string or a list is short for ``source``)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    source: list[str] = Field(default_factory=list)  # source columns; first non-empty wins
    map: dict[str, str] = Field(default_factory=dict)  # source value → canonical value
    default: str | None = None  # for empty and unmapped cells; without a source, a constant
    format: str | None = None  # strptime format of a date column, e.g. "%d/%m/%Y"
    optional: bool = False  # the file may lack every source column
    empty: list[str] = Field(default_factory=list)  # cell values (any case) meaning an empty cell

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: object) -> object:
        return {"source": value} if isinstance(value, str | list) else value

    @field_validator("source", mode="before")
    @classmethod
    def _one_source(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    _sources = field_validator("source")(_trimmed)

    @model_validator(mode="after")
    def _has_values(self) -> ColumnRule:
        if not self.source and self.default is None:
            raise ValueError(PARAMS_ERRORS["rule_empty"])
        return self


class Profile(BaseModel):
    """``params/profiles/<name>.yaml``: the column rules of each table an export maps."""

    model_config = ConfigDict(extra="forbid")
    description: str = ""
    file: FileRule = Field(default_factory=FileRule)
    tables: dict[str, dict[str, ColumnRule]]

    @model_validator(mode="after")
    def _canonical_targets(self) -> Profile:
        for table, rules in self.tables.items():
            if table not in DATA_TABLES:
                raise ValueError(PARAMS_ERRORS["not_a_table"].format(
                    table=table, tables=", ".join(DATA_TABLES)))
            unknown = sorted(set(rules) - set(canonical_columns(table)))
            if unknown:
                raise ValueError(PARAMS_ERRORS["not_canonical"].format(
                    table=table, unknown=", ".join(unknown), known=", ".join(canonical_columns(table))))
            uncovered = [a for a in required_columns(table) if not set(a) & set(rules)]
            if uncovered:
                raise ValueError(PARAMS_ERRORS["required_unmapped"].format(
                    table=table, missing=", ".join(" / ".join(a) for a in uncovered)))
        return self


def canonical_profile() -> Profile:
    """Every canonical column from the file column of the same name."""
    return Profile(
        description="salesplan's canonical columns",
        tables={
            table: {c: ColumnRule(source=[c], optional=True) for c in canonical_columns(table)}
            for table in DATA_TABLES
        },
    )


def profiles_dir() -> Path:
    return params_dir() / "profiles"


def read_profiles(folder: Path) -> dict[str, Profile]:
    """Every ``*.yaml`` of ``folder`` by file name (none when it is absent); the problems of all."""
    found = Problems()
    profiles = {p.stem: found.take(load_yaml_model, p, Profile) for p in sorted(Path(folder).glob("*.yaml"))}
    found.check()
    return profiles


def _profiles() -> dict[str, Profile]:
    """The profiles of ``params/profiles`` from the validated settings."""
    from salesplan.settings import settings  # the settings are built from this module's models

    return settings().profiles


def available_formats() -> list[str]:
    return [CANONICAL, *sorted(_profiles())]


def load_profile(fmt: str) -> Profile:
    """The profile a ``--format`` names: ``canonical``, a file in ``params/profiles``, or a path."""
    if fmt == CANONICAL:
        return canonical_profile()
    if fmt.endswith((".yaml", ".yml")) and Path(fmt).is_file():
        return load_yaml_model(Path(fmt), Profile)
    if fmt in _profiles():
        return _profiles()[fmt]
    raise ImportFileError(
        IMPORT_ERRORS["unknown_format"].format(
            format=fmt, available=", ".join(available_formats())
        )
    )


@dataclass(frozen=True)
class Mapped:
    """A file's values under canonical column names, trimmed, empty cells ``NA``."""

    frame: pd.DataFrame
    sources: dict[str, str]  # canonical column → the file column(s) it came from
    formats: dict[str, str]  # canonical date column → its strptime format
    ignored: list[str]  # file columns no rule reads


def _mapped_values(values: pd.Series, rule: ColumnRule) -> pd.Series:
    if rule.map:
        lookup = {k.strip().lower(): v for k, v in rule.map.items()}
        hit = values.str.lower().map(lookup).astype("str")
        values = hit.fillna(values if rule.default is None else rule.default)
    elif rule.default is not None:
        values = values.fillna(rule.default)
    return values.astype("str")


def _without_empty(values: pd.Series, rule: ColumnRule) -> pd.Series:
    """Trimmed values, ``NA`` where blank or one of the rule's ``empty`` values."""
    values = clean_text(values)
    if rule.empty:
        values = values.mask(values.str.lower().isin([e.strip().lower() for e in rule.empty]))
    return values


def _read_once(raw: RawTable, columns: set[str], path: Path) -> None:
    """Refuse the file when a column the profile reads is repeated in it."""
    repeated = sorted(columns & set(raw.repeated))
    if repeated:
        positions = format_list([str(p) for p in raw.repeated[repeated[0]]], locale="ru")
        raise ImportFileError(IMPORT_ERRORS["repeated_column"].format(
            file=path, column=repeated[0], positions=positions))


def skipped_rows(raw: RawTable, file: FileRule, path: Path) -> pd.Index:
    """Rows (numbers in the file) that are not data: a ``skip_rows`` column matches its
    pattern (``re.search`` on the trimmed cell)."""
    absent = [c for c in file.skip_rows if c not in raw.frame.columns]
    if absent:
        raise ImportFileError(IMPORT_ERRORS["missing_columns"].format(
            file=path, missing=", ".join(absent), found=", ".join(map(str, raw.frame.columns))))
    _read_once(raw, set(file.skip_rows), path)
    skip = pd.Series(False, index=raw.frame.index)
    for column, pattern in file.skip_rows.items():
        values = clean_text(raw.frame[column])
        hits = [v for v in values.dropna().unique() if re.search(pattern, v)]
        skip |= values.isin(hits)
    return raw.frame.index[skip.to_numpy(dtype=bool)]


def to_canonical(raw: RawTable, rules: dict[str, ColumnRule], table: str, path: Path,
                 skipped: pd.Index | None = None) -> Mapped:
    """Apply ``rules`` to a file's rows but the ``skipped`` ones; a file lacking required
    columns, or repeating one a rule reads, is refused."""
    frame = raw.frame if skipped is None else raw.frame.drop(index=skipped)
    missing = [
        " / ".join(rule.source)
        for rule in rules.values()
        if rule.source and not rule.optional and not set(rule.source) & set(frame.columns)
    ]
    provided = {
        name for name, rule in rules.items()
        if rule.default is not None or set(rule.source) & set(frame.columns)
    }
    missing += [" / ".join(a) for a in required_columns(table) if not set(a) & provided]
    if missing:
        raise ImportFileError(
            IMPORT_ERRORS["missing_columns"].format(
                file=path, missing=", ".join(missing), found=", ".join(map(str, frame.columns))
            )
        )
    used = {name: [s for s in rule.source if s in frame.columns] for name, rule in rules.items()}
    _read_once(raw, {s for sources in used.values() for s in sources}, path)

    def column(name: str) -> pd.Series:
        rule, present = rules[name], used[name]
        parsed = kinds(table).get(name) in PARSED_KINDS
        if parsed and len(present) == 1 and not (rule.map or rule.empty) and rule.default is None:
            return frame[present[0]]  # its parser trims, and takes a blank cell for an empty one
        if not present:
            return _mapped_values(pd.Series(pd.NA, frame.index, dtype="str"), rule)
        values = _without_empty(frame[present[0]], rule)
        for source in present[1:]:
            values = values.fillna(_without_empty(frame[source], rule))
        return _mapped_values(values, rule)

    columns = columnwise(column, [name for name in rules if name in provided])
    return Mapped(
        frame=pd.DataFrame(columns, index=frame.index),
        sources={name: " / ".join(used[name]) or "—" for name in columns},
        formats={name: rules[name].format for name in columns if rules[name].format},
        ignored=[c for c in frame.columns if not any(c in u for u in used.values())],
    )


def table_rules(profile: Profile, table: str, fmt: str) -> dict[str, ColumnRule]:
    if table not in profile.tables:
        raise ImportFileError(
            IMPORT_ERRORS["table_not_in_format"].format(
                format=fmt, table=table, tables=", ".join(profile.tables)
            )
        )
    return profile.tables[table]
