"""Cross-article consolidation: one IRI and one label per entity, one node per event many outlets report.

Pure functions over plain rows read from the store; ``KnowledgeGraph.consolidate`` reads the rows,
calls these and writes the result in one transaction. Within an article, ``kg.extract.resolve`` has
already merged an article's own spellings; this module only joins what articles say to each other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from kg.lang.tr.text import is_all_caps, slug
from kg.model import PERSON, MergedEvent

SAME_EVENT_DAYS = (
    3  # reports of one (agent, relation, counterpart) this close together are one event
)


@dataclass(frozen=True, slots=True)
class EntityName:
    """One name an article graph gives an entity: its ``rdfs:label`` or a ``skos:altLabel``."""

    graph: str
    iri: str
    type: str  # top type: Person, Organization, Place
    name: str
    alias: bool = False


@dataclass(frozen=True, slots=True)
class ReportedFact:
    """A fact node of one article graph: who did what to whom, reported on ``date``."""

    fact: str
    graph: str
    predicate: str
    s: str
    o: str
    date: date | None


def iri_rewrites(
    names: Iterable[EntityName], iri_of: Callable[[tuple[str, str]], str | None]
) -> dict[str, str]:
    """Which entity IRIs are another entity's alias written alone, and the IRI they stand for.

    An article that defines "İzmir Büyükşehir Belediyesi (İBB)" gives the long form's node the alias
    İBB; another article that only says "İBB" made a node of its own, whose key is the alias's key.
    That node is the long form's, provided exactly one entity of the type owns the alias. People are
    left alone: their aliases are bare surnames, which are only resolved inside their own article.
    ``iri_of`` gives the IRI in the store of a (type, slug), or None.

    >>> names = [EntityName("a", "id/org/ibb-long", "Organization", "İBB", alias=True)]
    >>> iri_rewrites(names, {("Organization", "ibb"): "id/org/ibb"}.get)
    {'id/org/ibb': 'id/org/ibb-long'}
    """
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in names:
        if n.alias and n.type != PERSON:
            owners[(n.type, slug(n.name))].add(n.iri)
    rewrites = {}
    for key, iris in owners.items():
        alone = iri_of(key)
        if alone is not None and len(iris) == 1 and alone not in iris:
            rewrites[alone] = next(iter(iris))
    return followed(rewrites)


def followed(rewrites: dict[str, str]) -> dict[str, str]:
    """Each IRI mapped to the end of its chain of rewrites; a cycle is left out."""
    final = {}
    for start in rewrites:
        seen, iri = {start}, rewrites[start]
        while iri in rewrites and iri not in seen:
            seen.add(iri)
            iri = rewrites[iri]
        if iri not in seen:
            final[start] = iri
    return final


def choose_labels(votes: Mapping[str, Counter[str]]) -> dict[str, str]:
    """Each IRI's label among its labels and how many article graphs use each.

    The label must spell the IRI's own key (so an acronym never names the long form's node); among
    those, the one most articles use wins, then mixed case over ALL-CAPS, then more Turkish letters.

    >>> choose_labels({"x/ibb": Counter({"İBB": 5, "IBB": 1}), "x/izmir": Counter({"IZMIR": 2, "İzmir": 2})})
    {'x/ibb': 'İBB', 'x/izmir': 'İzmir'}
    """
    return {
        iri: max(counts, key=lambda label: _label_rank(iri, label, counts))
        for iri, counts in votes.items()
    }


def _label_rank(iri: str, label: str, counts: Counter[str]) -> tuple:
    spells_key = iri.rsplit("/", 1)[-1] == (slug(label) or "unnamed")
    words = label.split()
    caps = sum(is_all_caps(w) for w in words)
    turkish = sum(not c.isascii() for c in label)
    return (spells_key, counts[label], -caps, turkish, label)


def merge_events(
    facts: Iterable[ReportedFact],
    rewrites: Mapping[str, str],
    *,
    predicates: Iterable[str],
    symmetric: Iterable[str] = (),
    days: int = SAME_EVENT_DAYS,
    known: Iterable[MergedEvent] = (),
) -> list[MergedEvent]:
    """Reports of the same relation between the same parties, dated within ``days`` of the previous
    report, are one event. Undated reports of the same parties form one event of their own.

    ``known``: events merged earlier from other reports (as the merged graph holds them). The
    result is what merging all their reports and ``facts`` gives, so a build that only adds
    articles needs the events of the pairs it touched, not every report of them again.

    >>> f = lambda n, d: ReportedFact(f"f{n}", f"a{n}", "visited", "x", "y", date.fromisoformat(d))
    >>> [e.articles for e in merge_events([f(1, "2024-05-02"), f(2, "2024-05-01"), f(3, "2024-06-01")], {}, predicates=["visited"])]
    [('a1', 'a2'), ('a3',)]
    >>> old = merge_events([f(1, "2024-05-01"), f(3, "2024-05-06")], {}, predicates=["visited"])
    >>> [e.articles for e in merge_events([f(2, "2024-05-03")], {}, predicates=["visited"], known=old)]
    [('a1', 'a2', 'a3')]
    """
    wanted, sym = set(predicates), set(symmetric)
    # every report is an event of its own to start with; events then join while their dates
    # are within ``days`` of each other (merging reports one by one, sorted by date, is the same)
    by_parties: dict[tuple[str, str, str], list[MergedEvent]] = defaultdict(list)
    for f in facts:
        if f.predicate in wanted:
            event = MergedEvent(f.predicate, f.s, f.o, f.date, f.date, (f.fact,), (f.graph,))
            by_parties[_parties(event, rewrites, sym)].append(event)
    for event in known:
        if event.predicate in wanted:
            by_parties[_parties(event, rewrites, sym)].append(event)
    events = []
    for (p, s, o), parts in sorted(by_parties.items()):
        for group in _by_date(parts, days):
            if len(group) == 1 and len(group[0].facts) == 1 == len(group[0].articles):
                one = group[0]  # a report alone (most are): nothing to join
                events.append(MergedEvent(p, s, o, one.first, one.last, one.facts, one.articles))
                continue
            firsts = [e.first for e in group if e.first is not None]
            lasts = [e.last for e in group if e.last is not None]
            events.append(
                MergedEvent(
                    p,
                    s,
                    o,
                    min(firsts, default=None),
                    max(lasts, default=None),
                    tuple(sorted({fact for e in group for fact in e.facts})),
                    tuple(sorted({graph for e in group for graph in e.articles})),
                )
            )
    return events


def _parties(
    event: MergedEvent, rewrites: Mapping[str, str], symmetric: set[str]
) -> tuple[str, str, str]:
    """An event's (relation, agent, counterpart), rewritten, a symmetric relation's parties sorted."""
    s, o = rewrites.get(event.s, event.s), rewrites.get(event.o, event.o)
    if event.predicate in symmetric and o < s:
        s, o = o, s
    return event.predicate, s, o


def _by_date(parts: list[MergedEvent], days: int) -> list[list[MergedEvent]]:
    """Dated events joined while each starts within ``days`` of the latest date before it (in
    date order), then the undated ones together."""
    undated = [e for e in parts if e.first is None]
    dated = sorted((e for e in parts if e.first is not None), key=lambda e: (e.first, e.facts))
    groups: list[list[MergedEvent]] = []
    latest = None
    for e in dated:
        # a dated event has a last date too, and ``latest`` is set with the first group
        if groups and (e.first - latest).days <= days:  # type: ignore[operator]
            groups[-1].append(e)
            latest = max(latest, e.last)  # type: ignore[type-var, call-overload]
        else:
            groups.append([e])
            latest = e.last
    if undated:
        groups.append(undated)
    return groups


def post_holders(
    facts: Iterable[ReportedFact], rewrites: Mapping[str, str], *, predicate: str
) -> dict[str, tuple[str, ...]]:
    """Each organisation's post named by ``predicate`` (headOf) and everyone reported holding it.

    >>> f = ReportedFact("f1", "a1", "headOf", "p/ozgur", "o/kk", None)
    >>> post_holders([f], {}, predicate="headOf")
    {'o/kk': ('p/ozgur',)}
    """
    holders: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if f.predicate == predicate:
            holders[rewrites.get(f.o, f.o)].add(rewrites.get(f.s, f.s))
    return {org: tuple(sorted(people)) for org, people in sorted(holders.items())}
