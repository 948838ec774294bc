"""Spec credits-APHM2M §1 — a programme catalogue: groups, courses, access table, priority fill, prerequisites.

One catalogue per programme and academic year, read from a human-edited YAML file (``catalogues/*.yaml``) or
from a spreadsheet sheet (:mod:`xladdin.credits.sheet`). Both go through :meth:`Catalogue.from_dict`, the one
validation path: a bad value is an :class:`~xladdin.errors.XladdinError` naming where it is (YAML element or
sheet line), never a traceback. The checks read the catalogue as tables (:meth:`Catalogue.course_table`,
:meth:`Catalogue.memberships`, :meth:`Catalogue.group_table`) so that they can merge them with many students.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml

from ..errors import XladdinError
from ..io.yamlfile import load_yaml

FORMAT = "xladdin-catalogue/1"
CATALOGUE_DIR = Path(__file__).parent / "catalogues"
ACCESS_MODES = ("direct", "supplements", "dossier", "none")
REGIONS = ("eu", "non_eu")
# The page's markers (legend of every course table): ○ mandatory, ⌘ optional, △ exceptionally not organised this
# year, ⊖ not organised this year but next year, ⊕ organised this year but not next year.
MARKERS = "○⌘△⊖⊕"
NOT_ORGANISED = "△⊖"
YES = frozenset({"true", "vrai", "oui", "yes", "y", "o", "1", "x"})
NO = frozenset({"false", "faux", "non", "no", "n", "0"})

# Rules of a catalogue: one value per quantity, each with its source (like a rule set's parameters).
# key: (default, kind, meaning)
RULES: dict[str, tuple[object, str, str]] = {
    "annual_credits.min": (60, "number", "minimum d'un programme annuel (hors fin de cycle / allègement)"),
    "annual_credits.max": (None, "number", "maximum d'un programme annuel (vide : pas de contrôle)"),
    "supplements.max_credits": (60, "number", "maximum des enseignements supplémentaires imposés"),
    "priority_fill.below_credits": (60, "number", "seuil sous lequel le bloc 1 est complété en priorité"),
    "valorisation.max_credits": (60, "number", "maximum de crédits valorisés"),
    "valorisation.min_degree_credits": (300, "number", "crédits du grade antérieur requis pour valoriser"),
    "valorisation.regions": ("eu", "list", "régions des grades qui permettent de valoriser"),
    "non_eu.min_average_20": (12, "number", "moyenne minimale (sur 20) d'un grade hors Europe"),
    "non_eu.min_degree_credits": (180, "number", "crédits minimaux d'un grade hors Europe"),
    "grading.scale": (20, "number", "échelle des notes"),
    "grading.pass_mark": (10, "number", "note à partir de laquelle les crédits sont acquis"),
    "course_prerequisites": ("", "text", "prérequis entre cours"),
}


# --- small parsers shared with the sheet reader -------------------------------------------------------------

def _bad(origin: str, where: str, detail: str) -> XladdinError:
    return XladdinError("credits_catalogue_invalid", path=origin, where=where, detail=detail)


def number(value, origin: str, where: str, name: str, *, integer: bool = False, minimum: float = 0):
    """A number of credits, hours or a bound: int/float or numeric text (``6``, ``6,0``); empty → None."""
    if value is None or (isinstance(value, float) and value != value) or \
            (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _bad(origin, where, f"{name} = « {value} » n'est pas un nombre / is not a number")
    if isinstance(value, (int, float)):
        out = value
    else:
        text = str(value).strip().replace(",", ".")
        try:
            out = float(text)
        except ValueError:
            raise _bad(origin, where, f"{name} = « {value} » n'est pas un nombre / is not a number") from None
    if out < minimum:
        raise _bad(origin, where, f"{name} = {value} < {minimum}")
    if integer:
        if out != int(out):
            raise _bad(origin, where, f"{name} = {value} n'est pas entier / is not a whole number")
        return int(out)
    return int(out) if float(out).is_integer() else float(out)


def flag(value, origin: str, where: str, name: str, default=None):
    """yes/no cells: true/false, oui/non, yes/no, 1/0, x; empty → ``default``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise _bad(origin, where, f"{name} = « {value} » : attendu oui/non / expected yes/no")


def text_list(value) -> tuple[str, ...]:
    """A list in YAML, or ``a; b; c`` in a cell."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = value
    else:
        items = str(value).split(";")
    return tuple(str(v).strip() for v in items if v is not None and str(v).strip())


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def course_code(value, origin: str, where: str) -> str:
    """A code as the catalogue keys it: NFKC-normalised (fullwidth ``ＬＡＮＧＬ２１００`` is ``LANGL2100``),
    upper case, its letters in one script: a Cyrillic ``А`` inside a Latin code would make another course that looks
    the same, so it is refused."""
    code = unicodedata.normalize("NFKC", _text(value)).upper()
    scripts: dict[str, list[str]] = {}
    for char in code:
        if char.isalpha():
            scripts.setdefault(unicodedata.name(char, "?").split(" ")[0], []).append(char)
    if len(scripts) > 1:
        main = max(scripts, key=lambda k: len(scripts[k]))
        odd = "".join(f" « {c} » U+{ord(c):04X} {unicodedata.name(c, '?')}" for k, chars in scripts.items()
                      if k != main for c in dict.fromkeys(chars))
        raise _bad(origin, where, f"code « {code} » mêlant des écritures ({', '.join(scripts)}) :{odd} ; "
                                  f"retapez-le au clavier / code mixing scripts: retype it")
    return code


def normalise_label(text: str) -> str:
    """Compare diploma names the way a clerk reads them: no case, no accents, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# --- the model ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Course:
    """A course (unité d'enseignement) as the page lists it, with the page's markers."""

    code: str
    title: str = ""
    credits: float | None = None
    term: str = ""
    hours: float | None = None
    blocs: tuple[int, ...] = ()
    language: str = ""
    teachers: tuple[str, ...] = ()
    markers: str = ""
    exchange: bool | None = None
    source: str = ""
    note: str = ""

    @property
    def mandatory(self) -> bool | None:
        """○ → True, ⌘ → False, neither → None (the group decides)."""
        if "○" in self.markers:
            return True
        if "⌘" in self.markers:
            return False
        return None

    @property
    def not_organised(self) -> bool:
        return any(m in self.markers for m in NOT_ORGANISED)


@dataclass(frozen=True)
class Group:
    """A node of the programme tree: ``mandatory`` (all children required) and/or credit/element bounds.

    ``credits`` is the total the page announces (``[30.0]``, ``(30 crédits)``); ``complete`` is false when the
    page does not list every child (a credit-only group); ``supplementary`` marks the jury's supplementary
    courses, which do not count towards the programme's total.
    """

    code: str
    title: str = ""
    credits: float | None = None
    min_credits: float | None = None
    max_credits: float | None = None
    min_courses: int | None = None
    max_courses: int | None = None
    mandatory: bool = False
    optional: bool = False
    supplementary: bool = False
    complete: bool = True
    courses: tuple[Course, ...] = ()
    groups: tuple["Group", ...] = ()
    source: str = ""
    note: str = ""

    def walk(self, parent: str = "", depth: int = 0):
        """(group, parent code, depth) for this group and every group under it, in order."""
        yield self, parent, depth
        for child in self.groups:
            yield from child.walk(self.code, depth + 1)


@dataclass(frozen=True)
class AccessRule:
    """A row of the access table: prior diploma → access mode and range of supplementary credits."""

    id: str
    label: str
    mode: str
    supplement_min: float | None = None
    supplement_max: float | None = None
    region: str = ""
    aliases: tuple[str, ...] = ()
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Prerequisite:
    """A course an access on dossier needs, with the credits the access table gives it."""

    code: str
    title: str = ""
    credits: float | None = None
    source: str = ""


@dataclass(frozen=True)
class Rule:
    value: object
    source: str = ""
    note: str = ""


@dataclass(frozen=True, eq=False)
class Catalogue:
    """One programme and academic year (spec §1)."""

    code: str
    title: str = ""
    total_credits: float = 0
    blocs: tuple[int, ...] = ()
    year: str = ""
    language: str = ""
    source: str = ""
    note: str = ""
    groups: tuple[Group, ...] = ()
    access: tuple[AccessRule, ...] = ()
    priority_fill: tuple[str, ...] = ()
    priority_source: str = ""
    prerequisites: tuple[Prerequisite, ...] = ()
    prerequisites_source: str = ""
    rules: dict[str, Rule] = field(default_factory=dict)
    origin: str = ""

    # -- equality on content (origin excluded), for round-trip tests
    def __eq__(self, other):
        if not isinstance(other, Catalogue):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.name != "origin")

    __hash__ = object.__hash__

    @property
    def id(self) -> str:
        return f"{self.code}-{self.year}" if self.year else self.code

    def rule(self, key: str):
        """The value of a catalogue rule (its default when the file does not set it)."""
        if key in self.rules:
            return self.rules[key].value
        return RULES[key][0]

    def rule_source(self, key: str) -> str:
        return self.rules[key].source if key in self.rules else ""

    def all_groups(self):
        for group in self.groups:
            yield from group.walk()

    @property
    def complete(self) -> bool:
        """True when every group lists all its children (so an unknown course code is certainly wrong)."""
        return all(g.complete for g, _, _ in self.all_groups())

    # -- tables for the vectorised checks -------------------------------------------------------------------
    @cached_property
    def group_table(self) -> pd.DataFrame:
        """One row per group: constraints, flags, depth, the blocs its courses sit in, effective requirement."""
        rows = []
        required: dict[str, bool] = {}
        supp: dict[str, bool] = {}
        for group, parent, depth in self.all_groups():
            req = (not group.optional) and (required.get(parent, True) if parent else True)
            required[group.code] = req
            supp[group.code] = group.supplementary or supp.get(parent, False)
            blocs = {b for g, _, _ in group.walk() for c in g.courses for b in c.blocs}
            unplaced = any(not c.blocs for g, _, _ in group.walk() for c in g.courses)
            rows.append({
                "group": group.code, "parent": parent, "title": group.title, "depth": depth,
                "credits": group.credits, "min_credits": group.min_credits, "max_credits": group.max_credits,
                "min_courses": group.min_courses, "max_courses": group.max_courses, "mandatory": group.mandatory,
                "optional": group.optional, "supplementary": supp[group.code], "complete": group.complete,
                "required": req, "single_bloc": (min(blocs) if len(blocs) == 1 and not unplaced else pd.NA),
                "source": group.source,
            })
        frame = pd.DataFrame(rows, columns=[
            "group", "parent", "title", "depth", "credits", "min_credits", "max_credits", "min_courses",
            "max_courses", "mandatory", "optional", "supplementary", "complete", "required", "single_bloc",
            "source"])
        for name in ("credits", "min_credits", "max_credits", "min_courses", "max_courses"):
            frame[name] = frame[name].astype("Float64")
        frame["single_bloc"] = frame["single_bloc"].astype("Int64")
        return frame

    @cached_property
    def course_table(self) -> pd.DataFrame:
        """One row per known course code (first listing wins; CAT-CREDITS-MISMATCH reports the others).

        Codes named only in the priority list or the prerequisites are known too (credits from the
        prerequisite when the page gives none elsewhere), never given invented credits.
        """
        gt = self.group_table.set_index("group")
        rows, seen = [], set()
        for group, _, _ in self.all_groups():
            for course in group.courses:
                if course.code in seen:
                    continue
                seen.add(course.code)
                mandatory = course.mandatory if course.mandatory is not None else group.mandatory
                if group.mandatory:
                    mandatory = True
                rows.append({
                    "course_code": course.code, "title": course.title, "cat_credits": course.credits,
                    "blocs": course.blocs, "markers": course.markers, "group": group.code,
                    "in_group": True, "supplementary_course": bool(gt.at[group.code, "supplementary"]),
                    "required": bool(mandatory) and bool(gt.at[group.code, "required"])
                    and not bool(gt.at[group.code, "supplementary"]),
                    "not_organised": course.not_organised, "priority": False, "course_source": course.source,
                })
        for p in self.prerequisites:
            if p.code not in seen:
                seen.add(p.code)
                rows.append({"course_code": p.code, "title": p.title, "cat_credits": p.credits, "blocs": (),
                             "markers": "", "group": "", "in_group": False, "supplementary_course": False,
                             "required": False, "not_organised": False, "priority": False,
                             "course_source": p.source})
        for code in self.priority_fill:
            if code not in seen:
                seen.add(code)
                rows.append({"course_code": code, "title": "", "cat_credits": None, "blocs": (), "markers": "",
                             "group": "", "in_group": False, "supplementary_course": False, "required": False,
                             "not_organised": False, "priority": False, "course_source": self.priority_source})
        frame = pd.DataFrame(rows, columns=[
            "course_code", "title", "cat_credits", "blocs", "markers", "group", "in_group",
            "supplementary_course", "required", "not_organised", "priority", "course_source"])
        frame["cat_credits"] = frame["cat_credits"].astype("Float64")
        frame["priority"] = frame["course_code"].isin(self.priority_fill)
        return frame

    @cached_property
    def memberships(self) -> pd.DataFrame:
        """(course_code, group, element): every group a course counts in, and the group's child on the path.

        ``element`` is what a group's element count (min/max_courses) counts: the course itself for a direct
        child, the sub-group otherwise.
        """
        rows = []

        def visit(group: Group, ancestors: list[tuple[str, str]]):
            # ancestors: (group code, element of that group leading here)
            chain = ancestors + [(group.code, "")]
            for course in group.courses:
                for code, element in chain:
                    rows.append((course.code, code, element or course.code))
            for child in group.groups:
                visit(child, [(code, element or child.code) for code, element in chain])

        for top in self.groups:
            visit(top, [])
        frame = pd.DataFrame(rows, columns=["course_code", "group", "element"]).drop_duplicates(
            ["course_code", "group"])
        return frame.reset_index(drop=True)

    @cached_property
    def required_courses(self) -> pd.DataFrame:
        """(course_code, bloc) of every required course placed in a bloc (for PAE-MANDATORY-MISSING)."""
        ct = self.course_table
        req = ct[ct["required"]][["course_code", "blocs", "title", "course_source"]]
        req = req.explode("blocs").dropna(subset=["blocs"]).rename(columns={"blocs": "bloc"})
        req["bloc"] = req["bloc"].astype("Int64")
        return req.reset_index(drop=True)

    @cached_property
    def access_table(self) -> pd.DataFrame:
        return pd.DataFrame([{
            "access_id": a.id, "access_label": a.label, "mode": a.mode, "dip_min": a.supplement_min,
            "dip_max": a.supplement_max, "access_region": a.region, "access_source": a.source,
        } for a in self.access], columns=["access_id", "access_label", "mode", "dip_min", "dip_max",
                                          "access_region", "access_source"])

    def match_diplomas(self, values: pd.Series) -> pd.Series:
        """The access-table id of each prior diploma (by id, label or alias, then a unique prefix); else NA.

        Works on the distinct names only, so a file of 100 000 rows with 20 diploma names costs 20 look-ups.
        """
        names: dict[str, str] = {}
        for a in self.access:
            for name in (a.id, a.label, *a.aliases):
                names.setdefault(normalise_label(name), a.id)
        keys = list(names)

        def find(raw: str):
            key = normalise_label(raw)
            if not key:
                return None
            if key in names:
                return names[key]
            hits = {names[k] for k in keys if k.startswith(key + " ")}
            return hits.pop() if len(hits) == 1 else None

        distinct = pd.Series(values.dropna().unique())
        lookup = dict(zip(distinct, distinct.map(find)))
        return values.map(lookup).astype(object).where(values.notna(), None)

    # -- (de)serialisation -----------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict, origin: str = "") -> "Catalogue":
        return _from_dict(data, origin)

    def to_dict(self) -> dict:
        return _to_dict(self)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=110)


# --- from/to the YAML structure ------------------------------------------------------------------------------

def _where(item: dict, default: str) -> str:
    return str(item.get("_where") or default)


def _mapping(value, origin: str, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _bad(origin, where, "attendu un tableau clé: valeur / expected a mapping")
    return value


def _course(item, origin: str, where: str) -> Course:
    item = _mapping(item, origin, where)
    where = _where(item, where)
    code = course_code(item.get("code"), origin, where)
    if not code:
        raise _bad(origin, where, "cours sans code / course without a code")
    markers = _text(item.get("markers"))
    unknown = [m for m in markers if not m.isspace() and m not in MARKERS]
    if unknown:
        raise _bad(origin, where, f"marqueur inconnu « {''.join(unknown)} » (connus : {MARKERS})")
    blocs = tuple(number(b, origin, where, "blocs", integer=True, minimum=1) for b in text_list(item.get("blocs")))
    return Course(
        code=code, title=_text(item.get("title")), credits=number(item.get("credits"), origin, where, "credits"),
        term=_text(item.get("term")).lower(), hours=number(item.get("hours"), origin, where, "hours"),
        blocs=blocs, language=_text(item.get("language")), teachers=text_list(item.get("teachers")),
        markers=markers, exchange=flag(item.get("exchange"), origin, where, "exchange"),
        source=_text(item.get("source")), note=_text(item.get("note")))


def _group(item, origin: str, where: str, seen: set) -> Group:
    item = _mapping(item, origin, where)
    where = _where(item, where)
    code = _text(item.get("code"))
    if not code:
        raise _bad(origin, where, "groupe sans code / group without a code")
    if code in seen:
        raise _bad(origin, where, f"groupe « {code} » défini deux fois / defined twice")
    seen.add(code)
    here = f"groupe {code}"
    courses = tuple(_course(c, origin, f"{here}, cours n° {i + 1}")
                    for i, c in enumerate(item.get("courses") or []))
    groups = tuple(_group(g, origin, f"{here}, sous-groupe n° {i + 1}", seen)
                   for i, g in enumerate(item.get("groups") or []))
    return Group(
        code=code, title=_text(item.get("title")), credits=number(item.get("credits"), origin, where, "credits"),
        min_credits=number(item.get("min_credits"), origin, where, "min_credits"),
        max_credits=number(item.get("max_credits"), origin, where, "max_credits"),
        min_courses=number(item.get("min_courses"), origin, where, "min_courses", integer=True),
        max_courses=number(item.get("max_courses"), origin, where, "max_courses", integer=True),
        mandatory=flag(item.get("mandatory"), origin, where, "mandatory", False),
        optional=flag(item.get("optional"), origin, where, "optional", False),
        supplementary=flag(item.get("supplementary"), origin, where, "supplementary", False),
        complete=flag(item.get("complete"), origin, where, "complete", True),
        courses=courses, groups=groups, source=_text(item.get("source")), note=_text(item.get("note")))


def _access(item, origin: str, where: str) -> AccessRule:
    item = _mapping(item, origin, where)
    where = _where(item, where)
    ident = _text(item.get("id"))
    if not ident:
        raise _bad(origin, where, "entrée d'accès sans id / access entry without an id")
    mode = _text(item.get("mode")).lower()
    if mode not in ACCESS_MODES:
        raise _bad(origin, where, f"mode d'accès « {mode} » inconnu (attendu {', '.join(ACCESS_MODES)})")
    supplements = _mapping(item.get("supplements"), origin, where)
    lo = number(supplements.get("min"), origin, where, "supplements.min")
    hi = number(supplements.get("max"), origin, where, "supplements.max")
    region = _text(item.get("region")).lower()
    if region and region not in REGIONS:
        raise _bad(origin, where, f"région « {region} » inconnue (attendu eu, non_eu)")
    return AccessRule(id=ident, label=_text(item.get("label")) or ident, mode=mode, supplement_min=lo,
                      supplement_max=hi, region=region, aliases=text_list(item.get("aliases")),
                      source=_text(item.get("source")), note=_text(item.get("note")))


def _rules(data, origin: str) -> dict[str, Rule]:
    out = {}
    for key, spec in _mapping(data, origin, "rules").items():
        where = f"rules.{key}"
        if key not in RULES:
            raise _bad(origin, where, f"règle inconnue (connues : {', '.join(RULES)})")
        if isinstance(spec, dict):
            where = _where(spec, where)
            value, source, note = spec.get("value"), _text(spec.get("source")), _text(spec.get("note"))
        else:
            value, source, note = spec, "", ""
        kind = RULES[key][1]
        if kind == "number":
            value = number(value, origin, where, key)
        elif kind == "list":
            value = ";".join(text_list(value))
        else:
            value = _text(value)
        out[key] = Rule(value, source, note)
    return out


def _from_dict(data, origin: str) -> Catalogue:
    data = _mapping(data, origin, "fichier / file")
    fmt = data.get("format")
    if fmt not in (None, FORMAT):
        raise _bad(origin, "format", f"format « {fmt} » inconnu (attendu {FORMAT})")
    prog = _mapping(data.get("programme"), origin, "programme")
    where = _where(prog, "programme")
    code = _text(prog.get("code")).upper()
    if not code:
        raise _bad(origin, where, "programme sans code / programme without a code")
    total = number(prog.get("total_credits"), origin, where, "total_credits")
    if not total:
        raise _bad(origin, where, "total_credits manquant / missing")
    blocs = tuple(number(b, origin, where, "blocs", integer=True, minimum=1) for b in text_list(prog.get("blocs")))
    if not blocs:
        raise _bad(origin, where, "blocs manquants / missing annual blocs")
    seen: set[str] = set()
    groups = tuple(_group(g, origin, f"groupe n° {i + 1}", seen) for i, g in enumerate(data.get("groups") or []))
    access = tuple(_access(a, origin, f"accès n° {i + 1}") for i, a in enumerate(data.get("access") or []))
    ids = [a.id for a in access]
    if len(ids) != len(set(ids)):
        raise _bad(origin, "access", "id d'accès en double / duplicate access id")
    priority = _mapping(data.get("priority_fill"), origin, "priority_fill")
    prereq = _mapping(data.get("dossier_prerequisites"), origin, "dossier_prerequisites")
    prerequisites = []
    for i, p in enumerate(prereq.get("courses") or []):
        p = _mapping(p, origin, f"dossier_prerequisites n° {i + 1}")
        pwhere = _where(p, f"dossier_prerequisites n° {i + 1}")
        pcode = course_code(p.get("code"), origin, pwhere)
        if not pcode:
            raise _bad(origin, pwhere, "prérequis sans code / prerequisite without a code")
        prerequisites.append(Prerequisite(pcode, _text(p.get("title")), number(p.get("credits"), origin, pwhere,
                                                                                "credits"),
                                          _text(p.get("source")) or _text(prereq.get("source"))))
    for g, _, _ in (x for top in groups for x in top.walk()):
        for c in g.courses:
            for b in c.blocs:
                if b not in blocs:
                    raise _bad(origin, f"groupe {g.code}, cours {c.code}",
                               f"bloc {b} absent du programme (blocs {', '.join(map(str, blocs))})")
    return Catalogue(
        code=code, title=_text(prog.get("title")), total_credits=total, blocs=blocs, year=_text(prog.get("year")),
        language=_text(prog.get("language")), source=_text(prog.get("source")), note=_text(prog.get("note")),
        groups=groups, access=access,
        priority_fill=tuple(course_code(c, origin, "priority_fill") for c in text_list(priority.get("courses"))),
        priority_source=_text(priority.get("source")), prerequisites=tuple(prerequisites),
        prerequisites_source=_text(prereq.get("source")), rules=_rules(data.get("rules"), origin), origin=origin)


def _clean(d: dict) -> dict:
    """Drop empty values so the YAML stays as short as the page."""
    return {k: v for k, v in d.items() if v not in (None, "", (), [], {}) and not (k == "complete" and v is True)
            and not (k in ("mandatory", "optional", "supplementary") and v is False)}


def _course_dict(c: Course) -> dict:
    return _clean({"code": c.code, "title": c.title, "credits": c.credits, "term": c.term, "hours": c.hours,
                   "blocs": list(c.blocs), "language": c.language, "teachers": list(c.teachers),
                   "markers": c.markers, "exchange": c.exchange, "source": c.source, "note": c.note})


def _group_dict(g: Group) -> dict:
    d = _clean({"code": g.code, "title": g.title, "credits": g.credits, "min_credits": g.min_credits,
                "max_credits": g.max_credits, "min_courses": g.min_courses, "max_courses": g.max_courses,
                "mandatory": g.mandatory, "optional": g.optional, "supplementary": g.supplementary,
                "complete": g.complete, "source": g.source, "note": g.note})
    if g.courses:
        d["courses"] = [_course_dict(c) for c in g.courses]
    if g.groups:
        d["groups"] = [_group_dict(x) for x in g.groups]
    return d


def _to_dict(cat: Catalogue) -> dict:
    return {
        "format": FORMAT,
        "programme": _clean({"code": cat.code, "title": cat.title, "total_credits": cat.total_credits,
                             "blocs": list(cat.blocs), "year": cat.year, "language": cat.language,
                             "source": cat.source, "note": cat.note}),
        "rules": {k: _clean({"value": r.value, "source": r.source, "note": r.note}) for k, r in cat.rules.items()},
        "groups": [_group_dict(g) for g in cat.groups],
        "access": [_clean({"id": a.id, "label": a.label, "mode": a.mode,
                           "supplements": _clean({"min": a.supplement_min, "max": a.supplement_max}),
                           "region": a.region, "aliases": list(a.aliases), "source": a.source, "note": a.note})
                   for a in cat.access],
        "priority_fill": _clean({"courses": list(cat.priority_fill), "source": cat.priority_source}),
        "dossier_prerequisites": _clean({
            "courses": [_clean({"code": p.code, "title": p.title, "credits": p.credits,
                                "source": p.source if p.source != cat.prerequisites_source else ""})
                        for p in cat.prerequisites],
            "source": cat.prerequisites_source}),
    }


# --- loading --------------------------------------------------------------------------------------------------

def shipped() -> dict[str, Path]:
    """Shipped catalogues by id (``APHM2M-2024-2025``)."""
    return {p.stem: p for p in sorted(CATALOGUE_DIR.glob("*.yaml"))}


def read_yaml(path: Path) -> Catalogue:
    try:
        data = load_yaml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"ligne {mark.line + 1}" if mark else "?"
        raise _bad(str(path), where, str(getattr(exc, "problem", exc))) from None
    return Catalogue.from_dict(data, origin=str(path))


def load_catalogue(catalogue: "str | Path | Catalogue") -> Catalogue:
    """A shipped catalogue by programme code (``APHM2M``: its latest year) or id, or a .yaml/.csv/.xlsx file."""
    if isinstance(catalogue, Catalogue):
        return catalogue
    available = shipped()
    name = str(catalogue).strip()
    by_id = {k.upper(): p for k, p in available.items()}
    if name.upper() in by_id:
        return read_yaml(by_id[name.upper()])
    same_code = sorted(k for k in by_id if k.startswith(name.upper() + "-"))
    if name and same_code:
        return read_yaml(by_id[same_code[-1]])
    path = Path(name)
    if path.suffix.lower() in (".yaml", ".yml"):
        if not path.exists():
            raise XladdinError("file_missing", path=str(path))
        return read_yaml(path)
    if path.suffix and path.exists():
        from .sheet import read_catalogue_sheet

        return read_catalogue_sheet(path)
    if path.suffix and path.suffix.lower() in (".csv", ".xlsx", ".xlsm", ".xls", ".ods"):
        raise XladdinError("file_missing", path=str(path))
    codes = sorted({k.split("-")[0] for k in available})
    raise XladdinError("credits_unknown_catalogue", catalogue=name,
                       available=", ".join(codes + list(available)) or "—")


def with_rules(cat: Catalogue, **values) -> Catalogue:
    """A copy with some rules changed: ``with_rules(cat, **{"annual_credits.max": 70})`` (what-ifs, tests)."""
    rules = dict(cat.rules)
    for key, value in values.items():
        if key not in RULES:
            raise XladdinError("unknown_parameter", name=key, rules=cat.id)
        rules[key] = Rule(value, rules[key].source if key in rules else "", "modifié / changed")
    return replace(cat, rules=rules)
