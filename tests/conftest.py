"""Fixtures many test modules share. Helpers imported by name (paths, the browser, the servers,
the union check) live in tests/support/."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

from kg import KnowledgeGraph
from tests.support import SEED

# Locally the property tests draw new examples on every run, to find what no one wrote down; under
# CI they draw the same ones, so a submission is judged by its own change, not by a random draw
# (a failure found locally becomes a test of its own: tests/extract/test_people_places.py).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory) -> Path:
    """The sample article built once, RDF file and HTML view included, for tests that only read
    it (a test that changes a graph copies it first)."""
    out = tmp_path_factory.mktemp("seed") / "out"
    report = KnowledgeGraph.build([SEED], out=out)
    assert report.ok, report.problems
    return out
