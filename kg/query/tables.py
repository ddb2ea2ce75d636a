"""The graph's entities, facts and merged events as pandas DataFrames with fixed columns and dtypes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd
from pyoxigraph import Literal, NamedNode

from kg import vocab
from kg.dates import parse_day
from kg.errors import KgError
from kg.lang.tr import names as tr_names
from kg.lang.tr.names import name_key
from kg.lang.tr.text import fold
from kg.query import sparql
from kg.query.results import solutions_frame
from kg.store.embedded import EmbeddedStore

DateLike = date | str  # a datetime or pandas Timestamp is a date too
LIST_SEPARATOR = "\x1f"  # a character no IRI or name contains, to split GROUP_CONCAT results

ENTITY_COLUMNS = ("iri", "name", "type", "subtype", "aliases", "mentions", "articles")
FACT_COLUMNS = (
    "fact",
    "subject",
    "subject_label",
    "predicate",
    "object",
    "object_label",
    "date",
    "confidence",
    "evidence",
    "article",
    "url",
    "outlet",
)
EVENT_COLUMNS = (
    "event",
    "subject",
    "subject_label",
    "predicate",
    "object",
    "object_label",
    "sources",
    "first_reported",
    "last_reported",
    "articles",
    "outlets",
)


def entities(
    store: EmbeddedStore, *, type: str | None = None, search: str | None = None
) -> pd.DataFrame:
    """Every entity, most cited first: see ``KnowledgeGraph.entities``."""
    known = {t.lower(): t for t in vocab.ENTITY_CLASSES}
    if type is not None and type.lower() not in known:
        raise KgError(
            f"unknown entity type '{type}' (use one of: {', '.join(vocab.ENTITY_CLASSES)})"
        )
    # One small query per column: joining them in one query over the union of graphs multiplies
    # the rows of an entity named in k articles by k for each join (k**4 for four joins).
    classes = _entity_classes(store)
    names = labels(store)
    aliases = _aliases(store)
    articles = _article_counts(store)
    mentions = _mention_counts(store)
    needle = name_key(search) if search else None
    if search and not needle:
        raise KgError(f"search={search!r} has no letter or digit to look for")
    records = []
    for iri, kinds in classes.items():
        name = names.get(iri)
        if name is None or (type is not None and known[type.lower()] not in kinds):
            continue
        others = sorted(aliases.get(iri, set()) - {name})
        if needle and not any(needle in name_key(n) for n in (name, *others)):
            continue
        subtypes = sorted(kinds - set(vocab.TOP_TYPES))
        for top in sorted(kinds & set(vocab.TOP_TYPES)):
            subtype = subtypes[0] if subtypes else None
            records.append(
                (iri, name, top, subtype, others, mentions.get(iri, 0), articles.get(iri, 0))
            )
    records.sort(key=lambda e: (-e[6], -e[5], fold(e[1]), e[0]))
    frame = pd.DataFrame.from_records(records, columns=list(ENTITY_COLUMNS))
    return frame.astype(
        {
            "iri": "string",
            "name": "string",
            "type": "string",
            "subtype": "string",
            "aliases": object,
            "mentions": "int64",
            "articles": "int64",
        }
    )


def facts(
    store: EmbeddedStore,
    *,
    predicate: str | Iterable[str] | None = None,
    since: DateLike | None = None,
    until: DateLike | None = None,
    entity: str | None = None,
    min_confidence: float | None = None,
) -> pd.DataFrame:
    """One row per fact node in the article graphs: see ``KnowledgeGraph.facts``."""
    conditions = _date_conditions("?date", since, "?date", until)
    if min_confidence is not None:
        conditions.append(f"?confidence >= {Literal(float(min_confidence))}")
    if entity is not None:
        conditions.append(_party_condition(entity_iris(store, entity)))
    rows = store.query(f"""
        SELECT ?fact ?subject ?predicate ?object ?date ?confidence ?evidence ?article ?url ?outlet
        WHERE {{
          {_predicate_values(predicate)}
          ?fact civ:{vocab.RELATION} ?predicate ; civ:{vocab.AGENT} ?subject ;
                civ:{vocab.COUNTERPART} ?object ; prov:wasDerivedFrom ?article .
          OPTIONAL {{ ?fact civ:{vocab.DATE} ?date }}
          OPTIONAL {{ ?fact civ:{vocab.CONFIDENCE} ?confidence }}
          OPTIONAL {{ ?fact civ:{vocab.EVIDENCE} ?evidence }}
          OPTIONAL {{ ?article schema:url ?url }}
          OPTIONAL {{ ?article civ:{vocab.OUTLET} ?outlet }}
          {_filter(conditions)}
        }}""")
    frame = _with_labels(solutions_frame(rows), labels(store))
    frame = _conform(frame, FACT_COLUMNS, dates=("date",), floats=("confidence",))
    return _sorted(frame, ["date", "article", "subject", "predicate", "object", "fact"])


def events(
    store: EmbeddedStore,
    *,
    predicate: str | Iterable[str] | None = None,
    since: DateLike | None = None,
    until: DateLike | None = None,
    entity: str | None = None,
    min_sources: int = 1,
) -> pd.DataFrame:
    """One row per merged ``civ:ReportedEvent``: see ``KnowledgeGraph.events``."""
    conditions = _date_conditions("?last", since, "?first", until)
    conditions.append(f"?sources >= {int(min_sources)}")
    if entity is not None:
        conditions.append(_party_condition(entity_iris(store, entity)))
    sep = LIST_SEPARATOR
    rows = store.query(f"""
        SELECT ?event ?subject ?predicate ?object ?sources (SAMPLE(?first) AS ?first_reported)
               (SAMPLE(?last) AS ?last_reported)
               (GROUP_CONCAT(DISTINCT STR(?article); separator="{sep}") AS ?articles)
               (GROUP_CONCAT(DISTINCT STR(?outlet); separator="{sep}") AS ?outlets)
        WHERE {{
          {_predicate_values(predicate)}
          ?event a civ:{vocab.REPORTED_EVENT} ; civ:{vocab.EVENT_RELATION} ?predicate ;
                 civ:{vocab.EVENT_AGENT} ?subject ; civ:{vocab.EVENT_COUNTERPART} ?object ;
                 civ:{vocab.SOURCE_COUNT} ?sources ; prov:wasDerivedFrom ?article .
          OPTIONAL {{ ?event civ:{vocab.FIRST_REPORTED} ?first }}
          OPTIONAL {{ ?event civ:{vocab.LAST_REPORTED} ?last }}
          OPTIONAL {{ GRAPH ?article {{ ?article civ:{vocab.OUTLET} ?outlet }} }}
          {_filter(conditions)}
        }} GROUP BY ?event ?subject ?predicate ?object ?sources""")
    frame = _with_labels(solutions_frame(rows), labels(store))
    for column in ("articles", "outlets"):
        joined = frame[column].fillna("")
        frame[column] = pd.Series(
            [sorted(filter(None, str(v).split(sep))) for v in joined],
            index=frame.index,
            dtype=object,
        )
    frame = _conform(
        frame,
        EVENT_COLUMNS,
        dates=("first_reported", "last_reported"),
        integers=("sources",),
        lists=("articles", "outlets"),
    )
    frame = frame.sort_values(["sources", "first_reported", "event"], ascending=[False, True, True])
    return frame.reset_index(drop=True)


def labels(store: EmbeddedStore) -> dict[str, str]:
    """The ``rdfs:label`` of every node that has one (the first, if a hand-made graph gives more)."""
    rows = store.query("SELECT ?e (MIN(STR(?l)) AS ?label) WHERE { ?e rdfs:label ?l } GROUP BY ?e")
    return {r["e"].value: r["label"].value for r in rows}


def entity_iris(store: EmbeddedStore, entity: str) -> list[str]:
    """The IRIs an ``entity`` argument means: itself if it is an IRI, else every entity whose label
    or alias is that whole name as IRIs key it (``name_key``: any case, Turkish letters or their
    ASCII, a case suffix). A name that matches none is a KgError naming the nearest."""
    if "://" in entity:
        try:
            return [NamedNode(entity).value]
        except ValueError as e:
            raise KgError(f"entity={entity!r} is not a valid IRI: {e}") from e
    named = _entity_names(store)
    found = sorted(tr_names.ids_named(entity, named))
    if not found:
        hint = tr_names.nearest_hint(entity, _spellings(named, labels(store)))
        raise KgError(f"no entity named '{entity}'{hint} (look names up with entities(search=...))")
    return found


def nearest_names(store: EmbeddedStore, name: str, *, n: int = 5) -> list[str]:
    """The entity names nearest to ``name``: see ``KnowledgeGraph.nearest_names``."""
    return tr_names.nearest_names(name, _spellings(_entity_names(store), labels(store)), n=n)


def _entity_names(store: EmbeddedStore) -> list[tuple[str, str]]:
    """(IRI, name) for every label and alias of a typed entity, in any graph."""
    rows = store.query(f"""
        SELECT DISTINCT ?e ?name WHERE {{
          VALUES ?top {{ {sparql.TOP_TYPES} }}
          GRAPH ?g {{ ?e a ?top ; rdfs:label|skos:altLabel ?name }} }}""")
    return [(r["e"].value, r["name"].value) for r in rows]


def _spellings(named: list[tuple[str, str]], canonical: dict[str, str]) -> list[str]:
    """Every name of the entities, each entity's own label before its other spellings and
    aliases (the nearest names are offered in this order)."""
    iris = sorted({iri for iri, _ in named})
    own = [canonical[iri] for iri in iris if iri in canonical]
    return [*own, *sorted(other for _, other in named)]


def _entity_classes(store: EmbeddedStore) -> dict[str, set[str]]:
    """The civ: entity classes (top types and subtypes) of every typed node."""
    rows = store.query(
        "SELECT DISTINCT ?e ?class WHERE { "
        f"VALUES ?class {{ {sparql.ENTITY_CLASSES} }} ?e a ?class }}"
    )
    found: dict[str, set[str]] = {}
    for r in rows:
        found.setdefault(r["e"].value, set()).add(r["class"].value.removeprefix(vocab.CIV))
    return found


def _aliases(store: EmbeddedStore) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for r in store.query("SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"):
        found.setdefault(r["e"].value, set()).add(r["alias"].value)
    return found


def _article_counts(store: EmbeddedStore) -> dict[str, int]:
    """How many graphs (articles) name each node."""
    rows = store.query(
        "SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e rdfs:label ?l } } GROUP BY ?e"
    )
    return {r["e"].value: int(r["n"].value) for r in rows}


def _mention_counts(store: EmbeddedStore) -> dict[str, int]:
    rows = store.query(
        f"SELECT ?e (SUM(?n) AS ?total) WHERE {{ GRAPH ?g {{ ?e civ:{vocab.MENTION_COUNT} ?n }} }} "
        "GROUP BY ?e"
    )
    return {r["e"].value: int(r["total"].value) for r in rows}


def _party_condition(iris: list[str]) -> str:
    parties = ", ".join(str(NamedNode(iri)) for iri in iris)
    return f"(?subject IN ({parties}) || ?object IN ({parties}))"


def _predicate_values(predicate: str | Iterable[str] | None) -> str:
    if predicate is None:
        return ""
    wanted = [predicate] if isinstance(predicate, str) else list(predicate)
    unknown = [p for p in wanted if p not in vocab.PREDICATES]
    if unknown:
        raise KgError(
            f"unknown predicate '{unknown[0]}' (use one of: {', '.join(vocab.PREDICATES)})"
        )
    return "VALUES ?predicate { " + sparql.civ_terms(wanted) + " }"


def _date_conditions(
    after: str, since: DateLike | None, before: str, until: DateLike | None
) -> list[str]:
    conditions = []
    if since is not None:
        conditions.append(f'{after} >= "{_day(since, "since")}"^^xsd:date')
    if until is not None:
        conditions.append(f'{before} <= "{_day(until, "until")}"^^xsd:date')
    return conditions


def _day(value: DateLike, name: str) -> str:
    """An ISO day from a date, datetime, pandas Timestamp or 'YYYY-MM-DD' string."""
    try:
        return parse_day(value if isinstance(value, date) else str(value)).isoformat()
    except ValueError as e:
        raise KgError(f"{name}={value!r} is not a date (give a date or 'YYYY-MM-DD')") from e


def _filter(conditions: list[str]) -> str:
    return f"FILTER ({' && '.join(conditions)})" if conditions else ""


def _with_labels(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Add subject_label and object_label, and shorten predicate IRIs to their civ: local name."""
    for party in ("subject", "object"):
        frame[f"{party}_label"] = frame[party].map(names)
    frame["predicate"] = frame["predicate"].astype("string").str.removeprefix(vocab.CIV)
    return frame


def _conform(
    frame: pd.DataFrame,
    columns: tuple[str, ...],
    *,
    dates: tuple[str, ...] = (),
    floats: tuple[str, ...] = (),
    integers: tuple[str, ...] = (),
    lists: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The columns in order with fixed dtypes, whatever the values (or their absence) were; a
    malformed date in a hand-made graph becomes NaT, as merging treats it as undated."""
    frame = frame.reindex(columns=list(columns))
    for column in columns:
        if column in dates:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        elif column in floats:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        elif column in integers:
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
        elif column not in lists:
            frame[column] = frame[column].astype("string")
    return frame


def _sorted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return frame.sort_values(by, na_position="last", kind="stable").reset_index(drop=True)
