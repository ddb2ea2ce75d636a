"""The self-contained interactive HTML page of a view: vis-network (inlined by pyvis), legend, details."""

from __future__ import annotations

import html
import math
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pyvis.network import Network

from kg import vocab
from kg.errors import KgError
from kg.views.model import ViewEdge, ViewNode
from kg.views.style import (
    PIXELS_PER_UNIT,
    group_edges,
    legend_kinds,
    legend_predicates,
    node_colour,
    node_positions,
    node_radius,
    node_shape,
    predicate_colour,
)

LAYOUT_THRESHOLD = 300  # above this many nodes, edges are straight and hidden while panning
NOTEBOOK_HEIGHT = 780  # pixels of the frame `KnowledgeGraph.show` puts in a notebook


def render_html(
    nodes: list[ViewNode], edges: list[ViewEdge], *, title: str = "civic-kg", subtitle: str = ""
) -> str:
    """A self-contained HTML page (it loads nothing over the network) showing the graph.

    Facts with the same parties and predicate (either direction for symmetric predicates) are
    drawn as one edge whose tooltip lists every fact's evidence, date and article. The positions
    come from ``kg.views.layout`` (seeded: the same view is drawn the same on every load) and the
    browser's physics is off, so the page is usable as soon as it is drawn. ``subtitle`` (the
    filter, say) is shown under the title.

    >>> page = render_html([ViewNode("x", "Bornova", "Place", "District", (), 0)], [])
    >>> "Bornova" in page and "https://cdn" not in page
    True
    """
    groups = group_edges(edges)
    large = len(nodes) > LAYOUT_THRESHOLD
    positions = node_positions(nodes, edges)
    net = Network(height="100%", width="100%", cdn_resources="in_line")
    # Filled directly: add_node/add_edge check membership in lists, quadratic for big graphs.
    net.nodes = [_vis_node(n, positions.get(n.id)) for n in nodes]
    net.edges = [_vis_edge(i, key, facts) for i, (key, facts) in enumerate(groups.items())]
    net.options = _options(large)
    head, body, rest = _strip_remote_resources(net.generate_html()).partition("<body>")
    if not body or "</body>" not in rest:
        raise KgError("the pyvis page template has changed: no <body> to put the legend in")
    main, _, tail = rest.rpartition("</body>")
    head = head.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>{_STYLE}", 1)
    header = _header(nodes, edges, len(groups), title, subtitle)
    return f"<!DOCTYPE html>\n{head}<body>{header}{main}{_DETAILS}{_SCRIPT}</body>{tail}"


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


def _options(large: bool) -> dict:
    return {
        "physics": {"enabled": False},  # every node has a position: the same on every load
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,  # redrawing ten thousand edges per frame makes panning lag
            "hideEdgesOnZoom": large,
        },
        "edges": {
            "font": {"size": 10, "align": "middle"},
            "smooth": {"enabled": not large, "type": "dynamic"},
        },
    }


def _vis_node(node: ViewNode, position: tuple[float, float] | None) -> dict:
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
    }
    if position:
        item["x"], item["y"] = (round(c * PIXELS_PER_UNIT, 1) for c in position)
    return item


def _vis_edge(index: int, key: tuple[str, str, str], facts: list[ViewEdge]) -> dict:
    source, predicate, target = key
    return {
        "id": f"e{index}",
        "from": source,
        "to": target,
        "label": predicate,
        "color": predicate_colour(predicate),
        "width": 1 + math.log2(len(facts)),
        "arrows": "" if predicate in vocab.SYMMETRIC_PREDICATES else "to",
        "tooltip": f"<b>{html.escape(predicate)}</b> ({len(facts)} fact(s))"
        + "".join(_fact_tooltip(f) for f in facts),
    }


def _fact_tooltip(fact: ViewEdge) -> str:
    parts = [html.escape(fact.date or "undated")]
    if fact.confidence is not None:
        parts.append(f"confidence {fact.confidence:.2f}")
    if urlsplit(fact.article_url).scheme in ("http", "https"):  # never a javascript: link
        link = html.escape(fact.article_url, quote=True)
        parts.append(f'<a href="{link}" target="_blank" rel="noopener">{link}</a>')
    return f"<p>“{html.escape(fact.evidence)}”<br>{' · '.join(parts)}</p>"


def _header(
    nodes: list[ViewNode], edges: list[ViewEdge], drawn: int, title: str, subtitle: str
) -> str:
    types = "".join(
        f'<span class="civic-kg-key"><span style="color:{node_colour(node)}">'
        f"{node_shape(node)[2]}</span> {html.escape(kind or 'entity')}</span>"
        for kind, node in legend_kinds(nodes)
    )
    predicates = "".join(
        f'<span class="civic-kg-key"><span class="civic-kg-line" style="background:'
        f'{predicate_colour(p)}"></span> {html.escape(p)}</span>'
        for p in legend_predicates(edges)
    )
    shown = f"{subtitle} · " if subtitle else ""
    return (
        f'\n<header id="civic-kg-header"><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(shown)}{len(nodes)} entities, {len(edges)} facts"
        f"{f' ({drawn} edges)' if drawn != len(edges) else ''}. "
        "Hover over an entity or edge for its details; click to keep them open with links "
        "to the articles.</p>"
        f'<div id="civic-kg-legend"><div><b>Types</b> {types}</div>'
        f"<div><b>Relations</b> {predicates}</div></div></header>\n"
    )


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


# The network fills the window (or the notebook's frame) under the header.
_STYLE = """<style>
  html, body { height: 100%; }
  body { font-family: system-ui, sans-serif; margin: 0; padding: 0.5em; box-sizing: border-box;
         display: flex; flex-direction: column; }
  body > center { display: none; }
  body > div.card { flex: 1 1 auto; min-height: 420px; position: relative; }
  body > div.card > #mynetwork { position: absolute; inset: 0; width: auto; height: auto; }
  #civic-kg-header h1 { font-size: 1.3em; margin: 0.2em 0; }
  #civic-kg-header p, #civic-kg-legend div { margin: 0.2em 0; line-height: 1.6; }
  .civic-kg-key { margin-right: 0.9em; white-space: nowrap; }
  .civic-kg-line { display: inline-block; width: 1.4em; height: 0.25em; vertical-align: middle; }
  .civic-kg-tooltip { max-width: 32em; white-space: normal; }
  .civic-kg-iri { color: #777; font-size: 0.85em; }
  #civic-kg-details { position: fixed; right: 1em; bottom: 1em; max-width: 30em; max-height: 45vh;
         overflow: auto; background: #fffef8; border: 1px solid #aaa; border-radius: 4px;
         padding: 0.3em 0.8em; box-shadow: 2px 2px 8px rgba(0, 0, 0, 0.2); font-size: 0.9em; }
</style>"""

_DETAILS = '\n<aside id="civic-kg-details" hidden></aside>'

# Tooltips are HTML escaped in Python; vis-network shows a string title as plain text, so each
# becomes an element on first hover (making all of them up front costs a second at 10,000 nodes).
# A click keeps the details in a panel, where the article links can be clicked. pyvis declares
# `var network` at the top level: it is already window.network.
_SCRIPT = """
<script type="text/javascript">
  (function () {
    var details = document.getElementById("civic-kg-details");
    function tooltip(item) {
      var box = document.createElement("div");
      box.className = "civic-kg-tooltip";
      box.innerHTML = item.tooltip;
      return box;
    }
    function giveTitle(items, id) {
      var item = items.get(id);
      if (item && !item.title) items.update({id: id, title: tooltip(item)});
    }
    network.on("hoverNode", function (p) { giveTitle(network.body.data.nodes, p.node); });
    network.on("hoverEdge", function (p) { giveTitle(network.body.data.edges, p.edge); });
    network.on("click", function (p) {
      var items = p.nodes.length ? network.body.data.nodes : network.body.data.edges;
      var item = items.get(p.nodes.length ? p.nodes[0] : p.edges[0]);
      details.hidden = !item;
      if (item) details.replaceChildren(tooltip(item));
    });
    network.once("afterDrawing", function () { document.body.dataset.civicKgReady = "true"; });
    network.redraw();
  })();
</script>
"""
