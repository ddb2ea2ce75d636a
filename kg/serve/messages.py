"""HTTP/1.1 as bytes, apart from any socket: a request's head read, or the answer refusing it, and
an answer written out."""

from __future__ import annotations

import http.client
import io
import re
from dataclasses import dataclass
from email.message import Message
from email.utils import formatdate
from http import HTTPStatus

from kg.sparql_protocol import Response, message

SERVER_NAME = "kg-serve"
METHODS = ("GET", "POST")
MAX_LINE_BYTES = 65536  # the request line, as http.server has it
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_VERSION = re.compile(r"HTTP/(\d+)\.(\d+)")


@dataclass(frozen=True)
class RequestHead:
    """A request line and its headers."""

    method: str
    target: str
    version: str
    headers: Message
    line: str  # as sent, for the log

    @property
    def keep_alive(self) -> bool:
        """Whether the client wants the connection kept for another request."""
        connection = self.headers.get("Connection", "").lower()
        if self.version == "HTTP/1.0":
            return connection == "keep-alive"
        return connection != "close"


@dataclass(frozen=True)
class Request:
    """A request read whole: the server answers it only then."""

    head: RequestHead
    body: bytes
    client: str

    @property
    def headers(self) -> Message:
        return self.head.headers


def head_end(buffer: bytes | bytearray) -> int | None:
    """Where the head that starts ``buffer`` ends (after its blank line); None while it is
    incomplete.

    >>> head_end(b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\nbody"), head_end(b"GET / HTTP/1.1\\r\\n")
    (27, None)
    """
    found = _HEAD_END.search(buffer.lstrip(b"\r\n"))
    if found is None:
        return None
    return found.end() + len(buffer) - len(buffer.lstrip(b"\r\n"))


def head_too_large(buffer: bytes | bytearray) -> Response:
    """The answer to a head that grew past the limit without ending."""
    if b"\n" not in buffer.lstrip(b"\r\n")[:MAX_LINE_BYTES]:
        return message(414, f"the request line is longer than {MAX_LINE_BYTES} bytes")
    return message(431, "the request's headers are too large")


def parse_head(data: bytes) -> RequestHead | Response:
    """A request head (the bytes up to and with its blank line), or the 4xx/5xx refusing it.

    >>> head = parse_head(b"POST /sparql HTTP/1.1\\r\\nContent-Length: 3\\r\\n\\r\\n")
    >>> head.method, head.target, head.headers["Content-Length"], head.keep_alive
    ('POST', '/sparql', '3', True)
    >>> parse_head(b"GET /sparql\\r\\n\\r\\n").status, parse_head(b"GET / HTTP/2.0\\r\\n\\r\\n").status
    (400, 505)
    """
    line_bytes, _, rest = data.lstrip(b"\r\n").partition(b"\n")
    if len(line_bytes) > MAX_LINE_BYTES:
        return message(414, f"the request line is longer than {MAX_LINE_BYTES} bytes")
    line = line_bytes.decode("iso-8859-1").rstrip("\r")
    words = line.split()
    if len(words) != 3:
        return message(400, f"bad request line {line[:200]!r}")
    method, target, version = words
    found = _VERSION.fullmatch(version)
    if found is None:
        return message(400, f"bad HTTP version {version[:50]!r}")
    if int(found.group(1)) >= 2:
        return message(505, f"HTTP version {version} is not supported: use HTTP/1.1")
    try:
        headers = http.client.parse_headers(io.BytesIO(rest))
    except http.client.LineTooLong:
        return message(431, "a header line is too long")
    except http.client.HTTPException as e:  # more than 100 headers
        return message(431, f"the request's headers are too many: {e}")
    if method not in METHODS:
        return message(501, f"method {method[:50]!r} is not supported: use GET or POST")
    return RequestHead(method, target, version, headers, line)


def body_length(head: RequestHead, limit: int) -> int | Response:
    """How many body bytes follow the head, or the 4xx refusing to read them.

    >>> head = parse_head(b"POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n")
    >>> body_length(head, 100).status
    411
    """
    if "Transfer-Encoding" in head.headers:
        return message(411, "send the body with a Content-Length (chunked bodies are not taken)")
    lengths = set(head.headers.get_all("Content-Length") or ["0"])
    length = lengths.pop().strip()
    if lengths or not length.isdigit():
        return message(400, "the Content-Length must be one number")
    if int(length) > limit:
        return message(413, f"send a Content-Length of at most {limit} bytes")
    return int(length)


def expects_continue(head: RequestHead) -> bool | Response:
    """Whether the client waits for ``100 Continue`` before its body (curl does, past 1 KB), or
    the 417 for an expectation we cannot meet."""
    expectation = head.headers.get("Expect")
    if expectation is None:
        return False
    if expectation.strip().lower() == "100-continue":
        return True
    return message(417, f"cannot meet the expectation {expectation[:100]!r}")


CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


def answer_bytes(response: Response, *, keep_alive: bool, version: str = "HTTP/1.1") -> bytes:
    """The answer as sent: status line, headers (``Connection: close`` when the connection ends
    with it), body.

    >>> answer_bytes(message(404, "nothing here"), keep_alive=False).split(b"\\r\\n")[0]
    b'HTTP/1.1 404 Not Found'
    """
    lines = [
        f"HTTP/1.1 {response.status} {_phrase(response.status)}",
        f"Server: {SERVER_NAME}",
        f"Date: {formatdate(usegmt=True)}",
    ]
    if response.content_type:
        lines.append(f"Content-Type: {response.content_type}")
    lines.append(f"Content-Length: {len(response.body)}")
    lines += [f"{name}: {value}" for name, value in response.headers]
    if not keep_alive:
        lines.append("Connection: close")
    elif version == "HTTP/1.0":
        lines.append("Connection: keep-alive")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1") + response.body


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
