"""Spec credits-APHM2M §1 — a catalogue as one spreadsheet sheet (.xlsx or .csv), read and written.

Layout: one row per element, the ``kind`` column says which; a column that does not apply stays empty.
Lists (blocs, teachers, aliases) are separated by ``;``; yes/no columns take oui/non, yes/no, true/false, 1/0.

===============  ==========================================================================================
kind             columns used
===============  ==========================================================================================
``programme``    code, title, credits (total), blocs, year, language, source, note
``rule``         code (rule name, e.g. ``annual_credits.min``), value, source, note
``group``        code, parent (empty at the top), title, credits, min/max_credits, min/max_courses, mandatory,
                 optional, supplementary, complete, source, note
``course``       code, parent (its group), title, credits, term, hours, blocs, language, teachers, markers
                 (○ ⌘ △ ⊖ ⊕), exchange, source, note
``access``       code (id), title (label), mode (direct, supplements, dossier, none), supplement_min,
                 supplement_max, region (eu, non_eu), aliases, source, note
``priority``     code (one row per priority course, in order), source
``prerequisite`` code, title, credits, source
===============  ==========================================================================================

Rows are read in order; a group's rows may come before or after its courses. A bad cell is an
:class:`~xladdin.errors.XladdinError` naming the sheet line (header = line 1).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import XladdinError
from ..io import guard
from ..io.readers import read_table
from .catalogue import Catalogue, load_catalogue
from .output import VALUES, column_key, value_code, write_frame

COLUMNS = ["kind", "code", "parent", "title", "credits", "min_credits", "max_credits", "min_courses",
           "max_courses", "mandatory", "optional", "supplementary", "complete", "term", "hours", "blocs", "year",
           "language", "teachers", "markers", "exchange", "mode", "supplement_min", "supplement_max", "region",
           "aliases", "value", "source", "note"]
KINDS = ("programme", "rule", "group", "course", "access", "priority", "prerequisite")
SHEET = "Catalogue"


def _list(values) -> str:
    return "; ".join(str(v) for v in values or ())


def _yes(value) -> str:
    return "" if value is None else ("oui" if value else "non")


def catalogue_rows(catalogue) -> pd.DataFrame:
    """The catalogue as the sheet's rows (one per element), ready to write."""
    cat = load_catalogue(catalogue)
    d = cat.to_dict()
    prog = d["programme"]
    rows = [{"kind": "programme", "code": prog["code"], "title": prog.get("title"),
             "credits": prog.get("total_credits"), "blocs": _list(prog.get("blocs")), "year": prog.get("year"),
             "language": prog.get("language"), "source": prog.get("source"), "note": prog.get("note")}]
    for key, rule in d["rules"].items():
        rows.append({"kind": "rule", "code": key, "value": rule.get("value"), "source": rule.get("source"),
                     "note": rule.get("note")})

    def group(g: dict, parent: str):
        rows.append({"kind": "group", "code": g["code"], "parent": parent, "title": g.get("title"),
                     "credits": g.get("credits"), "min_credits": g.get("min_credits"),
                     "max_credits": g.get("max_credits"), "min_courses": g.get("min_courses"),
                     "max_courses": g.get("max_courses"), "mandatory": _yes(g.get("mandatory")),
                     "optional": _yes(g.get("optional")), "supplementary": _yes(g.get("supplementary")),
                     "complete": _yes(g.get("complete", True)), "source": g.get("source"), "note": g.get("note")})
        for c in g.get("courses", []):
            rows.append({"kind": "course", "code": c["code"], "parent": g["code"], "title": c.get("title"),
                         "credits": c.get("credits"), "term": c.get("term"), "hours": c.get("hours"),
                         "blocs": _list(c.get("blocs")), "language": c.get("language"),
                         "teachers": _list(c.get("teachers")), "markers": c.get("markers"),
                         "exchange": _yes(c.get("exchange")), "source": c.get("source"), "note": c.get("note")})
        for child in g.get("groups", []):
            group(child, g["code"])

    for g in d["groups"]:
        group(g, "")
    for a in d["access"]:
        sup = a.get("supplements", {})
        rows.append({"kind": "access", "code": a["id"], "title": a.get("label"), "mode": a["mode"],
                     "supplement_min": sup.get("min"), "supplement_max": sup.get("max"), "region": a.get("region"),
                     "aliases": _list(a.get("aliases")), "source": a.get("source"), "note": a.get("note")})
    priority = d.get("priority_fill", {})
    for code in priority.get("courses", []):
        rows.append({"kind": "priority", "code": code, "source": priority.get("source")})
    prereq = d.get("dossier_prerequisites", {})
    for p in prereq.get("courses", []):
        rows.append({"kind": "prerequisite", "code": p["code"], "title": p.get("title"),
                     "credits": p.get("credits"), "source": p.get("source") or prereq.get("source")})
    frame = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    return frame.where(frame.notna(), None)


def write_catalogue_sheet(catalogue, out: str | Path, protect: tuple = (), *, lang: str = "fr",
                          csv_dialect: str | None = None) -> Path:
    """Export a catalogue to a sheet (.xlsx or .csv) through a temporary file, headed and worded in ``lang``
    (or keys); :func:`read_catalogue_sheet` reads every language back."""
    from ..io import output

    cat = load_catalogue(catalogue)
    rows = catalogue_rows(cat)
    if lang != output.KEYS:            # for people: the columns this catalogue fills (the reader needs no other)
        rows = rows[[c for c in rows.columns if c in ("kind", "code") or rows[c].map(_filled).any()]]
    options = {"csv_dialect": csv_dialect} if csv_dialect else {}
    return write_frame(rows, out, protect, sheet=SHEET, lang=lang, title=f"{SHEET} {cat.id}",
                       rules=cat.id, freeze_cols=2, **options)


def _filled(value) -> bool:
    return value is not None and value == value and str(value).strip() != ""


def _cell(value):
    """A cell as text ('' when empty); numbers from .xlsx become text the catalogue parser reads back."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return guard.unguard(str(value).strip())            # undo the CSV-injection guard of our own writer


def read_catalogue_sheet(path: str | Path, sheet: str | None = None) -> Catalogue:
    """Read a catalogue sheet (layout in the module docstring) into a :class:`Catalogue`."""
    path = Path(path)
    table = read_table(path, sheet=sheet)
    frame = table.frame
    header = {}
    for c in frame.columns:                             # keys or labels in any language (Type de ligne, Code...)
        key = column_key(c, COLUMNS)
        if key and key not in header:
            header[key] = c
    if "kind" not in header or "code" not in header:
        raise XladdinError("credits_missing_columns", path=str(path), columns="kind, code",
                           expected=", ".join(COLUMNS))
    origin = str(path)
    cells = {col: frame[header[col]].tolist() if col in header else [""] * len(frame) for col in COLUMNS}
    rows = [{col: _cell(cells[col][i]) for col in COLUMNS} | {"_where": f"ligne {table.line_of(i)}"}
            for i in range(len(frame))]
    for row in rows:                                    # coded values written in words (règle, compléments, UE)
        for col in VALUES:
            if col in row and row[col]:
                row[col] = value_code(col, row[col])
    data: dict = {"format": None, "programme": None, "rules": {}, "groups": [], "access": [],
                  "priority_fill": {"courses": []}, "dossier_prerequisites": {"courses": []}}
    groups: dict[str, dict] = {}
    parents: list[tuple[dict, str]] = []
    courses: list[tuple[dict, str]] = []

    def bad(row, detail):
        return XladdinError("credits_catalogue_invalid", path=origin, where=row["_where"], detail=detail)

    def opt(row, name):
        return row[name] or None

    for row in rows:
        kind = row["kind"].casefold()
        if not kind and not row["code"]:
            continue
        if kind not in KINDS:
            raise bad(row, f"kind « {row['kind']} » inconnu (attendu {', '.join(KINDS)})")
        if kind == "programme":
            if data["programme"] is not None:
                raise bad(row, "deux lignes programme / two programme rows")
            data["programme"] = {"code": row["code"], "title": row["title"], "total_credits": opt(row, "credits"),
                                 "blocs": row["blocs"], "year": row["year"], "language": row["language"],
                                 "source": row["source"], "note": row["note"], "_where": row["_where"]}
        elif kind == "rule":
            data["rules"][row["code"]] = {"value": opt(row, "value"), "source": row["source"], "note": row["note"],
                                          "_where": row["_where"]}
        elif kind == "group":
            if row["code"] in groups:
                raise bad(row, f"groupe « {row['code']} » défini deux fois / defined twice")
            g = {k: opt(row, k) for k in ("code", "title", "credits", "min_credits", "max_credits", "min_courses",
                                          "max_courses", "mandatory", "optional", "supplementary", "complete",
                                          "source", "note")}
            g.update(_where=row["_where"], courses=[], groups=[])
            groups[row["code"]] = g
            parents.append((g, row["parent"]))
        elif kind == "course":
            c = {k: opt(row, k) for k in ("code", "title", "credits", "term", "hours", "blocs", "language",
                                          "teachers", "markers", "exchange", "source", "note")}
            c["_where"] = row["_where"]
            courses.append((c, row["parent"]))
        elif kind == "access":
            data["access"].append({"id": row["code"], "label": row["title"], "mode": row["mode"],
                                   "supplements": {"min": opt(row, "supplement_min"),
                                                   "max": opt(row, "supplement_max")},
                                   "region": row["region"], "aliases": row["aliases"], "source": row["source"],
                                   "note": row["note"], "_where": row["_where"]})
        elif kind == "priority":
            data["priority_fill"]["courses"].append(row["code"])
            data["priority_fill"]["source"] = data["priority_fill"].get("source") or row["source"]
        else:
            data["dossier_prerequisites"]["courses"].append(
                {"code": row["code"], "title": row["title"], "credits": opt(row, "credits"),
                 "source": row["source"], "_where": row["_where"]})
    for g, parent in parents:
        if not parent:
            data["groups"].append(g)
        elif parent in groups:
            groups[parent]["groups"].append(g)
        else:
            raise XladdinError("credits_catalogue_invalid", path=origin, where=g["_where"],
                               detail=f"groupe parent « {parent} » introuvable / parent group not found")
    for c, parent in courses:
        if parent not in groups:
            raise XladdinError("credits_catalogue_invalid", path=origin, where=c["_where"],
                               detail=f"groupe « {parent} » du cours introuvable / course's group not found")
        groups[parent]["courses"].append(c)
    if data["programme"] is None:
        raise XladdinError("credits_catalogue_invalid", path=origin, where="programme",
                           detail="aucune ligne kind=programme / no programme row")
    prereqs = data["dossier_prerequisites"]["courses"]
    sources = {p["source"] for p in prereqs}
    if len(sources) == 1:                               # one shared source, as in the YAML layout
        data["dossier_prerequisites"]["source"] = sources.pop()
        for p in prereqs:
            p["source"] = ""
    return Catalogue.from_dict(data, origin=origin)
