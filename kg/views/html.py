"""The self-contained interactive HTML page of a view: vis-network (inlined by pyvis), legend, details.

The page's own script and style are package data, ``page.js`` and ``page.css``, inlined here.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable
from html.parser import HTMLParser
from importlib.resources import files
from urllib.parse import urlsplit

from pyvis.network import Network

from kg import vocab
from kg.errors import KgError
from kg.lang.tr.names import name_key
from kg.lang.tr.text import APOSTROPHES, ASCII_OF
from kg.views.model import ViewEdge, ViewNode
from kg.views.style import (
    PIXELS_PER_UNIT,
    group_edges,
    legend_kinds,
    legend_predicates,
    node_colour,
    node_kind,
    node_positions,
    node_radius,
    node_shape,
    predicate_colour,
)

LABEL_CHAR_PIXELS = 7  # about how wide a character of a 14 px label is
LAYOUT_THRESHOLD = 300  # above this many nodes, edges are straight and hidden while panning
NOTEBOOK_HEIGHT = 780  # pixels of the frame `KnowledgeGraph.show` puts in a notebook
LABEL_DRAW_THRESHOLD = 9  # a label smaller than this on screen is not drawn (vis-network)
LABEL_MAX_VISIBLE = 22  # nor drawn bigger than this, however far the page is zoomed in


def render_html(
    nodes: list[ViewNode], edges: list[ViewEdge], *, title: str = "civic-kg", subtitle: str = ""
) -> str:
    """A self-contained HTML page (it loads nothing over the network) showing the graph.

    Facts with the same parties and predicate (either direction for symmetric predicates) are
    drawn as one edge whose tooltip lists every fact's evidence, date and article. The positions
    come from ``kg.views.layout`` (seeded: the same view is drawn the same on every load) and the
    browser's physics is off, so the page is usable as soon as it is drawn. ``subtitle`` (the
    filter, say) is shown under the title. The page finds entities by name (``name_key``, mirrored
    in ``page.js``), shows an entity's or edge's facts in a side panel, and filters by type,
    predicate, date and confidence in the browser (see docs/views.md).

    >>> page = render_html([ViewNode("x", "Bornova", "Place", "District", (), 0)], [])
    >>> "Bornova" in page and "https://cdn" not in page
    True
    """
    groups = group_edges(edges)
    large = len(nodes) > LAYOUT_THRESHOLD
    positions = node_positions(nodes, edges)
    net = Network(height="100%", width="100%", cdn_resources="in_line")
    net.options = _options(large=large)
    # The graph goes in its own JSON (page.js makes the DataSets): pyvis draws an empty network.
    unit = _pixels_per_unit(nodes, groups, positions, large)
    bends = _bends(list(groups))
    graph = {
        "nodes": [_vis_node(n, positions.get(n.id), unit) for n in nodes],
        "edges": [
            _vis_edge(i, key, facts, bends[i]) for i, (key, facts) in enumerate(groups.items())
        ],
        "predicates": legend_predicates(edges),
        # what page.js folds typed names with, as name_key does
        "folding": {"ascii": ASCII_OF, "apostrophes": APOSTROPHES},
    }
    head, body, rest = _strip_remote_resources(net.generate_html()).partition("<body>")
    if not body or "</body>" not in rest:
        raise KgError("the pyvis page template has changed: no <body> to put the legend in")
    main, _, tail = rest.rpartition("</body>")
    style = f"<style>\n{_page_file('page.css')}</style>"
    head = head.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>{style}", 1)
    header = _header(nodes, edges, len(groups), title, subtitle)
    script = (
        f'\n<script type="application/json" id="civic-kg-data">{_script_json(graph)}</script>'
        f'\n<script type="text/javascript">\n{_page_file("page.js")}</script>\n'
    )
    return f"<!DOCTYPE html>\n{head}<body>{header}{main}{_DETAILS}{script}</body>{tail}"


def notebook_frame(page: str, *, height: int = NOTEBOOK_HEIGHT):
    """An ``IPython.display.HTML`` showing ``page`` in an iframe (the page escaped into ``srcdoc``).

    The frame is sandboxed: the page's scripts run, links open in a new tab, and nothing in the
    page can reach the notebook around it.

    >>> "&lt;b&gt;Bornova&lt;/b&gt;" in notebook_frame("<b>Bornova</b>")._repr_html_()
    True
    """
    try:
        from IPython.display import HTML
    except ImportError as e:
        raise KgError(
            "showing a view inline needs IPython (pip install ipython); "
            "or write the page with render_html and open it in a browser"
        ) from e
    return HTML(
        f'<div class="civic-kg-view"><iframe srcdoc="{html.escape(page, quote=True)}" '
        f'title="civic-kg network view" style="width: 100%; height: {int(height)}px; '
        'border: 1px solid #ddd" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe></div>'
    )


def _options(*, large: bool) -> dict:
    return {
        "physics": {"enabled": False},  # every node has a position: the same on every load
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,  # redrawing ten thousand edges per frame makes panning lag
            "hideEdgesOnZoom": large,
        },
        "nodes": {
            "scaling": {
                "label": {
                    "drawThreshold": LABEL_DRAW_THRESHOLD,
                    "maxVisible": LABEL_MAX_VISIBLE,
                }
            }
        },
        "edges": {
            "font": {"size": 10, "align": "middle"},
            "smooth": {"enabled": not large, "type": "dynamic"},
        },
    }


def _pixels_per_unit(
    nodes: list[ViewNode],
    keys: Iterable[tuple[str, str, str]],
    positions: dict[str, tuple[float, float]],
    large: bool,
) -> float:
    """How long a laid-out edge of length 1 is on the page. A small view names every entity at
    zoom 1, so it is stretched until its shortest edge is about as long as a typical name is wide
    (up to four times the big views' unit), and neighbours' names do not run into each other; a
    big view keeps the unit its layout was made for (only a few names show at its opening zoom).

    >>> few = [ViewNode(i, "İzmir Kent Konseyi Yürütme Kurulu", "Organization", "", (), 1) for i in "ab"]
    >>> at = {"a": (0.0, 0.0), "b": (0.5, 0.0)}
    >>> _pixels_per_unit(few, [("a", "visited", "b")], at, large=False)
    320
    >>> _pixels_per_unit(few, [("a", "visited", "b")], at, large=True)
    80
    """
    if large:
        return PIXELS_PER_UNIT
    lengths = [
        math.dist(positions[s], positions[o])
        for s, _, o in keys
        if s in positions and o in positions and s != o
    ]
    named = sorted(len(n.label) * LABEL_CHAR_PIXELS for n in nodes if n.degree)
    if not lengths or not named:
        return PIXELS_PER_UNIT
    wanted = named[len(named) // 2] / max(min(lengths), 1e-6)
    return round(min(max(PIXELS_PER_UNIT, wanted), 4 * PIXELS_PER_UNIT))


def _bends(keys: list[tuple[str, str, str]]) -> list[float]:
    """Each drawn edge's curve: 0 (straight) for the one edge between two entities, and a
    different curve each for several (two relations between the same pair would lie on each
    other, labels and all, now that nothing moves them apart).

    >>> _bends([("a", "visited", "b"), ("b", "thanked", "a"), ("a", "headOf", "c")])
    [0.2, 0.45, 0.0]
    """
    pairs: dict[frozenset[str], int] = {}
    for source, _, target in keys:
        pair = frozenset((source, target))
        pairs[pair] = pairs.get(pair, 0) + 1
    seen: dict[frozenset[str], int] = {}
    bends = []
    for source, _, target in keys:
        pair = frozenset((source, target))
        k = seen.get(pair, 0)
        seen[pair] = k + 1
        bends.append(0.0 if pairs[pair] == 1 else round(0.2 + 0.25 * k, 2))
    return bends


def _vis_node(node: ViewNode, position: tuple[float, float] | None, unit: float) -> dict:
    kinds = " › ".join(filter(None, (node.type, node.subtype))) or "entity"
    lines = [f"<b>{html.escape(node.label)}</b>", html.escape(kinds)]
    if node.aliases:
        lines.append("also: " + html.escape(", ".join(node.aliases)))
    lines.append(f"{node.degree} fact(s) shown")
    lines.append(f'<span class="civic-kg-iri">{html.escape(node.id)}</span>')
    item = {
        "id": node.id,
        "label": node.label,
        "shape": node_shape(node)[0],
        "color": node_colour(node),
        "size": node_radius(node),
        "tooltip": "<br>".join(lines),
        "type": node.type,
        "subtype": node.subtype,
        "kind": node_kind(node),
        "aliases": list(node.aliases),
        "degree": node.degree,
        # the keys the CLI looks names up by; page.js folds what is typed the same way
        "search": sorted({k for k in map(name_key, (node.label, *node.aliases)) if k}),
    }
    if position:
        item["x"], item["y"] = (round(c * unit, 1) for c in position)
    return item


def _vis_edge(
    index: int, key: tuple[str, str, str], facts: list[ViewEdge], bend: float = 0.0
) -> dict:
    source, predicate, target = key
    # curvedCW bends by direction: a pair's edges either way round bend to different sides
    curve = {"smooth": {"enabled": True, "type": "curvedCW", "roundness": bend}} if bend else {}
    return {
        **curve,
        "id": f"e{index}",
        "from": source,
        "to": target,
        "label": predicate,
        "predicate": predicate,
        "color": predicate_colour(predicate),
        "width": 1 + math.log2(len(facts)),
        "arrows": "" if predicate in vocab.SYMMETRIC_PREDICATES else "to",
        "tooltip": f"<b>{html.escape(predicate)}</b> ({len(facts)} fact(s))"
        + "".join(_fact_tooltip(f) for f in facts),
        # what the side panel and the page's filters read: [evidence, date, confidence, url]
        "facts": [[f.evidence, f.date, f.confidence, _article_link(f)] for f in facts],
    }


def _article_link(fact: ViewEdge) -> str:
    """The article's URL if it is http or https (never a javascript: link), else ""."""
    return fact.article_url if urlsplit(fact.article_url).scheme in ("http", "https") else ""


def _fact_tooltip(fact: ViewEdge) -> str:
    parts = [html.escape(fact.date or "undated")]
    if fact.confidence is not None:
        parts.append(f"confidence {fact.confidence:.2f}")
    if link := html.escape(_article_link(fact), quote=True):
        parts.append(f'<a href="{link}" target="_blank" rel="noopener">{link}</a>')
    return f"<p>“{html.escape(fact.evidence)}”<br>{' · '.join(parts)}</p>"


def _header(
    nodes: list[ViewNode], edges: list[ViewEdge], drawn: int, title: str, subtitle: str
) -> str:
    """Title, counts, search and filters, and the legend whose entries toggle what they name.

    The counts are those page.js shows before any filter is touched: entities without facts
    hidden (and listed apart)."""
    types = "".join(
        f'<button type="button" class="civic-kg-key" aria-pressed="true" '
        f'data-kind="{html.escape(kind, quote=True)}" title="Show or hide this type">'
        f'<span style="color:{node_colour(node)}">{node_shape(node)[2]}</span> '
        f"{html.escape(kind or 'entity')}</button>"
        for kind, node in legend_kinds(nodes)
    )
    predicates = "".join(
        f'<button type="button" class="civic-kg-key" aria-pressed="true" '
        f'data-predicate="{html.escape(p, quote=True)}" title="Show or hide this relation">'
        f'<span class="civic-kg-line" style="background:{predicate_colour(p)}"></span> '
        f"{html.escape(p)}</button>"
        for p in legend_predicates(edges)
    )
    with_facts = sum(n.degree > 0 for n in nodes)
    counts = f"{with_facts} entities, {len(edges)} facts"
    counts += f" ({drawn} edges)" if drawn != len(edges) else ""
    if with_facts < len(nodes):
        counts += f" · {len(nodes) - with_facts} without facts, listed below"
    days = sorted(e.date[:10] for e in edges if e.date)
    span = f'min="{html.escape(days[0])}" max="{html.escape(days[-1])}"' if days else ""
    shown = f"{subtitle} · " if subtitle else ""
    return f"""
<header id="civic-kg-header"><h1>{html.escape(title)}</h1>
<p>{html.escape(shown)}<span id="civic-kg-counts">{counts}.</span>
Click an entity or edge for its facts and articles; click a legend entry to hide or show it.</p>
<div id="civic-kg-controls">
<span id="civic-kg-find"><input id="civic-kg-search" type="search" autocomplete="off"
 placeholder="Find an entity by name or alias" aria-label="Find an entity by name or alias">
<ul id="civic-kg-matches" hidden></ul></span>
<label>Facts from <input id="civic-kg-since" type="date" {span}></label>
<label>to <input id="civic-kg-until" type="date" {span}></label>
<label>confidence at least <input id="civic-kg-confidence" type="number" min="0" max="1"
 step="0.05" placeholder="any"></label>
<label><input id="civic-kg-hide-empty" type="checkbox" checked> hide entities without facts</label>
</div>
<div id="civic-kg-legend"><div><b>Types</b> {types}</div><div><b>Relations</b> {predicates}</div></div>
<details id="civic-kg-empty" hidden><summary>Entities without facts</summary><ul></ul></details>
</header>
"""


class _RemoteResources(HTMLParser):
    """Collects the <script src> and <link href> tags that would load over the network."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        url = dict(attrs).get({"script": "src", "link": "href"}.get(tag, "")) or ""
        if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
            # (get_starttag_text is None only outside handle_starttag)
            self.tags.append(self.get_starttag_text() + ("</script>" if tag == "script" else ""))  # type: ignore[operator]


def _strip_remote_resources(page: str) -> str:
    # pyvis links bootstrap from a CDN even with cdn_resources="in_line"; the page needs none of it.
    finder = _RemoteResources()
    finder.feed(page)
    finder.close()
    for tag in finder.tags:
        page = page.replace(tag, "")
    return page


def _page_file(name: str) -> str:
    """page.js or page.css, package data next to this module."""
    return files("kg.views").joinpath(name).read_text(encoding="utf-8")


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can end or bend it."""
    text = json.dumps(data, separators=(",", ":"))  # ASCII, as pyvis wrote the graph before
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_DETAILS = '\n<aside id="civic-kg-details" hidden></aside>'
