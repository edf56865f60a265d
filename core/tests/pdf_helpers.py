"""Helpers for the tests of PDF renderers: a local server that records every
request (so a test can show a URL was not fetched), and the page sizes of a PDF."""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

A4 = (595.28, 841.89)  # points
A5 = (419.53, 595.28)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        body = b"@page { size: A5 }" if self.path.endswith(".css") else b""
        self.send_response(200)
        self.send_header("Content-Type", "text/css" if body else "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """``(origin, hits)`` of a server on 127.0.0.1; ``hits`` lists requested paths."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.hits = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.hits  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def hostile_references(origin: str, tmp_path) -> str:
    """HTML that asks for a local file, the metadata service and a local server.

    A stylesheet at ``file://`` and one at ``origin`` would both turn the
    page to A5 if they were loaded.
    """
    local_css = tmp_path / "evil.css"
    local_css.write_text("@page { size: A5 }")
    return (
        '<img src="file:///etc/passwd" alt="">'
        f'<link rel="stylesheet" href="file://{local_css}">'
        f'<link rel="stylesheet" href="{origin}/x.css">'
        f'<img src="{origin}/pixel.png" alt="">'
        '<img src="http://169.254.169.254/latest/meta-data/" alt="">'
        '<img src="ftp://127.0.0.1:9/x.png" alt="">'
    )


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height in points of each page, read from the (compressed) PDF."""
    boxes = re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            boxes += re.findall(rb"/MediaBox \[([^\]]*)\]", zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return [(round(float(box.split()[2]), 2), round(float(box.split()[3]), 2)) for box in boxes]
