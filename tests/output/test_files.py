"""Writing files on a shared drive: a failure is a French message (exit 3) and the previous output stays byte for
byte; outputs follow the umask and an existing output keeps its mode; temporary files never stay behind."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from xladdin.io import output
from xladdin.io.output import files

from .conftest import ROOT, invoke

COMMANDS = {
    "assess": lambda src, out: ("assess", src, "--out", out),
    "import": lambda src, out: ("import", src, "--out", out, "--quiet"),
    "compare": lambda src, out: ("compare", src, "--rules", "GE-2022,GE-2025", "--out", out),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".~xladdin-")]


def _chattr(flag: str, path: Path) -> bool:
    exe = shutil.which("chattr")
    return bool(exe) and subprocess.run([exe, flag, str(path)], capture_output=True).returncode == 0


@contextmanager
def immutable(path: Path):
    """``chattr +i`` (refused even to root): a file nobody may replace, a folder nobody may write into."""
    if not _chattr("+i", path):
        pytest.fail("chattr +i is needed to make a file immutable here (e2fsprogs on ext4)")
    try:
        yield
    finally:
        _chattr("-i", path)


@contextmanager
def read_only_folder(folder: Path):
    if os.geteuid() == 0:                          # root ignores permission bits: make the folder immutable
        with immutable(folder):
            yield
        return
    folder.chmod(0o555)
    try:
        yield
    finally:
        folder.chmod(0o755)


def _failed(result) -> None:
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception,
                                                                                          SystemExit)
    assert "le fichier précédent est intact" in result.output or "impossible" in result.output


@pytest.mark.parametrize("command, suffix", [("assess", ".xlsx"), ("assess", ".csv"), ("import", ".xlsx"),
                                             ("compare", ".xlsx"), ("compare", ".csv")])
def test_immutable_output_kept(applicants, tmp_path, command, suffix):
    out = tmp_path / f"out{suffix}"
    assert invoke(*COMMANDS[command](applicants, out)).exit_code == 0
    before = digest(out)
    with immutable(out):
        result = invoke(*COMMANDS[command](applicants, out))
    _failed(result)
    assert "impossible d'écrire" in result.output and "fichier protégé" in result.output
    assert digest(out) == before and not leftovers(tmp_path)


@pytest.mark.parametrize("command", COMMANDS)
def test_read_only_folder(applicants, tmp_path, command):
    folder = tmp_path / "partage"
    folder.mkdir()
    out = folder / "out.xlsx"
    assert invoke(*COMMANDS[command](applicants, out)).exit_code == 0
    before = digest(out)
    with read_only_folder(folder):
        result = invoke(*COMMANDS[command](applicants, out))
    _failed(result)
    assert digest(out) == before and not leftovers(folder)


@pytest.mark.parametrize("command", COMMANDS)
def test_out_is_a_folder(applicants, tmp_path, command):
    folder = tmp_path / "rapport.xlsx"
    folder.mkdir()
    result = invoke(*COMMANDS[command](applicants, folder))
    _failed(result)
    assert "c'est un dossier" in result.output and folder.is_dir() and not list(folder.iterdir())


@pytest.mark.parametrize("command", COMMANDS)
def test_long_names(applicants, tmp_path, command):
    """A 250-character name is written (temporary names are short); past the system's limit, a message."""
    ok = tmp_path / ("n" * 250 + ".xlsx")
    assert invoke(*COMMANDS[command](applicants, ok)).exit_code == 0 and ok.exists()
    result = invoke(*COMMANDS[command](applicants, tmp_path / ("n" * 260 + ".xlsx")))
    _failed(result)
    assert "nom de fichier trop long" in result.output and not leftovers(tmp_path)


def test_open_in_a_spreadsheet(applicants, tmp_path):
    """A file LibreOffice or Excel holds open (its lock beside it) is not replaced under the clerk's eyes."""
    out = tmp_path / "decisions.xlsx"
    assert invoke("assess", applicants, "--out", out).exit_code == 0
    before = digest(out)
    for lock in (f".~lock.{out.name}#", f"~${out.name}"):
        (tmp_path / lock).write_text("clerk,desk-12")
        result = invoke("assess", applicants, "--out", out)
        _failed(result)
        assert "ouvert dans un tableur" in result.output and digest(out) == before
        (tmp_path / lock).unlink()


def test_disk_full(applicants, tmp_path, monkeypatch):
    out = tmp_path / "decisions.xlsx"
    assert invoke("assess", applicants, "--out", out).exit_code == 0
    before = digest(out)
    real = os.replace

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    result = invoke("assess", applicants, "--out", out)
    monkeypatch.setattr(files.os, "replace", real)
    _failed(result)
    assert "disque plein" in result.output and digest(out) == before and not leftovers(tmp_path)


def test_unreadable_input(applicants, tmp_path, monkeypatch):
    """An OSError while reading the list (a drive gone, a locked file) is a message too."""
    from xladdin.io import readers

    def broken(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(readers, "read_table", broken)
    monkeypatch.setattr("xladdin.bursary.cli.read_table", broken)
    result = invoke("assess", applicants, "--out", tmp_path / "r.xlsx")
    assert result.exit_code == 3 and "impossible de lire" in result.output and "accès refusé" in result.output


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_new_output_follows_umask(applicants, tmp_path, umask):
    old = os.umask(umask)
    try:
        for name in ("a.xlsx", "a.csv"):
            assert invoke("assess", applicants, "--out", tmp_path / name).exit_code == 0
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask
        assert invoke("import", applicants, "--out", tmp_path / "r.xlsx", "--quiet").exit_code == 0
        assert stat.S_IMODE((tmp_path / "r.xlsx").stat().st_mode) == 0o666 & ~umask
    finally:
        os.umask(old)


def test_existing_output_keeps_its_mode(applicants, tmp_path):
    for command in COMMANDS:
        out = tmp_path / f"{command}.xlsx"
        assert invoke(*COMMANDS[command](applicants, out)).exit_code == 0
        out.chmod(0o664)
        assert invoke(*COMMANDS[command](applicants, out)).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o664


def test_stale_leftovers_removed_fresh_ones_kept(applicants, tmp_path):
    """A killed run's temporary file and row folder (its process gone, older than this run) are removed by the
    next run into the folder; another live run's files, and the user's own files, are not touched."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale_file = tmp_path / f".~xladdin-{dead.pid}-0123abcd.part"
    stale_dir = tmp_path / f".~xladdin-{dead.pid}-4567cdef.rows"
    live = tmp_path / f".~xladdin-{os.getppid()}-89abcdef.part"      # a process that is running
    mine = tmp_path / ".~lock-like-but-mine.part"
    stale_file.write_bytes(b"x" * 1000)
    stale_dir.mkdir()
    (stale_dir / "rows.xml").write_text("<row/>")
    live.write_bytes(b"y")
    mine.write_text("keep")
    past = time.time() - 3600
    for p in (stale_file, stale_dir, live):
        os.utime(p, (past, past))
    assert invoke("assess", applicants, "--out", tmp_path / "d.xlsx").exit_code == 0
    assert not stale_file.exists() and not stale_dir.exists()
    assert live.exists() and mine.exists()


def test_killed_run_leaves_nothing_after_sigterm(applicants, tmp_path):
    """SIGTERM during the writing of a large report: the temporary file and row folder are removed."""
    big = tmp_path / "big.csv"
    lines = applicants.read_text(encoding="utf-8").splitlines()
    big.write_text("\n".join([lines[0]] + lines[1:-1] * 400) + "\n", encoding="utf-8")
    exe = Path(sys.executable).with_name("xladdin")
    out = tmp_path / "out" / "rapport.xlsx"
    out.parent.mkdir()
    proc = subprocess.Popen([str(exe), "import", str(big), "--out", str(out), "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and not leftovers(out.parent) and proc.poll() is None:
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail("the import ended before its temporary files could be seen; make the list longer")
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert not leftovers(out.parent) and not out.exists()


def test_atomic_path_api(tmp_path):
    out = tmp_path / "x.txt"
    out.write_text("old")
    with pytest.raises(RuntimeError):
        with output.atomic_path(out) as tmp:
            tmp.write_text("new")
            raise RuntimeError("writer failed")
    assert out.read_text() == "old" and not leftovers(tmp_path)
    with output.atomic_path(out) as tmp:
        tmp.write_text("new")
    assert out.read_text() == "new"


def test_any_other_oserror_is_a_message(applicants, tmp_path, monkeypatch, capsys):
    """An OSError from a place no face expected (an input/output error of the medium) ends in a French
    message and exit 3 from the ``xladdin`` entry point, never a traceback."""
    from xladdin import cli

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", str(tmp_path / "r.xlsx"))

    monkeypatch.setattr("xladdin.bursary.cli.assess_full", broken)
    monkeypatch.setattr(sys, "argv", ["xladdin", "assess", str(applicants), "--out", str(tmp_path / "r.xlsx")])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert "erreur d'entrée-sortie du support" in err and "Traceback" not in err
