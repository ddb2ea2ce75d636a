"""What a network view shows: entities and facts read from the store, and the filters that narrow them."""

from __future__ import annotations

import shlex
import warnings
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from kg import vocab
from kg.dates import day_or_none, parse_day
from kg.errors import KgError
from kg.lang.tr.names import ids_named, nearest_hint
from kg.lang.tr.text import fold
from kg.query import sparql
from kg.store.embedded import EmbeddedStore

_FACTS_QUERY = (
    sparql.prefix_header()
    + f"""
SELECT ?agent ?counterpart ?relation ?evidence ?date ?url ?confidence WHERE {{
  ?fact civ:{vocab.RELATION} ?relation ; civ:{vocab.AGENT} ?agent ;
        civ:{vocab.COUNTERPART} ?counterpart .
  OPTIONAL {{ ?fact civ:{vocab.EVIDENCE} ?evidence }}
  OPTIONAL {{ ?fact civ:{vocab.DATE} ?date }}
  OPTIONAL {{ ?fact civ:{vocab.CONFIDENCE} ?confidence }}
  OPTIONAL {{ ?fact prov:wasDerivedFrom ?article . ?article schema:url ?url }}
}}"""
)
# Entities are read as four small DISTINCT queries joined here: one query joining type, label,
# subtype and alias over the union of graphs makes k^4 rows for an entity named in k articles.
_ENTITY_QUERIES = {
    "type": f"SELECT DISTINCT ?e ?v WHERE {{ VALUES ?v {{ {sparql.TOP_TYPES} }} ?e a ?v }}",
    "subtype": f"SELECT DISTINCT ?e ?v WHERE {{ VALUES ?v {{ {sparql.SUBTYPES} }} ?e a ?v }}",
    "label": "SELECT DISTINCT ?e ?v WHERE { ?e a ?t ; rdfs:label ?v "
    f"VALUES ?t {{ {sparql.TOP_TYPES} }} }}",
    "alias": "SELECT DISTINCT ?e ?v WHERE { ?e a ?t ; skos:altLabel ?v "
    f"VALUES ?t {{ {sparql.TOP_TYPES} }} }}",
}


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


def view_data(store: EmbeddedStore) -> tuple[list[ViewNode], list[ViewEdge]]:
    """Every entity and one edge per fact in ``store``, sorted; entities without facts are kept."""
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
            for s in store.query(_FACTS_QUERY)
        ),
        key=lambda e: (e.source, e.predicate, e.target, e.date, e.article_url, e.evidence),
    )
    degree = Counter(e.source for e in edges) + Counter(e.target for e in edges)
    nodes: dict[str, ViewNode] = {}
    found: dict[str, dict[str, list[str]]] = {}
    for key, query in _ENTITY_QUERIES.items():
        for s in store.query(query):
            found.setdefault(s["e"].value, {}).setdefault(key, []).append(s["v"].value)
    for iri, values in found.items():
        if "type" not in values:
            continue
        label = min(values.get("label", [iri.rsplit("/", 1)[-1]]))
        nodes[iri] = ViewNode(
            iri,
            label,
            min(values["type"]).removeprefix(vocab.CIV),
            min(values.get("subtype", [""])).removeprefix(vocab.CIV),
            tuple(sorted(set(values.get("alias", ())) - {label})),
            degree[iri],
        )
    for iri in degree.keys() - nodes.keys():  # a fact's party the store gives no type or label
        nodes[iri] = ViewNode(iri, iri.rsplit("/", 1)[-1], "", "", (), degree[iri])
    return sorted(nodes.values(), key=lambda n: n.id), edges


class EmptyViewWarning(UserWarning):
    """Filters that keep no entity: the page or figure is still written, with nothing in it."""


def read_view(
    store: EmbeddedStore, view: ViewFilter | None = None
) -> tuple[list[ViewNode], list[ViewEdge]]:
    """The nodes and edges of ``store`` that ``view`` keeps (everything without one).

    Filters that keep nothing warn with ``EmptyViewWarning``: an empty page or figure is written
    all the same (an older one left in place would show what the filters no longer keep)."""
    view = view or ViewFilter()
    nodes, edges = filter_view(*view_data(store), view)
    if not nodes and view.describe():  # an unfiltered empty graph says so in the build summary
        warnings.warn(
            EmptyViewWarning(f"the view is empty: no entity matches {view.describe()}"),
            stacklevel=3,
        )
    return nodes, edges


@dataclass(frozen=True)
class ViewFilter:
    """Which part of the graph a view shows; every field left at its default keeps everything.

    Applied by ``filter_view`` in this order:

    1. facts: ``predicates`` (any of them), ``since``/``until`` (ISO dates, inclusive; undated
       facts are dropped when either is given), ``min_confidence`` (facts without a confidence
       are dropped when it is given);
    2. ``types``: entities whose top type or subtype is one of them, with the facts among them;
    3. when 1. narrowed the facts, entities left without a fact are dropped (without a fact
       filter, entities without facts stay, as in the whole graph);
    4. ``focus``: the entities (IRI, or the whole of a name or alias in any case, with Turkish
       letters or their ASCII, a case suffix aside; every entity that bears the name) and what lies within ``hops`` facts of them over the facts left;
       the focus itself is always kept, whatever its type;
    5. ``top``: the ``top`` entities taking part in the most facts left (focus first, then by
       name), with the facts among them.

    Node degrees are recounted over the facts shown. Strings are accepted for dates, a single
    string for ``predicates`` or ``types``, and names are matched case-insensitively.

    >>> ViewFilter(predicates="VISITED", since="2026-01-01").describe()
    'visited · since 2026-01-01'
    """

    predicates: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    focus: str | None = None
    hops: int = 1
    top: int | None = None
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__  # frozen: normalise once, here
        setattr_(self, "predicates", _names(self.predicates, vocab.PREDICATES, "predicate"))
        setattr_(self, "types", _names(self.types, vocab.ENTITY_CLASSES, "entity type"))
        setattr_(self, "since", _day(self.since, "since"))
        setattr_(self, "until", _day(self.until, "until"))
        if self.since and self.until and self.since > self.until:
            raise KgError(f"since ({self.since}) is after until ({self.until})")
        if self.focus is not None and not str(self.focus).strip():
            raise KgError("focus is empty: give an entity's name, alias or IRI")
        if isinstance(self.hops, bool) or not isinstance(self.hops, int) or self.hops < 0:
            raise KgError(f"hops must be a whole number, 0 or more (not {self.hops!r})")
        if self.top is not None and (not isinstance(self.top, int) or self.top < 1):
            raise KgError(f"top must be a whole number, 1 or more (not {self.top!r})")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise KgError(f"min_confidence must be between 0 and 1 (not {self.min_confidence!r})")

    @property
    def narrows_facts(self) -> bool:
        """True when some facts are dropped for themselves (predicate, date or confidence)."""
        return bool(self.predicates or self.since or self.until or self.min_confidence is not None)

    def describe(self) -> str:
        """The filter in a few words, for a page's or figure's title ("" when it keeps all)."""
        parts = [", ".join(self.predicates), ", ".join(self.types)]
        parts += [
            f"since {self.since}" if self.since else "",
            f"until {self.until}" if self.until else "",
        ]
        if self.focus:
            parts.append(f"around {self.focus} ({self.hops} hop{'s' * (self.hops != 1)})")
        if self.min_confidence is not None:
            parts.append(f"confidence ≥ {self.min_confidence:g}")
        parts.append(f"top {self.top}" if self.top else "")
        return " · ".join(p for p in parts if p)


def filter_view(
    nodes: list[ViewNode], edges: list[ViewEdge], view: ViewFilter | None = None
) -> tuple[list[ViewNode], list[ViewEdge]]:
    """The nodes and edges ``view`` keeps (see ``ViewFilter`` for the order and rules), sorted.

    Without ``view``, everything is kept. An unknown ``focus`` raises a KgError naming it.

    >>> a = ViewNode("a", "Ayşe Demirtaş", "Person", "", (), 1)
    >>> b = ViewNode("b", "Bornova", "Place", "District", (), 1)
    >>> fact = ViewEdge("a", "b", "visited", "Bornova'yı ziyaret etti.", "2026-02-03", "", 0.9)
    >>> filter_view([a, b], [fact], ViewFilter(predicates=("thanked",)))
    ([], [])
    >>> [n.label for n in filter_view([a, b], [fact], ViewFilter(focus="AYŞE DEMİRTAŞ", hops=0))[0]]
    ['Ayşe Demirtaş']
    """
    view = view or ViewFilter()
    centre = find_entities(nodes, view.focus) if view.focus else set()
    edges = [e for e in edges if _keeps_fact(e, view)]
    kept = {n.id for n in nodes if not view.types or {n.type, n.subtype} & set(view.types)}
    kept |= centre
    edges = [e for e in edges if e.source in kept and e.target in kept]
    if view.narrows_facts:
        kept = ({e.source for e in edges} | {e.target for e in edges} | centre) & kept
    if view.focus:
        kept = _within(centre, edges, view.hops)
        edges = [e for e in edges if e.source in kept and e.target in kept]
    degree = Counter(e.source for e in edges) + Counter(e.target for e in edges)
    if view.top:
        label = {n.id: n.label for n in nodes}
        ranked = sorted(kept, key=lambda i: (i not in centre, -degree[i], fold(label[i]), i))
        kept = set(ranked[: view.top])
        edges = [e for e in edges if e.source in kept and e.target in kept]
        degree = Counter(e.source for e in edges) + Counter(e.target for e in edges)
    shown = [replace(n, degree=degree[n.id]) for n in nodes if n.id in kept]
    return sorted(shown, key=lambda n: n.id), edges


def find_entities(nodes: Iterable[ViewNode], name: str) -> set[str]:
    """The IRIs of every node whose IRI is ``name``, or whose label or alias is that whole name as
    IRIs key it (``name_key``: any case, Turkish letters or their ASCII, a case suffix aside).

    >>> izmir = ViewNode("x/izmir", "İzmir", "Place", "", ("Smyrna",), 0)
    >>> sorted(find_entities([izmir], "IZMIR'DE"))
    ['x/izmir']
    >>> sorted(find_entities([izmir], "Izmr"))
    Traceback (most recent call last):
    ...
    kg.errors.KgError: no entity 'Izmr' in this graph; nearest: İzmir; look its name up with: kg entities DIR --search Izmr
    """
    nodes = list(nodes)
    text = name.strip()
    found = {n.id for n in nodes if text in (n.id, n.id.removeprefix(vocab.ENTITY_BASE))}
    found |= ids_named(text, ((n.id, x) for n in nodes for x in (n.label, *n.aliases)))
    if not found:
        names = [*(n.label for n in nodes), *(a for n in nodes for a in n.aliases)]
        hint = nearest_hint(text, names)
        raise KgError(
            f"no entity {name!r} in this graph{hint}; look its name up with: "
            f"kg entities DIR --search {shlex.quote(name)}"
        )
    return found


def _keeps_fact(edge: ViewEdge, view: ViewFilter) -> bool:
    if view.predicates and edge.predicate not in view.predicates:
        return False
    if view.min_confidence is not None and (
        edge.confidence is None or edge.confidence < view.min_confidence
    ):
        return False
    if view.since or view.until:
        day = day_or_none(edge.date[:10])  # None: undated, or malformed in a hand-made graph
        if day is None or (view.since and day < view.since) or (view.until and day > view.until):
            return False
    return True


def _within(centre: set[str], edges: list[ViewEdge], hops: int) -> set[str]:
    """The nodes at most ``hops`` facts away from ``centre``, in either direction."""
    neighbours: dict[str, set[str]] = {}
    for e in edges:
        neighbours.setdefault(e.source, set()).add(e.target)
        neighbours.setdefault(e.target, set()).add(e.source)
    seen, frontier = set(centre), deque((c, 0) for c in sorted(centre))
    while frontier:
        node, distance = frontier.popleft()
        if distance == hops:
            continue
        for other in neighbours.get(node, ()):
            if other not in seen:
                seen.add(other)
                frontier.append((other, distance + 1))
    return seen


def _names(given: str | Iterable[str], known: tuple[str, ...], what: str) -> tuple[str, ...]:
    canonical = {k.lower(): k for k in known}
    names = (given,) if isinstance(given, str) else tuple(given)
    for name in names:
        if name.lower() not in canonical:
            raise KgError(f"unknown {what} {name!r} (use one of: {', '.join(known)})")
    return tuple(dict.fromkeys(canonical[n.lower()] for n in names))


def _day(value: date | str | None, what: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except (TypeError, ValueError) as e:
        raise KgError(f"{what}: {value!r} is not a date (write it as YYYY-MM-DD)") from e


def _text(term) -> str:
    return term.value if term is not None else ""
