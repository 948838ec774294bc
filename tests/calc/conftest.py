"""The UDFs are imported here as the Excel faces import them (xlwings Server's decorators, PRO licence key
``noncommercial``), so this suite and tests/excel share one UDF module whatever runs first.

``calc`` is the one LibreOffice run the Calc tests read (tests/calc/office.py), shared by their modules."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("XLWINGS_ON_SERVER", "true")
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")


@pytest.fixture(scope="session")
def calc():
    from . import office

    if not office.available:
        pytest.skip("LibreOffice (unopkg, python3-uno) not installed: make test installs it")
    work = Path(tempfile.mkdtemp(prefix="xladdin-calc-"))   # under /tmp: pytest's own is closed to nobody
    os.chmod(work, 0o755)
    try:
        yield office.run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def expected():
    import xladdin

    from .office import SAMPLE

    return xladdin.assess(str(SAMPLE), rules="GE-2025")
