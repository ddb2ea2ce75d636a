"""Alias rewrites and relabelling: every statement of the articles changes, chunk by chunk, and a
run cut short is finished by the next one."""

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from kg import vocab
from kg.consolidate import restate
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
    monkeypatch.setattr(restate, "CHUNK_QUADS", chunk)
    store = store_with(tmp_path, 5)
    named = restate.rewrite(restate.Writes(store), {OLD: NEW})
    assert stored(store) == expected(5)
    assert union_mismatch(store.raw) == (set(), set())
    assert named == {OLD, NEW, OTHER.value} - {NEW}  # what the replaced statements named


def test_a_rewrite_cut_short_is_finished_by_the_next_run(tmp_path, monkeypatch):
    monkeypatch.setattr(restate, "CHUNK_QUADS", 4)
    store = store_with(tmp_path, 5)
    update, calls = store.update, []

    def dies_on_the_third(operations):
        calls.append(1)
        if len(calls) == 3:
            raise KgError("disk gone")
        update(operations)

    monkeypatch.setattr(store, "update", dies_on_the_third)
    with pytest.raises(KgError):
        restate.rewrite(restate.Writes(store), {OLD: NEW})
    assert stored(store) != expected(5)  # half done: some graphs rewritten, some not
    monkeypatch.setattr(store, "update", update)
    restate.rewrite(restate.Writes(store), {OLD: NEW})
    assert stored(store) == expected(5)


def test_relabelling_makes_the_old_label_an_alias_in_every_article_and_the_union(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(restate, "CHUNK_QUADS", 2)
    monkeypatch.setattr(restate, "FLUSH_UPDATE_BYTES", 1)  # a flush after every chunk too
    store = store_with(tmp_path, 5)
    restate.relabel(restate.Writes(store), [(OLD, "İBB", "İstanbul Büyükşehir Belediyesi")])
    old, label = NamedNode(OLD), Literal("İstanbul Büyükşehir Belediyesi", language="tr")
    graphs = {q.graph_name for i in range(5) for q in article_graph(i)}
    assert {q.graph_name for q in store.quads(old, LABEL, label)} == graphs  # the union's too
    alias = Literal("İBB", language="tr")
    assert {
        q.graph_name for q in store.quads(old, NamedNode(vocab.SKOS + "altLabel"), alias)
    } == graphs
    assert not any(store.quads(old, LABEL, alias))
    assert union_mismatch(store.raw) == (set(), set())
    assert MERGED in set(store.quads())
