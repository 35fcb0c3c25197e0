"""The publish loop: fetch → build when something changed → report → sleep.

Where it sits: the outermost layer, around ``site_gen.build.build``. Each turn it fetches
the branch (``site_gen.publish.follow``); it builds when the branch moved, when a post-receive
hook touched the wake file, or when the moment the output changes by itself has come
(``site_gen.content.moments.next_change`` of the content it last built, and the next local
midnight for the "today" pages). Between turns it sleeps in short slices, so the wake file is
noticed within a second. The clock and the sleep are passed in: tests run hours in seconds.

The service keeps one ``site_gen.warm.WarmBuilder`` for its whole life and hands it to every
build: a push is checked, staged and rendered from what the last build left in memory, into
a standby copy of the live site prepared while the service waited.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal, Protocol

from ..build import BuildRefused, BuildReport, build
from ..content.data import load_settings
from ..content.moments import next_change, next_midnight
from ..warm import WarmBuilder
from .follow import Follower, GitProblem
from .report import Problems, Reporter

log = logging.getLogger(__name__)

Reason = Literal["start", "push", "wake", "moment", "retry"]
Waited = Literal["poll", "wake", "moment"]


class Builder(Protocol):
    def __call__(self, content_root: Path, out: Path, *, date: str | None = ...,
                 repo: Path | None = ..., build_dir: Path | None = ...,
                 parallel: bool = ..., strict: bool = ...,
                 warm: WarmBuilder | None = ...) -> BuildReport: ...


@dataclass
class Publisher:
    follower: Follower
    out: Path  # the site nginx serves
    build_dir: Path  # staging, outside the clone
    every: float  # seconds between fetches
    now: Callable[[], datetime]  # an aware clock
    sleep: Callable[[float], None]
    reporter: Reporter
    wake: Path | None = None  # touched by deploy/git/post-receive
    content_dir: str = "content"  # inside the clone
    slice: float = 1.0  # longest single sleep: how soon a wake is noticed
    builder: Builder = build
    due: datetime | None = None  # when the output changes by itself next
    built: str = ""  # the commit last built
    failed: bool = False  # the last build broke (not refused): try again at the next poll
    recipients: tuple[str, ...] = ()  # publish_report_to of the last content that loaded
    builds: list[tuple[Reason, datetime, str]] = field(default_factory=list)
    # What the next build needs, kept between builds: the check of files a push did not
    # touch, the staging memos and render sessions of both languages, the standby copy.
    warm: WarmBuilder = field(default_factory=WarmBuilder)
    last: BuildReport | None = None  # the last build's report

    def run(self, turns: int | None = None) -> None:
        """Publish what is there, then follow the branch; ``turns`` limits the loop (tests)."""
        self.follower.ensure()
        self._woken()  # a wake from before the start is covered by the first build
        self.publish("start")
        count = 0
        while turns is None or count < turns:
            self.turn()
            count += 1

    def turn(self) -> Reason | None:
        """Wait for the next poll, wake or moment, then fetch and build if needed; the reason
        of the build, or ``None`` when nothing changed."""
        waited = self.wait()
        try:
            moved = self.follower.poll()
        except GitProblem as problem:
            log.error("%s; the site stays as last built, trying again in %g s", problem,
                      self.every)
            moved = None
        if moved is not None:
            reason: Reason = "wake" if waited == "wake" else "push"
        elif waited == "moment":
            reason = "moment"
        elif self.failed:
            reason = "retry"
        else:
            return None
        self.publish(reason)
        return reason

    def wait(self) -> Waited:
        """Sleep until the next fetch, a wake, or the moment ``due``."""
        next_poll = self.now() + timedelta(seconds=self.every)
        while True:
            if self._woken():
                return "wake"
            now = self.now()
            if self.due is not None and now >= self.due:
                return "moment"
            if now >= next_poll:
                return "poll"
            until = min(next_poll, self.due) if self.due is not None else next_poll
            self.sleep(max(0.0, min(self.slice, (until - now).total_seconds())))

    def _woken(self) -> bool:
        if self.wake is None:
            return False
        try:
            self.wake.unlink()
        except FileNotFoundError:
            return False
        except OSError as problem:  # e.g. no write access to its folder: say so, then poll
            log.error("cannot take the wake file %s: %s", self.wake, problem)
            self.wake = None
            return False
        return True

    def publish(self, reason: Reason) -> None:
        """Build the checked-out tree into ``out``; report its problems; set ``due``."""
        now = self.now()
        commit = self._head()
        work = self.follower.work
        # The build reads a pinned time in the company's zone (site.yml), so say it there.
        local = now.astimezone(load_settings(work / self.content_dir, []).zone)
        try:
            report = self.builder(work / self.content_dir, self.out,
                                  date=local.strftime("%Y-%m-%d %H:%M:%S"), repo=work,
                                  build_dir=self.build_dir, warm=self.warm)
        except BuildRefused as refused:
            log.error("commit %s (%s) not published: %s; the last site stays online",
                      commit[:10], reason, refused)
            self.failed, self.due = False, None
            self.reporter.report(Problems(general=refused.diagnostics), self.recipients,
                                 commit=commit, at=now)
            return
        except Exception:  # noqa: BLE001  # a full disk or a bug: the service must go on
            log.exception("commit %s (%s): the build failed; the last site stays online, "
                          "trying again in %g s", commit[:10], reason, self.every)
            self.failed = True
            return
        self.built, self.failed, self.last = commit, False, report
        self.builds.append((reason, now, commit))
        zone = report.content.settings.zone
        moments = [m for m in (next_change(report.content, now), next_midnight(now, zone)) if m]
        self.due = min(moments)
        log.info("published commit %s (%s) at %s: %s; live in %.1f s; next change by itself "
                 "at %s", commit[:10], reason, now.isoformat(timespec="seconds"),
                 ", ".join(f"{report.rendered.get(lang, n)} of {n} {lang} pages rendered"
                           + (f" ({report.full[lang]})" if report.full.get(lang) else "")
                           for lang, n in report.pages.items()),
                 report.seconds.get("live", 0.0), self.due.isoformat(timespec="minutes"))
        self.recipients = report.content.settings.publish_report_to
        self.reporter.report(Problems(left_out=report.left_out, held_back=report.held_back),
                             self.recipients, commit=commit, at=now)

    def _head(self) -> str:
        try:
            return self.follower.head()
        except GitProblem:
            return "unknown"
