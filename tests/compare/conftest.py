"""A hand-made applicant list whose every amount under GE-2025 and GE-2022 can be checked on paper.

Every row: Swiss, Geneva, full independence given (no parents' budget), living alone on a lease (1 occupant),
health premiums 5 600, transport 500, training year from 15.09.2025. Needs (LBPE 20, RBPE 12-13), the same under
both rule sets (GE-2022 carries the budget amounts of GE-2025):
    basic 12 × 1 200 = 14 400 + lease 12 000 + premiums 5 600 + transport 500 + meals 3 200 + training flat rate
    tertiary: 3 140  -> 38 840            secondary II: 2 100 -> 37 800
Resources: earnings above the 8 160 allowance (RBPE 11). Caps (LBPE 22 al. 1; RBPE 17 al. 3): GE-2025 16 740 /
12 550, GE-2022 (before the 2023 indexation) 16 000 / 12 000.

    row  training              earnings  shortfall                 GE-2025          GE-2022          difference
    A    bachelor (B)                 0  38 840                    bursary 16 740   bursary 16 000   740
    B    bachelor (B)            37 000  38 840 − 28 840 = 10 000  bursary 10 000   bursary 10 000     0
    C    initial_sec2 (B)             0  37 800                    bursary 12 550   bursary 12 000   550
    D    master (L)                   0  38 840                    loan 16 740      loan 16 000      740
    E    bachelor, excluded_benefit   0  ineligible (LBPE 3)       0                0                  0
    F    permit "X"                      a bad cell: row error under both (line 7 of the sheet)      empty
    G    as B, first name "=HYPERLINK(...)" (formula injection)    bursary 10 000   bursary 10 000     0

GE-2025: bursaries 16 740 + 10 000 + 12 550 + 10 000 = 49 290; loans 16 740; aid 66 030; 6 assessed, 1 in error,
5 eligible, 5 recipients, mean aid 66 030 / 5 = 13 206.
GE-2022: bursaries 16 000 + 10 000 + 12 000 + 10 000 = 48 000; loans 16 000; aid 64 000; mean 64 000 / 5 = 12 800.
"""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import Workbook

COMMON = {
    "last_name": "Exemple", "nationality": "CH", "permit": "none", "aid_domicile": "GE", "recognised": "oui",
    "regular_semesters": 6, "semesters_aided": 0, "part_time_ratio": 1, "changes_of_course": 0,
    "application_date": "01.10.2025", "year_start": "15.09.2025", "birth_date": "01.03.1990", "housing": "lease",
    "occupants": 1, "health_premiums": 5600, "transport": 500, "parents": "none", "independence": "full",
    "first_training_done": "oui", "excluded_benefit": "non", "earnings": 0,
}
DANGEROUS = '=HYPERLINK("http://example.com","x")'
ROWS = [
    {"applicant_id": "A", "first_name": "Anne", "programme_kind": "bachelor", "level": "tertiary"},
    {"applicant_id": "B", "first_name": "Bruno", "programme_kind": "bachelor", "level": "tertiary", "earnings": 37000},
    {"applicant_id": "C", "first_name": "Chloé", "programme_kind": "initial_sec2", "level": "secondary_ii"},
    {"applicant_id": "D", "first_name": "David", "programme_kind": "master", "level": "tertiary"},
    {"applicant_id": "E", "first_name": "Emma", "programme_kind": "bachelor", "level": "tertiary",
     "excluded_benefit": "oui"},
    {"applicant_id": "F", "first_name": "Félix", "programme_kind": "bachelor", "level": "tertiary", "permit": "X"},
    {"applicant_id": "G", "first_name": DANGEROUS, "programme_kind": "bachelor", "level": "tertiary",
     "earnings": 37000},
]


def hand_frame() -> pd.DataFrame:
    return pd.DataFrame([{**COMMON, **r} for r in ROWS])


def write_xlsx(frame: pd.DataFrame, path) -> None:
    """The list as a clerk's workbook: header row, then one row per applicant (text cells as typed)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Dossiers"
    ws.append(list(frame.columns))
    for record in frame.itertuples(index=False):
        ws.append(list(record))
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"                    # "=HYPERLINK" stays text, as a clerk's quoted entry
    wb.save(path)


@pytest.fixture
def hand():
    return hand_frame()


@pytest.fixture
def hand_xlsx(tmp_path):
    path = tmp_path / "dossiers.xlsx"
    write_xlsx(hand_frame(), path)
    return path
