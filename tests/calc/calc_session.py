"""Run by LibreOffice's Python (``/usr/bin/python3`` with ``uno``), never by the project's: start a headless
LibreOffice on the profile where the extension is installed, open the applicant workbook, type the formulas a
clerk types, recalculate, and print every formula and value as JSON.

``argv``: profile directory, workbook (.xlsx, sheet ``Data``: header row + applicants), output .ods, plan JSON
(``{"cells": {"Sheet.A1": formula}, "arrays": {"Sheet.A1:C3": formula}}``).

The plan's ``books`` are workbooks that already hold the formulas (written by Excel or openpyxl): each is opened
as a clerk opens it, recalculated, its ``cells`` and ``arrays`` read, and saved as .xlsx to ``save_as`` (Save As,
format kept), answered under ``books`` in the same order.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    return PropertyValue(name, 0, value, 0)


def main():
    profile, workbook, out, plan = sys.argv[1:5]
    plan = json.loads(open(plan, encoding="utf-8").read())
    pipe = f"xladdin-calc-{uuid.uuid4().hex[:8]}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
         "--headless", "--invisible", "--norestore", "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
        env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(720):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.25)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(workbook)), "_blank", 0,
                                           (prop("Hidden", True),))
        sheets = doc.Sheets
        for name in plan["sheets"]:
            if not sheets.hasByName(name):
                sheets.insertNewByName(name, sheets.Count)

        def cell_range(address):
            sheet, ref = address.split(".", 1)
            return sheets.getByName(sheet).getCellRangeByName(ref)

        for address, formula in plan["cells"].items():
            cell_range(address).setFormula(formula)
        for address, formula in plan["arrays"].items():
            cell_range(address).setArrayFormula(formula)
        doc.calculateAll()
        answers = {"cells": {}, "arrays": {}}
        for address in plan["cells"]:
            c = cell_range(address)
            answers["cells"][address] = {"formula": c.getFormula(), "value": c.getDataArray()[0][0]}
        for address in plan["arrays"]:
            r = cell_range(address)
            answers["arrays"][address] = {"formula": r.getArrayFormula(), "value": [list(row) for row in r.getDataArray()]}
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", "calc8"),))
        doc.close(True)
        answers["books"] = [opened(desktop, book) for book in plan.get("books", [])]
        print(json.dumps(answers))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


def opened(desktop, book):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(book["path"])), "_blank", 0,
                                       (prop("Hidden", True),))
    answers = {"modified": doc.isModified(), "cells": {}, "arrays": {}}
    doc.calculateAll()
    sheets = doc.Sheets

    def cell_range(address):
        sheet, ref = address.split(".", 1)
        return sheets.getByName(sheet).getCellRangeByName(ref)

    for address in book["cells"]:
        c = cell_range(address)
        answers["cells"][address] = {"formula": c.getFormula(), "value": c.getDataArray()[0][0]}
    for address in book["arrays"]:
        r = cell_range(address)         # the corner cell's formula: {=…} in the API's grammar
        answers["arrays"][address] = {"formula": r.getCellByPosition(0, 0).getFormula(),
                                      "value": [list(row) for row in r.getDataArray()]}
    doc.storeAsURL(uno.systemPathToFileUrl(os.path.abspath(book["save_as"])),
                   (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    return answers


if __name__ == "__main__":
    main()
