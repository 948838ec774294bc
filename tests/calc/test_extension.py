"""The extension's parts: the committed UNO interface matches the UDFs, the .oxt holds what LibreOffice needs."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from xladdin.calc import extension
from xladdin.calc.functions import catalogue, uno_name
from xladdin.calc.idl import idl_text
from xladdin.errors import XladdinError

CALC = Path(extension.__file__).resolve().parent
SDK_WRITER = Path("/usr/lib/libreoffice/sdk/bin/unoidl-write")


def test_committed_interface_matches_the_udfs():
    """Adding or changing a UDF needs ``python scripts/make_calc_rdb.py`` (then commit the .idl and .rdb)."""
    assert (CALC / "xladdin.idl").read_text(encoding="utf-8") == idl_text()


@pytest.mark.skipif(not SDK_WRITER.exists(), reason="LibreOffice SDK (unoidl-write) not installed")
def test_committed_type_library_is_built_from_the_interface(tmp_path):
    subprocess.run([str(SDK_WRITER), "/usr/lib/libreoffice/program/types.rdb", str(CALC / "xladdin.idl"),
                    str(tmp_path / "xladdin.rdb")], check=True, capture_output=True)
    assert (tmp_path / "xladdin.rdb").read_bytes() == (CALC / "xladdin.rdb").read_bytes()


def test_catalogue_names_every_issue_function_with_french_help():
    functions = {f["display"]: f for f in catalogue()}
    for name in ("BURSARY", "BURSARY_ROW", "BURSARY_TABLE", "ELIGIBILITY", "ENTITLEMENT_SEMESTERS", "LOAN_PLAN",
                 "WEIGHTED_AVERAGE", "CREDITS_ACQUIRED"):
        assert functions[name]["help"] and all(a["doc"] for a in functions[name]["args"]), name
    assert functions["BURSARY_TABLE"]["method"] == "bursaryTable" == uno_name("bursary_table")
    assert [a["optional"] for a in functions["BURSARY"]["args"]] == [False, True, True]


def test_oxt_holds_manifest_library_component_and_config(tmp_path):
    oxt = extension.build(tmp_path / "xladdin.oxt")
    with zipfile.ZipFile(oxt) as z:
        assert set(z.namelist()) == {"META-INF/manifest.xml", "description.xml", "xladdin.rdb", "xladdin_calc.py",
                                     "xladdin_names.py", "Jobs.xcu", "xladdin-calc.json"}
        config = json.loads(z.read("xladdin-calc.json"))
        compile(z.read("xladdin_calc.py"), "xladdin_calc.py", "exec")
        jobs = ElementTree.fromstring(z.read("Jobs.xcu"))
        manifest = z.read("META-INF/manifest.xml").decode()
    assert 'manifest:full-path="Jobs.xcu"' in manifest
    assert {n.get("{http://openoffice.org/2001/registry}name") for n in jobs.iter()} >= {
        "OnLoadFinished", "OnSaveDone", "OnSaveAsDone", config["job"]}
    assert config["service"] == "org.xladdin.calc.Functions"
    assert any((Path(p) / "xladdin").is_dir() for p in config["paths"])
    assert any((Path(p) / "numpy").is_dir() for p in config["paths"])
    assert len(config["functions"]) == len(catalogue())


def test_build_never_overwrites_and_wants_oxt(tmp_path):
    target = tmp_path / "xladdin.oxt"
    target.write_text("a clerk's file")
    with pytest.raises(XladdinError) as caught:
        extension.build(target)
    assert caught.value.code == "calc_exists" and target.read_text() == "a clerk's file"
    with pytest.raises(XladdinError) as caught:
        extension.build(tmp_path / "xladdin.zip")
    assert caught.value.code == "calc_not_oxt"


@pytest.mark.skipif(shutil.which("unopkg") is None, reason="LibreOffice not installed")
def test_install_failure_is_a_french_message(tmp_path):
    broken = tmp_path / "broken.oxt"
    broken.write_bytes(b"not a zip")
    with pytest.raises(XladdinError) as caught:
        extension.install(broken, profile=tmp_path / "profile", shared=False)
    assert caught.value.code == "calc_install_failed"
