"""Fixtures many test modules share. Helpers imported by name (paths, the browser, the servers,
the union check) live in tests/support/."""

from pathlib import Path

import pytest

from kg import KnowledgeGraph
from tests.support import SEED


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory) -> Path:
    """The sample article built once, RDF file and HTML view included, for tests that only read
    it (a test that changes a graph copies it first)."""
    out = tmp_path_factory.mktemp("seed") / "out"
    report = KnowledgeGraph.build([SEED], out=out)
    assert report.ok, report.problems
    return out
