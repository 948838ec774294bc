"""Batched custom-function calls: the cells Excel recalculates together, answered from one table.

Excel fires one call per cell: a list with one ``=XLADDIN.BURSARY(A2:BH2;;A$1:BH$1)`` per row asks for 2 000
one-applicant assessments at once. The web bridge (``static/functions.js``) gathers the calls of one function
made within a few milliseconds into one request to :data:`BATCH_PATH` (Office's "batch custom function calls to
a remote service" pattern); this module answers it.

Two ways share the engine call among the calls, both giving each call exactly what it gets alone:

* **Per-row formulas** of the functions listed in ``udfs.ROW_CELLS`` (BURSARY, ELIGIBILITY: a value row under a
  header row shared by the batch's calls): the value rows are stacked under their header and read as one range
  (``convert.read_table``, as ``BURSARY_TABLE`` reads one), assessed once (``assess_full``, every row on line 2
  as a one-applicant table has it), and each row shaped by the function's own shaper, then passed through
  xlwings' conversion of a returned value. About three times one ``BURSARY_TABLE`` for 2 000 rows, JSON
  included. Rows the one-applicant reader treats its own way are left to the second way: no file number (it
  becomes ``—``), a header naming a field twice (its first non-empty value wins), Office.js cell objects.
* **Every other call** goes through xlwings' own dispatch (``xlwings.server.custom_functions_call``) and the
  UDF's own body, so its arguments are read and its cells shaped as alone; only the engine call is shared, in
  two passes:

  1. each call runs with a batch in context: when its UDF asks for its applicant's result row
     (``udfs._assess_record`` calls :func:`deferred_row`), the applicant it read is noted and the call is set
     aside (:class:`Deferred`); calls that need no assessment (a loan plan, a bad argument, a cached result) are
     answered there and then;
  2. the noted applicants are assessed as one table per rule set and language, and the set-aside calls run
     again, their UDF receiving its row of that table.

Rows are independent in the engine except through input errors (a file number seen twice, month-first dates
that refuse a whole table): a row with an input error, or a table that raised, is therefore assessed again
alone, so each call's answer, message included, is the one it gets alone.
"""

from __future__ import annotations

import asyncio
import contextvars
import importlib.util
import logging
import sys

import numpy as np
import pandas as pd

from . import convert

BATCH_PATH = "/xlwings/custom-functions-batch"
MAX_CALLS = 100_000                      # calls in one request (the body's cell limit binds long before)
log = logging.getLogger(__name__)

_current: contextvars.ContextVar[_Batch | None] = contextvars.ContextVar("xladdin_batch", default=None)


class Deferred(BaseException):
    """A call set aside until its batch's table is assessed. Not an ``Exception``: the UDF's guard, which turns
    every error into a cell message, lets it through."""


class _Batch:
    """The state of one batch while its calls run: which call is running, what each asked for, the rows."""

    def __init__(self):
        self.collecting = True
        self.index = 0
        self.asked = False                  # the running call has asked for its row already
        self.wanted: dict[int, tuple[dict, str, str]] = {}
        self.rows: dict[int, dict] = {}

    def start(self, index: int) -> None:
        self.index, self.asked = index, False

    def row(self, record: dict, rules: str, language: str) -> dict | None:
        if self.asked:                      # a second assessment in one call: not batched
            return None
        self.asked = True
        if self.collecting:
            self.wanted[self.index] = (record, rules, language)
            raise Deferred
        return self.rows.get(self.index)


def deferred_row(record: dict, rules: str, language: str) -> dict | None:
    """The hook of the one-applicant functions: inside a batch, the applicant's row of the batch's table (or, in
    the first pass, the call set aside); outside a batch, or for a row to assess alone, None."""
    batch = _current.get()
    return None if batch is None else batch.row(record, rules, language)


# --- the shared table ---------------------------------------------------------------------------------------

def _id_key(record: dict) -> str:
    value = convert.cell(record.get("applicant_id"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().casefold()


def _rounds(indexes: list[int], records: list[dict]) -> list[list[int]]:
    """The calls split so that no file number occurs twice in one table (the n-th occurrence goes to round n):
    the engine would report the second as a duplicate."""
    rounds: list[list[int]] = []
    seen: dict[str, int] = {}
    for i, record in zip(indexes, records):
        key = _id_key(record)
        n = seen.get(key, 0)
        seen[key] = n + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(i)
    return rounds


def _assess(records: list[dict], rules: str, language: str) -> list[dict | None]:
    """One table of applicants, each on line 2 (as alone), as the rows a one-applicant function receives
    (``OUTPUT_COLUMNS`` order, None for an empty cell); None for a row with an input error."""
    from ..bursary.assess import assess_full
    from ..io.readers import RawTable

    frame = pd.DataFrame(records, dtype=object)           # cells as they came (no dtype inference), as in a table
    return _rows(assess_full(RawTable(frame=frame, lines=[2] * len(records)), rules=rules, lang=language))


def _rows(got) -> list[dict | None]:
    """An assessment's rows as a one-applicant function receives them: plain values, None where the table shows
    an empty cell; None for a row with an input error (assessed again alone, its messages as alone)."""
    bad = np.asarray(got.parsed.row_error, dtype=bool)
    keys = list(got.results.columns)
    rows = got.results.to_numpy(dtype=object, na_value=None).tolist()   # Python bool, int and str; None if empty
    return [None if bad[k] else dict(zip(keys, row)) for k, row in enumerate(rows)]


def _assess_wanted(batch: _Batch) -> None:
    groups: dict[tuple[str, str], list[int]] = {}
    for index, (_, rules, language) in batch.wanted.items():
        groups.setdefault((rules, language), []).append(index)
    for (rules, language), indexes in groups.items():
        records = [batch.wanted[i][0] for i in indexes]
        for part in _rounds(indexes, records):
            if len(part) < 2:
                continue                    # alone anyway
            try:
                rows = _assess([batch.wanted[i][0] for i in part], rules, language)
            except Exception:               # a table-wide refusal (month-first dates): each call alone says so
                log.info("xladdin: lot de %d appels évalué appel par appel", len(part))
                continue
            batch.rows.update((i, row) for i, row in zip(part, rows) if row is not None)


# --- per-row formulas: the rows under their header, read as one table ---------------------------------------

_PLAIN = {str, float, int, bool, type(None)}


def _plain_row(row) -> bool:
    """Cells the table reader passes on as they are and the one-applicant reader reads alike (no Office.js
    object, no integer standing for a COM error cell)."""
    kinds = set(map(type, row))
    if not kinds <= _PLAIN:
        return False
    return int not in kinds or all(convert.cell(c) is c for c in row if type(c) is int)


def _per_row_group(call: dict, module) -> tuple | None:
    """The group of a per-row formula ``=F(A2:BH2;rules;A$1:BH$1)`` of a function of ``module.ROW_CELLS``:
    (function, header, rules); None for any other call."""
    func_name, args = call["func_name"], call["args"]
    if func_name not in getattr(module, "ROW_CELLS", {}) or len(args) != 3:
        return None
    applicant, rules, headers = args
    if not (isinstance(applicant, list) and len(applicant) == 1 and isinstance(applicant[0], list)
            and isinstance(headers, list) and len(headers) == 1 and isinstance(headers[0], list)
            and len(applicant[0]) == len(headers[0]) >= 2 and isinstance(rules, (str, type(None)))):
        return None
    key = func_name, tuple(headers[0]), rules
    try:
        hash(key)
    except TypeError:                               # an Office.js object in the header row
        return None
    return key


def _per_row(calls: list[dict], module) -> dict[int, list]:
    """The answers of the per-row formulas among ``calls``, their value rows stacked under their shared header and
    read as one table (``convert.read_table``, as BURSARY_TABLE reads a range) and assessed once per group. Left
    out, for the two passes: a row without a file number or under a header naming a field twice (the
    one-applicant reader treats them its own way), a file number seen before in the group, a row with an input
    error, and groups of one."""
    groups: dict[tuple, list[int]] = {}
    for i, call in enumerate(calls):
        key = _per_row_group(call, module)
        if key is not None:
            groups.setdefault(key, []).append(i)
    answers: dict[int, list] = {}
    for (func_name, header, rules), indexes in groups.items():
        if len(indexes) > 1:
            answers.update(_answer_rows(module, func_name, list(header), rules, indexes, calls))
    return answers


def _answer_rows(module, func_name, header, rules, indexes, calls) -> dict[int, list]:
    from ..bursary.assess import assess_full
    from ..io.readers import RawTable
    from ..schema import resolve_header

    if not _plain_row(header):
        return {}
    keys = [None if convert.is_empty(h) else resolve_header(convert.cell(h)) for h in header]
    known = [k for k in keys if k is not None]
    if len(set(known)) != len(known) or "applicant_id" not in known:
        return {}
    try:
        default = getattr(module, func_name).__xlfunc__["args"][1].get("optional")
        rules_id = module._rules(default if rules is None else rules)
    except Exception:                               # a bad rule set: each call says so alone
        return {}
    id_column = keys.index("applicant_id")
    seen, take = set(), []
    for i in indexes:
        row = calls[i]["args"][0][0]
        file_number = row[id_column]
        if convert.is_empty(file_number) or not _plain_row(row):
            continue
        key = _id_key({"applicant_id": file_number})
        if key not in seen:
            seen.add(key)
            take.append(i)
    if len(take) < 2:
        return {}
    read = convert.read_table([header] + [calls[i]["args"][0][0] for i in take])
    try:
        got = assess_full(RawTable(frame=read.frame, lines=[2] * read.n), rules=rules_id, lang="fr")
    except Exception:                               # a table-wide refusal (month-first dates): each call alone
        return {}
    shape = module.ROW_CELLS[func_name]
    return {i: shape(row) for i, row in zip(take, _rows(got)) if row is not None}


# --- the calls ----------------------------------------------------------------------------------------------

_SET_ASIDE = object()


async def _run(call: dict, module, batch: _Batch, index: int):
    import xlwings.server

    batch.start(index)
    try:
        return await xlwings.server.custom_functions_call(call, module)
    except Deferred:
        return _SET_ASIDE
    except Exception as exc:  # arguments xlwings itself could not pass on: the cell still gets a message
        log.exception("xlwings dispatch of %s failed", call["func_name"])
        return [[convert.message(exc)]]


async def _shaped(cells: list, call: dict, module):
    """A per-row formula's cells through xlwings' own conversion of a returned value, as the dispatch does."""
    from xlwings.pro.udfs_officejs import convert as xlwings_convert

    return await xlwings_convert(cells, getattr(module, call["func_name"]).__xlfunc__["ret"], call)


def no_pyodide() -> None:
    """xlwings looks for Pyodide's ``JsNull`` on every argument of every call (``from pyodide.ffi import
    JsNull``); outside Pyodide that import fails only after searching every directory of ``sys.path``, each time
    (about 0.1 ms: 0.6 s for 2 000 calls of three arguments). Recorded as absent once, it fails at once."""
    if sys.platform != "emscripten" and "pyodide" not in sys.modules and importlib.util.find_spec("pyodide") is None:
        sys.modules["pyodide"] = None


def evaluate(calls: list[dict], module) -> list:
    """The cells of each call (checked payloads, as for ``custom-functions-call``), in order, errors in place."""
    no_pyodide()
    batch = _Batch()

    async def both_passes() -> list:
        token = _current.set(batch)
        try:
            answered = _per_row(calls, module)
            results = [await _shaped(answered[i], call, module) if i in answered else await _run(call, module, batch, i)
                       for i, call in enumerate(calls)]
            batch.collecting = False
            _assess_wanted(batch)
            for i, result in enumerate(results):
                if result is _SET_ASIDE:
                    results[i] = await _run(calls[i], module, batch, i)
            return results
        finally:
            _current.reset(token)

    return asyncio.run(both_passes())


# --- the endpoint -------------------------------------------------------------------------------------------

def payloads(body: bytes | bytearray, names: set[str]) -> list[dict]:
    """The calls of a batch body ``{"func_name", "calls": [args, ...], "caller_addresses": [text, ...],
    "version", "runtime", "client"}``, each checked as a single call's body is; ValueError with the reason
    otherwise. The calls are arrays, not objects, so the body scan counts every argument cell as a call's."""
    from .server import _parse_json, checked_call

    data = _parse_json(body)
    calls = data.get("calls") if isinstance(data, dict) else None
    if not isinstance(calls, list) or not calls:
        raise ValueError("attendu {\"func_name\": \"nom\", \"calls\": [[arguments], ...]} / expected a func_name "
                         "text and a non-empty calls list")
    if len(calls) > MAX_CALLS:
        raise ValueError(f"plus de {MAX_CALLS} appels dans un lot / more than {MAX_CALLS} calls in a batch")
    addresses = data.get("caller_addresses")
    if addresses is None:
        addresses = [None] * len(calls)
    if not isinstance(addresses, list) or len(addresses) != len(calls):
        raise ValueError("« caller_addresses » : une adresse par appel / 'caller_addresses': one address per call")
    common = {key: data.get(key) for key in ("func_name", "version", "runtime", "client")}
    return [checked_call({**common, "args": args, "caller_address": address}, names)
            for args, address in zip(calls, addresses)]


def answer(body: bytes | bytearray, names: set[str], module) -> tuple[int, bytes, str]:
    """A batch request, from its body to the response (status, bytes, media type): ``{"results": [cells, ...]}``
    in the order of the calls."""
    from .server import cells_json

    try:
        calls = payloads(body, names)
    except ValueError as exc:
        return 400, str(exc).encode(), "text/plain; charset=utf-8"
    log.info("xladdin: %s × %d", calls[0]["func_name"], len(calls))
    results = evaluate(calls, module)
    return 200, b'{"results":[' + b",".join(map(cells_json, results)) + b"]}", "application/json"
