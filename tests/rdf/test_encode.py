"""RDF encoding: stable IRIs, one named graph per article, each fact as an edge and an event node."""

from hypothesis import assume, given
from hypothesis import strategies as st
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse

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
    """The quads the article's N-Quads text states, the union's copies of its named graph left out."""
    text = rdf.extraction_text(extraction, extractor_version="test")
    quads = list(parse(text.nquads.encode(), format=RdfFormat.N_QUADS))
    return quads[: text.named] + quads[2 * text.named :]


def test_the_named_graph_holds_what_others_may_state_and_the_default_graph_the_own_nodes_once():
    text = rdf.extraction_text(sample_extraction(), extractor_version="test")
    graph = rdf.article_iri("a1")
    quads = list(parse(text.nquads.encode(), format=RdfFormat.N_QUADS))
    assert len(quads) == 2 * text.named + text.own == text.nquads.count("\n")
    named = [q.triple for q in quads[: text.named]]
    default = [q.triple for q in quads[text.named :]]
    assert {q.graph_name for q in quads[: text.named]} == {graph}
    assert {q.graph_name for q in quads[text.named :]} == {DefaultGraph()}
    assert default[: text.named] == named  # the union's copy of the named graph
    own = default[text.named :]
    assert own and all(t.subject.value.startswith(vocab.OWN_NODE_BASES) for t in own)
    assert not any(t.subject.value.startswith(vocab.OWN_NODE_BASES) for t in named)
    assert {t.subject for t in own if t.object == graph} == {t.subject for t in own}


@given(st.text(min_size=1, max_size=40))
def test_literals_are_written_as_oxigraph_writes_them(value):
    assume(value.strip() and value != "Kula Belediyesi")
    assume(not any(0xD800 <= ord(c) <= 0xDFFF for c in value))
    entities = (Entity(value, "Organization"), Entity("Kula Belediyesi", "Organization"))
    fact = Fact(value, "visited", "Kula Belediyesi", value, 0, len(value), 0.5)
    article = Article("a1", value, title=value, outlet=value)
    text = rdf.extraction_text(
        Extraction(article, entities, (fact,)), extractor_version=value, digest=value
    )
    for line in text.nquads.split("\n")[:-1]:
        (quad,) = parse(line.encode(), format=RdfFormat.N_QUADS)
        assert f"{quad} ." == line


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
    triples = merged_triples(events, {"urn:b": ("urn:p",)})
    read = rdf.merged_events(reversed(triples))
    assert sorted(read, key=repr) == sorted(events, key=repr)


def merged_triples(events, posts) -> list:
    """``merged_lines`` read back by Oxigraph, each line checked to be as Oxigraph writes it."""
    lines = list(rdf.merged_lines(events, posts))
    text = "".join(f"{line} .\n" for line in lines).encode()
    triples = list(parse(text, format=RdfFormat.N_TRIPLES))
    assert [str(t) for t in triples] == lines
    return triples


def test_a_merged_event_states_its_parties_without_the_properties_of_an_article_report():
    """So that ``?f civ:relation civ:visited`` counts reports, not reports and events."""
    from kg.model import MergedEvent

    event = MergedEvent("visited", "urn:a", "urn:b", None, None, ("urn:f",), ("urn:g",))
    stated = {t.predicate.value for t in merged_triples([event], {})}
    report_properties = {vocab.civ(t) for t in (vocab.RELATION, vocab.AGENT, vocab.COUNTERPART)}
    assert not stated & report_properties


def test_the_aliases_of_organisations_and_places_are_kept_for_consolidation():
    entities = (
        Entity("Gediz Derneği", "Organization", "Association", ("GEDER",)),
        Entity("Ali Kaya", "Person", aliases=("Kaya",)),  # a bare surname: never an entity's IRI
    )
    text = rdf.extraction_text(
        Extraction(Article("a1", "Gediz Derneği (GEDER) Başkanı Ali Kaya."), entities, ()),
        extractor_version="test",
    )
    gediz = rdf.entity_iri("Gediz Derneği", "Organization").value
    assert text.aliases == ((gediz, "Organization", "GEDER"),)


def test_rewriting_iris_in_the_text_rewrites_each_statement_and_no_literal():
    old = rdf.entity_iri("Kula Belediyesi", "Organization").value
    new = rdf.entity_iri("Kula Belediye Başkanlığı", "Organization").value
    said = f"Gediz Derneği, <{old}> Kula Belediyesi'ni ziyaret etti."  # an IRI in the evidence
    extraction = sample_extraction()
    article = Article("a1", said, date="2026-03-01")
    facts = (Fact("Gediz Derneği", "visited", "Kula Belediyesi", said, 0, len(said), 0.85),)
    extraction = Extraction(article, extraction.entities, facts)
    text = rdf.extraction_text(extraction, extractor_version="test").nquads
    expected = [
        Quad(*rdf.rewritten(q.triple, {old: new}), q.graph_name)
        for q in parse(text.encode(), format=RdfFormat.N_QUADS)
    ]
    rewritten = rdf.rewritten_text(text, [old], {old: new})
    assert list(parse(rewritten.encode(), format=RdfFormat.N_QUADS)) == expected
    assert expected != list(parse(text.encode(), format=RdfFormat.N_QUADS))
    assert rewritten.count(f"<{old}>") == 1  # the one inside the evidence literal
    assert rdf.rewritten_text(text, [new], {new: old}) == text  # an IRI it does not name
