"""Where consolidation reads a chunk's facts, labels and merged quads: the ``FactSource``.

Two kinds implement it: ``StoreReads`` (kg/consolidate/store_source.py) reads the store with
index lookups; ``FactRows`` (kg/consolidate/scratch_rows.py) reads the rows a first build kept
in a scratch SQLite file while it wrote the article graphs, so it need not read them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from pyoxigraph import Quad

from kg.consolidate.rules import ReportedFact


@runtime_checkable
class FactSource(Protocol):
    def facts(self, asked: list[str], by_counterpart: Iterable[str]) -> list[ReportedFact]:
        """The facts whose agent is one of ``asked`` (IRIs), and those of the ``by_counterpart``
        predicates whose counterpart is one of them."""
        ...

    def labels(self, asked: list[str]) -> Iterator[tuple[str, str, int]]:
        """(IRI, name, how many article graphs give it) for each name the entities are given."""
        ...

    def pair_facts(self, pairs: Iterable[tuple[str, str]]) -> list[ReportedFact]:
        """The facts whose (agent, counterpart) is one of ``pairs``."""
        ...

    def held(self, asked: list[str]) -> Iterator[Quad]:
        """The merged-graph quads of the asked entities as they stand (none before a first
        consolidation)."""
        ...
