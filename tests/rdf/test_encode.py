"""RDF encoding: stable IRIs, one named graph per article, each fact as an edge and an event node."""

from pyoxigraph import Literal, NamedNode

from kg import vocab
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf import encode as rdf


def sample_extraction(article_id: str = "a1") -> Extraction:
    article = Article(
        article_id,
        "Gediz Derneği, Kula Belediyesi'ni ziyaret etti.",
        url="https://example.org/a1",
        date="2026-03-01",
        title="Ziyaret",
        outlet="example.org",
    )
    entities = (
        Entity("Gediz Derneği", "Organization", "Association", ("GEDER",)),
        Entity("Kula Belediyesi", "Organization", "Municipality"),
    )
    facts = (
        Fact(
            "Gediz Derneği",
            "visited",
            "Kula Belediyesi",
            "Gediz Derneği, Kula Belediyesi'ni ziyaret etti",
            0,
            46,
            0.85,
        ),
    )
    return Extraction(article, entities, facts)


def quads_of(extraction: Extraction) -> list:
    return list(rdf.extraction_quads(extraction, extractor_version="test"))


def test_entity_iri_is_the_same_for_spellings_that_fold_together():
    assert rdf.entity_iri("İZMİR KENT KONSEYİ", "Organization") == rdf.entity_iri(
        "İzmir Kent Konseyi", "Organization"
    )


def test_entity_iri_differs_by_type():
    assert rdf.entity_iri("Manisa", "Place") != rdf.entity_iri("Manisa", "Organization")


def test_every_quad_is_in_the_articles_named_graph():
    graph = rdf.article_iri("a1")
    assert {q.graph_name for q in quads_of(sample_extraction())} == {graph}


def test_fact_is_a_direct_edge_and_an_event_node_with_provenance():
    quads = quads_of(sample_extraction())
    s = rdf.entity_iri("Gediz Derneği", "Organization")
    o = rdf.entity_iri("Kula Belediyesi", "Organization")
    assert any(
        q.subject == s and q.predicate == rdf.civ("visited") and q.object == o for q in quads
    )
    events = [q.subject for q in quads if q.object == rdf.civ("Visit")]
    assert len(events) == 1
    about = {q.predicate.value: q.object for q in quads if q.subject == events[0]}
    assert about[vocab.civ("agent")] == s
    assert about[vocab.civ("counterpart")] == o
    assert about[vocab.PROV + "wasDerivedFrom"] == rdf.article_iri("a1")
    assert about[vocab.civ("evidence")].value.startswith("Gediz Derneği")
    assert about[vocab.civ("confidence")] == Literal(
        "0.850", datatype=NamedNode(vocab.XSD + "decimal")
    )
    assert about[vocab.civ("date")].value == "2026-03-01"


def test_aliases_are_skos_alt_labels():
    quads = quads_of(sample_extraction())
    alts = [q.object.value for q in quads if q.predicate == rdf.SKOS_ALT]
    assert alts == ["GEDER"]


def test_event_node_iri_is_stable_across_runs():
    first = {q.subject for q in quads_of(sample_extraction()) if q.object == rdf.civ("Visit")}
    second = {q.subject for q in quads_of(sample_extraction()) if q.object == rdf.civ("Visit")}
    assert first == second


def test_the_same_fact_in_two_articles_gets_two_event_nodes():
    a = {q.subject for q in quads_of(sample_extraction("a1")) if q.object == rdf.civ("Visit")}
    b = {q.subject for q in quads_of(sample_extraction("a2")) if q.object == rdf.civ("Visit")}
    assert a.isdisjoint(b)


def test_byline_links_the_article_to_reporter_place_and_agency():
    from kg.model import Byline

    base = sample_extraction()
    entities = (
        *base.entities,
        Entity("Ali Kaya", "Person"),
        Entity("İzmir", "Place", "Province"),
        Entity("İGFA", "Organization", "NewsAgency"),
    )
    extraction = Extraction(base.article, entities, base.facts, Byline("Ali Kaya", "İzmir", "İGFA"))
    about = {
        q.predicate.value: q.object
        for q in quads_of(extraction)
        if q.subject == rdf.article_iri("a1")
    }
    assert about[vocab.SCHEMA + "author"] == rdf.entity_iri("Ali Kaya", "Person")
    assert about[vocab.SCHEMA + "contentLocation"] == rdf.entity_iri("İzmir", "Place")
    assert about[vocab.SCHEMA + "sourceOrganization"] == rdf.entity_iri("İGFA", "Organization")


def test_the_events_of_a_merged_graph_read_back_as_they_were_written_and_posts_are_left_out():
    from datetime import date

    from kg.model import MergedEvent

    events = [
        MergedEvent(
            "visited",
            "urn:a",
            "urn:b",
            date(2024, 5, 1),
            date(2024, 5, 3),
            ("urn:f1", "urn:f2"),
            ("urn:g1", "urn:g2"),
        ),
        MergedEvent("metWith", "urn:a", "urn:c", None, None, ("urn:f3",), ("urn:g1",)),
    ]
    quads = list(rdf.merged_quads(events, {"urn:b": ("urn:p",)}))
    read = rdf.merged_events(reversed(quads))
    assert sorted(read, key=repr) == sorted(events, key=repr)


def test_a_merged_event_states_its_parties_without_the_properties_of_an_article_report():
    """So that ``?f civ:relation civ:visited`` counts reports, not reports and events."""
    from kg.model import MergedEvent

    event = MergedEvent("visited", "urn:a", "urn:b", None, None, ("urn:f",), ("urn:g",))
    stated = {q.predicate.value for q in rdf.merged_quads([event], {})}
    report_properties = {vocab.civ(t) for t in (vocab.RELATION, vocab.AGENT, vocab.COUNTERPART)}
    assert not stated & report_properties
