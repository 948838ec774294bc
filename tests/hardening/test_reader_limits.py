"""Hostile or broken workbooks give a clear message and exit code, never a traceback or a partial output."""

import zipfile

import pandas as pd
import pytest
from typer.testing import CliRunner

from xladdin.cli import app
from xladdin.errors import InputFileError
from xladdin.io.readers import read_table

runner = CliRunner()


def _bomb(path):
    # one part of 50 MB of zeros packs into ~50 KB: a ratio of ~1000:1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 50_000_000)
    return path


def test_decompression_bomb_is_refused_before_unpacking(tmp_path):
    with pytest.raises(InputFileError) as err:
        read_table(_bomb(tmp_path / "bomb.xlsx"))
    assert "bombe de décompression" in err.value.text("fr")


@pytest.mark.parametrize("content", [b"PK\x03\x04 truncated", b"not a zip at all", b""])
def test_corrupt_workbooks(tmp_path, content):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["assess", str(path), "--out", str(out)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_truncated_real_workbook(tmp_path):
    good = tmp_path / "good.xlsx"
    pd.DataFrame({"applicant_id": ["A"]}).to_excel(good, index=False)
    data = good.read_bytes()
    bad = tmp_path / "truncated.xlsx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputFileError):
        read_table(bad)


def test_trailing_empty_rows_are_not_data(tmp_path):
    path = tmp_path / "far.csv"
    path.write_text("applicant_id;nationality\nA;CH\n;\n\n;\nB;CH\n;\n;\n \n", encoding="utf-8")
    frame = read_table(path).frame
    # trailing lines of bare separators (Excel exports its formatted area so) are not data, as trailing empty
    # rows of a workbook are not; blank rows between data rows stay rows (error rows, never silently dropped)
    assert frame["applicant_id"].tolist() == ["A", "", "", "", "B"]


def test_unsupported_format(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF")
    result = runner.invoke(app, ["assess", str(path), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 3 and "format de fichier non pris en charge" in result.output
