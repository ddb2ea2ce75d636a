"""The HTML network view: what it reads from the store, what the page holds, what Chromium shows."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode, Quad
from pyvis.network import Network

from kg import vocab
from kg.views import LAYOUT_THRESHOLD, ViewEdge, ViewNode, render_html, view_data, write_html
from tests.browser import open_page

RDF_TYPE = NamedNode(vocab.RDF + "type")
XSD_DATE = NamedNode(vocab.XSD + "date")

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
    """Two article graphs in the shape kg.rdf writes; İzmir is typed but takes part in no fact."""
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
    return store


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
    """The nodes, edges and options the page hands to vis.Network, decoded from its own script."""
    script = next(s for s in PageParts(page).scripts if "new vis.DataSet(" in s)
    decoder = json.JSONDecoder()
    nodes_at = script.index("new vis.DataSet(") + len("new vis.DataSet(")
    edges_at = script.index("new vis.DataSet(", nodes_at) + len("new vis.DataSet(")
    options_at = script.index("var options = ") + len("var options = ")
    return (
        decoder.raw_decode(script, nodes_at)[0],
        decoder.raw_decode(script, edges_at)[0],
        decoder.raw_decode(script, options_at)[0],
    )


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return view_data(build_store(tmp_path_factory.mktemp("store") / "oxigraph"))


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


def test_small_graph_uses_bounded_physics(graph):
    nodes, _, options = vis_data(render_html(*graph))
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["iterations"] > 0
    assert all("x" not in n for n in nodes)


def large_graph() -> tuple[list[ViewNode], list[ViewEdge]]:
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


def test_large_graph_is_laid_out_in_python_with_physics_off():
    nodes, _, options = vis_data(render_html(*large_graph()))
    assert options["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)


def test_large_graph_layout_is_deterministic():
    assert render_html(*large_graph()) == render_html(*large_graph())


def test_write_html_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    write_html("<html>yeni</html>", target)
    assert target.read_text(encoding="utf-8") == "<html>yeni</html>"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


@pytest.fixture(scope="module")
def loaded(graph, tmp_path_factory):
    """The example graph's page open in headless Chromium, drawn."""
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(render_html(*graph, title="Bornova <örnek>"), path)
    with open_page(path) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        yield page


@pytest.mark.browser
def test_browser_draws_every_node_and_edge(loaded):
    page = loaded
    assert page.evaluate("window.network === network") is True
    assert page.evaluate("network.body.data.nodes.length") == len(ENTITIES)
    assert page.evaluate("network.body.data.edges.length") == DRAWN_EDGE_COUNT


@pytest.mark.browser
def test_browser_logs_no_errors_and_requests_nothing_remote(loaded):
    page = loaded
    assert page.console_errors == []
    assert page.external_requests == []


@pytest.mark.browser
def test_browser_screenshot_shows_the_network(loaded, tmp_path):
    from PIL import Image

    page = loaded
    shot = page.screenshot(tmp_path / "network.png", selector="#mynetwork")
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
        size = image.width * image.height
    white = sum(count for count, colour in colours if colour == (255, 255, 255))
    assert size - white > 0.01 * size
    assert len(colours) > 50  # nodes in several colours, edges, labels: not a flat fill


@pytest.mark.browser
def test_browser_tooltip_shows_markup_in_names_as_text(loaded):
    page = loaded
    text = page.evaluate(f"network.body.data.nodes.get({json.dumps(VAKIF)}).title.textContent")
    assert VAKIF_NAME in text


@pytest.mark.browser
def test_browser_draws_large_graph_without_physics(tmp_path):
    nodes, edges = large_graph()
    path = tmp_path / "large.html"
    write_html(render_html(nodes, edges), path)
    with open_page(path) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        assert page.evaluate("network.body.data.nodes.length") == len(nodes)
        assert page.console_errors == []
