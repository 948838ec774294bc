"""Write workbooks/sample-applicants.csv (Geneva: seeded synthetic applicants plus one named case per branch) and
workbooks/sample-applicants-ZH.csv, -BE.csv (seeded applicants shaped for the Zurich and Bern models) and
workbooks/sample-applicants-VD.csv (Vaud: one named case per reason code of docs/rules/VD.md §3.2, then seeded
applicants) and -FR.csv (Fribourg: one named case per reason code of docs/rules/FR.md §3.2; its annex 1 is not held,
so the cases of the amount codes come back as row errors naming the missing amount), -NE.csv (Neuchâtel: one named
case per reason code of docs/rules/NE.md §3.2; the social-aid norms of RSN 831.02 are not held, so the cases that
need an amount come back as row errors naming the norm), -JU.csv (Jura: one named case per reason code of
docs/rules/JU.md §3.2, each decided by the texts held, and one with parents whose budget needs the LP minimum
vital, a row error naming it) and -VS.csv (Valais: one named case per reason code of docs/rules/VS.md §3.2; the
department's flat rates are not held, so the cases that need them come back as row errors naming them).

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
    # the cantons with named cases per reason code (their builders below)
    for canton, build in (("FR", fr_sample), ("VD", vd_sample), ("NE", ne_sample), ("JU", ju_sample),
                          ("VS", vs_sample)):
        path = out.with_name(f"{out.stem}-{canton}{out.suffix}")
        sample = build()
        sample.to_csv(path, index=False, sep=";", encoding="utf-8-sig")
        print(f"{len(sample)} applicants written to {path}")



# Vaud (VD-2023): a base applicant (docs/rules/VD.md §8, VD-1: a minor at home, bursary 8 259) and one case per
# reason code of VD.md §3.2.
VD_BASE = {
    "nationality": "CH", "permit": "none", "aid_domicile": "VD", "programme_kind": "initial_sec2",
    "level": "secondary_ii", "recognised": "oui", "regular_semesters": 6, "semesters_aided": 0, "part_time_ratio": 1,
    "changes_of_course": 0, "application_date": "01.07.2024", "year_start": "01.08.2024", "birth_date": "15.03.2008",
    "training_category": "gymnasium", "housing": "parents", "transport_zones": "3", "meals_out": 100,
    "parents": "together", "p1_adults": 2, "p1_dependent_children": 1, "p1_children_in_training": 1,
    "p1_charges_zone": "2", "p1_rdu": 60000, "p1_taxable_income": 45000,
}
_VD_ADULT = {"birth_date": "01.02.2001", "programme_kind": "bachelor", "level": "tertiary",
             "training_category": "university", "housing": "lease", "charges_zone": "1", "first_training_done": "oui",
             "years_independent": 2, "student_rdu": 12000, "taxable_income": 9000, "transport_zones": "AG",
             "meals_out": 150, "p1_charges_zone": "3", "p1_rdu": 100000, "p1_taxable_income": 80000}
VD_CASES = {
    "VD-ELIGIBLE": {},
    "VD-LAEF-8": {"nationality": "BR", "permit": "none", "years_domicile_ch": 3},
    "VD-LAEF-8-2": {"study_stay_only": "oui"},
    "VD-LAEF-9": {"aid_domicile": "GE"},
    "VD-LAEF-10": {"programme_kind": "continuing_education"},
    "VD-RLAEF-11": {"part_time_ratio": 0.25},
    "VD-LAEF-17": {"semesters_aided": 8},
    "VD-LAEF-18": {"years_in_training": 10},
    "VD-LAEF-19-5": {"changes_of_course": 2},
    "VD-LAEF-40-2": {"application_date": "02.05.2025"},
    "VD-RLAEF-47-3": {"p1_rdu": ""},
    "VD-LAEF-28": _VD_ADULT,
    "VD-LAEF-28-2": {**_VD_ADULT, "birth_date": "15.07.1999", "programme_kind": "master"},
    "VD-LAEF-29-3": {"housing": "lease"},
    "VD-LAEF-16": {"programme_kind": "second_sec2"},
    "VD-LAEF-28-5": {**_VD_ADULT, "p1_taxable_wealth": 900000},
    "VD-RLAEF-15": {"programme_kind": "second_sec2", "loans_received": 45000},
    "VD-RLAEF-47": {"application_date": "15.10.2024"},
    "VD-PARENTS-APART": {"birth_date": "20.06.2005", "training_category": "apprenticeship", "student_rdu": 6000,
                         "transport_zones": "2", "meals_out": 200, "parents": "apart", "p1_adults": 1,
                         "p1_rdu": 40000, "p1_taxable_income": 30000, "p2_adults": 2, "p2_dependent_children": 0,
                         "p2_children_in_training": 1, "p2_charges_zone": "1", "p2_rdu": 60000,
                         "p2_taxable_income": 90000},
}


def canton_sample(canton: str, base: dict, cases: dict, size: int = 300, reasons: bool = False) -> pd.DataFrame:
    """A canton's named cases first (each over ``base``), then seeded applicants shaped for its model (same
    columns); ``reasons``: each part-time seeded row carries its reason."""
    rows = [{"applicant_id": key, "last_name": "Exemple", "first_name": key.split("-", 1)[1].title(),
             **base, **case} for key, case in cases.items()]
    named = pd.DataFrame(rows)
    random = synthetic_applicants(size - len(named), seed=2025, canton=canton)
    random = with_reasons(random) if reasons else random
    return pd.concat([named, random], ignore_index=True)[random.columns.union(named.columns, sort=False)]


def vd_sample(size: int = 300) -> pd.DataFrame:
    """The named Vaud cases first, then seeded applicants shaped for Vaud's model (same columns)."""
    return canton_sample("VD", VD_BASE, VD_CASES, size)



# Fribourg (FR-2026): a minor at home (docs/rules/FR.md §8) and one case per reason code of FR.md §3.2. The amount
# codes need annex 1, not held: those cases are row errors naming the amount until the annex is.
FR_BASE = {
    "nationality": "CH", "permit": "none", "aid_domicile": "FR", "programme_kind": "initial_sec2",
    "level": "secondary_ii", "recognised": "oui", "regular_semesters": 6, "semesters_aided": 0, "part_time_ratio": 1,
    "changes_of_course": 0, "application_date": "20.09.2026", "year_start": "14.09.2026", "birth_date": "01.05.2009",
    "housing": "parents", "parents": "together", "p1_adults": 2, "p1_net_income": 90000, "p1_family_persons": 4,
    "p1_children_in_training": 1, "p1_taxes": 8000,
}
_FR_SHORT = {"p1_net_income": 40000, "meals_out": 100}          # parents in deficit: a shortfall to pay
FR_CASES = {
    "FR-NEEDS-ANNEX": {},
    "FR-LBPE-10": {"nationality": "BR", "permit": "none"},
    "FR-RBPE-6": {"aid_domicile": "VD"},
    "FR-LBPE-3": {"programme_kind": "compulsory"},
    "FR-RBPE-2": {"duration_months": 5},
    "FR-RBPE-8-3": {"changes_of_course": 3},
    "FR-RBPE-10-3": {"application_date": "14.07.2027"},
    "FR-RBPE-17-3": {"p1_net_income": 158000},
    "FR-RBPE-18-3": {"p1_taxable_wealth": 260000},
    "FR-RBPE-10-4": {"p1_net_income": ""},
    "FR-RBPE-24-2": {"birth_date": "01.05.2000", "programme_kind": "bachelor", "level": "tertiary"},
    "FR-RBPE-10-2": {"application_date": "20.03.2027", **_FR_SHORT},
    "FR-RBPE-30": {"programme_kind": "doctorate", "level": "tertiary", "birth_date": "01.01.1996", **_FR_SHORT},
    "FR-RBPE-31": {"programme_kind": "second_sec2", **_FR_SHORT},
    "FR-RBPE-9-1": {"p1_net_income": 56200, "training_costs": 2000, "meals_out": 100},
    "FR-RBPE-9-2": {"p1_net_income": 0},
    "FR-RBPE-32": {"programme_kind": "doctorate", "level": "tertiary", "birth_date": "01.01.1996",
                   "loans_received": 29000, **_FR_SHORT},
}


def fr_sample(size: int = 300) -> pd.DataFrame:
    """The named Fribourg cases first, then seeded applicants shaped for its model (same columns)."""
    return canton_sample("FR", FR_BASE, FR_CASES, size)


# Jura (JU-2026): an adult student without parents' budget, decided by the texts held (docs/rules/JU.md §8: needs
# 2 000 + 1 000 + 6 000 + 4 800 + 4 800 = 18 600, receipts 80 % × 12 000 = 9 600, bursary 9 000), and one case per
# reason code of JU.md §3.2. Parents whose budget counts need the LP minimum vital, not held: JU-PARENTS-NEED-LP.
JU_BASE = {
    "nationality": "CH", "permit": "none", "aid_domicile": "JU", "programme_kind": "bachelor", "level": "tertiary",
    "recognised": "oui", "regular_semesters": 6, "semesters_aided": 0, "part_time_ratio": 1, "changes_of_course": 0,
    "application_date": "15.09.2026", "year_start": "17.08.2026", "birth_date": "01.03.2006", "housing": "lease",
    "training_outside_canton": "oui", "housing_costs": 6000, "earnings": 12000, "transport": 1000, "parents": "none",
}
_JU_POOR = {"earnings": 0, "housing_costs": 8400}               # shortfall 18 400: above the maximum
_JU_PARENTS_NIL = {"birth_date": "01.01.2000", "parents": "together", "p1_adults": 2, "p1_dependent_children": 0,
                   "p1_children_in_training": 1, "p1_income_total": 0}
JU_CASES = {
    "JU-ELIGIBLE": {},
    "JU-LSF-10": {"nationality": "BR", "permit": "none", "years_domicile_ch": 2},
    "JU-LSF-10-2": {"study_stay_only": "oui"},
    "JU-LSF-11": {"aid_domicile": "NE"},
    "JU-LSF-13": {"programme_kind": "continuing_education"},
    "JU-OSF-14": {"part_time_ratio": 0.15},
    "JU-OSF-20-2": {"duration_months": 8},
    "JU-LSF-19": {"semesters_aided": 8},
    "JU-LSF-20": {"years_in_training": 11},
    "JU-OSF-23-4": {"changes_of_course": 2},
    "JU-LSF-22": {"birth_date": "01.01.1975"},
    "JU-OSF-65-4": {"application_date": "01.06.2027"},
    "JU-LSF-31": {"parents": ""},
    "JU-OSF-48": _JU_PARENTS_NIL,
    "JU-OSF-54": {"training_outside_canton": "non"},
    "JU-LSF-25": {"programme_kind": "second_bachelor"},
    "JU-OSF-22": {"semesters_aided": 6},
    "JU-OSF-36": _JU_POOR,
    "JU-OSF-27": {**_JU_POOR, "birth_date": "01.03.2002"},
    "JU-OSF-30": {**_JU_POOR, "loans_received": 44800},
    "JU-OSF-36-4": {"earnings": 22700},
    "JU-OSF-28": {"earnings": 24000},
    "JU-OSF-65-3": {"application_date": "10.02.2027"},
    "JU-PARENTS-NEED-LP": {"birth_date": "15.03.2010", "programme_kind": "initial_sec2", "level": "secondary_ii",
                           "housing": "parents", "training_outside_canton": "non", "housing_costs": 0,
                           "earnings": 0, "transport": 600, "meals_out": 100, "parents": "together",
                           "p1_adults": 2, "p1_dependent_children": 1, "p1_children_le10": 1,
                           "p1_children_in_training": 1, "p1_income_total": 70000, "p1_taxes": 9000,
                           "p1_housing_costs": 18000},
}


def ju_sample(size: int = 300) -> pd.DataFrame:
    """The named Jura cases first, then seeded applicants shaped for its model (same columns)."""
    return canton_sample("JU", JU_BASE, JU_CASES, size, reasons=True)


# Neuchâtel (NE-2025): a minor at home (docs/rules/NE.md §8, NE-1: bursary 6 400 with the norms given) and one case
# per reason code of NE.md §3.2. The calculation needs the social-aid norms (arrêté RSN 831.02), not held: the cases
# that reach it are row errors naming the norm until it is.
NE_BASE = {
    "nationality": "CH", "permit": "none", "aid_domicile": "NE", "programme_kind": "initial_sec2",
    "level": "secondary_ii", "recognised": "oui", "regular_semesters": 6, "semesters_aided": 0, "part_time_ratio": 1,
    "changes_of_course": 0, "application_date": "15.09.2025", "year_start": "18.08.2025", "birth_date": "15.03.2009",
    "housing": "parents", "meals_out": 150, "transport": 540, "training_costs": 1500, "parents": "together",
    "p1_adults": 2, "p1_dependent_children": 1, "p1_children_in_training": 1, "p1_rdu": 60000,
    "p1_health_premiums": 10000, "p1_taxes": 6000, "p1_housing_costs": 15600, "p1_taxable_wealth": 50000,
}
# NE-4b: 35 at the start of a tertiary B training, own household, earnings 20 000, no parents' budget
_NE_ADULT = {"birth_date": "30.06.1990", "programme_kind": "tertiary_b", "level": "tertiary", "housing": "household",
             "health_premiums": 4200, "housing_costs": 12000, "earnings": 20000, "transport": 1000,
             "training_costs": 3000, "parents": "none"}
NE_CASES = {
    "NE-ELIGIBLE": {},
    "NE-LAF-7": {"nationality": "BR", "permit": "none", "years_domicile_ch": 2},
    "NE-LAF-8": {"aid_domicile": "VD"},
    "NE-LAF-14": {"recognised": "non"},
    "NE-LAF-9-2": {"changes_of_course": 2},
    "NE-RLAF-55": {"application_date": "01.05.2026"},
    "NE-LAF-26": {"p1_rdu": ""},
    "NE-RLAF-32-2": {"programme_kind": "second_sec2", "p1_rdu": 70000},
    "NE-LAF-22": {**_NE_ADULT, "programme_kind": "doctorate"},
    "NE-LAF-9": {"semesters_aided": 8},
    "NE-LAF-12": {**_NE_ADULT, "birth_date": "30.06.1989"},
    "NE-RLAF-55-1": {"application_date": "05.01.2026"},
    "NE-RLAF-45": {"other_income": 6200},
    "NE-LAF-21": {**_NE_ADULT, "earnings": 0},
    "NE-RLAF-49": {**_NE_ADULT, "birth_date": "30.06.1989", "loans_received": 38000},
}


def ne_sample(size: int = 300) -> pd.DataFrame:
    """The named Neuchâtel cases first, then seeded applicants shaped for its model (same columns)."""
    return canton_sample("NE", NE_BASE, NE_CASES, size)


# Valais (VS-2023): a minor at home (docs/rules/VS.md §8, VS-1) and one case per reason code of VS.md §3.2. The
# department's flat rates are not held: every case that needs them is a row error naming them until they are.
VS_BASE = {
    "nationality": "CH", "permit": "none", "aid_domicile": "VS", "programme_kind": "initial_sec2",
    "level": "secondary_ii", "recognised": "oui", "regular_semesters": 6, "semesters_aided": 0, "part_time_ratio": 1,
    "application_date": "15.09.2025", "year_start": "18.08.2025", "birth_date": "10.03.2009", "housing": "parents",
    "meals_out": 150, "transport": 600, "parents": "together", "p1_adults": 2, "p1_dependent_children": 1,
    "p1_children_in_training": 1, "p1_income_2400": 58000, "p1_assets": 150000, "p1_real_estate": 300000,
    "p1_debts": 200000,
}
_VS_ADULT = {"birth_date": "02.05.1997", "programme_kind": "bachelor", "level": "tertiary", "housing": "household",
             "married": "oui", "student_children": 1, "housing_costs": 20000, "gross_earnings": 24000,
             "spouse_income": 36000, "first_training_done": "oui", "years_independent": 3, "training_costs": 1500,
             "transport": 1000, "meals_out": 0, "p1_dependent_children": 0, "p1_income_2400": 100000,
             "p1_assets": 0, "p1_real_estate": 0, "p1_debts": 0}
_VS_CAS = {"birth_date": "01.06.1990", "programme_kind": "continuing_education", "level": "tertiary",
           "housing": "lease", "gross_earnings": 40000, "training_costs": 4000, "parents": "none", "meals_out": 0,
           "transport": 0, "p1_adults": "", "p1_dependent_children": "", "p1_children_in_training": "",
           "p1_income_2400": "", "p1_assets": "", "p1_real_estate": "", "p1_debts": ""}
_VS_TERTIARY = {"birth_date": "10.03.2005", "programme_kind": "bachelor", "level": "tertiary"}
VS_CASES = {
    "VS-NEEDS-FLAT-RATES": {},
    "VS-LBPE-5": {"nationality": "BR", "permit": "none", "years_domicile_ch": 3},
    "VS-LBPE-5-2": {"study_stay_only": "oui"},
    "VS-LBPE-6": {"aid_domicile": "GE"},
    "VS-LBPE-7": {"programme_kind": "compulsory"},
    "VS-LBPE-13-3": {"duration_months": 5},
    "VS-OBPE-32": {"application_date": "02.01.2026"},
    "VS-OBPE-28-3": {**_VS_CAS, "training_costs": 3999},
    "VS-OBPE-28-4": {**_VS_CAS, "gross_earnings": 40001},
    "VS-LBPE-19": {"p1_income_2400": ""},
    "VS-LBPE-18": _VS_ADULT,
    "VS-OBPE-23": {**_VS_ADULT, "birth_date": "01.09.2001"},
    "VS-OBPE-22": {"housing": "lease", "housing_costs": 7200},
    "VS-OBPE-14-2": {"birth_date": "20.01.2008", "meals_out": 200, "transport": 900, "parents": "apart",
                     "p1_adults": 1, "p1_income_2400": 45000, "p1_assets": 0, "p1_real_estate": 0, "p1_debts": 0,
                     "p2_adults": 2, "p2_dependent_children": 0, "p2_children_in_training": 1,
                     "p2_income_2400": 50000},
    "VS-LBPE-12": {"programme_kind": "second_sec2"},
    "VS-LBPE-13": {"semesters_aided": 8},
    "VS-LBPE-13-4": {**_VS_ADULT, "birth_date": "01.01.1989", "training_start": "18.08.2025"},
    "VS-OBPE-28": _VS_CAS,
    "VS-OBPE-9-2": {**_VS_TERTIARY, "p1_income_2400": 0, "p1_assets": 1300000, "p1_real_estate": 0,
                    "p1_debts": 250000},
    "VS-OBPE-19-4": {**_VS_TERTIARY, "training_costs": 9000},
    "VS-OBPE-7": {"p1_income_2400": 0},
    "VS-OBPE-7-3": {"p1_income_2400": 62400},
    "VS-LBPE-12-3": {"programme_kind": "second_sec2", "loans_received": 47000},
}


def vs_sample(size: int = 300) -> pd.DataFrame:
    """The named Valais cases first, then seeded applicants shaped for its model (same columns)."""
    return canton_sample("VS", VS_BASE, VS_CASES, size)


if __name__ == "__main__":
    main()
