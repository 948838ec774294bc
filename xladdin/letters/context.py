"""Each letter's data, read off the engine's result (``assess_full``) and its ``explain`` trace.

Nothing here decides anything: the decision, the amounts, the reason codes and every step of the calculation come
from the engine; the repayment plan from :func:`xladdin.bursary.loans.loan_plan`; the words from ``texts``. A row
the engine could not assess (an input error) gets no letter: it is returned with its message instead.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import rules as rules_mod
from ..bursary.assess import Assessment, assess_full, explain
from ..bursary.loans import loan_plan
from ..io.formats import chf_text
from ..errors import XladdinError
from . import texts

# Columns a list may carry beside the schema (the reader reports them as unknown): the applicant's postal
# address, printed as they are, in the file's order.
ADDRESS_HEADERS = {"adresse", "address", "rue", "street", "strasse", "straße", "npa", "plz", "code postal",
                   "postcode", "postal code", "zip", "localité", "localite", "ort", "wohnort", "town", "city",
                   "lieu", "npa localité", "plz ort", "case postale", "postfach", "c/o", "pays", "land", "country"}


@dataclass
class LetterData:
    """One input row: the letter's context, or (``context`` None) why no letter is produced."""

    position: int                 # 0-based row of the input
    line: int                     # the line clerks see in their file
    applicant_id: str
    canton: str
    lang: str
    context: dict | None = None
    reason_not_produced: str = ""
    codes: tuple[str, ...] = field(default_factory=tuple)   # the row's reason codes (for tests and the summary)

    @property
    def produced(self) -> bool:
        return self.context is not None


def money(amount) -> str:
    """Whole francs, Swiss style (``12'345``); a fraction of a franc from the trace keeps its centimes."""
    value = float(amount)
    if abs(value - round(value)) < 0.005:
        return chf_text(round(value))
    whole, cents = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', chr(39))}.{cents}"


# The rule sets' citations carry notes for the office (a text the project does not hold, a reading, a schema
# key in backquotes, a reading of the canton's spec such as [reading V2] or [B17]): they are dropped from a letter
# to an applicant, the article stays; so is a reference to the project's spec (spec GE §5).
_OFFICE_NOTE = re.compile(r"\s*\((?:[^()]*(?:\b(?:non détenu|not held|nicht vorhanden|lu comme|read as|reading)\b|`)"
                          r"[^()]*)\)|\s*\[(?:reading )?[A-Z]{1,2}\d+[a-z]?\]", re.IGNORECASE)


def cited(article: str) -> str:
    """The article as an applicant reads it: no office note, no reference to the project's own specs."""
    parts = [part.strip() for part in _OFFICE_NOTE.sub("", str(article)).split(" ; ")]
    return " ; ".join(part for part in parts if part and not part.startswith("spec "))


_HELD_NOTE = re.compile(r"\b(?:non détenu|not held|nicht vorhanden)", re.IGNORECASE)


def titled(title: str) -> str:
    """The rule set's title as an applicant reads it: a part saying which text is not held (`` — annexe 1 non
    détenue``) is a note for the office, dropped like those of :func:`cited`."""
    return " — ".join(part for part in str(title).split(" — ") if not _HELD_NOTE.search(part))


def date_text(day: dt.date, lang: str) -> str:
    month = texts.common()["months"][lang][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "de" else f"{day.day} {month} {day.year}"


def _word(node: dict, lang: str) -> str:
    return node.get(lang) or node["fr"]


def _address_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if str(c).strip().lower() in ADDRESS_HEADERS or
            str(c).strip().lower().startswith(("adresse", "address"))]


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    return "" if text.lower() in ("nan", "none") else text.removesuffix(".0") if re.fullmatch(r"\d+\.0", text) \
        else text


def build_letters(table, rules: str = "GE-2025", *, reference_date=None, lang: str | None = None,
                  ids: list[str] | None = None, today: dt.date | None = None) -> tuple[Assessment, list[LetterData]]:
    """Assess ``table`` (a path, a RawTable from :func:`xladdin.io.readers.read_table`, a DataFrame) and build one
    :class:`LetterData` per row (only the rows whose file number is in ``ids`` when given).

    ``lang`` None writes each letter in its office's language (GE, VD, FR fr; ZH and BE de)."""
    from ..bursary.inputs import table_from

    frame, _lines, raw = table_from(table)
    message_lang = "en" if lang == "en" else "fr"
    assessment = assess_full(raw if raw is not None else frame, rules=rules, reference_date=reference_date,
                             lang=message_lang)
    results = assessment.results
    by_label = {rs.label: rs for rs in assessment.rulesets}
    lines = assessment.parsed.lines
    cols = assessment.parsed.cols
    address = _address_columns(frame)
    wanted = None if not ids else {str(i).strip() for i in ids}
    today = today or dt.date.today()
    out: list[LetterData] = []
    for i in range(len(results)):
        row = results.iloc[i]
        applicant_id = _text(row["applicant_id"])
        if wanted is not None and applicant_id not in wanted:
            continue
        rs = by_label.get(row["rules"], assessment.ruleset)
        canton = rs.canton
        line = int(lines[i]) if lines is not None else i + 2
        if canton not in texts.cantons():          # no reason sentences and remedies written for it yet
            out.append(LetterData(i, line, applicant_id, canton, lang or "fr",
                                  reason_not_produced=XladdinError("letter_canton", canton=canton).text(
                                      "en" if lang == "en" else "fr")))
            continue
        letter_lang = lang or texts.office_lang(canton)
        if pd.isna(row["eligible"]):
            out.append(LetterData(i, line, applicant_id, canton, letter_lang,
                                  reason_not_produced=str(row["reasons"])))
            continue
        codes = tuple(c for c in str(row["reasons"] or "").split(";") if c)
        trace = explain(frame.iloc[[i]].reset_index(drop=True), rules=rs, reference_date=reference_date,
                        lang=letter_lang, keys=True)
        applicant = {
            "file_number": applicant_id,
            "last_name": _text(cols["last_name"][i]),
            "first_name": _text(cols["first_name"][i]),
            "address_lines": [t for t in (_text(frame.iloc[i][c]) for c in address) if t],
        }
        applicant["name"] = " ".join(t for t in (applicant["first_name"], applicant["last_name"]) if t)
        context = letter_context(row, codes, trace, rs, letter_lang, applicant, today,
                                 end_year=_end_year(cols, i), programme_kind=_kind(cols, i))
        out.append(LetterData(i, line, applicant_id, canton, letter_lang, context, codes=codes))
    return assessment, out


def _end_year(cols: dict, i: int) -> int | None:
    """The calendar year the studies are expected to end: the start of the training year plus the semesters
    left of the regular length (two a year). None when the start is unknown."""
    start = cols.get("year_start")
    if start is None or np.isnat(start[i]):
        return None
    year = int(str(start[i])[:4])
    regular, aided = cols.get("regular_semesters"), cols.get("semesters_aided")
    left = 1.0
    if regular is not None and not np.isnan(float(regular[i])):
        done = float(aided[i]) if aided is not None and not np.isnan(float(aided[i])) else 0.0
        left = max(float(regular[i]) - done, 1.0)
    return year + math.ceil(left / 2)


def _kind(cols: dict, i: int) -> str:
    """The row's kind of training as its schema code (``master``), empty when unknown."""
    from ..schema import BY_KEY

    code = int(cols["programme_kind"][i])
    return BY_KEY["programme_kind"].values[code] if code >= 0 else ""


def _amount(row, key: str) -> int | None:
    value = row[key]
    return None if pd.isna(value) else int(value)


def letter_context(row, codes: tuple[str, ...], trace: pd.DataFrame, rs, lang: str, applicant: dict,
                   today: dt.date, end_year: int | None, programme_kind: str = "") -> dict:
    """The placeholders a letter template may use (documented in docs/guides/letters.md)."""
    common, own = texts.common(), texts.canton(rs.canton)
    bursary, loan, aid = (_amount(row, k) or 0 for k in ("bursary", "loan", "aid"))
    granted = bool(row["eligible"]) and aid > 0
    kind = "refused" if not granted else "both" if bursary and loan else "bursary" if bursary else "loan"
    words = common["decision"][kind]
    decision = {"kind": kind, "granted": granted, "title": _word(words["title"], lang),
                "text": _word(words["text"], lang).format(bursary=money(bursary), loan=money(loan), aid=money(aid))}

    amounts = []
    for key in ("needs", "resources", "parents_share", "shortfall", "cap", "bursary", "loan", "aid"):
        value = _amount(row, key)
        if value is not None:
            amounts.append({"key": key, "label": _word(common["amounts"][key], lang), "amount": money(value)})

    reasons = []
    for code in codes:
        entry = own["reasons"].get(code) or common["reasons"].get(code)
        if entry is None:           # a code without its sentence is a defect of the texts (a test checks)
            raise KeyError(f"letters: no sentence for reason code {code} ({rs.canton})")
        reasons.append({"sentence": _word(entry, lang), "article": entry.get("article") or rs.label})
    if not granted and not codes:      # eligible, nothing to fund: the amounts rule is the reason
        reasons.append({"sentence": _word(common["no_shortfall"], lang),
                        "article": rs.choice_articles.get("amounts", "")})

    schedule = own["instalments"]
    base = aid if schedule.get("applies_to") == "aid" else bursary
    instalments = []
    paid = bool(granted and base)
    if paid:                # a text that fixes no parts (parts: []) gives its rule without amounts per part
        rest = base
        for n, part in enumerate(schedule["parts"]):
            share = rest if n == len(schedule["parts"]) - 1 else math.floor(base * part["share"] + 0.5)
            rest -= share
            instalments.append({"label": _word(part, lang), "amount": money(share)})

    plan_rows, plan_intro = [], ""
    terms = own["loan"]
    if granted and loan and terms.get("plan") and end_year is not None:
        plan = loan_plan(loan, end_year, rs)
        plan_rows = [{"year": str(int(r.year)), "installment": money(r.installment), "remaining": money(r.remaining)}
                     for r in plan.itertuples(index=False)]
        plan_intro = _word(common["plan_intro"], lang).format(end_year=end_year)

    calculation = []
    yes, no = common["yes_no"][lang]
    for r in trace.itertuples(index=False):
        if r.key == "reasons":                  # the reasons are the sentences above, never bare codes
            continue
        label = r.label
        if lang == "de":
            label = texts.trace_label_de(r.key, rs.canton) or label
        value = r.amount
        if isinstance(value, (bool, np.bool_)):
            value = yes if value else no
        if isinstance(value, (int, float, np.integer, np.floating)):
            shown = money(value) if r.key not in common["not_money"] else f"{float(value):g}"
        else:
            shown = str(value)
            if lang == "de":
                shown = common.get("values_de", {}).get(shown, shown)
        calculation.append({"step": str(r.step), "label": label, "amount": shown, "article": cited(r.article)})

    remedies = own["remedies"]
    return {
        "date": date_text(today, lang),
        "lang": lang,
        "canton": rs.canton,
        "rules": rs.label,
        "rules_title": titled(rs.title),
        "file_number": applicant["file_number"],
        "applicant": applicant,
        "decision": decision,
        "amounts": amounts,
        "per_year": _word(common["per_year"], lang),
        "bursary": money(bursary),
        "loan": money(loan),
        "aid": money(aid),
        "reasons": reasons,
        "instalments": instalments,
        "instalments_text": _word(schedule, lang) if paid else "",
        "instalments_article": schedule["article"] if paid else "",
        "loan_terms": ({"text": _word(terms, lang), "article": terms["article"],
                        "conversion": _conversion(terms, programme_kind, lang)} if granted and loan else None),
        "loan_plan": plan_rows,
        "loan_plan_intro": plan_intro,
        "plan_heads": {k: _word(v, lang) for k, v in common["plan_heads"].items()},
        "calculation": calculation,
        "remedies": {"text": " ".join(_word(remedies, lang).split()), "article": remedies["article"]},
    }


def _conversion(terms: dict, programme_kind: str, lang: str) -> str:
    """The sentence saying the loan becomes a bursary (LBPE art. 26), with its article; empty when the law does
    not convert this kind of training's loan."""
    entry = (terms.get("converts") or {}).get(programme_kind)
    return f"{_word(entry, lang)} ({entry['article']})" if entry else ""
