"""The UNO component of xladdin's Calc add-in: ``xladdin_calc.py`` inside the extension.

It runs in LibreOffice's own Python (the system Python with ``uno``), never in the project's: ``xladdin calc
build`` copies this file into the .oxt beside ``xladdin-calc.json``, which names the functions (from the UDFs'
own description) and the directories where xladdin and its dependencies are installed. Each function is a
method of the ``org.xladdin.calc.XFunctions`` interface (``xladdin.rdb``) that hands its arguments to
:func:`xladdin.calc.host.call`; the ``XAddIn`` methods tell Calc the names, help and argument docs.
"""

import json
import os
import site
import sys

import unohelper
from com.sun.star.lang import Locale, XServiceInfo, XServiceName
from com.sun.star.sheet import XAddIn
from org.xladdin.calc import XFunctions

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "xladdin-calc.json"), encoding="utf-8") as f:
    CONFIG = json.load(f)
SERVICE = CONFIG["service"]
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


class Functions(unohelper.Base, XFunctions, XAddIn, XServiceName, XServiceInfo):
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

    # XLocalizable
    def setLocale(self, locale):
        self.locale = locale

    def getLocale(self):
        return self.locale

    # XServiceName, XServiceInfo
    def getServiceName(self):
        return SERVICE

    def getImplementationName(self):
        return SERVICE

    def supportsService(self, name):
        return name in self.getSupportedServiceNames()

    def getSupportedServiceNames(self):
        return ("com.sun.star.sheet.AddIn", SERVICE)


def _method(function):
    def run(self, *args):
        return _call(function["name"], args)

    run.__name__ = function["method"]
    return run


for _method_name, _function in FUNCTIONS.items():
    setattr(Functions, _method_name, _method(_function))

g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(Functions, SERVICE, ("com.sun.star.sheet.AddIn", SERVICE))
