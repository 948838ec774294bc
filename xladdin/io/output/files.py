"""Writing a file the way a shared office drive needs it: whole or not at all, with the mode colleagues expect.

- The new content goes to a temporary file beside the target (``.~xladdin-<pid>-<random>.part``), renamed over
  the target only once complete: a failure leaves the previous output byte for byte.
- The result takes the mode of the file it replaces, or ``0666 & ~umask`` for a new file (not the 0600 of a
  temporary file): colleagues who could open yesterday's report can open today's.
- Temporary files are removed on every exit path (error, Ctrl-C, SIGTERM); those left by a killed run
  (recognisable name, older than this run, their process gone) are removed by the next run into the same folder.
- Every ``OSError`` (read-only folder, immutable or locked file, disk full, a folder given as ``--out``, a name
  too long) becomes a French message with exit code 3, never a traceback.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import signal
import stat
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from ...errors import XladdinError

TEMP_PREFIX = ".~xladdin-"
TEMP_RE = re.compile(r"^\.~xladdin-(\d+)-[0-9a-f]{8}\.(part|rows)$")
_STARTED = time.time()           # this run's start: older leftovers belong to an earlier run


class OutputError(XladdinError):
    """A file that cannot be written or read (the system refused it): exit 3, the previous output intact."""

    exit_code = 3


_REASONS = {
    errno.EACCES: ("accès refusé (dossier en lecture seule ou droits insuffisants)",
                   "permission denied (read-only folder or insufficient rights)"),
    errno.EPERM: ("opération refusée (fichier protégé ou verrouillé)", "operation not permitted (file protected or "
                  "locked)"),
    errno.EROFS: ("support en lecture seule", "read-only medium"),
    errno.ENOSPC: ("disque plein", "disk full"),
    errno.EDQUOT: ("quota disque dépassé", "disk quota exceeded"),
    errno.EISDIR: ("c'est un dossier, pas un fichier", "it is a folder, not a file"),
    errno.ENOTDIR: ("une partie du chemin n'est pas un dossier", "part of the path is not a folder"),
    errno.ENAMETOOLONG: ("nom de fichier trop long", "file name too long"),
    errno.ENOENT: ("dossier ou fichier introuvable", "folder or file not found"),
    errno.EBUSY: ("fichier occupé par un autre programme", "file busy in another program"),
    errno.ETXTBSY: ("fichier occupé par un autre programme", "file busy in another program"),
    errno.EIO: ("erreur d'entrée-sortie du support", "input/output error of the medium"),
}


def os_error(exc: OSError, path, action: str = "write") -> OutputError:
    """The French message (exit 3) for an ``OSError`` met while writing or reading ``path``."""
    fr, en = _REASONS.get(exc.errno, (exc.strerror or str(exc), exc.strerror or str(exc)))
    code = "output_not_written" if action == "write" else "input_not_read"
    return OutputError(code, path=str(path), reason=fr, reason_en=en)


@contextmanager
def os_errors(path, action: str = "read"):
    """Turn an ``OSError`` raised in the block into the French message of :func:`os_error`."""
    try:
        yield
    except OSError as exc:
        raise os_error(exc, path, action) from None


def new_file_mode() -> int:
    """``0666 & ~umask``: the mode any program gives a new document."""
    mask = _umask()
    return 0o666 & ~mask


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)                         # no /proc: read it by setting it (and putting it back)
    os.umask(mask)
    return mask


def lock_file(out: Path) -> Path | None:
    """The lock a spreadsheet keeps beside an open file (LibreOffice ``.~lock.NAME#``, Excel ``~$NAME``)."""
    for name in (f".~lock.{out.name}#", f"~${out.name}"):
        candidate = out.parent / name
        try:
            if candidate.exists():
                return candidate
        except OSError:                    # a lock's name past the system's limit: no such lock can exist
            pass
    return None


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files and row folders of earlier runs killed before their end (their process gone)."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = TEMP_RE.match(entry.name)
        if not match:
            continue
        pid = int(match.group(1))
        try:
            old = entry.stat(follow_symlinks=False).st_mtime < _STARTED
        except OSError:
            continue
        if not old or pid == os.getpid() or _alive(pid):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def temp_name(kind: str = "part") -> str:
    """A recognisable, short temporary name (short, so that a 250-character output name still fits)."""
    return f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.{kind}"


def check_output(out: Path, protect: tuple = ()) -> None:
    """Refuse, before any work, an output that is an input, a folder, or a file open in a spreadsheet."""
    try:
        _check_output(out, protect)
    except OSError as exc:
        raise os_error(exc, out) from None


def _check_output(out: Path, protect: tuple) -> None:
    if len(out.name.encode("utf-8")) > _name_max(out.parent):
        raise OSError(errno.ENAMETOOLONG, "File name too long")
    for path in protect:
        if not path:
            continue
        path = Path(path)
        if path.resolve() == out.resolve() or (out.exists() and path.exists() and os.path.samefile(out, path)):
            raise XladdinError("output_is_input", path=str(out))
    if out.is_dir():
        raise OutputError("output_not_written", path=str(out), reason=_REASONS[errno.EISDIR][0],
                          reason_en=_REASONS[errno.EISDIR][1])
    lock = lock_file(out)
    if lock is not None:
        raise OutputError("output_locked", path=str(out), lock=lock.name)


def check_command_output(out: Path, inputs: tuple = (), suffixes: tuple[str, ...] = (".csv", ".xlsx")) -> None:
    """What a command checks before reading anything: a supported output format, then :func:`check_output`."""
    if out.suffix.lower() not in suffixes:
        raise XladdinError("output_format", path=str(out))
    check_output(out, inputs)


@contextmanager
def atomic_path(out: str | Path, protect: tuple[str | Path, ...] = ()):
    """Yield a temporary path beside ``out``; it replaces ``out`` only when the block succeeds.

    The previous ``out`` stays byte for byte on any failure; ``out`` may not be one of the ``protect``ed inputs;
    the new file keeps the old one's mode (or follows the umask); stale leftovers of killed runs are removed.
    """
    out = Path(out)
    check_output(out, protect)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, out.parent) from None
    remove_leftovers(out.parent)
    tmp = out.parent / temp_name()
    try:
        with _terminate_as_exit():
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                os.close(fd)
            except OSError as exc:
                raise os_error(exc, out) from None
            try:
                yield tmp
            except OSError as exc:
                raise os_error(exc, out) from None
            try:
                os.chmod(tmp, _mode_for(out))
                os.replace(tmp, out)
            except OSError as exc:
                raise os_error(exc, out) from None
    finally:
        _unlink(tmp)


@contextmanager
def temp_folder(out: str | Path):
    """A private folder beside ``out`` for a writer's scratch files (XlsxWriter's rows), removed on every exit."""
    out = Path(out)
    path = out.parent / temp_name("rows")
    try:
        path.mkdir(mode=0o700)
    except OSError as exc:
        raise os_error(exc, out) from None
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _name_max(folder: Path) -> int:
    """The longest file name the folder's file system takes (255 bytes on ext4, NTFS, APFS)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _mode_for(out: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(out).st_mode)
    except FileNotFoundError:
        return new_file_mode()


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:  # pragma: no cover - the folder turned read-only meanwhile: the next run removes it
        pass


@contextmanager
def _terminate_as_exit():
    """While a file is being written, SIGTERM unwinds like Ctrl-C (so the temporary file is removed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous not in (signal.SIG_DFL, None):
        yield                      # somebody else (a server) handles SIGTERM: leave it to them
        return

    def _exit(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
