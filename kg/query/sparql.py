"""SPARQL text that more than one query written in code uses: the PREFIX header, lists of civ:
terms (the entity types above all), and IRIs as SPARQL writes them.

Each is plain text from ``kg.vocab``, so a type or namespace added there reaches every query.
Nothing here imports the store: the layers below the query layer (store, rdf, consolidate)
write their queries with it too.

>>> TOP_TYPES
'civ:Person civ:Organization civ:Place'
>>> f"SELECT ?e WHERE {{ VALUES ?t {{ {TOP_TYPES} }} ?e a ?t }}"
'SELECT ?e WHERE { VALUES ?t { civ:Person civ:Organization civ:Place } ?e a ?t }'
"""

from __future__ import annotations

from collections.abc import Iterable

from kg import vocab


def prefix_header(*, one_line: bool = False) -> str:
    """A PREFIX declaration for every namespace of ``vocab.PREFIXES``, ending in a newline.

    One declaration a line, or with ``one_line`` all on one line: put before a user's query, that
    header moves the query's line N to line N + 1 of the text sent, so a server's error message
    still points at the right line.

    >>> prefix_header().splitlines()[0]
    'PREFIX civ: <https://w3id.org/civic-kg/ontology#>'
    >>> prefix_header(one_line=True).count("\\n"), prefix_header(one_line=True).endswith("\\n")
    (1, True)
    """
    declarations = [f"PREFIX {p}: <{iri}>" for p, iri in vocab.PREFIXES.items()]
    return (" " if one_line else "\n").join(declarations) + "\n"


def civ_terms(terms: Iterable[str], separator: str = " ") -> str:
    """The civ: prefixed names of ``terms``: space-separated for a ``VALUES`` block, or with
    ``separator=", "`` for ``FILTER (?x IN (...))``.

    >>> civ_terms(["visited", "metWith"]), civ_terms(["visited", "metWith"], ", ")
    ('civ:visited civ:metWith', 'civ:visited, civ:metWith')
    """
    return separator.join(f"civ:{t}" for t in terms)


# The entity classes, as lists of civ: names
TOP_TYPES = civ_terms(vocab.TOP_TYPES)  # VALUES ?t { TOP_TYPES }
TOP_TYPES_IN = civ_terms(vocab.TOP_TYPES, ", ")  # FILTER (?t IN (TOP_TYPES_IN))
SUBTYPES = civ_terms(t for t in vocab.ENTITY_CLASSES if t not in vocab.TOP_TYPES)
ENTITY_CLASSES = civ_terms(vocab.ENTITY_CLASSES)  # top types and subtypes

MERGED = f"<{vocab.MERGED_GRAPH}>"  # the merged graph's IRI, as in GRAPH {MERGED} or ?g != {MERGED}


def own_node(var: str, bases: tuple[str, ...] = vocab.OWN_NODE_BASES) -> str:
    """A FILTER condition: ``?var`` is a node minted for one article (``vocab.OWN_NODE_BASES``),
    or in another of the namespaces ``bases``.

    >>> own_node("n").startswith('STRSTARTS(STR(?n), "https://w3id.org/civic-kg/fact/")')
    True
    """
    return " || ".join(f'STRSTARTS(STR(?{var}), "{base}")' for base in bases)


def stored_once(var: str) -> str:
    """A FILTER condition: ``?var`` is a node whose statements the store keeps in its default
    graph only (``vocab.STORED_ONCE_BASES``: articles' own nodes, the merged graph's nodes)."""
    return own_node(var, vocab.STORED_ONCE_BASES)


def own_nodes_of(graph: str, var: str = "n") -> str:
    """A pattern over the default graph binding ``?var`` to each own node of the article
    ``graph`` (an IRI as SPARQL writes it, or a variable): its fact nodes and memberships, whose
    statements are in the default graph only.

    >>> own_nodes_of("?g")
    '?n <http://www.w3.org/ns/prov#wasDerivedFrom> ?g . FILTER (STRSTARTS(STR(?n), "https://w3id.org/civic-kg/fact/") || STRSTARTS(STR(?n), "https://w3id.org/civic-kg/membership/"))'
    """
    return f"?{var} <{vocab.PROV}wasDerivedFrom> {graph} . FILTER ({own_node(var)})"


def iris(values: Iterable[str]) -> str:
    """IRIs written for a ``VALUES ?x { ... }`` block, in the order given.

    >>> iris(["https://x.org/a", "https://x.org/b"])
    '<https://x.org/a> <https://x.org/b>'
    """
    return " ".join(f"<{iri}>" for iri in values)


def iri_pairs(pairs: Iterable[tuple[str, str]]) -> str:
    """Pairs of IRIs written for a ``VALUES (?x ?y) { ... }`` block, sorted (the same pairs give
    the same text).

    >>> iri_pairs([("https://x.org/b", "https://x.org/c"), ("https://x.org/a", "https://x.org/b")])
    '(<https://x.org/a> <https://x.org/b>) (<https://x.org/b> <https://x.org/c>)'
    """
    return " ".join(f"(<{a}> <{b}>)" for a, b in sorted(pairs))
