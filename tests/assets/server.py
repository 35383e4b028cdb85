"""A real HTTP server on 127.0.0.1 (Python's http.server in a thread) serving sample assets and
every way a download can go wrong. It counts requests per path and the most in flight at once."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager


def png(name: str) -> bytes:
    """Small distinct bytes that start like a PNG (the content, not the decoding, is what is tested)."""
    return b"\x89PNG\r\n\x1a\n" + hashlib.sha256(name.encode()).digest() * 8


PDF = b"%PDF-1.4\n% our own sample attachment\n"
SHARED = png("shared bytes")


class AssetServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        self.delay = delay
        #: set to let held requests (slow, hang, /z-hold/*) go on; set at shutdown
        self.release = threading.Event()
        #: set when a request to /z-hold/* arrives (a run can be killed at that moment)
        self.held = threading.Event()
        self.user_agents: set[str] = set()
        #: extra paths -> (status, content type, body), for benchmarks
        self.extra: dict[str, bytes] = {}

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up (the point of some tests) is no error here

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: AssetServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        srv = self.server
        path = self.path
        with srv.lock:
            srv.hits[path] += 1
            n = srv.hits[path]
            srv.active += 1
            srv.max_active = max(srv.max_active, srv.active)
            srv.user_agents.add(self.headers.get("User-Agent", ""))
        try:
            self.answer(path, n)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with srv.lock:
                srv.active -= 1

    def send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def answer(self, path: str, n: int) -> None:
        srv = self.server
        if srv.delay:
            srv.release.wait(srv.delay)  # a slow server: requests overlap
        if path in srv.extra:
            return self.send(200, "image/png", srv.extra[path])
        if path.startswith("/img/") or (path.startswith("/attachments/") and path.endswith(".png")):
            return self.send(200, "image/png", png(path))
        if path.startswith("/same/"):
            return self.send(200, "image/png", SHARED)
        if path.startswith(("/files/", "/attachments/")) and path.endswith(".pdf"):
            return self.send(200, "application/pdf", PDF + path.encode())
        if path.startswith("/tiki-download_file.php"):
            return self.send(200, "application/pdf", PDF + path.encode())
        if path == "/missing.png":
            return self.send(404, "text/html", b"<h1>Not found</h1>")
        if path == "/secret.png":
            return self.send(403, "text/html", b"<h1>Forbidden</h1>")
        if path == "/elsewhere.png":
            # another host name (never contacted: a redirect off the old site is not followed)
            return self.send(302, "text/html", b"", {"Location": "http://localhost:9/x.png"})
        if path == "/renamed.png":
            return self.send(301, "text/html", b"", {"Location": "/img/renamed-target.png"})
        if path == "/page.png":
            return self.send(200, "text/html", b"<html>a login page, not an image</html>")
        if path == "/huge.png":
            return self.send(200, "image/png", b"\x89PNG" + b"\0" * (3 * 1024 * 1024))
        if path == "/huge-chunked.png":
            # no Content-Length: the size shows only while reading
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(48):
                self.wfile.write(b"\0" * 65536)
            self.close_connection = True
            return None
        if path == "/dropped.png":
            # promises 4096 bytes, sends 100, hangs up: every time
            return self.drop()
        if path == "/flaky.png":
            return self.drop() if n == 1 else self.send(200, "image/png", png(path))
        if path == "/busy.png":
            if n <= 2:
                return self.send(503, "text/plain", b"busy")
            return self.send(200, "image/png", png(path))
        if path == "/broken-server.png":
            return self.send(500, "text/plain", b"oops")
        if path == "/hang.png":
            srv.release.wait(10)  # longer than the client's timeout
            return self.send(200, "image/png", png(path))
        if path.startswith("/z-hold/"):
            srv.held.set()
            srv.release.wait(30)
            return self.send(200, "image/png", png(path))
        return self.send(404, "text/plain", b"no such sample")

    def drop(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", "4096")
        self.end_headers()
        self.wfile.write(b"\x89PNG" + b"\0" * 96)
        self.wfile.flush()
        self.close_connection = True


@contextmanager
def serving(delay: float = 0.0) -> Iterator[AssetServer]:
    srv = AssetServer(delay)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.release.set()
        srv.shutdown()
        srv.server_close()
        thread.join(5)
