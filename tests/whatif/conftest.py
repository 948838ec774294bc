"""A hand-made applicant table whose every amount can be checked on paper (GE-2025).

Every row: Swiss, Geneva, full independence given (no parents' budget), living alone on a lease (1 occupant),
health premiums 5 600, transport 500. Needs (LBPE 20, RBPE 12-13):
    basic 12 × 1 200 = 14 400 + lease 12 000 + premiums 5 600 + transport 500 + meals 3 200 + training flat rate
    tertiary: 3 140  -> 38 840            secondary II: 2 100 -> 37 800
Resources: earnings above the 8 160 allowance (RBPE 11).

    row  training             earnings  shortfall                 cap     aid      paid as
    A1   bachelor (B)                0  38 840                    16 740  16 740   bursary, at the cap
    A2   bachelor (B)                0  38 840                    16 740  16 740   bursary, at the cap
    B    bachelor (B)           37 000  38 840 − 28 840 = 10 000  16 740  10 000   bursary, under the cap
    C    initial_sec2 (B)            0  37 800                    12 550  12 550   bursary (secondary II cap)
    D    master (L)                  0  38 840                    16 740  16 740   loan, at the cap
    E    bachelor, excluded_benefit  0  (ineligible, LBPE 3)              0
Baseline: bursaries 16 740 + 16 740 + 10 000 + 12 550 = 56 030; loans 16 740; cost 72 770; 5 recipients.
"""

from __future__ import annotations

import pandas as pd
import pytest

COMMON = {
    "nationality": "CH", "permit": "none", "aid_domicile": "GE", "recognised": "oui", "regular_semesters": 6,
    "semesters_aided": 0, "part_time_ratio": 1, "changes_of_course": 0, "application_date": "01.10.2025",
    "year_start": "15.09.2025", "birth_date": "01.03.1990", "housing": "lease", "occupants": 1,
    "health_premiums": 5600, "transport": 500, "parents": "none", "independence": "full",
    "first_training_done": "oui", "excluded_benefit": "non", "earnings": 0,
}
ROWS = [
    {"applicant_id": "A1", "programme_kind": "bachelor", "level": "tertiary"},
    {"applicant_id": "A2", "programme_kind": "bachelor", "level": "tertiary"},
    {"applicant_id": "B", "programme_kind": "bachelor", "level": "tertiary", "earnings": 37000},
    {"applicant_id": "C", "programme_kind": "initial_sec2", "level": "secondary_ii"},
    {"applicant_id": "D", "programme_kind": "master", "level": "tertiary"},
    {"applicant_id": "E", "programme_kind": "bachelor", "level": "tertiary", "excluded_benefit": "oui"},
]
BASE_BURSARY = 56_030
BASE_LOAN = 16_740


def hand_frame() -> pd.DataFrame:
    return pd.DataFrame([{**COMMON, **row} for row in ROWS])


@pytest.fixture
def hand() -> pd.DataFrame:
    return hand_frame()


@pytest.fixture
def hand_csv(tmp_path):
    path = tmp_path / "hand.csv"
    hand_frame().to_csv(path, index=False, sep=";")
    return path
