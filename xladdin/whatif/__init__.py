"""What-if tables for finance officers: vary rule-set parameters (LBPE/RBPE amounts, by their dotted names) over
the real applicant list, goal-seek a budget, flag scenarios below the concordat's minimum standards.

    from xladdin.whatif import run, goal_seek, whatif_table
    result = run("applicants.xlsx", {"amounts.cap.tertiary": [16740, 18000]})
    result.scenarios        # one row per scenario
    result.breakdown        # by level and programme kind, long form
    goal_seek("applicants.xlsx", "amounts.cap.tertiary", target=40_000_000)
"""

from __future__ import annotations

from .goalseek import GoalSeek, goal_seek
from .grid import parse_spec, parse_specs
from .scenarios import MEASURES, Prepared, WhatIf, prepare, run, whatif_table

__all__ = ["MEASURES", "GoalSeek", "Prepared", "WhatIf", "goal_seek", "parse_spec", "parse_specs", "prepare", "run",
           "whatif_table"]
