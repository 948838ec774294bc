"""A bounded scan of a JSON request body as it streams in: cells, nesting depth and string length are counted
before any Python object is built, so a body of millions of one-cell rows or a thousand-deep nesting is refused
after the first few megabytes instead of being parsed whole.

The scan is vectorised per chunk (numpy over the bytes): strings are replaced by a placeholder with one regular
expression (a string cut by a chunk boundary is carried over to the next chunk), then the brackets give the depth
(a cumulative sum) and the runs of value bytes give the number of values. A *cell* is a value in an array, or an
object in an array (an Office.js entity or error cell, whatever it holds); the few keys and values of the call
itself (``func_name``, ``version``…) count too, which the limit's margin absorbs. The values inside those
objects are bounded as well, at :data:`INNER_PER_CELL` per allowed cell.
"""

from __future__ import annotations

import re

import numpy as np

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)

_STEP = np.zeros(256, np.int8)           # +1 opens a container, -1 closes one
_STEP[list(b"[{")] = 1
_STEP[list(b"]}")] = -1
_BRACE = np.zeros(256, np.int8)          # the same, objects only
_BRACE[ord("{")] = 1
_BRACE[ord("}")] = -1
_VALUE = np.ones(256, bool)              # bytes of a value (a number, true/false/null, a string's placeholder)
_VALUE[list(b"[]{},: \t\r\n")] = False


INNER_PER_CELL = 8                       # values an object cell may hold on average (an Office.js entity: 3 to 8)


class BodyRefused(Exception):
    """The body breaks a limit: ``what`` is ``cells``, ``depth`` or ``string``; ``found`` is the count reached."""

    def __init__(self, what: str, found: int):
        super().__init__(what, found)
        self.what, self.found = what, found


class BodyScan:
    """Feed the body's chunks in order; :meth:`feed` raises :class:`BodyRefused` as soon as a limit is passed."""

    def __init__(self, max_cells: int, max_depth: int = 32, max_string: int = 256 * 1024):
        self.max_cells, self.max_depth, self.max_string = max_cells, max_depth, max_string
        self.cells = 0
        self.inner = 0                   # values inside the cells' objects (an entity holds a few)
        self.depth = 0                   # containers open at the end of what was scanned
        self.objects = 0                 # objects open (the call itself is the first)
        self.in_value = False            # the last byte scanned was part of a value
        self.carry = b""                 # an unfinished string, scanned with the next chunk

    def feed(self, chunk: bytes) -> None:
        data = self.carry + chunk if self.carry else bytes(chunk)
        flat = _STRING.sub(b"0", data)
        cut = flat.find(b'"')                       # an unterminated string: everything from there is data's tail
        if cut >= 0:
            self.carry = flat[cut:]
            if len(self.carry) > self.max_string:
                raise BodyRefused("string", len(self.carry))
            flat = flat[:cut]
        else:
            self.carry = b""
        if flat:
            self._count(np.frombuffer(flat, np.uint8))

    def _count(self, a: np.ndarray) -> None:
        step = _STEP[a]
        if step.any():
            depth = self.depth + np.cumsum(step, dtype=np.int64)
            deepest = int(depth.max())
            if deepest > self.max_depth:
                raise BodyRefused("depth", deepest)
            self.depth = int(depth[-1])
        brace = _BRACE[a]
        objects = self.objects + np.cumsum(brace, dtype=np.int64) if brace.any() else None
        value = _VALUE[a]
        starts = value.copy()
        starts[1:] &= ~value[:-1]
        if self.in_value:
            starts[0] = False
        inner = 0
        if objects is not None:
            inside = objects > 1                    # within an object held by the call: counted once, below
            cells = int(np.count_nonzero(starts & ~inside))
            cells += int(np.count_nonzero((brace == 1) & (objects == 2)))
            inner = int(np.count_nonzero(starts & inside))
            self.objects = int(objects[-1])
        elif self.objects > 1:
            cells, inner = 0, int(np.count_nonzero(starts))
        else:
            cells = int(np.count_nonzero(starts))
        self.in_value = bool(value[-1])
        self.cells += cells
        self.inner += inner
        if self.cells > self.max_cells or self.inner > INNER_PER_CELL * self.max_cells:
            raise BodyRefused("cells", self.cells + self.inner // INNER_PER_CELL)
