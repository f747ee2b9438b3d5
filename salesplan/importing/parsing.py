"""Vectorised parsers of the values found in real-world exports.

Each parser takes a Series of strings (``NA`` for an empty cell) and returns a typed Series
with the same index, ``NA`` where the cell is empty *or* cannot be parsed: the bad cells are
``parsed.isna() & raw.notna()``. A fast path takes the canonical spellings (ISO dates,
``1234.56``) with one Arrow kernel per column; only what it refuses takes the general path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

FIRST_YEAR, LAST_YEAR = 1900, 2100  # a date outside these years is taken for a typo
_FIRST_DAY = pd.Timestamp(FIRST_YEAR, 1, 1)
_AFTER_LAST_DAY = pd.Timestamp(LAST_YEAR + 1, 1, 1)

# Spaces, no-break spaces (U+00A0, U+202F) and thin spaces used as thousands separators.
_SPACES = r"[\s\x{00A0}\x{202F}\x{2009}]"
_CURRENCY = r"(?i)(₽|руб\.?|р\.?|rub\.?|rur\.?)$"
_PLAIN_MONEY_LIMIT = 1e13  # roubles; below it float64 carries kopecks with room to spare
_COMMA_GROUPS = r"^[+-]?\d{1,3}(,\d{3})+\.\d*$|^[+-]?\d{1,3}(,\d{3}){2,}$"  # 1,234,567.89
_DOT_GROUPS = r"^[+-]?\d{1,3}(\.\d{3})+,\d*$|^[+-]?\d{1,3}(\.\d{3}){2,}$"  # 1.234.567,89
_DECIMAL = r"^(?P<sign>[+-]?)(?P<whole>\d{1,15})(?:\.(?P<fraction>\d*))?$"
_DURATION = r"^(?:(?:(?P<h>\d{1,4}):)?(?P<m>\d{1,5}):)?(?P<s>\d{1,9})$"

# dd.mm.yyyy[ H:MM[:SS]] → ISO, step by step (RE2 has no look-behind).
_TO_ISO = (
    (r"^(\d)\.", r"0\1."),  # 1.02.2025 → 01.02.2025
    (r"^(\d\d)\.(\d)\.", r"\1.0\2."),  # 01.2.2025 → 01.02.2025
    (r"^(\d\d)\.(\d\d)\.(\d{4})", r"\3-\2-\1"),  # 01.02.2025 → 2025-02-01
    (r"^(\d{4}-\d\d-\d\d)[ T](\d):", r"\1 0\2:"),  # 1C's "0:00:00" hour
    (r"(:\d\d)(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?$", r"\1"),  # fraction, zone offset
)


def columnwise(parse: Callable[[str], pd.Series], names: Iterable[str]) -> dict[str, pd.Series]:
    """``{name: parse(name)}``, the columns side by side: Arrow's kernels release the GIL."""
    names = list(names)
    with ThreadPoolExecutor(min(len(names), os.cpu_count() or 1) or 1) as pool:
        return dict(zip(names, pool.map(parse, names), strict=True))


def _byte_set(chars: bytes) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[list(chars)] = True
    return table


_MONEY_BYTES = _byte_set(b"0123456789.-")


def _spans(arr: pa.ChunkedArray) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per chunk: its UTF-8 bytes and where each non-empty string starts and ends in them."""
    for chunk in arr.chunks:
        _, offsets, data = chunk.buffers()
        if data is None or len(chunk) == 0:
            continue
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        bounds = np.frombuffer(offsets, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
        starts, ends = bounds[:-1], bounds[1:]
        filled = ends > starts
        if filled.any():
            yield np.frombuffer(data, dtype=np.uint8), starts[filled], ends[filled]


def _plain_money(arr: pa.ChunkedArray) -> bool:
    """Whether every string is written plainly — digits, a point, a leading minus, no leading
    point — so that it is a float literal and the general grammar's at once (read off the bytes)."""
    for data, starts, ends in _spans(arr):
        if not _MONEY_BYTES[data[starts[0] : ends[-1]]].all():
            return False
        first = data[starts]
        after_sign = data[np.minimum(starts + (first == ord("-")), ends - 1)]
        if (after_sign == ord(".")).any():
            return False
    return True


def as_arrow(values: pd.Series) -> pa.ChunkedArray:
    """The Arrow strings behind a Series (no copy for pandas' ``str`` dtype)."""
    arrow = pa.array(values.astype("str"))
    return arrow if isinstance(arrow, pa.ChunkedArray) else pa.chunked_array([arrow])


def _int64(values: pa.ChunkedArray, index: pd.Index) -> pd.Series:
    numbers = pc.fill_null(values, 0).to_numpy()
    return pd.Series(pd.arrays.IntegerArray(numbers, pc.is_null(values).to_numpy()), index=index)


def _timestamps(values: pa.ChunkedArray, index: pd.Index) -> pd.Series:
    return pd.Series(values.to_numpy(), index=index)


def _field(parts: pa.ChunkedArray, name: str) -> pa.ChunkedArray:
    """A regex capture as int64; an empty (non-participating) group is null."""
    text = pc.struct_field(parts, name)
    return pc.cast(pc.if_else(pc.equal(text, ""), None, text), pa.int64())


def clean_text(values: pd.Series) -> pd.Series:
    """Strings trimmed of surrounding whitespace; an empty or blank cell becomes ``NA``.

    A column with nothing to trim is returned as it is (no copy).
    """
    arrow = as_arrow(values)
    trimmed = pc.utf8_trim_whitespace(arrow)
    lengths = pc.binary_length(trimmed)
    if pc.min(lengths).as_py() == 0:
        trimmed = pc.if_else(pc.equal(lengths, 0), None, trimmed)
    elif pc.sum(lengths) == pc.sum(pc.binary_length(arrow)):
        return values.astype("str")
    return pd.Series(pd.array(trimmed, dtype="str"), index=values.index)


def _general_kopecks(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """Any accepted spelling → kopecks: ``(whole × 1000 + thousandths + 5) // 10``, signed."""
    text = pc.replace_substring_regex(text, _SPACES, "")
    text = pc.replace_substring(text, "\u2212", "-")  # a typographic minus
    text = pc.replace_substring_regex(text, _CURRENCY, "")
    for groups, separator in ((_COMMA_GROUPS, ","), (_DOT_GROUPS, ".")):
        grouped = pc.fill_null(pc.match_substring_regex(text, groups), False)
        text = pc.if_else(grouped, pc.replace_substring(text, separator, ""), text)
    parts = pc.extract_regex(pc.replace_substring(text, ",", "."), _DECIMAL)
    fraction = pc.utf8_rpad(pc.struct_field(parts, "fraction"), width=3, padding="0")
    thousandths = pc.cast(pc.utf8_slice_codeunits(fraction, 0, 3), pa.int64())
    whole = pc.cast(pc.struct_field(parts, "whole"), pa.int64())
    kopecks = pc.add(pc.multiply(whole, 100), pc.divide(pc.add(thousandths, 5), 10))
    return pc.if_else(pc.equal(pc.struct_field(parts, "sign"), "-"), pc.negate(kopecks), kopecks)


def _float_kopecks(arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Kopecks of plainly written roubles through float64: ``round(x × 100)``, kept where it
    is exact — ``|x| < 10¹³`` and ``x × 100`` within 0.25 of a whole number, so that no
    half kopeck is in doubt — and null elsewhere."""
    roubles = pc.cast(arr, pa.float64())
    scaled = pc.multiply(roubles, 100)
    rounded = pc.round(scaled)
    exact = pc.and_(
        pc.less(pc.abs(pc.subtract(scaled, rounded)), 0.25),
        pc.less(pc.abs(roubles), _PLAIN_MONEY_LIMIT),
    )
    return pc.if_else(exact, pc.cast(rounded, pa.int64()), None)


def parse_money(values: pd.Series) -> pd.Series:
    """Roubles as written in an export → integer kopecks (``Int64``), exactly.

    Accepted: ``1234.56``; ``1 234 567,89`` (spaces or no-break spaces between thousands,
    decimal comma); ``1,234,567.89`` and ``1.234.567,89`` (two kinds of separator, or one
    repeated); a sign; a trailing ``₽``, ``руб.`` or ``р.``. A single ``,`` or ``.`` is
    the decimal separator. Beyond two decimals the kopeck is rounded half up (away from
    zero), as ``salesplan.money.to_kopecks`` does.
    """
    arr = as_arrow(values)
    kopecks = pa.chunked_array([pa.nulls(len(arr), pa.int64())])
    with suppress(pa.ArrowInvalid):  # "1-2", "1.2.3": for the general path to refuse
        if _plain_money(arr):
            kopecks = _float_kopecks(arr)
    rest = pc.and_(pc.is_null(kopecks), pc.is_valid(arr))
    if pc.any(rest).as_py():
        kopecks = pc.coalesce(kopecks, _general_kopecks(pc.if_else(rest, arr, None)))
    return _int64(kopecks, values.index)


def _plausible(stamps: pd.Series) -> pd.Series:
    first, last = stamps.min(), stamps.max()
    if pd.isna(first) or (first >= _FIRST_DAY and last < _AFTER_LAST_DAY):
        return stamps
    return stamps.where((stamps >= _FIRST_DAY) & (stamps < _AFTER_LAST_DAY))


def parse_datetime(values: pd.Series, fmt: str | None = None) -> pd.Series:
    """Date-times → ``datetime64[s]``.

    Accepted: ISO (``2025-01-15``, ``2025-01-15T10:30``, ``2025-01-15 10:30:05``),
    ``dd.mm.yyyy`` and ``dd.mm.yyyy H:MM[:SS]`` (one-digit day, month or hour allowed).
    A zone offset is dropped (the wall-clock time is kept) and fractions of a second are
    cut. ``fmt``, a ``strptime`` format, replaces the detection. A date that does not
    exist (31.02.2025) or lies outside the years 1900–2100 is ``NA``.
    """
    if fmt is not None:
        parsed = pd.to_datetime(clean_text(values), format=fmt, errors="coerce")
        return _plausible(parsed.dt.floor("s").astype("datetime64[s]"))
    arr = as_arrow(values)
    try:
        return _plausible(_timestamps(pc.cast(arr, pa.timestamp("s")), values.index))
    except pa.ArrowInvalid:
        pass
    text = pc.utf8_trim_whitespace(arr)
    for pattern, replacement in _TO_ISO:
        text = pc.replace_substring_regex(text, pattern, replacement)
    iso = pd.Series(pd.array(text, dtype="str"), index=values.index)
    parsed = pd.to_datetime(iso, format="ISO8601", errors="coerce")
    return _plausible(parsed.dt.floor("s").astype("datetime64[s]"))


def parse_date(values: pd.Series, fmt: str | None = None) -> pd.Series:
    """Dates → ``datetime64[s]`` at midnight; a date-time is cut to its date.

    The spellings are those of ``parse_datetime``.
    """
    if fmt is None:
        try:
            days = pc.cast(pc.cast(as_arrow(values), pa.date32()), pa.timestamp("s"))
            return _plausible(_timestamps(days, values.index))
        except pa.ArrowInvalid:
            pass
    return parse_datetime(values, fmt).dt.normalize()


def parse_whole(values: pd.Series) -> pd.Series:
    """A whole number (``Int64``): digits, perhaps a sign; ``9,0`` and ``9.0`` are 9, ``9,5`` is none."""
    text = pc.utf8_trim_whitespace(as_arrow(values))
    parts = pc.extract_regex(text, r"^(?P<n>-?\d{1,9})(?:[.,]0+)?$")
    return _int64(_field(parts, "n"), values.index)


def parse_duration(values: pd.Series) -> pd.Series:
    """A duration → whole seconds (``Int64``): ``125``, ``2:05`` (m:ss) or ``0:02:05`` (h:mm:ss).

    Seconds must be below 60 after a colon, and minutes below 60 after hours.
    """
    parts = pc.extract_regex(pc.utf8_trim_whitespace(as_arrow(values)), _DURATION)
    h, m, s = (_int64(_field(parts, name), values.index) for name in ("h", "m", "s"))
    valid = ~(m.notna() & (s >= 60)) & ~(h.notna() & (m >= 60))
    seconds = h.fillna(0) * 3600 + m.fillna(0) * 60 + s
    return seconds.where(valid.fillna(True))
