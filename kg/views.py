"""Interactive HTML network views: entities and facts read from the store, drawn with pyvis."""

from __future__ import annotations

import html
import math
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
import pyoxigraph
from pyvis.network import Network

from kg import vocab
from kg.errors import KgError

LAYOUT_THRESHOLD = 300  # above this many nodes the browser's physics is too slow: lay out in Python
LAYOUT_SEED = 42
STABILIZATION_ITERATIONS = 250
ALIAS_SEPARATOR = "\x1f"  # a character no name contains, to split GROUP_CONCAT results

# Colours by entity class (the subtype when known) and by predicate, in vocab order.
TYPE_COLOURS = dict(
    zip(
        vocab.ENTITY_CLASSES,
        cycle(
            [
                "#4e79a7",
                "#f28e2b",
                "#59a14f",
                "#e15759",
                "#76b7b2",
                "#edc948",
                "#b07aa1",
                "#ff9da7",
                "#9c755f",
                "#bab0ac",
                "#1f77b4",
                "#ff7f0e",
                "#2ca02c",
                "#d62728",
                "#9467bd",
                "#8c564b",
                "#e377c2",
                "#7f7f7f",
                "#bcbd22",
                "#17becf",
                "#393b79",
            ]
        ),
    )
)
PREDICATE_COLOURS = dict(
    zip(
        vocab.PREDICATES,
        cycle(
            [
                "#1b9e77",
                "#d95f02",
                "#7570b3",
                "#e7298a",
                "#66a61e",
                "#e6ab02",
                "#a6761d",
                "#666666",
                "#e41a1c",
                "#377eb8",
                "#4daf4a",
                "#984ea3",
                "#ff7f00",
            ]
        ),
    )
)
SHAPES = {"Person": ("dot", "●"), "Organization": ("square", "■"), "Place": ("triangle", "▲")}

_FACTS_QUERY = (
    vocab.sparql_prefixes()
    + f"""
SELECT ?agent ?counterpart ?relation ?evidence ?date ?url ?confidence WHERE {{
  ?fact civ:{vocab.RELATION} ?relation ; civ:{vocab.AGENT} ?agent ;
        civ:{vocab.COUNTERPART} ?counterpart .
  FILTER NOT EXISTS {{ ?fact a civ:{vocab.REPORTED_EVENT} }}
  OPTIONAL {{ ?fact civ:{vocab.EVIDENCE} ?evidence }}
  OPTIONAL {{ ?fact civ:{vocab.DATE} ?date }}
  OPTIONAL {{ ?fact civ:{vocab.CONFIDENCE} ?confidence }}
  OPTIONAL {{ ?fact prov:wasDerivedFrom ?article . ?article schema:url ?url }}
}}"""
)
_ENTITIES_QUERY = (
    vocab.sparql_prefixes()
    + f"""
SELECT ?entity ?type (MIN(STR(?sub)) AS ?subtype) (MIN(STR(?name)) AS ?label)
       (GROUP_CONCAT(DISTINCT STR(?alias); separator="\\u001F") AS ?aliases) WHERE {{
  VALUES ?type {{ {" ".join(f"civ:{t}" for t in vocab.TOP_TYPES)} }}
  ?entity a ?type .
  OPTIONAL {{ ?entity rdfs:label ?name }}
  OPTIONAL {{ VALUES ?sub {{ {
        " ".join(f"civ:{t}" for t in vocab.ENTITY_CLASSES if t not in vocab.TOP_TYPES)
    } }} ?entity a ?sub }}
  OPTIONAL {{ ?entity skos:altLabel ?alias }}
}} GROUP BY ?entity ?type"""
)


@dataclass(frozen=True)
class ViewNode:
    """An entity as drawn: ``degree`` counts the facts it takes part in."""

    id: str
    label: str
    type: str
    subtype: str
    aliases: tuple[str, ...]
    degree: int


@dataclass(frozen=True)
class ViewEdge:
    """One fact as drawn: who did what to whom, the sentence that says so, and where it was read."""

    source: str
    target: str
    predicate: str
    evidence: str
    date: str
    article_url: str
    confidence: float | None


def view_data(store: pyoxigraph.Store) -> tuple[list[ViewNode], list[ViewEdge]]:
    """Every entity and one edge per fact in ``store``, sorted; entities without facts are kept.

    >>> view_data(pyoxigraph.Store())
    ([], [])
    """
    edges = sorted(
        (
            ViewEdge(
                s["agent"].value,
                s["counterpart"].value,
                s["relation"].value.removeprefix(vocab.CIV),
                _text(s["evidence"]),
                _text(s["date"]),
                _text(s["url"]),
                float(s["confidence"].value) if s["confidence"] else None,
            )
            for s in store.query(_FACTS_QUERY, use_default_graph_as_union=True)
        ),
        key=lambda e: (e.source, e.predicate, e.target, e.date, e.article_url, e.evidence),
    )
    degree = Counter(e.source for e in edges) + Counter(e.target for e in edges)
    nodes: dict[str, ViewNode] = {}
    for s in store.query(_ENTITIES_QUERY, use_default_graph_as_union=True):
        iri, label = s["entity"].value, _text(s["label"]) or s["entity"].value.rsplit("/", 1)[-1]
        aliases = {a for a in _text(s["aliases"]).split(ALIAS_SEPARATOR) if a and a != label}
        node = ViewNode(
            iri,
            label,
            s["type"].value.removeprefix(vocab.CIV),
            _text(s["subtype"]).removeprefix(vocab.CIV),
            tuple(sorted(aliases)),
            degree[iri],
        )
        nodes[iri] = min(node, nodes.get(iri, node), key=lambda n: (n.type, n.subtype))
    for iri in degree.keys() - nodes.keys():  # a fact's party the store gives no type or label
        nodes[iri] = ViewNode(iri, iri.rsplit("/", 1)[-1], "", "", (), degree[iri])
    return sorted(nodes.values(), key=lambda n: n.id), edges


def render_html(nodes: list[ViewNode], edges: list[ViewEdge], *, title: str = "civic-kg") -> str:
    """A self-contained HTML page (it loads nothing over the network) showing the graph.

    Facts with the same parties and predicate (either direction for symmetric predicates) are
    drawn as one edge whose tooltip lists every fact's evidence, date and article.

    >>> page = render_html([ViewNode("x", "Bornova", "Place", "District", (), 0)], [])
    >>> "Bornova" in page and "https://cdn" not in page
    True
    """
    groups: dict[tuple[str, str, str], list[ViewEdge]] = {}
    for edge in edges:
        groups.setdefault(_edge_key(edge), []).append(edge)
    large = len(nodes) > LAYOUT_THRESHOLD
    positions = _layout(nodes, groups) if large else {}
    net = Network(height="760px", width="100%", cdn_resources="in_line")
    # Filled directly: add_node/add_edge check membership in lists, quadratic for big graphs.
    net.nodes = [_vis_node(n, positions.get(n.id)) for n in nodes]
    net.edges = [_vis_edge(i, key, facts) for i, (key, facts) in enumerate(groups.items())]
    net.options = {
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS},
        },
        "interaction": {"hover": True, "tooltipDelay": 150},
        "edges": {
            "font": {"size": 10, "align": "middle"},
            "smooth": {"enabled": not large, "type": "dynamic"},
        },
    }
    head, body, rest = _strip_remote_resources(net.generate_html()).partition("<body>")
    if not body or "</body>" not in rest:
        raise KgError("the pyvis page template has changed: no <body> to put the legend in")
    main, _, tail = rest.rpartition("</body>")
    head = head.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>{_STYLE}", 1)
    legend = _legend(nodes, edges, title)
    return f"<!DOCTYPE html>\n{head}<body>{legend}{main}{_SCRIPT}</body>{tail}"


def write_html(html: str, path: str | os.PathLike[str]) -> None:
    """Write ``html`` to ``path`` atomically: readers see the old page or the new, never half."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a page is meant to be shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _text(term) -> str:
    return term.value if term is not None else ""


def _edge_key(edge: ViewEdge) -> tuple[str, str, str]:
    if edge.predicate in vocab.SYMMETRIC_PREDICATES:
        source, target = sorted((edge.source, edge.target))
        return source, edge.predicate, target
    return edge.source, edge.predicate, edge.target


def _layout(nodes, groups) -> dict[str, tuple[float, float]]:
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in nodes)
    graph.add_edges_from((s, o) for s, _, o in groups)
    try:
        positions = nx.spring_layout(graph, seed=LAYOUT_SEED)
    except ImportError as e:
        raise KgError(
            f"laying out more than {LAYOUT_THRESHOLD} entities needs numpy and scipy "
            "(pip install numpy scipy)"
        ) from e
    scale = 60 * math.sqrt(len(nodes))  # vis pixels, so nodes keep roughly constant spacing
    return {iri: (float(x) * scale, float(y) * scale) for iri, (x, y) in positions.items()}


def _vis_node(node: ViewNode, position) -> dict:
    kinds = " › ".join(filter(None, (node.type, node.subtype))) or "entity"
    lines = [f"<b>{html.escape(node.label)}</b>", html.escape(kinds)]
    if node.aliases:
        lines.append("also: " + html.escape(", ".join(node.aliases)))
    lines.append(f"{node.degree} fact(s)")
    item = {
        "id": node.id,
        "label": node.label,
        "shape": SHAPES.get(node.type, ("dot",))[0],
        "color": TYPE_COLOURS.get(node.subtype or node.type, "#97c2fc"),
        "size": 10 + 4 * math.sqrt(node.degree),
        "tooltip": "<br>".join(lines),
        "type": node.type,
        "subtype": node.subtype,
    }
    if position:
        item["x"], item["y"] = position
    return item


def _vis_edge(index: int, key: tuple[str, str, str], facts: list[ViewEdge]) -> dict:
    source, predicate, target = key
    return {
        "id": f"e{index}",
        "from": source,
        "to": target,
        "label": predicate,
        "color": PREDICATE_COLOURS.get(predicate, "#848484"),
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


def _legend(nodes: list[ViewNode], edges: list[ViewEdge], title: str) -> str:
    shapes = {n.subtype or n.type: SHAPES.get(n.type, ("", "●"))[1] for n in nodes}
    types = "".join(
        f'<span class="civic-kg-key"><span style="color:{TYPE_COLOURS.get(kind, "#97c2fc")}">'
        f"{shapes[kind]}</span> {html.escape(kind or 'entity')}</span>"
        for kind in sorted(shapes, key=lambda k: (_rank(k, vocab.ENTITY_CLASSES), k))
    )
    used = sorted({e.predicate for e in edges}, key=lambda p: (_rank(p, vocab.PREDICATES), p))
    predicates = "".join(
        f'<span class="civic-kg-key"><span class="civic-kg-line" style="background:'
        f'{PREDICATE_COLOURS.get(p, "#848484")}"></span> {html.escape(p)}</span>'
        for p in used
    )
    return (
        f'\n<header id="civic-kg-header"><h1>{html.escape(title)}</h1>'
        f"<p>{len(nodes)} entities, {len(edges)} facts</p>"
        f'<div id="civic-kg-legend"><div><b>Types</b> {types}</div>'
        f"<div><b>Relations</b> {predicates}</div></div></header>\n"
    )


def _rank(name: str, order: tuple[str, ...]) -> int:
    return order.index(name) if name in order else len(order)


class _RemoteResources(HTMLParser):
    """Collects the <script src> and <link href> tags that would load over the network."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        url = dict(attrs).get({"script": "src", "link": "href"}.get(tag, "")) or ""
        if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
            self.tags.append(self.get_starttag_text() + ("</script>" if tag == "script" else ""))


def _strip_remote_resources(page: str) -> str:
    # pyvis links bootstrap from a CDN even with cdn_resources="in_line"; the page needs none of it.
    finder = _RemoteResources()
    finder.feed(page)
    finder.close()
    for tag in finder.tags:
        page = page.replace(tag, "")
    return page


_STYLE = """<style>
  body { font-family: system-ui, sans-serif; margin: 0.5em; }
  #civic-kg-header h1 { font-size: 1.3em; margin: 0.2em 0; }
  #civic-kg-header p, #civic-kg-legend div { margin: 0.2em 0; line-height: 1.6; }
  .civic-kg-key { margin-right: 0.9em; white-space: nowrap; }
  .civic-kg-line { display: inline-block; width: 1.4em; height: 0.25em; vertical-align: middle; }
  .civic-kg-tooltip { max-width: 32em; white-space: normal; }
</style>"""

# vis-network shows a string title as plain text, so the HTML tooltips (escaped in Python) become
# elements here. pyvis declares `var network` at the top level: it is already window.network.
_SCRIPT = """
<script type="text/javascript">
  [network.body.data.nodes, network.body.data.edges].forEach(function (items) {
    items.update(items.get().map(function (item) {
      var box = document.createElement("div");
      box.className = "civic-kg-tooltip";
      box.innerHTML = item.tooltip;
      return {id: item.id, title: box};
    }));
  });
  network.once("afterDrawing", function () { document.body.dataset.civicKgReady = "true"; });
</script>
"""
