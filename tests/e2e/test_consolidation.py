"""Scoped consolidation: a build that adds or changes articles, or a removal, consolidates only
what they touch, and the store ends up exactly as a fresh build (or a full consolidation) leaves it."""

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from benchmarks.corpus import synthetic_articles  # the benchmarks' own synthetic articles
from kg import KnowledgeGraph
from kg.builder.ingest import ingest
from kg.builder.inputs import read_inputs
from kg.builder.plan import CONSOLIDATING, BuildPlan
from kg.consolidate import restate
from kg.consolidate import run as consolidation
from kg.consolidate import store_source as storereads
from kg.consolidate.scratch_rows import SCRATCH_PREFIX, FactRows
from kg.errors import KgError
from kg.extract.pipeline import extract
from kg.model import Article
from kg.store.embedded import EmbeddedStore
from tests.e2e.test_across_articles import (  # team-written articles naming İBB both ways
    DEFINES_ACRONYM,
    NEXT_MONTH,
    SAME_VISIT_LATER,
    SHOUTS,
    USES_ACRONYM,
)
from tests.support.union import union_mismatch


def synthetic(n: int) -> list[dict]:
    """``n`` synthetic articles dated over ten days, so events chain and split across articles."""
    articles = itertools.islice(synthetic_articles(n * 2500, seed=7), n)
    return [
        {"id": a.id, "date": f"2026-01-{10 + k % 10:02d}", "text": a.text}
        for k, a in enumerate(articles)
    ]


SYNTHETIC = synthetic(24)
CROSS = [USES_ACRONYM, DEFINES_ACRONYM, SHOUTS, SAME_VISIT_LATER, NEXT_MONTH]


def build(out: Path, articles: list[dict]) -> None:
    source = out.parent / "in.jsonl"  # one path for every build: articles record their source
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles))
    report = KnowledgeGraph.build([source], out=out, html=False, formats=())
    assert report.ok, report.problems


def quads(out: Path) -> set[str]:
    """Every quad, the default graph's included, after checking that it is the named graphs' union."""
    kg = KnowledgeGraph.open(out)
    assert union_mismatch(kg.store.raw) == (set(), set())
    return {str(q) for q in kg.store.raw}


def changed(article: dict) -> dict:
    return dict(article, text=article["text"].split(". ", 3)[-1])


def test_adding_and_changing_articles_gives_what_a_fresh_build_gives(tmp_path):
    first = [*SYNTHETIC[:12], USES_ACRONYM, SHOUTS]
    final = [*map(changed, SYNTHETIC[:3]), *SYNTHETIC[3:], *CROSS]
    build(tmp_path / "grown", first)
    build(tmp_path / "grown", final)
    build(tmp_path / "fresh", final)
    grown = quads(tmp_path / "grown")
    assert grown == quads(tmp_path / "fresh")
    assert any("ReportedEvent" in q for q in grown) and any("altLabel" in q for q in grown)


@pytest.mark.slow
@pytest.mark.parametrize("chunk", [3, 250])
def test_growing_without_new_aliases_rebuilds_only_the_changed_pairs_right(
    tmp_path, monkeypatch, chunk
):
    # İBB is defined in the first build, and used alone in the second (its node is rewritten
    # to the long form's): the second rebuilds events pair by pair
    monkeypatch.setattr(consolidation, "CHUNK", chunk)
    first = [*SYNTHETIC[:14], *CROSS[1:]]
    final = [*map(changed, SYNTHETIC[:4]), *SYNTHETIC[4:], *CROSS[:-1]]
    final.append(dict(CROSS[-1], text=SAME_VISIT_LATER["text"]))  # the same visit, told again
    build(tmp_path / "grown", first)
    calls = []  # chunks done pair by pair (the arguments hold the store: not kept)
    pairwise = consolidation._pairs_state
    monkeypatch.setattr(
        consolidation, "_pairs_state", lambda *a: calls.append(len(a[1])) or pairwise(*a)
    )
    build(tmp_path / "grown", final)
    assert calls
    kg = KnowledgeGraph.open(tmp_path / "grown", read_only=False)
    kg.remove(SYNTHETIC[20]["id"])
    kg.remove(SAME_VISIT_LATER["id"])
    del kg
    build(
        tmp_path / "fresh",
        [a for a in final if a["id"] not in {SYNTHETIC[20]["id"], SAME_VISIT_LATER["id"]}],
    )
    grown = quads(tmp_path / "grown")
    assert grown == quads(tmp_path / "fresh")
    assert not any("organization/ibb>" in q for q in grown)


# the same parties again and again (the synthetic articles seldom repeat a pair): a visit, a
# meeting (symmetric, named either way round), thanks and a head of one of the organisations
REPEATED = [
    "Kula Belediyesi, Gediz Derneği'ni ziyaret etti.",
    "Kula Belediyesi ile Gediz Derneği bir araya geldi.",
    "Gediz Derneği Başkanı Ayşe Kaya, Kula Belediyesi ile bir araya geldi.",
    "Salihli Kent Konseyi, Gediz Derneği'ne teşekkür etti.",
    "Gediz Derneği ile Kula Belediyesi bir araya geldi.",
]


def repeated(day: int | None) -> dict:
    """An article of three of the sentences above, on 2026-02-``day`` (undated if None)."""
    k = day or 0
    text = " ".join(REPEATED[(k + i) % len(REPEATED)] for i in range(3))
    return {"id": f"repeated-{day}", "date": f"2026-02-{day:02d}" if day else "", "text": text}


@pytest.mark.parametrize("chunk", [1, 250])
def test_adding_articles_merges_their_reports_into_the_stored_events(tmp_path, monkeypatch, chunk):
    # the first build's reports are four days apart (separate events); the second adds reports
    # in between, which join and bridge them, a later one, and undated ones
    monkeypatch.setattr(consolidation, "CHUNK", chunk)
    first = [repeated(day) for day in (1, 5, 9, 13, None)] + SYNTHETIC[:3]
    final = [*first, *(repeated(day) for day in (3, 6, 11, 20))] + SYNTHETIC[3:6]
    build(tmp_path / "grown", first)
    modes = []  # whether each chunk merged into the stored events (the store is not kept)
    pairwise = consolidation._pairs_state
    monkeypatch.setattr(
        consolidation, "_pairs_state", lambda *a: modes.append(a[3] is not None) or pairwise(*a)
    )
    build(tmp_path / "grown", final)
    assert modes and all(modes)
    build(tmp_path / "fresh", final)
    grown = quads(tmp_path / "grown")
    assert grown == quads(tmp_path / "fresh")
    bridged = '"2026-02-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert any("firstReported" in q and bridged in q for q in grown)


def test_an_added_article_using_a_known_alias_alone_joins_the_stored_event(tmp_path):
    # the new article's own rows name İBB's node, which becomes the long form's: its report must
    # still join the visit stored the day before
    visit = {
        "id": "long-form-visit",
        "date": "2024-03-01",
        "text": "İzmir Büyükşehir Belediyesi, Bornova Kadın Kooperatifi'ni ziyaret etti.",
    }
    build(tmp_path / "grown", [DEFINES_ACRONYM, visit])
    build(tmp_path / "grown", [DEFINES_ACRONYM, visit, USES_ACRONYM])
    build(tmp_path / "fresh", [DEFINES_ACRONYM, visit, USES_ACRONYM])
    grown = quads(tmp_path / "grown")
    assert grown == quads(tmp_path / "fresh")
    assert any(USES_ACRONYM["id"] in q and "wasDerivedFrom" in q and "/event/" in q for q in grown)


def test_a_new_alias_definition_moves_the_events_naming_the_alias_as_counterpart(tmp_path):
    # the visit is the cooperative's event: the acronym's entity is only its counterpart
    visits = {
        "id": "visits-ibb",
        "date": "2024-03-04",
        "text": "Bornova Kadın Kooperatifi, İBB'yi ziyaret etti.",
    }
    build(tmp_path / "grown", [visits])
    build(tmp_path / "grown", [visits, DEFINES_ACRONYM])
    build(tmp_path / "fresh", [visits, DEFINES_ACRONYM])
    grown = quads(tmp_path / "grown")
    assert grown == quads(tmp_path / "fresh")
    assert not any("organization/ibb>" in q for q in grown)


def test_a_changed_article_takes_back_what_its_old_version_said(tmp_path):
    elsewhere = "Bornova Kadın Kooperatifi, Çiğli Gençlik Derneği'ni ziyaret etti."
    build(tmp_path / "grown", [DEFINES_ACRONYM, NEXT_MONTH])
    final = [DEFINES_ACRONYM, dict(NEXT_MONTH, text=elsewhere)]
    build(tmp_path / "grown", final)
    build(tmp_path / "fresh", final)
    assert quads(tmp_path / "grown") == quads(tmp_path / "fresh")


@pytest.mark.slow
def test_a_full_consolidation_after_scoped_ones_changes_nothing(tmp_path):
    out = tmp_path / "out"
    build(out, [*SYNTHETIC[:16], USES_ACRONYM])
    build(out, [*SYNTHETIC, *CROSS])
    kg = KnowledgeGraph.open(out, read_only=False)
    kg.remove(SYNTHETIC[5]["id"])
    kg.remove(SAME_VISIT_LATER["id"])
    assert not (out / CONSOLIDATING).exists()
    before = {str(q) for q in kg.store.raw}
    kg.consolidate()
    assert {str(q) for q in kg.store.raw} == before
    del kg
    build(
        tmp_path / "fresh",
        [
            a
            for a in [*SYNTHETIC, *CROSS]
            if a["id"] not in {SYNTHETIC[5]["id"], SAME_VISIT_LATER["id"]}
        ],
    )
    assert quads(out) == quads(tmp_path / "fresh")


@pytest.mark.slow
def test_a_build_after_one_killed_before_consolidating_consolidates_everything(tmp_path):
    out = tmp_path / "out"
    final = [*SYNTHETIC, *CROSS]
    build(out, SYNTHETIC[:8])
    build(tmp_path / "fresh", final)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in final))
    # what a build killed after its writes leaves: the new graphs stored, the marker still there
    kg = KnowledgeGraph.open(out, read_only=False)
    (out / CONSOLIDATING).touch()
    assert ingest(kg.store, read_inputs([source])).articles == len(final)
    del kg
    assert quads(out) != quads(tmp_path / "fresh")

    build(out, final)  # every article unchanged: only the marker says what is left to do
    assert quads(out) == quads(tmp_path / "fresh")
    assert not (out / CONSOLIDATING).exists()


def test_a_full_consolidation_takes_back_events_of_entities_no_article_names_any_more(tmp_path):
    elsewhere = dict(NEXT_MONTH, id="elsewhere", text="Bornova Kadın Kooperatifi toplandı.")
    build(tmp_path / "out", [NEXT_MONTH, elsewhere])
    kg = KnowledgeGraph.open(tmp_path / "out", read_only=False)
    kg.store.drop_graph(NamedNode("https://w3id.org/civic-kg/article/next-month"))  # no scope
    kg.consolidate()
    del kg
    build(tmp_path / "fresh", [elsewhere])
    assert quads(tmp_path / "out") == quads(tmp_path / "fresh")


@pytest.mark.slow
@pytest.mark.parametrize("chunk", [1, 7])
def test_small_chunks_and_early_writes_give_the_same_store(tmp_path, monkeypatch, chunk):
    build(tmp_path / "whole", [*SYNTHETIC, *CROSS])
    monkeypatch.setattr(consolidation, "CHUNK", chunk)
    monkeypatch.setattr(consolidation, "INSERT_LINES", 50)
    monkeypatch.setattr(restate, "FLUSH_UPDATE_BYTES", 1)
    monkeypatch.setattr(restate, "CHUNK_QUADS", 3)
    monkeypatch.setattr("kg.store.embedded.BULK_LOAD_QUADS", 1_000)
    monkeypatch.setattr("kg.builder.ingest.WRITE_LINES", 600)
    build(tmp_path / "chunked", [*SYNTHETIC[:10], USES_ACRONYM])
    build(tmp_path / "chunked", [*SYNTHETIC, *CROSS])
    assert quads(tmp_path / "chunked") == quads(tmp_path / "whole")


def test_a_first_build_consolidates_from_its_rows_as_the_store_would(tmp_path):
    out = tmp_path / "out"
    build(out, [*SYNTHETIC, *CROSS])  # a first build: consolidated from the rows it kept
    assert not list(out.glob(f"{SCRATCH_PREFIX}*"))
    kg = KnowledgeGraph.open(out, read_only=False)
    before = {str(q) for q in kg.store.raw}
    assert any("ReportedEvent" in q for q in before) and any("altLabel" in q for q in before)
    kg.consolidate()  # everything again, read from the store
    assert {str(q) for q in kg.store.raw} == before


def test_a_first_build_whose_write_fails_consolidates_what_the_store_holds(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.builder.ingest.WRITE_LINES", 1)  # one article a group
    original = EmbeddedStore.write_graphs

    def write_graphs(store, graphs):
        graphs = list(graphs)
        if any(g.endswith(DEFINES_ACRONYM["id"]) for g, _, _ in graphs):
            raise KgError("could not write graphs: disk full")
        original(store, graphs)

    monkeypatch.setattr(EmbeddedStore, "write_graphs", write_graphs)
    scopes: list = []
    run = consolidation.consolidate
    monkeypatch.setattr(consolidation, "consolidate", lambda s, c: scopes.append(c) or run(s, c))
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in CROSS))
    report = KnowledgeGraph.build([source], out=tmp_path / "out", html=False, formats=())
    assert [p.article for p in report.problems] == [DEFINES_ACRONYM["id"]]
    # the rows were worked out with the article that was not written: the store is asked
    assert len(scopes) == 1 and isinstance(scopes[0], consolidation.Everything)
    assert not scopes[0].complete
    monkeypatch.undo()
    kg = KnowledgeGraph.open(tmp_path / "out", read_only=False)
    after = {str(q) for q in kg.store.raw}
    assert any("ReportedEvent" in q for q in after)
    kg.consolidate()  # everything again, read from the store
    assert {str(q) for q in kg.store.raw} == after


def test_a_first_build_rewrites_alias_iris_before_writing_as_the_store_would_after(
    tmp_path, monkeypatch
):
    live: list[dict] = []  # the rewrites consolidation found still to make in the store
    original = restate.rewrite
    monkeypatch.setattr(restate, "rewrite", lambda w, r: live.append(dict(r)) or original(w, r))
    build(tmp_path / "before", [*SYNTHETIC, *CROSS])
    assert live == []  # the İBB written alone went in under the long form's IRI
    monkeypatch.setattr(BuildPlan, "rewrites_before_writing", property(lambda plan: False))
    build(tmp_path / "after", [*SYNTHETIC, *CROSS])
    assert len(live) == 1 and live[0]  # rewritten in the store, after writing
    assert quads(tmp_path / "before") == quads(tmp_path / "after")
    assert not any(old in q for q in quads(tmp_path / "before") for old in live[0])


def test_fact_rows_give_the_alias_rewrites_the_store_gives(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in CROSS))
    store = EmbeddedStore(tmp_path / "store")
    with FactRows(tmp_path) as rows:
        ingest(store, read_inputs([source]), scratch=tmp_path, rows=rows)  # nothing rewritten
        rewrites = rows.iri_rewrites()
        assert rewrites and rewrites == consolidation._rewrites(store, {})[0]
        naming = rows.graphs_naming(rewrites)
        assert naming and all(set(olds) <= set(rewrites) for olds in naming.values())
        for graph in naming:
            assert any(
                str(q.subject) in {f"<{old}>" for old in rewrites}
                for q in store.graph_quads(NamedNode(graph))
            )


def test_fact_rows_answer_what_the_store_answers(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in SYNTHETIC))
    kg = KnowledgeGraph(tmp_path, EmbeddedStore(tmp_path / "store"))
    with FactRows(tmp_path) as rows:
        report = ingest(kg.store, read_inputs([source]), scratch=tmp_path, rows=rows)
        assert report.articles == len(SYNTHETIC)
        entities = sorted(storereads.entities_in(kg.store, kg.store.named_graphs()))
        from_store = storereads.StoreReads(kg.store)
        by = consolidation.BY_COUNTERPART
        facts = rows.facts(entities, by)
        assert len(facts) > 100 and {f.predicate for f in facts} >= {"visited", "headOf"}
        assert set(facts) == set(from_store.facts(entities, by)) and len(set(facts)) == len(facts)
        assert sorted(rows.labels(entities)) == sorted(from_store.labels(entities))
        # one article's graph written again: its rows are replaced, not added to
        graph = sorted({f.graph for f in facts})[0]
        rows.add(graph, [], [])
        assert graph not in {f.graph for f in rows.facts(entities, by)}
        # and one whose write failed is forgotten
        other = sorted({f.graph for f in facts})[1]
        rows.discard([other])
        assert other not in {f.graph for f in rows.facts(entities, by)}
    assert not list(tmp_path.glob(f"{SCRATCH_PREFIX}*"))


def test_the_report_counts_every_reported_fact_and_no_merged_event(tmp_path):
    source = tmp_path / "in.jsonl"
    articles = [*SYNTHETIC, *CROSS]
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles))
    report = KnowledgeGraph.build([source], out=tmp_path / "out", html=False, formats=())
    extracted = Counter(
        f.p for a in articles for f in extract(Article(a["id"], a["text"], date=a["date"])).facts
    )
    assert report.facts_by_predicate == dict(sorted(extracted.items()))
    assert report.facts_read == extracted.total()
    merged = KnowledgeGraph.open(tmp_path / "out").sparql(
        "ASK { ?e a civ:ReportedEvent ; civ:eventRelation civ:visited }"
    )
    assert merged  # the merged graph has events, and they are not counted as facts


def test_a_build_removes_the_rows_a_killed_build_left(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    left = out / f"{SCRATCH_PREFIX}killed"
    left.mkdir()
    (left / "rows.sqlite").write_bytes(b"x")
    build(out, [DEFINES_ACRONYM])
    assert not left.exists()


def test_entities_in_names_what_the_graphs_hold(tmp_path):
    build(tmp_path / "out", [DEFINES_ACRONYM])
    kg = KnowledgeGraph.open(tmp_path / "out")
    graph = "https://w3id.org/civic-kg/article/defines-acronym"
    found = storereads.entities_in(kg.store, [graph])
    assert {iri.rsplit("/", 2)[-2] + "/" + iri.rsplit("/", 1)[-1] for iri in found} == {
        "organization/izmir-buyuksehir-belediyesi",
        "organization/karsiyaka-genclik-dernegi",
        "place/izmir",
        "place/karsiyaka",
    }
    assert storereads.entities_in(kg.store, []) == set()
