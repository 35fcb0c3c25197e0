"""A static web server over a folder that fails on purpose, the way an intranet server does:
it is down, it drops the connection in the middle of a media file, it serves half a file."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class FaultySite:
    """``mode``: ``ok`` | ``cut`` (media: headers promise the whole file, half is sent, the
    connection closes and the server goes down) | ``cut-bundle`` (the same with
    ``bundle.json``) | ``truncate`` (media: half the file, with a matching Content-Length, as
    a broken proxy would)."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.mode = "ok"
        self.served: list[tuple[str, int]] = []
        self._up = False
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                rel = self.path.lstrip("/").split("?")[0]
                file = site.root / rel
                if not file.is_file():
                    site.served.append((rel, 404))
                    self.send_error(404)
                    return
                data = file.read_bytes()
                hit = (rel.startswith("media/") and site.mode in ("cut", "truncate")
                       or rel == "bundle.json" and site.mode == "cut-bundle")
                cut = hit and site.mode != "truncate"
                body = data[: len(data) // 2] if hit else data
                length = len(data) if cut else len(body)
                site.served.append((rel, 200))
                self.send_response(200)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(body)
                if cut:
                    self.wfile.flush()
                    self.close_connection = True
                    threading.Thread(target=site.down, daemon=True).start()

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        self._up = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bundle.json"

    def down(self) -> None:
        if self._up:
            self._up = False
            self.server.shutdown()
            self.server.server_close()
