"""Names looked up as entity IRIs key them: one key for every spelling, the nearest names to a miss."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from kg.lang.tr.text import normalise, slug

_LAST_SUFFIX_RE = re.compile(r"'[^\W\d_]+$")  # "İzmir'de": Turkish inflects a name's last word


@lru_cache(maxsize=1 << 16)  # every label of a graph is keyed on each lookup
def name_key(text: str) -> str:
    """The key a name is looked up by: its IRI's key (``slug``: Turkish lower case, then ASCII
    letters and digits), without the case suffix of its last word.

    >>> name_key("İZMİR KENT KONSEYİ'NE"), name_key("Izmir Kent Konseyi")
    ('izmir-kent-konseyi', 'izmir-kent-konseyi')
    """
    return slug(_LAST_SUFFIX_RE.sub("", normalise(text).strip()))


def nearest_names(text: str, names: Iterable[str], *, n: int = 5) -> list[str]:
    """Up to ``n`` of ``names`` nearest to ``text``: first those with its key as whole words
    (shortest first), then those spelt most alike; one name per key, the first given.

    >>> nearest_names("mersin", ["Mersin Büyükşehir Belediyesi", "Mersin", "Tarsus"])
    ['Mersin', 'Mersin Büyükşehir Belediyesi']
    >>> nearest_names("Bornova Kent Konseyu", ["Bornova Kent Konseyi", "Bornova"])
    ['Bornova Kent Konseyi']
    """
    key = name_key(text)
    if not key:
        return []
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name_key(name), name)
    by_key.pop("", None)
    containing = sorted((k for k in by_key if f"-{key}-" in f"-{k}-"), key=lambda k: (len(k), k))
    alike = difflib.get_close_matches(key, list(by_key), n=n)
    return [by_key[k] for k in dict.fromkeys([*containing, *alike])][:n]


def ids_named(text: str, names: Iterable[tuple[str, str]]) -> set[str]:
    """The ids of the (id, name) pairs whose name is ``text`` as ``name_key`` reads both (a text
    with no key names nothing).

    >>> sorted(ids_named("IZMIR'DE", [("a", "İzmir"), ("b", "İzmir ili"), ("c", "Izmir")]))
    ['a', 'c']
    """
    key = name_key(text)
    return {id_ for id_, name in names if key and name_key(name) == key}


def nearest_hint(text: str, names: Iterable[str]) -> str:
    """ "; nearest: A, B" for a message about a name that matched none, or "" when none is near."""
    near = nearest_names(text, names)
    return f"; nearest: {', '.join(near)}" if near else ""
