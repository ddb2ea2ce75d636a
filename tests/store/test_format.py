"""The store's layout: an article's own nodes once, in the default graph; older stores upgraded."""

import gc

import pytest
from click.testing import CliRunner
from pyoxigraph import DefaultGraph, NamedNode

from kg import KnowledgeGraph, vocab
from kg.cli import main
from kg.errors import KgError
from kg.store.embedded import FORMAT_FILE, EmbeddedStore
from tests.support import SEED
from tests.support.union import union_mismatch


def built(tmp_path):
    out = tmp_path / "out"
    KnowledgeGraph.build([SEED], out=out, formats=(), html=False)
    return out


def as_an_older_civic_kg_left_it(out) -> None:
    """Format 1: every article's own nodes in its named graph as well, the merged graph's nodes
    in the merged graph as well, no format file."""
    store = EmbeddedStore(out / "store")
    raw = store.raw
    raw.extend(store.graph_quads(NamedNode(vocab.MERGED_GRAPH)))
    for graph in [g for g in raw.named_graphs() if g.value.startswith(vocab.ARTICLE_BASE)]:
        own = [
            q for q in store.graph_quads(graph) if q.subject.value.startswith(vocab.OWN_NODE_BASES)
        ]
        raw.extend(own)
    raw.flush()
    del store, raw
    gc.collect()
    (out / "store" / FORMAT_FILE).unlink()


def test_own_nodes_are_in_the_default_graph_only_and_every_query_still_sees_them(tmp_path):
    kg = KnowledgeGraph.open(built(tmp_path))
    raw = kg.store.raw
    once = [q for q in raw if q.subject.value.startswith(vocab.STORED_ONCE_BASES)]
    assert {q.graph_name for q in once} == {DefaultGraph()}
    assert {q.subject.value.split("/")[-2] for q in once} >= {"fact", "membership", "event"}
    assert NamedNode(vocab.MERGED_GRAPH) not in set(raw.named_graphs())
    # an export has the merged graph, its nodes in it
    exported = {q.graph_name for q in kg.store.graph_quads(NamedNode(vocab.MERGED_GRAPH))}
    assert (
        exported == {NamedNode(vocab.MERGED_GRAPH)}
        and vocab.MERGED_GRAPH in kg.store.named_graphs()
    )
    assert union_mismatch(raw) == (set(), set())
    assert sum(kg.count_facts().values()) == len(kg.facts()) == 6


def test_an_older_store_is_refused_read_only_and_upgraded_in_place(tmp_path):
    out = built(tmp_path)
    fresh = sorted(map(str, KnowledgeGraph.open(out).store.raw))
    as_an_older_civic_kg_left_it(out)
    with pytest.raises(KgError, match="older civic-kg: run 'kg upgrade'"):
        KnowledgeGraph.open(out)
    result = CliRunner().invoke(main, ["query", str(out), "SELECT * WHERE { ?s ?p ?o } LIMIT 1"])
    assert result.exit_code == 1 and "kg upgrade" in result.output

    result = CliRunner().invoke(main, ["upgrade", str(out)])
    assert result.exit_code == 0 and "upgraded" in result.output
    assert sorted(map(str, KnowledgeGraph.open(out).store.raw)) == fresh
    result = CliRunner().invoke(main, ["upgrade", str(out)])
    assert result.exit_code == 0 and "up to date" in result.output


def test_a_build_into_an_older_store_upgrades_it_first(tmp_path):
    out = built(tmp_path)
    fresh = sorted(map(str, KnowledgeGraph.open(out).store.raw))
    as_an_older_civic_kg_left_it(out)
    KnowledgeGraph.build([SEED], out=out, formats=(), html=False)
    assert sorted(map(str, KnowledgeGraph.open(out).store.raw)) == fresh


def test_a_store_of_a_newer_format_is_refused_with_a_clear_message(tmp_path):
    out = built(tmp_path)
    (out / "store" / FORMAT_FILE).write_text("3\n")
    for read_only in (True, False):
        with pytest.raises(KgError, match="format '3', which this civic-kg"):
            KnowledgeGraph.open(out, read_only=read_only)


def test_dropping_the_union_keeps_the_own_nodes_and_rebuilding_it_restores_the_store(tmp_path):
    out = built(tmp_path)
    store = EmbeddedStore(out / "store")
    before = sorted(map(str, store.raw))
    facts = "SELECT (COUNT(*) AS ?n) WHERE { ?f civ:relation ?p }"
    count = next(iter(store.query(facts)))["n"].value
    store.drop_union()  # as a first user update through `kg serve --allow-update` does
    default = list(store.raw.quads_for_pattern(None, None, None, DefaultGraph()))
    assert default and all(q.subject.value.startswith(vocab.STORED_ONCE_BASES) for q in default)
    assert next(iter(store.query(facts)))["n"].value == count  # through the union view
    store.rebuild_union()
    assert sorted(map(str, store.raw)) == before


def test_removing_an_article_takes_its_own_nodes_too(tmp_path):
    kg = KnowledgeGraph.open(built(tmp_path), read_only=False)
    (article,) = [g for g in kg.store.named_graphs() if g.startswith(vocab.ARTICLE_BASE)]
    statements = len(list(kg.store.graph_quads(NamedNode(article))))
    assert kg.store.drop_graph(NamedNode(article)) == statements
    assert not any(q.subject.value.startswith(vocab.OWN_NODE_BASES) for q in kg.store.raw)
