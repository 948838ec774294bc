"""Synthetic applicants (seeded): the sample list, the property tests and the benchmarks draw from here.

No real person is represented; amounts are drawn around Geneva orders of magnitude.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import PROGRAMME_KINDS

_KINDS = list(PROGRAMME_KINDS)[:13]          # the Geneva kinds (the sample predates the tax-based cantons)
_KIND_WEIGHTS = np.array([4, 14, 6, 22, 3, 2, 3, 12, 1, 1, 1, 1, 1], dtype=float)


def synthetic_applicants(n: int, seed: int = 2025, canton: str = "GE") -> pd.DataFrame:
    """``n`` plausible applicants for the academic year 2025/26, drawn without a loop over rows.

    ``canton="ZH"`` or ``"BE"``: applicants shaped for the tax-based models (``_tax_applicants``); Geneva's draw is
    unchanged (same seed, same rows)."""
    if canton == "VD":
        return _vd_applicants(n, seed)
    if canton == "NE":
        return _ne_applicants(n, seed)
    if canton == "FR":
        return _fr_applicants(n, seed)
    if canton == "JU":
        return _ju_applicants(n, seed)
    if canton == "VS":
        return _vs_applicants(n, seed)
    if canton != "GE":
        return _tax_applicants(n, seed, canton)
    rng = np.random.default_rng(seed)
    kind = rng.choice(_KINDS, n, p=_KIND_WEIGHTS / _KIND_WEIGHTS.sum())
    sec2 = np.isin(kind, ["initial_sec2", "second_sec2", "second_sec2_higher", "preparatory", "compulsory"])
    age = np.where(sec2, rng.integers(15, 23, n), rng.integers(18, 40, n))
    birth = pd.to_datetime("2025-09-01") - pd.to_timedelta(age * 365.25 + rng.integers(0, 360, n), unit="D")
    swiss = rng.random(n) < 0.7
    permit = np.where(swiss, "none", rng.choice(["B", "C", "F", "L", "N", "S"], n, p=[.35, .45, .05, .05, .05, .05]))
    parents = rng.choice(["together", "apart", "none"], n, p=[.6, .3, .1])
    housing = np.where(age < 20, "parents", rng.choice(["parents", "lease", "household"], n, p=[.45, .4, .15]))
    children = np.where(housing == "household", rng.integers(0, 3, n), 0)
    income1 = rng.gamma(3.0, 25000, n).round(-2)
    income2 = rng.gamma(2.5, 20000, n).round(-2)
    regular = np.where(sec2, rng.choice([4, 6, 8], n), rng.choice([2, 4, 6, 8], n))
    frame = pd.DataFrame({
        "applicant_id": [f"GE-{seed % 100:02d}-{i:06d}" for i in range(n)],
        "last_name": [f"Nom{i}" for i in range(n)],
        "first_name": [f"Prénom{i}" for i in range(n)],
        "birth_date": birth.strftime("%d.%m.%Y"),
        "nationality": np.where(swiss, "CH", rng.choice(["FR", "IT", "PT", "ES", "XK", "ER", "BR"], n)),
        "permit": permit,
        "years_domicile_ch": np.where(swiss, age, rng.integers(0, 15, n)),
        "refugee_or_stateless": rng.random(n) < 0.03,
        "study_stay_only": rng.random(n) < 0.02,
        "eu_efta_frontier_parent": rng.random(n) < 0.02,
        "parents_abroad": rng.random(n) < 0.01,
        "aid_domicile": np.where(rng.random(n) < 0.96, "GE", rng.choice(["VD", "ZH", "BE"], n)),
        "excluded_benefit": rng.random(n) < 0.02,
        "programme_kind": kind,
        "level": np.where(sec2, "secondary_ii", "tertiary"),
        "reconversion": rng.random(n) < 0.04,
        "recognised": rng.random(n) < 0.97,
        "regular_semesters": regular,
        "semesters_aided": rng.integers(0, 9, n) * (rng.random(n) < 0.6),
        "part_time_ratio": np.where(rng.random(n) < 0.1, rng.choice([0.5, 0.6, 0.75, 0.8], n), 1.0),
        "changes_of_course": rng.choice([0, 0, 0, 0, 1, 2, 3], n),
        "application_date": (pd.to_datetime("2025-09-15") + pd.to_timedelta(rng.integers(-60, 200, n), unit="D"))
        .strftime("%d.%m.%Y"),
        "year_start": "15.09.2025",
        "housing": housing,
        "occupants": np.where(housing == "parents", 1, rng.integers(1, 4, n)),
        "student_children": children,
        "student_children_le10": np.minimum(children, rng.integers(0, 2, n)),
        "married": (housing == "household") & (rng.random(n) < 0.5),
        "earnings": np.where(rng.random(n) < 0.5, rng.gamma(2.0, 5000, n).round(-1), 0),
        "spouse_income": 0,
        "alimony": np.where(parents == "apart", rng.choice([0, 0, 4800, 9600], n), 0),
        "pensions": 0,
        "wealth": np.where(rng.random(n) < 0.2, rng.gamma(1.5, 8000, n).round(-2), 0),
        "health_premiums": rng.choice([1400, 4800, 5600, 6300], n),
        "transport": rng.choice([0, 400, 500, 3860], n),
        "student_taxes": np.where(rng.random(n) < 0.2, rng.integers(0, 2000, n), 0),
        "independence": "",
        "first_training_done": age >= 22,
        "years_independent": np.where(age >= 25, rng.integers(0, 6, n), 0),
        "independent_income": np.where(age >= 25, rng.gamma(6, 7000, n).round(-2), 0),
        "years_full_time_work": np.where(age >= 24, rng.integers(0, 8, n), 0),
        "loans_received": np.where(kind == "master", rng.choice([0, 0, 10000, 45000, 50000], n), 0),
        "parents": parents,
        "p1_rdu": np.where(parents != "none", income1 + income2 * (parents == "together"), np.nan),
        "p1_adults": np.where(parents == "together", 2, 1),
        "p1_children_le10": rng.choice([0, 0, 1], n),
        "p1_children_gt10": 1 + rng.integers(0, 3, n),
        "p1_in_training": rng.integers(1, 3, n),
        "p1_health_premiums": rng.choice([9000, 12000, 15000], n),
        "p1_taxes": (income1 * 0.08).round(),
        "p1_pays_alimony": False,
        "p2_rdu": np.where(parents == "apart", income2, np.nan),
        "p2_adults": 1,
        "p2_children_le10": 0,
        "p2_children_gt10": np.where(parents == "apart", rng.integers(0, 2, n), 0),
        "p2_in_training": 0,
        "p2_health_premiums": np.where(parents == "apart", 5600, 0),
        "p2_taxes": np.where(parents == "apart", (income2 * 0.07).round(), 0),
        "p2_pays_alimony": (parents == "apart") & (rng.random(n) < 0.3),
    })
    frame["p1_children"] = frame["p1_children_le10"] + frame["p1_children_gt10"]
    return frame


# Training-year starts of the tax-based models' worked examples (docs/rules/ZH.md §8, BE.md §8).
_TAX_YEAR_START = {"ZH": "2024-09-16", "BE": "2024-08-19", "VD": "2024-08-01", "FR": "2026-09-14",
                   "NE": "2025-08-18", "JU": "2026-08-17", "VS": "2025-08-18"}


def _tax_applicants(n: int, seed: int, canton: str) -> pd.DataFrame:
    """``n`` applicants for the Zurich (VAB) or Bern (ABV) model: tax-assessment incomes of the parents, actual or
    flat costs, every kind of training and household; amounts around the cantons' orders of magnitude."""
    rng = np.random.default_rng(seed)
    kinds = list(PROGRAMME_KINDS)
    weights = np.array([4, 14, 6, 22, 3, 2, 3, 12, 1, 1, 1, 1, 1, 1], dtype=float)
    kind = rng.choice(kinds, n, p=weights / weights.sum())
    sec2 = np.isin(kind, ["initial_sec2", "second_sec2", "second_sec2_higher", "preparatory", "compulsory"])
    level = np.where(sec2, "secondary_ii", np.where(kind == "adult_secondary_i", "secondary_i_adult", "tertiary"))
    age = np.where(sec2, rng.integers(15, 24, n),
                   np.where(rng.random(n) < 0.1, rng.integers(35, 48, n), rng.integers(18, 35, n)))
    start = pd.Timestamp(_TAX_YEAR_START[canton])
    birth = start - pd.to_timedelta(age * 365.25 + rng.integers(0, 360, n), unit="D")
    swiss = rng.random(n) < 0.7
    parents = rng.choice(["together", "apart", "none"], n, p=[.6, .3, .1])
    housing = np.where(age < 19, rng.choice(["parents", "lease"], n, p=[.85, .15]),
                       rng.choice(["parents", "lease", "household"], n, p=[.45, .4, .15]))
    married = (housing == "household") & (rng.random(n) < 0.5)
    children = np.where(housing == "household", rng.integers(0, 3, n), 0)
    cohabiting = ~married & (housing != "parents") & (rng.random(n) < 0.2)
    regular = np.where(sec2, rng.choice([4, 6, 8], n), rng.choice([2, 4, 6, 8], n))
    apart = parents == "apart"

    def parent(prefix: str, exists: np.ndarray, adults: np.ndarray) -> dict:
        gt10 = rng.integers(0, 4, n)
        young = np.minimum(gt10, rng.integers(0, 2, n))
        adult = np.minimum(gt10 - young, rng.integers(0, 2, n))
        income = rng.gamma(3.0, 30000, n).round(-2)
        return {
            f"{prefix}adults": adults,
            f"{prefix}children_le10": rng.choice([0, 0, 1], n),
            f"{prefix}children_gt10": gt10,
            f"{prefix}children_young_adult": young,
            f"{prefix}children_adult": adult,
            f"{prefix}in_training": rng.integers(0, 3, n),
            f"{prefix}children_in_training": rng.integers(1, 4, n),
            f"{prefix}income_total": np.where(exists & (rng.random(n) < 0.98), income, np.nan),
            f"{prefix}imputed_rent": np.where(rng.random(n) < 0.3, rng.integers(8, 30, n) * 1000, 0),
            f"{prefix}income_addbacks": np.where(rng.random(n) < 0.05, rng.integers(1, 20, n) * 1000, 0),
            f"{prefix}income_excluded": np.where(rng.random(n) < 0.1, rng.integers(1, 10, n) * 600, 0),
            f"{prefix}self_employed_pension": np.where(rng.random(n) < 0.05, rng.integers(1, 10, n) * 1000, 0),
            f"{prefix}supplementary_benefits": np.where(rng.random(n) < 0.05, rng.integers(1, 20, n) * 1000, 0),
            f"{prefix}net_wealth": np.where(rng.random(n) < 0.5, rng.gamma(1.5, 80000, n).round(-3), 0),
            f"{prefix}taxable_wealth": np.where(rng.random(n) < 0.5, rng.gamma(1.5, 70000, n).round(-3), 0),
            f"{prefix}owner_occupied": rng.random(n) < 0.3,
            f"{prefix}self_employed": rng.random(n) < 0.1,
            f"{prefix}recognised_deductions": np.where(rng.random(n) < 0.3, rng.integers(1, 15, n) * 1000, 0),
            f"{prefix}housing_costs": rng.integers(10, 30, n) * 1000,
            f"{prefix}taxes": (income * rng.uniform(0.05, 0.15, n)).round(),
            f"{prefix}professional_costs": rng.integers(0, 8, n) * 1000,
            f"{prefix}pays_alimony": False,
        }

    frame = pd.DataFrame({
        "applicant_id": [f"{canton}-{seed % 100:02d}-{i:06d}" for i in range(n)],
        "birth_date": birth.strftime("%d.%m.%Y"),
        "nationality": np.where(swiss, "CH", rng.choice(["DE", "IT", "PT", "FR", "XK", "ER", "BR"], n)),
        "permit": np.where(swiss, "none", rng.choice(["B", "C", "F", "G", "L"], n, p=[.4, .4, .06, .07, .07])),
        "years_domicile_ch": np.where(swiss, age, rng.integers(0, 15, n)),
        "refugee_or_stateless": rng.random(n) < 0.03,
        "aid_domicile": np.where(rng.random(n) < 0.95, canton, rng.choice(["GE", "VD", "ZH", "BE"], n)),
        "programme_kind": kind,
        "level": level,
        "reconversion": rng.random(n) < 0.03,
        "recognised": rng.random(n) < 0.97,
        "regular_semesters": regular,
        "semesters_aided": rng.integers(0, 9, n) * (rng.random(n) < 0.6),
        "semesters_completed": rng.integers(0, 11, n) * (rng.random(n) < 0.6),
        "part_time_ratio": np.where(rng.random(n) < 0.1, rng.choice([0.5, 0.6, 0.75, 0.8], n), 1.0),
        "part_time_special_reasons": rng.random(n) < 0.05,
        "changes_of_course": rng.choice([0, 0, 0, 0, 0, 0, 1, 2], n),
        "application_date": (start + pd.to_timedelta(rng.integers(-60, 200, n), unit="D")).strftime("%d.%m.%Y"),
        "year_start": start.strftime("%d.%m.%Y"),
        "period_months": np.where(rng.random(n) < 0.1, rng.integers(3, 12, n), 12),
        "housing": housing,
        "occupants": np.where(housing == "parents", 1, rng.integers(1, 4, n)),
        "own_household_reason": rng.random(n) < 0.2,
        "student_children": children,
        "married": married,
        "partner_birth_date": np.where(married & (rng.random(n) < 0.7),
                                       (birth - pd.to_timedelta(rng.integers(-1500, 1500, n), unit="D"))
                                       .strftime("%d.%m.%Y"), ""),
        "cohabiting_partner": cohabiting,
        "common_child": cohabiting & (rng.random(n) < 0.3),
        "cohabitation_years": np.where(cohabiting, rng.integers(0, 9, n), 0),
        "earnings": np.where(rng.random(n) < 0.5, rng.gamma(2.0, 6000, n).round(-1), 0),
        "spouse_income": np.where(married | cohabiting, rng.gamma(2.0, 15000, n).round(-2), 0),
        "alimony": np.where(apart, rng.choice([0, 0, 4800, 9600], n), 0),
        "pensions": np.where(rng.random(n) < 0.03, 12000, 0),
        "other_income": np.where(children > 0, 2760 * children, np.where(rng.random(n) < 0.1, 1200, 0)),
        "wealth": np.where(rng.random(n) < 0.2, rng.gamma(1.5, 15000, n).round(-2), 0),
        "taxable_wealth": np.where(rng.random(n) < 0.2, rng.gamma(1.5, 12000, n).round(-2), 0),
        "transport": rng.choice([0, 500, 800, 1200], n),
        "housing_costs": np.where(housing == "parents", 0, rng.integers(6, 25, n) * 1000),
        "training_costs": rng.integers(0, 40, n) * 100,
        "meals_out": np.where(housing == "parents", rng.integers(0, 200, n), 0),
        "meal_days_per_week": rng.choice([3, 4, 5, 5, 5], n),
        "childcare_costs": np.where(children > 0, rng.integers(0, 15, n) * 1000, 0),
        "illness_costs": np.where(rng.random(n) < 0.1, rng.integers(1, 8, n) * 1000, 0),
        "alimony_paid": np.where(rng.random(n) < 0.02, 6000, 0),
        "independence": "",
        "first_training_done": age >= 22,
        "years_full_time_work": np.where(age >= 24, rng.integers(0, 8, n), 0),
        "years_in_training": rng.integers(0, 9, n) + 5 * (rng.random(n) < 0.1),
        "trainings_abandoned": rng.choice([0, 0, 0, 0, 0, 0, 1, 2], n),
        "stipend_age_reason": rng.random(n) < 0.1,
        "age_limit_exception": rng.random(n) < 0.05,
        "training_start": (start - pd.to_timedelta(rng.integers(0, 3, n) * 365, unit="D")).strftime("%d.%m.%Y"),
        "loans_received": np.where(rng.random(n) < 0.1, rng.choice([10000, 45000, 50000], n), 0),
        "parents": parents,
        **parent("p1_", parents != "none", np.where(parents == "together", 2, rng.integers(1, 3, n))),
        **parent("p2_", apart, rng.integers(1, 3, n)),
    })
    frame["p2_pays_alimony"] = apart & (rng.random(n) < 0.3)
    # Drawn last so that the columns above keep their values: actual health costs net of the premium reduction
    # (ABV Art. 20), a few missing (a missing input, BE-ABV-37); the file completed on the application day or up to
    # three months later (BiG § 18 Abs. 2), or empty; a few apprentices (VAB Anh. 3.1.1, R7).
    frame["health_costs"] = np.where(rng.random(n) < 0.98, rng.integers(0, 16, n) * 500, np.nan)
    for prefix in ("p1_", "p2_"):
        frame[prefix + "health_costs"] = np.where(rng.random(n) < 0.98, rng.integers(0, 40, n) * 500, np.nan)
    filed = pd.to_datetime(frame["application_date"], format="%d.%m.%Y")
    frame["file_complete_date"] = np.where(rng.random(n) < 0.7, "", (filed + pd.to_timedelta(
        rng.integers(0, 90, n), unit="D")).dt.strftime("%d.%m.%Y"))
    frame["apprenticeship"] = (kind == "initial_sec2") & (rng.random(n) < 0.5)
    return frame


def part_time_reasons(ratio: pd.Series) -> pd.Series:
    """A reason for each part-time row, in turn professional, family, health and other (full time: none given);
    drawn from no random stream. The synthetic tables leave the reason out (a part-time row without its reason
    is a case the engine must handle); the sample lists give one to every part-time row."""
    cycle = np.array(["professional", "family", "health", "other"], dtype=object)
    reasons = cycle[np.arange(len(ratio)) % len(cycle)]
    return pd.Series(np.where(ratio.to_numpy() < 1, reasons, None), index=ratio.index, dtype=object)


_VD_CATEGORY = {"preparatory": "transition", "initial_sec2": "gymnasium", "second_sec2": "school",
                "second_sec2_higher": "post_cfc_maturity", "tertiary_b": "higher_vocational"}


def _vd_applicants(n: int, seed: int) -> pd.DataFrame:
    """``n`` applicants for Vaud's model (LAEF/RLAEF): the tax-based draw (household, training, dates), with an
    RDU and a taxable income per parent, zones, the study-costs category and transport zones drawn after it."""
    frame = _tax_applicants(n, seed, "VD")
    rng = np.random.default_rng(seed + 1)
    kind = frame["programme_kind"].to_numpy()
    category = np.array([_VD_CATEGORY.get(k, "university") for k in kind], dtype=object)
    apprentice = (kind == "initial_sec2") & (rng.random(n) < 0.4)
    category[apprentice] = "apprenticeship"
    category[(kind == "bachelor") & (rng.random(n) < 0.4)] = "uas"
    frame["training_category"] = category
    frame["repeating_year"] = rng.random(n) < 0.04
    frame["charges_zone"] = rng.choice(["1", "2", "3"], n, p=[.15, .7, .15])
    frame["transport_zones"] = np.where(rng.random(n) < 0.2, "",
                                        rng.choice([str(i) for i in range(1, 13)] + ["AG"], n))
    frame["separate_lodging"] = (frame["housing"] == "parents") & (rng.random(n) < 0.05)
    frame["student_rdu"] = np.where(rng.random(n) < 0.4, rng.gamma(2.0, 5000, n).round(-2), 0)
    frame["taxable_income"] = (frame["student_rdu"] * 0.8).round(-2)
    frame["years_independent"] = np.where(frame["first_training_done"], rng.integers(0, 5, n), 0)
    for prefix in ("p1_", "p2_"):
        rdu = frame[prefix + "income_total"] * rng.uniform(0.7, 1.0, n)
        frame[prefix + "rdu"] = rdu.round(-2)
        frame[prefix + "taxable_income"] = (rdu * rng.uniform(0.6, 0.9, n)).fillna(0).round(-2)
        frame[prefix + "charges_zone"] = rng.choice(["1", "2", "3"], n, p=[.15, .7, .15])
        frame[prefix + "dependent_children"] = rng.integers(0, 3, n)
    return frame


def _fr_applicants(n: int, seed: int) -> pd.DataFrame:
    """``n`` applicants for Fribourg's model (LBPE/RBPE): the tax-based draw, with each parent's net income of the
    tax assessment, persons of the family budget and children under 16 drawn after it."""
    frame = _tax_applicants(n, seed, "FR")
    rng = np.random.default_rng(seed + 2)
    for prefix in ("p1_", "p2_"):
        frame[prefix + "net_income"] = (frame[prefix + "income_total"] * rng.uniform(0.6, 0.9, n)).round(-2)
        frame[prefix + "family_persons"] = frame[prefix + "adults"] + rng.integers(1, 4, n)
        frame[prefix + "children_under_16"] = rng.integers(0, 2, n)
        frame[prefix + "source_taxed_gross"] = 0
    frame["placement_costs"] = np.where(rng.random(n) < 0.05, rng.integers(5, 30, n) * 100, 0)
    frame["paid_placement"] = rng.random(n) < 0.05
    return frame


def _ne_applicants(n: int, seed: int) -> pd.DataFrame:
    """``n`` applicants for Neuchâtel's model (LAF/RLAF/ALAF): the tax-based draw, with each UER's RDU (RELHaCoPS),
    the household's other dependent children, the student's own UER RDU, the UER as the social desk set it (or
    empty) and a lodging near the place of training drawn after it."""
    frame = _tax_applicants(n, seed, "NE")
    rng = np.random.default_rng(seed + 3)
    for prefix in ("p1_", "p2_"):
        frame[prefix + "rdu"] = (frame[prefix + "income_total"] * rng.uniform(0.7, 1.0, n)).round(-2)
        frame[prefix + "dependent_children"] = rng.integers(0, 3, n)
        frame[prefix + "health_premiums"] = frame[prefix + "adults"] * rng.integers(40, 70, n) * 100
    frame["student_rdu"] = np.where(frame["married"], frame["spouse_income"], 0)
    frame["health_premiums"] = rng.integers(30, 60, n) * 100
    frame["student_taxes"] = np.where(frame["earnings"] > 12000, rng.integers(0, 20, n) * 100, 0)
    frame["reference_unit"] = np.where(rng.random(n) < 0.7, "", np.where(
        (frame["housing"] == "household") | (frame["parents"] == "none"), "own", "parental"))
    frame["years_domicile_canton"] = np.minimum(frame["years_domicile_ch"], rng.integers(0, 10, n))
    frame["separate_lodging"] = (frame["housing"] == "lease") & (rng.random(n) < 0.3)
    return frame


def _ju_applicants(n: int, seed: int) -> pd.DataFrame:
    """``n`` applicants for Jura's model (LSF/OSF/DSF): the tax-based draw, with each parent's dependent children
    other than the student, a step-parent's share of the income, a common household, and the student's training
    outside the canton, young child and taxes drawn after it."""
    frame = _tax_applicants(n, seed, "JU")
    rng = np.random.default_rng(seed + 3)
    for prefix in ("p1_", "p2_"):
        frame[prefix + "dependent_children"] = rng.integers(0, 3, n)
        frame[prefix + "children_le10"] = np.minimum(frame[prefix + "children_le10"], frame[prefix + "dependent_children"])
        step = (frame[prefix + "adults"] == 2) & (frame["parents"] == "apart") & (rng.random(n) < 0.5)
        frame[prefix + "stepparent_income"] = np.where(step, (frame[prefix + "income_total"] * 0.4).fillna(0).round(-2), 0)
        frame[prefix + "stepparent_wealth"] = 0
        frame[prefix + "common_household"] = (frame[prefix + "adults"] == 2) & (rng.random(n) < 0.05)
    frame["training_outside_canton"] = rng.random(n) < 0.3
    frame["young_child"] = (frame["student_children"] > 0) & (rng.random(n) < 0.4)
    frame["student_children_le10"] = np.minimum(frame["student_children"], rng.integers(0, 2, n))
    frame["student_taxes"] = np.where(frame["housing"] == "household", rng.integers(0, 30, n) * 100, 0)
    frame["years_independent"] = np.where(frame["first_training_done"], rng.integers(0, 5, n), 0)
    frame["duration_months"] = np.where(rng.random(n) < 0.03, rng.integers(3, 12, n), 36)
    return frame


def _vs_applicants(n: int, seed: int) -> pd.DataFrame:
    """``n`` applicants for Valais' model (LBPE/OBPE): the tax-based draw, with each parent's items of the Valais
    tax assessment (code 2400, assets, buildings and land, debts, deductions) and the student's gross earnings
    drawn after it."""
    frame = _tax_applicants(n, seed, "VS")
    rng = np.random.default_rng(seed + 3)
    for prefix in ("p1_", "p2_"):
        frame[prefix + "income_2400"] = (frame[prefix + "income_total"] * rng.uniform(0.7, 0.95, n)).round(-2)
        frame[prefix + "assets"] = np.where(rng.random(n) < 0.6, rng.gamma(1.5, 150000, n).round(-3), 0)
        frame[prefix + "real_estate"] = np.where(frame[prefix + "owner_occupied"],
                                                 rng.integers(2, 9, n) * 100000, 0)
        frame[prefix + "debts"] = (frame[prefix + "real_estate"] * rng.uniform(0.3, 0.8, n)).round(-3)
        frame[prefix + "income_deductions"] = np.where(rng.random(n) < 0.05, rng.integers(1, 12, n) * 1000, 0)
        frame[prefix + "source_taxed_gross"] = 0
        frame[prefix + "dependent_children"] = rng.integers(0, 3, n)
        frame[prefix + "income_additions"] = np.where(rng.random(n) < 0.3, rng.integers(1, 8, n) * 1000, 0)
    frame["gross_earnings"] = (frame["earnings"] * 1.15).round(-1)
    start = pd.Timestamp(_TAX_YEAR_START["VS"])       # OBPE art. 32: mostly before 31 December, a few after
    frame["application_date"] = (start + pd.to_timedelta(rng.integers(-45, 150, n), unit="D")).strftime("%d.%m.%Y")
    return frame


def as_typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The same applicants as a program holds them: dates as datetimes, codes as categoricals (numbers and yes/no
    are already numbers and booleans). What the typed fast path of the reader takes without reading a cell."""
    from ..schema import BY_KEY, DATE, ENUM

    out = frame.copy()
    for key in out.columns:
        f = BY_KEY.get(key)
        if f is not None and f.kind == DATE and out[key].dtype.kind != "M":
            out[key] = pd.to_datetime(out[key].replace("", None), format="%d.%m.%Y")
        elif f is not None and f.kind == ENUM:
            out[key] = out[key].astype("category")
    return out
