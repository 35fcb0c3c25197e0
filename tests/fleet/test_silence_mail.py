"""A screen silent for more than N minutes is mailed once, and again when it comes back,
through a real SMTP server (aiosmtpd) and the digest's SMTP settings."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from site_gen.fleet.watch import Watch
from site_gen.mail import SmtpSettings
from tests.fleet.harness import Clock, running
from tests.fleet.test_heartbeat_service import NOW, beat
from tests.mailbox import Inbox, mails


def test_a_silent_screen_is_mailed_once_and_again_when_it_is_back(
        tmp_path: Path, smtp_server: tuple[int, Inbox]) -> None:
    port, inbox = smtp_server
    clock = Clock(NOW)
    with running(tmp_path / "fleet.sqlite3", clock, silent_minutes=10) as fleet:
        canteen = fleet.store.register("canteen", NOW)
        lobby = fleet.store.register("lobby", NOW)
        fleet.store.register("workshop", NOW)  # registered, never set up: no alarm
        watch = Watch(fleet.store, clock, 10, SmtpSettings("127.0.0.1", port),
                      "fleet@example.kz", ["screens@example.kz"], "http://intranet/fleet/")
        assert fleet.beat(beat([]), canteen)[0] == 200
        assert fleet.beat(beat([], screen="lobby"), lobby)[0] == 200

        clock.now = NOW + timedelta(minutes=9)
        assert fleet.beat(beat([], screen="lobby"), lobby)[0] == 200
        assert watch.check() == [] and inbox.received == []  # 9 minutes: not silent yet

        clock.now = NOW + timedelta(minutes=11)
        assert watch.check() == [("canteen", "silent")]
        (gone,) = mails(inbox)
        assert gone["Subject"] == "Экран canteen үнсіз / Экран canteen молчит"
        assert gone["To"] == "screens@example.kz"
        text = gone.get_content()
        assert "10 минуттан астам" in text and "более 10 мин" in text
        assert "http://intranet/fleet/" in text

        for minutes in (12, 30, 240):  # still silent: no second mail
            clock.now = NOW + timedelta(minutes=minutes)
            assert fleet.beat(beat([], screen="lobby"), lobby)[0] == 200
            assert watch.check() == []
        assert len(inbox.received) == 1

        assert fleet.beat(beat([]), canteen)[0] == 200  # back
        assert watch.check() == [("canteen", "back")]
        back = mails(inbox)[1]
        assert back["Subject"] == "Экран canteen қайта байланыста / Экран canteen снова на связи"
        assert watch.check() == [] and len(inbox.received) == 2


def test_a_mail_that_cannot_be_sent_is_tried_again(tmp_path: Path,
                                                   smtp_server: tuple[int, Inbox]) -> None:
    port, inbox = smtp_server
    clock = Clock(NOW)
    with running(tmp_path / "fleet.sqlite3", clock) as fleet:
        token = fleet.store.register("canteen", NOW)
        assert fleet.beat(beat([]), token)[0] == 200
        clock.now = NOW + timedelta(hours=1)
        closed = SmtpSettings("127.0.0.1", 1, timeout=2)  # nothing listens on port 1
        down = Watch(fleet.store, clock, 10, closed, "fleet@example.kz", ["a@example.kz"])
        assert down.check() == []
        up = Watch(fleet.store, clock, 10, SmtpSettings("127.0.0.1", port),
                   "fleet@example.kz", ["a@example.kz"])
        assert up.check() == [("canteen", "silent")] and len(inbox.received) == 1


def test_fleet_serve_watches_and_mails_through_the_digest_s_smtp_settings(
        tmp_path: Path, smtp_server: tuple[int, Inbox]) -> None:
    import os
    import subprocess
    import sys
    import time

    from site_gen.fleet.store import FleetStore
    from tests.security.nginx_harness import free_port

    port, inbox = smtp_server
    db = tmp_path / "var" / "fleet.sqlite3"
    token = FleetStore(db).register("canteen", NOW)
    fleet_port = free_port()
    env = {**os.environ, "JARSHY_SMTP_HOST": "127.0.0.1", "JARSHY_SMTP_PORT": str(port),
           "JARSHY_FLEET_TO": "screens@example.kz", "JARSHY_FLEET_FROM": "fleet@example.kz"}
    service = subprocess.Popen(
        [sys.executable, "-m", "site_gen.cli", "fleet", "serve", "--port", str(fleet_port),
         "--db", str(db), "--silent-minutes", "0.05", "--watch-every", "0.3",
         "--content", "content"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    try:
        assert service.stdout is not None
        assert "mail to screens@example.kz" in service.stdout.readline()
        from tests.fleet.harness import Fleet

        client = Fleet(fleet_port, FleetStore(db))  # the service in its own process
        assert client.beat(beat([]), token)[0] == 200

        def wait_for(count: int) -> None:
            deadline = time.monotonic() + 20
            while len(inbox.received) < count and time.monotonic() < deadline:
                time.sleep(0.1)

        wait_for(1)  # silent after 3 s
        assert [m["Subject"] for m in mails(inbox)] == [
            "Экран canteen үнсіз / Экран canteen молчит"]
        assert client.beat(beat([]), token)[0] == 200
        wait_for(2)
        assert mails(inbox)[1]["Subject"].startswith("Экран canteen қайта байланыста")
        assert inbox.received[0][1] == ["screens@example.kz"]
        assert inbox.received[0][0] == "fleet@example.kz"
    finally:
        service.terminate()
        service.communicate(timeout=10)
