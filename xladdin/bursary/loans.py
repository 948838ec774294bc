"""Loan repayment by the rule set's ``loans.repayment`` parameters (Geneva: RBPE art. 18, LBPE art. 25-26)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import rules as rules_mod
from ..errors import XladdinError
from ..rules import RuleSet


def loan_plan(amount: float, end_year: int, rules: str | RuleSet = "GE") -> pd.DataFrame:
    """RBPE art. 18 al. 1 — interest-free; 1/10 of the loan a year for 4 years from the second calendar year
    after the end of studies, then 1/5 a year for 3 years.

    Instalments are whole francs, rounded half up; the last one takes the rounding rest so the plan repays the
    loan exactly. A master's loan converts into a bursary when the master is passed (LBPE art. 26 al. 1 a).
    """
    if not 0 <= float(amount) <= rules_mod.MAX_AMOUNT:                 # also NaN: int64 instalments stay exact
        raise XladdinError("amount_out_of_range", value=f"{float(amount):g}", low="0", high="1 000 000 000 000")
    r = rules_mod.load(rules).v.loans.repayment
    shares = [r.first_phase_share] * r.first_phase_years + [r.second_phase_share] * r.second_phase_years
    years = int(end_year) + r.start_offset_years + np.arange(len(shares))
    amount = float(amount)
    instalments = np.floor(np.round(amount * np.array(shares), 6) + 0.5)
    instalments[-1] = amount - instalments[:-1].sum()
    remaining = amount - np.cumsum(instalments)
    return pd.DataFrame({"year": years, "installment": instalments.astype(np.int64),
                         "remaining": np.round(remaining).astype(np.int64)})
