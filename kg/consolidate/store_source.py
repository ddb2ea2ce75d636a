"""What consolidation reads from the store: the facts, labels and merged-graph quads of a chunk of
entities or of pairs of parties, and what given article graphs name. ``kg.consolidate.scratch_rows`` answers the
same questions for a first build, from the rows it kept while writing.

Oxigraph joins triple patterns in the order they are written, so each query starts from what is
bound and most selective; the comments say what the other shapes cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from sys import intern

from pyoxigraph import Quad

from kg import vocab
from kg.consolidate import rules as merge
from kg.dates import day_or_none
from kg.iteration import batches
from kg.query.sparql import MERGED, TOP_TYPES_IN, civ_terms, iri_pairs, iris
from kg.rdf import encode as rdf
from kg.store.embedded import EmbeddedStore

HEAD_OF = "headOf"
GRAPHS_PER_QUERY = 250


def entities_in(store: EmbeddedStore, graphs: Iterable[str]) -> set[str]:
    """The IRIs of the entities that the given article graphs name."""
    found: set[str] = set()
    for chunk in batches(graphs, GRAPHS_PER_QUERY):
        rows = store.query(f"""
            SELECT DISTINCT ?e WHERE {{
              VALUES ?g {{ {iris(chunk)} }}
              GRAPH ?g {{ ?e a ?top }}
              FILTER (?top IN ({TOP_TYPES_IN}))
            }}""")  # with VALUES ?top it took 10 times as long: each type's every entity was read
        found.update(intern(r["e"].value) for r in rows)
    return found


def pairs_in(store: EmbeddedStore, graphs: Iterable[str]) -> set[tuple[str, str]]:
    """The (agent, counterpart) of every fact the given article graphs state."""
    found: set[tuple[str, str]] = set()
    for chunk in batches(graphs, GRAPHS_PER_QUERY):
        rows = store.query(f"""
            SELECT DISTINCT ?s ?o WHERE {{
              VALUES ?g {{ {iris(chunk)} }}
              ?f prov:wasDerivedFrom ?g ; civ:agent ?s ; civ:counterpart ?o .
            }}""")  # fact nodes are an article's own nodes: in the default graph only
        found.update((intern(r["s"].value), intern(r["o"].value)) for r in rows)
    return found


class StoreReads:
    """What a chunk needs, read from the store (``kg.consolidate.scratch_rows.FactRows`` answers the same)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store

    def facts(self, asked: list[str], by_counterpart: Iterable[str]) -> list[merge.ReportedFact]:
        """Every article's fact nodes with an asked agent, and those of the ``by_counterpart``
        relations with an asked counterpart (read from the default graph, the one place fact
        nodes are stored; only fact nodes state civ:agent)."""
        facts: dict[str, merge.ReportedFact] = {}
        either = civ_terms(by_counterpart, ", ")
        # the asked party's pattern goes first: Oxigraph joins in the order written (one query
        # with a UNION of both parties took 4-6 times as long as the two, and VALUES ?p 8 times
        # FILTER IN)
        for first, then, predicates in (
            ("civ:agent ?s", "civ:counterpart ?o", ""),
            ("civ:counterpart ?o", "civ:agent ?s", f"FILTER (?p IN ({either}))"),
        ):
            rows = self.store.query(f"""
                SELECT ?g ?f ?p ?s ?o ?date WHERE {{
                  VALUES {first[-2:]} {{ {iris(asked)} }}
                  ?f {first} ; {then} ; civ:relation ?p ; prov:wasDerivedFrom ?g .
                  OPTIONAL {{ ?f civ:date ?date }}
                  {predicates}
                }}""")
            for r in rows:
                if r["f"].value not in facts:
                    facts[r["f"].value] = _reported(r)
        return list(facts.values())

    def labels(self, asked: list[str]) -> Iterator[tuple[str, str, int]]:
        """(entity, label, how many article graphs give it) for the asked entities."""
        rows = self.store.query(f"""
            SELECT ?e ?name (COUNT(DISTINCT ?g) AS ?n) WHERE {{
              VALUES ?e {{ {iris(asked)} }}
              GRAPH ?g {{ ?e rdfs:label ?name }}
              FILTER (?g != {MERGED})
            }} GROUP BY ?e ?name""")
        return ((r["e"].value, r["name"].value, int(r["n"].value)) for r in rows)

    def pair_facts(self, pairs: Iterable[tuple[str, str]]) -> list[merge.ReportedFact]:
        """Every article's fact nodes with one of these (agent, counterpart)."""
        # each fact is stated directly too (s p o): found first, that triple gives exactly the
        # graphs and relations of the pair; the fact node's agent, read first, gave every fact
        # of a widely named agent (3-6 s for ten articles added to 100,000)
        rows = self.store.query(f"""
            SELECT ?g ?f ?p ?s ?o ?date WHERE {{
              VALUES (?s ?o) {{ {iri_pairs(pairs)} }}
              ?s ?p ?o .
              ?f civ:agent ?s ; civ:relation ?p ; civ:counterpart ?o ; prov:wasDerivedFrom ?g .
              OPTIONAL {{ ?f civ:date ?date }}
            }}""")
        return [_reported(r) for r in rows]

    def head_facts(self, organizations: list[str]) -> list[merge.ReportedFact]:
        """Who is reported heading each organisation: one headOf row per (person, organisation)
        (``merge.post_holders`` needs no more), not one per report: read from the direct headOf
        triples of the union, where each pair is once (the merged graph states none)."""
        if not organizations:
            return []
        rows = self.store.query(f"""
            SELECT DISTINCT ?s ?o WHERE {{
              VALUES ?o {{ {iris(organizations)} }}
              ?s civ:{HEAD_OF} ?o
            }}""")
        return [merge.ReportedFact("", "", HEAD_OF, r["s"].value, r["o"].value, None) for r in rows]

    def held_of(self, pairs: list[tuple[str, str]], organizations: list[str]) -> Iterator[Quad]:
        """The merged graph's quads of the events with these (agent, counterpart), and of the
        organisations' head posts."""
        if pairs:
            rows = self.store.query(f"""
                SELECT DISTINCT ?node WHERE {{
                  VALUES (?s ?o) {{ {iri_pairs(pairs)} }}
                  ?node civ:{vocab.EVENT_AGENT} ?s ; civ:{vocab.EVENT_COUNTERPART} ?o .
                }}""")  # only the merged graph's events state civ:eventAgent
            for r in rows:
                yield from self.store.node_quads(r["node"], rdf.MERGED_GRAPH)
        for organization in organizations:
            yield from self.store.node_quads(rdf.post_iri(organization), rdf.MERGED_GRAPH)

    def held(self, asked: list[str]) -> Iterator[Quad]:
        """The merged graph's quads about events whose agent is asked, and the asked head posts."""
        rows = self.store.query(f"""
            SELECT DISTINCT ?node WHERE {{
              VALUES ?x {{ {iris(asked)} }}
              {{ ?node civ:{vocab.EVENT_AGENT} ?x }} UNION {{ ?node org:postIn ?x }}
            }}""")  # (stored once, in the default graph; only merged nodes state either)
        for r in rows:
            yield from self.store.node_quads(r["node"], rdf.MERGED_GRAPH)


def _reported(row) -> merge.ReportedFact:
    """A fact node of a solution of ?g ?f ?p ?s ?o ?date."""
    date = row["date"]
    return merge.ReportedFact(
        row["f"].value,
        intern(row["g"].value),
        intern(row["p"].value.removeprefix(vocab.CIV)),
        intern(row["s"].value),
        intern(row["o"].value),
        day_or_none(date.value if date is not None else None),
    )
