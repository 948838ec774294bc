"""Shared helpers for the credit-check tests: the shipped catalogue, students built course by course, and small
catalogues written as YAML for rules the APHM2M page cannot exercise (△ ⊖ markers, group maxima)."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from xladdin.credits import load_catalogue

CORE = ["MDRHD2104", "MAPHD2122", "MSPHD2109"]                               # ○ bloc 1, 5 credits each
FINALITE = ["MAPHD2207", "MDRHD2201", "MAPHD2221", "MAPHD2223", "MAPHD2202"]  # ○ bloc 1, 6 credits each
PRIORITY = ["MSPHD2136", "MSSHD2101", "MMTHD2102"]
BA_ADMIN = "BA en sciences administratives et gestion publique"              # supplements 15–30
COLUMNS = ["student_id", "prior_diploma", "bloc", "course_code", "status", "grade", "supplement_min",
           "supplement_max"]


@pytest.fixture(scope="session")
def cat():
    return load_catalogue("APHM2M")


def student(sid="S1", diploma=BA_ADMIN, bloc=1, enrolled=(), supplements=(), valorised=(), grades=None,
            jury=("", ""), **extra) -> list[dict]:
    """Rows of one student: supplementary courses first, then enrolled, then valorised."""
    rows = []
    for status, codes in (("supplement", supplements), ("enrolled", enrolled), ("valorised", valorised)):
        for code in codes:
            rows.append({"student_id": sid, "prior_diploma": diploma, "bloc": bloc, "course_code": code,
                         "status": status, "grade": (grades or {}).get(code, ""), "supplement_min": jury[0],
                         "supplement_max": jury[1], **extra})
    return rows


def frame(*students) -> pd.DataFrame:
    rows = [r for s in students for r in s]
    return pd.DataFrame(rows).astype(object)


def codes(findings: pd.DataFrame, sid: str | None = None, column: str = "student_id") -> list[str]:
    sub = findings if sid is None else findings[findings[column] == sid]
    return sub["code"].tolist()


def only(findings: pd.DataFrame, code: str) -> pd.DataFrame:
    return findings[findings["code"] == code]


@pytest.fixture
def make_catalogue(tmp_path):
    """Write a small catalogue (YAML text, dedented) and load it."""
    def make(text: str, name: str = "test.yaml"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return load_catalogue(str(path))
    return make


MINI = """\
    format: xladdin-catalogue/1
    programme: {code: MINI, title: Mini, total_credits: 120, blocs: [1, 2], year: 2024-2025}
    rules:
      annual_credits.max: {value: 75}
    groups:
      - code: CORE
        credits: 60
        mandatory: true
        courses:
          - {code: C1, credits: 30, blocs: [1], markers: ○}
          - {code: C2, credits: 30, blocs: [2], markers: ○}
      - code: OPT
        title: Options
        min_credits: 10
        max_credits: 20
        max_courses: 2
        complete: true
        courses:
          - {code: O1, credits: 10, blocs: [1], markers: ⌘}
          - {code: O2, credits: 10, blocs: [1], markers: ⌘}
          - {code: O3, credits: 10, blocs: [1], markers: "⌘ △"}
          - {code: O4, credits: 10, blocs: [1], markers: "⌘ ⊖"}
          - {code: O5, credits: 10, blocs: [1], markers: "⌘ ⊕"}
      - code: REST
        credits: 40
        complete: false
"""
