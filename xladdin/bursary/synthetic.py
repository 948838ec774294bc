"""Synthetic applicants (seeded): the sample list, the property tests and the benchmarks draw from here.

No real person is represented; amounts are drawn around Geneva orders of magnitude.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import PROGRAMME_KINDS

_KINDS = list(PROGRAMME_KINDS)[:13]          # the Geneva kinds (the sample predates the tax-based cantons)
_KIND_WEIGHTS = np.array([4, 14, 6, 22, 3, 2, 3, 12, 1, 1, 1, 1, 1], dtype=float)


def synthetic_applicants(n: int, seed: int = 2025) -> pd.DataFrame:
    """``n`` plausible applicants for the academic year 2025/26, drawn without a loop over rows."""
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
