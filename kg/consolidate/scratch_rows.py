"""What consolidation reads about each article (its fact nodes and labels), taken from the article's
triples while it is prepared, and kept in a scratch SQLite file while a first build runs.

A first build consolidates every entity of a store it has just written. Reading each entity's facts
back through SPARQL cost about 30 µs a row, a sixth of the build; the same rows, kept as they are
encoded and looked up in SQLite, cost a few µs. Later builds and removals read the store, the only
place that knows what earlier builds wrote.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from pyoxigraph import Quad

from kg import vocab
from kg.consolidate.rules import EntityName, ReportedFact, followed, iri_rewrites
from kg.dates import day_or_none
from kg.rdf import encode as rdf

FactRow = tuple[str, str, str, str, str | None]  # fact node, relation, agent, counterpart, date
LabelRow = tuple[str, str]  # entity, rdfs:label
AliasRow = tuple[str, str, str]  # entity (an organisation or a place), its top type, skos:altLabel
SCRATCH_PREFIX = ".kg-rows-"  # the scratch directory in the build's output directory
PAIRS_PER_QUERY = 500  # (agent, counterpart) pairs per lookup, two SQL parameters each
ENTITIES_PER_QUERY = 1_000  # entity IRIs per lookup, one SQL parameter each

_RELATION = rdf.civ(vocab.RELATION)
_AGENT = rdf.civ(vocab.AGENT)
_COUNTERPART = rdf.civ(vocab.COUNTERPART)
_DATE = rdf.civ(vocab.DATE)
_PARTS = {_RELATION: 0, _AGENT: 1, _COUNTERPART: 2, _DATE: 3}


def rows_of(
    text: rdf.ArticleText, date: str | None
) -> tuple[tuple[FactRow, ...], tuple[LabelRow, ...], tuple[AliasRow, ...]]:
    """The fact nodes (relation, agent, counterpart, date), the rdfs:labels and the aliases of
    organisations and places of one article's statements: what ``kg.consolidate.run`` reads.

    >>> t = rdf.ArticleText("urn:g", "", 0, 0, (("urn:f", "visited", "urn:e", "urn:e"),), (("urn:e", "E"),))
    >>> rows_of(t, None)
    ((('urn:f', 'visited', 'urn:e', 'urn:e', None),), (('urn:e', 'E'),), ())
    """
    return tuple((*fact, date) for fact in text.facts), text.labels, text.aliases


class FactRows:
    """The rows of every article graph a build writes, in a SQLite file in a scratch directory
    under ``directory`` (removed by ``close``; a killed build's is removed by the next one).

    It answers what ``kg.consolidate.run`` asks of the store for a chunk of entities, and knows of
    no merged graph: it stands in for the store only while that graph is still empty. A later
    build that only adds articles reads the new reports of its pairs here (``pair_facts``), and
    merges them into the events the merged graph already holds.
    """

    def __init__(self, directory: str | Path) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=directory)
        # a scratch file: no journal, no syncs (a crash loses nothing the store needs)
        self._db = sqlite3.connect(Path(self._dir.name) / "rows.sqlite")
        self._db.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE graph (id INTEGER PRIMARY KEY, iri TEXT UNIQUE);
            CREATE TABLE fact (node TEXT, graph INTEGER, relation TEXT, agent TEXT,
                               counterpart TEXT, day TEXT);
            CREATE TABLE label (entity TEXT, name TEXT, graph INTEGER);
            CREATE TABLE alias (entity TEXT, type TEXT, name TEXT, graph INTEGER);
        """)
        self._indexed = False

    def add(
        self,
        graph: str,
        facts: Iterable[FactRow],
        labels: Iterable[LabelRow],
        aliases: Iterable[AliasRow] = (),
    ) -> None:
        """Record what the article graph ``graph`` now states (replacing what it stated before)."""
        db = self._db
        known = db.execute("SELECT id FROM graph WHERE iri = ?", (graph,)).fetchone()
        if known:  # the same article twice in one input: its graph was rewritten
            db.execute("DELETE FROM fact WHERE graph = ?", known)
            db.execute("DELETE FROM label WHERE graph = ?", known)
            db.execute("DELETE FROM alias WHERE graph = ?", known)
            gid = known[0]
        else:
            gid = db.execute("INSERT INTO graph (iri) VALUES (?)", (graph,)).lastrowid
        db.executemany("INSERT INTO fact VALUES (?, ?, ?, ?, ?, ?)", _with(gid, facts, at=1))
        db.executemany("INSERT INTO label VALUES (?, ?, ?)", _with(gid, labels, at=2))
        db.executemany("INSERT INTO alias VALUES (?, ?, ?, ?)", _with(gid, aliases, at=3))

    def discard(self, graphs: Iterable[str]) -> None:
        """Forget what the article graphs ``graphs`` state (their write failed)."""
        db = self._db
        for graph in graphs:
            known = db.execute("SELECT id FROM graph WHERE iri = ?", (graph,)).fetchone()
            if known:
                db.execute("DELETE FROM fact WHERE graph = ?", known)
                db.execute("DELETE FROM label WHERE graph = ?", known)
                db.execute("DELETE FROM alias WHERE graph = ?", known)

    def facts(self, asked: list[str], by_counterpart: Iterable[str]) -> list[ReportedFact]:
        """The fact nodes with an asked agent, and those of the ``by_counterpart`` relations
        with an asked counterpart, each once."""
        self._index()
        marks = _marks(asked)
        relations = list(by_counterpart)
        rows = self._db.execute(  # the second part without the first's: no rows to dedupe
            f"""SELECT node, iri, relation, agent, counterpart, day
                FROM fact JOIN graph ON graph.id = fact.graph
                WHERE agent IN ({marks})
                UNION ALL
                SELECT node, iri, relation, agent, counterpart, day
                FROM fact JOIN graph ON graph.id = fact.graph
                WHERE counterpart IN ({marks}) AND relation IN ({_marks(relations)})
                      AND agent NOT IN ({marks})""",
            [*asked, *asked, *relations, *asked],
        )
        return [
            ReportedFact(node, graph, relation, agent, counterpart, day_or_none(day))
            for node, graph, relation, agent, counterpart, day in rows
        ]

    def pair_facts(self, pairs: Iterable[tuple[str, str]]) -> list[ReportedFact]:
        """The fact nodes with one of these (agent, counterpart)."""
        self._index()
        found, pairs = [], sorted(pairs)
        for start in range(0, len(pairs), PAIRS_PER_QUERY):
            chunk = pairs[start : start + PAIRS_PER_QUERY]
            rows = self._db.execute(
                f"""SELECT node, iri, relation, agent, counterpart, day
                    FROM fact JOIN graph ON graph.id = fact.graph
                    WHERE (agent, counterpart) IN (VALUES {", ".join(["(?, ?)"] * len(chunk))})""",
                [iri for pair in chunk for iri in pair],
            )
            found += [
                ReportedFact(node, graph, relation, agent, counterpart, day_or_none(day))
                for node, graph, relation, agent, counterpart, day in rows
            ]
        return found

    def labels(self, asked: list[str]) -> Iterator[tuple[str, str, int]]:
        """(entity, label, how many article graphs give it) for the asked entities."""
        self._index()
        yield from self._db.execute(
            f"""SELECT entity, name, COUNT(DISTINCT graph) FROM label
                WHERE entity IN ({_marks(asked)}) GROUP BY entity, name""",
            asked,
        )

    def iri_rewrites(self) -> dict[str, str]:
        """``kg.consolidate.rules.iri_rewrites`` of the graphs recorded, taken until it finds
        nothing more: what consolidation finds in a store that holds these graphs and no other
        article, and what it still finds there once those are made, and so on.

        A rewrite can make another: an alias owned by two entities has no owner to go to, until
        one of the two is found to be the other's alias written alone.
        """
        self._index()
        names = [
            EntityName("", entity, type_, name, alias=True)
            for entity, type_, name in self._db.execute("SELECT entity, type, name FROM alias")
        ]
        found: dict[str, str] = {}
        labelled: dict[str, bool] = {}  # looked up once, whatever the rounds

        def iri_of(key: tuple[str, str]) -> str | None:  # an entity some graph still names
            iri = rdf.key_iri(key[1], key[0]).value
            if iri in found:
                return None
            if iri not in labelled:
                known = self._db.execute("SELECT 1 FROM label WHERE entity = ? LIMIT 1", (iri,))
                labelled[iri] = known.fetchone() is not None
            return iri if labelled[iri] else None

        while True:  # each round finds IRIs not found before: it ends
            settled = followed(found)
            named = [replace(n, iri=settled.get(n.iri, n.iri)) for n in names]
            more = iri_rewrites(named, iri_of)
            if not more:
                return settled
            found.update(more)

    def entities(self) -> list[str]:
        """Every entity the recorded graphs name (each has its label there)."""
        self._index()
        return [entity for (entity,) in self._db.execute("SELECT DISTINCT entity FROM label")]

    def graphs_naming(self, entities: Iterable[str]) -> dict[str, list[str]]:
        """The recorded graphs that name any of ``entities`` (every entity a graph names has its
        label there), each with the ones it names."""
        self._index()
        found: dict[str, list[str]] = {}
        entities = sorted(entities)
        for start in range(0, len(entities), ENTITIES_PER_QUERY):
            chunk = entities[start : start + ENTITIES_PER_QUERY]
            rows = self._db.execute(
                f"""SELECT DISTINCT iri, entity FROM label JOIN graph ON graph.id = label.graph
                    WHERE entity IN ({_marks(chunk)})""",
                chunk,
            )
            for graph, entity in rows:
                found.setdefault(graph, []).append(entity)
        return found

    def held(self, asked: list[str]) -> Iterator[Quad]:
        """The merged graph's quads of the asked entities: none, it is still empty."""
        return iter(())

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()

    def __enter__(self) -> FactRows:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _index(self) -> None:
        # built once the rows are all in: faster than keeping the indexes up while they arrive
        if not self._indexed:
            self._db.executescript("""
                CREATE INDEX fact_pair ON fact (agent, counterpart);
                CREATE INDEX fact_counterpart ON fact (counterpart);
                CREATE INDEX label_entity ON label (entity);
            """)
            self._indexed = True


def _with(gid: int, rows: Iterable[tuple], *, at: int) -> Iterator[tuple]:
    """Each row with the graph's id put in at position ``at``."""
    return (row[:at] + (gid,) + row[at:] for row in rows)


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))
