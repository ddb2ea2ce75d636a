"""Node positions of every view, computed in Python so a browser or a figure draws them at once.

Civic graphs are many small components (two or three parties to an event) and one big one. Each
component is laid out on its own and the components are then packed side by side, so no force
ever acts between them; entities without facts go in a compact strip under the rest:

- small components (at most ``SMALL_COMPONENT`` nodes) with Fruchterman-Reingold over all pairs
  of the same component, all components at once in one vectorised loop;
- big components from a PivotMDS start (graph distances to a few pivots, kept in 2D: the
  global shape from one small eigenproblem), refined by Fruchterman-Reingold whose repulsion
  only comes from each node's nearest neighbours (a k-d tree per iteration), so the cost grows
  with n log n, not n².

Nodes are given radii (in the same units) and pushed apart where they would overlap. Units: one
edge is about 1 long. Everything is seeded: the same graph gives the same positions.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse
from scipy.sparse.csgraph import connected_components, shortest_path
from scipy.spatial import cKDTree

LAYOUT_SEED = 42
SMALL_COMPONENT = 100  # up to this many nodes, all pairs repel: at most ~5,000 pairs each
SMALL_ITERATIONS = 50
LARGE_ITERATIONS = 50
PIVOTS = 40  # PivotMDS landmarks: enough for the shape, each costs one BFS
NEIGHBOURS = 10  # a node in a big component is pushed by this many nearest nodes...
CUTOFF = 3.0  # ... that are closer than this
AREA_PER_NODE = 4.0  # the PivotMDS start is scaled to fit a square with this much room per node
SPACING = 1.0  # a big component is scaled so that 3 in 4 nodes have no neighbour closer than this
MARGIN = 1.5  # between packed components
RADIUS = 0.15  # a node's radius when none is given
GAP = 0.25  # the least room between two drawn nodes: a line of the name drawn under one
ALONE_STEP = 1.0  # between the centres of side by side entities without facts, room for a name
UNTANGLE_ROUNDS = 50  # at most this many rounds of pushing overlapping nodes apart


def positions(
    node_count: int,
    edges: np.ndarray,
    *,
    radius: np.ndarray | None = None,
    seed: int = LAYOUT_SEED,
) -> np.ndarray:
    """A ``(node_count, 2)`` array of coordinates for a graph given as index pairs.

    ``edges`` is an ``(m, 2)`` integer array (or anything numpy turns into one); direction,
    repeats and self-loops do not matter. ``radius`` is each node's drawn radius (``RADIUS``
    when not given): nodes of a component are at least ``GAP`` apart, rim to rim.

    >>> xy = positions(3, np.array([[0, 1], [1, 2]]))
    >>> xy.shape, bool(np.isfinite(xy).all())
    ((3, 2), True)
    >>> bool((positions(3, [[0, 1], [1, 2]]) == xy).all())
    True
    """
    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    if node_count == 0:
        return np.zeros((0, 2))
    adjacency = scipy.sparse.coo_array(
        (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(node_count, node_count)
    ).tocsr()
    count, label = connected_components(adjacency, directed=False)
    order = np.argsort(label, kind="stable")
    members = np.split(order, np.cumsum(np.bincount(label, minlength=count))[:-1])
    rng = np.random.default_rng(seed)
    xy = np.zeros((node_count, 2))
    small = [m for m in members if 1 < len(m) <= SMALL_COMPONENT]
    if small:
        xy = _small_components(xy, small, pairs, rng)
    for m in members:
        if len(m) > SMALL_COMPONENT:
            xy[m] = _large_component(_subgraph(m, pairs, node_count), len(m), rng)
    radius = np.full(node_count, RADIUS) if radius is None else np.asarray(radius, dtype=float)
    xy = _untangle(xy, label, radius)
    connected = [m for m in members if len(m) > 1]
    alone = np.sort(np.concatenate([m for m in members if len(m) == 1] or [np.zeros(0, int)]))
    if connected:
        xy = _pack(xy, connected, radius)
    return _line_up(xy, alone, radius, below=np.concatenate(connected) if connected else alone[:0])


def _subgraph(members: np.ndarray, pairs: np.ndarray, node_count: int) -> np.ndarray:
    index = np.full(node_count, -1)
    index[members] = np.arange(len(members))
    return index[pairs[index[pairs[:, 0]] >= 0]]


def _small_components(
    xy: np.ndarray, members: list[np.ndarray], pairs: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    within = np.concatenate([_all_pairs(m) for m in members])
    size = np.zeros(len(xy))  # of each node's component; 0 for nodes laid out elsewhere
    for m in members:
        size[m] = len(m)
    side = np.sqrt(size)[:, None]
    start = rng.random(xy.shape) * side  # components overlap here: only their own pairs repel
    edges = pairs[size[pairs[:, 0]] > 0]
    return _fruchterman_reingold(start, edges, lambda _: within, SMALL_ITERATIONS, side[:, 0] / 4)


def _all_pairs(members: np.ndarray) -> np.ndarray:
    i, j = np.triu_indices(len(members), 1)
    return np.column_stack([members[i], members[j]])


def _large_component(pairs: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    start = _pivot_mds(pairs, n)
    start *= np.sqrt(n * AREA_PER_NODE) / max(float(np.ptp(start, axis=0).max()), 1e-9)
    start += rng.normal(0.0, 0.3, start.shape)  # nodes at the same graph distances part ways
    k = min(NEIGHBOURS, n - 1)
    rows = np.repeat(np.arange(n), k)

    def nearest(xy: np.ndarray) -> np.ndarray:
        _, near = cKDTree(xy).query(xy, k=k + 1, distance_upper_bound=CUTOFF)
        near = near[:, 1:].ravel()
        found = near < n  # missing neighbours come back as n
        return np.column_stack([rows[found], near[found]])

    xy = _fruchterman_reingold(start, pairs, nearest, LARGE_ITERATIONS, np.ones(n), one_way=True)
    # Truncated repulsion leaves a big component denser than a small one: scale it so that
    # nodes have as much room as in the small ones (most nearest neighbours at least SPACING away).
    closest = cKDTree(xy).query(xy, k=2)[0][:, 1]
    return xy * (SPACING / max(float(np.percentile(closest, 25)), 1e-9))


def _pivot_mds(pairs: np.ndarray, n: int) -> np.ndarray:
    """Brandes & Pich's PivotMDS: classical MDS of the BFS distances to max-min spread pivots."""
    adjacency = scipy.sparse.coo_array(
        (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n)
    ).tocsr()
    adjacency = adjacency + adjacency.T
    pivot = int(np.argmax(np.diff(adjacency.indptr)))  # the best connected node
    nearest = np.full(n, np.inf)
    columns = []
    for _ in range(min(PIVOTS, n)):
        distance = shortest_path(adjacency, method="D", unweighted=True, indices=pivot)
        columns.append(distance)
        nearest = np.minimum(nearest, distance)
        pivot = int(np.argmax(nearest))
    squared = np.column_stack(columns) ** 2
    centred = -0.5 * (squared - squared.mean(0) - squared.mean(1)[:, None] + squared.mean())
    # The top two right singular vectors, from the small pivots x pivots matrix (a full SVD of
    # the tall one costs a hundred times more).
    _, vectors = np.linalg.eigh(centred.T @ centred)
    xy = centred @ vectors[:, [-1, -2]]
    # an eigenvector's sign is arbitrary: fix it so that every machine gives the same layout
    return xy * np.where(xy[np.abs(xy).argmax(0), [0, 1]] < 0, -1.0, 1.0)


def _fruchterman_reingold(
    xy: np.ndarray,
    edges: np.ndarray,
    repelling,
    iterations: int,
    step: np.ndarray,
    *,
    one_way: bool = False,
) -> np.ndarray:
    """Move nodes by attraction along ``edges`` (d²) and repulsion between ``repelling(xy)`` pairs (1/d).

    ``step`` is each node's largest first move; it cools linearly to 0. With ``one_way`` a pair
    (i, j) pushes i only (nearest-neighbour lists hold both directions already).
    """
    xy = xy.copy()
    n = len(xy)
    source, target = edges[:, 0], edges[:, 1]
    for iteration in range(iterations):
        pairs = repelling(xy)
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[i] - xy[j]
        force = delta / np.maximum(np.einsum("ij,ij->i", delta, delta), 1e-4)[:, None]
        move = np.column_stack([np.bincount(i, force[:, a], n) for a in (0, 1)])
        if not one_way:
            move -= np.column_stack([np.bincount(j, force[:, a], n) for a in (0, 1)])
        delta = xy[source] - xy[target]
        force = delta * np.sqrt(np.einsum("ij,ij->i", delta, delta))[:, None]
        for a in (0, 1):
            move[:, a] -= np.bincount(source, force[:, a], n) - np.bincount(target, force[:, a], n)
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", move, move)), 1e-9)
        limit = step * (1 - iteration / iterations)
        xy += move * (np.minimum(length, limit) / length)[:, None]
    return xy


def _untangle(xy: np.ndarray, component: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """Push apart the nodes of a component that are closer than their radii and ``GAP`` allow.

    Components still lie on top of each other here: a third coordinate, far apart for different
    components, keeps one component's nodes from pushing another's.
    """
    xy = xy.copy()
    reach = 2 * float(radius.max(initial=0.0)) + GAP
    apart = np.column_stack([xy, component * 2 * reach])
    for _ in range(UNTANGLE_ROUNDS):
        apart[:, :2] = xy
        pairs = cKDTree(apart).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[i] - xy[j]
        distance = np.sqrt(np.einsum("ij,ij->i", delta, delta))
        short = radius[i] + radius[j] + GAP - distance
        keep = short > 1e-9
        if not keep.any():
            break
        i, j, delta, distance, short = i[keep], j[keep], delta[keep], distance[keep], short[keep]
        # nodes in the same place part along a direction fixed by their indices: deterministic
        same = distance < 1e-9
        angle = (i[same] * 7 + j[same] * 13) % 360 * np.pi / 180
        delta[same] = np.column_stack([np.cos(angle), np.sin(angle)])
        distance[same] = 1.0
        push = delta * (short / distance / 2)[:, None]
        n = len(xy)
        for a in (0, 1):
            xy[:, a] += np.bincount(i, push[:, a], n) - np.bincount(j, push[:, a], n)
    return xy


def _line_up(
    xy: np.ndarray, alone: np.ndarray, radius: np.ndarray, below: np.ndarray
) -> np.ndarray:
    """Nodes without edges in rows under the others (centred), as close as their names allow."""
    if not len(alone):
        return xy
    step = max(2 * float(radius[alone].max()) + GAP, ALONE_STEP)
    row = 2 * float(radius[alone].max()) + GAP
    if len(below):
        low = (xy[below] - radius[below, None]).min(0)
        high = (xy[below] + radius[below, None]).max(0)
    else:
        low = high = np.zeros(2)
    columns = max(int((high[0] - low[0]) / step) + 1, int(np.ceil(np.sqrt(len(alone)))))
    columns = min(columns, len(alone))
    k = np.arange(len(alone))
    xy = xy.copy()
    xy[alone, 0] = (low[0] + high[0]) / 2 + (k % columns - (columns - 1) / 2) * step
    xy[alone, 1] = high[1] + (MARGIN if len(below) else 0.0) + row / 2 + (k // columns) * row
    return xy - (xy.min(0) + xy.max(0)) / 2


def _pack(xy: np.ndarray, members: list[np.ndarray], radius: np.ndarray) -> np.ndarray:
    """The biggest component on the left, the others in rows in a square-ish block on its right."""
    low = [(xy[m] - radius[m, None]).min(0) for m in members]
    size = [(xy[m] + radius[m, None]).max(0) - low[c] + MARGIN for c, m in enumerate(members)]
    biggest, *rest = sorted(range(len(members)), key=lambda c: (-len(members[c]), c))
    out = xy.copy()
    out[members[biggest]] = xy[members[biggest]] - low[biggest]
    if rest:
        rest.sort(key=lambda c: (-size[c][1], -len(members[c]), c))
        width = max(
            max(size[c][0] for c in rest), np.sqrt(sum(size[c][0] * size[c][1] for c in rest))
        )
        x = y = row = 0.0
        corner = {}
        for c in rest:
            if x + size[c][0] > width and x > 0:
                x, y, row = 0.0, y + row, 0.0
            corner[c] = (x, y)
            x, row = x + size[c][0], max(row, size[c][1])
        top = (size[biggest][1] - (y + row)) / 2
        for c, (x, y) in corner.items():
            out[members[c]] = xy[members[c]] - low[c] + (size[biggest][0] + x, top + y)
    return out
