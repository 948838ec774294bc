"""LibreOffice (headless) as the real spreadsheet program: open, recalculate and convert our files.

Used by the tests (tests/io, tests/templates) and available to every face. Each call runs ``soffice`` with its
own throw-away user profile (``-env:UserInstallation=file:///...``), so parallel runs never share a lock, and
with a timeout, so a hung office never hangs the suite. ``recalc=True`` seeds the profile so that formulas are
recalculated on load (Tools > Options > Calc > Formula > "Recalculation on file load: Always"), which is what
proves a formula computes the value we expect rather than echoing the cached value we wrote.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

RECALC_ALWAYS, RECALC_NEVER, RECALC_PROMPT = 0, 1, 2

_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
</oor:items>
"""

# CSV export options: separator ';' (59), quote '"' (34), UTF-8 (76), first line 1, no column types,
# language default, quote all text false, detect special numbers true, save cell contents *as shown* true.
CSV_AS_SHOWN = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true'
CSV_RAW = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false'


class SofficeError(RuntimeError):
    """LibreOffice failed to convert a file (message holds its output)."""


def soffice_path() -> str | None:
    """The ``soffice`` executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: str | Path, to: str, outdir: str | Path, *, recalc: int | None = None, timeout: float = 180,
            profile_dir: str | Path | None = None) -> Path:
    """Convert ``path`` with ``soffice --headless --convert-to TO``; return the converted file's path.

    ``to`` is a LibreOffice target such as ``"xlsx"``, ``"pdf"``, ``"ods"`` or :data:`CSV_AS_SHOWN`.
    ``recalc`` (one of the ``RECALC_*`` constants) sets the profile's recalculation-on-load mode.
    Raises :class:`SofficeError` on a non-zero exit, a timeout, or no output file.
    """
    exe = soffice_path()
    if exe is None:
        raise SofficeError("soffice not found")
    path, outdir = Path(path).resolve(), Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    own_profile = profile_dir is None
    profile = Path(profile_dir or tempfile.mkdtemp(prefix="xladdin-lo-"))
    try:
        if recalc is not None:
            user = profile / "user"
            user.mkdir(parents=True, exist_ok=True)
            (user / "registrymodifications.xcu").write_text(_PROFILE_XCU.format(mode=recalc), encoding="utf-8")
        done = _run(exe, profile, to, outdir, [path], timeout, path.name)
        extension = to.split(":", 1)[0]
        target = outdir / f"{path.stem}.{extension}"
        if done.returncode != 0 or not target.exists():
            raise SofficeError(f"soffice failed on {path.name} (exit {done.returncode}): "
                               f"{done.stdout.strip()} {done.stderr.strip()}")
        if "Error" in done.stderr and "javaldx" not in done.stderr:
            raise SofficeError(f"soffice reported an error on {path.name}: {done.stderr.strip()}")
        return target
    finally:
        if own_profile:
            shutil.rmtree(profile, ignore_errors=True)


def _run(exe: str, profile: Path, to: str, outdir: Path, paths: list[Path], timeout: float,
         what: str) -> subprocess.CompletedProcess:
    """One ``soffice --headless --convert-to`` start over ``paths``, with its own profile and a timeout."""
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
           "--convert-to", to, "--outdir", str(outdir), *map(str, paths)]
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
    try:
        return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        raise SofficeError(f"soffice timed out after {timeout}s converting {what}") from exc


def strip_cached_values(src: str | Path, dst: str | Path) -> Path:
    """Copy an .xlsx without the cached results of its formulas (``<f>..</f><v>..</v>`` → ``<f>..</f>``).

    Converting the copy with ``recalc=RECALC_ALWAYS`` then proves that the formulas themselves compute the
    values read back, not the values the writer cached beside them.
    """
    import re
    import zipfile

    pattern = re.compile(rb"(</f>|<f [^>]*/>)<v>[^<]*</v>")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                data = pattern.sub(rb"\1", data)
            zout.writestr(info, data)
    return Path(dst)


def sheet_values(path: str | Path, sheet: str) -> list[list]:
    """A sheet's cell values as stored (the cached results of formulas), read with python-calamine."""
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def convert_all(paths: list[str | Path], to: str, outdir: str | Path, *, timeout: float = 600) -> list[Path]:
    """Convert several files in ONE ``soffice`` start (LibreOffice's start-up dominates a small file's
    conversion); returns the converted files' paths in the order given. Raises :class:`SofficeError` when a file
    was not converted."""
    exe = soffice_path()
    if exe is None:
        raise SofficeError("soffice not found")
    paths = [Path(p).resolve() for p in paths]
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="xladdin-lo-"))
    try:
        done = _run(exe, profile, to, outdir, paths, timeout, f"{len(paths)} files")
        extension = to.split(":", 1)[0]
        targets = [outdir / f"{p.stem}.{extension}" for p in paths]
        missing = [t.name for t in targets if not t.exists()]
        if done.returncode != 0 or missing:
            raise SofficeError(f"soffice failed (exit {done.returncode}), not converted: {', '.join(missing)}: "
                               f"{done.stdout.strip()} {done.stderr.strip()}")
        return targets
    finally:
        shutil.rmtree(profile, ignore_errors=True)
