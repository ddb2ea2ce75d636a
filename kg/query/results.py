"""SPARQL results as Python: SELECT as a DataFrame with typed columns, ASK a bool, CONSTRUCT an rdflib graph."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeAlias

import pandas as pd
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, RdfFormat

from kg import vocab
from kg.dates import parse_day

QueryResult: TypeAlias = pd.DataFrame | bool | rdflib.Graph

_INTEGER_TYPES = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
}
_FLOAT_TYPES = {"decimal", "double", "float"}

# The kind of each cell: the dtype of a column whose bound cells are all of one kind.
INTEGER, FLOAT, BOOLEAN, DATE, DATETIME, TEXT = "int", "float", "bool", "date", "datetime", "text"


def results_frame(results) -> QueryResult:
    """pyoxigraph query results as Python: a DataFrame for SELECT, a bool for ASK, and an
    ``rdflib.Graph`` (the project's prefixes bound) for CONSTRUCT and DESCRIBE.

    >>> from pyoxigraph import Store
    >>> store = Store()
    >>> results_frame(store.query("ASK { }"))
    True
    >>> results_frame(store.query('CONSTRUCT { <urn:a> <urn:b> "c" } WHERE { }')).serialize(format="nt").strip()
    '<urn:a> <urn:b> "c" .'
    """
    if isinstance(results, QueryBoolean):
        return bool(results)
    if isinstance(results, QuerySolutions):
        return solutions_frame(results)
    graph = rdflib.Graph()
    for prefix, namespace in vocab.PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.parse(data=results.serialize(format=RdfFormat.N_TRIPLES), format="nt")


def solutions_frame(solutions: QuerySolutions) -> pd.DataFrame:
    """SELECT solutions as a DataFrame: one column per variable, in order, typed by its values.

    A column whose bound values are all xsd:integer (or a derived type) is ``Int64``; decimals,
    doubles and floats (integers among them too) ``float64``; xsd:boolean ``boolean``; xsd:date
    and xsd:dateTime ``datetime64`` (so ``.dt.year`` works; dateTimes with a timezone in UTC);
    IRIs, blank nodes (``_:id``) and other literals ``string`` (their lexical form).
    Unbound cells are missing (``pd.NA``/``NaT``/``NaN``). A column mixing kinds stays
    ``object`` of Python values (int, float, bool, date, datetime, str, None).

    >>> from pyoxigraph import Store
    >>> store = Store()
    >>> frame = solutions_frame(store.query('''
    ...     SELECT ?n ?c ?d ?name WHERE { VALUES (?n ?c ?d ?name) {
    ...       (3 0.75 "2024-03-01"^^<http://www.w3.org/2001/XMLSchema#date> "Bornova"@tr)
    ...       (UNDEF 0.5 "2025-01-15"^^<http://www.w3.org/2001/XMLSchema#date> <urn:x>) } }'''))
    >>> [str(frame[c].dtype) for c in ("n", "c", "name")]
    ['Int64', 'float64', 'string']
    >>> frame["d"].dt.year.tolist(), frame["n"].isna().tolist()
    ([2024, 2025], [False, True])
    """
    names = [v.value for v in solutions.variables]
    columns: list[list[tuple[str | None, object]]] = [[] for _ in names]
    for solution in solutions:
        for column, term in zip(columns, solution, strict=True):
            column.append(python_value(term))
    return pd.DataFrame(
        {name: typed_column(cells) for name, cells in zip(names, columns, strict=True)},
        columns=names,
    )


def python_value(term) -> tuple[str | None, object]:
    """The kind and Python value of an RDF term (``(None, None)`` when unbound); an ill-typed
    literal (``"abc"^^xsd:integer``) keeps its text.

    >>> python_value(Literal("0.850", datatype=NamedNode(vocab.XSD + "decimal")))
    ('float', 0.85)
    >>> python_value(Literal("yok", datatype=NamedNode(vocab.XSD + "integer")))
    ('text', 'yok')
    >>> python_value(NamedNode("https://example.org/a"))
    ('text', 'https://example.org/a')
    """
    if term is None:
        return None, None
    if isinstance(term, Literal):
        parse = _LITERAL_PARSERS.get(term.datatype.value)
        if parse is not None:
            try:
                return parse(term.value)
            except ValueError:  # not a valid lexical form of its datatype: keep what was written
                pass
        return TEXT, term.value
    if isinstance(term, BlankNode):
        return TEXT, f"_:{term.value}"
    if isinstance(term, NamedNode):
        return TEXT, term.value
    return TEXT, str(term)  # an RDF 1.2 triple term


def typed_column(cells: list[tuple[str | None, object]]) -> pd.Series:
    """One column from the kinds and values of its cells (see ``solutions_frame``).

    >>> typed_column([("int", 1), ("float", 0.5)]).dtype
    dtype('float64')
    >>> typed_column([("int", 1), ("text", "bir")]).tolist()
    [1, 'bir']
    """
    values = [value for _, value in cells]
    kinds = {kind for kind, _ in cells if kind is not None}
    if kinds == {INTEGER}:
        return pd.Series(values, dtype="Int64")
    if kinds and kinds <= {INTEGER, FLOAT}:
        return pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
    if kinds == {BOOLEAN}:
        return pd.Series(values, dtype="boolean")
    if kinds and kinds <= {DATE, DATETIME}:
        aware = any(isinstance(v, datetime) and v.tzinfo is not None for v in values)
        return pd.Series(pd.to_datetime(values, utc=aware))
    if kinds == {TEXT}:
        return pd.Series(values, dtype="string")
    return pd.Series(values, dtype=object)


def _boolean(text: str) -> tuple[str, bool]:
    if text not in ("true", "false", "1", "0"):
        raise ValueError(text)
    return BOOLEAN, text in ("true", "1")


def _date(text: str) -> tuple[str, date]:
    # An xsd:date may carry a timezone ("2024-03-01Z"); a day is a day wherever it is.
    if len(text) > 10 and text[10] not in "Z+-":
        raise ValueError(text)
    return DATE, parse_day(text[:10])


def _datetime(text: str) -> tuple[str, datetime]:
    return DATETIME, pd.Timestamp(text).to_pydatetime()


_LITERAL_PARSERS: dict[str, Callable[[str], tuple[str, object]]] = {
    **{vocab.XSD + t: (lambda text: (INTEGER, int(text))) for t in _INTEGER_TYPES},
    **{vocab.XSD + t: (lambda text: (FLOAT, float(text))) for t in _FLOAT_TYPES},
    vocab.XSD + "boolean": _boolean,
    vocab.XSD + "date": _date,
    vocab.XSD + "dateTime": _datetime,
    vocab.XSD + "dateTimeStamp": _datetime,
}
