"""One input file -> its Articles, or a Problem: the text, JSON-lines and HTML readers."""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import SplitResult, unquote, urlsplit

from kg.dates import day_or_none
from kg.errors import KgError
from kg.lang.tr.text import NON_ASCII_LETTERS, slug
from kg.model import Article, Problem

if TYPE_CHECKING:
    from trafilatura.settings import Document


# Bytes looked at to tell text from binary, as git and grep do.
_BINARY_SNIFF = 8192
_TEXT_HEADER_KEYS = ("date", "url", "title", "outlet")
_JSONL_FIELDS = ("id", "url", "date", "title", "text", "outlet")
_ISO_DATE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
# htmldate's "extensive search" turns a "© 2024" footer into 2024-01-01 and takes any date
# mentioned in the story for the publication date; a missing date is better than a wrong one.
_HTML_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# A UTF-16 surrogate: a JSON escape (\ud800) can put one, alone, in a string
_SURROGATE = re.compile("[\ud800-\udfff]")


def article_id_from_url(url: str) -> str:
    """The article id a URL gives: host (without www.), path and query, slugified.

    >>> article_id_from_url("https://www.aydinses.com/izmir-ve-manisa")
    'aydinses-com-izmir-ve-manisa'
    >>> article_id_from_url("https://haber.example.com.tr/%C3%A7evre/g%C3%B6l?id=42#yorumlar")
    'haber-example-com-tr-cevre-gol-id-42'
    """
    parts = _split_url(url)
    host = (parts.hostname or "").removeprefix("www.")
    return _id_from(" ".join((host, unquote(parts.path), unquote(parts.query))))


def article_id_from_path(path: str | os.PathLike[str]) -> str:
    """The article id a file name gives: its stem, slugified.

    >>> article_id_from_path("haberler/İzmir-Manisa FED.txt")
    'izmir-manisa-fed'
    """
    return _id_from(Path(path).stem)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL names: its host without a leading ``www.``.

    >>> outlet_from_url("https://www.aydinses.com/izmir-ve-manisa")
    'aydinses.com'
    >>> outlet_from_url(None) is None
    True
    """
    host = _split_url(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def read_text(path: Path) -> Iterator[Article | Problem]:
    """One Article from a .txt or .md file with optional ``key value`` header lines on top.

    Known header keys are date, url, title and outlet; a ``date`` header may be followed by the
    lead on the same line, as in the seed corpus.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp, "kent-konseyi.txt")
    ...     _ = path.write_text("date 2026-01-30\\nKent Konseyi toplandı.\\n", encoding="utf-8")
    ...     [(a.id, a.date, a.text) for a in read_text(path)]
    [('kent-konseyi', '2026-01-30', 'Kent Konseyi toplandı.')]
    """
    try:
        header, text = _split_text_header(_decode_file(path))
        if not text:
            raise KgError("empty file (no article text)")
    except KgError as e:
        yield Problem(str(path), e.message)
        return
    url = header.get("url")
    date_raw = header.get("date")
    article_date = _iso_date(date_raw)
    yield Article(
        id=article_id_from_url(url) if url else article_id_from_path(path),
        text=text,
        url=url,
        date=article_date,
        title=header.get("title") or _first_line(text),
        outlet=header.get("outlet") or outlet_from_url(url),
        source=str(path),
        metadata={"date_raw": date_raw} if date_raw and not article_date else {},
    )


def read_jsonl(path: Path) -> Iterator[Article | Problem]:
    """One Article per line of a JSON-lines file; a Problem naming ``file:line`` for a bad line.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp, "haberler.jsonl")
    ...     _ = path.write_text('{"text": "Meclis toplandı."}\\n[1]\\n', encoding="utf-8")
    ...     article, problem = read_jsonl(path)
    >>> article.id, article.text
    ('haberler-1', 'Meclis toplandı.')
    >>> problem.where.endswith("haberler.jsonl:2"), problem.message
    (True, 'not a JSON object (got array)')
    """
    try:
        with path.open("rb") as lines:
            offset = 0
            written = False  # a line that is not blank: without one the file holds no article
            for lineno, raw in enumerate(lines, start=1):
                written = written or not raw.isspace()
                try:
                    article = _jsonl_article(path, lineno, _decode_line(raw, lineno, offset))
                except KgError as e:
                    yield Problem(f"{path}:{lineno}", e.message)
                else:
                    if article is not None:
                        yield article
                offset += len(raw)
            if not written:
                yield Problem(str(path), "empty file (no articles in it)")
    except OSError as e:
        yield Problem(str(path), os_error_words(e))


def read_html(path: Path) -> Iterator[Article | Problem]:
    """One Article from a saved HTML page: main text and metadata found by trafilatura.

    >>> import tempfile
    >>> page = ("<html><head><title>Park açıldı</title></head><body>"
    ...         "<article><p>Belediye yeni parkı bugün hizmete açtı.</p></article></body></html>")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp, "park.html")
    ...     _ = path.write_text(page, encoding="utf-8")
    ...     [(a.id, a.title, a.text) for a in read_html(path)]
    [('park', 'Park açıldı', 'Belediye yeni parkı bugün hizmete açtı.')]
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Problem(str(path), os_error_words(e))
        return
    if _looks_binary(data):
        yield Problem(str(path), "binary file, not text")
        return
    # Imported here so reading text and JSON-lines inputs does not pay for lxml and friends.
    import trafilatura

    # trafilatura works out the page's encoding from its bytes and <meta charset>.
    doc = trafilatura.bare_extraction(
        data, include_comments=False, with_metadata=True, date_extraction_params=_HTML_DATE_PARAMS
    )
    doc = cast("Document | None", doc)  # not a dict: as_dict is left False
    text = _normalise(doc.text).strip() if doc is not None and doc.text else ""
    if not text or doc is None:
        yield Problem(str(path), "no article text found in HTML")
        return
    url = doc.url or None
    yield Article(
        id=article_id_from_url(url) if url else article_id_from_path(path),
        text=text,
        url=url,
        date=_iso_date(doc.date),
        title=_normalise(doc.title).strip() if doc.title else _first_line(text),
        outlet=doc.sitename or outlet_from_url(url),
        source=str(path),
    )


def _decode_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise KgError(os_error_words(e)) from e
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KgError("UTF-16 text, not UTF-8 (save it as UTF-8)")
    if _looks_binary(data):
        raise KgError("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise KgError(_utf8_error_words(e, offset=0)) from e
    return _normalise(text.removeprefix("\ufeff"))


def _decode_line(raw: bytes, lineno: int, offset: int) -> str:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise KgError(_utf8_error_words(e, offset=offset)) from e
    return line.removeprefix("\ufeff") if lineno == 1 else line


def _split_text_header(text: str) -> tuple[dict[str, str], str]:
    """The ``key value`` header lines on top of a text file, and the text after them."""
    header: dict[str, str] = {}
    lines = text.lstrip().split("\n")
    for i, line in enumerate(lines):
        key, _, value = line.strip().partition(" ")
        value = value.strip()
        if key not in _TEXT_HEADER_KEYS or key in header or not value:
            return header, "\n".join(lines[i:]).strip()
        if key == "date":
            value, _, lead = value.partition(" ")
            if lead.strip():  # the lead shares the date line: the header ends here
                header[key] = value
                return header, "\n".join([lead, *lines[i + 1 :]]).strip()
        header[key] = value
    return header, ""


def _jsonl_article(path: Path, lineno: int, line: str) -> Article | None:
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise KgError(f"not valid JSON: {e.msg} (column {e.colno})") from e
    if not isinstance(record, dict):
        raise KgError(f"not a JSON object (got {_json_type(record)})")
    if found := _lone_surrogate(record):
        field, at, char = found
        raise KgError(
            f"field '{field}' holds a lone UTF-16 surrogate (\\u{ord(char):04x}) at character "
            f"{at}, which is not Unicode text"
        )
    if record.get("text") is None:
        raise KgError("missing field 'text'")
    text = _normalise(_string_field(record, "text") or "").strip()
    if not text:
        raise KgError("field 'text' is empty")
    given_id, url, date_raw, title, outlet = (
        _string_field(record, name) for name in ("id", "url", "date", "title", "outlet")
    )
    article_date = _iso_date(date_raw)
    metadata = {key: value for key, value in record.items() if key not in _JSONL_FIELDS}
    if date_raw and not article_date:
        metadata["date_raw"] = date_raw
    return Article(
        id=given_id
        or (article_id_from_url(url) if url else f"{article_id_from_path(path)}-{lineno}"),
        text=text,
        url=url,
        date=article_date,
        title=_normalise(title) if title else None,
        outlet=outlet or outlet_from_url(url),
        source=str(path),
        line=lineno,
        metadata=metadata,
    )


def _lone_surrogate(value: object, field: str = "") -> tuple[str, int, str] | None:
    """The first lone surrogate in a JSON value's strings (JSON's \\ud800 escapes can write
    one; no UTF-8 text holds it): (the top-level field it is in, its position, the character).

    >>> _lone_surrogate({"id": "a", "text": "x\\ud800y"})
    ('text', 1, '\\ud800')
    """
    if isinstance(value, str):
        match = _SURROGATE.search(value)  # in C: every article's text is searched
        return (field, match.start(), match.group()) if match else None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, inner in items:
        if found := _lone_surrogate(inner, field or str(key)):
            return found
    return None


def _string_field(record: dict[str, object], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise KgError(f"field '{name}' must be a string, not {_json_type(value)}")
    return value.strip() or None


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    names: dict[type, str] = {dict: "object", list: "array", str: "string"}
    return names.get(type(value), "null")


def _iso_date(value: str | None) -> str | None:
    """The YYYY-MM-DD part of an ISO date or datetime, or None if it is not one."""
    match = _ISO_DATE.fullmatch(value.strip()) if value else None
    day = day_or_none(match[1]) if match is not None else None
    return day.isoformat() if day is not None else None


def _normalise(text: str) -> str:
    # NFC so that one word has one spelling; apostrophes are left as written.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _first_line(text: str) -> str | None:
    return next((line.strip() for line in text.split("\n") if line.strip()), None)


def _looks_binary(data: bytes) -> bool:
    return b"\0" in data[:_BINARY_SNIFF]


def _utf8_error_words(error: UnicodeDecodeError, *, offset: int) -> str:
    byte = error.object[error.start]
    words = f"not valid UTF-8 (byte 0x{byte:02x} at offset {offset + error.start})"
    # a byte that is a Turkish letter in Windows-1254 but breaks UTF-8 most likely comes from a
    # file saved in that encoding
    if bytes([byte]).decode("cp1254", errors="replace") in NON_ASCII_LETTERS:
        # Older Turkish sites and Windows tools save text this way; iconv ships with every Unix.
        words += (
            "; if it is Windows Turkish (cp1254), convert it: iconv -f cp1254 -t utf-8 OLD > NEW"
        )
    return words


def os_error_words(error: OSError) -> str:
    words = error.strerror or str(error)
    return words[:1].lower() + words[1:]


def _split_url(url: str) -> SplitResult:
    url = url.strip()
    # "aydinses.com/haber" has no scheme; read it as a host, not as a path.
    return urlsplit(url if "//" in url else f"//{url}")


def _id_from(text: str) -> str:
    # A name with no Latin letters or digits still needs a stable, non-empty id.
    return slug(text) or "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
