"""Streaming: a list assessed chunk by chunk (a few rows a chunk) writes the very file the one-piece path writes,
rows in error, their lines and messages included; the same refusals."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from xladdin.bursary.synthetic import as_typed, synthetic_applicants
from xladdin.cli import app
from xladdin.io.stream import assess_file

runner = CliRunner()


def _assess(src, out, monkeypatch, chunk=None):
    if chunk:
        monkeypatch.setenv("XLADDIN_CHUNK_ROWS", str(chunk))
    else:
        monkeypatch.delenv("XLADDIN_CHUNK_ROWS", raising=False)
    result = runner.invoke(app, ["assess", str(src), "--out", str(out), "--keys", "--csv-dialect", "comma"])
    return result.exit_code, result.output


def _list(tmp_path, rows=60, separator=";"):
    frame = synthetic_applicants(rows, seed=3)
    frame.loc[2, "permit"] = "X"                                  # an unknown code
    frame.loc[40, "applicant_id"] = frame.loc[3, "applicant_id"]  # a duplicate, chunks apart
    frame["earnings"] = frame["earnings"].astype(object)
    frame.loc[25, "earnings"] = "70.000"                          # ambiguous
    frame.loc[33, "birth_date"] = "31.02.2004"
    text = frame.to_csv(sep=separator, index=False).splitlines()
    text.insert(0, "Liste des demandes 2025" + separator * 3)       # a title above the header
    text.insert(20, separator * 5)                                # an empty row in the middle
    text[30] = text[30].replace(separator, ",")                   # a row pasted with another separator
    text += [separator * 10] * 3                                  # trailing empty rows (Excel's formatted area)
    src = tmp_path / "liste.csv"
    src.write_text("\n".join(text) + "\n", encoding="cp1252", errors="replace")
    return src


@pytest.mark.parametrize("chunk", [7, 13, 1000])
def test_csv_streamed_in_chunks_writes_what_one_piece_writes(tmp_path, monkeypatch, chunk):
    src = _list(tmp_path)
    whole, streamed = tmp_path / "whole.csv", tmp_path / "streamed.csv"
    code1, out1 = _assess(src, whole, monkeypatch)
    code2, out2 = _assess(src, streamed, monkeypatch, chunk)
    assert code1 == code2 == 0, out1 + out2
    assert streamed.read_bytes() == whole.read_bytes()
    results = pd.read_csv(streamed, dtype=str, keep_default_na=False)
    assert len(results) == 61                                    # 60 + the empty middle row, trailing ones cut
    bad = results[results["eligible"] == ""]
    assert len(bad) == 5 and bad["reasons"].str.contains("double").sum() == 1     # the empty row is one
    assert "ligne 5," in results.loc[2, "reasons"]               # title line 1, header line 2
    for line in ("Dossiers lus", "Dossiers en erreur"):
        assert [x for x in out1.splitlines() if line in x] == [x for x in out2.splitlines() if line in x]


def test_a_totals_row_is_set_aside_when_streamed(tmp_path, monkeypatch):
    frame = synthetic_applicants(20, seed=4)[["applicant_id", "birth_date", "earnings", "wealth"]]
    total = pd.DataFrame([{"applicant_id": "Total", "earnings": frame["earnings"].sum(),
                           "wealth": frame["wealth"].sum()}])
    src = tmp_path / "liste.csv"
    pd.concat([frame, total]).to_csv(src, sep=";", index=False)
    whole, streamed = tmp_path / "whole.csv", tmp_path / "streamed.csv"
    assert _assess(src, whole, monkeypatch)[0] == 0
    code, text = _assess(src, streamed, monkeypatch, 6)
    assert code == 0 and "ligne de total" in text
    assert streamed.read_bytes() == whole.read_bytes() and len(pd.read_csv(streamed)) == 20


def test_a_totals_row_at_the_end_of_a_big_file_is_set_aside_and_a_lookalike_is_not(tmp_path, monkeypatch):
    """Beyond 64 KB the file's end is looked at first: a « Summe » row there is summed against, and a last row
    of an applicant named « Total » whose amounts are not the sums stays an applicant."""
    frame = synthetic_applicants(900, seed=6)
    for label, earnings, rows in (("Summe", frame["earnings"].sum(), 900), ("Total", 1.0, 901)):
        total = pd.DataFrame([{"applicant_id": label, "earnings": earnings, "wealth": frame["wealth"].sum()}])
        src = tmp_path / "liste.csv"
        pd.concat([frame, total]).to_csv(src, sep=";", index=False)
        assert src.stat().st_size > 2 * 65536
        whole, streamed = tmp_path / "whole.csv", tmp_path / "streamed.csv"
        assert _assess(src, whole, monkeypatch)[0] in (0, 1)
        code, text = _assess(src, streamed, monkeypatch, 200)
        assert ("ligne de total" in text) == (rows == 900)
        assert streamed.read_bytes() == whole.read_bytes() and len(pd.read_csv(streamed)) == rows


def test_us_dates_are_judged_over_the_whole_file(tmp_path, monkeypatch):
    frame = synthetic_applicants(30, seed=5)
    frame["application_date"] = "01/10/2025"
    frame.loc[1, "application_date"] = "09/15/2025"               # month first, in the first chunk
    src = tmp_path / "us.csv"
    frame.to_csv(src, sep=";", index=False)
    code1, text1 = _assess(src, tmp_path / "a.csv", monkeypatch)
    code2, text2 = _assess(src, tmp_path / "b.csv", monkeypatch, 5)
    assert code1 == code2 == 2 and not (tmp_path / "b.csv").exists()
    frame.loc[28, "application_date"] = "15/09/2025"              # a Swiss date in the last chunk
    frame.to_csv(src, sep=";", index=False)
    assert _assess(src, tmp_path / "a.csv", monkeypatch)[0] == 0
    assert _assess(src, tmp_path / "b.csv", monkeypatch, 5)[0] == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_parquet_streamed_by_row_groups(tmp_path, monkeypatch):
    frame = as_typed(synthetic_applicants(50, seed=6))
    frame.loc[7, "applicant_id"] = frame.loc[45, "applicant_id"]
    src = tmp_path / "in.parquet"
    frame.to_parquet(src, index=False, row_group_size=10)
    whole, streamed = tmp_path / "whole.parquet", tmp_path / "streamed.parquet"
    assert _assess(src, whole, monkeypatch)[0] == 0
    done = assess_file(src, streamed, chunk=8)
    assert done.chunks >= 7 and done.rows_read == 50 and done.rows_in_error == 1
    pd.testing.assert_frame_equal(pd.read_parquet(streamed), pd.read_parquet(whole))
    csv_out = tmp_path / "streamed.csv"
    assess_file(src, csv_out, chunk=8)
    assert len(pd.read_csv(csv_out, sep=";")) == 50                # the Swiss dialect, as every CSV written


@settings(max_examples=40, deadline=None)
@given(chunks=st.lists(st.lists(st.one_of(st.none(), st.sampled_from(["GE-1", "GE-2", "x", "x\x00", "é"]),
                                          st.text(max_size=12)), max_size=30), max_size=12))
def test_the_file_numbers_of_earlier_chunks_are_found_with_their_first_line(chunks):
    """The compact index of a streamed table's file numbers answers as a dict of first lines would."""
    import numpy as np

    from xladdin.bursary.inputs import SeenIds

    seen, first, line = SeenIds(), {}, 2
    for ids in chunks:
        ids = np.array(ids, dtype=object)
        lines = np.arange(line, line + len(ids))
        assert seen.lines_of(ids).tolist() == [first.get(v, 0) if v is not None else 0 for v in ids]
        seen.add(ids, lines)
        for v, n in zip(ids, lines):
            if v is not None:
                first.setdefault(v, int(n))
        line += len(ids)
