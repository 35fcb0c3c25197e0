"""The publish service's own clone of the content repository, kept at the branch's tip.

Where it sits: first step of ``site_gen.publish.service``: before each build the service
fetches the configured branch from the repository editors push to and fast-forwards its
own working tree (``--work``), which nobody else edits. Plain ``git`` subprocess calls, no
library; a failure is a :class:`GitProblem` with git's own words, and the service goes on
with what it last built.
"""

from __future__ import annotations

import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


class GitProblem(Exception):
    """A git command failed; the message says which and why."""


@dataclass
class Follower:
    remote: str  # a path or URL git understands: /srv/jarshy/content.git
    branch: str  # main
    work: Path  # the service's own clone
    timeout: float = 120.0

    def _git(self, *args: str, cwd: Path | None = None) -> str:
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
        try:
            done = subprocess.run(["git", *args], cwd=cwd or self.work, env=env, text=True,
                                  capture_output=True, timeout=self.timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as problem:
            raise GitProblem(f"git {args[0]}: {problem}") from None
        if done.returncode != 0:
            words = (done.stderr or done.stdout).strip().splitlines()
            raise GitProblem(f"git {args[0]} failed: {words[-1] if words else done.returncode}")
        return done.stdout.strip()

    def ensure(self) -> str:
        """Clone the branch when there is no clone yet; return the commit checked out."""
        if not (self.work / ".git").is_dir():
            self.work.parent.mkdir(parents=True, exist_ok=True)
            self._git("clone", "--quiet", "--branch", self.branch, "--single-branch",
                      self.remote, str(self.work), cwd=self.work.parent)
            log.info("cloned %s (%s) into %s", self.remote, self.branch, self.work)
        else:
            self._git("remote", "set-url", "origin", self.remote)
        return self.head()

    def head(self) -> str:
        return self._git("rev-parse", "HEAD")

    def poll(self) -> str | None:
        """Fetch the branch; when its tip moved, bring the tree to it and return the new
        commit, else ``None``."""
        ref = f"refs/remotes/origin/{self.branch}"
        self._git("fetch", "--quiet", "origin", f"+refs/heads/{self.branch}:{ref}")
        tip = self._git("rev-parse", ref)
        if tip == self.head():
            return None
        try:
            self._git("merge", "--quiet", "--ff-only", tip)
        except GitProblem as problem:
            # The branch was rewritten (a force push): this clone is the service's own, so
            # it follows the branch as it now is.
            log.warning("%s; %s was rewritten, checking out its tip %s", problem,
                        self.branch, tip[:10])
            self._git("checkout", "--quiet", "--force", "--detach", tip)
        return tip
