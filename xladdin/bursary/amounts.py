"""From shortfall to payout: cap, bursary or loan, minimum bursary, loan ceiling (LBPE art. 19, 22)."""

from __future__ import annotations

import numpy as np

from .eligibility import RIGHT_BURSARY, RIGHT_LOAN
from .rule import round_half_up, rule


@rule("LBPE art. 19 al. 2, 22 al. 1-4 ; RBPE art. 17 al. 3",
      trace={"shortfall": ("Découvert (besoins − ressources, arrondi au franc)", "Shortfall (needs − resources, rounded)",
                           "LBPE art. 19 al. 2"),
             "cap": ("Plafond (niveau ou reconversion + 4 000 par enfant)", "Cap (level or reconversion + 4,000 per child)",
                     "LBPE art. 22 al. 1-2 ; RBPE art. 17 al. 3"),
             "bursary": ("Bourse (0 si moins de 500)", "Bursary (0 under 500)", "LBPE art. 22 al. 3"),
             "loan": ("Prêt (dans la limite de 50 000)", "Loan (within the 50,000 ceiling)", "LBPE art. 22 al. 4"),
             "aid": ("Aide totale", "Total aid", "LBPE art. 22")},
      slot="amounts", variant="GE")
def amounts(c, v):
    """LBPE art. 19 al. 2, 22 — aid = min(shortfall, cap); a bursary under 500 is not granted (al. 3); a loan is
    limited to what remains of the 50 000 ceiling, except in reconversion (al. 4)."""
    a = v.amounts
    shortfall = round_half_up(c["needs"] - c["resources"])
    level_cap = np.select([c.is_("level", "secondary_ii"), c.is_("level", "tertiary")],
                          [a.cap.secondary_ii, a.cap.tertiary], np.nan)
    cap = np.where(c["reconversion_ok"], a.cap.reconversion, level_cap) + a.cap.per_child * c["student_children"]
    eligible = c["eligible"]
    aid = np.where(eligible & (shortfall > 0), np.minimum(shortfall, cap), 0.0)
    aid = np.nan_to_num(aid)
    is_bursary, is_loan = c["right"] == RIGHT_BURSARY, c["right"] == RIGHT_LOAN
    too_small = eligible & is_bursary & (aid > 0) & (aid < a.min_bursary)
    bursary = np.where(is_bursary & ~too_small, aid, 0.0)
    ceiling_rest = np.floor(np.maximum(0.0, a.loan_ceiling - c["loans_received"]))
    ceiling_applies = is_loan & ~c["reconversion_ok"]
    loan = np.where(is_loan, np.where(ceiling_applies, np.minimum(aid, ceiling_rest), aid), 0.0)
    cut = eligible & ceiling_applies & (aid > ceiling_rest)
    return {"shortfall": shortfall, "cap": cap, "bursary": bursary, "loan": loan, "aid": bursary + loan,
            "amount_codes": {"LBPE-22-3": too_small, "LBPE-22-4": cut}}
