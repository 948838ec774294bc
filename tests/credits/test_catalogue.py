"""Spec §1 — the catalogue format and the shipped APHM2M 2024-2025 catalogue (exactly what the page states)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from xladdin.credits import load_catalogue, read_catalogue_sheet, write_catalogue_sheet
from xladdin.credits.catalogue import CATALOGUE_DIR
from xladdin.errors import XladdinError

PAGE = Path("/work/shared/reference/UCLouvain-APHM2M-programme.md")
SHIPPED = CATALOGUE_DIR / "APHM2M-2024-2025.yaml"


def test_load_by_code_id_and_path(cat):
    assert cat.id == "APHM2M-2024-2025"
    assert load_catalogue("aphm2m-2024-2025") == cat
    assert load_catalogue(str(SHIPPED)) == cat
    assert (cat.code, cat.total_credits, cat.blocs, cat.year) == ("APHM2M", 120, (1, 2), "2024-2025")


def test_unknown_catalogue_is_a_user_error():
    with pytest.raises(XladdinError, match="catalogue inconnu « XYZ »"):
        load_catalogue("XYZ")
    with pytest.raises(XladdinError, match="introuvable"):
        load_catalogue("absent.yaml")


def test_every_course_the_page_lists_and_no_other(cat):
    """The catalogue's course codes are the page's course codes: nothing invented, nothing left out."""
    page_codes = set(re.findall(r"\b(M[A-Z]{4}\d{4})\b", PAGE.read_text(encoding="utf-8")))
    assert set(cat.course_table["course_code"]) == page_codes
    assert len(page_codes) == 16


@pytest.mark.parametrize("code, credits, term, blocs, markers", [
    ("MDRHD2104", 5, "q2", (1,), "○"), ("MAPHD2122", 5, "q1", (1,), "○"), ("MSPHD2109", 5, "q2", (1,), "○"),
    ("MSPHD2136", 5, "q2", (), "○"),                      # no X on the page: placed in no bloc
    ("MAPHD2207", 6, "q2", (1,), "○"), ("MDRHD2201", 6, "q2", (1,), "○"), ("MAPHD2221", 6, "q1", (1,), "○"),
    ("MAPHD2223", 6, "q1", (1,), "○"), ("MAPHD2202", 6, "q2", (1,), "○"),
    ("MAPHD1301", 10, "q1", (1,), "⌘"), ("MDRHD1304", 5, "q1", (1,), "⌘"), ("MSPHD1332", 10, "q1", (1,), "⌘"),
    ("MMTHD1327", 10, "q2", (1,), "⌘"), ("MSPHD1334", None, "", (1,), "⌘"),   # the page gives no credits
])
def test_courses_as_the_page_states(cat, code, credits, term, blocs, markers):
    course = next(c for g, _, _ in cat.all_groups() for c in g.courses if c.code == code)
    assert (course.credits, course.term, course.blocs, course.markers) == (credits, term, blocs, markers)
    assert course.source.startswith("page")


def test_groups_and_unknown_parts(cat):
    gt = cat.group_table.set_index("group")
    # finalité [30.0] = Contenu (30 crédits) = five mandatory 6-credit courses
    assert gt.loc["FINALITE-MPPP", ["min_credits", "max_credits"]].tolist() == [30, 30]
    assert bool(gt.loc["FINALITE-MPPP-CONTENU", "mandatory"])
    # the rest of the 120 credits is a credit-only group, not detailed by the page
    assert gt.loc["HORS-FINALITE", "credits"] == 90 and not gt.loc["HORS-FINALITE", "complete"]
    assert bool(gt.loc["SUPPLEMENTAIRES", "supplementary"])
    assert not cat.complete


def test_access_table_priority_and_prerequisites(cat):
    access = {a.label: a for a in cat.access}
    assert (access["BA en sciences administratives et gestion publique"].supplement_min,
            access["BA en sciences administratives et gestion publique"].supplement_max) == (15, 30)
    ba = [a for a in cat.access if a.label.startswith("BA")]
    assert len(ba) == 10 and sum(a.supplement_min == 45 and a.supplement_max == 60 for a in ba) == 9
    assert access["Tout master"].mode == "dossier" and access["Toute licence en 4 années d'études"].mode == "dossier"
    assert cat.priority_fill == ("MSSHD2101", "MMTHD2102", "MSPHD2136")
    assert [(p.code, p.credits) for p in cat.prerequisites] == [("MSPHD1332", 6), ("MDRHD1304", 5)]


def test_every_element_cites_its_source():
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))

    def walk(group):
        yield group
        for child in group.get("groups", []):
            yield from walk(child)

    groups = [g for top in data["groups"] for g in walk(top)]
    elements = groups + [c for g in groups for c in g.get("courses", [])] + data["access"] + \
        list(data["rules"].values()) + [data["programme"], data["priority_fill"], data["dossier_prerequisites"]]
    assert all(e.get("source") for e in elements)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_sheet_round_trip(cat, tmp_path, suffix):
    path = write_catalogue_sheet(cat, tmp_path / f"catalogue{suffix}")
    back = read_catalogue_sheet(path)
    assert back == cat
    assert load_catalogue(str(path)) == cat                 # a sheet is accepted wherever a catalogue is


def test_yaml_dump_round_trip(cat, tmp_path):
    path = tmp_path / "copy.yaml"
    path.write_text(cat.to_yaml(), encoding="utf-8")
    assert load_catalogue(str(path)) == cat


def test_bad_credits_in_yaml_names_the_element(make_catalogue):
    with pytest.raises(XladdinError, match=r"groupe G, cours n° 1 : credits = « six »"):
        make_catalogue("""\
            programme: {code: X, total_credits: 60, blocs: [1]}
            groups:
              - code: G
                courses: [{code: A1, credits: six}]
        """)


def test_bad_cell_in_sheet_names_the_line(cat, tmp_path):
    """The French export (';', BOM, words) read back: a bad cell names its line."""
    path = write_catalogue_sheet(cat, tmp_path / "cat.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Type de ligne;Code;")
    i = next(i for i, line in enumerate(lines) if line.startswith("cours;MAPHD2207;"))
    lines[i] = lines[i].replace(";6;", ";six;", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with pytest.raises(XladdinError, match=rf"ligne {i + 1} : credits = « six »"):
        read_catalogue_sheet(path)


def test_unknown_marker_and_bloc_are_rejected(make_catalogue):
    with pytest.raises(XladdinError, match="marqueur inconnu"):
        make_catalogue("""\
            programme: {code: X, total_credits: 60, blocs: [1]}
            groups: [{code: G, courses: [{code: A1, credits: 5, markers: "*"}]}]
        """)
    with pytest.raises(XladdinError, match="bloc 3 absent du programme"):
        make_catalogue("""\
            programme: {code: X, total_credits: 60, blocs: [1]}
            groups: [{code: G, courses: [{code: A1, credits: 5, blocs: [3]}]}]
        """)
