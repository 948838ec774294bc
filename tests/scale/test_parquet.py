"""Parquet in and out: a typed Parquet file assesses like the same table given to the Python API, and the
results written as Parquet read back as the results; errors keep their lines (header = line 1)."""

import datetime as dt

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

pytest.importorskip("pyarrow")

import xladdin  # noqa: E402
from xladdin.bursary.assess import assess_full  # noqa: E402
from xladdin.bursary.synthetic import as_typed, synthetic_applicants  # noqa: E402
from xladdin.cli import app  # noqa: E402
from xladdin.errors import XladdinError  # noqa: E402
from xladdin.io.readers import read_applicants  # noqa: E402

runner = CliRunner()


@pytest.fixture
def typed():
    frame = as_typed(synthetic_applicants(300, seed=5))
    permit = frame["permit"].astype(object)
    permit[4] = "Q"                                                   # unknown code: line 6
    frame["permit"] = permit.astype("category")
    frame.loc[9, "birth_date"] = pd.Timestamp(dt.date.today() + dt.timedelta(days=10))   # future: line 11
    return frame


def test_a_parquet_list_assesses_like_the_table_itself(tmp_path, typed):
    src = tmp_path / "population.parquet"
    typed.to_parquet(src, index=False)
    table = read_applicants(src)
    assert table.file_format == "parquet" and table.line_of(0) == 2
    got = assess_full(src)
    pd.testing.assert_frame_equal(got.results, xladdin.assess(typed))
    lines = dict(zip(got.errors["position"], got.errors["line"]))
    assert lines == {4: 6, 9: 11}
    assert "ligne 6, colonne « Permis de séjour » (permit) : valeur inconnue « Q »" in got.results.loc[4, "reasons"]


def test_assess_command_reads_and_writes_parquet(tmp_path, typed):
    src, out, csv = tmp_path / "in.parquet", tmp_path / "out.parquet", tmp_path / "out.csv"
    typed.to_parquet(src, index=False)
    result = runner.invoke(app, ["assess", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Fichier Parquet lu" in result.output
    back = pd.read_parquet(out)
    pd.testing.assert_frame_equal(back, xladdin.assess(typed), check_dtype=False)
    assert str(back["eligible"].dtype) == "boolean" and str(back["aid"].dtype) == "Int64"
    assert runner.invoke(app, ["assess", str(src), "--out", str(csv), "--keys", "--csv-dialect", "comma"]).exit_code == 0
    assert len(pd.read_csv(csv)) == len(typed)


def test_import_reads_parquet(tmp_path, typed):
    src, out = tmp_path / "in.parquet", tmp_path / "rapport.xlsx"
    typed.to_parquet(src, index=False)
    result = runner.invoke(app, ["import", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    errors = list(openpyxl.load_workbook(out, read_only=True)["Erreurs"].iter_rows(values_only=True))[1:]
    assert sorted(r[0] for r in errors) == [6, 11]


def test_a_parquet_file_is_refused_beyond_the_row_limit_and_when_damaged(tmp_path, typed, monkeypatch):
    src = tmp_path / "in.parquet"
    typed.to_parquet(src, index=False)
    monkeypatch.setenv("XLADDIN_MAX_ROWS", "100")
    with pytest.raises(XladdinError):
        read_applicants(src)
    monkeypatch.delenv("XLADDIN_MAX_ROWS")
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really parquet PAR1")
    with pytest.raises(XladdinError) as info:
        read_applicants(bad)
    assert info.value.code == "file_corrupt"
