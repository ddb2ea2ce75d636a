"""The graph as a networkx MultiDiGraph (entities and facts), and GEXF/GraphML files of it for Gephi."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from kg.store.files import atomic_write

LIST_SEPARATOR = "; "
Attribute = str | int | float | bool

# Characters XML 1.0 cannot hold: GEXF and GraphML writers would fail on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def network(entities: pd.DataFrame, facts: pd.DataFrame, *, name: str = "") -> nx.MultiDiGraph:
    """A MultiDiGraph from ``KnowledgeGraph.entities()`` and ``.facts()`` frames.

    Nodes are entity IRIs with ``label``, ``type``, ``subtype``, ``aliases`` (joined by "; "),
    ``mentions`` and ``articles``; edges go from a fact's subject to its object, keyed by the
    fact's IRI, with ``label`` and ``predicate`` (the predicate's local name), ``date``
    (YYYY-MM-DD), ``confidence``, ``evidence``, ``article``, ``url`` and ``outlet``. Text that is
    unknown is "", a number that is unknown is left out: no attribute is ever None.

    >>> entities = pd.DataFrame({"iri": ["urn:a", "urn:b"], "name": ["Ali Kaya", "Bornova"],
    ...     "type": ["Person", "Place"], "subtype": [None, "District"], "aliases": [["Kaya"], []],
    ...     "mentions": [2, 1], "articles": [1, 1]})
    >>> g = network(entities, pd.DataFrame(columns=["fact", "subject", "object"]))
    >>> dict(g.nodes["urn:a"])
    {'label': 'Ali Kaya', 'type': 'Person', 'subtype': '', 'aliases': 'Kaya', 'mentions': 2, 'articles': 1}
    """
    graph = nx.MultiDiGraph(name=name)
    for e in entities.itertuples(index=False):
        graph.add_node(
            e.iri,
            label=_text(e.name),
            type=_text(e.type),
            subtype=_text(e.subtype),
            aliases=LIST_SEPARATOR.join(e.aliases),
            mentions=int(e.mentions),
            articles=int(e.articles),
        )
    for f in facts.itertuples(index=False):
        for party, label in ((f.subject, f.subject_label), (f.object, f.object_label)):
            if party not in graph:  # a party the store gives no type (a hand-made graph)
                graph.add_node(party, label=_text(label) or party.rsplit("/", 1)[-1])
        graph.add_edge(
            f.subject,
            f.object,
            key=f.fact,
            **_present(
                label=_text(f.predicate),
                predicate=_text(f.predicate),
                date=f.date.date().isoformat() if not pd.isna(f.date) else "",
                confidence=float(f.confidence),
                evidence=_text(f.evidence),
                article=_text(f.article),
                url=_text(f.url),
                outlet=_text(f.outlet),
            ),
        )
    return graph


def sanitised(graph: nx.Graph) -> nx.Graph:
    """A copy whose graph, node and edge attributes are all str, int, float or bool, as GEXF and
    GraphML need: None and NaN are left out, lists joined by "; ", dates written as ISO text,
    numpy and pandas scalars made Python ones, anything else its ``str``.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", tags=["dernek", "konsey"], score=np.float64(0.5), note=None)
    >>> dict(sanitised(g).nodes["a"])
    {'tags': 'dernek; konsey', 'score': 0.5}
    """
    clean = graph.copy()
    attribute_dicts = [clean.graph, *(d for _, d in clean.nodes(data=True))]
    attribute_dicts += [d for *_, d in clean.edges(data=True)]
    for attributes in attribute_dicts:
        values = {key: attribute(value) for key, value in attributes.items()}
        attributes.clear()
        attributes.update({str(k): v for k, v in values.items() if v is not None})
    return clean


def attribute(value: object) -> Attribute | None:
    """A value GEXF and GraphML can hold, or None for a missing one.

    >>> attribute(("İzmir", "Manisa")), attribute(float("nan")), attribute(pd.Timestamp("2024-03-01"))
    ('İzmir; Manisa', None, '2024-03-01')
    """
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | int | str):
        return _NOT_XML.sub("", value) if isinstance(value, str) else value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        parts = (attribute(v) for v in value)
        return LIST_SEPARATOR.join(str(p) for p in parts if p is not None)
    return _NOT_XML.sub("", str(value))


def write_gexf(graph: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` as GEXF 1.2 (Gephi's format), attributes sanitised, atomically."""
    return _write(nx.write_gexf, graph, path)


def write_graphml(graph: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` as GraphML, attributes sanitised, atomically."""
    return _write(nx.write_graphml, graph, path)


def _write(writer: Callable, graph: nx.Graph, path: str | os.PathLike[str]) -> Path:
    clean = sanitised(graph)
    return atomic_write(Path(path), lambda f: writer(clean, f))


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _present(**attributes: Attribute) -> dict[str, Attribute]:
    """The attributes that have a value (a NaN confidence is left out rather than written)."""
    return {k: v for k, v in attributes.items() if not (isinstance(v, float) and math.isnan(v))}
