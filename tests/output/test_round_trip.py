"""What the output layer writes, the readers read back as the clerk meant it: an applicant list written in
French, English or German labels (enum labels, oui/non, ja/nein, dd.mm.yyyy), as ';' CSV with BOM, ',' CSV or
.xlsx, assesses to exactly the results of the original list."""

from __future__ import annotations

import pandas as pd
import pytest

from xladdin.bursary.assess import assess_full
from xladdin.io import output
from xladdin.io.readers import read_table

from .conftest import LANGS, SAMPLE


@pytest.fixture(scope="module")
def original():
    raw = pd.read_csv(SAMPLE, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    results = assess_full(read_table(SAMPLE), rules="GE-2025").results
    return raw, results


@pytest.mark.parametrize("lang", LANGS + (output.KEYS,))
@pytest.mark.parametrize("target", ["list.csv", "list-comma.csv", "list.xlsx"])
def test_written_list_assesses_the_same(original, tmp_path, lang, target):
    raw, expected = original
    frame = raw.replace("", None)
    out = tmp_path / target.replace("-comma", "")
    output.write_table(frame, out, lang=lang, csv_dialect="comma" if "comma" in target else "semicolon",
                       title="liste")
    written = read_table(out)
    if lang != output.KEYS:
        heads = list(written.frame.columns)
        assert output.header("independence", lang) in heads and "independence" not in heads
    got = assess_full(written, rules="GE-2025").results
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("lang", LANGS)
def test_labels_written_are_values_read(lang, tmp_path):
    """Every enum label and yes/no word the layer writes is one the reader accepts as that value."""
    from xladdin import schema
    from xladdin.bursary.inputs import parse

    rows = []
    for f in schema.FIELDS:
        if f.kind == schema.ENUM:
            rows += [(f.key, code) for code in f.values]
    frame = pd.DataFrame({"applicant_id": [f"X{i}" for i in range(len(rows))]})
    for key in {k for k, _ in rows}:
        frame[key] = [code if k == key else None for k, code in rows]
    frame["married"] = [True, False] * (len(rows) // 2) + [True] * (len(rows) % 2)
    out = output.write_table(frame, tmp_path / "labels.csv", lang=lang)
    parsed = parse(read_table(out).frame)
    assert parsed.errors.empty, parsed.errors[["column", "value"]].head().to_dict("records")
    for i, (key, code) in enumerate(rows):
        f = schema.BY_KEY[key]
        assert f.values[int(parsed.cols[key][i])] == code, (key, code, output.value_label(key, code, lang))
    assert [bool(v) for v in parsed.cols["married"]] == list(frame["married"])
