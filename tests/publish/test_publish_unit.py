"""deploy/systemd/jarshy-publish.service: systemd accepts it, its command parses, the hook
it names is shipped, and the nightly rebuild timer is gone."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from site_gen.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
UNIT = REPO / "deploy" / "systemd" / "jarshy-publish.service"


def settings() -> dict[str, list[str]]:
    text = UNIT.read_text(encoding="utf-8").replace("\\\n", " ")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            out.setdefault(key.strip(), []).append(value.strip())
    return out


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text(encoding="utf-8").replace(
        "/srv/jarshy/repo/.venv/bin/site-gen", "/bin/true"), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_the_unit_runs_the_service_woken_where_the_hook_touches() -> None:
    unit = settings()
    command = shlex.split(unit["ExecStart"][0])
    assert command[1] == "publish"
    args = build_parser(command[1:]).parse_args(command[1:])
    assert (args.repo, args.branch, args.every) == ("/srv/jarshy/content.git", "main", 30)
    assert args.wake.parent == Path("/run") / unit["RuntimeDirectory"][0]
    hook = (REPO / "deploy" / "git" / "post-receive").read_text(encoding="utf-8")
    assert f"echo {args.wake})" in hook  # the hook's default is the unit's wake file
    assert unit["Type"] == ["simple"] and unit["Restart"] == ["on-failure"]


def test_no_nightly_rebuild_timer_is_left() -> None:
    assert sorted(p.name for p in (REPO / "deploy" / "systemd").glob("jarshy-site-build*")) == []
    for path in [REPO / "README.md", *(REPO / "docs").glob("*.md"),
                 *(REPO / "deploy").rglob("*")]:
        if path.is_file():
            assert "jarshy-site-build" not in path.read_text(encoding="utf-8"), path


def test_a_repository_that_cannot_be_cloned_is_named(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from site_gen.cli import main

    code = main(["publish", "--repo", str(tmp_path / "nowhere.git"), "--work",
                 str(tmp_path / "work"), "--out", str(tmp_path / "site"), "--every", "30"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("site-gen publish: git clone failed: ") and "check --repo" in err
    assert not (tmp_path / "site").exists()


def test_a_fetch_every_fraction_of_a_second_is_refused(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    from site_gen.cli import main

    assert main(["publish", "--repo", "x", "--work", str(tmp_path), "--out",
                 str(tmp_path / "site"), "--every", "0.1"]) == 2
    assert "--every 0.1: fetch at most once a second" in capsys.readouterr().err
