"""End to end: a real `kg build` killed with SIGKILL leaves every article graph old or new, never half."""

from __future__ import annotations

import itertools
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest
from pyoxigraph import NamedNode

from benchmarks.corpus import synthetic_articles
from kg import KnowledgeGraph, vocab
from kg.builder.plan import CONSOLIDATING
from tests.support.union import union_mismatch

pytestmark = pytest.mark.slow  # each test runs and kills real builds

ARTICLES = 200
DEADLINE = 120.0  # seconds a build may take to reach its kill point before the test fails
PROGRESS = re.compile(rb"(\d+)/\d+ ")  # the progress bar's "done/total"
ONTOLOGY = f"<{vocab.ONTOLOGY_GRAPH}>"
MERGED = f"<{vocab.MERGED_GRAPH}>"

Graphs = dict[str, frozenset[str]]


@dataclass(frozen=True)
class States:
    """The corpus file (holding the new texts) and the graphs of the old and the new build."""

    news: Path
    old_dir: Path
    old: Graphs  # the finished build of the old texts: where each killed build starts
    written: Graphs  # each article graph as the new build writes it, before consolidation
    new: Graphs  # the finished build of the new texts (consolidated across articles)


def synthetic_records(seed: int) -> list[dict[str, str]]:
    """ARTICLES articles from the team's templates (benchmarks/corpus.py), with stable ids."""
    articles = itertools.islice(synthetic_articles(10**9, seed=seed), ARTICLES)
    return [{"id": f"haber-{k}", "text": a.text, "date": a.date} for k, a in enumerate(articles)]


def write_corpus(path: Path, seed: int) -> None:
    lines = (json.dumps(r, ensure_ascii=False) for r in synthetic_records(seed))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def line(quad: pyoxigraph.Quad) -> str:
    """A quad as an N-Quads line."""
    return str(quad)


def graphs_of(out: Path) -> Graphs:
    """Every named graph of the store in ``out``, as a set of N-Quads lines, after checking that
    the default graph is their union (each write changes both in one transaction)."""
    store = KnowledgeGraph.open(out).store
    assert union_mismatch(store.raw) == (set(), set())
    graphs = defaultdict(set)
    for graph in store.named_graphs():  # the merged graph's nodes are in the default graph only
        for quad in store.graph_quads(NamedNode(graph)):  # an article's own nodes with it
            graphs[str(quad.graph_name)].add(line(quad))
    return {g: frozenset(quads) for g, quads in graphs.items()}


def trig_quads(path: Path) -> frozenset[str]:
    """The quads of a TriG file; a truncated file fails to parse."""
    quads = pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG)
    return frozenset(line(q) for q in quads)


def all_quads(graphs: Graphs) -> frozenset[str]:
    return frozenset().union(*graphs.values())


@pytest.fixture(scope="module")
def states(tmp_path_factory) -> States:
    root = tmp_path_factory.mktemp("durability")
    news = root / "in" / "news.jsonl"  # one path for both texts: it is stored as civ:sourceFile
    news.parent.mkdir()
    write_corpus(news, seed=1)
    KnowledgeGraph.build([news], out=root / "old", html=False)
    write_corpus(news, seed=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(KnowledgeGraph, "consolidate", lambda self, scope=None: None)
        KnowledgeGraph.build([news], out=root / "written", formats=(), html=False)
    shutil.copytree(root / "written", root / "new")
    KnowledgeGraph.open(root / "new", read_only=False).consolidate()  # all of it
    return States(
        news,
        root / "old",
        graphs_of(root / "old"),
        graphs_of(root / "written"),
        graphs_of(root / "new"),
    )


def start_build(news: Path, out: Path) -> tuple[subprocess.Popen, int]:
    """A real `kg build` whose standard error is a terminal, so it reports each article written."""
    parent, child = pty.openpty()
    # groups of about 15 articles: the kill can land between writes (a build writes ~450 at once)
    command = (
        "import sys; import kg.builder.ingest; kg.builder.ingest.WRITE_LINES = 6_000; "
        "from kg.cli import main; sys.exit(main())"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", command, "build", str(news), "--out", str(out), "--no-html"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=child,
    )
    os.close(child)
    return process, parent


def kill_when(news: Path, out: Path, reached: Callable[[int, bytes], bool]) -> int:
    """Run a build and SIGKILL it once ``reached(articles written, the latest output)`` holds;
    returns the articles written (the "Writing" bar's count: the first bar counts extraction)."""
    process, terminal = start_build(news, out)
    written, output, writing = 0, b"", False
    started = time.monotonic()
    try:
        while not reached(written, output):
            if process.poll() is not None:
                pytest.fail(f"the build ended (exit {process.returncode}) before its kill point")
            if time.monotonic() - started > DEADLINE:
                pytest.fail(f"the build did not reach its kill point in {DEADLINE:.0f} s")
            ready, _, _ = select.select([terminal], [], [], 0.002)
            if ready:
                try:
                    output += os.read(terminal, 4096)
                except OSError:  # the terminal is gone once the build has exited
                    continue
                writing = writing or b"Writing" in output
                counts = PROGRESS.findall(output.rpartition(b"Writing")[2])
                written = int(counts[-1]) if counts and writing else written
                output = output[-64:]
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
        os.close(terminal)
    assert process.returncode == -signal.SIGKILL, "the build finished before the kill landed"
    return written


def exporting(out: Path) -> Callable[[int, bytes], bool]:
    """Whether the build has every article in and is writing graph.trig (its temp file exists)."""
    return lambda written, output: (
        written == ARTICLES and any(p.name.startswith(".graph.trig.") for p in out.iterdir())
    )


def classify(graphs: Graphs, states: States) -> tuple[int, int]:
    """How many article graphs are old and how many new; fails on a graph in any other state.

    Each article graph is old, as the new build wrote it, or as consolidation then left it (a
    label that lost the vote became an alias). The merged graph may be anywhere between the old
    and the new one: a killed consolidation is started over by the next build.
    """
    assert graphs.keys() == states.old.keys() == states.new.keys()
    assert graphs[ONTOLOGY] == states.new[ONTOLOGY]
    articles = graphs.keys() - {ONTOLOGY, MERGED}
    assert graphs[MERGED] <= states.old[MERGED] | states.new[MERGED]
    old = new = 0
    for graph in articles:
        if graphs[graph] in (states.written[graph], states.new[graph]):
            new += 1
        elif graphs[graph] == states.old[graph]:
            old += 1
        else:
            pytest.fail(f"graph {graph} is neither its old nor its new state after SIGKILL")
    return old, new


def test_every_article_graph_differs_between_the_old_and_the_new_texts(states):
    articles = states.new.keys() - {ONTOLOGY, MERGED}
    assert len(articles) == ARTICLES and states.old.keys() == states.new.keys()
    assert all(states.old[g] not in (states.written[g], states.new[g]) for g in articles)


@pytest.mark.parametrize(
    "kill_point",
    ["the extraction", "the article writes", "the consolidation", "the compaction", "the export"],
)
def test_sigkilled_build_leaves_each_article_old_or_new(states, tmp_path, kill_point):
    out = tmp_path / "out"
    shutil.copytree(states.old_dir, out)
    old_trig = trig_quads(out / "graph.trig")
    assert old_trig == all_quads(states.old)
    reached = {
        # articles extracted and spooled, none written yet (the first bar counts extraction)
        "the extraction": lambda written, output: b"/200" in output and b"Writing" not in output,
        "the article writes": lambda written, output: written >= ARTICLES // 3,
        # the next step after the last article
        "the consolidation": lambda written, output: written == ARTICLES,
        "the compaction": lambda written, output: b"compacting the store" in output,
        "the export": exporting(out),
    }[kill_point]

    killed_at = kill_when(states.news, out, reached)

    graphs = graphs_of(out)
    old, new = classify(graphs, states)
    assert graphs == states.new or (out / CONSOLIDATING).exists()  # the next build finishes
    assert new >= killed_at  # every article reported written survived the kill
    if kill_point == "the extraction":
        assert new == 0 and list(out.glob(".kg-spool-*")), "the kill did not land while spooling"
    elif kill_point == "the article writes":
        assert old > 0 and new > 0, "the kill did not land half-way through the writes"
    else:
        assert new == ARTICLES
    if kill_point == "the export":
        assert graphs == states.new
    assert trig_quads(out / "graph.trig") in (old_trig, all_quads(states.new))

    KnowledgeGraph.build([states.news], out=out, html=False)
    assert graphs_of(out) == states.new
    assert trig_quads(out / "graph.trig") == all_quads(states.new)
    assert not [
        p.name for p in out.iterdir() if p.name.startswith((".graph.", ".kg-spool-", ".kg-rows-"))
    ]  # no stray temp file or scratch directory
