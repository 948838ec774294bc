"""Write workbooks/sample-applicants.csv (Geneva: seeded synthetic applicants plus one named case per branch) and
workbooks/sample-applicants-ZH.csv, -BE.csv (seeded applicants shaped for the Zurich and Bern models).

Run: .venv/bin/python scripts/make_sample_applicants.py   (deterministic: same file every time)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from xladdin.bursary.synthetic import part_time_reasons, synthetic_applicants

# Named cases that make sure every branch of the law is in the sample (each overrides a base applicant).
BASE = {
    "nationality": "CH", "permit": "none", "aid_domicile": "GE", "programme_kind": "bachelor", "level": "tertiary",
    "recognised": "oui", "regular_semesters": 6, "semesters_aided": 0, "part_time_ratio": 1, "changes_of_course": 0,
    "application_date": "01.10.2025", "year_start": "15.09.2025", "birth_date": "01.03.2005", "housing": "parents",
    "occupants": 1, "health_premiums": 5600, "transport": 500, "parents": "together", "p1_rdu": 70000,
    "p1_adults": 2, "p1_children_gt10": 2, "p1_children": 2, "p1_in_training": 1, "p1_health_premiums": 12000,
    "p1_taxes": 3000, "excluded_benefit": "non", "study_stay_only": "non", "reconversion": "non",
    "first_training_done": "non",
}
CASES = {
    "CASE-ELIGIBLE-PARENTS": {},
    "CASE-LBPE-3": {"excluded_benefit": "oui"},
    "CASE-LBPE-15": {"nationality": "FR", "permit": "B", "years_domicile_ch": 2},
    "CASE-LBPE-15-PERMIT-C": {"nationality": "PT", "permit": "C", "years_domicile_ch": 3},
    "CASE-LBPE-16": {"aid_domicile": "VD"},
    "CASE-LBPE-11": {"programme_kind": "doctorate"},
    "CASE-LBPE-13": {"application_date": "16.03.2026"},
    "CASE-LBPE-13-LAST-DAY": {"application_date": "15.03.2026"},
    "CASE-LBPE-14": {"semesters_aided": 8},
    "CASE-LBPE-14-3": {"changes_of_course": 3},
    "CASE-LBPE-17": {"reconversion": "oui", "first_training_done": "oui", "birth_date": "01.03.2003"},
    "CASE-LBPE-21": {"housing": ""},
    "CASE-LBPE-22-3": {"p1_rdu": 105000},
    "CASE-LBPE-22-4": {"programme_kind": "master", "loans_received": 45000, "p1_rdu": 30000, "housing": "lease"},
    "CASE-MASTER-LOAN": {"programme_kind": "master", "p1_rdu": 40000, "housing": "lease", "occupants": 2},
    "CASE-RECONVERSION": {"reconversion": "oui", "first_training_done": "oui", "birth_date": "01.03.1990",
                          "housing": "household", "occupants": 3, "student_children": 2, "student_children_le10": 1,
                          "married": "oui", "parents": "none", "independence": "full", "earnings": 12000},
    "CASE-PARENTS-APART": {"parents": "apart", "p1_rdu": 52000, "p1_adults": 1, "p2_rdu": 38000, "p2_adults": 1,
                           "p2_children_gt10": 0, "p2_children": 2, "housing": "lease", "occupants": 3},
    "CASE-PARENTS-NONE": {"parents": "none", "p1_rdu": "", "housing": "lease"},
    "CASE-ALIMONY-DEBTOR": {"parents": "apart", "p1_rdu": 52000, "p1_adults": 1, "p2_rdu": 90000,
                            "p2_pays_alimony": "oui", "alimony": 7200, "housing": "lease"},
    "CASE-DEFICIT": {"p1_rdu": 40000, "p1_children_gt10": 3, "p1_children": 3},
    "CASE-INDEPENDENT-PARTIAL": {"birth_date": "01.03.1998", "first_training_done": "oui", "years_independent": 3,
                                 "independent_income": 42000, "housing": "lease", "p1_rdu": 140000},
    "CASE-INDEPENDENT-WORK": {"birth_date": "01.03.1997", "years_full_time_work": 5, "housing": "lease",
                              "p1_rdu": 140000},
    "CASE-INDEPENDENT-FULL": {"birth_date": "01.03.1992", "first_training_done": "oui", "years_independent": 4,
                              "independent_income": 52000, "housing": "lease", "lives_with_parents": "non",
                              "p1_rdu": 200000},
    "CASE-INDEPENDENCE-GIVEN": {"independence": "partial", "birth_date": "01.03.1999", "housing": "lease"},
    "CASE-HOUSEHOLD-CHILD": {"housing": "household", "occupants": 2, "student_children": 1,
                             "student_children_le10": 1, "birth_date": "01.03.2000", "p1_rdu": 60000},
    "CASE-PART-TIME": {"part_time_ratio": 0.6, "part_time_reason": "professionnel", "regular_semesters": 6,
                       "semesters_aided": 9},
    "CASE-SECONDARY": {"programme_kind": "initial_sec2", "level": "secondary_ii", "birth_date": "01.03.2009",
                       "regular_semesters": 6, "p1_rdu": 55000},
    "CASE-DOMICILE-DERIVED": {"aid_domicile": "", "p1_canton": "GE", "p2_canton": "VD", "parental_authority": "joint",
                              "main_custody": "p1"},
    "CASE-REFUGEE": {"nationality": "ER", "permit": "F", "refugee_or_stateless": "oui", "years_domicile_ch": 1},
}


def with_reasons(frame: pd.DataFrame) -> pd.DataFrame:
    """Every part-time row of a sample carries its reason (LBPE 14 al. 4; VAB § 5), as a clerk's list would."""
    return frame.assign(part_time_reason=part_time_reasons(frame["part_time_ratio"]))


def main(out: Path = Path("workbooks/sample-applicants.csv")) -> None:
    rows = [{"applicant_id": key, "last_name": "Exemple", "first_name": key.split("-", 1)[1].title(),
             **BASE, **case} for key, case in CASES.items()]
    named = pd.DataFrame(rows)
    random = with_reasons(synthetic_applicants(300 - len(named), seed=2025))
    sample = pd.concat([named, random], ignore_index=True)[random.columns.union(named.columns, sort=False)]
    out.parent.mkdir(parents=True, exist_ok=True)
    sample.to_csv(out, index=False, sep=";", encoding="utf-8-sig")
    print(f"{len(sample)} applicants written to {out}")
    for canton in ("ZH", "BE"):
        path = out.with_name(f"{out.stem}-{canton}{out.suffix}")
        with_reasons(synthetic_applicants(300, seed=2025, canton=canton)).to_csv(path, index=False, sep=";",
                                                                                 encoding="utf-8-sig")
        print(f"300 applicants written to {path}")


if __name__ == "__main__":
    main()
