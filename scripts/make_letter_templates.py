"""Build the decision-letter templates shipped in templates/letters/ (one .docx per canton and language).

    python scripts/make_letter_templates.py            # rewrites templates/letters/*.docx

The .docx files are what an office edits in Word or LibreOffice (letterhead, signature, wording); this script
only makes the shipped versions reproducible. Placeholders are docxtpl's (Jinja2): ``{{ decision.text }}``,
``{%p for r in reasons %}`` ... ``{%p endfor %}`` for repeated paragraphs, ``{%tr ... %}`` for table rows; the
list of placeholders is in docs/guides/letters.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parents[1] / "templates" / "letters"

# The office's letterhead and signature: template text an office replaces with its own.
OFFICES = {
    "GE": {"fr": ["République et canton de Genève",
                  "Office pour l'orientation, la formation professionnelle et continue (OFPC)",
                  "Service des bourses et prêts d'études (SBPE)"],
           "de": ["Republik und Kanton Genf", "Service des bourses et prêts d'études (SBPE)"],
           "en": ["Republic and Canton of Geneva", "Bursaries and study loans office (SBPE)"]},
    "ZH": {"de": ["Kanton Zürich", "Bildungsdirektion", "Amt für Jugend und Berufsberatung, Stipendien"],
           "fr": ["Canton de Zurich", "Direction de l'instruction publique", "Office des bourses d'études"],
           "en": ["Canton of Zurich", "Education Directorate", "Bursaries office"]},
    "BE": {"de": ["Kanton Bern", "Bildungs- und Kulturdirektion", "Amt für zentrale Dienste",
                  "Abteilung Ausbildungsbeiträge (AAB)"],
           "fr": ["Canton de Berne", "Direction de l'instruction publique et de la culture",
                  "Office des services centralisés", "Section des subsides de formation"],
           "en": ["Canton of Bern", "Education and Culture Directorate", "Training grants section (AAB)"]},
    "VD": {"fr": ["Canton de Vaud", "Office cantonal des bourses d'études et d'apprentissage"],
           "de": ["Kanton Waadt", "Office cantonal des bourses d'études et d'apprentissage"],
           "en": ["Canton of Vaud", "Cantonal office for study and apprenticeship bursaries"]},
    "FR": {"fr": ["Etat de Fribourg", "Service des subsides de formation"],
           "de": ["Staat Freiburg", "Service des subsides de formation"],
           "en": ["State of Fribourg", "Training grants office (Service des subsides de formation)"]},
    # Neuchâtel: the department ALAF art. 7 al. 2 names, « l'office chargé des bourses d'études » (RLAF art. 2)
    "NE": {"fr": ["République et Canton de Neuchâtel", "Département de l'économie et de la cohésion sociale",
                  "Office chargé des bourses d'études"],
           "de": ["Republik und Kanton Neuenburg", "Amt für Ausbildungsbeiträge"],
           "en": ["Republic and Canton of Neuchâtel", "Bursaries office"]},
    # LSF art. 5: the Section des bourses et prêts d'études decides; DSF: the Département's directive.
    "JU": {"fr": ["République et Canton du Jura", "Département de la formation, de la culture et des sports",
                  "Section des bourses et prêts d'études"],
           "de": ["Republik und Kanton Jura", "Departement für Bildung, Kultur und Sport",
                  "Section des bourses et prêts d'études"],
           "en": ["Republic and Canton of Jura", "Department of Education, Culture and Sports",
                  "Bursaries and study loans section"]},
    # Valais (LBPE art. 27a: the service allocates; OBPE art. 3: its section des bourses et prêts d'études)
    "VS": {"fr": ["Canton du Valais", "Département en charge de la formation",
                  "Section des bourses et prêts d'études"],
           "de": ["Kanton Wallis", "Für die Bildung zuständiges Departement", "Sektion Ausbildungsbeiträge"],
           "en": ["Canton of Valais", "Department in charge of education", "Bursaries and study loans section"]},
}
PLACE = {"GE": {"fr": "Genève", "de": "Genf", "en": "Geneva"}, "ZH": {"fr": "Zurich", "de": "Zürich", "en": "Zurich"},
         "BE": {"fr": "Berne", "de": "Bern", "en": "Bern"}, "VD": {"fr": "Lausanne", "de": "Lausanne", "en": "Lausanne"},
         "FR": {"fr": "Fribourg", "de": "Freiburg", "en": "Fribourg"},
         "NE": {"fr": "Neuchâtel", "de": "Neuenburg", "en": "Neuchâtel"},
         "JU": {"fr": "Delémont", "de": "Delsberg", "en": "Delémont"}, "VS": {"fr": "Sion", "de": "Sitten", "en": "Sion"}}

WORDS = {
    "fr": {"contact": "Adresse du service · téléphone · courriel (à compléter par l'office)",
           "date": "{place}, le {{{{ date }}}}", "file": "N° de dossier : {{ file_number }}",
           "rules": "Règles appliquées : {{ rules }}", "subject": "Décision sur votre demande d'aide financière aux études",
           "hello": "Madame, Monsieur,", "decision": "Décision", "reasons": "Motifs",
           "amounts": "Montants (CHF {{ per_year }})", "item": "Poste", "chf": "CHF",
           "payments": "Versements", "when": "Échéance", "loan": "Prêt", "sheet": "Feuille de calcul",
           "sheet_intro": "Chaque étape du calcul, avec l'article qui la fonde ({{ rules_title }}).",
           "step": "Étape", "label": "Élément", "amount": "Montant", "article": "Article",
           "remedies": "Voies de droit", "bye": "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
           "sign": ["Le service", "(nom et fonction de la personne qui signe)"]},
    "de": {"contact": "Adresse des Amtes · Telefon · E-Mail (vom Amt zu ergänzen)",
           "date": "{place}, {{{{ date }}}}", "file": "Dossier-Nr.: {{ file_number }}",
           "rules": "Angewandte Regeln: {{ rules }}", "subject": "Verfügung über Ihr Gesuch um Ausbildungsbeiträge",
           "hello": "Sehr geehrte Damen und Herren", "decision": "Entscheid", "reasons": "Begründung",
           "amounts": "Beträge (CHF {{ per_year }})", "item": "Position", "chf": "CHF",
           "payments": "Auszahlung", "when": "Teilbetrag", "loan": "Darlehen", "sheet": "Berechnungsblatt",
           "sheet_intro": "Jeder Schritt der Berechnung mit dem Artikel, auf dem er beruht ({{ rules_title }}).",
           "step": "Schritt", "label": "Position", "amount": "Betrag", "article": "Artikel",
           "remedies": "Rechtsmittelbelehrung", "bye": "Freundliche Grüsse",
           "sign": ["Das Amt", "(Name und Funktion der unterzeichnenden Person)"]},
    "en": {"contact": "Office address · telephone · e-mail (to be completed by the office)",
           "date": "{place}, {{{{ date }}}}", "file": "File number: {{ file_number }}",
           "rules": "Rules applied: {{ rules }}", "subject": "Decision on your application for training aid",
           "hello": "Dear Sir or Madam,", "decision": "Decision", "reasons": "Reasons",
           "amounts": "Amounts (CHF {{ per_year }})", "item": "Item", "chf": "CHF",
           "payments": "Payments", "when": "Instalment", "loan": "Loan", "sheet": "Calculation sheet",
           "sheet_intro": "Each step of the calculation, with the article it rests on ({{ rules_title }}).",
           "step": "Step", "label": "Item", "amount": "Amount", "article": "Article",
           "remedies": "Legal remedies", "bye": "Yours faithfully,",
           "sign": ["The office", "(name and title of the signatory)"]},
}


def _table(doc, heads: list[str], loop: str, cells: list[str], widths: list[float], right: tuple = ()):
    """A table whose middle row repeats for each item of ``loop`` (docxtpl ``{%tr for ... %}``); columns
    ``right`` (amounts) aligned right."""
    table = doc.add_table(rows=4, cols=len(heads))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]._tr.get_or_add_trPr()            # the header row repeats on every page
    header.append(OxmlElement("w:tblHeader"))
    for j, head in enumerate(heads):
        table.cell(0, j).text = head
        table.cell(0, j).paragraphs[0].runs[0].bold = True
    table.cell(1, 0).text = "{%tr for " + loop + " %}"
    for j, cell in enumerate(cells):
        table.cell(2, j).text = cell
    table.cell(3, 0).text = "{%tr endfor %}"
    for j, width in enumerate(widths):
        table.columns[j].width = Cm(width)
        for row in table.rows:
            row.cells[j].width = Cm(width)
            if j in right:
                row.cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def build(canton: str, lang: str, path: Path) -> None:
    w = WORDS[lang]
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)          # A4
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10.5)
    style.paragraph_format.space_after = Pt(3)

    for n, line in enumerate(OFFICES[canton][lang]):
        run = doc.add_paragraph().add_run(line)
        run.bold = n == len(OFFICES[canton][lang]) - 1
    doc.add_paragraph().add_run(w["contact"]).font.size = Pt(8.5)
    doc.add_paragraph()

    indent = Cm(9.5)
    for text in ("{{ applicant.name }}", "{%p for line in applicant.address_lines %}", "{{ line }}",
                 "{%p endfor %}"):
        doc.add_paragraph(text).paragraph_format.left_indent = indent
    doc.add_paragraph()
    doc.add_paragraph(w["date"].format(place=PLACE[canton][lang]))
    doc.add_paragraph(w["file"])
    doc.add_paragraph(w["rules"])
    doc.add_paragraph().add_run(w["subject"]).bold = True
    doc.add_paragraph(w["hello"])

    doc.add_heading(w["decision"] + " : {{ decision.title }}" if lang == "fr" else
                    w["decision"] + ": {{ decision.title }}", level=2)
    doc.add_paragraph("{{ decision.text }}")

    doc.add_paragraph("{%p if reasons %}")
    doc.add_heading(w["reasons"], level=2)
    doc.add_paragraph("{%p for r in reasons %}")
    doc.add_paragraph("{{ r.sentence }} ({{ r.article }})", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")

    doc.add_heading(w["amounts"], level=2)
    _table(doc, [w["item"], w["chf"]], "a in amounts", ["{{ a.label }}", "{{ a.amount }}"], [10.5, 4], (1,))

    doc.add_paragraph("{%p if instalments_text %}")
    doc.add_heading(w["payments"], level=2)
    doc.add_paragraph("{{ instalments_text }} ({{ instalments_article }})")
    doc.add_paragraph("{%p if instalments %}")         # the amount of each part, where the text fixes the parts
    _table(doc, [w["when"], w["chf"]], "p in instalments", ["{{ p.label }}", "{{ p.amount }}"], [10.5, 4], (1,))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endif %}")

    doc.add_paragraph("{%p if loan_terms %}")
    doc.add_heading(w["loan"], level=2)
    doc.add_paragraph("{{ loan_terms.text }} ({{ loan_terms.article }})")
    doc.add_paragraph("{%p if loan_terms.conversion %}")
    doc.add_paragraph("{{ loan_terms.conversion }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if loan_plan %}")
    doc.add_paragraph("{{ loan_plan_intro }}")
    _table(doc, ["{{ plan_heads.year }}", "{{ plan_heads.installment }}", "{{ plan_heads.remaining }}"],
           "y in loan_plan", ["{{ y.year }}", "{{ y.installment }}", "{{ y.remaining }}"], [4, 5, 5], (1, 2))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endif %}")

    doc.add_heading(w["remedies"], level=2)
    doc.add_paragraph("{{ remedies.text }}")
    doc.add_paragraph()
    doc.add_paragraph(w["bye"])
    doc.add_paragraph()
    for line in w["sign"]:
        doc.add_paragraph(line)

    # the sheet starts a page of its own; a break run in a paragraph of its own would leave a blank page when
    # the letter fills its last page exactly
    doc.add_heading(w["sheet"], level=2).paragraph_format.page_break_before = True
    doc.add_paragraph(w["sheet_intro"])
    table = _table(doc, [w["step"], w["label"], w["amount"], w["article"]], "c in calculation",
                   ["{{ c.step }}", "{{ c.label }}", "{{ c.amount }}", "{{ c.article }}"], [1.6, 7.4, 2.5, 5.1], (2,))
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    doc.core_properties.title = w["subject"]
    doc.core_properties.author = "xladdin"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def main(out: Path = OUT) -> list[Path]:
    written = []
    for canton, langs in OFFICES.items():
        for lang in langs:
            path = out / f"{canton}-{lang}.docx"
            build(canton, lang, path)
            written.append(path)
    return written


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(p)
