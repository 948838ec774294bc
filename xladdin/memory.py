"""Keeping freed memory for the next run's arrays (glibc's allocator, Linux).

One assessment of 100 000 applicants makes and frees a few hundred arrays of about 800 kB. By default glibc hands
memory freed at the top of its heap back to the system past 128 kB, and serves blocks above its mmap threshold
with fresh pages; every such block is then faulted in and zeroed page by page again: about 23 000 page faults, a
quarter of a typed ``xladdin.assess`` of 100 000 rows. Raising the two thresholds keeps up to 128 MB of freed
heap for the next arrays (what glibc's own adaptive threshold would settle on for blocks up to 32 MB).

Process-wide, so set once and only where nothing else asked otherwise: a ``MALLOC_*_`` variable set by the user
wins, ``XLADDIN_MALLOC=system`` leaves glibc's defaults, and elsewhere (macOS, Windows, musl, Pyodide) nothing is
done.
"""

from __future__ import annotations

import ctypes
import os
import sys

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3              # glibc's malloc.h
KEEP_FREED = 128 << 20
MMAP_THRESHOLD = 32 << 20
_USER_SETTINGS = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")
_done: list[bool] = []


def keep_freed_memory() -> bool:
    """Set glibc's trim and mmap thresholds once per process; True when they were set."""
    if _done:
        return _done[0]
    _done.append(False)
    if not sys.platform.startswith("linux") or os.environ.get("XLADDIN_MALLOC", "").lower() == "system":
        return False
    if any(name in os.environ for name in _USER_SETTINGS):
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):                       # not glibc
        return False
    _done[0] = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) & bool(mallopt(_M_TRIM_THRESHOLD, KEEP_FREED))
    return _done[0]
