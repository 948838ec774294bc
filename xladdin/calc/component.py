"""The UNO component of xladdin's Calc add-in: ``xladdin_calc.py`` inside the extension.

It runs in LibreOffice's own Python (the system Python with ``uno``), never in the project's: ``xladdin calc
build`` copies this file into the .oxt beside ``xladdin-calc.json``, which names the functions (from the UDFs'
own description) and the directories where xladdin and its dependencies are installed. Each function is a
method of the ``org.xladdin.calc.XFunctions`` interface (``xladdin.rdb``) that hands its arguments to
:func:`xladdin.calc.host.call`; the ``XAddIn`` methods tell Calc the names, help and argument docs, and
``XCompatibilityNames`` the name an Excel file gives each function (``BURSARY``).

``ExcelNames`` is a job LibreOffice runs when a document is loaded or saved (``Jobs.xcu``), for the versions
whose .xlsx import and export ignore compatibility names (:mod:`xladdin.calc.names`, shipped beside this file as
``xladdin_names.py``): after loading it re-enters the formulas that call a function by an Excel spelling, and
after saving an .xlsx it gives the functions their Excel names in the file.
"""

import importlib.util
import json
import os
import site
import sys

import uno
import unohelper
from com.sun.star.lang import Locale, XServiceInfo, XServiceName
from com.sun.star.sheet import LocalizedName, XAddIn, XCompatibilityNames
from com.sun.star.task import XJob
from org.xladdin.calc import XFunctions

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "xladdin-calc.json"), encoding="utf-8") as f:
    CONFIG = json.load(f)
SERVICE = CONFIG["service"]
JOB = CONFIG["job"]
FUNCTIONS = {f["method"]: f for f in CONFIG["functions"]}
BY_DISPLAY = {f["display"]: f["method"] for f in CONFIG["functions"]}
_host = []


def _call(name, args):
    """Import xladdin from the directories of the build (first in ``sys.path``), once; then call the UDF."""
    if not _host:
        wanted = tuple(CONFIG["python"])
        if sys.version_info[:2] != wanted:
            return ((f"#XLADDIN! le Python de LibreOffice est {sys.version_info[0]}.{sys.version_info[1]}, "
                     f"xladdin est installé pour {wanted[0]}.{wanted[1]} : installer xladdin avec ce Python-là "
                     "puis refaire « xladdin calc build »",),)
        before = list(sys.path)
        for path in CONFIG["paths"]:
            site.addsitedir(path)
        added = [p for p in sys.path if p not in before]
        sys.path[:] = added + before                     # ahead of the system's own packages (older PyYAML…)
        try:
            from xladdin.calc.host import call
        except Exception as exc:
            return ((f"#XLADDIN! xladdin introuvable pour LibreOffice ({type(exc).__name__}: {exc}) : refaire "
                     "« xladdin calc build » puis « xladdin calc install »",),)
        _host.append(call)
    return _host[0](name, args)


class Service(unohelper.Base, XServiceInfo):
    """XServiceInfo of a component: its implementation name and the services it offers (``SERVICES``)."""

    SERVICES = ()

    def getImplementationName(self):
        return self.SERVICES[-1]

    def supportsService(self, name):
        return name in self.SERVICES

    def getSupportedServiceNames(self):
        return self.SERVICES


class Functions(Service, XFunctions, XAddIn, XCompatibilityNames, XServiceName):
    SERVICES = ("com.sun.star.sheet.AddIn", SERVICE)

    def __init__(self, ctx):
        self.ctx = ctx
        self.locale = Locale("fr", "CH", "")

    # XAddIn (Calc asks the names and help of each function here)
    def getProgrammaticFuntionName(self, display):
        return BY_DISPLAY.get(display.upper(), "")

    def getDisplayFunctionName(self, method):
        return FUNCTIONS[method]["display"] if method in FUNCTIONS else ""

    def getFunctionDescription(self, method):
        return FUNCTIONS[method]["help"] if method in FUNCTIONS else ""

    def getDisplayArgumentName(self, method, index):
        args = FUNCTIONS.get(method, {}).get("args", [])
        return args[index]["name"] if 0 <= index < len(args) else ""

    def getArgumentDescription(self, method, index):
        args = FUNCTIONS.get(method, {}).get("args", [])
        return args[index]["doc"] if 0 <= index < len(args) else ""

    def getProgrammaticCategoryName(self, method):
        return "Add-In"

    def getDisplayCategoryName(self, method):
        return "Add-In"

    # XCompatibilityNames (the name Calc reads in and writes to an Excel file)
    def getCompatibilityNames(self, method):
        """Excel's names of the function: the first is read and written in .xlsx files by the LibreOffice
        versions that use compatibility names there; .xls import considers them all."""
        if method not in FUNCTIONS:
            return ()
        display = FUNCTIONS[method]["display"]
        english = Locale("en", "US", "")
        return tuple(LocalizedName(english, name) for name in
                     (display, NAMES.excel_name(display, NAMES.OFFICE_JS)))

    # XLocalizable
    def setLocale(self, locale):
        self.locale = locale

    def getLocale(self):
        return self.locale

    # XServiceName
    def getServiceName(self):
        return SERVICE


def _method(function):
    def run(self, *args):
        return _call(function["name"], args)

    run.__name__ = function["method"]
    return run


for _method_name, _function in FUNCTIONS.items():
    setattr(Functions, _method_name, _method(_function))


def _names():
    spec = importlib.util.spec_from_file_location("xladdin_names", os.path.join(HERE, "xladdin_names.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NAMES = _names()
DISPLAYS = [f["display"] for f in CONFIG["functions"]]
METHODS = {f["method"]: f["display"] for f in CONFIG["functions"]}
OOXML_FILTERS = ("Calc MS Excel 2007 XML", "Calc MS Excel 2007 VBA XML", "Calc Office Open XML")
_styles = {}        # document → the spelling its file used (plain, office.js), to write it back on saving


class ExcelNames(Service, XJob):
    """Run on OnLoadFinished (hidden documents too, unlike OnLoad), OnSaveDone and OnSaveAsDone (``Jobs.xcu``);
    an error never reaches LibreOffice: it is written to LibreOffice's standard error and the document left as
    it is."""

    SERVICES = ("com.sun.star.task.Job", JOB)

    def __init__(self, ctx):
        self.ctx = ctx

    def execute(self, args):
        env = dict((a.Name, a.Value) for a in args).get("Environment", ())
        env = dict((a.Name, a.Value) for a in env)
        doc, event = env.get("Model"), env.get("EventName", "")
        try:
            if doc is not None and doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
                if event == "OnLoadFinished":
                    _calc_names(doc)
                elif event in ("OnSaveDone", "OnSaveAsDone"):
                    _excel_names(doc)
        except Exception as exc:                  # a document that cannot be read so keeps its formulas as they are
            print(f"xladdin: {event}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return ()


def _key(doc):
    try:
        return doc.RuntimeUID
    except Exception:
        return id(doc)


def _calc_names(doc):
    """Re-enter every formula that calls a function of the catalogue by an Excel spelling, as Calc reads it."""
    from com.sun.star.sheet.CellFlags import FORMULA

    was_modified = doc.isModified()
    styles = set()
    doc.lockControllers()
    try:
        sheets = doc.Sheets
        for i in range(sheets.Count):
            sheet = sheets.getByIndex(i)
            done = set()
            for block in sheet.queryContentCells(FORMULA).getRangeAddresses():
                for r, row in enumerate(_cells(sheet, block).getFormulaArray()):
                    for c, formula in enumerate(row):
                        col, line = block.StartColumn + c, block.StartRow + r
                        if (col, line) in done:
                            continue
                        if NAMES.to_calc(formula, DISPLAYS)[0] is None:
                            continue
                        cell = sheet.getCellByPosition(col, line)
                        # the cell's own formula: a range's formula array shows array formulas with ","
                        fixed, style = NAMES.to_calc(cell.getFormula(), DISPLAYS)
                        styles.add(style)
                        if not (fixed.startswith("{") and fixed.endswith("}")):     # an array cell reads {=…}
                            cell.setFormula(fixed)
                            continue
                        area = _array_area(sheet, cell)
                        _cells(sheet, area).setArrayFormula(fixed[1:-1])
                        done.update((x, y) for x in range(area.StartColumn, area.EndColumn + 1)
                                    for y in range(area.StartRow, area.EndRow + 1))
    finally:
        doc.unlockControllers()
    if styles:
        _styles[_key(doc)] = NAMES.OFFICE_JS if styles == {NAMES.OFFICE_JS} else NAMES.PLAIN
        if not was_modified:
            doc.setModified(False)


def _cells(sheet, address):
    return sheet.getCellRangeByPosition(address.StartColumn, address.StartRow, address.EndColumn, address.EndRow)


def _array_area(sheet, cell):
    """The range of the array formula ``cell`` belongs to."""
    cursor = sheet.createCursorByRange(cell)
    cursor.collapseToCurrentArray()
    return cursor.getRangeAddress()


def _excel_names(doc):
    """After an .xlsx was saved: the functions under their Excel names in the file (a no-op where LibreOffice
    wrote the compatibility names itself)."""
    args = dict((a.Name, a.Value) for a in doc.getArgs())
    if args.get("FilterName") not in OOXML_FILTERS or not doc.getURL().startswith("file:"):
        return
    NAMES.rewrite_xlsx(uno.fileUrlToSystemPath(doc.getURL()), METHODS, _styles.get(_key(doc), NAMES.PLAIN))


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(Functions, SERVICE, Functions.SERVICES)
g_ImplementationHelper.addImplementation(ExcelNames, JOB, ExcelNames.SERVICES)
