"""Every `kg serve` reproducer of ../shared/repro/ (issue 20) is answered 4xx or 5xx, and the server
serves on after it.

The reproducers are the project's own fragments, kept as given in ``tests/repro/`` (checked byte
for byte against ``../shared/repro/`` where it is beside the checkout, by
``tests/test_repro_inputs.py``); a test per file, so a new one is picked up by name.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support import ROOT
from tests.support.serving import ServerProcess, ask, kg_serve, send

pytestmark = pytest.mark.slow  # real servers

REPRO = ROOT / "tests/repro"


def reproducers(pattern: str) -> list[str]:
    return sorted(p.name for p in REPRO.glob(pattern))


def test_there_are_serve_reproducers():
    assert len(reproducers("serve-*.rq")) >= 5


@pytest.fixture(scope="module")
def server(seed_graph, tmp_path_factory) -> Iterator[ServerProcess]:
    options = ("--workers", "2", "--timeout", "2", "--memory", "128")
    with kg_serve(seed_graph, tmp_path_factory.mktemp("repro"), *options) as running:
        yield running


@pytest.mark.parametrize("name", reproducers("serve-*.rq"))
def test_a_serve_reproducer_is_answered_4xx_or_5xx_and_the_server_serves_on(server, name):
    query = (REPRO / name).read_text(encoding="utf-8")
    status, body = send(server.url, query)
    assert 400 <= status < 600, body[:300]
    assert body.count(b"\n") == 1  # one line saying why
    assert server.alive(), server.log.read_text()
    assert ask(server.url, "ASK { ?s ?p ?o }") == (200, b'{"head":{},"boolean":true}')
