"""German messages (Zurich, Bern: ``--lang de``), keyed by the codes of :data:`xladdin.errors.MESSAGES` and of the
cell reader's kinds (:data:`xladdin.bursary.inputs._MESSAGES`).

Kept apart from the French/English table so both grow without touching each other; a code without German here
prints in French. Swiss spelling (ss, not ß). Details that are sentences of their own (sizes, a sheet's kind)
come as ``{name_de}`` from the code that raises; a message whose German details are missing prints in French
rather than half translated.
"""

from __future__ import annotations

# code: German text (same placeholders as the French one, ``_de`` where the detail is language-specific)
MESSAGES: dict[str, str] = {
    "file_missing": "Datei nicht gefunden: {path}",
    "file_empty": "Die Datei ist leer: {path}",
    "file_too_large": ("Datei zu gross: {path} ({size_de}, über der Grenze von {limit_de}; Option --max-file-mb oder "
                       "Variable XLADDIN_MAX_FILE_MB)"),
    "file_format": ("Dateiformat «{suffix}» wird nicht unterstützt: {path} (erwartet .csv, .xlsx, .xls, .ods, "
                    ".parquet)"),
    "file_encoding": "Unlesbare Zeichenkodierung: {path}",
    "file_binary": "Diese Datei ist kein CSV-Text: {path}",
    "file_corrupt": "Arbeitsmappe unlesbar oder beschädigt: {path} ({detail})",
    "file_bomb": ("Arbeitsmappe abgelehnt: {path} würde sich auf {size_de} entpacken (Grenze {limit_de}, Variable "
                  "XLADDIN_MAX_UNPACKED_MB) — vermutlich eine Dekompressionsbombe"),
    "file_bomb_ratio": ("Arbeitsmappe abgelehnt: {part} von {path} würde sich aus {packed_de} auf {size_de} entpacken "
                        "(Verhältnis {ratio}:1, über {max_ratio}:1) — vermutlich eine Dekompressionsbombe"),
    "file_xml_dtd": ("Arbeitsmappe abgelehnt: {path} deklariert eine DTD in {part} (XML-Entitäten: vermutlich ein "
                     "«Billion Laughs»-Angriff oder eine externe Entität; Excel- und LibreOffice-Arbeitsmappen "
                     "enthalten keine)"),
    "file_no_rows": "Keine Datenzeile unter der Kopfzeile: {path}",
    "csv_unreadable": "CSV-Datei unlesbar: {path} ({detail})",
    "too_many_columns": ("Die Datei {path} hat {columns} Spalten, über der Grenze von {limit} (Option --max-columns "
                         "oder Variable XLADDIN_MAX_COLUMNS)"),
    "too_many_cells": ("Die Datei {path} hat {cells} Zellen{shape_de}, über der Grenze von {limit} (Option "
                       "--max-cells oder Variable XLADDIN_MAX_TABLE_CELLS)"),
    "too_many_rows": ("Die Datei {path} hat {rows} Datenzeilen{where_de}, über der Grenze von {limit} (Option "
                      "--max-rows oder Variable XLADDIN_MAX_ROWS)"),
    "bad_limit": "Ungültige Grenze für {option}: «{value}» (erwartet eine positive Zahl)",
    "yaml_too_large": "YAML-Datei zu gross: {path} ({size_de}, über der Grenze von {limit_de})",
    "yaml_too_deep": "YAML-Datei abgelehnt: {path} verschachtelt mehr als {limit} Ebenen (Zeile {line})",
    "file_no_sheet": "Die Arbeitsmappe enthält kein Blatt: {path}",
    "file_no_header": "Keine Kopfzeile gefunden: {path}",
    "sheet_missing": "Blatt «{sheet}» fehlt in {path} (Blätter: {sheets})",
    "sheet_several": ("Mehrere Blätter von {path} enthalten Dossiers: {sheets}; wählen Sie das zu lesende mit --sheet "
                      "(z. B. --sheet \"{first}\")"),
    "sheet_not_table": "Das Blatt «{sheet}» von {path} ist {what_de}, keine Zellentabelle",
    "file_kind": "{path} ist keine Dossierliste: diese Datei ist {what_de}; {hint_de}",
    "file_not_list": ("{path} ist keine Dossierliste: keine der ersten {rows} Zeilen {where_de} trägt mindestens "
                      "{minimum} bekannte Spaltenköpfe (Schlüssel oder Bezeichnungen des Schemas, z. B. "
                      "«Dossiernummer» oder applicant_id, «Geburtsdatum» oder birth_date)"),
    "file_missing_columns": ("{path}: Pflichtspalte fehlt: {columns} (Kopfzeile auf Zeile {line}); ohne sie wäre "
                             "jede Zeile fehlerhaft: fügen Sie die Spalte hinzu"),
    "duplicate_header": "Doppelter Spaltenkopf «{header}» in {path}",
    "duplicate_meaning": ("{path}: zwei Spalten bezeichnen dieselbe Angabe {key}: «{first}» ({first_at}) und "
                          "«{second}» ({second_at}); behalten Sie nur eine"),
    "form_empty": "Das Formular {path} ist leer: in der Wertespalte ist nichts eingetragen",
    "folder_empty": "Keine Liste und kein Formular (.xlsx, .xls, .ods, .csv) im Ordner {path}",
    "dates_month_first": ("Amerikanische Daten (Monat/Tag/Jahr): {count} Datum/Daten mit Schrägstrichen haben eine "
                          "zweite Zahl über 12 und keines eine erste, z. B. Zeile {line}, {column_de} «{value}»; "
                          "mit dem Tag zuerst gelesen, hätten die übrigen Tag und Monat vertauscht. Speichern Sie die "
                          "Daten als TT.MM.JJJJ (15.09.2025) oder JJJJ-MM-TT oder als Datumswerte der Tabelle"),
    "no_rows": "Die Tabelle enthält keine Zeile",
    "output_is_input": "Die Ausgabedatei darf nicht die Eingabedatei sein: {path}",
    "output_format": "Ausgabeformat nicht unterstützt: {path} (erwartet .csv, .xlsx oder .parquet)",
    "report_format": "Der Bericht muss eine .xlsx-Arbeitsmappe sein: {path}",
    "unknown_rules": "Unbekannter Regelsatz «{rules}» (verfügbar: {available})",
    "no_rules_in_force": "Kein Regelsatz {canton} gültig am {date}",
    "bad_reference_date": "Stichtag unlesbar «{value}» (erwartet TT.MM.JJJJ oder JJJJ-MM-TT)",
    "reference_date_range": "Stichtag ausserhalb der Grenzen «{value}» (erwartet zwischen {low} und {high})",
    "lang_fr_en_de": "Sprache «{lang}» wird nicht unterstützt (fr, en oder de)",
    "applicant_not_found": "Dossier «{applicant_id}» nicht gefunden in {path}",
    "explain_one_row": ("Die Erklärung betrifft ein Dossier: die Datei enthält {rows} (wählen Sie es mit --id)"),
    "parameter_missing": ("{rules}: der Betrag «{name}» ({article}) fehlt im vorliegenden Text ({note}); dieses "
                          "Dossier hängt davon ab und wird nicht berechnet — geben Sie den Betrag an (Was-wäre-wenn) "
                          "oder ergänzen Sie den Regelsatz"),
    "parameters_missing": ("{rules}: die Beträge {names} ({articles}) fehlen im vorliegenden Text ({notes}); dieses "
                           "Dossier hängt davon ab und wird nicht berechnet — geben Sie die Beträge an "
                           "(Was-wäre-wenn) oder ergänzen Sie den Regelsatz"),
    # Excel functions (xladdin.excel)
    "excel_too_many_cells": "Bereich zu gross: {cells} Zellen (Grenze {limit}); teilen Sie die Tabelle auf",
    "excel_layout": ("Dossier unlesbar: erwartet 2 Zeilen (Spaltenköpfe + Werte) oder 2 Spalten (Bezeichnungen + "
                     "Werte), erhalten {rows} × {cols}"),
    "excel_no_header": ("Kein bekannter Spaltenkopf in der ersten Zeile (erwartet Schlüssel oder Bezeichnungen des "
                        "Schemas, z. B. «applicant_id» oder «Dossiernummer»)"),
    "excel_empty": "Leerer Bereich: {what}",
    "excel_bad_number": "{name}: Zahl unlesbar «{value}»",
    "excel_shape": "{name}: {expected_de}, erhalten {rows} × {cols}",
    "excel_out_of_range": "{name} ausserhalb der Grenzen: «{value}» (erwartet zwischen {low} und {high})",
    "excel_bad_choice": "{name}: unbekannter Wert «{value}» (erwartet: {allowed})",
    "excel_ambiguous_number": ("{name}: mehrdeutige Zahl «{value}» (Tausender oder Dezimalstellen?): tippen Sie "
                               "{whole} oder {swiss}, oder {decimal}"),
}

# Cell reader kinds (xladdin.bursary.inputs): {value} is the cell as typed, {hint_de} what to type instead.
CELLS: dict[str, str] = {
    "required": "Pflichtwert fehlt",
    "missing_column": "Pflichtspalte fehlt (fügen Sie eine Spalte «Dossiernummer» hinzu)",
    "enum": "unbekannter Wert «{value}» (erwartet: {allowed_de})",
    "bool": "Ja/Nein-Wert unlesbar «{value}» (tippen Sie ja oder nein)",
    "number": "Zahl unlesbar «{value}» ({hint_de})",
    "ambiguous": "mehrdeutige Zahl «{value}»: Tausender oder Dezimalstellen? ({hint_de})",
    "digits": "andere Ziffern als 0-9 in «{value}» (tippen Sie die Zahl mit den Ziffern 0 bis 9)",
    "integer": "ganze Zahl erwartet, erhalten «{value}» (tippen Sie eine Zahl ohne Dezimalstellen, z. B. 3)",
    "min": "Wert «{value}» unter dem Minimum {bound} (tippen Sie {bound} oder mehr)",
    "min_excl": "Wert «{value}»: muss grösser als {bound} sein{hint_de}",
    "max": "Wert «{value}» über dem Maximum {bound}{hint_de}",
    "negative": "negativer Betrag «{value}» (tippen Sie einen positiven Betrag oder 0)",
    "date_range": "Datum ausserhalb der Grenzen «{value}» (erwartet zwischen {low} und {high})",
    "date": "Datum unlesbar «{value}» (tippen Sie TT.MM.JJJJ, z. B. 15.09.2025, oder JJJJ-MM-TT)",
    "date_impossible": "unmögliches Datum «{value}»: diesen Tag gibt es im Kalender nicht",
    "date_month_first": ("unmögliches Datum «{value}»: die zweite Zahl ist grösser als 12 (amerikanisches Datum "
                         "Monat/Tag? tippen Sie Tag.Monat.Jahr, z. B. 15.09.2025)"),
    "date_two_digit_year": "zweistellige Jahreszahl in «{value}» ({hint_de})",
    "date_trailing": "Text nach dem Datum «{value}» ({hint_de})",
    "birth_future": "Geburtsdatum in der Zukunft «{value}»",
    "birth_after_start": "Geburtsdatum «{value}» nach dem Beginn der Ausbildung{start_de}",
    "country": "zweistelliger ISO-Ländercode erwartet, erhalten «{value}» (z. B. CH, FR, PT)",
    "too_long": ("Text mit {length} Zeichen, mehr als eine Zelle fasst (32 767): kürzen Sie ihn"),
    "duplicate": "doppelte Dossiernummer «{value}» (bereits auf Zeile {first})",
    "children_le10": "«{value}» Kinder bis 10 Jahre, mehr als unterhaltsberechtigte Kinder",
}


def size_text(n: int) -> str:
    """A size in bytes as a German reader writes it: ``12,5 MB``, ``980 Bytes``."""
    from .io.limits import MB, count

    if n >= MB:
        return f"{n / MB:.1f}".removesuffix(".0").replace(".", ",") + " MB"
    return f"{count(n).replace(' ', chr(39))} Bytes"
