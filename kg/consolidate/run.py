"""Consolidation against the store: read what ``kg.consolidate.rules`` needs a bounded chunk at a time (from
the store through ``kg.consolidate.store_source``, or from the rows a first build kept, ``kg.consolidate.scratch_rows``), and
write what changed.

Work is scoped: a build passes the entities of the article graphs it wrote (and of the old
versions it replaced) and the (agent, counterpart) pairs of their facts, so adding ten articles to
a big store rebuilds those entities' labels and those pairs' events, not the whole store. Without a
scope every entity is reconsidered. Either way entities go in chunks of ``CHUNK``, read with index
lookups (SPARQL ``VALUES``), each chunk's label changes and deletions written in one transaction,
so memory follows the chunk, not the store. Consolidation as a whole is therefore not one
transaction: ``KnowledgeGraph`` keeps a marker file meanwhile, so that the build after a killed one
consolidates everything again.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from sys import intern

from pyoxigraph import DefaultGraph, NamedNode, Quad

from kg import vocab
from kg.consolidate import restate
from kg.consolidate import rules as merge
from kg.consolidate.scratch_rows import FactRows
from kg.consolidate.source import FactSource
from kg.consolidate.store_source import HEAD_OF, StoreReads
from kg.iteration import batches
from kg.query import sparql
from kg.rdf import encode as rdf
from kg.store.embedded import EmbeddedStore

# Entities per round of reads: a chunk's facts, events and merged quads are in memory together,
# and widely named entities have thousands of each. On 100,000 synthetic articles, chunks of 1,000
# held up to 350k merged quads (250 MiB of Python objects) and the build peaked at 1.5 GB.
CHUNK = 250
# New merged-graph statements written to the store at once (~0.7 KB each in the bulk loader)
INSERT_LINES = 100_000
NON_PERSON_TYPES = sparql.civ_terms(t for t in vocab.TOP_TYPES if t != "Person")
BY_COUNTERPART = (*vocab.SYMMETRIC_PREDICATES, HEAD_OF)  # a chunk reads these by either party


@dataclass(frozen=True)
class Everything:
    """Reconsider every entity. ``rows``: the facts and labels of every article graph in the store,
    kept by a first build (the merged graph is then empty), read instead of the store.
    ``rewritten``: the entity IRIs that build replaced in the text it wrote (``FactRows.
    iri_rewrites``): the rows still name the old ones, the store the new ones. ``complete``:
    the store holds exactly the rows' graphs, as written (no write failed), so the aliases to
    rewrite and the entities to reconsider are the rows' too, not read from the store."""

    rows: FactRows | None = None
    rewritten: Mapping[str, str] = field(default_factory=dict)
    complete: bool = False


@dataclass(frozen=True)
class Touched:
    """Reconsider the ``entities`` (IRIs) that changed article graphs name.

    ``pairs``: the (agent, counterpart) of every fact the changed graphs stated, before and after;
    with them only the events and head posts of those pairs are rebuilt, not every event of the
    entities (a widely named organisation has thousands); None rebuilds them all. ``added``: the
    rows of the article graphs a build wrote when it replaced none; the pairs' new reports are
    then merged into the events the merged graph holds, instead of every report of the pairs
    being read again.
    """

    entities: Iterable[str]
    pairs: Iterable[tuple[str, str]] | None = None
    added: FactRows | None = None


Scope = Everything | Touched  # which kind of build asks for which: kg.builder.plan


def consolidate(store: EmbeddedStore, scope: Scope = Everything()) -> None:
    """Join what the articles say to each other for the entities in ``scope``.

    An entity written alone as another's alias takes that entity's IRI (checked over the whole
    store: the aliases of organisations and places are few), each entity gets one ``rdfs:label``
    across all articles, and the merged graph's events and head posts of the entities are rebuilt.
    """
    rows = scope.rows if isinstance(scope, Everything) else None
    pairs, added = (scope.pairs, scope.added) if isinstance(scope, Touched) else (None, None)
    rewrites, live, entities = _rewrites_in(store, scope)
    reads: FactSource = rows if rows is not None else StoreReads(store)
    olds: dict[str, list[str]] = defaultdict(list)
    for old, new in rewrites.items():
        olds[new].append(old)
    writes = restate.Writes(store)
    if live:
        named = restate.rewrite(writes, live)
        if entities is not None:  # the events of entities that stated something of an old IRI
            entities = [*entities, *named]
        # an old IRI that the merged graph names was an entity of its own until now (its alias
        # was first defined in this build): every event of the entities above is rebuilt; an
        # old IRI only new articles name (the alias used alone) moves with its pairs
        if any(_merged_names(store, old) for old in live):
            pairs = None
        added = None  # the new rows name IRIs as they were before the rewrites: read the store
    if pairs is not None:
        pairs = {(rewrites.get(s, s), rewrites.get(o, o)) for s, o in pairs}
    if entities is None:
        entities = _all_entities(store)
    # a rewrite only becomes possible when an article naming its old or its new IRI is written,
    # so its new IRI is in the scope: asking for each IRI's old ones too covers both
    canonical = {rewrites.get(iri, iri) for iri in entities}

    changes = _Changes(store)
    pairs_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for pair in pairs or ():
        for party in pair:
            pairs_of[party].add(pair)
    for chunk in batches(sorted(canonical), CHUNK):
        asked = [*chunk, *(old for iri in chunk for old in olds.get(iri, ()))]
        if pairs is None:
            held, wanted = _merged_state(reads, chunk, asked, rewrites)
        else:  # no graph names an old IRI any more: ``asked`` is the chunk
            held, wanted = _pairs_state(reads, chunk, pairs_of, added)  # type: ignore[arg-type]  # pairs never come with rows: reads are the store's
        # the chunk's label changes go as many transactions as the articles stating them need;
        # its stale merged statements (a few hundred) in one (held in memory until it commits)
        restate.relabel(writes, _label_changes(reads, asked, rewrites))
        writes.update(_delete_data(held - wanted))
        changes.insert(wanted - held)
    changes.write()
    writes.finish()


class _Changes:
    """The merged graph's new statements, as N-Triples lines spooled to an unnamed temporary
    file beside the store (gone with the process, however it ends), then written through the
    bulk loader back to back, ``INSERT_LINES`` at a time, once every chunk is done: as SPARQL
    INSERT DATA they took 4 s per 2,000 articles, and written between chunks they had RocksDB
    merge files while consolidation computed (0.3 ms per article more in a first build). Each
    event and post is one chunk's, so no chunk reads what another inserts."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.file = tempfile.TemporaryFile(dir=store.path.parent)  # noqa: SIM115  # closed by write

    def insert(self, lines: Iterable[str]) -> None:
        self.file.write("".join(f"{line} .\n" for line in lines).encode())

    def write(self) -> None:
        with self.file:
            self.file.seek(0)
            while chunk := list(islice(self.file, INSERT_LINES)):
                self.store.insert_once(b"".join(chunk), len(chunk))


def _delete_data(lines: set[str]) -> list[str]:
    """Delete merged-graph statements (stored once, in the default graph)."""
    if not lines:
        return []
    text = "".join(f"{line} .\n" for line in sorted(lines))
    return [f"DELETE DATA {{\n{text}}}"]


def _rewrites_in(
    store: EmbeddedStore, scope: Scope
) -> tuple[dict[str, str], dict[str, str], Iterable[str] | None]:
    """The alias rewrites (``_rewrites``), the live ones among them, and the entities to
    reconsider (None: every one the store has) for ``scope``."""
    if isinstance(scope, Touched):
        return (*_rewrites(store, {}), scope.entities)
    if scope.rows is not None and scope.complete:  # what the store would answer, from the rows
        rewrites = dict(scope.rewritten) or scope.rows.iri_rewrites()
        live = {old: new for old, new in rewrites.items() if old not in scope.rewritten}
        return rewrites, live, scope.rows.entities()
    return (*_rewrites(store, scope.rewritten), None)


def _rewrites(
    store: EmbeddedStore, rewritten: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Each alias's IRI in the store, and those ``rewritten`` in the text a first build wrote
    (whose old IRIs the store no longer has: its rows still name them), to the entity's IRI;
    and of those, the live ones: whose old IRI some graph still has (an entity's type names it),
    the only ones whose rewrite changes anything."""
    rewrites = merge.iri_rewrites(_aliases(store), lambda key: _stored_iri(store, key))
    if rewritten:
        rewrites = merge.followed({**rewritten, **rewrites})
    live = {old: new for old, new in rewrites.items() if store.has_any(NamedNode(old))}
    return rewrites, live


def _aliases(store: EmbeddedStore) -> Iterator[merge.EntityName]:
    """Each (entity, alias) of an organisation or place, read from the union (the default graph),
    where it is once however many articles give it (the merged graph names no aliases)."""
    rows = store.query(f"""
        SELECT ?e ?top ?name WHERE {{
          VALUES ?top {{ {NON_PERSON_TYPES} }}
          ?e a ?top ; skos:altLabel ?name
        }}""")
    for r in rows:
        top = r["top"].value.removeprefix(vocab.CIV)
        yield merge.EntityName("", intern(r["e"].value), top, r["name"].value, alias=True)


def _merged_names(store: EmbeddedStore, iri: str) -> bool:
    """Whether a node of the merged graph names ``iri``."""
    return any(
        q.subject.value.startswith(vocab.MERGED_NODE_BASES)  # type: ignore[union-attr]  # no RDF-star
        for q in store.quads(None, None, NamedNode(iri), DefaultGraph())
    )


def _stored_iri(store: EmbeddedStore, key: tuple[str, str]) -> str | None:
    """The IRI of the entity of this (type, key) when some article graph has it."""
    type_, key_slug = key
    iri = rdf.key_iri(key_slug, type_)
    return iri.value if store.has_any(iri, rdf.RDF_TYPE, rdf.civ(type_)) else None


def _all_entities(store: EmbeddedStore) -> Iterator[str]:
    """Every entity an article graph names, and every party the merged graph still names (an
    entity no article names any more leaves events and posts there to take back)."""
    rows = store.query(f"""
        SELECT DISTINCT ?e WHERE {{
          {{ VALUES ?top {{ {sparql.TOP_TYPES} }} GRAPH ?g {{ ?e a ?top }} }}
          UNION {{ VALUES ?party {{ civ:{vocab.EVENT_AGENT} civ:{vocab.EVENT_COUNTERPART} org:postIn }}
                  ?node ?party ?e }}
        }}""")
    return (intern(r["e"].value) for r in rows)


def _label_changes(
    reads: FactSource, asked: list[str], rewrites: dict[str, str]
) -> list[tuple[str, str, str]]:
    """(entity, label, canonical label) for every label of an asked entity that is not its one
    canonical label across the articles."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for iri, name, graphs in reads.labels(asked):
        votes[rewrites.get(iri, iri)][name] += graphs
    labels = merge.choose_labels(votes)
    changes = [(iri, old, labels[iri]) for iri, counts in votes.items() for old in counts]
    return sorted(c for c in changes if c[1] != c[2])


def _line(quad: Quad) -> str:
    """A statement as ``rdf.merged_lines`` writes it."""
    return f"{quad.subject} {quad.predicate} {quad.object}"


def _merged_state(
    reads: FactSource, chunk: list[str], asked: list[str], rewrites: dict[str, str]
) -> tuple[set[str], set[str]]:
    """The merged graph's quads of the events and head posts the chunk owns, as stored (held) and
    as every article now reports them (wanted). An event belongs to its agent's chunk (for a
    symmetric relation, the lesser IRI's), a post to its organisation's."""
    facts = reads.facts(asked, BY_COUNTERPART)
    in_chunk = set(chunk)
    events = [
        e
        for e in merge.merge_events(
            facts,
            rewrites,
            predicates=vocab.EVENT_PREDICATES,
            symmetric=vocab.SYMMETRIC_PREDICATES,
        )
        if e.s in in_chunk
    ]
    posts = {
        org: people
        for org, people in merge.post_holders(facts, rewrites, predicate=HEAD_OF).items()
        if org in in_chunk
    }
    wanted = set(rdf.merged_lines(events, posts))
    held = {_line(q) for q in reads.held(asked)}
    return held, wanted


def _pairs_state(
    reads: StoreReads,
    chunk: list[str],
    pairs_of: dict[str, set[tuple[str, str]]],
    added: FactRows | None,
) -> tuple[set[str], set[str]]:
    """``_merged_state`` for only the events between the given pairs of entities, and the head
    posts of the organisations among them: what changes when the pairs' facts change. With
    ``added`` (the only changes are new graphs, whose rows it has) the events held are merged
    with the new reports; otherwise every report of the pairs is read from the store."""
    pairs = {pair for iri in chunk for pair in pairs_of.get(iri, ())}
    if not pairs:
        return set(), set()
    in_chunk = set(chunk)
    either_way = pairs | {(o, s) for s, o in pairs}
    parties = sorted({iri for pair in pairs for iri in pair} & in_chunk)
    owned = [(s, o) for s, o in either_way if s in in_chunk]  # a merged event's agent owns it
    stored = list(reads.held_of(owned, parties))
    if added is None:
        facts, known = reads.pair_facts(either_way), []
    else:
        facts, known = added.pair_facts(either_way), rdf.merged_events(stored)
    events = [
        e
        for e in merge.merge_events(
            facts,
            {},
            predicates=vocab.EVENT_PREDICATES,
            symmetric=vocab.SYMMETRIC_PREDICATES,
            known=known,
        )
        if e.s in in_chunk
    ]
    posts = merge.post_holders(reads.head_facts(parties), {}, predicate=HEAD_OF)
    return {_line(q) for q in stored}, set(rdf.merged_lines(events, posts))
