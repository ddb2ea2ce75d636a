"""HTTP heads read and answers written as bytes, with no socket: the 4xx each malformed head gets."""

from __future__ import annotations

import pytest

from kg.serve.messages import (
    MAX_LINE_BYTES,
    RequestHead,
    answer_bytes,
    body_length,
    expects_continue,
    head_end,
    head_too_large,
    parse_head,
)
from kg.sparql_protocol import Response, message


def head(text: str) -> RequestHead:
    parsed = parse_head(text.encode("iso-8859-1"))
    assert isinstance(parsed, RequestHead), parsed
    return parsed


def status(text: str) -> int:
    parsed = parse_head(text.encode("iso-8859-1"))
    assert isinstance(parsed, Response)
    return parsed.status


def test_a_head_ends_at_its_blank_line_with_or_without_carriage_returns():
    assert head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nrest") == 27
    assert head_end(b"GET / HTTP/1.1\nHost: a\n\nrest") == 24
    assert head_end(b"\r\nGET / HTTP/1.1\r\n\r\n") == 20  # an empty line before it is skipped
    assert head_end(b"GET / HTTP/1.1\r\nHost: a\r\n") is None


def test_a_request_line_and_headers_are_read():
    parsed = head("POST /sparql?x=1 HTTP/1.1\r\nContent-Type: application/sparql-query\r\n\r\n")
    assert (parsed.method, parsed.target, parsed.version) == ("POST", "/sparql?x=1", "HTTP/1.1")
    assert parsed.headers.get_content_type() == "application/sparql-query"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GET /sparql\r\n\r\n", 400),  # no version
        ("GET / HTTP/1.1 extra\r\n\r\n", 400),
        ("GET / HTPT/1.1\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\n\r\n", 505),
        ("PUT / HTTP/1.1\r\n\r\n", 501),
        ("DELETE / HTTP/1.1\r\n\r\n", 501),
        ("GET / HTTP/1.1\r\nX: " + "a" * 70_000 + "\r\n\r\n", 431),
        ("GET / HTTP/1.1\r\n" + "".join(f"X-{k}: 1\r\n" for k in range(101)) + "\r\n", 431),
        ("GET /" + "a" * MAX_LINE_BYTES + " HTTP/1.1\r\n\r\n", 414),
    ],
    ids=[
        "no-version",
        "four-words",
        "bad-version",
        "http2",
        "put",
        "delete",
        "long-header",
        "many-headers",
        "long-line",
    ],
)
def test_a_malformed_head_gets_its_4xx_or_5xx(text, expected):
    assert status(text) == expected


def test_a_head_past_the_limit_is_414_while_on_its_first_line_and_431_after():
    assert head_too_large(b"GET /" + b"a" * 300_000).status == 414
    assert head_too_large(b"GET / HTTP/1.1\r\n" + b"X: a\r\n" * 60_000).status == 431


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ("", 0),
        ("Content-Length: 12\r\n", 12),
        ("Content-Length: -1\r\n", 400),
        ("Content-Length: 12abc\r\n", 400),
        ("Content-Length: 1\r\nContent-Length: 2\r\n", 400),
        ("Content-Length: 1001\r\n", 413),
        ("Transfer-Encoding: chunked\r\n", 411),
    ],
)
def test_the_body_length_is_one_number_within_the_limit(headers, expected):
    length = body_length(head(f"POST /sparql HTTP/1.1\r\n{headers}\r\n"), 1000)
    assert (length if isinstance(length, int) else length.status) == expected


def test_a_client_may_wait_for_100_continue_but_no_other_expectation_is_met():
    assert expects_continue(head("POST / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n")) is True
    assert expects_continue(head("POST / HTTP/1.1\r\n\r\n")) is False
    refused = expects_continue(head("POST / HTTP/1.1\r\nExpect: something\r\n\r\n"))
    assert isinstance(refused, Response) and refused.status == 417


@pytest.mark.parametrize(
    ("version", "connection", "keep"),
    [
        ("HTTP/1.1", "", True),
        ("HTTP/1.1", "Connection: close\r\n", False),
        ("HTTP/1.0", "", False),
        ("HTTP/1.0", "Connection: keep-alive\r\n", True),
    ],
)
def test_keep_alive_follows_the_version_and_the_connection_header(version, connection, keep):
    assert head(f"GET / {version}\r\n{connection}\r\n").keep_alive is keep


def test_an_answer_carries_its_length_type_and_whether_the_connection_ends():
    sent = answer_bytes(
        Response(200, b"true", "text/plain", (("Vary", "Accept"),)), keep_alive=False
    )
    head_text, body = sent.split(b"\r\n\r\n", 1)
    lines = head_text.decode().split("\r\n")
    assert lines[0] == "HTTP/1.1 200 OK" and body == b"true"
    assert {"Content-Length: 4", "Content-Type: text/plain", "Vary: Accept"} <= set(lines)
    assert "Connection: close" in lines


def test_an_answer_to_a_kept_http_1_0_connection_says_so():
    sent = answer_bytes(message(404, "yok"), keep_alive=True, version="HTTP/1.0")
    assert b"Connection: keep-alive\r\n" in sent and b"Connection: close" not in sent
