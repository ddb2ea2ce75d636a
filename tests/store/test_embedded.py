"""The embedded store: graph replacement is idempotent and atomic; errors are KgErrors."""

import io

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg import KnowledgeGraph
from kg.errors import KgError
from kg.store.embedded import EmbeddedStore, union_update
from tests.support import SEED
from tests.support.union import union_mismatch

G = NamedNode("https://example.org/graph/1")
P = NamedNode("https://example.org/p")


def quads(n: int, graph: NamedNode = G) -> list[Quad]:
    return [
        Quad(NamedNode(f"https://example.org/s{i}"), P, Literal(f"değer {i}"), graph)
        for i in range(n)
    ]


def test_replacing_a_graph_twice_leaves_one_copy(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(5))
    store.replace_graph(G, quads(5))
    assert len(store) == 5


def test_replacing_a_graph_drops_its_stale_statements(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(5))
    store.replace_graph(G, quads(2))
    assert len(store) == 2


def test_replacing_one_graph_leaves_the_others(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    other = NamedNode("https://example.org/graph/2")
    store.replace_graph(other, quads(3, other))
    store.replace_graph(G, quads(1))
    assert len(store) == 4


def test_a_failure_while_producing_quads_leaves_the_old_graph(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(3))

    def broken():
        yield from quads(10)
        raise ValueError("extraction failed half-way")

    with pytest.raises(ValueError):
        store.replace_graph(G, broken())
    assert len(store) == 3


def graph_text(graph: NamedNode, n: int, start: int = 0) -> tuple[str, bytes, int]:
    """A graph of ``n`` triples as ``write_graphs`` takes it: its N-Quads, then the union's copies."""
    triples = [f'<https://example.org/s{i}> {P} "{i}"' for i in range(start, start + n)]
    text = "".join(f"{t} {graph} .\n" for t in triples) + "".join(f"{t} .\n" for t in triples)
    return graph.value, text.encode(), n


def test_new_graphs_are_bulk_loaded_whole_in_groups_below_the_loaders_batch(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.store.embedded.BULK_LOAD_QUADS", 12)  # two graphs, each triple twice
    store = EmbeddedStore(tmp_path / "store")
    graphs = [NamedNode(f"https://example.org/graph/{k}") for k in range(4)]
    store.write_graphs(graph_text(g, 3, 10 * k) for k, g in enumerate(graphs))
    assert len(store) == 12
    assert all(len(list(store.raw.quads_for_pattern(None, None, None, g))) == 3 for g in graphs)


def test_a_bad_line_in_a_group_of_new_graphs_writes_none_of_them(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(2))
    other = NamedNode("https://example.org/graph/2")
    with pytest.raises(KgError, match="could not write graphs"):
        store.write_graphs([graph_text(other, 3), ("https://example.org/g3", b"<a> .\n", 1)])
    assert len(store) == 2 and not store.raw.contains_named_graph(other)


def test_a_graph_too_big_to_load_atomically_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.store.embedded.BULK_LOAD_QUADS", 5)
    store = EmbeddedStore(tmp_path / "store")
    with pytest.raises(KgError, match="too big to write atomically"):
        store.write_graphs([graph_text(G, 6)])
    assert len(store) == 0


def union_store(tmp_path) -> EmbeddedStore:
    """Two graphs that share the triple of s0; graph 2 also has s1-s2, graph 1 s1 alone."""
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(2))
    store.write_graphs([graph_text(G2, 3)])
    return store


G2 = NamedNode("https://example.org/graph/2")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def default_count(store: EmbeddedStore) -> int:
    return int(next(iter(store.query(COUNT)))["n"].value)


def test_the_default_graph_holds_each_triple_of_the_named_graphs_once(tmp_path):
    store = union_store(tmp_path)
    # ntriples() and quads() state s0, s1 in different literals: 2 + 3 distinct triples
    assert len(store) == 5 and default_count(store) == 5
    assert union_mismatch(store.raw) == (set(), set())


def test_dropping_or_replacing_a_graph_keeps_the_triples_another_graph_states(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(3))
    store.replace_graph(G2, quads(2, G2))
    assert default_count(store) == 3
    store.replace_graph(G, quads(1))  # s1 still stated by graph 2, s2 by none
    assert default_count(store) == 2 and union_mismatch(store.raw) == (set(), set())
    store.drop_graph(G2)
    assert default_count(store) == 1 and union_mismatch(store.raw) == (set(), set())
    store.drop_graph(G)
    assert len(store.raw) == 0


def test_union_update_removes_only_what_no_named_graph_states_and_adds_the_rest(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(2))
    store.replace_graph(G2, quads(1, G2))
    s0, s1 = (q.triple for q in quads(2))  # s0 also in graph 2
    new = Quad(NamedNode("https://example.org/new"), P, Literal("yeni"), G)
    store.update(
        [
            f"DELETE DATA {{ GRAPH {G} {{ {s0} . {s1} }} }}",
            f"INSERT DATA {{ GRAPH {G} {{ {new.triple} }} }}",
            *union_update(removed=[s0, s1], added=[new.triple]),
        ]
    )
    assert union_mismatch(store.raw) == (set(), set()) and default_count(store) == 2


def test_a_store_written_elsewhere_is_queried_through_the_union_view_until_opened_to_write(
    tmp_path,
):
    import pyoxigraph

    raw = pyoxigraph.Store(str(tmp_path / "store"))  # as an older civic-kg left it: no union
    raw.extend(quads(4))
    raw.flush()
    del raw
    assert default_count(EmbeddedStore(tmp_path / "store", read_only=True)) == 4
    store = EmbeddedStore(tmp_path / "store")  # rebuilds the union
    assert len(store.raw) == 8 and union_mismatch(store.raw) == (set(), set())
    store.drop_union()  # as `kg serve --allow-update` does before an update
    store.raw.update(f'DELETE DATA {{ GRAPH {G} {{ <https://example.org/s0> {P} "değer 0" }} }}')
    assert default_count(store) == 3
    del store
    store = EmbeddedStore(tmp_path / "store")
    assert len(store.raw) == 6 and union_mismatch(store.raw) == (set(), set())


def test_dropping_the_union_again_keeps_what_updates_put_in_the_default_graph(tmp_path):
    store = union_store(tmp_path)
    store.drop_union()  # as before a first update through `kg serve --allow-update`
    store.raw.update(f'INSERT DATA {{ <https://example.org/mine> {P} "benim" }}')
    store.drop_union()  # before a second update
    assert default_count(store) == 6  # the union view: 5 named triples and the one written


def test_compacting_keeps_every_quad_and_a_read_only_store_refuses_with_a_kg_error(tmp_path):
    store = EmbeddedStore(tmp_path / "s")
    for n in range(5):  # several bulk loads: several sets of files for RocksDB to merge
        graph = NamedNode(f"https://example.org/graph/{n}")
        store.write_graphs([graph_text(graph, 50, 100 * n)])
    before = sorted(map(str, store.raw))
    store.compact()
    assert sorted(map(str, store.raw)) == before
    del store
    with pytest.raises(KgError, match="could not compact the store"):
        EmbeddedStore(tmp_path / "s", read_only=True).compact()


def test_store_persists_across_reopening(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(4))
    store.flush()
    del store
    assert len(EmbeddedStore(tmp_path / "store", read_only=True)) == 4


def test_opening_a_missing_store_read_only_names_the_path(tmp_path):
    with pytest.raises(KgError, match="no store here"):
        EmbeddedStore(tmp_path / "nothing", read_only=True)


def test_malformed_sparql_is_a_kg_error_with_the_parsers_message(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    with pytest.raises(KgError, match="SPARQL syntax error"):
        store.query("SELECT WHERE {")


def test_unknown_dump_format_names_the_choices(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    with pytest.raises(KgError, match="use one of"):
        store.dump(tmp_path / "x.foo", "foo")


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl", "nt", "jsonld"])
def test_dump_writes_every_format_readably(tmp_path, fmt):
    import rdflib

    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(3))
    path = store.dump(tmp_path / f"graph.{fmt}", fmt)
    parsed = rdflib.Dataset()
    parsed.parse(
        path,
        format={"trig": "trig", "nq": "nquads", "ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[
            fmt
        ],
    )
    assert len(list(parsed.quads((None, None, None, None)))) == 3


def triples_written(store: EmbeddedStore, fmt: str) -> list[str]:
    """The triples a triple-format export writes, in order of output."""
    out = io.BytesIO()
    store.write_to(out, fmt)
    rdf_fmt = RdfFormat.N_TRIPLES if fmt == "nt" else RdfFormat.TURTLE
    return [str(q.triple) for q in parse(out.getvalue(), rdf_fmt)]


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_triple_formats_write_a_triple_stated_in_several_graphs_once(tmp_path, fmt):
    store = EmbeddedStore(tmp_path / "store")
    other = NamedNode("https://example.org/graph/2")
    store.replace_graph(G, quads(4))
    store.replace_graph(other, quads(6, other))
    written = triples_written(store, fmt)
    assert sorted(written) == sorted({str(q.triple) for q in quads(6)})


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_triple_formats_merge_duplicates_across_sorted_runs(tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(
        "kg.store.external_sort.SORT_RUN_LINES", 3
    )  # many runs on disk, each holding repeats,
    monkeypatch.setattr(
        "kg.store.embedded.MERGE_FAN_IN", 2
    )  # merged two at a time in several passes
    store = EmbeddedStore(tmp_path / "store")
    tricky = Literal('satır 1\nsatır 2 "alıntı" \\ sekme\t')
    graphs = [NamedNode(f"https://example.org/graph/{k}") for k in range(5)]
    for k, graph in enumerate(graphs):
        shared = Quad(NamedNode("https://example.org/konsey"), P, tricky, graph)
        store.replace_graph(graph, [shared, *quads(k + 2, graph)])
    store.drop_union()  # without the kept union the export sorts the named graphs' triples
    written = triples_written(store, fmt)
    expected = {str(q.triple) for q in quads(6)} | {f"<https://example.org/konsey> {P} {tricky}"}
    assert len(written) == len(set(written)) and set(written) == expected


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_triple_formats_write_what_a_construct_over_all_graphs_gives(tmp_path, fmt):
    seed = SEED
    KnowledgeGraph.build([seed], out=tmp_path / "out", formats=(), html=False)
    store = EmbeddedStore(tmp_path / "out" / "store", read_only=True)
    union = store.raw.query(  # every graph's triples, the own nodes' in the default graph too
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
    )
    written = triples_written(store, fmt)
    assert len(written) == len(set(written))
    assert set(written) == {str(t) for t in union}


def test_has_any_matches_a_pattern_in_the_graph_asked(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, quads(2))
    s0, other = NamedNode("https://example.org/s0"), NamedNode("https://example.org/graph/2")
    assert store.has_any(s0) and store.has_any(s0, P, graph=G) and store.has_any(graph=G)
    assert not store.has_any(s0, graph=other) and not store.has_any(graph=other)
    assert not store.has_any(NamedNode("https://example.org/s9"))


def test_quads_match_a_pattern_in_one_graph_or_any(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    other = NamedNode("https://example.org/graph/2")
    store.replace_graph(G, quads(3))
    store.replace_graph(other, quads(2, other))
    s0 = NamedNode("https://example.org/s0")
    assert {q.graph_name for q in store.quads(s0, graph=None) if q.graph_name != G} >= {other}
    assert len(list(store.quads(graph=G))) == 3
    assert [q.object for q in store.quads(s0, P, graph=other)] == [Literal("değer 0")]
    assert store.has_graph(other) and not store.has_graph(NamedNode("https://example.org/none"))


def test_a_users_update_runs_with_the_prefixes_and_keeps_its_own_errors(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.run_user_update(
        "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> rdfs:label 'A' } }"
    )
    assert store.has_graph(NamedNode("https://example.org/g"))
    assert store.query("ASK { <https://example.org/a> rdfs:label 'A' }")  # the union view
    with pytest.raises(SyntaxError):  # a server answers 400 for this one, not 500
        store.run_user_update("INSERT DATA { nonsense")
