"""An export file → a table of strings: CSV, XLSX or an HTML table, encoding and delimiter detected.

Every cell stays a string (``NA`` when empty) so that one set of parsers reads both kinds
of file; the frame's index is the row number in the file (the header being row 1 unless
``skip_lines`` lines come first). Rows with every cell empty are skipped, as are empty lines.
A file without a header row is read with the ``columns`` given. Column names are trimmed;
a name that occurs more than once keeps its first column, and ``RawTable.repeated`` tells
where each occurs (an error only for a column a profile reads). A text the product escaped
when writing a CSV (``'=1+2``, ``salesplan.cells``) is read as it was (``=1+2``).

An HTML table is what CRMs (Bitrix24) save as ``.xls``: its first ``<table>`` is read with
lxml, every cell as its text (``pandas.read_html`` would take ``007`` for the number 7).

CSV is read by Arrow in parallel. A file Arrow cannot take as is — rows with a different
number of fields than the header, values spanning lines, blank lines, UTF-16 — is read by
the ``csv`` module instead, which knows each record's line number.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zipfile import BadZipFile

import lxml.html
import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from openpyxl.utils.exceptions import InvalidFileException

from salesplan.cells import unescape, unescape_column
from salesplan.importing.errors import ImportFileError
from salesplan.importing.parsing import as_arrow
from salesplan.labels import IMPORT_ERRORS

SAMPLE_BYTES = 1 << 16
SAMPLE_RECORDS = 100
BLOCK_BYTES = 1 << 22  # Arrow parses blocks in parallel; fewer, larger chunks parse faster after
DELIMITERS = (";", "\t", ",")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
_HTML_TABLE = re.compile(rb"^\s*<.*?<table", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class RawTable:
    """A file's cells as strings, indexed by row number (header = 1)."""

    frame: pd.DataFrame
    ragged: pd.Index  # rows whose number of fields differs from the header's (CSV)
    encoding: str | None = None  # None for XLSX
    delimiter: str | None = None
    repeated: dict[str, list[int]] = field(default_factory=dict)  # name → positions (from 1)


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
        records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r]
        records = records[:SAMPLE_RECORDS]
        if not records:
            return (False, 0.0, 0)
        width = len(records[0])
        return (width > 1, sum(len(r) == width for r in records) / len(records), width)

    return max(DELIMITERS, key=score)  # max keeps the first of equal scores


@dataclass(frozen=True)
class Layout:
    """Where a file's table is: below ``skip_lines`` lines (rows of a sheet), and named by its
    first row or, in a file without one, by ``columns``."""

    skip_lines: int = 0
    columns: tuple[str, ...] | None = None

    @property
    def header_rows(self) -> int:
        return 0 if self.columns is not None else 1

    def header(self, first_row: Callable[[], list[str]]) -> Header:
        """The columns' names: ``columns``, else those of the first row (read only then)."""
        return Header.of(list(self.columns) if self.columns is not None else first_row())


@dataclass(frozen=True)
class Header:
    """A file's column names, trimmed and made unique: a repeated name's later columns are
    named ``repeated_<position>`` and dropped once read."""

    names: list[str]
    repeated: dict[str, list[int]]

    @classmethod
    def of(cls, cells: list[str]) -> Header:
        trimmed = [unescape(cell.strip()) or f"unnamed_{i}" for i, cell in enumerate(cells, start=1)]
        positions: dict[str, list[int]] = defaultdict(list)
        for i, name in enumerate(trimmed, start=1):
            positions[name].append(i)
        return cls(
            [n if positions[n][0] == i else f"repeated_{i}" for i, n in enumerate(trimmed, start=1)],
            {n: p for n, p in positions.items() if len(p) > 1},
        )

    def table(self, frame: pd.DataFrame, ragged: list[int] = (), **read_as: str | None) -> RawTable:
        """The frame read under these names, tidied: without the later columns of a repeated
        name, the rows that are all empty and the unnamed columns that are all empty; escaped
        texts unescaped."""
        frame = frame.drop(columns=[c for c in frame.columns if c.startswith("repeated_")])
        frame = frame.apply(unescape_column)
        if all(as_arrow(frame[c]).null_count for c in frame.columns):  # else no row is all empty
            frame = frame[frame.notna().any(axis=1)]
        unnamed_empty = [c for c in frame.columns if c.startswith("unnamed_") and frame[c].isna().all()]
        return RawTable(frame.drop(columns=unnamed_empty), pd.Index(ragged, dtype="int64"),
                        repeated=self.repeated, **read_as)


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


def _after_lines(text: str, lines: int) -> str:
    """``text`` without its first ``lines`` lines."""
    parts = text.split("\n", lines)
    return parts[lines] if len(parts) > lines else ""


def _offset(sample: bytes, lines: int) -> int | None:
    """Where the line after the first ``lines`` lines starts; None beyond the sample."""
    at = 0
    for _ in range(lines):
        at = sample.find(b"\n", at) + 1
        if not at:
            return None
    return at


def _read_arrow(path: Path, offset: int, header: Header, encoding: str, delimiter: str,
                layout: Layout) -> RawTable | None:
    """The fast path; None when the file needs the ``csv`` module (see the module's doc).

    Raises ``UnicodeError`` when a file taken for UTF-8 is not.
    """
    with ThreadPoolExecutor(1) as pool:  # counting lines overlaps Arrow's parsing
        lines = pool.submit(_lines, path)
        table = _arrow_table(path, offset, header.names, encoding, delimiter, layout.header_rows)
    first = layout.skip_lines + layout.header_rows + 1
    if table is None or table.num_rows + first - 1 != lines.result():
        return None
    frame = table.to_pandas()
    frame.index = pd.RangeIndex(first, first + table.num_rows)
    return header.table(frame, encoding=encoding, delimiter=delimiter)


def _arrow_table(path: Path, offset: int, names: list[str], encoding: str, delimiter: str,
                 header_rows: int) -> pa.Table | None:
    try:
        with pa.OSFile(str(path)) as source:
            source.seek(offset)
            return pacsv.read_csv(
                source,
                read_options=pacsv.ReadOptions(
                    column_names=names,
                    skip_rows=header_rows,
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


def _read_python(text: str, encoding: str, delimiter: str, layout: Layout) -> RawTable:
    """``text`` being the file's text after its ``skip_lines`` lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = layout.header(lambda: next(reader, []))
    width = len(header.names)
    rows, numbers, ragged = [], [], []
    first_line = layout.skip_lines + reader.line_num + 1
    for record in reader:
        number, first_line = first_line, layout.skip_lines + reader.line_num + 1
        if not record:
            continue
        if len(record) != width:
            ragged.append(number)
            record = (record + [""] * width)[:width]
        rows.append(record)
        numbers.append(number)
    frame = pd.DataFrame(rows, columns=header.names, index=pd.Index(numbers, dtype="int64"), dtype="str")
    return header.table(frame.mask(frame.eq("")), ragged, encoding=encoding, delimiter=delimiter)


def read_csv(path: Path, sample: bytes, layout: Layout = Layout()) -> RawTable:
    """A delimited text file; ``sample`` is its first bytes."""
    encoding = detect_encoding(sample)
    if b"\x00" in sample and encoding != "utf-16":
        raise _error("binary", path)
    cut = sample if len(sample) < SAMPLE_BYTES else sample[: sample.rfind(b"\n") + 1] or sample
    head = _after_lines(cut.decode(encoding, errors="replace").lstrip("\ufeff"), layout.skip_lines)
    delimiter = detect_delimiter(head)
    offset = _offset(sample, layout.skip_lines)
    if encoding != "utf-16" and offset is not None:
        first = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
        header = layout.header(lambda: next(first, []))
        try:
            fast = _read_arrow(path, offset, header, encoding, delimiter, layout)
        except UnicodeError:  # UTF-8 in the sample only
            encoding = "cp1251"
            fast = _read_arrow(path, offset, header, encoding, delimiter, layout)
        if fast is not None:
            return fast
    try:
        with path.open(encoding=encoding, newline="") as f:  # a quoted CR stays in its cell
            text = f.read()
    except UnicodeError as exc:
        raise _error("unreadable", path, detail=str(exc)) from exc
    return _read_python(_after_lines(text.lstrip("\ufeff"), layout.skip_lines), encoding, delimiter, layout)


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


def read_xlsx(path: Path, layout: Layout = Layout()) -> RawTable:
    """The first sheet of a workbook after its ``skip_lines`` rows; its header is the first
    non-empty row."""
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise _error("unreadable", path, detail=str(exc) or type(exc).__name__) from exc
    try:
        first = layout.skip_lines + 1
        rows = enumerate(book.worksheets[0].iter_rows(min_row=first, values_only=True), start=first)
        filled = ((n, r) for n, r in rows if any(v is not None for v in r))
        if layout.columns is None and (top := next(filled, None)) is None:
            raise _error("empty", path)
        header = layout.header(lambda: [_cell_text(v) or "" for v in top[1]])
        numbers, records = [], []
        for number, row in rows:
            numbers.append(number)
            records.append([_cell_text(v) for v in row[: len(header.names)]])
    finally:
        book.close()
    frame = pd.DataFrame(records, columns=header.names, index=pd.Index(numbers, dtype="int64"), dtype="str")
    return header.table(frame)


def read_html(path: Path, sample: bytes, layout: Layout = Layout()) -> RawTable:
    """The first ``<table>`` of an HTML file after its ``skip_lines`` rows; row numbers count
    the table's rows (``<br>`` in a cell becomes a line break)."""
    encoding = detect_encoding(sample)
    try:
        table = lxml.html.document_fromstring(path.read_bytes().decode(encoding)).find(".//table")
    except (UnicodeError, lxml.etree.ParserError) as exc:
        raise _error("unreadable", path, detail=str(exc)) from exc
    for br in table.iter("br"):
        br.tail = "\n" + (br.tail or "")
    rows = enumerate(table.iter("tr"), start=1)
    cells = ((n, [cell.text_content() for cell in row.xpath("./th|./td")]) for n, row in rows)
    data = ((n, row) for n, row in cells if n > layout.skip_lines)
    if layout.columns is None and (top := next(data, None)) is None:
        raise _error("empty", path)
    header = layout.header(lambda: top[1])
    width = len(header.names)
    numbers, records, ragged = [], [], []
    for number, row in data:
        if len(row) != width:
            ragged.append(number)
        numbers.append(number)
        records.append([v if v.strip() else None for v in (row + [""] * width)[:width]])
    frame = pd.DataFrame(records, columns=header.names, index=pd.Index(numbers, dtype="int64"), dtype="str")
    return header.table(frame, ragged, encoding=encoding)


def read_file(path: str | Path, layout: Layout = Layout()) -> RawTable:
    """Any supported export: XLSX by its signature, an HTML table by its tags, otherwise
    delimited text."""
    path = Path(path)
    if not path.is_file():
        raise _error("not_found", path)
    try:
        with path.open("rb") as f:
            sample = f.read(SAMPLE_BYTES)
    except OSError as exc:
        raise _error("unreadable", path, detail=exc.strerror or str(exc)) from exc
    if sample.startswith(_ZIP):
        return read_xlsx(path, layout)
    if sample.startswith(_OLE):
        raise _error("xls", path)
    if _HTML_TABLE.match(sample.lstrip(codecs.BOM_UTF8)):
        return read_html(path, sample, layout)
    if not sample.strip():
        raise _error("empty", path)
    return read_csv(path, sample, layout)
