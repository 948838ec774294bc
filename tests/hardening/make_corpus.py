"""The bad-input corpus of issue 7, generated (never committed): broken, hostile and badly saved applicant lists.

    .venv/bin/python tests/hardening/make_corpus.py OUTDIR      # writes every case, prints what each expects

or ``build(directory)`` from a test. Each :class:`Case` says what xladdin must do with its file: refuse it whole
(``refused``: an ``InputFileError`` code, exit code 3, a French and an English message) or read it and report
the bad rows (``rows``: how many rows, which file numbers are error rows and what their message says).

Workbooks are written as their XML by hand where the point is the XML itself (entities, a lying ``<dimension>``,
a cell at ``XFD1048576``, error cells, formulas): a sheet of 1 048 576 rows costs a few bytes that way.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve()
if str(HERE.parents[2]) not in sys.path:                       # run as a script from anywhere
    sys.path.insert(0, str(HERE.parents[2]))

from xladdin.bursary.synthetic import synthetic_applicants  # noqa: E402
from xladdin.io.sheetscan import column_letters  # noqa: E402

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# The classic entity expansion: 10 ** 9 "lol" from a few hundred bytes.
BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10)) + "]>")
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@dataclass
class Case:
    """One corpus file and what xladdin must make of it."""

    name: str
    expect: str                       # "refused" (whole file) or "rows" (read; bad rows reported)
    what: str                         # what the case is, in a sentence
    code: str = ""                    # refused: the InputFileError code
    fr: tuple[str, ...] = ()          # substrings of the French message (refused) or of error rows' reasons (rows)
    en: tuple[str, ...] = ()          # the same in English (--lang en)
    rows: int = 0                     # rows: data rows read
    bad: dict[int, str] = field(default_factory=dict)   # rows: 0-based row -> substring of its French reason
    ids: list[str] = field(default_factory=list)        # rows: the file numbers as typed, in order
    options: tuple[str, ...] = ()     # command-line options the case needs (a limit)
    env: dict[str, str] = field(default_factory=dict)   # environment the case needs (a limit)
    child: bool = False               # run in a child process: without its guard, the case aborts the process
    path: Path | None = None

    @property
    def exit_code(self) -> int:
        return 3 if self.expect == "refused" else 0


# --- writers ----------------------------------------------------------------------------------------------------

def applicants(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` valid synthetic applicants (xladdin.bursary.synthetic) as text cells, as a CSV holds them."""
    frame = synthetic_applicants(n, seed=seed)
    out = []
    for record in frame.to_dict(orient="records"):
        row = {}
        for key, value in record.items():
            if value is None or (isinstance(value, float) and value != value):
                row[key] = ""
            elif isinstance(value, bool) or type(value).__name__ == "bool_":
                row[key] = "oui" if value else "non"
            elif isinstance(value, float) and value.is_integer():
                row[key] = str(int(value))
            else:
                row[key] = str(value)
        out.append(row)
    return out


def csv_bytes(rows: list[dict], *, sep: str = ";", encoding: str = "utf-8", bom: bytes = b"",
              header: list[str] | None = None) -> bytes:
    keys = header or list(rows[0])
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([row.get(k, "") for k in keys])
    return bom + buf.getvalue().encode(encoding)


def cell_xml(ref: str, value) -> str:
    """A cell as SpreadsheetML: numbers as ``<v>``, text inline, ``("f", formula, cached)`` a formula,
    ``("e", "#N/A")`` an error cell, ``("raw", xml)`` anything."""
    if isinstance(value, tuple):
        kind = value[0]
        if kind == "f":
            cached = "" if value[2] is None else f"<v>{value[2]}</v>"
            return f'<c r="{ref}"><f>{escape(value[1])}</f>{cached}</c>'
        if kind == "e":
            return f'<c r="{ref}" t="e"><v>{escape(value[1])}</v></c>'
        return value[1]
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def rows_xml(rows: list[list], first_line: int = 1) -> str:
    out = []
    for i, row in enumerate(rows, start=first_line):
        cells = "".join(cell_xml(f"{column_letters(j)}{i}", v) for j, v in enumerate(row, start=1))
        out.append(f'<row r="{i}">{cells}</row>')
    return "".join(out)


def table_rows(rows: list[dict], header: list[str] | None = None) -> list[list]:
    keys = header or list(rows[0])
    return [keys] + [[r.get(k, "") for k in keys] for r in rows]


def write_xlsx(path: Path, sheet_data: str | list, *, dimension: str = "A1", sheet_prolog: str = "",
               workbook_prolog: str = "", shared_strings: str | None = None, drop: tuple[str, ...] = (),
               after_sheet_data: str = "", compresslevel: int = 6) -> Path:
    """A minimal .xlsx (one sheet « Dossiers ») whose sheet XML is ``sheet_data`` (or the rows of a list)."""
    if isinstance(sheet_data, list):
        sheet_data = rows_xml(sheet_data)
    parts = {
        "[Content_Types].xml": (
            XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.spreadsheetml.sharedStrings+xml"/>' if shared_strings is not None else "")
            + "</Types>"),
        "_rels/.rels": (XML_HEAD + f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/'
                        'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (XML_HEAD + workbook_prolog + f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
                            '<sheet name="Dossiers" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            XML_HEAD + f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
               if shared_strings is not None else "") + "</Relationships>"),
        "xl/worksheets/sheet1.xml": (XML_HEAD + sheet_prolog + f'<worksheet xmlns="{MAIN_NS}"><dimension ref="'
                                     f'{dimension}"/><sheetData>' + sheet_data + "</sheetData>" + after_sheet_data
                                     + "</worksheet>"),
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        for name, text in parts.items():
            if name not in drop:
                z.writestr(name, text)
    return path


def formatted_rows(first: int, last: int = 1_048_576, cells_until: int = 0, width: int = 3) -> str:
    """Rows ``first``..``last`` that only carry a format, as Excel writes a sheet formatted to the bottom: the
    first ones (up to line ``cells_until``) with formatted empty cells, the others as formatted rows."""
    cells = "".join(f'<c r="{column_letters(j)}{{n}}" s="1"/>' for j in range(1, width + 1))
    with_cells = '<row r="{n}" spans="1:%d" s="1" customFormat="1">%s</row>' % (width, cells)
    bare = '<row r="{n}" s="1" customFormat="1"/>'
    return "".join((with_cells if n <= cells_until else bare).format(n=n) for n in range(first, last + 1))


def write_ods(path: Path, rows: list[list], tail: str = "") -> Path:
    """A minimal .ods: ``rows`` as cells (numbers as floats), then ``tail`` (raw table rows)."""
    def cell(v):
        if isinstance(v, tuple):                     # ("e", "#N/A"): an error cell as LibreOffice writes it
            return (f'<table:table-cell table:formula="of:={escape(v[1])}" office:value-type="string" '
                    f'office:string-value="" calcext:value-type="error"><text:p>{escape(v[1])}</text:p>'
                    "</table:table-cell>")
        if v == "" or v is None:
            return "<table:table-cell/>"
        if isinstance(v, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (XML_HEAD + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
               'office:version="1.2"><office:body>'
               '<office:spreadsheet><table:table table:name="Dossiers">' + body + tail
               + "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", XML_HEAD + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                   'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path='
                   '"/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                   'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
                   compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


# --- the corpus ---------------------------------------------------------------------------------------------------

def build(directory: str | Path, *, big: bool = True, write: bool = True) -> list[Case]:
    """Write every case into ``directory``; returns the cases with their ``path`` set.

    ``big=False`` leaves out the one case that takes a second to write (a million formatted rows);
    ``write=False`` only lists the cases (what a test collects before the files exist).
    """
    d = Path(directory)
    if write:
        d.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    base = applicants(6)
    header = list(base[0])

    ids = [r["applicant_id"] for r in base]

    def add(case: Case, writer) -> None:
        case.path = d / case.name
        if write:
            writer(case.path)
        if case.expect == "rows" and not case.ids:
            case.ids = list(ids)
        cases.append(case)

    def data(path: Path, payload: bytes) -> None:
        path.write_bytes(payload)

    def good_xlsx(path: Path, rows=base) -> None:
        write_xlsx(path, table_rows(rows), dimension=f"A1:{column_letters(len(header))}{len(rows) + 1}")

    # -- whole files refused (exit code 3) ---------------------------------------------------------------------
    refused = dict(expect="refused")
    add(Case("empty.csv", what="0 octets", code="file_empty", fr=("le fichier est vide",), en=("the file is empty",),
             **refused), lambda p: data(p, b""))
    add(Case("empty.xlsx", what="0 octets, nommé .xlsx", code="file_empty", fr=("le fichier est vide",),
             en=("the file is empty",), **refused), lambda p: data(p, b""))
    add(Case("header_only.csv", what="l'en-tête sans aucune ligne", code="file_no_rows",
             fr=("aucune ligne de données",), en=("no data row",), **refused),
        lambda p: data(p, csv_bytes([], header=header)))
    add(Case("header_only.xlsx", what="l'en-tête sans aucune ligne (classeur)", code="file_no_rows",
             fr=("aucune ligne de données",), en=("no data row",), **refused),
        lambda p: write_xlsx(p, [header]))
    add(Case("blank_lines.csv", what="rien que des lignes vides et des séparateurs", code="file_no_header",
             fr=("aucune ligne d'en-tête",), en=("no header row",), **refused),
        lambda p: data(p, b"\r\n;;;\r\n  \r\n;\r\n"))
    add(Case("not_a_zip.xlsx", what="du texte nommé .xlsx", code="file_corrupt", fr=("classeur illisible",),
             en=("unreadable or damaged workbook",), **refused),
        lambda p: data(p, b"Ceci n'est pas un classeur.\r\n" * 20))

    def truncated(p: Path) -> None:
        good_xlsx(p)
        whole = p.read_bytes()
        p.write_bytes(whole[: len(whole) * 6 // 10])

    add(Case("truncated.xlsx", what="un vrai classeur coupé à 60 %", code="file_corrupt", fr=("classeur illisible",),
             en=("unreadable or damaged workbook",), **refused), truncated)
    add(Case("missing_workbook.xlsx", what="archive sans xl/workbook.xml", code="file_corrupt",
             fr=("classeur illisible", "partie manquante : xl/workbook.xml"), en=("unreadable or damaged workbook",),
             **refused),
        lambda p: write_xlsx(p, table_rows(base), drop=("xl/workbook.xml",)))
    add(Case("missing_sheet.xlsx", what="la feuille annoncée manque dans l'archive", code="file_corrupt",
             fr=("classeur illisible", "sheet1.xml"), en=("unreadable or damaged workbook",), **refused),
        lambda p: write_xlsx(p, table_rows(base), drop=("xl/worksheets/sheet1.xml",)))
    add(Case("broken_xml.xlsx", what="XML de feuille mal formé (balise jamais fermée)", code="file_corrupt",
             fr=("classeur illisible",), en=("unreadable or damaged workbook",), **refused),
        lambda p: write_xlsx(p, rows_xml(table_rows(base)) + '<row r="9"><c r="A9" t="inlineStr"><is><t>x</is></c>'))

    def bomb(p: Path) -> None:
        # one part of 20 MB of zeros packs into ~20 KB (ratio ~1000): refused from the zip directory, unread
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/worksheets/sheet1.xml", b"\0" * 20_000_000)

    add(Case("bomb.xlsx", what="bombe de décompression (20 Mo de zéros en 20 Ko)", code="file_bomb_ratio",
             fr=("bombe de décompression", "xl/worksheets/sheet1.xml", "au-delà de 200:1"),
             en=("decompression bomb",), **refused), bomb)
    add(Case("unpacked_limit.xlsx", what="un classeur valide avec XLADDIN_MAX_UNPACKED_MB=0.01", code="file_bomb",
             fr=("se décompresserait en", "XLADDIN_MAX_UNPACKED_MB"), en=("would unpack to",),
             env={"XLADDIN_MAX_UNPACKED_MB": "0.01"}, **refused), good_xlsx)

    def laughs_sheet(p: Path) -> None:
        rows = table_rows(base)
        rows[1][1] = ("raw", '<c r="B2" t="inlineStr"><is><t>&lol9;</t></is></c>')
        write_xlsx(p, rows, sheet_prolog=BILLION_LAUGHS)

    add(Case("billion_laughs.xlsx", what="« billion laughs » : 10⁹ entités dans la feuille", code="file_xml_dtd",
             fr=("DTD", "worksheets/sheet1.xml"), en=("declares a DTD",), **refused), laughs_sheet)
    add(Case("billion_laughs_workbook.xlsx", what="« billion laughs » dans xl/workbook.xml", code="file_xml_dtd",
             fr=("DTD", "xl/workbook.xml"), en=("declares a DTD",), **refused),
        lambda p: write_xlsx(p, table_rows(base), workbook_prolog=BILLION_LAUGHS))

    def xxe(p: Path) -> None:
        strings = ["applicant_id", "last_name", "&xxe;"]
        sst = (XML_HEAD + XXE + f'<sst xmlns="{MAIN_NS}" count="3" uniqueCount="3">'
               + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
        sheet = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                 '<row r="2"><c r="A2" t="inlineStr"><is><t>X1</t></is></c><c r="B2" t="s"><v>2</v></c></row>')
        write_xlsx(p, sheet, shared_strings=sst)

    add(Case("xxe.xlsx", what="entité externe file:///etc/passwd dans les chaînes partagées", code="file_xml_dtd",
             fr=("DTD", "sharedStrings.xml"), en=("declares a DTD",), **refused), xxe)

    def far_below(p: Path) -> None:
        # 1 048 576 lines: the header, one row, a row at line 1 048 000, the sheet formatted to its last line;
        # the <dimension> lies (A1:C2)
        rows = rows_xml(table_rows(base[:1])) + rows_xml([["GE-FAR", "Loin", "Dessous"]], first_line=1_048_000)
        write_xlsx(p, rows + '<row r="1048576" s="1" customFormat="1"/>', dimension="A1:C2")

    add(Case("far_below.xlsx", what="1 048 576 lignes, données à la ligne 1 048 000, <dimension> menteuse",
             code="too_many_rows", fr=("1 047 999 lignes de données", "1 048 000", "limite de 200 000", "--max-rows"),
             en=("1 047 999 data rows", "limit of 200 000", "--max-rows"), **refused), far_below)
    add(Case("corner.xlsx", what="A1 et XFD1048576 : 17 milliards de cellules pour calamine", code="too_many_rows",
             fr=("1 048 575 lignes de données", "--max-rows"), en=("1 048 575 data rows",), child=True, **refused),
        lambda p: write_xlsx(p, '<row r="1"><c r="A1" t="inlineStr"><is><t>applicant_id</t></is></c></row>'
                                '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    add(Case("wide.xlsx", what="un en-tête jusqu'à la colonne XFD (16 384)", code="too_many_columns",
             fr=("16 384 colonnes", "limite de 1 000", "--max-columns"), en=("16 384 columns", "--max-columns"),
             child=True, **refused),
        lambda p: write_xlsx(p, '<row r="1"><c r="A1" t="inlineStr"><is><t>applicant_id</t></is></c>'
                                '<c r="XFD1" t="inlineStr"><is><t>note</t></is></c></row>'
                                '<row r="2"><c r="A2" t="inlineStr"><is><t>X1</t></is></c></row>'))
    add(Case("repeated.ods", what=".ods : 1 000 lignes d'une cellule répétée sur 16 384 colonnes",
             code="too_many_columns", fr=("16 384 colonnes",), en=("16 384 columns",), **refused),
        lambda p: write_ods(p, [["applicant_id"]], tail='<table:table-row table:number-rows-repeated="1000">'
                            '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
                            'office:value="1"/></table:table-row>'))
    add(Case("cells_limit.csv", what="40 lignes × 4 colonnes avec --max-cells 100", code="too_many_cells",
             fr=("164 cellules", "limite de 100", "--max-cells"), en=("164 cells", "--max-cells"),
             options=("--max-cells", "100"), **refused),
        lambda p: data(p, csv_bytes([{"applicant_id": f"C{i}", "nationality": "CH", "level": "tertiary",
                                      "earnings": "1000"} for i in range(40)])))
    add(Case("size_limit.csv", what="un fichier valide de 2 Ko avec --max-file-mb 0.001", code="file_too_large",
             fr=("fichier trop volumineux", "--max-file-mb"), en=("file too large", "--max-file-mb"),
             options=("--max-file-mb", "0.001"), **refused), lambda p: data(p, csv_bytes(base)))
    add(Case("rows_env.csv", what="10 lignes avec XLADDIN_MAX_ROWS=5", code="too_many_rows",
             fr=("10 lignes de données", "limite de 5", "XLADDIN_MAX_ROWS"), en=("10 data rows", "limit of 5"),
             env={"XLADDIN_MAX_ROWS": "5"}, **refused), lambda p: data(p, csv_bytes(applicants(10, seed=3))))

    def utf16_without_bom(p: Path) -> None:
        p.write_bytes(csv_bytes(base, sep="\t").decode("utf-8").encode("utf-16-le"))

    add(Case("utf16_no_bom.csv", what="UTF-16 sans BOM : des octets nuls partout", code="file_binary",
             fr=("n'est pas un texte CSV",), en=("not CSV text",), **refused), utf16_without_bom)
    add(Case("binary.csv", what="des octets quelconques", code="file_binary", fr=("n'est pas un texte CSV",),
             en=("not CSV text",), **refused), lambda p: data(p, bytes(range(256)) * 8))
    add(Case("duplicate_header.csv", what="deux colonnes « applicant_id »", code="duplicate_header",
             fr=("en-tête en double",), en=("duplicate header",), **refused),
        lambda p: data(p, b"applicant_id;applicant_id\r\nA;B\r\n"))
    add(Case("huge_field.csv", what="un champ de 200 Ko (au-delà de la limite du module csv)", code="csv_unreadable",
             fr=("fichier CSV illisible", "ligne 2"), en=("unreadable CSV file",), **refused),
        lambda p: data(p, b'applicant_id;last_name\r\nA;"' + b"x" * 200_000 + b'"\r\n'))
    add(Case("notes.pdf", what="un format inconnu", code="file_format", fr=("format de fichier non pris en charge",),
             en=("unsupported file format",), **refused), lambda p: data(p, b"%PDF-1.4\n"))

    # -- files read, bad rows reported (exit code 0) -------------------------------------------------------------
    accents = [dict(r) for r in base]
    for r, (last, first) in zip(accents, [("Müller", "Zoé"), ("Favre", "Noël"), ("Çelik", "Åsa"),
                                          ("Dubois", "Élise"), ("Rochat", "Léa"), ("Bühler", "Jürg")]):
        r["last_name"], r["first_name"] = last, first
    add(Case("utf16_bom.csv", expect="rows", what="« Texte Unicode » d'Excel : UTF-16 LE avec BOM, tabulations",
             rows=6), lambda p: data(p, csv_bytes(accents, sep="\t", encoding="utf-16-le", bom=b"\xff\xfe")))
    add(Case("cp1252.csv", expect="rows", what="Windows-1252 (CSV d'Excel en Suisse), accents", rows=6),
        lambda p: data(p, csv_bytes(accents, encoding="cp1252")))
    add(Case("latin1_comma.csv", expect="rows", what="ISO-8859-1, séparateur virgule", rows=6),
        lambda p: data(p, csv_bytes(accents, sep=",", encoding="latin-1")))
    add(Case("utf8_bom.csv", expect="rows", what="UTF-8 avec BOM", rows=6),
        lambda p: data(p, csv_bytes(accents, bom=b"\xef\xbb\xbf")))

    def mixed(p: Path) -> None:
        text = csv_bytes(base).decode()
        lines = text.split("\r\n")
        lines[2] = ",".join(base[1][k] for k in header)                     # row 2 pasted from a ","-file
        lines[4] = lines[4].split(";")[0] + ",Z,Z"                           # a row that is neither
        p.write_bytes("\r\n".join(lines).encode())

    add(Case("mixed_separators.csv", expect="rows", what="une ligne à « , » dans un fichier à « ; » (relue avec "
             "« , »), une ligne d'un seul champ (gardée telle quelle)", rows=6,
             ids=ids[:3] + [ids[3] + ",Z,Z"] + ids[4:]), mixed)

    def dup(p: Path) -> None:
        rows = [dict(r) for r in base]
        rows[3]["applicant_id"] = rows[0]["applicant_id"]
        rows[5]["applicant_id"] = rows[0]["applicant_id"]
        data(p, csv_bytes(rows))

    add(Case("duplicate_ids.csv", expect="rows", what="le même n° de dossier trois fois", rows=6,
             bad={3: "en double", 5: "en double"}, ids=[ids[0], ids[1], ids[2], ids[0], ids[4], ids[0]]), dup)

    def text_numbers(p: Path) -> None:
        rows = [dict(r) for r in base]
        rows[1]["earnings"] = "beaucoup"
        rows[2]["p1_rdu"] = "70 000 CHF env."
        rows[4]["occupants"] = "deux"
        rows[5]["earnings"] = "12'500.50"                                    # a Swiss amount: fine
        data(p, csv_bytes(rows))

    add(Case("text_in_numbers.csv", expect="rows", what="du texte dans des colonnes de montants", rows=6,
             bad={1: "nombre illisible", 2: "nombre illisible", 4: "nombre illisible"}), text_numbers)

    def old_dates(p: Path) -> None:
        rows = [dict(r) for r in base]
        rows[0]["birth_date"] = "15.03.1899"
        rows[2]["birth_date"] = "0001-01-01"
        rows[3]["application_date"] = "31.12.9999"
        rows[4]["birth_date"] = "31.02.2003"
        data(p, csv_bytes(rows))

    add(Case("dates_before_1900.csv", expect="rows", what="dates avant 1900, an 1, an 9999, 31 février", rows=6,
             bad={0: "date hors limites", 2: "date hors limites", 3: "date hors limites", 4: "date impossible"}),
        old_dates)

    def amounts(p: Path) -> None:
        rows = [dict(r) for r in applicants(8, seed=11)]
        rows[0]["earnings"] = "-5"
        rows[1]["p1_rdu"] = "1e300"
        rows[2]["wealth"] = "9" * 400
        rows[3]["earnings"] = "1e309"
        rows[4]["health_premiums"] = "-0.01"
        rows[5]["regular_semesters"] = "1e300"
        rows[6]["p1_rdu"] = "999999999999"                                   # under 10^12: read as typed
        data(p, csv_bytes(rows))

    add(Case("absurd_amounts.csv", expect="rows", what="montants négatifs et absurdes (-5, 1e300, 9…9, 1e309)",
             rows=8, ids=[r["applicant_id"] for r in applicants(8, seed=11)], bad={0: "montant négatif", 1: "supérieure au maximum", 2: "supérieure au maximum",
                          3: "supérieure au maximum", 4: "montant négatif", 5: "supérieure au maximum"}), amounts)

    def blank_between(p: Path) -> None:
        text = csv_bytes(base).decode().split("\r\n")
        text.insert(3, ";" * (len(header) - 1))
        text.insert(3, "")
        p.write_bytes("\r\n".join(text).encode())

    add(Case("blank_rows_between.csv", expect="rows", what="deux lignes vides entre les données", rows=8,
             bad={2: "valeur obligatoire manquante", 3: "valeur obligatoire manquante"},
             ids=ids[:2] + ["", ""] + ids[2:]), blank_between)

    def injection(p: Path) -> None:
        rows = [dict(r) for r in base]
        rows[0]["last_name"] = '=HYPERLINK("http://evil.example","clic")'
        rows[1]["first_name"] = "@SUM(1+1)*cmd|' /C calc'!A0"
        rows[2]["applicant_id"] = "=1+1"
        data(p, csv_bytes(rows))

    add(Case("formula_text.csv", expect="rows", what="du texte qui ressemble à des formules", rows=6,
             ids=ids[:2] + ["=1+1"] + ids[3:]), injection)

    def merged(p: Path) -> None:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Dossiers"
        keys = ["applicant_id", "last_name", "first_name", "earnings", "wealth"]
        ws.append(keys)
        ws.cell(row=1, column=4, value="Revenus")                            # one header over two columns
        ws.merge_cells("D1:E1")
        for r in base:
            ws.append([r[k] for k in keys])
        ws.merge_cells("B3:C3")                                              # a merged data cell too
        wb.save(p)

    add(Case("merged_header.xlsx", expect="rows", what="en-tête fusionné sur deux colonnes, cellule fusionnée",
             rows=6), merged)

    def formulas(p: Path) -> None:
        rows = table_rows(base)
        col = {k: j for j, k in enumerate(rows[0])}
        rows[1][col["earnings"]] = ("f", "1000*2", 2000)                  # a formula with its cached value
        rows[2][col["earnings"]] = ("e", "#DIV/0!")
        rows[3][col["p1_rdu"]] = ("e", "#N/A")
        rows[4][col["earnings"]] = ("f", "A1/0", None)                   # never calculated: no value
        rows[5][col["regular_semesters"]] = ("e", "#VALUE!")
        write_xlsx(p, rows)

    add(Case("formulas_errors.xlsx", expect="rows", what="formules et cellules d'erreur (#DIV/0!, #N/A, #VALUE!)",
             rows=6, bad={1: "#DIV/0!", 2: "#N/A", 4: "#VALUE!"}), formulas)
    def ods_errors(p: Path) -> None:
        rows = table_rows(base)
        col = {k: j for j, k in enumerate(rows[0])}
        rows[2][col["earnings"]] = ("e", "#DIV/0!")
        rows[3][col["p1_rdu"]] = ("e", "#N/A")
        write_ods(p, rows)

    add(Case("formulas_errors.ods", expect="rows", what=".ods : cellules d'erreur (#DIV/0!, #N/A)", rows=6,
             bad={1: "#DIV/0!", 2: "#N/A"}), ods_errors)
    add(Case("dimension_lies.xlsx", expect="rows", what="<dimension ref=\"A1:XFD1048576\"> sur 6 lignes", rows=6),
        lambda p: write_xlsx(p, table_rows(base), dimension="A1:XFD1048576"))
    add(Case("trailing_separators.csv", expect="rows", what="5 000 lignes « ;;; » exportées sous les données",
             rows=6, options=("--max-rows", "100")),
        lambda p: data(p, csv_bytes(base) + (";" * (len(header) - 1) + "\r\n").encode() * 5000))
    add(Case("repeated_tail.ods", expect="rows", what=".ods de LibreOffice : lignes vides répétées jusqu'en bas",
             rows=6, options=("--max-rows", "100")),
        lambda p: write_ods(p, table_rows(base), tail='<table:table-row table:number-rows-repeated="1048569">'
                            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'))
    if big:
        add(Case("million_formatted_rows.xlsx", expect="rows", what="6 lignes puis 1 048 569 lignes formatées vides "
                 "(les 5 000 premières avec des cellules vides formatées)", rows=6, options=("--max-rows", "100")),
            lambda p: write_xlsx(p, rows_xml(table_rows(base)) + formatted_rows(8, cells_until=5000),
                                 dimension="A1:XFD1048576", compresslevel=1))
    return cases


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path("out/corpus")
    cases = build(out)
    total = 0
    for case in cases:
        size = case.path.stat().st_size
        total += size
        expected = (f"refusé ({case.code}, code de sortie 3)" if case.expect == "refused"
                    else f"lu : {case.rows} lignes, {len(case.bad)} en erreur")
        print(f"{case.name:32} {size:>10} o  {expected}  — {case.what}")
    print(f"{len(cases)} fichiers, {total} octets, dans {out}")


if __name__ == "__main__":
    main(sys.argv)
