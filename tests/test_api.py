"""The Python API notebooks use: typed DataFrames, rdflib and networkx views, GEXF/GraphML files."""

import doctest
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
import rdflib
from click.testing import CliRunner
from pyoxigraph import QuerySolutions

from kg import KnowledgeGraph, vocab
from kg.cli import main
from kg.errors import KgError
from kg.exports import network as networks
from kg.query import results as frames
from kg.query import tables
from kg.rdf.encode import entity_iri
from tests.support import build_articles

# Team-written articles: the same visit told by two outlets a day apart, one a year later, one undated.
ARTICLES = [
    {
        "id": "dernek-belediye-ziyareti",
        "date": "2024-03-04",
        "outlet": "ornek-gazete.example",
        "url": "https://ornek-gazete.example/haber/dernek-belediye",
        "text": "Karşıyaka Gençlik Derneği Başkanı Ali Kaya, Bornova Belediyesi'ni ziyaret etti. "
        "Bornova Belediyesi, Karşıyaka Gençlik Derneği'ne teşekkür etti.",
    },
    {
        "id": "ayni-ziyaret-baska-gazete",
        "date": "2024-03-05",
        "outlet": "baska-gazete.example",
        "url": "https://baska-gazete.example/2024/03/ziyaret",
        "text": "Karşıyaka Gençlik Derneği (KGD) Başkanı Ali Kaya, Bornova Belediyesi'ni ziyaret etti.",
    },
    {
        "id": "kooperatif-konsey",
        "date": "2025-06-10",
        "outlet": "ornek-gazete.example",
        "text": "Buca Kadın Kooperatifi, Konak Kent Konseyi'ni ziyaret etti. "
        "Konak Kent Konseyi Başkanı Ayşe Demir, kooperatife teşekkür etti.",
    },
    {"id": "tarihsiz", "text": "Menemen Belediyesi, Foça Kent Konseyi'ni ziyaret etti."},
]
ALI_KAYA = entity_iri("Ali Kaya", "Person").value
KGD = entity_iri("Karşıyaka Gençlik Derneği", "Organization").value
BORNOVA_MUNICIPALITY = entity_iri("Bornova Belediyesi", "Organization").value
FACTS = """SELECT ?fact ?date ?confidence ?start ?evidence WHERE {
  ?fact civ:relation civ:visited ; civ:confidence ?confidence ; civ:evidenceStart ?start ;
        civ:evidence ?evidence . OPTIONAL { ?fact civ:date ?date } } ORDER BY ?fact"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_articles(tmp_path_factory.mktemp("api"), ARTICLES, html=False)


@pytest.fixture(scope="module")
def kg(built) -> KnowledgeGraph:
    return KnowledgeGraph.open(built)


def attribute_values(graph: nx.MultiDiGraph) -> list:
    return [
        *graph.graph.values(),
        *(v for _, d in graph.nodes(data=True) for v in d.values()),
        *(v for *_, d in graph.edges(data=True) for v in d.values()),
    ]


def test_select_gives_one_column_per_variable_typed_by_its_values(kg):
    frame = kg.query(FACTS)
    assert list(frame.columns) == ["fact", "date", "confidence", "start", "evidence"]
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["confidence"].dtype == "float64"
    assert frame["start"].dtype == "Int64"
    assert frame["evidence"].dtype == "string" and frame["fact"].dtype == "string"


def test_dates_are_pandas_dates_so_dt_year_works(kg):
    years = kg.query(FACTS)["date"].dt.year
    assert set(years.dropna()) == {2024, 2025}


def test_an_unbound_cell_is_missing(kg):
    frame = kg.query(FACTS)
    undated = frame[frame["evidence"].str.contains("Menemen")]
    assert len(undated) == 1 and undated["date"].isna().all()


def test_booleans_integers_and_datetimes_get_nullable_dtypes(kg):
    frame = kg.query("""SELECT ?b ?n ?t WHERE { VALUES (?b ?n ?t) {
        (true 3 "2024-03-04T10:30:00+03:00"^^xsd:dateTime) (UNDEF UNDEF UNDEF) } }""")
    assert frame["b"].dtype == "boolean" and frame["n"].dtype == "Int64"
    assert frame["b"].isna().tolist() == [False, True] and frame["n"].isna().tolist() == [
        False,
        True,
    ]
    assert frame["t"][0] == pd.Timestamp("2024-03-04T07:30:00Z")


def test_a_column_mixing_kinds_stays_python_values(kg):
    frame = kg.query('SELECT ?x WHERE { VALUES ?x { 1 "bir" "2024-03-04"^^xsd:date } }')
    assert frame["x"].dtype == object
    assert frame["x"].tolist() == [1, "bir", date(2024, 3, 4)]


def test_an_ill_typed_literal_keeps_its_text(kg):
    frame = kg.query('SELECT ?x WHERE { VALUES ?x { "yok"^^xsd:integer 2 } }')
    assert frame["x"].tolist() == ["yok", 2]


def test_ask_gives_a_bool(kg):
    assert kg.query("ASK { ?s civ:visited ?o }") is True
    assert kg.query("ASK { ?s civ:criticized ?o }") is False


def test_construct_gives_an_rdflib_graph_with_the_prefixes_bound(kg):
    graph = kg.query("CONSTRUCT { ?s civ:visited ?o } WHERE { ?s civ:visited ?o }")
    assert isinstance(graph, rdflib.Graph)
    visits = {(str(s), str(o)) for s, _, o in graph}
    assert (ALI_KAYA, BORNOVA_MUNICIPALITY) in visits
    assert "civ:visited" in graph.serialize(format="turtle")


def test_sparql_gives_pyoxigraphs_own_results(kg):
    results = kg.sparql("SELECT ?s WHERE { ?s civ:visited ?o }")
    assert isinstance(results, QuerySolutions)
    assert [v.value for v in results.variables] == ["s"]


def test_malformed_sparql_is_a_kg_error(kg):
    with pytest.raises(KgError, match="SPARQL syntax error"):
        kg.query("SELECT ?s WHERE { ?s civ:visited }")


def test_entities_are_a_frame_with_counts_and_aliases(kg):
    entities = kg.entities()
    assert list(entities.columns) == list(tables.ENTITY_COLUMNS)
    assert entities["mentions"].dtype == "int64" and entities["articles"].dtype == "int64"
    kgd = entities.set_index("iri").loc[KGD]
    assert kgd["name"] == "Karşıyaka Gençlik Derneği" and kgd["aliases"] == ["KGD"]
    assert kgd["type"] == "Organization" and kgd["subtype"] == "Association"
    assert kgd["articles"] == 2
    assert entities["articles"].is_monotonic_decreasing


def test_entities_search_is_turkish_aware_and_matches_aliases(kg):
    assert set(kg.entities(search="KARŞIYAKA GENÇLİK")["iri"]) == {KGD}
    assert set(kg.entities(search="kgd")["iri"]) == {KGD}


def test_entities_filter_by_subtype(kg):
    municipalities = kg.entities(type="Municipality")
    assert set(municipalities["name"]) == {"Bornova Belediyesi", "Menemen Belediyesi"}


def test_entities_with_an_unknown_type_name_the_choices(kg):
    with pytest.raises(KgError, match="use one of"):
        kg.entities(type="Dragon")


def test_facts_are_one_typed_row_per_fact_node(kg):
    facts = kg.facts()
    assert list(facts.columns) == list(tables.FACT_COLUMNS)
    assert pd.api.types.is_datetime64_any_dtype(facts["date"])
    assert facts["confidence"].dtype == "float64"
    assert facts["fact"].is_unique
    assert not facts["fact"].str.startswith(vocab.REPORTED_EVENT_BASE).any()
    assert set(facts["predicate"]) <= set(vocab.PREDICATES)


def test_each_article_reporting_a_visit_gives_its_own_fact(kg):
    visits = kg.facts(predicate="visited", entity=ALI_KAYA)
    assert visits["outlet"].tolist() == ["ornek-gazete.example", "baska-gazete.example"]
    assert visits["object_label"].unique().tolist() == ["Bornova Belediyesi"]
    assert visits["url"].str.startswith("https://").all()


def test_a_filter_matching_nothing_keeps_the_columns_and_their_dtypes(kg):
    facts = kg.facts(predicate="criticized")
    assert facts.empty and list(facts.columns) == list(tables.FACT_COLUMNS)
    assert pd.api.types.is_datetime64_any_dtype(facts["date"])
    assert facts["confidence"].dtype == "float64" and facts["evidence"].dtype == "string"
    events = kg.events(predicate="criticized")
    assert events.empty and events["sources"].dtype == "Int64" and events["outlets"].dtype == object


def test_an_entity_iri_that_is_not_one_is_a_kg_error(kg):
    with pytest.raises(KgError, match="not a valid IRI"):
        kg.facts(entity="https://example.org/a> ?x")


def test_facts_filter_by_one_or_several_predicates(kg):
    assert set(kg.facts(predicate="thanked")["predicate"]) == {"thanked"}
    both = kg.facts(predicate=["visited", "thanked"])
    assert set(both["predicate"]) == {"visited", "thanked"}


def test_facts_with_an_unknown_predicate_name_the_choices(kg):
    with pytest.raises(KgError, match="use one of"):
        kg.facts(predicate="hugged")


def test_since_and_until_keep_dated_facts_in_range_both_ends_included(kg):
    march = kg.facts(since="2024-03-05", until=date(2024, 3, 31))
    assert set(march["date"].dt.strftime("%Y-%m-%d")) == {"2024-03-05"}
    later = kg.facts(since=pd.Timestamp("2025-01-01"))
    assert set(later["date"].dt.year) == {2025}
    assert kg.facts()["date"].isna().any() and not later["date"].isna().any()


def test_a_date_that_is_not_one_is_a_kg_error(kg):
    with pytest.raises(KgError, match="not a date"):
        kg.facts(since="geçen hafta")


def test_facts_of_an_entity_by_name_alias_or_iri_either_side(kg):
    by_alias = kg.facts(entity="kgd")
    by_iri = kg.facts(entity=KGD)
    assert by_alias.equals(by_iri)
    assert (by_alias["subject"] == KGD).any() and (by_alias["object"] == KGD).any()
    assert ((by_alias["subject"] == KGD) | (by_alias["object"] == KGD)).all()


def test_an_unknown_entity_name_is_a_kg_error(kg):
    with pytest.raises(KgError, match="no entity named"):
        kg.facts(entity="Olmayan Derneği")


def test_min_confidence_keeps_facts_at_least_that_confident(kg):
    everything = kg.facts()
    threshold = everything["confidence"].median()
    kept = kg.facts(min_confidence=threshold)
    assert 0 < len(kept) <= len(everything) and (kept["confidence"] >= threshold).all()


def test_events_join_reports_of_one_visit_with_sources_and_dates(kg):
    events = kg.events()
    assert list(events.columns) == list(tables.EVENT_COLUMNS)
    assert events["sources"].dtype == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(events["first_reported"])
    visit = events[(events["subject"] == ALI_KAYA) & (events["predicate"] == "visited")]
    assert len(visit) == 1
    row = visit.iloc[0]
    assert row["sources"] == 2 and row["object_label"] == "Bornova Belediyesi"
    assert row["first_reported"] == pd.Timestamp("2024-03-04")
    assert row["last_reported"] == pd.Timestamp("2024-03-05")
    assert row["outlets"] == ["baska-gazete.example", "ornek-gazete.example"]
    assert events.index[events["event"] == row["event"]][0] == 0  # most widely reported first


def test_events_filters(kg):
    assert kg.events(min_sources=2)["subject"].tolist() == [ALI_KAYA]
    assert set(kg.events(predicate="thanked")["predicate"]) == {"thanked"}
    assert set(kg.events(since="2025-01-01")["first_reported"].dt.year) == {2025}


def test_to_rdflib_holds_every_named_graph_and_quad(kg):
    dataset = kg.to_rdflib()
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == set(kg.store.named_graphs())
    assert sum(len(g) for g in dataset.graphs()) == len(kg.store)
    assert bool(dataset.query("ASK { ?s civ:visited ?o }"))  # the union, prefixes bound


def test_to_networkx_has_every_entity_and_one_edge_per_fact(kg):
    graph = kg.to_networkx()
    facts = kg.facts()
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == set(kg.entities()["iri"])
    assert {k for *_, k in graph.edges(keys=True)} == set(facts["fact"])
    node = graph.nodes[KGD]
    assert node["label"] == "Karşıyaka Gençlik Derneği" and node["aliases"] == "KGD"
    assert node["type"] == "Organization" and node["mentions"] == 3
    reported_later = facts[
        (facts["outlet"] == "baska-gazete.example") & (facts["predicate"] == "visited")
    ]
    edge = graph.edges[ALI_KAYA, BORNOVA_MUNICIPALITY, reported_later["fact"].iloc[0]]
    assert edge["predicate"] == "visited" and edge["date"] == "2024-03-05"
    assert isinstance(edge["confidence"], float) and "ziyaret" in edge["evidence"]


def test_network_attributes_are_never_none(kg):
    values = attribute_values(kg.to_networkx())
    assert values and all(isinstance(v, str | int | float | bool) for v in values)


def test_to_networkx_keeps_only_the_facts_of_the_predicates_asked(kg):
    graph = kg.to_networkx(predicates=["visited"])
    assert {d["predicate"] for *_, d in graph.edges(data=True)} == {"visited"}
    assert graph.number_of_edges() == len(kg.facts(predicate="visited"))


def test_gexf_loads_back_with_the_attributes_gephi_shows(kg, tmp_path):
    path = kg.to_gexf(tmp_path / "ag.gexf")
    graph = nx.read_gexf(path)
    original = kg.to_networkx()
    assert graph.number_of_nodes() == original.number_of_nodes()
    assert graph.number_of_edges() == original.number_of_edges()
    node = graph.nodes[KGD]
    assert node["label"] == "Karşıyaka Gençlik Derneği" and node["aliases"] == "KGD"
    assert node["type"] == "Organization" and node["mentions"] == 3
    edges = [d for *_, d in graph.edges(data=True) if d["predicate"] == "visited"]
    assert edges and all(d["label"] == "visited" for d in edges)
    assert {d["date"] for d in edges} >= {"2024-03-04", "2024-03-05", ""}
    assert all(isinstance(d["confidence"], float) for d in edges)


def test_graphml_loads_back_with_keys_and_attributes(kg, tmp_path):
    path = kg.to_graphml(tmp_path / "ag.graphml", predicates="visited")
    graph = nx.read_graphml(path)
    original = kg.to_networkx(predicates="visited")
    assert set(graph.nodes) == set(original.nodes)
    assert {k for *_, k in graph.edges(keys=True)} == {k for *_, k in original.edges(keys=True)}
    assert graph.nodes[ALI_KAYA]["label"] == "Ali Kaya"
    assert all(d["outlet"] or d["date"] == "" for *_, d in graph.edges(data=True))


def test_writing_a_network_file_replaces_it_and_leaves_no_temp_files(kg, tmp_path):
    target = tmp_path / "ag.gexf"
    target.write_text("eski", encoding="utf-8")
    kg.to_gexf(target)
    assert nx.read_gexf(target).number_of_nodes() > 0
    assert [p.name for p in tmp_path.iterdir()] == ["ag.gexf"]


def test_sanitising_joins_lists_and_drops_what_xml_cannot_hold():
    graph = nx.MultiDiGraph(created=date(2024, 3, 4))
    graph.add_node("a", tags=("dernek", None, "konsey"), note=None, ratio=float("nan"))
    graph.add_edge("a", "b", evidence="Kaya\x1f ziyaret etti", weight=pd.NA)
    clean = networks.sanitised(graph)
    assert clean.graph == {"created": "2024-03-04"}
    assert dict(clean.nodes["a"]) == {"tags": "dernek; konsey"}
    assert clean.edges["a", "b", 0] == {"evidence": "Kaya ziyaret etti"}
    assert graph.nodes["a"]["note"] is None  # the graph given is left as it was


@pytest.mark.parametrize("module", [frames, networks], ids=lambda m: m.__name__)
def test_the_docstring_examples_run(module):
    result = doctest.testmod(module)
    assert result.attempted and not result.failed


def test_kg_entities_lists_what_the_api_gives(kg, built):
    result = CliRunner().invoke(main, ["entities", str(built), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    entities = kg.entities()
    assert [r["name"] for r in records] == entities["name"].tolist()
    ali = next(r for r in records if r["name"] == "Ali Kaya")
    assert ali == {
        "name": "Ali Kaya",
        "type": "Person",
        "subtype": None,
        "aliases": [],
        "mentions": 2,
        "articles": 2,
    }


def test_remove_rewrites_every_rdf_file_a_build_wrote_and_draws_no_view_it_did_not(tmp_path):
    source = tmp_path / "haberler.jsonl"
    source.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
    )
    out = tmp_path / "out"
    KnowledgeGraph.build([source], out=out, formats=("trig", "nq", "ttl"), html=False)
    files = [out / "graph.nq", out / "graph.trig", out / "graph.ttl"]
    assert all("Buca Kadın Kooperatifi" in f.read_text(encoding="utf-8") for f in files)
    report = KnowledgeGraph.open(out, read_only=False).remove("kooperatif-konsey")
    assert report.quads > 0 and sorted(report.outputs) == files
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert "Buca Kadın Kooperatifi" not in text and "Bornova Belediyesi" in text, f.name
    assert not (out / "graph.html").exists()
