"""systemd's watchdog: the player's main loop tells systemd it is alive, and only while the
sync thread is alive too.

Where it sits: ``signage.commands.play`` makes a :class:`Watchdog` when systemd gave the
player a notification socket (``$NOTIFY_SOCKET``; the unit sets ``Type=notify``,
``NotifyAccess=all`` and ``WatchdogSec=``, see ``deploy/systemd/jarshy-player.service``);
``signage.player`` calls :meth:`Watchdog.ready` when the loop starts and :meth:`Watchdog.tick`
on every iteration. A ping therefore proves that the loop turns; it is sent only while the
sync worker (``signage.sync.SyncWorker``) has reported within its deadline, so a loop that
hangs, or a sync thread that died or hangs, stops the pings and systemd restarts the player.

The unit's main process is the X session (``xinit``), not the player, so systemd's
``$WATCHDOG_PID`` names another process: the player does not ask ``sd_watchdog_enabled``,
it pings whenever there is a socket, at half of ``$WATCHDOG_USEC`` (10 s when unset).
"""

from __future__ import annotations

import logging
import os
from typing import Protocol

import sdnotify  # type: ignore[import-untyped]  # sdnotify ships no type information

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 10.0  # seconds between pings when systemd does not say


class SyncHealth(Protocol):
    def problem(self) -> str | None:
        """None while the sync thread reports in time; else why not, in words."""


class Notifier(Protocol):
    def notify(self, state: str) -> None: ...


class Watchdog:
    """``READY=1`` once, then ``WATCHDOG=1`` every ``interval`` seconds of the loop's clock
    while ``sync`` (if any) is healthy. Stopping and resuming are each logged once."""

    def __init__(self, notifier: Notifier, interval: float,
                 sync: SyncHealth | None = None) -> None:
        self.notifier = notifier
        self.interval = interval
        self.sync = sync
        self._last: float | None = None
        self._withheld: str | None = None

    @classmethod
    def from_env(cls, sync: SyncHealth | None = None) -> Watchdog | None:
        """A watchdog when systemd is listening (``$NOTIFY_SOCKET``), else None."""
        if not os.environ.get("NOTIFY_SOCKET"):
            return None
        try:
            interval = int(os.environ.get("WATCHDOG_USEC", "")) / 2e6
        except ValueError:
            interval = DEFAULT_INTERVAL
        notifier = sdnotify.SystemdNotifier()
        if notifier.socket is not None:
            # A slow reader must never stall the loop: a ping that does not fit in the
            # socket is dropped (sdnotify ignores the error) and the next one goes out.
            notifier.socket.setblocking(False)
        return cls(notifier, interval if interval > 0 else DEFAULT_INTERVAL, sync)

    def ready(self) -> None:
        self.notifier.notify("READY=1")

    def tick(self, t: float) -> None:
        """Called by the loop with its monotonic time; pings when one is due."""
        if self._last is not None and t - self._last < self.interval:
            return
        problem = self.sync.problem() if self.sync is not None else None
        if problem is not None:
            if self._withheld is None:
                log.error("%s; no more watchdog pings, so systemd restarts the player", problem)
            self._withheld = problem
            return
        if self._withheld is not None:
            log.warning("the sync thread reports again; watchdog pings resume")
            self._withheld = None
        self.notifier.notify("WATCHDOG=1")
        self._last = t
