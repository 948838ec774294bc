"""Legal domicile for training aid (concordat art. 6, LBPE art. 16)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ...schema import BY_KEY
from ..rule import rule, select

_CANTONS = BY_KEY["aid_domicile"].values          # the enum codes of aid_domicile
_ABROAD = BY_KEY["p1_canton"].values.index("abroad")


def _as_aid_code(codes: np.ndarray, key: str) -> np.ndarray:
    """Re-code another canton field into aid_domicile's codes (-1 for missing or abroad)."""
    return _aid_codes(key)[codes]


@lru_cache(maxsize=None)
def _aid_codes(key: str) -> np.ndarray:
    values = BY_KEY[key].values
    return np.array([_CANTONS.index(x) if x in _CANTONS else -1 for x in values] + [-1], dtype=np.int16)


@rule("LBPE art. 16 ; concordat art. 6",
      trace={"aid_domicile_final": ("Domicile déterminant (canton)", "Domicile for training aid (canton)")},
      slot="domicile", variant="concordat_art_6")
def aid_domicile(c, v):
    """LBPE art. 16 — the canton of domicile for training aid, when the file does not give it.

    In order of precedence: al. 5 (2 years of independent gainful work in a canton after a first training),
    al. 2 (Swiss with parents abroad, or orphans: canton of origin, the most recent), al. 4 (adult refugees or
    stateless with parents abroad or orphans: assigned canton), al. 3 (adult non-EU/EFTA nationals with parents
    abroad or orphans: their own legal domicile), al. 1 a (parents' common domicile), al. 1 b (parent with
    parental authority; joint authority: the parent who mainly has custody). Al. 6: a domicile once acquired
    stays, so a ``aid_domicile`` given in the file always wins.
    """
    given = c["aid_domicile"]
    if (given >= 0).all():                 # given on every row (al. 6): nothing to derive
        return {"aid_domicile_final": given.astype(np.int16)}
    adult = c["age"] >= v.eligibility.adult_age
    p1, p2 = _as_aid_code(c["p1_canton"], "p1_canton"), _as_aid_code(c["p2_canton"], "p2_canton")
    abroad = (c["p1_canton"] == _ABROAD) & ((c["p2_canton"] == _ABROAD) | (c["p2_canton"] < 0))
    no_parents = c.is_("parents", "none") & (c["p1_canton"] < 0)
    swiss = c["nationality"] == "CH"
    eu_efta = swiss | c.among("nationality", str(v.eligibility.eu_efta).split())   # al. 3: other States' nationals
    by_authority = select(
        [c.is_("parental_authority", "p1"), c.is_("parental_authority", "p2"),
         c.is_("parental_authority", "joint") & c.is_("main_custody", "p1"),
         c.is_("parental_authority", "joint") & c.is_("main_custody", "p2")], [p1, p2, p1, p2], -1)
    same = (p1 >= 0) & ((p2 == p1) | (c["p2_canton"] < 0))
    derived = select(
        [adult & c.true("first_training_done") & (c["independent_canton"] >= 0),
         swiss & (c.true("parents_abroad") | abroad | no_parents) & (c["canton_of_origin"] >= 0),
         adult & c.true("refugee_or_stateless") & (abroad | no_parents) & (c["assigned_canton"] >= 0),
         adult & ~eu_efta & (abroad | no_parents) & (c["civil_domicile"] >= 0),
         same,
         (p1 >= 0) & (p2 >= 0)],
        [_as_aid_code(c["independent_canton"], "independent_canton"),
         _as_aid_code(c["canton_of_origin"], "canton_of_origin"),
         _as_aid_code(c["assigned_canton"], "assigned_canton"),
         _as_aid_code(c["civil_domicile"], "civil_domicile"),
         p1, by_authority], -1)
    return {"aid_domicile_final": np.where(given >= 0, given, derived).astype(np.int16)}
