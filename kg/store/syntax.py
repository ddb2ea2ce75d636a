"""What is wrong with a SPARQL query the parser refused, said in one line a user can act on.

pyoxigraph's parser says what it expected where it stopped: "expected CONSTRUCT" for both a
misspelt SELECT and an update, and for an unknown prefix a list of Unicode ranges. The query text
itself tells these cases apart, so they are named from it, at the place they start.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from kg.sparql_protocol import NOT_CODE  # strings, IRIs and comments

QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    ("INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
)

PROLOGUE = re.compile(r"(?:\s|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE)
# A prefixed name's prefix (empty for ":name"); not a variable's, a blank node's or one in a name.
_PREFIX_USE = re.compile(r"(?<![\w?$.:\-])([^\W\d_][\w.\-]*)?:", re.UNICODE)
_DECLARED = re.compile(r"PREFIX\s+([^\s:]*):", re.IGNORECASE)
_PARSER_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_CHARACTER_CLASS = re.compile(
    r"\[[^\]]*(?:\]|$)"
)  # e.g. ['a' ..= 'z'], perhaps cut at the line end
_EXPECTED_ITEM = re.compile(r'"[^"]*"|[^,\s"][^,"]*')


def first_keyword(sparql: str) -> tuple[str, int] | None:
    """The first word after the prologue (PREFIX and BASE declarations, comments), upper-cased,
    with its offset in the text; None when something else comes first.

    >>> first_keyword("PREFIX ex: <http://ex.org/#> # all\\nconstruct { ?s ?p ?o } WHERE {}")
    ('CONSTRUCT', 35)
    >>> first_keyword("{ ?s ?p ?o }") is None
    True
    """
    start = PROLOGUE.match(sparql).end()  # type: ignore[union-attr]  # matches "" too
    word = re.match(r"[A-Za-z]+", sparql[start:])
    return (word.group().upper(), start) if word else None


def syntax_problem(sparql: str, parser_message: str, known_prefixes: Iterable[str]) -> str:
    """One line saying what is wrong with a query pyoxigraph refused, and where (line, column).

    ``known_prefixes`` are those declared for every query, besides the query's own PREFIXes.

    >>> syntax_problem("SELEC * {}", "error at 1:10: expected CONSTRUCT", [])
    'SELEC is not a query form: did you mean SELECT? (line 1, column 1)'
    >>> syntax_problem("ASK { ?s x:p ?o }", "error at 1:16: expected OPTIONAL", ["rdfs"])
    'unknown prefix x: (line 1, column 10); declare it with PREFIX x: <...> or use one of rdfs:'
    >>> syntax_problem("SELECT * {\\n", 'error at 2:1: expected one of "}", [_]', [])
    'expected "}" (line 2, column 1)'
    """
    keyword = first_keyword(sparql)
    if keyword is not None and keyword[0] in UPDATE_KEYWORDS:
        word, offset = keyword
        return (
            f"{word} starts a SPARQL update, and queries only read: the graph changes through "
            f"kg build, or kg serve --allow-update ({_position(sparql, offset)})"
        )
    if keyword is not None and keyword[0] in ("PREFIX", "BASE"):  # a malformed declaration
        return _parser_words(parser_message)
    if keyword is None or keyword[0] not in QUERY_FORMS:
        return _not_a_query_form(sparql, keyword)
    code = NOT_CODE.sub(lambda m: " " * len(m.group()), sparql)  # same length, same positions
    declared = set(_DECLARED.findall(code)) | set(known_prefixes)
    for use in _PREFIX_USE.finditer(code):
        prefix = use.group(1) or ""
        if prefix not in declared:
            known = ", ".join(f"{p}:" for p in sorted(set(known_prefixes)))
            return (
                f"unknown prefix {prefix}: ({_position(sparql, use.start())}); declare it with "
                f"PREFIX {prefix}: <...>" + (f" or use one of {known}" if known else "")
            )
    return _parser_words(parser_message)


def _not_a_query_form(sparql: str, keyword: tuple[str, int] | None) -> str:
    if keyword is None:
        offset = PROLOGUE.match(sparql).end()  # type: ignore[union-attr]  # matches "" too
        return (
            f"a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE ({_position(sparql, offset)})"
        )
    word, offset = keyword
    original = sparql[offset : offset + len(word)]
    close = difflib.get_close_matches(word, QUERY_FORMS + tuple(UPDATE_KEYWORDS), n=1)
    hint = f"did you mean {close[0]}?" if close else "use SELECT, CONSTRUCT, ASK or DESCRIBE"
    return f"{original} is not a query form: {hint} ({_position(sparql, offset)})"


def _parser_words(parser_message: str) -> str:
    """The parser's first line, its position spelt out and its character classes left out."""
    first = (parser_message.strip().splitlines() or ["cannot read the query"])[0]
    position = _PARSER_POSITION.match(first)
    words = first[position.end() :] if position else first
    if words.startswith("expected one of "):
        expected = _EXPECTED_ITEM.findall(_CHARACTER_CLASS.sub("", words[16:]))
        words = (
            f"expected {', '.join(e.strip() for e in expected)}" if expected else "unexpected text"
        )
    if position is None:
        return words
    return f"{words} (line {position.group(1)}, column {position.group(2)})"


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"
