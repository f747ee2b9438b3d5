"""An export file → a table of strings: CSV or XLSX, encoding and delimiter detected.

Every cell stays a string (``NA`` when empty) so that one set of parsers reads both kinds
of file; the frame's index is the row number in the file, the header being row 1. Rows
with every cell empty are skipped, as are empty lines.

CSV is read by Arrow in parallel. A file Arrow cannot take as is — rows with a different
number of fields than the header, values spanning lines, blank lines, UTF-16 — is read by
the ``csv`` module instead, which knows each record's line number.
"""

from __future__ import annotations

import codecs
import csv
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zipfile import BadZipFile

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from openpyxl.utils.exceptions import InvalidFileException

from salesplan.importing.errors import ImportFileError
from salesplan.importing.parsing import as_arrow
from salesplan.labels import IMPORT_ERRORS

SAMPLE_BYTES = 1 << 16
SAMPLE_RECORDS = 100
BLOCK_BYTES = 1 << 22  # Arrow parses blocks in parallel; fewer, larger chunks parse faster after
DELIMITERS = (";", "\t", ",")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class RawTable:
    """A file's cells as strings, indexed by row number (header = 1)."""

    frame: pd.DataFrame
    ragged: pd.Index  # rows whose number of fields differs from the header's (CSV)
    encoding: str | None = None  # None for XLSX
    delimiter: str | None = None


def _error(key: str, path: Path, **details: str) -> ImportFileError:
    return ImportFileError(IMPORT_ERRORS[key].format(file=path, **details))


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` or ``utf-16`` by their BOM, ``utf-8`` when the sample decodes, else ``cp1251``."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def detect_delimiter(text: str) -> str:
    """The one of ``;``, tab, ``,`` that splits the header into most fields, consistently.

    Each candidate splits the sample's first records (quotes respected); the winner has the
    most records as wide as the header, then the widest header. ``;`` wins a tie, so that
    ``1234,56`` amounts in a ``;`` file do not mislead.
    """

    def score(delimiter: str) -> tuple[bool, float, int]:
        records = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if r]
        records = records[:SAMPLE_RECORDS]
        if not records:
            return (False, 0.0, 0)
        width = len(records[0])
        return (width > 1, sum(len(r) == width for r in records) / len(records), width)

    return max(DELIMITERS, key=score)  # max keeps the first of equal scores


def _column_names(header: list[str], path: Path) -> list[str]:
    names = [name.strip() or f"unnamed_{i}" for i, name in enumerate(header, start=1)]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise _error("duplicate_columns", path, columns=", ".join(repeated))
    return names


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Without the rows that are all empty and the unnamed columns that are all empty."""
    if all(as_arrow(frame[c]).null_count for c in frame.columns):  # else no row is all empty
        frame = frame[frame.notna().any(axis=1)]
    unnamed_empty = [c for c in frame.columns if c.startswith("unnamed_") and frame[c].isna().all()]
    return frame.drop(columns=unnamed_empty)


def _lines(path: Path) -> int:
    """Lines in the file, not counting empty lines at its end."""
    buffer = bytearray(BLOCK_BYTES)
    view = np.frombuffer(buffer, dtype=np.uint8)
    newlines, tail = 0, b""
    with path.open("rb", buffering=0) as f:
        while size := f.readinto(buffer):
            newlines += int(np.count_nonzero(view[:size] == ord("\n")))
            tail = (tail + bytes(view[max(0, size - SAMPLE_BYTES) : size]))[-SAMPLE_BYTES:]
    return newlines - tail[len(tail.rstrip(b"\r\n")) :].count(b"\n") + 1


def _read_arrow(path: Path, names: list[str], encoding: str, delimiter: str) -> RawTable | None:
    """The fast path; None when the file needs the ``csv`` module (see the module's doc).

    Raises ``UnicodeError`` when a file taken for UTF-8 is not.
    """
    with ThreadPoolExecutor(1) as pool:  # counting lines overlaps Arrow's parsing
        lines = pool.submit(_lines, path)
        table = _arrow_table(path, names, encoding, delimiter)
    if table is None or table.num_rows + 1 != lines.result():
        return None
    frame = table.to_pandas()
    frame.index = pd.RangeIndex(2, table.num_rows + 2)
    return RawTable(_tidy(frame), pd.Index([], dtype="int64"), encoding, delimiter)


def _arrow_table(path: Path, names: list[str], encoding: str, delimiter: str) -> pa.Table | None:
    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=names,
                skip_rows=1,
                encoding=encoding.removesuffix("-sig"),
                block_size=BLOCK_BYTES,
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),  # pandas' own: no copy
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid as exc:
        if "utf8" in str(exc).lower() and encoding.startswith("utf-8"):
            raise UnicodeError(str(exc)) from exc
        return None


def _read_python(path: Path, text: str, encoding: str, delimiter: str) -> RawTable:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    names = _column_names(next(reader, []), path)
    width = len(names)
    rows, numbers, ragged = [], [], []
    first_line = reader.line_num + 1
    for record in reader:
        number, first_line = first_line, reader.line_num + 1
        if not record:
            continue
        if len(record) != width:
            ragged.append(number)
            record = (record + [""] * width)[:width]
        rows.append(record)
        numbers.append(number)
    frame = pd.DataFrame(rows, columns=names, index=pd.Index(numbers, dtype="int64"), dtype="str")
    frame = frame.mask(frame.eq(""))
    return RawTable(_tidy(frame), pd.Index(ragged, dtype="int64"), encoding, delimiter)


def read_csv(path: Path, sample: bytes) -> RawTable:
    """A delimited text file; ``sample`` is its first bytes."""
    encoding = detect_encoding(sample)
    if b"\x00" in sample and encoding != "utf-16":
        raise _error("binary", path)
    cut = sample if len(sample) < SAMPLE_BYTES else sample[: sample.rfind(b"\n") + 1] or sample
    head = cut.decode(encoding, errors="replace").lstrip("\ufeff")
    delimiter = detect_delimiter(head)
    if encoding != "utf-16":
        names = _column_names(next(csv.reader(io.StringIO(head), delimiter=delimiter), []), path)
        try:
            fast = _read_arrow(path, names, encoding, delimiter)
        except UnicodeError:  # UTF-8 in the sample only
            encoding = "cp1251"
            fast = _read_arrow(path, names, encoding, delimiter)
        if fast is not None:
            return fast
    try:
        text = path.read_text(encoding=encoding)
    except UnicodeError as exc:
        raise _error("unreadable", path, detail=str(exc)) from exc
    return _read_python(path, text.lstrip("\ufeff"), encoding, delimiter)


def _cell_text(value: object) -> str | None:
    """An XLSX cell as the text a CSV export would hold (ISO dates, ``1234`` not ``1234.0``)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def read_xlsx(path: Path) -> RawTable:
    """The first sheet of a workbook; its header is the first non-empty row."""
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise _error("unreadable", path, detail=str(exc) or type(exc).__name__) from exc
    try:
        rows = enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)
        header = next(((n, r) for n, r in rows if any(v is not None for v in r)), None)
        if header is None:
            raise _error("empty", path)
        names = _column_names([_cell_text(v) or "" for v in header[1]], path)
        numbers, records = [], []
        for number, row in rows:
            numbers.append(number)
            records.append([_cell_text(v) for v in row[: len(names)]])
    finally:
        book.close()
    frame = pd.DataFrame(records, columns=names, index=pd.Index(numbers, dtype="int64"), dtype="str")
    return RawTable(_tidy(frame), pd.Index([], dtype="int64"))


def read_file(path: str | Path) -> RawTable:
    """Any supported export: XLSX by its signature, otherwise delimited text."""
    path = Path(path)
    if not path.is_file():
        raise _error("not_found", path)
    try:
        with path.open("rb") as f:
            sample = f.read(SAMPLE_BYTES)
    except OSError as exc:
        raise _error("unreadable", path, detail=exc.strerror or str(exc)) from exc
    if sample.startswith(_ZIP):
        return read_xlsx(path)
    if sample.startswith(_OLE):
        raise _error("xls", path)
    if not sample.strip():
        raise _error("empty", path)
    return read_csv(path, sample)
