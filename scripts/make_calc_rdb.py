"""Regenerate the Calc add-in's UNO interface (xladdin/calc/xladdin.idl) and its type library (xladdin.rdb).

Run after adding or changing a UDF in xladdin/excel/udfs.py (a test says when). Needs ``unoidl-write`` from the
LibreOffice SDK (Debian: ``apt-get install libreoffice-dev``) at build time only: the .rdb is committed, so
neither ``xladdin calc build`` nor a clerk's machine needs the SDK.

    .venv/bin/python scripts/make_calc_rdb.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xladdin.calc.idl import idl_text  # noqa: E402

PROGRAM = Path("/usr/lib/libreoffice/program")
CANDIDATES = [PROGRAM.parent / "sdk" / "bin" / "unoidl-write", Path("/opt/libreoffice/sdk/bin/unoidl-write")]


def unoidl_write() -> str:
    found = shutil.which("unoidl-write") or next((str(p) for p in CANDIDATES if p.exists()), None)
    if found is None:
        sys.exit("unoidl-write not found: install the LibreOffice SDK (Debian: apt-get install libreoffice-dev)")
    return found


def main() -> None:
    target = ROOT / "xladdin" / "calc"
    idl = target / "xladdin.idl"
    idl.write_text(idl_text(plain=True), encoding="utf-8")
    subprocess.run([unoidl_write(), str(PROGRAM / "types.rdb"), str(idl), str(target / "xladdin.rdb")], check=True)
    print(f"wrote {idl.relative_to(ROOT)} and xladdin/calc/xladdin.rdb")


if __name__ == "__main__":
    main()
