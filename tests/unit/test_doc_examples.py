"""Every `site-gen` and `signage` example of docs/editors.md and of the README's editors'
block runs as written, on any date: with the real clock, not the demo's pinned day.

The demo and the other tests pin today with ``JARSHY_TODAY=2026-11-23``; an editor who
copies an example runs it on the real clock. Here ``JARSHY_TODAY`` is unset, and the clock
(``site_gen.clock``, the one place the commands read it) is today's, then half a year and a
year later. Each example runs in a copy of the example project, as the editor would run it
from the project folder.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import signage.cli
import site_gen.cli
import site_gen.clock
from signage.commands import preview as signage_preview
from site_gen.blog.letters import LetterIn
from site_gen.blog.store import LetterStore

REPO = Path(__file__).resolve().parent.parent.parent
ZONE = ZoneInfo("Asia/Almaty")
# Examples not run, and why. A synopsis (with [OPTIONS], CAPITAL placeholders or a | of
# choices) is a pattern, not a command, and is skipped too.
NOT_RUN = {
    "site-gen serve": "serves the site until stopped (tests/site/test_live_reload.py runs it)",
    "site-gen letters serve": "serves the letters endpoint until stopped "
                              "(tests/security/test_letters_proxy.py runs it behind nginx)",
    "site-gen digest --send": "sends e-mail (tests/unit/test_digest.py sends to a local server)",
}
# Examples whose documented outcome is not exit 0: (start of the command, exit code).
EXPECTED_EXIT: dict[str, int] = {}
_SYNOPSIS = re.compile(r"\[|\||\b[A-Z]{2,}\b(?!\.)")


@dataclass(frozen=True)
class Example:
    source: str  # docs/editors.md:469
    command: str

    @property
    def argv(self) -> list[str]:
        words = shlex.split(self.command, comments=True)
        words[0] = words[0].removeprefix(".venv/bin/")
        return words


def _blocks(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """(line of the fence, language, lines) of each fenced code block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^(```|~~~)(\S*)", lines[i])
        if m is None:
            i += 1
            continue
        start, lang, body = i + 1, m[2], []
        i += 1
        while i < len(lines) and not lines[i].startswith(m[1]):
            body.append(lines[i])
            i += 1
        yield start, lang, body
        i += 1


def examples_in(path: Path, only_after: str | None = None) -> list[Example]:
    text = path.read_text(encoding="utf-8")
    offset = 0
    if only_after is not None:  # the README: its editors' block only
        offset = text[: text.index(only_after)].count("\n")
        text = text[text.index(only_after):]
    found = []
    for start, lang, body in _blocks(text):
        if lang not in ("sh", "text", "console", "bash", ""):
            continue
        k = 0
        while k < len(body):
            line, number = body[k], start + offset + k + 1
            k += 1
            if lang == "text" or line.startswith("$ "):
                if not line.startswith("$ "):
                    continue  # output, not a command
                line = line[2:]
            if not re.match(r"(\.venv/bin/)?(site-gen|signage) ", line):
                continue
            while line.rstrip().endswith("\\") and k < len(body):
                line = line.rstrip()[:-1] + " " + body[k].strip()
                k += 1
            found.append(Example(f"{path.relative_to(REPO)}:{number}", line.strip()))
    return found


ALL = (examples_in(REPO / "docs" / "editors.md")
       + examples_in(REPO / "README.md", only_after="## For editors"))


def _runnable(e: Example) -> bool:
    plain = " ".join(e.argv)
    return not _SYNOPSIS.search(shlex.join(e.argv[1:]).replace("'", "")) and \
        not any(plain.startswith(k) for k in NOT_RUN)


RUN = [e for e in ALL if _runnable(e)]
MOMENTS = {
    "today": None,  # the real clock
    "in-half-a-year": timedelta(days=182),
    "a-year-later": timedelta(days=365),
}


def test_the_examples_are_found() -> None:
    commands = [" ".join(e.argv) for e in ALL]
    assert any(c.startswith("site-gen poster ") for c in commands)
    assert any(c.startswith("signage preview ") for c in commands)
    assert any(c.startswith("site-gen report ") for c in commands)
    assert sum(e.source.startswith("README.md") for e in ALL) >= 5
    skipped = [e for e in ALL if e not in RUN]
    assert all(_SYNOPSIS.search(e.command) or any(" ".join(e.argv).startswith(k)
               for k in NOT_RUN) for e in skipped)
    assert len(RUN) >= 25


def _fake_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    class Fixed(datetime):
        """The real clock's type, standing still at ``moment``."""

        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Fixed:
            return cls.fromtimestamp(moment.timestamp(), tz)

    monkeypatch.setattr(site_gen.clock, "datetime", Fixed)
    monkeypatch.setattr(signage_preview, "datetime", Fixed)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project as a clone has it, and the register of letters the blog's
    service would have filled by then (the office's examples work on it): 42 letters of
    November 2026, so 2026-0042 exists."""
    project = tmp_path_factory.mktemp("project")
    for name in ("content", "themes", "docs"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "var").mkdir(mode=0o700)
    store = LetterStore(project / "var" / "letters.sqlite3")
    for n in range(42):
        store.add(LetterIn(name="Айгүл Серікқызы", department="Қазандық", lang="kk",
                           text=f"Асханадағы кезек туралы сұрақ {n + 1}."),
                  datetime(2026, 11, 2 + n % 20, 9, 30, tzinfo=ZONE))
    return project


@pytest.mark.slow
@pytest.mark.parametrize("when", list(MOMENTS))
def test_every_documented_example_runs_as_written(
        when: str, pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("JARSHY_TODAY", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    shift = MOMENTS[when]
    if shift is not None:
        _fake_clock(monkeypatch, datetime.now(ZONE) + shift)
    failed = []
    done: set[str] = set()
    for e in RUN:
        document = e.source.split(":")[0]
        if document not in done:  # each document's examples in a fresh copy, in order
            done.add(document)
            project = tmp_path / document.replace("/", "-")
            shutil.copytree(pristine, project)
            monkeypatch.chdir(project)
        argv = [a.replace("~", str(tmp_path / "home"), 1) if a.startswith("~") else a
                for a in e.argv]
        main = site_gen.cli.main if argv[0] == "site-gen" else signage.cli.main
        try:
            code = main(argv[1:])
        except SystemExit as stop:  # argparse refusing the example's options
            code = stop.code if isinstance(stop.code, int) else 2
        said = capsys.readouterr()
        wanted = next((c for k, c in EXPECTED_EXIT.items() if " ".join(argv).startswith(k)), 0)
        if code != wanted:
            failed.append(f"{e.source}: `{e.command}` exited {code}, not {wanted}\n"
                          f"{said.err[-600:] or said.out[-600:]}")
    assert failed == [], "\n".join(failed)
