"""A static web server on 127.0.0.1 that attacks the player's downloads on purpose: it pads
``bundle.json`` or a media file far past what is declared, trickles a file (or its headers)
a byte at a time, or redirects to another server. It counts the bytes it managed to send, so
a test can tell a client that stopped early from one that read everything."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHUNK = 1 << 16


class HostileSite:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.length = True  # send Content-Length (else the body ends when the server closes)
        self.junk: dict[str, int] = {}  # path prefix → bytes of junk after the real file
        self.trickle: dict[str, float] = {}  # path prefix → seconds between bytes of the body
        self.trickle_headers = 0.0  # seconds between bytes of the status line and headers
        self.redirect: dict[str, str] = {}  # path → Location
        self.moved = ""  # a folder whose every file is redirected to the same file at the top
        self.sent: dict[str, int] = {}  # path → body bytes written before the client left
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                rel = self.path.lstrip("/").split("?")[0]
                if site.moved and rel.startswith(site.moved):
                    site.redirect[rel] = "/" + rel[len(site.moved):]
                if rel in site.redirect:
                    self.send_response(302)
                    self.send_header("Location", site.redirect[rel])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                file = site.root / rel
                if not file.is_file():
                    self.send_error(404)
                    return
                body = file.read_bytes()
                extra = next((n for p, n in site.junk.items() if rel.startswith(p)), 0)
                gap = next((s for p, s in site.trickle.items() if rel.startswith(p)), 0.0)
                head = "HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n"
                if site.length:
                    head += f"Content-Length: {len(body) + extra}\r\n"
                head += "\r\n"
                site.sent[rel] = 0
                try:
                    if site.trickle_headers:
                        for byte in head.encode():
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(site.trickle_headers)
                    else:
                        self.wfile.write(head.encode())
                    self._body(rel, body, extra, gap)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: what it was sent is counted
                self.close_connection = True

            def _body(self, rel: str, body: bytes, extra: int, gap: float) -> None:
                if gap:
                    for i in range(len(body)):
                        self.wfile.write(body[i:i + 1])
                        self.wfile.flush()
                        site.sent[rel] += 1
                        time.sleep(gap)
                    return
                self.wfile.write(body)
                site.sent[rel] += len(body)
                junk = b"\0" * CHUNK
                while extra > 0:
                    n = min(extra, CHUNK)
                    self.wfile.write(junk[:n])
                    site.sent[rel] += n
                    extra -= n

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.origin}/bundle.json"

    def down(self) -> None:
        self.server.shutdown()
        self.server.server_close()
