"""Static figures of a view for papers: PNG or SVG drawn with networkx and matplotlib, no display."""

from __future__ import annotations

import io
import math
import os
from collections import Counter
from pathlib import Path

import networkx as nx

from kg import vocab
from kg.errors import KgError
from kg.views.model import ViewEdge, ViewNode
from kg.views.style import (
    group_edges,
    legend_kinds,
    legend_predicates,
    node_colour,
    node_positions,
    node_radius,
    node_shape,
    predicate_colour,
)

FIGURE_FORMATS = ("png", "svg")
FIGURE_SIZE = (10.0, 7.0)  # inches: a page-wide figure
DPI = 200  # PNG: 2000 x 1400 pixels
LABELLED = 30  # at most this many names, tried on the nodes with most facts first
LABEL_PLACES = (  # where a name may go: above, below, right or left of its node
    (0, 1, "center", "bottom"),
    (0, -1, "center", "top"),
    (1, 0, "left", "center"),
    (-1, 0, "right", "center"),
)
ARROWS_UP_TO = 400  # edges: beyond, arrowheads are clutter (and one matplotlib patch each)


def figure_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """``fmt`` checked, or the format ``path``'s suffix names; a KgError names the fix.

    >>> figure_format("sekil.SVG")
    'svg'
    """
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FIGURE_FORMATS:
        raise KgError(
            f"unknown figure format {chosen or Path(path).name!r}: use png or svg "
            "(--format png, or a file name ending in .png or .svg)"
        )
    return chosen


def render_figure(
    nodes: list[ViewNode],
    edges: list[ViewEdge],
    fmt: str,
    *,
    title: str = "civic-kg",
    subtitle: str = "",
) -> bytes:
    """The view as a PNG or SVG figure: nodes coloured and shaped by type (the page's colours),
    sized by facts, edges coloured by predicate, a legend, and names on the nodes with most facts
    where they fit without covering another name. Entities without facts are left out.

    The layout is ``kg.views.layout``'s (seeded) and the SVG carries no date, so the same view gives the
    same file.

    >>> render_figure([ViewNode("x", "Bornova", "Place", "District", (), 0)], [], "svg")[:5]
    b'<?xml'
    """
    fmt = figure_format(f"figure.{fmt}")
    try:
        from matplotlib import rc_context
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError as e:
        raise KgError("figures need matplotlib: pip install 'matplotlib>=3.7'") from e

    with rc_context({"svg.hashsalt": "civic-kg", "svg.fonttype": "none"}):
        figure = Figure(
            figsize=FIGURE_SIZE, dpi=DPI, layout="constrained"
        )  # no pyplot: no display, no state
        FigureCanvasAgg(figure)  # measures the names (savefig draws SVG with its own canvas)
        ax = figure.add_subplot()
        ax.set_axis_off()
        figure.suptitle(title, fontsize=12)
        if subtitle:
            ax.set_title(subtitle, fontsize=9, color="#555")
        joined = _joined(nodes, edges)
        if joined:
            pos = _draw(ax, joined, edges)
        else:
            ax.text(0.5, 0.5, _nothing_drawn(nodes), ha="center", va="center", color="#777")
        _legend(figure, joined, edges, Line2D)
        if joined:
            _name(figure, ax, joined, pos)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else None
        figure.savefig(out, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return out.getvalue()


def _joined(nodes: list[ViewNode], edges: list[ViewEdge]) -> list[ViewNode]:
    """The nodes some drawn edge touches: entities without facts would only crowd a figure."""
    ids = {n.id for n in nodes}
    ends = {
        end for e in edges if e.source in ids and e.target in ids for end in (e.source, e.target)
    }
    return [n for n in nodes if n.id in ends]


def _nothing_drawn(nodes: list[ViewNode]) -> str:
    if not nodes:
        return "no entity matches"
    return f"no facts between the {len(nodes)} entities that match"


def _draw(ax, nodes: list[ViewNode], edges: list[ViewEdge]) -> dict[str, tuple[float, float]]:
    """Nodes and edges; the positions drawn."""
    pos = node_positions(nodes, edges)
    graph = nx.DiGraph()
    graph.add_nodes_from(pos)
    groups = group_edges(e for e in edges if e.source in pos and e.target in pos)
    scale = _crowding(len(nodes))
    size = {n.id: (node_radius(n) * scale) ** 2 for n in nodes}  # points²
    for shape in sorted({node_shape(n)[1] for n in nodes}):
        same = [n for n in nodes if node_shape(n)[1] == shape]
        nx.draw_networkx_nodes(
            graph,
            pos,
            nodelist=[n.id for n in same],
            node_color=[node_colour(n) for n in same],
            node_size=[size[n.id] for n in same],
            node_shape=shape,
            linewidths=0.3 * scale,
            edgecolors="#333",
            ax=ax,
        )
    arrows = len(groups) <= ARROWS_UP_TO
    for (symmetric, bend), keys in _edge_batches(groups, curved=arrows).items():
        heads = {  # arrowheads stop at the target node's edge; parallel edges bend apart
            "arrowstyle": "-" if symmetric else "-|>",
            "arrowsize": 8,
            "nodelist": list(pos),
            "node_size": [size[i] for i in pos],
            "connectionstyle": f"arc3,rad={bend}",
        }
        nx.draw_networkx_edges(
            graph,
            pos,
            edgelist=[(s, o) for s, _, o in keys],
            edge_color=[predicate_colour(p) for _, p, _ in keys],
            width=[scale * (0.8 + math.log2(len(groups[k]))) for k in keys],
            arrows=arrows,
            alpha=0.8,
            ax=ax,
            **(heads if arrows else {}),
        )
    ax.margins(x=0.12, y=0.05)
    ax.set_aspect("equal")
    return pos


def _name(figure, ax, nodes: list[ViewNode], pos: dict[str, tuple[float, float]]) -> None:
    """Names on the nodes with most facts, each beside its node where it covers no other name.

    The figure's layout is settled first and then frozen, so the boxes measured here are where the
    names are drawn.
    """
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    renderer = figure.canvas.get_renderer()
    inside = figure.bbox
    scale = _crowding(len(nodes))
    taken: list = []
    for node in sorted(nodes, key=lambda n: (-n.degree, n.label, n.id))[:LABELLED]:
        away = node_radius(node) * scale / 2 + 1  # points: past the marker (radius in points)
        for dx, dy, ha, va in LABEL_PLACES:
            label = ax.annotate(
                node.label,
                pos[node.id],
                xytext=(dx * away, dy * away),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=7 if len(nodes) <= LABELLED else 6,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
                annotation_clip=False,  # a name may run past the outermost node
            )
            box = label.get_window_extent(renderer)
            fits = inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
            if fits and not any(box.overlaps(other) for other in taken):
                taken.append(box)
                break
            label.remove()


def _crowding(count: int) -> float:
    """How much smaller nodes and thinner lines are drawn when there are many."""
    return min(1.0, 6 / math.sqrt(count))


def _edge_batches(
    groups: dict[tuple[str, str, str], list[ViewEdge]], *, curved: bool
) -> dict[tuple[bool, float], list[tuple[str, str, str]]]:
    """Drawn edges by (symmetric, bend): the k-th edge between two nodes bends by k steps, so
    parallel edges do not hide each other (all straight when not ``curved``)."""
    batches: dict[tuple[bool, float], list[tuple[str, str, str]]] = {}
    seen: Counter[frozenset[str]] = Counter()
    for key in groups:
        source, predicate, target = key
        rank = seen[frozenset((source, target))]
        seen[frozenset((source, target))] += 1
        bend = round(0.15 * rank, 2) if curved else 0.0
        batches.setdefault((predicate in vocab.SYMMETRIC_PREDICATES, bend), []).append(key)
    return dict(sorted(batches.items()))


def _legend(figure, nodes: list[ViewNode], edges: list[ViewEdge], line) -> None:
    types = [
        line(
            [],
            [],
            marker=node_shape(node)[1],
            color=node_colour(node),
            linestyle="",
            label=kind or "entity",
        )
        for kind, node in legend_kinds(nodes)
    ]
    predicates = [
        line([], [], color=predicate_colour(p), linewidth=2, label=p)
        for p in legend_predicates(edges)
    ]
    for handles, title, where in ((types, "Types", "upper"), (predicates, "Relations", "lower")):
        if handles:
            figure.legend(
                handles=handles,
                title=title,
                loc=f"outside right {where}",
                fontsize=7,
                title_fontsize=8,
                frameon=False,
            )
