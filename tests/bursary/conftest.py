import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))          # benchmarks.rowwise is the test oracle

# A plain eligible applicant: Swiss, Geneva, first bachelor, living with parents together (RDU 70 000).
BASE = {
    "applicant_id": "T1", "nationality": "CH", "permit": "none", "aid_domicile": "GE",
    "programme_kind": "bachelor", "level": "tertiary", "recognised": "oui", "regular_semesters": 6,
    "semesters_aided": 0, "part_time_ratio": 1, "changes_of_course": 0, "application_date": "01.10.2025",
    "year_start": "15.09.2025", "birth_date": "01.03.2005", "housing": "parents", "occupants": 1,
    "health_premiums": 5600, "transport": 500, "parents": "together", "p1_rdu": 70000, "p1_adults": 2,
    "p1_children_gt10": 2, "p1_children": 2, "p1_in_training": 1, "p1_health_premiums": 12000, "p1_taxes": 3000,
    "first_training_done": "non",
}


@pytest.fixture
def base():
    return dict(BASE)
