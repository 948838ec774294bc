"""``xladdin calc build`` and ``xladdin calc install``: the LibreOffice extension (.oxt) of the Calc add-in.

The .oxt holds the type library (``xladdin.rdb``, committed: building it needs the LibreOffice SDK), the
component (:mod:`xladdin.calc.component`), and ``xladdin-calc.json``, written here: the functions (from the
UDFs' description) and where this xladdin and its dependencies are installed, so LibreOffice's own Python can
import them. The extension therefore belongs to the machine it is built on: build it where it is used, with a
Python of the same version as LibreOffice's (3.11 for LibreOffice 7.4 on Debian 12).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from .. import __version__
from ..errors import XladdinError
from .functions import JOB, SERVICE, catalogue

HERE = Path(__file__).resolve().parent
IDENTIFIER = "org.xladdin.calc"

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="http://openoffice.org/2001/manifest">
 <manifest:file-entry manifest:media-type="application/vnd.sun.star.uno-typelibrary;type=RDB"
  manifest:full-path="xladdin.rdb"/>
 <manifest:file-entry manifest:media-type="application/vnd.sun.star.uno-component;type=Python"
  manifest:full-path="xladdin_calc.py"/>
 <manifest:file-entry manifest:media-type="application/vnd.sun.star.configuration-data"
  manifest:full-path="Jobs.xcu"/>
</manifest:manifest>
"""

# The component's ExcelNames job, run when a document is loaded and after it is saved (xladdin.calc.names).
JOBS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:component-data xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 oor:name="Jobs" oor:package="org.openoffice.Office">
 <node oor:name="Jobs">
  <node oor:name="{job}" oor:op="replace">
   <prop oor:name="Service"><value>{job}</value></prop>
  </node>
 </node>
 <node oor:name="Events">
{events}
 </node>
</oor:component-data>
"""
JOB_EVENT = """  <node oor:name="{event}" oor:op="fuse">
   <node oor:name="JobList">
    <node oor:name="{job}" oor:op="replace"/>
   </node>
  </node>"""
JOB_EVENTS = ("OnLoadFinished", "OnSaveDone", "OnSaveAsDone")

DESCRIPTION = """<?xml version="1.0" encoding="UTF-8"?>
<description xmlns="http://openoffice.org/extensions/description/2006"
 xmlns:xlink="http://www.w3.org/1999/xlink">
 <identifier value="{identifier}"/>
 <version value="{version}"/>
 <display-name>
  <name lang="fr">xladdin — bourses d'études et crédits ECTS</name>
  <name lang="en">xladdin — student bursaries and ECTS credits</name>
 </display-name>
 <dependencies>
  <OpenOffice.org-minimal-version xmlns:d="http://openoffice.org/extensions/description/2006"
   d:name="OpenOffice.org 3.4" value="3.4"/>
 </dependencies>
</description>
"""


def install_dirs() -> list[str]:
    """Where this xladdin and its dependencies are: the running Python's site directories, and the project
    itself when it is not installed there (a development checkout)."""
    paths = sysconfig.get_paths()
    dirs = [paths["purelib"], paths["platlib"]]
    project = str(HERE.parents[1])
    if not (Path(paths["purelib"]) / "xladdin").is_dir():
        dirs.insert(0, project)
    return list(dict.fromkeys(dirs))


def config() -> dict:
    return {"service": SERVICE, "job": JOB, "version": __version__, "python": list(sys.version_info[:2]),
            "paths": install_dirs(), "functions": catalogue(plain=True)}


def build(out: str | Path) -> Path:
    """Write the extension to ``out`` (a new file; an existing one is refused, never overwritten)."""
    out = Path(out)
    if out.exists():
        raise XladdinError("calc_exists", path=str(out))
    if out.suffix != ".oxt":
        raise XladdinError("calc_not_oxt", path=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as oxt:
        oxt.writestr("META-INF/manifest.xml", MANIFEST)
        oxt.writestr("description.xml", DESCRIPTION.format(identifier=IDENTIFIER, version=__version__))
        oxt.write(HERE / "xladdin.rdb", "xladdin.rdb")
        oxt.write(HERE / "component.py", "xladdin_calc.py")
        oxt.write(HERE / "names.py", "xladdin_names.py")
        oxt.writestr("Jobs.xcu", jobs_xcu())
        oxt.writestr("xladdin-calc.json", json.dumps(config(), ensure_ascii=False, indent=1))
    return out


def jobs_xcu() -> str:
    events = "\n".join(JOB_EVENT.format(event=e, job=JOB) for e in JOB_EVENTS)
    return JOBS.format(job=JOB, events=events)


def unopkg_path() -> str | None:
    return shutil.which("unopkg") or next(
        (str(p) for p in (Path("/usr/lib/libreoffice/program/unopkg"),
                          Path("/opt/libreoffice/program/unopkg")) if p.exists()), None)


def install(oxt: str | Path, *, profile: str | Path | None = None, shared: bool = False,
            timeout: float = 300) -> None:
    """``unopkg add`` the extension: for the current user, for every user of the machine (``shared``), or
    into the LibreOffice user profile directory ``profile`` (``-env:UserInstallation``)."""
    exe = unopkg_path()
    if exe is None:
        raise XladdinError("calc_no_libreoffice")
    cmd = [exe, "add", "--force", "--suppress-license", str(Path(oxt).resolve())]
    if shared:
        cmd.insert(2, "--shared")
    if profile is not None:
        cmd.append(f"-env:UserInstallation={Path(profile).resolve().as_uri()}")
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise XladdinError("calc_install_failed", detail=f"unopkg: plus de {timeout:.0f} s") from None
    if done.returncode != 0:
        raise XladdinError("calc_install_failed", detail=(done.stderr or done.stdout).strip()[-500:])
