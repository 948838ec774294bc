"""Synthetic students and applicants for APHM2M (issue 3 §5): a hand-made case per finding code, plus seeded
random fillers. No real person; course codes are the page's, except ``HORSPAGE-*`` which stand for courses of
the programme the page does not list (the checks flag them PAE-UNKNOWN-COURSE, as they should).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .inputs import APPLICANT_COLUMNS, STUDENT_COLUMNS

CORE = ["MDRHD2104", "MAPHD2122", "MSPHD2109"]                           # ○, bloc 1, 5 credits each
FINALITE = ["MAPHD2207", "MDRHD2201", "MAPHD2221", "MAPHD2223", "MAPHD2202"]  # ○, bloc 1, 6 credits each
PRIORITY = ["MSPHD2136", "MSSHD2101", "MMTHD2102"]                      # 5 credits, then credits not on the page
SUPP = {"MAPHD1301": 10, "MDRHD1304": 5, "MSPHD1332": 10, "MMTHD1327": 10}
BA_ADMIN = "BA en sciences administratives et gestion publique"         # supplements 15–30
BA_DROIT = "BA en droit"                                                 # supplements 45–60
MASTER = "Tout master"                                                   # dossier
STUDENT_EXTRA = ("credits", "reduced_load")
APPLICANT_EXTRA = ("valorisation_credits",)


class _Builder:
    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.rows: list[dict] = []

    def grade(self) -> str:
        g = float(np.clip(np.round(self.rng.normal(13, 3) * 2) / 2, 0, 20))
        return f"{g:g}"

    def add(self, sid, diploma, bloc, codes, status="enrolled", *, grades=None, jury=("", ""), credits="",
            reduced=""):
        for i, code in enumerate(codes):
            grade = grades[i] if grades is not None else (self.grade() if status != "valorised" else "")
            self.rows.append({"student_id": sid, "prior_diploma": diploma, "bloc": bloc, "course_code": code,
                              "status": status, "grade": grade, "supplement_min": jury[0],
                              "supplement_max": jury[1], "credits": credits, "reduced_load": reduced})

    def frame(self, columns) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=list(columns)).astype(object)


def coverage_students(seed: int = 20240914) -> pd.DataFrame:
    """One student per finding the students' file can raise with the APHM2M catalogue (ids name the case)."""
    b = _Builder(seed)
    supp20 = ["MAPHD1301", "MSPHD1332"]                                   # 10 + 10 = 20, inside 15–30
    supp35 = list(SUPP)                                                   # 10 + 5 + 10 + 10 = 35
    # A clean bloc 1 with supplements: 20 supplementary + 5 + 15 + 30 = 70 known credits (+ 2 without credits).
    b.add("ok-ba-admin", BA_ADMIN, 1, supp20, "supplement")
    b.add("ok-ba-admin", BA_ADMIN, 1, PRIORITY + CORE + FINALITE)
    b.add("pae-unknown-course", BA_ADMIN, 1, supp20, "supplement")
    b.add("pae-unknown-course", BA_ADMIN, 1, PRIORITY + CORE + FINALITE + ["MAPHD9999"])
    b.add("pae-duplicate", BA_ADMIN, 1, supp20, "supplement")
    b.add("pae-duplicate", BA_ADMIN, 1, PRIORITY + CORE + FINALITE + ["MAPHD2221"])
    # Dossier access, no supplements: bloc 1 without MAPHD2202 (→ also PAE-GROUP-MIN, finalité 24 < 30).
    b.add("pae-mandatory-missing", MASTER, 1, PRIORITY + CORE + FINALITE[:4])
    # The example: BA en sciences administratives with 35 supplementary credits (range 15–30).
    b.add("pae-supplements-range", "BA en sciences administratives", 1, supp35, "supplement")
    b.add("pae-supplements-range", "BA en sciences administratives", 1, PRIORITY + CORE + FINALITE[:2])
    b.add("pae-supplements-low", BA_DROIT, 1, supp35, "supplement")      # 35 < 45
    b.add("pae-supplements-low", BA_DROIT, 1, PRIORITY + CORE + FINALITE[:2])
    # Over 60: the jury imposes master courses as supplements too: 35 + 5 + 15 + 12 = 67.
    b.add("pae-supplements-over", BA_DROIT, 1, supp35 + ["MSPHD2136"] + CORE + FINALITE[:2], "supplement")
    # Inside the diploma's 45–60 but under the jury's 50–60: 35 + 5 + 5 = 45.
    b.add("pae-supplements-jury", BA_DROIT, 1, supp35 + ["MSPHD2136", "MDRHD2104"], "supplement",
          jury=("50", "60"))
    b.add("pae-supplements-jury", BA_DROIT, 1, ["MSSHD2101", "MMTHD2102", "MAPHD2122", "MSPHD2109"],
          jury=("50", "60"))
    # Supplements under 60 and bloc 1 filled with other master courses, no priority course: 20 + 15 + 30 = 65.
    b.add("pae-priority-fill", BA_ADMIN, 1, supp20, "supplement")
    b.add("pae-priority-fill", BA_ADMIN, 1, CORE + FINALITE)
    # 20 + 5 + 15 = 40 < 60 with every credit known → error (and the two other priority courses missing).
    b.add("pae-credits-low", BA_ADMIN, 1, supp20, "supplement")
    b.add("pae-credits-low", BA_ADMIN, 1, ["MSPHD2136"] + CORE)
    b.add("pae-credits-low-end-of-cycle", MASTER, 2, ["MSPHD2136"])       # last bloc: info
    b.add("pae-credits-low-reduced-load", MASTER, 1, CORE + FINALITE, reduced="oui")   # 45 < 60, allowed
    # 30 + 15 + 15 + 30 = 90 known credits > 75.
    b.add("pae-credits-high", BA_ADMIN, 1, ["MAPHD1301", "MSPHD1332", "MMTHD1327"], "supplement")
    b.add("pae-credits-high", BA_ADMIN, 1, PRIORITY + CORE + FINALITE)
    # Valorised 15 + 30 + 5 + 15 (a course not on the page, credits given) = 65 > 60.
    b.add("pae-valorised-max", MASTER, 2, CORE + FINALITE + ["MSPHD2136"], "valorised")
    b.add("pae-valorised-max", MASTER, 2, ["HORSPAGE-V1"], "valorised", credits="15")
    b.add("pae-valorised-max", MASTER, 2, ["HORSPAGE-M1"], credits="30")
    # Grades: 21 (outside 0–20), "douze" (not a number), "abs" (a status: info).
    b.add("tr-grade-range", BA_ADMIN, 1, supp20, "supplement", grades=["14", "21"])
    b.add("tr-grade-range", BA_ADMIN, 1, PRIORITY + CORE + FINALITE,
          grades=["abs", "12", "11", "douze", "15", "9.5", "13", "12,5", "16", "10", "8"])
    # Bad cells: a bloc that does not exist, an unknown status, credits as text, a row without id.
    b.add("input-bad-bloc", MASTER, 3, CORE)
    b.add("input-bad-cells", BA_ADMIN, 1, supp20, "supplement")
    b.add("input-bad-cells", BA_ADMIN, 1, PRIORITY + CORE + FINALITE[:4])
    b.add("input-bad-cells", BA_ADMIN, 1, ["MAPHD2202"], "enroled")
    b.add("input-bad-cells", BA_ADMIN, 1, ["HORSPAGE-X1"], credits="six")
    b.add("", BA_ADMIN, 1, ["MAPHD2221"])
    return b.frame(STUDENT_COLUMNS + STUDENT_EXTRA)


def random_students(n: int, seed: int = 7, start: int = 1) -> pd.DataFrame:
    """``n`` plausible APHM2M students (ids ``S00001``…): bloc 1 with supplements or on dossier, or bloc 2.

    Random grades around 13/20 with a few statuses (abs) and rare slips (an unknown code, a duplicate).
    """
    b = _Builder(seed)
    rng = b.rng
    for k in range(start, start + n):
        sid = f"S{k:05d}"
        kind = rng.choice(["admin", "ba", "master", "bloc2"], p=[0.3, 0.3, 0.2, 0.2])
        if kind == "admin":
            supp = list(rng.choice(list(SUPP), size=int(rng.integers(2, 4)), replace=False))
            b.add(sid, BA_ADMIN, 1, supp, "supplement")
            b.add(sid, BA_ADMIN, 1, PRIORITY + CORE + FINALITE)
        elif kind == "ba":
            diploma = rng.choice(["BA en droit", "BA en communication", "BA - assistant(e) social(e)"])
            b.add(sid, diploma, 1, list(SUPP) + ["MSPHD2136"] + CORE[:2], "supplement")
            b.add(sid, diploma, 1, ["MSSHD2101", "MMTHD2102"] + FINALITE[:2])
        elif kind == "master":
            b.add(sid, MASTER, 1, PRIORITY + CORE + FINALITE)
        else:
            b.add(sid, MASTER, 2, ["MSPHD2136"])
            b.add(sid, MASTER, 2, [f"HORSPAGE-M{i}" for i in range(1, 5)], credits="14")
        slip = rng.random()
        if slip < 0.03:
            b.add(sid, MASTER if kind in ("master", "bloc2") else BA_ADMIN, 1 if kind != "bloc2" else 2,
                  ["MAPHD2221"])                                    # a duplicate
        elif slip < 0.05:
            b.rows[-1]["grade"] = rng.choice(["abs", "ABS", "PP", "21"])
    frame = b.frame(STUDENT_COLUMNS + STUDENT_EXTRA)
    return frame


def coverage_applicants() -> pd.DataFrame:
    """One applicant per finding the applicants' file can raise with the APHM2M catalogue."""
    rows = [
        ("adm-ba-admin", BA_ADMIN, "eu", "180", "13.5", "", "", ""),
        ("adm-master-ok", MASTER, "eu", "300", "14", "", "MSPHD1332;MDRHD1304", ""),
        ("adm-dossier-prereq", MASTER, "eu", "300", "14", "", "MSPHD1332", ""),
        ("adm-licence-no-prereq", "Toute licence en 4 années d'études", "eu", "240", "13", "", "", ""),
        ("adm-non-eu-ok", "Licence en science politique (Université de Dakar)", "non_eu", "180", "12", "no",
         "MSPHD1332; MDRHD1304", ""),
        ("adm-non-eu-average", "Licence en science politique (Université de Dakar)", "non_eu", "180", "11.9", "no",
         "MSPHD1332;MDRHD1304", ""),
        ("adm-non-eu-percent", "Master en sociologie (Université de Montréal)", "non_eu", "300", "59 %", "non",
         "MSPHD1332;MDRHD1304", ""),
        ("adm-non-eu-derogation", "Licence en sociologie (Université de Yaoundé)", "non_eu", "180", "11,5", "oui",
         "MSPHD1332;MDRHD1304", ""),
        ("adm-non-eu-no-average", "Licence en droit (Université d'Abidjan)", "non_eu", "180", "", "no",
         "MSPHD1332;MDRHD1304", ""),
        ("adm-non-eu-short-degree", "Diplôme universitaire (2 ans)", "non_eu", "120", "14", "no",
         "MSPHD1332;MDRHD1304", ""),
        ("adm-no-access", "Diplôme de 2e cycle non universitaire", "eu", "240", "", "", "", ""),
        ("adm-unlisted-diploma", "Bachelier en philosophie", "eu", "180", "14", "", "", ""),
        ("adm-valorisation-not-eligible", BA_DROIT, "eu", "180", "13", "", "", "30"),
        ("adm-valorisation-over", MASTER, "eu", "300", "15", "", "MSPHD1332;MDRHD1304", "75"),
        ("adm-bad-cells", BA_ADMIN, "asia", "trois cents", "vingt", "peut-être", "", ""),
        ("", BA_ADMIN, "eu", "180", "12", "", "", ""),
    ]
    return pd.DataFrame(rows, columns=list(APPLICANT_COLUMNS + APPLICANT_EXTRA)).astype(object)


def random_applicants(n: int, seed: int = 11, start: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    diplomas = [BA_ADMIN, BA_DROIT, "BA en communication", MASTER, "Toute licence en 4 années d'études"]
    rows = []
    for k in range(start, start + n):
        non_eu = rng.random() < 0.25
        diploma = "Licence en science politique (hors Europe)" if non_eu else str(rng.choice(diplomas))
        credits = "300" if diploma in (MASTER,) or rng.random() < 0.2 else "180"
        average = f"{float(np.clip(np.round(rng.normal(13, 1.5) * 10) / 10, 8, 19)):g}"
        passed = ";".join(c for c in ("MSPHD1332", "MDRHD1304") if rng.random() < 0.8)
        rows.append((f"C{k:05d}", diploma, "non_eu" if non_eu else "eu", credits, average,
                     "oui" if rng.random() < 0.1 else "non", passed, ""))
    return pd.DataFrame(rows, columns=list(APPLICANT_COLUMNS + APPLICANT_EXTRA)).astype(object)


def students_sample(seed: int = 20240914) -> pd.DataFrame:
    """workbooks/credits-students.csv: the coverage cases, then 40 random students."""
    return pd.concat([coverage_students(seed), random_students(40, seed)], ignore_index=True)


def applicants_sample(seed: int = 20240914) -> pd.DataFrame:
    """workbooks/credits-applicants.csv: the coverage cases, then 30 random applicants."""
    return pd.concat([coverage_applicants(), random_applicants(30, seed)], ignore_index=True)
