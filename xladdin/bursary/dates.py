"""Calendar parts of ``datetime64[D]`` arrays: year, month and day, read from a table of days.

numpy converts ``datetime64[D]`` to ``[M]`` or ``[Y]`` through its calendar code, about 1 ms per conversion of
100 000 dates; the steps need several per date (ages, reference dates, deadlines). A table of every day from
1900 to 2199 answers the same parts with one indexed read; dates outside it (and NaT) take numpy's conversion.
"""

from __future__ import annotations

import numpy as np

_FIRST = np.datetime64("1900-01-01", "D")
_DAYS = np.arange(_FIRST, np.datetime64("2200-01-01", "D"))
_FIRST_DAY = int(_FIRST.astype(np.int64))
_YEAR = (_DAYS.astype("datetime64[Y]").astype(np.int64) + 1970).astype(np.int16)
_MONTH0 = _DAYS.astype("datetime64[M]").astype(np.int64)           # months since January 1970
_DAY = (_DAYS - _MONTH0.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int8) + 1
_MONTH0 = _MONTH0.astype(np.int32)


def _index(dates: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Each date's row in the table (0 where outside it) and the mask of dates outside (None if none are)."""
    index = dates.astype("datetime64[D]", copy=False).view(np.int64) - _FIRST_DAY
    outside = (index < 0) | (index >= _DAYS.size)
    if outside.any():
        return np.where(outside, 0, index), outside
    return index, None


def months(dates: np.ndarray) -> np.ndarray:
    """Months since January 1970 (int64), as ``dates.astype("datetime64[M]").astype(int64)``; NaT gives numpy's
    NaT integer, as that conversion does."""
    index, outside = _index(dates)
    out = _MONTH0[index].astype(np.int64)
    if outside is not None:
        out[outside] = dates[outside].astype("datetime64[M]").astype(np.int64)
    return out


def year_month_day(dates: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Calendar year, month (1-12) and day of month (1-31), int64; meaningless where the date is NaT (the caller
    masks those)."""
    index, outside = _index(dates)
    year, month0, day = _YEAR[index].astype(np.int64), _MONTH0[index].astype(np.int64), _DAY[index].astype(np.int64)
    if outside is not None:
        far = dates[outside].astype("datetime64[D]")
        m = far.astype("datetime64[M]")
        year[outside] = far.astype("datetime64[Y]").astype(np.int64) + 1970
        month0[outside] = m.astype(np.int64)
        day[outside] = (far - m.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month0 % 12 + 1, day


_FIRST_MONTH = int(_MONTH0[0])
_MONTH_FIRST_DAYS = np.arange(np.datetime64("1900-01", "M"), np.datetime64("2200-01", "M")).astype("datetime64[D]")


def first_days(months_since_1970: np.ndarray) -> np.ndarray:
    """The first day (datetime64[D]) of each month counted from January 1970 (int), as
    ``astype("datetime64[M]").astype("datetime64[D]")``; numpy's NaT integer gives NaT."""
    m = np.asarray(months_since_1970, dtype=np.int64)
    index = m - _FIRST_MONTH
    outside = (index < 0) | (index >= _MONTH_FIRST_DAYS.size)
    if not outside.any():
        return _MONTH_FIRST_DAYS[index]
    out = _MONTH_FIRST_DAYS[np.where(outside, 0, index)]
    out[outside] = m[outside].astype("datetime64[M]").astype("datetime64[D]")
    return out


def month_starts(dates: np.ndarray) -> np.ndarray:
    """The first day of each date's month (datetime64[D]); NaT stays NaT."""
    return first_days(months(dates))
