"""What the HTML page and the static figure draw alike: colours, shapes and sizes, legend order, edges."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from itertools import cycle
from pathlib import Path

import numpy as np

from kg import vocab
from kg.store.files import atomic_write
from kg.views import layout
from kg.views.model import ViewEdge, ViewNode

PIXELS_PER_UNIT = 80  # a laid-out edge of length 1 is this long on the page at zoom 1
UNKNOWN_COLOUR = "#97c2fc"  # an entity the store gives no type
UNKNOWN_PREDICATE_COLOUR = "#848484"

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
# How each top type is drawn: vis-network shape, matplotlib marker, legend glyph.
SHAPES = {
    "Person": ("dot", "o", "●"),
    "Organization": ("square", "s", "■"),
    "Place": ("triangle", "^", "▲"),
}
UNKNOWN_SHAPE = ("dot", "o", "●")


def node_kind(node: ViewNode) -> str:
    """The class a node is coloured by: its subtype when known, else its top type ("" if none).

    >>> node_kind(ViewNode("x", "Bornova", "Place", "District", (), 0))
    'District'
    """
    return node.subtype or node.type


def node_colour(node: ViewNode) -> str:
    """The colour of a node, by its subtype or else its top type."""
    return TYPE_COLOURS.get(node_kind(node), UNKNOWN_COLOUR)


def node_shape(node: ViewNode) -> tuple[str, str, str]:
    """(vis-network shape, matplotlib marker, legend glyph) of a node, by its top type."""
    return SHAPES.get(node.type, UNKNOWN_SHAPE)


def predicate_colour(predicate: str) -> str:
    """The colour of a predicate's edges."""
    return PREDICATE_COLOURS.get(predicate, UNKNOWN_PREDICATE_COLOUR)


def node_radius(node: ViewNode) -> float:
    """Drawn size grows with the square root of the facts a node takes part in (capped for hubs).

    >>> node_radius(ViewNode("x", "İzmir", "Place", "Province", (), 4))
    18.0
    """
    return min(10 + 4 * math.sqrt(node.degree), 50.0)


def legend_kinds(nodes: Iterable[ViewNode]) -> list[tuple[str, ViewNode]]:
    """One example node per colour class shown, in vocabulary order, for a legend."""
    first: dict[str, ViewNode] = {}
    for node in nodes:
        first.setdefault(node_kind(node), node)
    return sorted(first.items(), key=lambda item: (_rank(item[0], vocab.ENTITY_CLASSES), item[0]))


def legend_predicates(edges: Iterable[ViewEdge]) -> list[str]:
    """The predicates shown, in vocabulary order, for a legend."""
    return sorted({e.predicate for e in edges}, key=lambda p: (_rank(p, vocab.PREDICATES), p))


def edge_key(edge: ViewEdge) -> tuple[str, str, str]:
    """(source, predicate, target) with a symmetric predicate's parties in sorted order: one drawn edge.

    >>> edge_key(ViewEdge("b", "a", "metWith", "", "", "", None))
    ('a', 'metWith', 'b')
    """
    if edge.predicate in vocab.SYMMETRIC_PREDICATES:
        source, target = sorted((edge.source, edge.target))
        return source, edge.predicate, target
    return edge.source, edge.predicate, edge.target


def group_edges(edges: Iterable[ViewEdge]) -> dict[tuple[str, str, str], list[ViewEdge]]:
    """Facts with the same parties and predicate, drawn as one edge, in first-seen order."""
    groups: dict[tuple[str, str, str], list[ViewEdge]] = {}
    for edge in edges:
        groups.setdefault(edge_key(edge), []).append(edge)
    return groups


def node_positions(
    nodes: list[ViewNode], edges: Iterable[ViewEdge], *, seed: int = layout.LAYOUT_SEED
) -> dict[str, tuple[float, float]]:
    """Each node's (x, y) from ``kg.views.layout``, one edge about 1 long; edges to unknown nodes are ignored.

    Nodes drawn at their page size (``node_radius`` pixels, ``PIXELS_PER_UNIT`` to a unit) do not
    overlap; entities without facts lie in rows under the rest.

    >>> nodes = [ViewNode(i, i, "Person", "", (), 1) for i in "ab"]
    >>> sorted(node_positions(nodes, [ViewEdge("a", "b", "metWith", "", "", "", None)]))
    ['a', 'b']
    """
    index = {n.id: i for i, n in enumerate(nodes)}
    pairs = [(index[s], index[o]) for s, _, o in group_edges(edges) if s in index and o in index]
    radius = np.array([node_radius(n) for n in nodes]) / PIXELS_PER_UNIT
    xy = layout.positions(
        len(nodes), np.array(pairs, dtype=np.int64).reshape(-1, 2), radius=radius, seed=seed
    )
    return {n.id: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def write_file(content: str | bytes, path: str | os.PathLike[str]) -> Path:
    """Write a page or figure to ``path`` atomically: readers see the old file or the new, never half."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return atomic_write(Path(path), lambda out: out.write(data))


def _rank(name: str, order: tuple[str, ...]) -> int:
    return order.index(name) if name in order else len(order)
