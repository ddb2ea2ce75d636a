"""The shared SPARQL fragments: each names exactly what vocab names, and parses and matches in Oxigraph."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
from pyoxigraph import NamedNode, Quad

from kg import vocab
from kg.query import sparql

RDF_TYPE = NamedNode(vocab.RDF + "type")


def _local_names(terms: str, separator: str = " ") -> tuple[str, ...]:
    names = terms.split(separator)
    assert all(n.startswith("civ:") for n in names), terms
    return tuple(n.removeprefix("civ:") for n in names)


def test_the_type_lists_name_exactly_vocabs_classes():
    assert _local_names(sparql.TOP_TYPES) == vocab.TOP_TYPES
    assert _local_names(sparql.TOP_TYPES_IN, ", ") == vocab.TOP_TYPES
    assert _local_names(sparql.ENTITY_CLASSES) == vocab.ENTITY_CLASSES
    subtypes = _local_names(sparql.SUBTYPES)
    assert set(subtypes) == set(vocab.ENTITY_CLASSES) - set(vocab.TOP_TYPES)
    assert subtypes == vocab.ORGANIZATION_SUBTYPES + vocab.PLACE_SUBTYPES


@pytest.fixture
def typed() -> pyoxigraph.Store:
    """One node of every entity class, and one of a class that is none (civ:Visit)."""
    store = pyoxigraph.Store()
    for name in (*vocab.ENTITY_CLASSES, "Visit"):
        store.add(Quad(NamedNode(f"urn:x:{name}"), RDF_TYPE, NamedNode(vocab.civ(name))))
    return store


def _nodes(store: pyoxigraph.Store, where: str) -> set[str]:
    rows = store.query(f"SELECT ?e WHERE {{ {where} }}", prefixes=dict(vocab.PREFIXES))
    return {r["e"].value.removeprefix("urn:x:") for r in rows}


@pytest.mark.parametrize(
    ("fragment", "classes"),
    [
        (sparql.TOP_TYPES, vocab.TOP_TYPES),
        (sparql.SUBTYPES, vocab.ORGANIZATION_SUBTYPES + vocab.PLACE_SUBTYPES),
        (sparql.ENTITY_CLASSES, vocab.ENTITY_CLASSES),
    ],
)
def test_a_values_list_matches_the_nodes_of_its_classes(typed, fragment, classes):
    assert _nodes(typed, f"VALUES ?t {{ {fragment} }} ?e a ?t") == set(classes)


def test_the_in_list_matches_what_the_values_list_does(typed):
    in_list = _nodes(typed, f"?e a ?t FILTER (?t IN ({sparql.TOP_TYPES_IN}))")
    assert in_list == _nodes(typed, f"VALUES ?t {{ {sparql.TOP_TYPES} }} ?e a ?t")


def test_civ_terms_joins_with_the_separator_given():
    assert sparql.civ_terms(["a", "b"]) == "civ:a civ:b"
    assert sparql.civ_terms(["a", "b"], ", ") == "civ:a, civ:b"
    assert sparql.civ_terms(x for x in ["a"]) == "civ:a"
    assert sparql.civ_terms([]) == ""


@pytest.mark.parametrize("one_line", [False, True])
def test_the_prefix_header_declares_every_prefix_without_help(one_line):
    """With no prefixes passed to Oxigraph, the header alone declares each of vocab.PREFIXES."""
    store = pyoxigraph.Store()
    header = sparql.prefix_header(one_line=one_line)
    for prefix, namespace in vocab.PREFIXES.items():
        query = f"SELECT ?x WHERE {{ BIND ({prefix}:n AS ?x) }}"
        with pytest.raises(SyntaxError):
            store.query(query)
        (row,) = store.query(header + query)
        assert row["x"] == NamedNode(namespace + "n")


def test_the_header_is_one_line_or_one_line_a_prefix():
    assert sparql.prefix_header().count("\n") == len(vocab.PREFIXES)
    assert sparql.prefix_header(one_line=True).count("\n") == 1
    assert sparql.prefix_header().endswith("\n")
    assert sparql.prefix_header(one_line=True).endswith(">\n")


def test_after_the_one_line_header_an_error_on_line_n_is_on_line_n_plus_1():
    broken = "SELECT *\nWHERE { ?s ?p }"  # line 2 lacks an object
    with pytest.raises(SyntaxError) as plain:
        pyoxigraph.Store().query(broken)
    with pytest.raises(SyntaxError) as headed:
        pyoxigraph.Store().query(sparql.prefix_header(one_line=True) + broken)
    plain_at = re.search(r"(\d+):(\d+)", str(plain.value))
    headed_at = re.search(r"(\d+):(\d+)", str(headed.value))
    assert plain_at and headed_at, (plain.value, headed.value)
    assert int(headed_at[1]) == int(plain_at[1]) + 1 == 3


def test_merged_names_the_merged_graph():
    store = pyoxigraph.Store()
    merged, other = NamedNode(vocab.MERGED_GRAPH), NamedNode("urn:x:other")
    store.add(Quad(NamedNode("urn:x:in"), RDF_TYPE, RDF_TYPE, merged))
    store.add(Quad(NamedNode("urn:x:out"), RDF_TYPE, RDF_TYPE, other))
    rows = store.query(f"SELECT ?s WHERE {{ GRAPH {sparql.MERGED} {{ ?s ?p ?o }} }}")
    assert [r["s"].value for r in rows] == ["urn:x:in"]
    rows = store.query(
        f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != {sparql.MERGED}) }}"
    )
    assert [r["s"].value for r in rows] == ["urn:x:out"]


def test_iris_are_read_back_as_the_same_iris_in_order():
    given = ["https://w3id.org/civic-kg/id/person/ali", "urn:x:b", "https://x.org/a?q=1#f"]
    rows = pyoxigraph.Store().query(f"SELECT ?x WHERE {{ VALUES ?x {{ {sparql.iris(given)} }} }}")
    assert [r["x"].value for r in rows] == given
    assert sparql.iris([]) == ""


def test_iri_pairs_are_sorted_and_read_back_as_pairs():
    pairs = {("urn:x:b", "urn:x:a"), ("urn:x:a", "urn:x:c"), ("urn:x:a", "urn:x:b")}
    text = sparql.iri_pairs(pairs)
    assert text == sparql.iri_pairs(sorted(pairs, reverse=True))  # order given does not matter
    rows = pyoxigraph.Store().query(f"SELECT ?s ?o WHERE {{ VALUES (?s ?o) {{ {text} }} }}")
    assert [(r["s"].value, r["o"].value) for r in rows] == sorted(pairs)
