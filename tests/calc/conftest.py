"""The UDFs are imported here as the Excel faces import them (xlwings Server's decorators, PRO licence key
``noncommercial``), so this suite and tests/excel share one UDF module whatever runs first."""

import os

os.environ.setdefault("XLWINGS_ON_SERVER", "true")
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
