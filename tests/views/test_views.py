"""Network views: what they read from the store, how filters narrow them, the page, the figures, Chromium."""

from __future__ import annotations

import gc
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pyoxigraph
import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad
from pyvis.network import Network

from kg import vocab
from kg.cli import main
from kg.errors import KgError
from kg.knowledge_graph import KnowledgeGraph
from kg.store.embedded import EmbeddedStore
from kg.views.figure import render_figure
from kg.views.html import LAYOUT_THRESHOLD, notebook_frame, render_html
from kg.views.layout import SMALL_COMPONENT, positions
from kg.views.model import (
    EmptyViewWarning,
    ViewEdge,
    ViewFilter,
    ViewNode,
    filter_view,
    view_data,
)
from kg.views.style import write_file
from tests.support.browser import open_page

RDF_TYPE = NamedNode(vocab.RDF + "type")
XSD_DATE = NamedNode(vocab.XSD + "date")
ORG = "http://www.w3.org/ns/org#"

AYSE = vocab.ENTITY_BASE + "person/ayse-demirtas"
MEHMET = vocab.ENTITY_BASE + "person/mehmet-yildirim"
KONSEY = vocab.ENTITY_BASE + "organization/bornova-kent-konseyi"
DERNEK = vocab.ENTITY_BASE + "organization/ege-kadin-genclik-dernegi"
VAKIF = vocab.ENTITY_BASE + "organization/yeni-umut-dayanisma-vakfi"
BORNOVA = vocab.ENTITY_BASE + "place/bornova"
IZMIR = vocab.ENTITY_BASE + "place/izmir"

VAKIF_NAME = "Yeni <Umut> & Dayanışma Vakfı"  # markup in a name must show as text, never as HTML
ENTITIES = {  # iri: (type, subtype, label, aliases)
    AYSE: ("Person", "", "Ayşe Demirtaş", ()),
    MEHMET: ("Person", "", "Mehmet Yıldırım", ()),
    KONSEY: ("Organization", "CityCouncil", "Bornova Kent Konseyi", ("BKK",)),
    DERNEK: ("Organization", "Association", "Ege Kadın & Gençlik Derneği", ()),
    VAKIF: ("Organization", "Foundation", VAKIF_NAME, ("YUDV",)),
    BORNOVA: ("Place", "District", "Bornova", ()),
    IZMIR: ("Place", "Province", "İzmir", ()),
}
ARTICLES = {  # article key: (date, url, facts as (s, p, o, evidence))
    "bornova-ziyaret": (
        "2026-02-03",
        "https://haber.example/bornova-ziyaret",
        [
            (
                AYSE,
                "headOf",
                KONSEY,
                "Bornova Kent Konseyi Başkanı Ayşe Demirtaş, derneği ziyaret etti.",
            ),
            (
                KONSEY,
                "visited",
                DERNEK,
                "Bornova Kent Konseyi, Ege Kadın & Gençlik Derneği'ne ziyarette bulundu.",
            ),
            (
                KONSEY,
                "locatedIn",
                BORNOVA,
                "Bornova Kent Konseyi, Bornova'da çalışmalarını sürdürüyor.",
            ),
            (
                DERNEK,
                "thanked",
                KONSEY,
                "Dernek, ziyaret için Bornova Kent Konseyi'ne teşekkür etti.",
            ),
        ],
    ),
    "vakif-protokol": (
        "2026-02-10",
        "https://haber.example/vakif-protokol",
        [
            (
                VAKIF,
                "signedAgreementWith",
                KONSEY,
                "Yeni <Umut> & Dayanışma Vakfı ile Bornova Kent Konseyi iş birliği protokolü imzaladı.",
            ),
            (AYSE, "headOf", KONSEY, "Protokolü Konsey Başkanı Ayşe Demirtaş imzaladı."),
            (
                MEHMET,
                "memberOf",
                VAKIF,
                "Vakıf Yönetim Kurulu Üyesi Mehmet Yıldırım törene katıldı.",
            ),
        ],
    ),
}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
FACT_COUNT = 7
DRAWN_EDGE_COUNT = 6  # the two headOf facts, from two articles, are drawn as one edge


def build_store(path) -> pyoxigraph.Store:
    """Two article graphs in the shape kg.rdf wrote before own nodes went to the default graph
    (opening it for writing upgrades it; İzmir is typed but takes part in no fact), and a merged
    graph with a reported event, a membership and a head post, which are not entities."""
    store = pyoxigraph.Store(str(path))
    for key, (date, url, facts) in ARTICLES.items():
        graph = NamedNode(vocab.ARTICLE_BASE + key)
        quads = [
            Quad(graph, RDF_TYPE, NamedNode(vocab.SCHEMA + "NewsArticle"), graph),
            Quad(graph, NamedNode(vocab.SCHEMA + "url"), NamedNode(url), graph),
        ]
        for iri, (type_, subtype, label, aliases) in ENTITIES.items():
            quads.append(Quad(NamedNode(iri), RDF_TYPE, NamedNode(vocab.civ(type_)), graph))
            if subtype:
                quads.append(Quad(NamedNode(iri), RDF_TYPE, NamedNode(vocab.civ(subtype)), graph))
            quads.append(
                Quad(
                    NamedNode(iri),
                    NamedNode(vocab.RDFS + "label"),
                    Literal(label, language="tr"),
                    graph,
                )
            )
            quads += [
                Quad(
                    NamedNode(iri),
                    NamedNode(vocab.SKOS + "altLabel"),
                    Literal(alias, language="tr"),
                    graph,
                )
                for alias in aliases
            ]
        for n, (s, p, o, evidence) in enumerate(facts):
            fact = NamedNode(f"{vocab.EVENT_BASE}{key}-{n}")
            quads += [
                Quad(NamedNode(s), NamedNode(vocab.civ(p)), NamedNode(o), graph),
                Quad(fact, RDF_TYPE, NamedNode(vocab.civ(vocab.FACT_CLASS[p])), graph),
                Quad(fact, NamedNode(vocab.civ(vocab.RELATION)), NamedNode(vocab.civ(p)), graph),
                Quad(fact, NamedNode(vocab.civ(vocab.AGENT)), NamedNode(s), graph),
                Quad(fact, NamedNode(vocab.civ(vocab.COUNTERPART)), NamedNode(o), graph),
                Quad(
                    fact,
                    NamedNode(vocab.civ(vocab.EVIDENCE)),
                    Literal(evidence, language="tr"),
                    graph,
                ),
                Quad(
                    fact,
                    NamedNode(vocab.civ(vocab.CONFIDENCE)),
                    Literal("0.9", datatype=NamedNode(vocab.XSD + "decimal")),
                    graph,
                ),
                Quad(
                    fact, NamedNode(vocab.civ(vocab.DATE)), Literal(date, datatype=XSD_DATE), graph
                ),
                Quad(fact, NamedNode(vocab.PROV + "wasDerivedFrom"), graph, graph),
            ]
        store.extend(quads)
    store.extend(merged_graph_quads())
    return store


def merged_graph_quads() -> list[Quad]:
    """What `consolidate` adds across articles: none of it may become a node or an edge."""
    merged = NamedNode(vocab.MERGED_GRAPH)
    event = NamedNode(vocab.REPORTED_EVENT_BASE + "ornek")
    membership = NamedNode(vocab.MEMBERSHIP_BASE + "ornek")
    post = NamedNode(vocab.POST_BASE + "organization/bornova-kent-konseyi/head")
    return [
        Quad(event, RDF_TYPE, NamedNode(vocab.civ(vocab.REPORTED_EVENT)), merged),
        Quad(
            event,
            NamedNode(vocab.civ(vocab.EVENT_RELATION)),
            NamedNode(vocab.civ("headOf")),
            merged,
        ),
        Quad(event, NamedNode(vocab.civ(vocab.EVENT_AGENT)), NamedNode(AYSE), merged),
        Quad(event, NamedNode(vocab.civ(vocab.EVENT_COUNTERPART)), NamedNode(KONSEY), merged),
        Quad(membership, RDF_TYPE, NamedNode(ORG + "Membership"), merged),
        Quad(membership, NamedNode(ORG + "member"), NamedNode(AYSE), merged),
        Quad(membership, NamedNode(ORG + "organization"), NamedNode(KONSEY), merged),
        Quad(post, RDF_TYPE, NamedNode(ORG + "Post"), merged),
        Quad(post, NamedNode(ORG + "postIn"), NamedNode(KONSEY), merged),
        Quad(post, NamedNode(ORG + "heldBy"), NamedNode(AYSE), merged),
    ]


class PageParts(HTMLParser):
    """What a test needs from a page: resource URLs, inline scripts and the legend's text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.resources: list[tuple[str, str]] = []  # (tag, src or href) of scripts and stylesheets
        self.scripts: list[str] = []
        self.legend = ""
        self._in_script, self._legend_depth, self._depth = False, None, 0
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "link") and (attrs.get("src") or attrs.get("href")):
            self.resources.append((tag, attrs.get("src") or attrs.get("href")))
        self._in_script = tag == "script"
        self._depth += tag not in VOID_ELEMENTS
        if attrs.get("id") == "civic-kg-legend":
            self._legend_depth = self._depth

    def handle_endtag(self, tag):
        self._in_script = False
        if self._depth == self._legend_depth:
            self._legend_depth = None
        self._depth -= tag not in VOID_ELEMENTS

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        elif self._legend_depth is not None:
            self.legend += data


def vis_data(page: str) -> tuple[list[dict], list[dict], dict]:
    """The nodes and edges the page's script puts in vis DataSets, and the options of vis.Network."""
    script = next(s for s in PageParts(page).scripts if "var options = " in s)
    options_at = script.index("var options = ") + len("var options = ")
    graph = json.loads(page.split('id="civic-kg-data">', 1)[1].split("</script>", 1)[0])
    return graph["nodes"], graph["edges"], json.JSONDecoder().raw_decode(script, options_at)[0]


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory) -> Path:
    """A graph directory as `kg build` leaves it (only the store matters to views)."""
    directory = tmp_path_factory.mktemp("views") / "ornek"
    directory.mkdir()
    store = build_store(directory / "store")
    store.flush()
    del store
    gc.collect()  # the store's lock goes with the object
    del EmbeddedStore(directory / "store")._store  # upgraded to today's layout as it opens
    gc.collect()
    return directory


@pytest.fixture(scope="module")
def graph(graph_dir):
    return view_data(EmbeddedStore(graph_dir / "store", read_only=True))


def shown(view: ViewFilter, graph) -> tuple[set[str], list[tuple[str, str, str]]]:
    nodes, edges = filter_view(*graph, view)
    return {n.id for n in nodes}, sorted((e.source, e.predicate, e.target) for e in edges)


def fact(source, predicate, target, date="2026-02-03", confidence=0.9) -> ViewEdge:
    return ViewEdge(source, target, predicate, "Ziyaret etti.", date, "", confidence)


# What the view reads from the store.


def test_every_entity_is_a_node_with_its_name_types_and_aliases(graph):
    nodes, _ = graph
    assert [(n.id, n.type, n.subtype, n.label, n.aliases) for n in nodes] == sorted(
        (iri, *entity) for iri, entity in ENTITIES.items()
    )


def test_node_degree_counts_the_facts_an_entity_takes_part_in(graph):
    degree = {n.id: n.degree for n in graph[0]}
    assert degree == {AYSE: 2, MEHMET: 1, KONSEY: 6, DERNEK: 2, VAKIF: 2, BORNOVA: 1, IZMIR: 0}


def test_each_fact_is_one_edge_with_its_provenance(graph):
    _, edges = graph
    assert len(edges) == FACT_COUNT
    heads = [e for e in edges if e.predicate == "headOf"]
    assert [(e.source, e.target, e.date, e.article_url) for e in heads] == [
        (AYSE, KONSEY, "2026-02-03", "https://haber.example/bornova-ziyaret"),
        (AYSE, KONSEY, "2026-02-10", "https://haber.example/vakif-protokol"),
    ]
    assert heads[1].evidence == "Protokolü Konsey Başkanı Ayşe Demirtaş imzaladı."
    assert heads[1].confidence == 0.9


def test_reported_events_memberships_and_posts_are_neither_nodes_nor_edges(graph):
    nodes, edges = graph
    assert {n.id for n in nodes} == set(ENTITIES)
    assert {e.source for e in edges} | {e.target for e in edges} <= set(ENTITIES)
    assert len(edges) == FACT_COUNT  # the reported event repeats headOf: not drawn twice


# Filters, as a pure function over the view's nodes and edges.


def test_no_filter_keeps_everything(graph):
    assert filter_view(*graph, ViewFilter()) == graph


def test_predicate_filter_keeps_its_facts_and_the_entities_they_join(graph):
    ids, edges = shown(ViewFilter(predicates=("visited",)), graph)
    assert edges == [(KONSEY, "visited", DERNEK)]
    assert ids == {KONSEY, DERNEK}


def test_several_predicates_keep_the_facts_of_any(graph):
    _, edges = shown(ViewFilter(predicates=("visited", "thanked")), graph)
    assert {p for _, p, _ in edges} == {"visited", "thanked"}


def test_predicate_names_are_matched_in_any_case():
    assert ViewFilter(predicates="VISITED").predicates == ("visited",)


def test_unknown_predicate_is_an_error_listing_the_known_ones():
    with pytest.raises(KgError, match="unknown predicate 'ziyaret'.*visited"):
        ViewFilter(predicates=("ziyaret",))


def test_top_type_filter_keeps_every_subtype_and_entities_without_facts(graph):
    ids, edges = shown(ViewFilter(types=("Place",)), graph)
    assert ids == {BORNOVA, IZMIR}  # no fact joins two places: both stay, as in the whole graph
    assert edges == []


def test_subtype_filter_keeps_only_that_subtype(graph):
    ids, _ = shown(ViewFilter(types=("CityCouncil", "Person")), graph)
    assert ids == {KONSEY, AYSE, MEHMET}


def test_type_filter_keeps_only_facts_between_kept_entities(graph):
    _, edges = shown(ViewFilter(types=("Person", "Organization")), graph)
    assert (KONSEY, "locatedIn", BORNOVA) not in edges
    assert (MEHMET, "memberOf", VAKIF) in edges


def test_since_and_until_drop_facts_outside_the_dates(graph):
    _, edges = shown(ViewFilter(since="2026-02-05"), graph)
    assert {p for _, p, _ in edges} == {"signedAgreementWith", "headOf", "memberOf"}
    _, edges = shown(ViewFilter(until="2026-02-03"), graph)
    assert (MEHMET, "memberOf", VAKIF) not in edges and (KONSEY, "visited", DERNEK) in edges


def test_undated_facts_are_dropped_by_a_date_filter():
    nodes = [ViewNode(i, i, "Person", "", (), 1) for i in "ab"]
    kept = filter_view(nodes, [fact("a", "metWith", "b", date="")], ViewFilter(since="2000-01-01"))
    assert kept == ([], [])


def test_a_date_that_is_not_iso_is_a_one_line_error():
    with pytest.raises(KgError, match="since: '03.02.2026' is not a date"):
        ViewFilter(since="03.02.2026")


def test_since_after_until_is_an_error():
    with pytest.raises(KgError, match="after until"):
        ViewFilter(since="2026-03-01", until="2026-01-01")


def test_min_confidence_drops_less_certain_and_unscored_facts():
    nodes = [ViewNode(i, i, "Person", "", (), 1) for i in "abc"]
    edges = [fact("a", "metWith", "b", confidence=0.95), fact("b", "metWith", "c", confidence=0.5)]
    edges.append(fact("a", "thanked", "c", confidence=None))
    kept_nodes, kept_edges = filter_view(nodes, edges, ViewFilter(min_confidence=0.8))
    assert [(e.source, e.target) for e in kept_edges] == [("a", "b")]
    assert [n.id for n in kept_nodes] == ["a", "b"]


@pytest.mark.parametrize("name", ["bornova kent konseyi", "BORNOVA KENT KONSEYİ", "bkk", KONSEY])
def test_focus_finds_an_entity_by_name_alias_or_iri_in_any_case(graph, name):
    ids, _ = shown(ViewFilter(focus=name, hops=0), graph)
    assert ids == {KONSEY}


def test_focus_keeps_entities_within_the_given_hops(graph):
    ids, edges = shown(ViewFilter(focus="Mehmet Yıldırım", hops=1), graph)
    assert ids == {MEHMET, VAKIF}
    assert edges == [(MEHMET, "memberOf", VAKIF)]
    ids, _ = shown(ViewFilter(focus="Mehmet Yıldırım", hops=2), graph)
    assert ids == {MEHMET, VAKIF, KONSEY}


def test_focus_entity_stays_whatever_the_type_filter(graph):
    ids, edges = shown(ViewFilter(focus="Bornova Kent Konseyi", types=("Person",)), graph)
    assert ids == {KONSEY, AYSE}
    assert edges == [(AYSE, "headOf", KONSEY), (AYSE, "headOf", KONSEY)]


@pytest.mark.parametrize("name", ["İzmir", "Izmir", "IZMIR", "izmir'de", "İZMİR'DE"])
def test_focus_folds_case_transliteration_and_suffixes_as_iris_do(graph, name):
    ids, _ = shown(ViewFilter(focus=name, hops=0), graph)
    assert ids == {IZMIR}


@pytest.mark.parametrize("name", ["BORNOVA KENT KONSEYI", "Bornova Kent Konseyi'ne"])
def test_focus_finds_a_whole_name_written_without_turkish_letters_or_with_a_suffix(graph, name):
    ids, _ = shown(ViewFilter(focus=name, hops=0), graph)
    assert ids == {KONSEY}


def test_focus_on_part_of_a_name_is_an_error_naming_the_whole_name(graph):
    with pytest.raises(KgError, match="Bornova Kent Konseyi"):
        filter_view(*graph, ViewFilter(focus="Bornova Kent"))


def test_unknown_focus_suggests_the_nearest_names(graph):
    with pytest.raises(KgError) as error:
        filter_view(*graph, ViewFilter(focus="Bornova Kent Konseyu"))
    message = str(error.value)
    assert "Bornova Kent Konseyi" in message and "\n" not in message


def test_unknown_focus_is_a_one_line_error_suggesting_a_search(graph):
    with pytest.raises(KgError) as error:
        filter_view(*graph, ViewFilter(focus="Karşıyaka Spor Kulübü"))
    message = str(error.value)
    assert "Karşıyaka Spor Kulübü" in message and "kg entities" in message and "--search" in message
    assert "\n" not in message


def test_top_keeps_the_entities_with_most_facts_and_recounts_degrees(graph):
    nodes, edges = filter_view(*graph, ViewFilter(top=2))
    assert {n.id for n in nodes} == {KONSEY, AYSE}
    assert {n.id: n.degree for n in nodes} == {KONSEY: 2, AYSE: 2}
    assert len(edges) == 2


def test_top_applies_after_the_other_filters(graph):
    ids, _ = shown(ViewFilter(predicates=("memberOf",), top=1), graph)
    assert len(ids) == 1 and ids <= {MEHMET, VAKIF}


def test_filter_describes_itself_for_titles():
    view = ViewFilter(predicates=("visited",), focus="BKK", hops=2, top=10, min_confidence=0.8)
    assert view.describe() == "visited · around BKK (2 hops) · confidence ≥ 0.8 · top 10"


# The page.


def test_page_loads_nothing_from_the_network(graph):
    resources = PageParts(render_html(*graph)).resources
    remote = [url for _, url in resources if url.startswith(("http:", "https:", "//"))]
    assert remote == []


def test_remote_resource_check_catches_what_pyvis_links_from_a_cdn():
    pyvis_page = Network(cdn_resources="in_line").generate_html()
    assert any(url.startswith("https://") for _, url in PageParts(pyvis_page).resources)


def test_legend_names_the_types_and_predicates_shown(graph):
    legend = PageParts(render_html(*graph)).legend
    for name in (
        "Person",
        "CityCouncil",
        "Foundation",
        "District",
        "headOf",
        "visited",
        "signedAgreementWith",
        "memberOf",
    ):
        assert name in legend
    assert "criticized" not in legend


def test_nodes_are_coloured_and_shaped_by_type_and_sized_by_degree(graph):
    nodes, edges, _ = vis_data(render_html(*graph))
    by_id = {n["id"]: n for n in nodes}
    assert by_id[AYSE]["shape"] == "dot" and by_id[KONSEY]["shape"] == "square"
    assert by_id[BORNOVA]["shape"] == "triangle"
    assert by_id[KONSEY]["color"] != by_id[DERNEK]["color"]  # CityCouncil vs Association
    assert by_id[KONSEY]["size"] > by_id[AYSE]["size"] > by_id[IZMIR]["size"]
    colours = {e["label"]: e["color"] for e in edges}
    assert len(set(colours.values())) == len(colours)


def test_node_tooltip_has_name_type_and_aliases(graph):
    nodes, _, _ = vis_data(render_html(*graph))
    konsey = next(n for n in nodes if n["id"] == KONSEY)
    assert "Bornova Kent Konseyi" in konsey["tooltip"] and "CityCouncil" in konsey["tooltip"]
    assert "also: BKK" in konsey["tooltip"]


def test_edge_tooltip_has_every_facts_evidence_date_and_link(graph):
    _, edges, _ = vis_data(render_html(*graph))
    head = next(e for e in edges if e["label"] == "headOf")
    assert "Protokolü Konsey Başkanı Ayşe Demirtaş imzaladı." in head["tooltip"]
    assert "Bornova Kent Konseyi Başkanı Ayşe Demirtaş" in head["tooltip"]
    assert "2026-02-10" in head["tooltip"]
    assert 'href="https://haber.example/vakif-protokol"' in head["tooltip"]


def test_names_and_evidence_are_html_escaped_in_tooltips(graph):
    nodes, edges, _ = vis_data(render_html(*graph))
    vakif = next(n for n in nodes if n["id"] == VAKIF)
    assert "Yeni &lt;Umut&gt; &amp; Dayanışma Vakfı" in vakif["tooltip"]
    assert "<Umut>" not in vakif["tooltip"]
    agreement = next(e for e in edges if e["label"] == "signedAgreementWith")
    assert "&lt;Umut&gt;" in agreement["tooltip"] and "<Umut>" not in agreement["tooltip"]


def test_article_link_that_is_not_http_is_shown_as_text_only():
    edge = ViewEdge("a", "b", "visited", "Ziyaret etti.", "2026-01-01", "javascript:alert(1)", None)
    _, edges, _ = vis_data(render_html([], [edge]))
    assert "href" not in edges[0]["tooltip"]


def test_page_header_says_which_filter_is_shown(graph):
    page = render_html(*graph, subtitle="visited · since 2026-02-01")
    assert "visited · since 2026-02-01 · " in page
    # İzmir takes part in no fact: hidden (and listed apart) until "hide entities without facts"
    # is unticked
    assert "6 entities, 7 facts (6 edges) · 1 without facts, listed below." in page


def test_small_graph_is_laid_out_in_python_with_physics_off(graph):
    nodes, _, options = vis_data(render_html(*graph))
    assert options["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)


def test_two_renders_of_a_small_view_give_the_same_positions(graph):
    first, _, _ = vis_data(render_html(*graph))
    again, _, _ = vis_data(render_html(*reversed_copy(graph)))
    assert {n["id"]: (n["x"], n["y"]) for n in first} == {n["id"]: (n["x"], n["y"]) for n in again}


def reversed_copy(graph):
    """The same view read again: equal lists, new objects."""
    nodes, edges = graph
    return [ViewNode(*vars(n).values()) for n in nodes], [
        ViewEdge(*vars(e).values()) for e in edges
    ]


def overlapping(page_nodes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of drawn nodes whose discs (``size`` is the radius in pixels) touch."""
    xy = np.array([(n["x"], n["y"]) for n in page_nodes])
    size = np.array([n["size"] for n in page_nodes])
    i, j = np.triu_indices(len(page_nodes), 1)
    touch = np.linalg.norm(xy[i] - xy[j], axis=1) < size[i] + size[j]
    return [
        (page_nodes[a]["id"], page_nodes[b]["id"]) for a, b in zip(i[touch], j[touch], strict=True)
    ]


def star(leaves: int) -> tuple[list[ViewNode], list[ViewEdge]]:
    """A municipality that visited ``leaves`` associations, and three entities without facts."""
    hub = f"{vocab.ENTITY_BASE}organization/belediye"
    ids = [f"{vocab.ENTITY_BASE}organization/dernek-{i:03d}" for i in range(leaves + 3)]
    nodes = [ViewNode(hub, "Belediye", "Organization", "Municipality", (), leaves)]
    nodes += [
        ViewNode(iri, f"Dernek {i}", "Organization", "Association", (), int(i < leaves))
        for i, iri in enumerate(ids)
    ]
    edges = [
        ViewEdge(hub, iri, "visited", "Ziyaret etti.", "2026-03-01", "", 0.9)
        for iri in ids[:leaves]
    ]
    return nodes, edges


@pytest.mark.parametrize("view", ["example", "star", "ring"])
def test_laid_out_nodes_do_not_overlap_at_their_drawn_size(graph, view):
    nodes, edges = {"example": graph, "star": star(40), "ring": large_graph()}[view]
    page_nodes, _, _ = vis_data(render_html(nodes, edges))
    assert overlapping(page_nodes) == []


def test_entities_without_facts_lie_in_a_strip_under_the_others():
    nodes, edges = star(40)
    page_nodes, _, _ = vis_data(render_html(nodes, edges))
    alone = np.array([(n["x"], n["y"]) for n in page_nodes[-3:]])
    joined = np.array([(n["x"], n["y"]) for n in page_nodes[:-3]])
    assert (alone[:, 1] > joined[:, 1].max()).all()  # below (y grows downwards on the page)
    assert np.ptp(alone[:, 1]) == 0  # one row
    assert np.ptp(alone[:, 0]) < 0.5 * np.ptp(joined[:, 0])  # side by side, close together


def large_graph() -> tuple[list[ViewNode], list[ViewEdge]]:
    """A ring of associations, bigger than the browser's physics can handle quickly."""
    count = LAYOUT_THRESHOLD + 20
    ids = [f"{vocab.ENTITY_BASE}organization/dernek-{i:03d}" for i in range(count)]
    edges = [
        ViewEdge(
            ids[i],
            ids[(i + 1) % count],
            "cooperatesWith",
            "Ortak proje yürüttüler.",
            "2026-03-01",
            "https://haber.example/ortak",
            0.8,
        )
        for i in range(count)
    ]
    nodes = [
        ViewNode(iri, f"Dernek {i}", "Organization", "Association", (), 2)
        for i, iri in enumerate(ids)
    ]
    return nodes, edges


def test_large_graph_is_laid_out_in_python_with_physics_off_and_straight_edges():
    nodes, _, options = vis_data(render_html(*large_graph()))
    assert options["physics"]["enabled"] is False
    assert options["edges"]["smooth"]["enabled"] is False
    assert options["interaction"]["hideEdgesOnDrag"] is True
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)


def test_large_graph_page_is_deterministic():
    assert render_html(*large_graph()) == render_html(*large_graph())


def test_write_file_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    write_file("<html>yeni</html>", target)
    assert target.read_text(encoding="utf-8") == "<html>yeni</html>"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_write_file_into_a_missing_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(KgError, match="cannot write here"):
        write_file(b"x", tmp_path / "yok" / "graph.png")


# The layout of big views.


def star_forest() -> tuple[np.ndarray, list[list[int]]]:
    """Edges (as index pairs) and components: a ring with spokes bigger than SMALL_COMPONENT,
    then 40 pairs, 30 triangles and 5 entities alone."""
    big = SMALL_COMPONENT + 50
    spokes = list(range(0, big, 3))
    components = [list(range(big + len(spokes)))]
    edges = [(i, (i + 1) % big) for i in range(big)]
    edges += [(hub, big + k) for k, hub in enumerate(spokes)]
    for size, count in ((2, 40), (3, 30), (1, 5)):
        for _ in range(count):
            first = sum(map(len, components))
            components.append(list(range(first, first + size)))
            edges += [(first + k, first + (k + 1) % size) for k in range(size if size > 2 else 1)]
    edges = [(a, b) for a, b in edges if a != b]
    return np.array(edges), components


def test_layout_is_deterministic_and_finite():
    edges, components = star_forest()
    count = sum(map(len, components))
    xy = positions(count, edges)
    assert xy.shape == (count, 2) and np.isfinite(xy).all()
    assert (positions(count, edges) == xy).all()


def test_layout_packs_components_without_overlap():
    edges, components = star_forest()
    xy = positions(sum(map(len, components)), edges)
    boxes = [(xy[c].min(0), xy[c].max(0)) for c in components]
    for k, (low, high) in enumerate(boxes):
        for other_low, other_high in boxes[k + 1 :]:
            assert (high < other_low).any() or (other_high < low).any()


def test_layout_puts_neighbours_closer_than_strangers():
    edges, components = star_forest()
    count = sum(map(len, components))
    xy = positions(count, edges)
    neighbours = np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1).mean()
    rng = np.random.default_rng(0)
    strangers = rng.integers(0, count, (500, 2))
    assert (
        neighbours < 0.5 * np.linalg.norm(xy[strangers[:, 0]] - xy[strangers[:, 1]], axis=1).mean()
    )


# Static figures.


def test_png_figure_is_a_png_that_is_not_blank(graph):
    import io

    from PIL import Image

    data = render_figure(*graph, "png", title="Bornova örneği")
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    with Image.open(io.BytesIO(data)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
        size = image.width * image.height
        assert image.width >= 1500
    white = sum(count for count, colour in colours if colour == (255, 255, 255))
    assert size - white > 0.01 * size and len(colours) > 50


def test_svg_figure_is_xml_with_the_names_and_legend(graph):
    data = render_figure(*graph, "svg", title="Bornova örneği")
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and len(data) > 10_000
    text = "".join(root.itertext())
    for name in ("Bornova Kent Konseyi", VAKIF_NAME, "CityCouncil", "signedAgreementWith"):
        assert name in text


def test_svg_figure_is_the_same_file_each_time(graph):
    assert render_figure(*graph, "svg") == render_figure(*graph, "svg")


def drawn_figure(monkeypatch, nodes, edges):
    """The matplotlib Figure ``render_figure`` saves, kept when it is saved."""
    from matplotlib.figure import Figure

    saved = []
    save = Figure.savefig

    def keep(figure, *args, **kwargs):
        saved.append(figure)
        return save(figure, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", keep)
    render_figure(nodes, edges, "png")
    return saved[0]


def drawn_names(figure) -> list:
    """(name, box in pixels) of each name drawn beside a node."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = (
        figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    )
    renderer = canvas.get_renderer()
    (ax,) = figure.axes
    return [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]


def crowded_view() -> tuple[list[ViewNode], list[ViewEdge]]:
    """Two stars of associations around municipalities and 60 associations in a chain."""
    nodes, edges = star(40)
    second, second_edges = star(25)
    other = {n.id: n.id + "-2" for n in second}
    nodes += [replace(n, id=other[n.id], label=f"{n.label} (2)") for n in second]
    edges += [replace(e, source=other[e.source], target=other[e.target]) for e in second_edges]
    chain, chain_edges = large_graph()
    kept = {n.id for n in chain[:60]}
    edges += [e for e in chain_edges if e.source in kept and e.target in kept]
    return nodes + chain[:60], edges


@pytest.mark.parametrize("view", ["example", "crowded"])
def test_figure_names_do_not_cover_each_other(graph, monkeypatch, view):
    nodes, edges = graph if view == "example" else crowded_view()
    names = drawn_names(drawn_figure(monkeypatch, nodes, edges))
    assert len(names) >= min(5, len(nodes))
    for k, (name, box) in enumerate(names):
        for other, other_box in names[k + 1 :]:
            assert not box.overlaps(other_box), (name, other)


def test_figure_names_the_entity_with_most_facts_first(monkeypatch):
    nodes, edges = crowded_view()
    names = [name for name, _ in drawn_names(drawn_figure(monkeypatch, nodes, edges))]
    assert names[0] == "Belediye"


def test_figure_leaves_out_entities_without_facts(graph, monkeypatch):
    from matplotlib.collections import PathCollection

    figure = drawn_figure(monkeypatch, *graph)
    markers = [c for c in figure.axes[0].collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in markers) == len(ENTITIES) - 1
    assert "İzmir" not in [name for name, _ in drawn_names(figure)]  # no fact touches it
    legend = "".join(t.get_text() for legend in figure.legends for t in legend.get_texts())
    assert "Province" not in legend and "District" in legend


def test_figure_uses_the_pages_colours(graph):
    from kg.views.style import node_colour, predicate_colour

    svg = render_figure(*graph, "svg").decode()
    nodes, edges = graph
    joined = {e.source for e in edges} | {e.target for e in edges}
    for node in nodes:
        if node.id in joined:
            assert node_colour(node) in svg
    for edge in edges:
        assert predicate_colour(edge.predicate) in svg


def test_figure_of_an_empty_view_says_so():
    assert "no entity matches" in render_figure([], [], "svg").decode()


def test_unknown_figure_format_is_an_error_naming_the_fix(graph_dir, tmp_path):
    with pytest.raises(KgError, match="use png or svg"):
        KnowledgeGraph.open(graph_dir).render_figure(tmp_path / "sekil.pdf")


# The library facade and the CLI.


def test_render_figure_writes_the_filtered_view_atomically(graph_dir, tmp_path):
    target = KnowledgeGraph.open(graph_dir).render_figure(
        tmp_path / "ziyaret.svg", predicates=["visited"]
    )
    text = "".join(ET.parse(target).getroot().itertext())
    assert "visited" in text and "headOf" not in text
    assert [p.name for p in tmp_path.iterdir()] == ["ziyaret.svg"]


def test_html_returns_the_filtered_page(graph_dir):
    page = KnowledgeGraph.open(graph_dir).html(focus="BKK", hops=1, types=["Person"])
    nodes, _, _ = vis_data(page)
    assert {n["id"] for n in nodes} == {KONSEY, AYSE}
    assert "around BKK (1 hop)" in page


def test_show_frames_the_escaped_page_for_jupyter(graph_dir):
    frame = KnowledgeGraph.open(graph_dir).show(predicates="visited")
    markup = frame._repr_html_()
    assert '<iframe srcdoc="' in markup and "height: 780px" in markup
    assert "&lt;!DOCTYPE html&gt;" in markup and "<script" not in markup
    assert "&lt;script" in markup


def test_show_without_ipython_is_an_error_naming_the_fix(monkeypatch):
    monkeypatch.setitem(sys.modules, "IPython.display", None)  # import fails as if not installed
    with pytest.raises(KgError, match="pip install ipython"):
        notebook_frame("<html></html>")


def viz(*args: str):
    return CliRunner().invoke(main, ["viz", *map(str, args)])


def test_cli_viz_writes_a_page_with_only_the_chosen_predicate(graph_dir, tmp_path):
    out = tmp_path / "ziyaret.html"
    result = viz(graph_dir, "--predicate", "visited", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    nodes, edges, _ = vis_data(out.read_text(encoding="utf-8"))
    assert [e["label"] for e in edges] == ["visited"]
    assert {n["id"] for n in nodes} == {KONSEY, DERNEK}


def test_cli_viz_takes_repeated_filters(graph_dir, tmp_path):
    out = tmp_path / "kisiler.html"
    result = viz(
        graph_dir, "--type", "Person", "--type", "Foundation", "--since", "2026-02-05", "-o", out
    )
    assert result.exit_code == 0, result.output
    nodes, edges, _ = vis_data(out.read_text(encoding="utf-8"))
    assert {n["id"] for n in nodes} == {MEHMET, VAKIF}  # Ayşe's facts are with the council
    assert {e["label"] for e in edges} == {"memberOf"}


def test_cli_viz_unknown_focus_is_one_line_and_exit_code_1(graph_dir, tmp_path):
    result = viz(graph_dir, "--focus", "Karşıyaka Spor Kulübü", "-o", tmp_path / "x.html")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "Karşıyaka Spor Kulübü" in result.stderr and "kg entities" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_cli_viz_png_goes_next_to_the_graph_by_default(graph_dir):
    result = viz(graph_dir, "--format", "png", "--top", "3")
    assert result.exit_code == 0, result.output
    assert Path(result.output.strip()) == graph_dir / "graph.png"
    assert (graph_dir / "graph.png").read_bytes().startswith(b"\x89PNG")


def test_cli_viz_guesses_the_format_from_the_file_name(graph_dir, tmp_path):
    result = viz(graph_dir, "--out", tmp_path / "sekil.svg", "--min-confidence", "0.5")
    assert result.exit_code == 0, result.output
    ET.parse(tmp_path / "sekil.svg")


def test_cli_viz_unknown_suffix_is_a_one_line_error(graph_dir, tmp_path):
    result = viz(graph_dir, "--out", tmp_path / "sekil.pdf")
    assert result.exit_code == 1 and "use png or svg" in result.stderr


def test_cli_viz_refuses_a_format_other_than_the_out_suffix(graph_dir, tmp_path):
    result = viz(graph_dir, "--out", tmp_path / "sekil.png", "--format", "svg")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "sekil.png" in result.stderr and "svg" in result.stderr
    assert not (tmp_path / "sekil.png").exists()


def test_cli_viz_of_an_empty_view_says_so_and_still_writes_it(graph_dir, tmp_path):
    result = viz(graph_dir, "--since", "2030-01-01", "--out", tmp_path / "bos.html")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("\n") == 1 and "empty" in result.stderr
    assert "since 2030-01-01" in result.stderr
    assert (tmp_path / "bos.html").exists()


def test_a_figure_of_an_empty_view_warns(graph_dir, tmp_path):
    with pytest.warns(EmptyViewWarning, match="since 2030-01-01"):
        KnowledgeGraph.open(graph_dir).render_figure(tmp_path / "bos.svg", since="2030-01-01")


# In headless Chromium.


@pytest.fixture(scope="module")
def loaded(graph, tmp_path_factory):
    """The example graph's page open in headless Chromium, drawn."""
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_file(render_html(*graph, title="Bornova <örnek>"), path)
    with open_page(path) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        page.evaluate("network.setOptions({physics: false})")  # hold still to be pointed at
        yield page


def point_at(page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    box = page.raw.locator("#mynetwork").bounding_box()
    at = page.evaluate(
        f"network.canvasToDOM(network.getPositions([{json.dumps(node_id)}])[{json.dumps(node_id)}])"
    )
    return box["x"] + at["x"], box["y"] + at["y"]


@pytest.mark.browser
@pytest.mark.slow
def test_browser_draws_every_node_and_edge(loaded):
    page = loaded
    assert page.evaluate("window.network === network") is True
    assert page.evaluate("civicKg.nodes.length") == len(ENTITIES)
    assert page.evaluate("network.body.data.nodes.length") == len(ENTITIES) - 1  # not İzmir
    assert page.evaluate("network.body.data.edges.length") == DRAWN_EDGE_COUNT


@pytest.mark.browser
@pytest.mark.slow
def test_browser_logs_no_errors_and_requests_nothing_remote(loaded):
    page = loaded
    assert page.console_errors == []
    assert page.external_requests == []


@pytest.mark.browser
@pytest.mark.slow
def test_browser_screenshot_shows_the_network(loaded, tmp_path):
    from PIL import Image

    page = loaded
    shot = page.screenshot(tmp_path / "network.png", selector="#mynetwork")
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
        size = image.width * image.height
        assert image.height >= 400  # the network fills the window under the header
    white = sum(count for count, colour in colours if colour == (255, 255, 255))
    assert size - white > 0.01 * size
    assert len(colours) > 50  # nodes in several colours, edges, labels: not a flat fill


@pytest.mark.browser
@pytest.mark.slow
def test_browser_hover_shows_markup_in_names_as_text(loaded):
    page = loaded
    page.raw.mouse.move(*point_at(page, VAKIF))
    page.wait_for(
        "(tip => tip && getComputedStyle(tip).visibility === 'visible')(document.querySelector('div.vis-tooltip'))"
    )
    text = page.evaluate("document.querySelector('div.vis-tooltip').textContent")
    assert VAKIF_NAME in text and "YUDV" in text


@pytest.mark.browser
@pytest.mark.slow
def test_browser_click_keeps_details_with_a_link_to_the_article(loaded):
    page = loaded
    page.raw.mouse.click(*point_at(page, KONSEY))
    page.wait_for("!document.getElementById('civic-kg-details').hidden")
    assert "Bornova Kent Konseyi" in page.evaluate(
        "document.getElementById('civic-kg-details').textContent"
    )
    edge = page.evaluate(
        "network.body.data.edges.get({filter: e => e.label === 'signedAgreementWith'})[0].id"
    )
    page.evaluate(f"network.body.emitter.emit('click', {{nodes: [], edges: ['{edge}']}})")
    link = page.evaluate("document.querySelector('#civic-kg-details a').href")
    assert link == "https://haber.example/vakif-protokol"


@pytest.mark.browser
@pytest.mark.slow
def test_browser_counts_match_the_filtered_graph(graph, tmp_path):
    nodes, edges = filter_view(*graph, ViewFilter(predicates=("visited", "headOf")))
    path = write_file(render_html(nodes, edges), tmp_path / "filtered.html")
    with open_page(path) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        assert page.evaluate("network.body.data.nodes.length") == 3
        labels = page.evaluate("network.body.data.edges.get().map(e => e.label).sort()")
        assert labels == ["headOf", "visited"]  # two headOf facts, one drawn edge
        assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_browser_draws_the_same_positions_on_every_load(graph, tmp_path):
    path = write_file(render_html(*graph), tmp_path / "graph.html")
    drawn = []
    for _ in range(2):
        with open_page(path) as page:
            page.wait_for("document.body.dataset.civicKgReady === 'true'")
            drawn.append(page.evaluate("network.getPositions()"))
            shown = page.evaluate("civicKg.nodeView.getIds()")  # those without facts are listed
    assert sorted(drawn[0]) == sorted(shown) and len(shown) >= 2
    assert drawn[0] == drawn[1]


@pytest.mark.browser
@pytest.mark.slow
def test_browser_draws_large_graph_without_physics(tmp_path):
    nodes, edges = large_graph()
    path = write_file(render_html(nodes, edges), tmp_path / "large.html")
    with open_page(path) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        assert page.evaluate("network.body.data.nodes.length") == len(nodes)
        assert page.evaluate("network.physics.options.enabled") is False
        assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_browser_draws_the_notebook_frame(graph_dir, tmp_path):
    frame = KnowledgeGraph.open(graph_dir).show(focus="Bornova Kent Konseyi")
    path = write_file(
        f"<!DOCTYPE html><html><body>{frame._repr_html_()}</body></html>", tmp_path / "nb.html"
    )
    with open_page(path) as page:
        page.raw.wait_for_function("window.frames.length === 1")
        inner = page.raw.frames[1]
        inner.wait_for_function("document.body && document.body.dataset.civicKgReady === 'true'")
        assert inner.evaluate("network.body.data.nodes.length") == 5  # the council and its 4
        assert page.console_errors == []
