"""The page's own script in headless Chromium: find, the side panel, filters, labels, legend width.

The graph is made here from made-up Turkish sentences (no corpus text); views are built directly
as ViewNode/ViewEdge, since the page only ever sees those.
"""

from __future__ import annotations

import json

import pytest

from kg import vocab
from kg.lang.tr.names import name_key
from kg.views.html import render_html
from kg.views.model import ViewEdge, ViewNode
from kg.views.style import write_file
from tests.support.browser import open_page

IZMIR = vocab.ENTITY_BASE + "place/izmir"
CIGLI = vocab.ENTITY_BASE + "place/cigli"
KARSIYAKA = vocab.ENTITY_BASE + "organization/karsiyaka-belediyesi"
DERNEK = vocab.ENTITY_BASE + "organization/ege-cevre-gonulluleri-dernegi"
SELIN = vocab.ENTITY_BASE + "person/selin-aydin"

SAHIL_URL = "https://yerel.example/sahil-ziyaret"
NODES = [
    ViewNode(IZMIR, "İzmir", "Place", "Province", ("İzmir ili",), 1),
    ViewNode(CIGLI, "Çiğli", "Place", "District", (), 0),  # takes part in no fact
    ViewNode(KARSIYAKA, "Karşıyaka Belediyesi", "Organization", "Municipality", ("KBB",), 3),
    ViewNode(DERNEK, "Ege Çevre Gönüllüleri Derneği", "Organization", "Association", ("EÇGD",), 3),
    ViewNode(SELIN, "Selin Aydın", "Person", "", (), 1),
]
EDGES = [
    ViewEdge(
        KARSIYAKA,
        IZMIR,
        "locatedIn",
        "Karşıyaka Belediyesi, İzmir'in kuzey kıyısındaki mahallelere hizmet veriyor.",
        "2026-03-02",
        "https://yerel.example/karsiyaka-kiyi",
        0.95,
    ),
    ViewEdge(
        SELIN,
        DERNEK,
        "headOf",
        "Ege Çevre Gönüllüleri Derneği Başkanı Selin Aydın, kıyı temizliğinin sonuçlarını anlattı.",
        "2026-03-15",
        "https://yerel.example/dernek-basin",
        0.8,
    ),
    ViewEdge(
        DERNEK,
        KARSIYAKA,
        "visited",
        "Dernek üyeleri, sahil temizliği için Karşıyaka Belediyesi'ni ziyaret etti.",
        "2026-04-20",
        SAHIL_URL,
        0.6,
    ),
    ViewEdge(
        KARSIYAKA,
        DERNEK,
        "thanked",
        "Belediye, kıyıyı temizleyen gönüllülere teşekkür etti.",
        "",
        "javascript:alert(1)",  # never a link
        0.5,
    ),
]

SPELLINGS = [
    "İzmir",
    "Izmir",
    "IZMIR",
    "izmir'de",
    "İZMİR'DE",
    "İzmir’de",
    "  Karşıyaka Belediyesi'ne ",
    "KARŞIYAKA BELEDİYESİ",
    "Karsiyaka Belediyesi",
    "Ege Çevre Gönüllüleri Derneği'nin",
    "EÇGD'ye",
    "Çiğli",
    "ÇİĞLİ'DE",
    "ığdır",
    "IĞDIR",
    "Café Müller",
    "São Paulo'da",
    "Ñandú",
    "âşık îmân ûmûr",
    "İzmir 2026'da",
    "İzmir'2026",
    "Öğretmen-Sendikası",
    "x²'de",
    "ﬁkir",
    "Straße",
    "Москва",
    "Kent\u00a0Konseyi",
    "Kent\r\nKonseyi",
    "e\u0301cole",
    "'",
    "",
]


def test_vis_nodes_carry_the_name_keys_of_their_label_and_aliases():
    page = render_html(NODES, EDGES)
    graph = json.loads(page.split('id="civic-kg-data">', 1)[1].split("</script>", 1)[0])
    izmir = next(n for n in graph["nodes"] if n["id"] == IZMIR)
    assert izmir["search"] == ["izmir", "izmir-ili"]
    assert izmir["kind"] == "Province" and izmir["aliases"] == ["İzmir ili"]


def test_vis_edges_carry_their_facts_and_only_http_links():
    page = render_html(NODES, EDGES)
    graph = json.loads(page.split('id="civic-kg-data">', 1)[1].split("</script>", 1)[0])
    facts = {e["predicate"]: e["facts"] for e in graph["edges"]}
    assert facts["visited"] == [[EDGES[2].evidence, "2026-04-20", 0.6, SAHIL_URL]]
    assert facts["thanked"][0][3] == ""  # the javascript: URL is not kept


def test_graph_json_cannot_close_its_script_element():
    evil = ViewNode("x", "</script><script>alert(1)</script>", "Person", "", (), 0)
    page = render_html([evil], [])
    assert "</script><script>alert(1)" not in page
    graph = json.loads(page.split('id="civic-kg-data">', 1)[1].split("</script>", 1)[0])
    assert graph["nodes"][0]["label"] == evil.label


def click_entity(page, iri: str) -> None:
    """Click an entity as vis reports a click on it (its position on screen varies)."""
    page.evaluate(f"network.body.emitter.emit('click', {{nodes: [{json.dumps(iri)}], edges: []}})")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The test graph's page open in headless Chromium, drawn and held still."""
    path = write_file(render_html(NODES, EDGES), tmp_path_factory.mktemp("page") / "graph.html")
    with open_page(path) as opened:
        opened.wait_for("document.body.dataset.civicKgReady === 'true'")
        opened.evaluate("network.setOptions({physics: false})")
        yield opened


@pytest.fixture
def fresh(page):
    """The page with every filter back at its default and nothing selected."""
    page.raw.evaluate(
        """() => {
          for (const key of document.querySelectorAll('.civic-kg-key[aria-pressed=false]')) key.click();
          for (const id of ['civic-kg-since', 'civic-kg-until', 'civic-kg-confidence', 'civic-kg-search'])
            document.getElementById(id).value = '';
          document.getElementById('civic-kg-hide-empty').checked = true;
          document.getElementById('civic-kg-hide-empty').dispatchEvent(new Event('change'));
          network.body.emitter.emit('click', {nodes: [], edges: []});
        }"""
    )
    return page


def drawn_predicates(page) -> list[str]:
    return sorted(page.evaluate("network.body.data.edges.get().map(e => e.predicate)"))


def drawn_nodes(page) -> set[str]:
    return set(page.evaluate("network.body.data.nodes.getIds()"))


def counts(page) -> str:
    return page.evaluate("document.getElementById('civic-kg-counts').textContent")


@pytest.mark.browser
@pytest.mark.slow
def test_page_folds_names_exactly_as_name_key(page):
    keys = page.evaluate(f"{json.dumps(SPELLINGS)}.map(civicKg.nameKey)")
    assert keys == [name_key(s) for s in SPELLINGS]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("typed", ["Izmir", "izmir'de", "İZMİR", "İzmir ili"])
def test_typing_a_name_in_any_spelling_selects_the_entity(fresh, typed):
    page = fresh
    page.raw.fill("#civic-kg-search", typed)
    page.wait_for(f"network.getSelectedNodes()[0] === {json.dumps(IZMIR)}")
    assert page.evaluate("document.querySelector('#civic-kg-details h2').textContent") == "İzmir"
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_part_of_a_name_lists_matches_and_enter_selects_the_first(fresh):
    page = fresh
    page.raw.fill("#civic-kg-search", "karsi")
    assert page.evaluate("network.getSelectedNodes()") == []  # only a whole name goes at once
    assert page.evaluate("document.querySelector('#civic-kg-matches li').textContent").startswith(
        "Karşıyaka Belediyesi"
    )
    page.raw.press("#civic-kg-search", "Enter")
    page.wait_for(f"network.getSelectedNodes()[0] === {json.dumps(KARSIYAKA)}")


@pytest.mark.browser
@pytest.mark.slow
def test_finding_an_entity_the_filters_hide_still_shows_its_panel(fresh):
    page = fresh
    page.raw.fill("#civic-kg-search", "Çiğli'de")
    page.wait_for("!document.getElementById('civic-kg-details').hidden")
    panel = page.evaluate("document.getElementById('civic-kg-details').textContent")
    assert "Çiğli" in panel and "Not drawn with the filters set." in panel


@pytest.mark.browser
@pytest.mark.slow
def test_side_panel_of_an_entity_lists_its_facts_by_predicate_with_article_links(fresh):
    page = fresh
    click_entity(page, KARSIYAKA)
    panel = "document.getElementById('civic-kg-details')"
    page.wait_for(f"!{panel}.hidden")
    headings = page.evaluate(f"[...{panel}.querySelectorAll('h3')].map(h => h.textContent)")
    assert headings == ["visited (1)", "thanked (1)", "locatedIn (1)"]  # in vocabulary order
    text = page.evaluate(f"{panel}.textContent")
    assert "Municipality" in text and "Also: KBB" in text
    assert "Dernek üyeleri, sahil temizliği için Karşıyaka Belediyesi'ni ziyaret etti." in text
    assert "2026-04-20 · confidence 0.60" in text and "undated · confidence 0.50" in text
    links = page.evaluate(f"[...{panel}.querySelectorAll('a')].map(a => a.href)")
    assert sorted(links) == ["https://yerel.example/karsiyaka-kiyi", SAHIL_URL]
    assert "javascript" not in page.evaluate(f"{panel}.innerHTML")


@pytest.mark.browser
@pytest.mark.slow
def test_clicking_an_entity_highlights_its_neighbours_and_dims_the_rest(fresh):
    page = fresh
    click_entity(page, IZMIR)
    colour = "id => civicKg.nodes.get(id).color"
    assert page.evaluate(f"({colour})({json.dumps(KARSIYAKA)})") != "#e4e4e4"
    assert page.evaluate(f"({colour})({json.dumps(SELIN)})") == "#e4e4e4"
    page.evaluate("network.body.emitter.emit('click', {nodes: [], edges: []})")
    assert page.evaluate(f"({colour})({json.dumps(SELIN)})") != "#e4e4e4"
    assert page.evaluate("document.getElementById('civic-kg-details').hidden") is True


@pytest.mark.browser
@pytest.mark.slow
def test_clicking_an_edge_shows_its_facts(fresh):
    page = fresh
    edge = page.evaluate("civicKg.edges.get({filter: e => e.predicate === 'visited'})[0].id")
    page.evaluate(f"network.body.emitter.emit('click', {{nodes: [], edges: ['{edge}']}})")
    text = page.evaluate("document.getElementById('civic-kg-details').textContent")
    assert "Ege Çevre Gönüllüleri Derneği visited Karşıyaka Belediyesi" in text
    assert page.evaluate("document.querySelector('#civic-kg-details a').href") == SAHIL_URL


@pytest.mark.browser
@pytest.mark.slow
def test_toggling_a_predicate_off_removes_its_edges_from_the_network(fresh):
    page = fresh
    assert drawn_predicates(page) == ["headOf", "locatedIn", "thanked", "visited"]
    page.raw.click(".civic-kg-key[data-predicate=visited]")
    assert drawn_predicates(page) == ["headOf", "locatedIn", "thanked"]
    assert counts(page).startswith("4 entities, 3 facts")
    page.raw.click(".civic-kg-key[data-predicate=visited]")
    assert drawn_predicates(page) == ["headOf", "locatedIn", "thanked", "visited"]


@pytest.mark.browser
@pytest.mark.slow
def test_toggling_a_type_off_removes_its_entities_and_their_facts(fresh):
    page = fresh
    page.raw.click(".civic-kg-key[data-kind=Person]")
    assert SELIN not in drawn_nodes(page)
    assert drawn_predicates(page) == ["locatedIn", "thanked", "visited"]


@pytest.mark.browser
@pytest.mark.slow
def test_date_range_removes_facts_outside_it_and_undated_ones(fresh):
    page = fresh
    page.raw.fill("#civic-kg-since", "2026-03-10")
    page.raw.fill("#civic-kg-until", "2026-03-31")
    assert drawn_predicates(page) == ["headOf"]
    assert drawn_nodes(page) == {SELIN, DERNEK}
    assert counts(page).startswith("2 entities, 1 facts")
    page.raw.fill("#civic-kg-until", "")
    assert drawn_predicates(page) == ["headOf", "visited"]


@pytest.mark.browser
@pytest.mark.slow
def test_filters_combine_with_minimum_confidence(fresh):
    page = fresh
    page.raw.fill("#civic-kg-confidence", "0.7")
    assert drawn_predicates(page) == ["headOf", "locatedIn"]
    page.raw.fill("#civic-kg-since", "2026-03-10")
    assert drawn_predicates(page) == ["headOf"]


@pytest.mark.browser
@pytest.mark.slow
def test_entities_without_facts_are_listed_aside_until_shown(fresh):
    page = fresh
    assert CIGLI not in drawn_nodes(page)
    listed = page.evaluate("document.querySelector('#civic-kg-empty ul').textContent")
    assert listed == "Çiğli"
    page.raw.click("#civic-kg-empty summary")
    page.raw.click("#civic-kg-empty li button")
    page.wait_for("document.querySelector('#civic-kg-details h2').textContent === 'Çiğli'")
    page.raw.uncheck("#civic-kg-hide-empty")
    assert CIGLI in drawn_nodes(page)
    assert page.evaluate("document.getElementById('civic-kg-empty').hidden") is True


def crowded_graph() -> tuple[list[ViewNode], list[ViewEdge]]:
    """Every entity class and every predicate, with long names: the widest legend there is."""
    nodes = [
        ViewNode(
            f"{vocab.ENTITY_BASE}x/{i}",
            f"Büyükşehir Belediyesi Çevre Koruma ve Kontrol Dairesi {kind} {i}",
            kind if kind in ("Person", "Organization", "Place") else "Organization",
            "" if kind in ("Person", "Organization", "Place") else kind,
            (),
            2,
        )
        for i, kind in enumerate(vocab.ENTITY_CLASSES)
    ]
    edges = [
        ViewEdge(
            nodes[i % len(nodes)].id,
            nodes[(i + 1) % len(nodes)].id,
            predicate,
            "Kurum temsilcileri bir araya geldi.",
            "2026-05-04",
            "https://yerel.example/toplanti",
            0.7,
        )
        for i, predicate in enumerate(vocab.PREDICATES)
    ]
    return nodes, edges


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 1920])
def test_legend_wraps_and_the_page_never_scrolls_sideways(tmp_path, width):
    path = write_file(render_html(*crowded_graph()), tmp_path / "crowded.html")
    with open_page(path, width=width) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        assert page.evaluate("document.querySelectorAll('.civic-kg-key').length") == len(
            vocab.ENTITY_CLASSES
        ) + len(vocab.PREDICATES)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.evaluate(
            "civicKg.showNode(civicKg.nodes.getIds()[0])"
        )  # the side panel stays inside too
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.console_errors == []


def hub_graph() -> tuple[list[ViewNode], list[ViewEdge]]:
    """Associations in a ring, more than the browser lays out, and one hub joined to each tenth."""
    count = 400
    ids = [f"{vocab.ENTITY_BASE}organization/dernek-{i:03d}" for i in range(count)]
    hub = f"{vocab.ENTITY_BASE}organization/ege-dernekler-federasyonu"
    edges = [
        ViewEdge(
            ids[i], ids[(i + 1) % count], "cooperatesWith", "Ortak proje yürüttüler.", "", "", 0.8
        )
        for i in range(count)
    ]
    edges += [
        ViewEdge(ids[i], hub, "memberOf", "Dernek federasyona katıldı.", "", "", 0.8)
        for i in range(0, count, 10)
    ]
    nodes = [
        ViewNode(iri, f"Dernek {i}", "Organization", "Association", (), 2 + (i % 10 == 0))
        for i, iri in enumerate(ids)
    ]
    nodes.append(ViewNode(hub, "Ege Dernekler Federasyonu", "Organization", "Federation", (), 40))
    return nodes, edges


@pytest.mark.browser
@pytest.mark.slow
def test_the_best_connected_are_named_at_the_opening_zoom_and_the_rest_on_zooming_in(tmp_path):
    nodes, edges = hub_graph()
    hub, leaf = nodes[-1].id, nodes[1].id
    path = write_file(render_html(nodes, edges), tmp_path / "hubs.html")
    visible = "id => network.body.nodes[id].labelModule.visible()"
    with open_page(path) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        assert page.evaluate("network.getScale()") < 0.5  # zoomed out to show 401 entities
        assert page.evaluate(f"({visible})({json.dumps(hub)})") is True
        assert page.evaluate(f"({visible})({json.dumps(leaf)})") is False
        page.evaluate(f"network.focus({json.dumps(leaf)}, {{scale: 1.5}}); network.redraw()")
        page.wait_for(f"({visible})({json.dumps(leaf)})")
        assert page.console_errors == []


def corpus_graph() -> tuple[list[ViewNode], list[ViewEdge]]:
    """600 entities as a corpus has them: 60 bodies, each with nine partners of its own, the
    bodies' names long and alike (the case where labels collide), a few bodies linked in a chain."""
    nodes, edges = [], []
    for b in range(60):
        body = f"{vocab.ENTITY_BASE}organization/kent-konseyi-{b:02d}"
        nodes.append(
            ViewNode(body, f"Kuzey Ege Kent Konseyi {b}", "Organization", "CityCouncil", (), 9)
        )
        for k in range(9):
            partner = f"{body}-ortak-{k}"
            nodes.append(ViewNode(partner, f"Ortak {b}-{k}", "Organization", "Association", (), 1))
            edges.append(ViewEdge(body, partner, "visited", "Ziyaret etti.", "", "", 0.8))
        if b % 3:
            edges.append(
                ViewEdge(body, nodes[-10 - 10].id, "cooperatesWith", "İş birliği.", "", "", 0.8)
            )
    return nodes, edges


@pytest.mark.browser
@pytest.mark.slow
def test_at_the_opening_zoom_of_a_600_entity_corpus_ten_labels_show_and_none_overlap(tmp_path):
    nodes, edges = corpus_graph()
    assert len(nodes) == 600
    path = write_file(render_html(nodes, edges), tmp_path / "corpus.html")
    # the boxes vis drew the visible labels in, in canvas coordinates (labelModule.size)
    drawn = """() => Object.values(network.body.nodes)
        .filter(n => n.labelModule.visible() && n.options.label)
        .map(n => n.labelModule.size)
        .map(s => [s.left, s.top, s.left + s.width, s.top + s.height])"""
    with open_page(path, width=1400, height=900) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        boxes = page.evaluate(drawn)
        assert len(boxes) >= 10
        overlapping = [
            (a, b)
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        ]
        assert overlapping == []
        assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_a_named_entitys_label_is_no_bigger_than_any_other_once_zoomed_in(tmp_path):
    """The best connected are named at a zoomed-out opening with big fonts; zoomed in on them
    (as finding an entity does) their labels must not stay that big."""
    nodes, edges = hub_graph()
    hub = nodes[-1].id
    path = write_file(render_html(nodes, edges), tmp_path / "hubs.html")
    on_screen = f"civicKg.nodes.get({json.dumps(hub)}).font.size * network.getScale()"
    with open_page(path) as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        opening = page.evaluate(on_screen)
        page.evaluate(
            f"network.moveTo({{position: network.getPositions([{json.dumps(hub)}])"
            f"[{json.dumps(hub)}], scale: 1.5}})"
        )
        page.evaluate("void network.emit('zoom', {scale: network.getScale()})")
        assert 13 <= opening <= 15
        assert page.evaluate(on_screen) <= 14 * 1.5 + 0.01  # as any 14 px label at this zoom
        assert page.console_errors == []
