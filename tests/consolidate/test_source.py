"""The two places consolidation reads from keep one contract."""

import inspect

import pytest

from kg.consolidate.scratch_rows import FactRows
from kg.consolidate.source import FactSource
from kg.consolidate.store_source import StoreReads
from kg.store.embedded import EmbeddedStore

METHODS = ("facts", "labels", "pair_facts", "held")


@pytest.mark.parametrize("cls", [StoreReads, FactRows])
def test_each_source_has_the_protocols_methods_with_its_parameters(cls):
    for name in METHODS:
        wanted = list(inspect.signature(getattr(FactSource, name)).parameters)
        assert list(inspect.signature(getattr(cls, name)).parameters) == wanted, (cls, name)


def test_the_store_and_a_first_builds_rows_are_fact_sources(tmp_path):
    assert isinstance(StoreReads(EmbeddedStore(tmp_path / "store")), FactSource)
    with FactRows(tmp_path) as rows:
        assert isinstance(rows, FactSource)
        assert list(rows.labels(["https://example.org/e"])) == []
