"""Fixtures of the import/report tests: hand-checked applicants, LibreOffice as the real spreadsheet."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from xladdin.io import soffice

# Five applicants whose results are worked out by hand (spec bursary-GE §4, GE-2025 parameters):
# a student alone on a lease (occupants 1), tertiary, no parents' budget (parents = none):
#   needs = basic 12 × 1 200 = 14 400 + housing (12 000 + 3 000 × 0) / 1 = 12 000 + meals 3 200
#           + training flat rate (tertiary) 3 140                                      = 32 740
#   cap (tertiary) = 16 740
# A1: no income            → shortfall 32 740 → bursary = min(32 740, 16 740)          = 16 740
# A2: earnings 30 000       → resources 30 000 − 8 160 = 21 840 → shortfall 10 900     → bursary 10 900
# A3: domicile VD          → ineligible, reason LBPE-16, no aid
# A4: part_time_ratio 1.5  → row error (ratio must be in (0, 1])
# A5: master, earnings 30 000 → right "L" (loan only): loan 10 900, bursary 0
BASE = dict(birth_date="04.05.2003", nationality="CH", aid_domicile="GE", programme_kind="bachelor",
            level="tertiary", recognised="oui", regular_semesters=6, housing="lease", occupants=1, parents="none",
            application_date="15.09.2025", year_start="15.09.2025")
HAND_ROWS = [
    dict(BASE, applicant_id="A1", last_name="Rochat", first_name="Léa"),
    dict(BASE, applicant_id="A2", last_name="Müller", first_name="Jürg", earnings=30000),
    dict(BASE, applicant_id="A3", last_name="Favre", first_name="Zoé", aid_domicile="VD"),
    dict(BASE, applicant_id="A4", last_name="=HYPERLINK(\"http://evil\",\"x\")", first_name="Noé", part_time_ratio=1.5),
    dict(BASE, applicant_id="A5", last_name="Dubois", first_name="Élise", programme_kind="master", earnings=30000),
]
HAND = {"rows": 5, "assessed": 4, "errors": 1, "eligible": 3, "ineligible": 1,
        "bursary": 16740 + 10900, "loan": 10900, "aid": 16740 + 10900 + 10900}


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def lo(tmp_path):
    """``lo(path, to="xlsx", recalc=None)``: convert with headless LibreOffice (own profile, timeout)."""
    if soffice.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/ensure-libreoffice.sh installs it")
    counter = iter(range(1000))

    def convert(path, to="xlsx", recalc=None, timeout=240):
        outdir = tmp_path / f"lo-{next(counter)}"
        return soffice.convert(path, to, outdir, recalc=recalc, timeout=timeout)

    return convert


def write_csv(path: Path, rows: list[dict], *, sep=";", encoding="utf-8", headers: dict | None = None,
              bom=False) -> Path:
    """A CSV as Excel writes it: every row's keys as columns (renamed by ``headers``), CRLF line ends."""
    keys = list(dict.fromkeys(k for r in rows for k in r))
    names = [headers.get(k, k) if headers else k for k in keys]

    def cell(v):
        text = "" if v is None else str(v)
        return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in (sep, '"', "\n")) else text

    lines = [sep.join(cell(n) for n in names)] + [sep.join(cell(r.get(k)) for k in keys) for r in rows]
    data = "\r\n".join(lines) + "\r\n"
    raw = data.encode(encoding)
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    path.write_bytes(raw)
    return path


def write_xlsx(path: Path, rows: list[dict], headers: dict | None = None) -> Path:
    import openpyxl

    from xladdin.io.guard import set_cell

    keys = list(dict.fromkeys(k for r in rows for k in r))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([headers.get(k, k) if headers else k for k in keys])
    for r, row in enumerate(rows, start=2):
        for c, k in enumerate(keys, start=1):
            set_cell(ws.cell(row=r, column=c), row.get(k))
    wb.save(path)
    return path
