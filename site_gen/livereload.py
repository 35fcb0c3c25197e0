"""The live preview's server: ProperDocs' LiveReloadServer, its reload script served as a file.

Where it sits: ``site_gen.serve.make_server`` builds it over the preview folder for
``site-gen serve``. ProperDocs' server (``properdocs.livereload``) serves the pages, watches
the folders and calls our builder; into every HTML page it sends it adds an inline
``<script>`` that polls it and reloads the page after a rebuild. Our pages forbid inline
scripts (the Content-Security-Policy in ``themes/main.html``: ``script-src 'self'``, the same
in the preview as on the intranet), so that script would never run. Here the page gets
``<script src="/.site-gen/livereload.js" data-epoch=… data-request-id=…>`` instead: the same
poller (``site_gen/livereload.js``), from the server's own origin, which the policy allows.

The one ProperDocs name that is not public API used here is the method that adds the script,
``LiveReloadServer._inject_js_into_html``; ``tests/site/test_live_reload.py`` fails (no
reload in the browser) if a ProperDocs release changes it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from properdocs.livereload import LiveReloadServer

SCRIPT_PATH = "/.site-gen/livereload.js"
SCRIPT = (Path(__file__).with_name("livereload.js")).read_bytes()


class PreviewServer(LiveReloadServer):
    """ProperDocs' server with the reload script linked, not inlined."""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        tag = (f'<script src="{SCRIPT_PATH}" data-epoch="{int(epoch)}" '
               f'data-request-id="{time.monotonic_ns()}"></script>').encode()
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + tag + content[end:]

    def serve_request(self, environ: dict[str, Any],
                      start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == SCRIPT_PATH:
            start_response("200 OK", [("Content-Type", "text/javascript; charset=utf-8"),
                                      ("Content-Length", str(len(SCRIPT))),
                                      ("Cache-Control", "no-cache")])
            return [SCRIPT]
        result: Iterable[bytes] = super().serve_request(environ, start_response)
        return result


__all__ = ["SCRIPT_PATH", "PreviewServer"]
