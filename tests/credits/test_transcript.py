"""Spec §4 — transcripts: credits acquired at 10/20 (décret Paysage art. 139), the credit-weighted average,
credits remaining to 120, progress per group, and TR-GRADE-RANGE."""

from __future__ import annotations

import re

import pytest

from xladdin.credits import check_programmes, credits_acquired, group_progress, transcript, weighted_average
from xladdin.errors import XladdinError

from .conftest import CORE, FINALITE, codes, frame, only, student


def test_weighted_average_by_hand():
    # (12×5 + 15×10 + 8×5) / (5 + 10 + 5) = (60 + 150 + 40) / 20 = 250 / 20 = 12.5
    assert weighted_average([12, 15, 8], [5, 10, 5]) == 12.5
    # statuses and blanks are not grades: (14×6 + 9×4) / 10 = (84 + 36) / 10 = 12
    assert weighted_average([14, "abs", 9, None, "PP", ""], [6, 5, 4, 3, 10, 2]) == 12
    # French decimal text: (12.5×5 + 14×5) / 10 = (62.5 + 70) / 10 = 13.25
    assert weighted_average(["12,5", "14"], ["5", 5]) == 13.25
    # exact arithmetic: (0.1×1 + 0.2×1) / 2 = 0.15 exactly (floats would give 0.15000000000000002)
    assert weighted_average([0.1, 0.2], [1, 1]) == 0.15
    # a 2-D range (as Excel passes it), nothing graded → None
    assert weighted_average([[12], [15]], [[5], [10]]) == 14
    assert weighted_average(["abs"], [5]) is None


def test_credits_acquired_by_hand():
    # 10/20 is enough, 9.99 is not: 6 + 4 = 10 credits acquired of 6 + 5 + 4 + 3
    assert credits_acquired([10, 9.99, 19.5, "abs"], [6, 5, 4, 3]) == 10


@pytest.mark.parametrize("grades, credits, message", [
    ([21], [5], "grade hors limites : « 21 » (attendu 0–20)"),
    (["douze"], [5], "grade : nombre illisible « douze »"),
    ([12], ["six"], "credits : nombre illisible « six »"),
    ([12], [0], "credits hors limites"),
    ([12], [None], "credits : nombre illisible"),
    ([12, 13], [5], "n'ont pas la même longueur"),
])
def test_helpers_reject_bad_values(grades, credits, message):
    with pytest.raises(XladdinError, match=re.escape(message)):
        weighted_average(grades, credits)


def test_grade_range_findings(cat):
    grades = {"MDRHD2104": "21", "MAPHD2122": "douze", "MSPHD2109": "abs", "MAPHD2207": "-1", "MDRHD2201": "20",
              "MAPHD2221": "0", "MAPHD2223": "ABS.", "MAPHD2202": "12,5"}
    rows = student(diploma="Tout master", enrolled=CORE + FINALITE, grades=grades)
    found = only(check_programmes(cat, frame(rows)), "TR-GRADE-RANGE")
    got = dict(zip(found["subject"], found["severity"]))
    # 21 and -1 are outside 0–20, "douze" is not a number: errors; abs/ABS. are statuses: info; 0, 20, 12,5 fine
    assert got == {"MDRHD2104": "error", "MAPHD2207": "error", "MAPHD2122": "error", "MSPHD2109": "info",
                   "MAPHD2223": "info"}


def test_transcript_by_hand(cat):
    grades = {"MAPHD1301": "14", "MSPHD1332": "8", "MSPHD2136": "abs", "MDRHD2104": "12", "MAPHD2122": "10",
              "MSPHD2109": "9.5", "MAPHD2207": "16", "MDRHD2201": "21"}
    rows = student(supplements=["MAPHD1301", "MSPHD1332"], enrolled=["MSPHD2136"] + CORE + FINALITE[:2],
                   grades=grades)
    t = transcript(cat, frame(rows)).iloc[0]
    # enrolled: 10 + 10 (supplementary) + 5 + 15 + 12 = 52
    assert t["credits_enrolled"] == 52
    # graded: MAPHD1301 10, MSPHD1332 10, MDRHD2104 5, MAPHD2122 5, MSPHD2109 5, MAPHD2207 6 = 41
    #   (abs is a status, 21 is out of range: not graded)
    assert t["credits_graded"] == 41
    # acquired (≥ 10): MAPHD1301 10, MDRHD2104 5, MAPHD2122 5 (exactly 10), MAPHD2207 6 = 26
    assert t["credits_acquired"] == 26 and t["credits_failed"] == 15 and t["credits_not_graded"] == 11
    # supplementary credits do not count towards the degree: 26 - 10 = 16, remaining 120 - 16 = 104
    assert t["credits_supplementary_acquired"] == 10 and t["credits_toward_degree"] == 16
    assert t["credits_remaining"] == 104
    # average: (14×10 + 8×10 + 12×5 + 10×5 + 9.5×5 + 16×6) / 41 = (140 + 80 + 60 + 50 + 47.5 + 96) / 41
    #        = 473.5 / 41 = 11.5487…
    assert t["weighted_average"] == pytest.approx(473.5 / 41)
    assert t["grade_issues"] == 1 and t["rows"] == 8 and t["courses"] == 8
    # per group: finalité 6 (MAPHD2207), outside finalité 10 (MDRHD2104 + MAPHD2122), supplementary 10
    assert (t["acquired_FINALITE-MPPP"], t["acquired_HORS-FINALITE"], t["acquired_SUPPLEMENTAIRES"]) == (6, 10, 10)


def test_valorised_credits_count_towards_the_degree(cat):
    rows = student(diploma="Tout master", bloc=2, valorised=FINALITE, enrolled=["MSPHD2136"],
                   grades={"MSPHD2136": "13"})
    t = transcript(cat, frame(rows)).iloc[0]
    # valorised 30 + acquired 5 = 35 towards the degree; 120 - 35 = 85 remaining; average over graded only: 13
    assert (t["credits_valorised"], t["credits_toward_degree"], t["credits_remaining"], t["weighted_average"]) == \
        (30, 35, 85, 13)


def test_group_progress_long_format(cat):
    rows = student(diploma="Tout master", enrolled=FINALITE, grades=dict.fromkeys(FINALITE, "12"))
    progress = group_progress(cat, frame(rows)).set_index("group")
    # all five finalité courses passed: 30 / 30
    assert progress.loc["FINALITE-MPPP", "progress"] == 1
    assert progress.loc["HORS-FINALITE", "credits_required"] == 90 and progress.loc["HORS-FINALITE", "progress"] == 0


def test_every_row_and_student_appears(cat):
    rows = student("A", enrolled=CORE) + student("", enrolled=["MAPHD2221"]) + student("B", bloc=7, enrolled=CORE)
    t = transcript(cat, frame(rows))
    assert t["student_id"].tolist() == ["A", "", "B"] and t["rows"].sum() == len(rows)
    assert codes(check_programmes(cat, frame(rows)), "") == ["INPUT-INVALID"]
