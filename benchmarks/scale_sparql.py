"""The SPARQL side of the scale benchmark: three queries users ask, their anchors, and rdflib's run.

Used by benchmarks/scale.py: the queries run on the union of a built graph, once in an Oxigraph
store and once in an rdflib in-memory Graph (``rdflib_times``, in a child process so its memory
is its own and a query that runs too long can be stopped).
"""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph
import rdflib

from benchmarks.export import peak_rss_kib
from kg import vocab

PREFIXES = f"PREFIX civ: <{vocab.CIV}>\nPREFIX rdfs: <{vocab.RDFS}>\n"
QUERIES = {
    "label lookup": PREFIXES
    + "SELECT DISTINCT ?entity ?type WHERE { ?entity rdfs:label {label} ; a ?type }",
    "most thanked orgs": PREFIXES
    + """SELECT ?org (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?fact) AS ?thanks) WHERE {
  ?fact civ:relation civ:thanked ; civ:counterpart ?org .
  ?org a civ:Organization ; rdfs:label ?name .
} GROUP BY ?org ORDER BY DESC(?thanks) ?org LIMIT 10""",
    "visitors of X's orgs": PREFIXES
    + """SELECT DISTINCT ?visitor ?name WHERE {
  ?head rdfs:label {head} ; civ:headOf ?org .
  ?visitor civ:visited ?org ; rdfs:label ?name .
}""",
}
# The anchors of the queries above, chosen from the data (not timed): the label of the most
# visited organisation, and the name of the head of the most visited organisations.
ANCHORS = {
    "label": PREFIXES
    + """SELECT ?label WHERE { ?v civ:visited ?org . ?org rdfs:label ?label }
GROUP BY ?label ORDER BY DESC(COUNT(?v)) ?label LIMIT 1""",
    "head": PREFIXES
    + """SELECT ?label WHERE { ?head civ:headOf ?org ; rdfs:label ?label . ?v civ:visited ?org }
GROUP BY ?label ORDER BY DESC(COUNT(DISTINCT ?v)) ?label LIMIT 1""",
}


def timed(run: Callable[[], Iterable]) -> tuple[float, int]:
    """Seconds to run and read every result of ``run``, and how many results there were."""
    started = time.perf_counter()
    count = sum(1 for _ in run())
    return time.perf_counter() - started, count


def anchored_queries(store: pyoxigraph.Store) -> dict[str, str]:
    """QUERIES with their anchors filled in from ``store``'s data."""
    anchors = {}
    for name, sparql in ANCHORS.items():
        found = next(iter(store.query(sparql)), None)
        if found is None:
            raise SystemExit(f"the dataset has nothing to anchor the {name} queries on")
        anchors[name] = str(found["label"])  # N-Triples syntax: quoted, escaped, with @tr
    return {
        name: sparql.replace("{label}", anchors["label"]).replace("{head}", anchors["head"])
        for name, sparql in QUERIES.items()
    }


class QueryTimeout(Exception):
    pass


def _stop_query(signum, frame) -> None:
    raise QueryTimeout


def rdflib_times(nt: str, queries_file: str, runs: str, timeout: str) -> dict:
    """rdflib's load and query times; a query is stopped (by SIGALRM, between Python bytecodes:
    rdflib's evaluation is pure Python) after ``timeout`` seconds and not run again."""
    queries = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    started = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(nt, format="nt")
    loaded = time.perf_counter() - started
    timed(lambda: graph.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"))  # rdflib's lazy imports
    signal.signal(signal.SIGALRM, _stop_query)
    results = {}
    for name, sparql in queries.items():
        seconds, rows = [], 0
        for _ in range(int(runs)):
            signal.setitimer(signal.ITIMER_REAL, float(timeout))
            try:
                took, rows = timed(lambda q=sparql: graph.query(q))
            except QueryTimeout:
                seconds = None
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            seconds.append(took)
        results[name] = {"seconds": seconds, "rows": rows}
    return {
        "load_seconds": loaded,
        "triples": len(graph),
        "peak_kib": peak_rss_kib(),
        "queries": results,
    }
