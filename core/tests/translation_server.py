"""A local stand-in for LibreTranslate and DeepL: tests never reach the internet.

The server listens on 127.0.0.1 on a free port, records every request and
answers like the real services: each text comes back as "[<target>] <text>".
``mode`` makes it misbehave: "error" (HTTP 500), "forbidden" (HTTP 403),
"not-json", "wrong-count", "no-translations", "slow" (answers after
``delay`` seconds), "redirect" or "line-breaks" (a line break after the
target's tag).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        fake = self.server.fake
        fake.requests.append(Recorded(self.path, dict(self.headers), body))
        if fake.mode == "slow":
            fake.released.wait(fake.delay)
        if fake.mode == "redirect":
            self._send(302, b"", {"Location": "http://127.0.0.1:9/elsewhere"})
        elif fake.mode in {"error", "forbidden"}:
            status = 500 if fake.mode == "error" else 403
            self._send(status, json.dumps({"error": "no"}).encode())
        elif fake.mode == "not-json":
            self._send(200, b"<html>busy</html>")
        else:
            self._send(200, json.dumps(self._answer(body)).encode())

    def _answer(self, body: dict) -> dict:
        fake = self.server.fake
        if self.path == "/v2/translate":
            texts, target = body["text"], body["target_lang"]
        else:
            texts, target = body["q"], body["target"]
        separator = "\r\n" if fake.mode == "line-breaks" else " "
        translated = [f"[{target}]{separator}{text}" for text in texts]
        if fake.mode == "wrong-count":
            translated = translated[:-1]
        if fake.mode == "no-translations":
            return {"detail": "nothing"}
        if self.path == "/v2/translate":
            return {
                "translations": [{"detected_source_language": "DE", "text": t} for t in translated]
            }
        return {"translatedText": translated}

    def _send(self, status: int, payload: bytes, headers: dict | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout tests)

    def log_message(self, format, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    fake: FakeTranslationServer
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hung up is what the timeout tests are about


class FakeTranslationServer:
    """Use as a context manager; ``url`` is where it listens."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.mode = "ok"
        self.delay = 2.0
        self.released = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        # A short poll interval: shutting down waits for the next poll.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeTranslationServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
