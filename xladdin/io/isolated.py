"""Binary workbooks (.xls, .xlsb) read in a child process with a memory ceiling.

An .xlsx or .ods is sized from its XML before python-calamine builds a sheet (:mod:`xladdin.io.sheetscan`); the
binary formats cannot be sized that way, and calamine allocates the dense range a sheet's extreme cells span
(A1 and the last cell of the grid: gigabytes), aborting the whole process when it cannot. So they are read in a
child interpreter whose address space is capped (``RLIMIT_AS``): a hostile file kills the child, never the clerk's
run or the server, and becomes a clear "unreadable workbook" message. The child imports only python_calamine.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from ..errors import InputFileError

MB = 1024 * 1024
# The child's address-space ceiling: generous for a real list (200 000 rows × 60 columns is about 1 GB of
# Python objects), far below what a crafted extent asks for. XLADDIN_MAX_READER_MB sets it.
DEFAULT_CEILING_MB = 4096

_CHILD = r"""
import pickle, resource, sys
ceiling = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
meta = [(m.name, str(m.typ).rsplit(".", 1)[-1], str(m.visible).rsplit(".", 1)[-1]) for m in book.sheets_metadata]
names = [m[0] for m in meta]
sheet = pickle.loads(bytes.fromhex(sys.argv[2]))
if sheet is None:                               # every visible worksheet
    wanted = [n for n, typ, visible in meta if typ == "WorkSheet" and visible == "Visible"]
elif isinstance(sheet, int):
    wanted = [names[sheet]] if -len(names) <= sheet < len(names) else []
else:
    wanted = [sheet] if sheet in names else []
rows = {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wanted}
sys.stdout.buffer.write(pickle.dumps((meta, rows), protocol=pickle.HIGHEST_PROTOCOL))
"""


def ceiling_bytes() -> int:
    text = os.environ.get("XLADDIN_MAX_READER_MB", "").strip()
    return (int(text) if text.isdigit() and int(text) > 0 else DEFAULT_CEILING_MB) * MB


def read_sheets(path: Path, sheet: str | int | None, timeout: float = 300) -> tuple[list[tuple[str, str, str]],
                                                                                  dict[str, list]]:
    """``([(sheet name, type, visibility)], {sheet name: its rows})`` read by a capped child process: the sheet
    named or numbered by ``sheet``, or (``None``) every visible worksheet."""
    try:
        done = subprocess.run([sys.executable, "-I", "-c", _CHILD, str(path), pickle.dumps(sheet).hex(),
                               str(ceiling_bytes())], capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise InputFileError("file_corrupt", path=str(path), detail=f"lecture interrompue après {timeout:.0f} s") \
            from None
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"code {done.returncode}"]
        if done.returncode < 0 or "memory" in last[0].lower() or "alloc" in last[0].lower():
            detail = (f"la lecture dépasse la mémoire permise ({ceiling_bytes() // MB} Mo, variable "
                      f"XLADDIN_MAX_READER_MB) : étendue de feuille démesurée ou fichier forgé")
        else:
            detail = last[0][:200]
        raise InputFileError("file_corrupt", path=str(path), detail=detail)
    return pickle.loads(done.stdout)
