"""The same engine over a Dask DataFrame: a population too big for one machine, or a scenario grid over it, on
any Dask cluster (a laptop's ``LocalCluster``, Kubernetes, an HPC scheduler). Install with ``xladdin[dask]``.

    import dask.dataframe as dd, xladdin.dask
    people = dd.read_parquet("population/*.parquet")
    results = xladdin.dask.assess(people, rules="GE-2025")          # lazy: one result row per input row
    grid = xladdin.dask.whatif(people, vary={"amounts.cap.tertiary": [16740, 18000]}, rules="GE-2025")

Each partition goes through the very functions a single process runs (``assess_full``, the what-if's
``prepare``/``plan``/``evaluate``) in ``map_partitions``: no rule and no reading rule is written again here. Line
numbers in messages count across partitions (the first data row is line 2, as in one file), so the results
equal those of ``xladdin.assess`` on the whole table, rows in error included. A file number repeated in two
different partitions is not reported (each partition checks its own rows).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rules as rules_mod
from .errors import XladdinError

# The additive figures of one scenario over one partition; the median is rebuilt from the counts of aid values.
_SUMS = ("total_bursary", "total_loan", "total_cost", "recipients", "new_recipients", "lost_recipients", "winners",
         "losers", "winners_gain", "losers_loss")


def _offsets(ddf) -> list[int]:
    """The position of each partition's first row in the whole table."""
    sizes = ddf.map_partitions(len, meta=(None, "int64")).compute()
    return [0, *np.cumsum(np.asarray(sizes, dtype=np.int64)).tolist()]


def _table(frame: pd.DataFrame, offsets: list[int], partition_info):
    """The partition as a table whose rows keep their lines in the whole table."""
    from .io.readers import RawTable

    frame = frame.reset_index(drop=True)
    start = offsets[partition_info["number"]] if partition_info else 0
    return RawTable(frame, lines=list(range(start + 2, start + 2 + len(frame))))      # header on line 1


def _assess_partition(frame, rules, reference_date, lang, redact, offsets, partition_info=None):
    from .bursary.assess import assess_full

    table = _table(frame, offsets, partition_info)
    return assess_full(table, rules=rules, reference_date=reference_date, lang=lang, redact=redact).results


def assess(ddf, rules: str = rules_mod.DEFAULT, reference_date=None, lang: str = "fr", redact: bool | None = None):
    """``xladdin.assess`` over each partition of the Dask DataFrame ``ddf``: a lazy Dask DataFrame of results,
    one row per input row in input order (``.compute()``, ``.to_parquet(...)``)."""
    from .bursary.assess import assess_full

    meta = assess_full(ddf._meta.iloc[:0], rules=rules, reference_date=reference_date, lang=lang).results
    offsets = _offsets(ddf)
    return ddf.map_partitions(_assess_partition, rules, reference_date, lang, redact, offsets, meta=meta,
                              align_dataframes=False, enforce_metadata=False)


def _whatif_partition(frame, vary, rules, reference_date, offsets, partition_info=None) -> pd.DataFrame:
    """Per scenario, the additive figures of this partition and the counts of each aid paid (long form)."""
    from .bursary import engine
    from .whatif import grid
    from .whatif.scenarios import evaluate, outcome, prepare, resolve_rules, summary

    rows = []
    if len(frame):
        prepared = prepare(_table(frame, offsets, partition_info), reference_date)
        rs = resolve_rules(rules, prepared)
        typed = grid.typed(rs, vary)
        plan = engine.plan(prepared.inputs, rs, prepared.reference_date)
        base = outcome(prepared, plan.base)
        rows.append(("", -1, "rows_excluded", float(prepared.rows_excluded)))
        rows.append((rs.id, -1, "rows_read", float(prepared.n)))
        for number, combo in enumerate(grid.scenarios(typed)):
            result = evaluate(prepared, rs.with_overrides(combo), plan)
            figures = summary(result, base)
            rows.extend((rs.id, number, name, float(figures[name])) for name in _SUMS)
            values, counts = np.unique(result.aid[result.paid], return_counts=True)
            rows.extend((rs.id, number, f"aid={float(value)!r}", float(count)) for value, count in zip(values, counts))
    return pd.DataFrame(rows, columns=["rules", "scenario", "figure", "value"]).astype(
        {"rules": object, "scenario": np.int64, "figure": object, "value": float})


def _median(counts: pd.Series) -> float:
    """The median of the aid values whose counts are ``counts`` (index ``aid=<value>``), as ``np.median``."""
    if counts.empty:
        return 0.0
    values = np.array([float(name[4:]) for name in counts.index])
    order = np.argsort(values)
    values, cumulative = values[order], np.cumsum(counts.to_numpy()[order])
    total = int(cumulative[-1])
    low = values[np.searchsorted(cumulative, (total - 1) // 2 + 1)]
    high = values[np.searchsorted(cumulative, total // 2 + 1)]
    return float((low + high) / 2)


def whatif(ddf, vary: dict[str, list], rules: str = "GE", reference_date=None, lang: str = "fr"):
    """The what-if scenario table (``xladdin.whatif.run(...).scenarios``) of the grid ``vary`` over the Dask
    DataFrame ``ddf``, computed on the cluster: each partition runs every scenario through the engine and sends
    back its sums (and the counts of each aid paid, for the median); the figures are those of one process.
    Returns a ``WhatIf`` without breakdown."""
    from .whatif import grid, standards
    from .whatif.scenarios import EXTRA, MEASURES, WhatIf

    offsets = _offsets(ddf)
    meta = pd.DataFrame({"rules": pd.Series(dtype=object), "scenario": pd.Series(dtype=np.int64),
                         "figure": pd.Series(dtype=object), "value": pd.Series(dtype=float)})
    parts = ddf.map_partitions(_whatif_partition, vary, rules, reference_date, offsets, meta=meta,
                               align_dataframes=False, enforce_metadata=False).compute()
    if not len(parts):
        raise XladdinError("no_rows")
    ids = sorted({r for r in parts["rules"] if r})
    if len(ids) > 1:
        raise XladdinError("whatif_several_rulesets", rules=rules, ids=", ".join(ids))
    rs = rules_mod.load(ids[0])
    typed = grid.typed(rs, vary)
    combos = grid.scenarios(typed)
    totals = parts.groupby(["scenario", "figure"], sort=False)["value"].sum()
    rows = []
    for number, combo in enumerate(combos):
        got = totals.loc[number] if number in totals.index.get_level_values(0) else pd.Series(dtype=float)
        figures = {name: int(round(got.get(name, 0.0))) for name in _SUMS}
        aid_counts = got[[name for name in got.index if name.startswith("aid=")]]
        count = figures["recipients"]
        figures["mean_aid"] = round(figures["total_cost"] / count, 2) if count else 0.0
        figures["median_aid"] = _median(aid_counts)
        rows.append({**combo, **figures, "flags": standards.flags(rs.with_overrides(combo), lang)})
    table = pd.DataFrame(rows, columns=list(typed) + list(MEASURES) + list(EXTRA))
    table.index.name = "scenario"
    read = int(totals.loc[-1].get("rows_read", 0)) if -1 in totals.index.get_level_values(0) else 0
    excluded = int(totals.loc[-1].get("rows_excluded", 0)) if -1 in totals.index.get_level_values(0) else 0
    return WhatIf(table, pd.DataFrame(), {}, rs, typed, read, excluded, read * len(combos))
