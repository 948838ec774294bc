"""The documentation: the site builds without a broken link, and the commands it quotes run as written.

What counts as a command (the convention is also stated in docs/development.md):
- every line of a fenced block marked ``bash``, ``sh``, ``shell`` or ``console`` (a ``console`` block: the lines
  after a ``$`` prompt), a trailing backslash joining lines;
- lines starting with ``xladdin `` or ``make `` in an unmarked fenced block.
Blocks marked ``text``, ``powershell`` or any other language are shown, not run: that is how a page quotes a
command that needs Windows, Excel, or a server that keeps running.
A command ending in ``# exit N`` must exit with N, every other one with 0.
``make test`` is never run from here: it runs this test suite, which would run itself.
Commands quoted inline in the text, and the lines of `text` blocks starting with ``xladdin ``, are mentions and
synopses: each must name an existing command, and every option it names must exist on that command.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.main import get_command

from xladdin.cli import app

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
RUN_LANGS = {"bash", "sh", "shell", "console"}
NOT_RUN = {"make test": "runs the whole test suite, of which this test is part"}
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([\w+-]*)")


def doc_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


@dataclass(frozen=True)
class Command:
    text: str
    expect: int
    source: str  # file:line, for the failure message


def _logical_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join backslash continuations; drop comments and blank lines."""
    out: list[tuple[int, str]] = []
    buffer, start = "", 0
    for number, line in lines:
        if not buffer:
            start = number
        if line.rstrip().endswith("\\"):
            buffer += line.rstrip()[:-1].rstrip() + " "
            continue
        text = (buffer + line.strip()).strip()
        buffer = ""
        if text and not text.startswith("#"):
            out.append((start, text))
    return out


def fenced_blocks(path: Path):
    """Yield (language, [(line number, text)]) for each fenced block of a Markdown file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, marker, language = match.groups()
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(marker):
            body.append((i + 1, lines[i][len(indent):] if lines[i].startswith(indent) else lines[i]))
            i += 1
        i += 1
        yield language.lower(), body


def blocks_to_run() -> list[list[Command]]:
    """Every runnable block of the README and docs/, as lists of commands, in reading order."""
    blocks = []
    for path in doc_files():
        name = path.relative_to(ROOT).as_posix()
        for language, body in fenced_blocks(path):
            if language == "console":
                body = [(n, t.strip()[2:]) for n, t in body if t.strip().startswith("$ ")]
            elif language == "":
                body = [(n, t) for n, t in body if t.startswith(("xladdin ", "make "))]
            elif language not in RUN_LANGS:
                continue
            commands = []
            for number, text in _logical_lines(body):
                expect = 0
                exit_note = re.search(r"\s+#\s*exit\s+(\d+)\s*$", text)
                if exit_note:
                    expect, text = int(exit_note.group(1)), text[: exit_note.start()]
                text = re.sub(r"\s+#\s.*$", "", text)  # a trailing comment explains, it does not run
                commands.append(Command(text, expect, f"{name}:{number}"))
            if commands:
                blocks.append(commands)
    return blocks


def synopses() -> list[tuple[str, str]]:
    """Commands shown, not run: inline code spans starting with `xladdin ` or `make ` outside fenced blocks, and
    the lines of `text` blocks starting with `xladdin ` (an indented line continues the one above)."""
    found = []
    for path in doc_files():
        name = path.relative_to(ROOT).as_posix()
        fenced = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if fenced:
                continue
            for span in re.findall(r"`([^`]+)`", line):
                if span.startswith(("xladdin ", "make ")):
                    found.append((span, f"{name}:{number}"))
        for language, body in fenced_blocks(path):
            if language != "text":
                continue
            for number, line in body:
                if line.startswith("xladdin "):
                    found.append((line.strip(), f"{name}:{number}"))
                elif line.startswith(" ") and found and found[-1][1] == f"{name}:{number - 1}":
                    found[-1] = (found[-1][0] + " " + line.strip(), found[-1][1])
    return found


def test_the_docs_quote_commands_of_every_kind():
    """The extractor finds what the pages show: the quick start, every user's tour, credits, the server."""
    texts = [c.text for block in blocks_to_run() for c in block]
    for expected in ("make demo", "xladdin import ", "xladdin explain ", "xladdin whatif ", "xladdin goalseek ",
                     "xladdin credits check ", "xladdin serve --public-url", "xladdin rules check "):
        assert any(t.startswith(expected) for t in texts), expected
    assert "make test" in texts  # quoted in the quick start, deliberately not run (NOT_RUN)
    # a server that keeps running, and Windows commands, are shown in blocks that are not run
    assert not any(t.strip() == "xladdin serve" for t in texts)
    assert not any("C:\\xladdin" in t for t in texts)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """A copy of what the commands need: the sample workbooks, the Makefile and a .venv that is this one.

    `.venv/` holds links to this environment's executables and a fresh install stamp, so `make demo` runs the
    installed xladdin instead of installing it again.
    """
    root = tmp_path_factory.mktemp("docs-commands")
    shutil.copytree(ROOT / "workbooks", root / "workbooks")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for entry in VENV_BIN.iterdir():
        (bin_dir / entry.name).symlink_to(entry)
    stamp = root / ".venv" / ".installed"
    stamp.touch()
    os.utime(stamp, (os.path.getmtime(root / "pyproject.toml") + 1,) * 2)
    return root


COMMAND_TIMEOUT = 120   # seconds; a documented command that keeps running (a server) belongs in a `text` block


def _run(command: str, exports: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{cwd / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
               COLUMNS="100", NO_COLOR="1")
    env.pop("XLWINGS_LICENSE_KEY", None)  # the page's own `export` must be what makes it work
    script = "\n".join([*exports, command])
    with subprocess.Popen(["bash", "-c", script], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, start_new_session=True) as process:
        try:
            out, err = process.communicate(timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            err += f"\n(still running after {COMMAND_TIMEOUT} s: a command that keeps running goes in a `text` block)"
            return subprocess.CompletedProcess(script, -9, out, err)
    return subprocess.CompletedProcess(script, process.returncode, out, err)


def _run_block(block: list[Command], cwd: Path) -> list[str]:
    """Run one block's commands in order (its `export` lines before each); return the failures."""
    exports = [c.text for c in block if c.text.startswith("export ")]
    failures = []
    for command in block:
        if command.text.startswith("export "):
            continue
        result = _run(command.text, exports, cwd)
        if result.returncode != command.expect:
            failures.append(f"{command.source}: `{command.text}` exited {result.returncode} "
                            f"(expected {command.expect})\n{result.stdout[-800:]}\n{result.stderr[-800:]}")
        elif "Traceback" in result.stderr:
            failures.append(f"{command.source}: `{command.text}` printed a traceback\n{result.stderr[-800:]}")
    return failures


def test_every_quoted_command_runs_as_written(sandbox):
    """Each distinct command once; blocks run two at a time (the commands of a block stay in order)."""
    seen: set[str] = set()
    plan = []
    for block in blocks_to_run():
        kept = []
        for command in block:
            if command.text.startswith("export "):
                kept.append(command)
            elif command.text not in NOT_RUN and command.text not in seen:
                seen.add(command.text)
                kept.append(command)
        if any(not c.text.startswith("export ") for c in kept):
            plan.append(kept)
    ran = sum(1 for block in plan for c in block if not c.text.startswith("export "))
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for result in pool.map(lambda b: _run_block(b, sandbox), plan) for f in result]
    assert not failures, "\n\n".join(failures)
    assert ran >= 25
    # the quick start and the tours wrote what the pages say they write
    for written in ("out/rapport.xlsx", "out/whatif.xlsx", "out/pae.xlsx", "out/xladdin-manifest.xml"):
        assert (sandbox / written).stat().st_size > 0, written
    assert any((sandbox / "out").glob("*.xlsx"))


def _resolve(tokens: list[str]):
    """Walk `xladdin a b …` down the command tree; return the command reached and the path taken.

    Typer carries its own copy of click, so a group is recognised by its `commands`, not by its class.
    """
    command = get_command(app)
    path = []
    for token in tokens:
        if not hasattr(command, "commands") or token.startswith("-"):
            break
        alternatives = token.split("|")
        known = [a for a in alternatives if a in command.commands]
        if not known:
            break
        assert known == alternatives, f"unknown subcommand in {token!r} under {' '.join(path) or 'xladdin'}"
        path.append(token)
        if len(alternatives) > 1:
            return None, path
        command = command.commands[token]
    return command, path


def test_shown_commands_name_existing_commands_and_options():
    spans = synopses()
    assert len(spans) >= 20
    make_targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(), re.M))
    problems = []
    for span, source in spans:
        tokens = shlex.split(span.replace("…", " "), posix=True) if span.count('"') % 2 == 0 else span.split()
        if tokens[0] == "make":
            missing = [t for t in tokens[1:] if not t.startswith("-") and t not in make_targets]
            if missing:
                problems.append(f"{source}: `{span}`: no make target {missing}")
            continue
        try:
            command, path = _resolve(tokens[1:])
        except AssertionError as error:
            problems.append(f"{source}: `{span}`: {error}")
            continue
        if not path and tokens[1:2] and tokens[1].isupper():  # `xladdin COMMAND --help`: any command
            continue
        if not path:
            problems.append(f"{source}: `{span}`: no such command")
            continue
        if command is None:  # a list of alternatives (`credits lint|check|…`): each one exists
            continue
        if hasattr(command, "commands"):
            problems.append(f"{source}: `{span}`: `{' '.join(path)}` needs a subcommand")
            continue
        options = {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
        for option in re.findall(r"(?<![\w-])(--[a-z][\w-]*)", span):
            if option not in options:
                problems.append(f"{source}: `{span}`: `xladdin {' '.join(path)}` has no option {option}")
    assert not problems, "\n".join(problems)


def test_site_builds_strict(tmp_path):
    """`mkdocs build --strict`: every page in the nav, every link and anchor resolves."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"),
                             "--config-file", str(ROOT / "mkdocs.yml")], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "guides/clerk/index.html", "reference/cli/index.html", "rules/ZH/index.html"):
        assert (tmp_path / "site" / page).is_file(), page


def test_readme_links_resolve():
    """The README is read on the repository's front page, outside the site: its relative links must exist."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", readme)
    assert links
    missing = [link for link in links if "://" not in link and not (ROOT / link).exists()]
    assert not missing


def test_readme_is_short_and_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 150
    heading = re.search(r"^#+ .*(quick ?start|démarrage).*$", readme, re.M | re.I)
    assert heading
    first_block = next(body for language, body in fenced_blocks(ROOT / "README.md") if language in RUN_LANGS)
    assert [text for _, text in _logical_lines(first_block)] == ["make demo", "make test"]
    assert readme.index(heading.group(0)) < readme.index("make demo")
    for tour in ("Clerk", "Finance officer", "Registrar", "IT"):
        assert re.search(rf"^## {tour}\b", readme, re.M), tour


def test_docs_speak_of_the_project_only():
    """No machine paths, no word about how the code was produced; the stray files are gone."""
    pattern = re.compile(r"(/work/|/tmp/|/home/|/root/|\bLLM\b|\bClaude\b|\b(?:AI|coding) agents?\b)", re.I)
    hits = []
    for path in doc_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not hits, "\n".join(hits)
    assert not (ROOT / "docs" / "CONTRIBUTING-AGENTS.md").exists()
    assert not list(ROOT.glob("*.whl"))


@pytest.mark.slow
def test_quick_start_from_a_clean_clone(tmp_path):
    """`make demo` on a clone of the committed tree, with a new .venv installed from nothing.

    `make test` is the command that runs this test; `.ci/run` runs it on a clean clone, so it is not run here.
    """
    if shutil.which("git") is None or shutil.which("make") is None:
        pytest.fail("git and make are needed for the quick start")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
    # Not the make that runs this test (MAKELEVEL would make the inner make print "Leaving directory" last).
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if Path(p) != VENV_BIN)
    result = subprocess.run(["make", "demo"], cwd=clone, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (clone / ".venv" / "bin" / "xladdin").exists()
    reports = list((clone / "out").glob("*.xlsx"))
    assert reports and all(r.stat().st_size > 0 for r in reports)
    # the last line names the file the README says to open
    assert any(r.name in result.stdout.strip().splitlines()[-1] for r in reports)
