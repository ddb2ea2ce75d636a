"""Alias rewrites: every statement of the articles takes the new IRI, chunk by chunk, and a run
cut short is finished by the next one."""

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from kg import vocab
from kg.consolidate import rewrite as alias_rewrite
from kg.errors import KgError
from kg.rdf.encode import rewritten
from kg.store.embedded import EmbeddedStore
from tests.support.union import union_mismatch

OLD = vocab.ENTITY_BASE + "organization/ibb"
NEW = vocab.ENTITY_BASE + "organization/istanbul-buyuksehir-belediyesi"
OTHER = NamedNode(vocab.ENTITY_BASE + "organization/kadikoy-belediyesi")
VISITED, LABEL = NamedNode(vocab.civ("visited")), NamedNode(vocab.RDFS + "label")
TYPE, ORG = NamedNode(vocab.RDF + "type"), NamedNode(vocab.civ("Organization"))
DERIVED = NamedNode(vocab.PROV + "wasDerivedFrom")


def article_graph(i: int) -> list[Quad]:
    """An article's named graph (with the union's copies) naming the old IRI, and its own fact
    node (in the default graph only)."""
    graph = NamedNode(f"{vocab.BASE}article/a{i}")
    old, fact = NamedNode(OLD), NamedNode(f"{vocab.EVENT_BASE}a{i}-1")
    triples = [(old, TYPE, ORG), (old, LABEL, Literal("İBB", language="tr")), (OTHER, VISITED, old)]
    return [
        *(Quad(s, p, o, graph) for s, p, o in triples),
        *(Quad(s, p, o, DefaultGraph()) for s, p, o in triples),
        Quad(fact, NamedNode(vocab.civ("agent")), old, DefaultGraph()),
        Quad(fact, DERIVED, graph, DefaultGraph()),
    ]


MERGED = Quad(
    NamedNode(vocab.REPORTED_EVENT_BASE + "e1"),
    NamedNode(vocab.civ("agent")),
    NamedNode(OLD),
    DefaultGraph(),
)


def store_with(tmp_path, articles: int) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "store")
    store.raw.extend([q for i in range(articles) for q in article_graph(i)] + [MERGED])
    return store


def expected(articles: int) -> set[str]:
    """Every article statement rewritten; the merged graph's node left for consolidation."""
    new = {OLD: NEW}
    return {
        str(Quad(*rewritten(q.triple, new), q.graph_name))  # type: ignore[misc]
        for i in range(articles)
        for q in article_graph(i)
    } | {str(MERGED)}


def stored(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store.quads()}


@pytest.mark.parametrize("chunk", [1, 2, 7, 20_000])
def test_every_article_statement_takes_the_new_iri_whatever_the_chunk(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(alias_rewrite, "CHUNK_QUADS", chunk)
    store = store_with(tmp_path, 5)
    named = alias_rewrite.rewrite(store, {OLD: NEW})
    assert stored(store) == expected(5)
    assert union_mismatch(store.raw) == (set(), set())
    assert named == {OLD, NEW, OTHER.value} - {NEW}  # what the replaced statements named


def test_a_rewrite_cut_short_is_finished_by_the_next_run(tmp_path, monkeypatch):
    monkeypatch.setattr(alias_rewrite, "CHUNK_QUADS", 4)
    store = store_with(tmp_path, 5)
    update, calls = store.update, []

    def dies_on_the_third(operations):
        calls.append(1)
        if len(calls) == 3:
            raise KgError("disk gone")
        update(operations)

    monkeypatch.setattr(store, "update", dies_on_the_third)
    with pytest.raises(KgError):
        alias_rewrite.rewrite(store, {OLD: NEW})
    assert stored(store) != expected(5)  # half done: some graphs rewritten, some not
    monkeypatch.setattr(store, "update", update)
    alias_rewrite.rewrite(store, {OLD: NEW})
    assert stored(store) == expected(5)
