"""ECTS credit checks (spec ``credits-APHM2M``): programme catalogues, annual programmes (PAE), transcripts,
admission, and the bridge to bursaries. The shipped example is UCLouvain's APHM2M 2024-2025.

Python API::

    from xladdin import credits
    cat = credits.load_catalogue("APHM2M")                # a shipped id, or a .yaml/.csv/.xlsx file
    credits.check_catalogue(cat)                          # CAT-* findings
    credits.check_programmes(cat, "students.csv")         # PAE-* and TR-* findings, one row per finding
    credits.transcript(cat, "students.csv")               # one row per student
    credits.admission(cat, "applicants.csv")              # ADM-* findings
    credits.regular_semesters(120, 45)                    # 6
"""

from __future__ import annotations

from .admission import admission, supplement_range
from .bridge import bursary_fields, part_time_ratio, regular_semesters
from .catalogue import Catalogue, load_catalogue, with_rules
from .lint import check_catalogue
from .pae import check_programmes
from .sheet import catalogue_rows, read_catalogue_sheet, write_catalogue_sheet
from .transcript import credits_acquired, group_progress, transcript, weighted_average

__all__ = [
    "Catalogue", "admission", "bursary_fields", "catalogue_rows", "check_catalogue", "check_programmes",
    "credits_acquired", "group_progress", "load_catalogue", "part_time_ratio", "read_catalogue_sheet",
    "regular_semesters", "supplement_range", "transcript", "weighted_average", "with_rules",
    "write_catalogue_sheet",
]
