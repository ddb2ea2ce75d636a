"""N-Triples lines sorted on disk and merged, each line once: the union export's external sort."""

from __future__ import annotations

import contextlib
import heapq
import os
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph
from pyoxigraph import Quad, RdfFormat

# A triple-format export sorts this many N-Triples lines in memory at a time (~40 MB at ~150
# bytes a line).
SORT_RUN_LINES = 100_000


def sorted_runs(quads: Iterator[Quad], scratch: Path) -> list[Path]:
    """The triples of ``quads`` as N-Triples lines, in files of SORT_RUN_LINES sorted lines."""
    runs: list[Path] = []
    while text := pyoxigraph.serialize(
        (q.triple for q in islice(quads, SORT_RUN_LINES)), format=RdfFormat.N_TRIPLES
    ):
        lines = text.splitlines(keepends=True)
        del text  # the lines are a copy: holding both would double the peak
        lines.sort()
        run = scratch / f"run-{len(runs)}.nt"
        with run.open("wb") as f:
            f.writelines(_unique(lines))
        runs.append(run)
    return runs


@contextlib.contextmanager
def merged(runs: list[Path]) -> Iterator[Iterator[bytes]]:
    """The lines of sorted runs in order, each once (the runs stay open while it is in use)."""
    with contextlib.ExitStack() as files:
        yield _unique(heapq.merge(*(files.enter_context(run.open("rb")) for run in runs)))


def merge_runs(runs: list[Path], scratch: Path) -> Path:
    """One sorted run from several, which are removed (so a huge store never opens too many)."""
    fd, name = tempfile.mkstemp(suffix=".nt", dir=scratch)
    with os.fdopen(fd, "wb") as f, merged(runs) as lines:
        f.writelines(lines)
    for run in runs:
        run.unlink()
    return Path(name)


def _unique(sorted_lines: Iterable[bytes]) -> Iterator[bytes]:
    previous = None
    for line in sorted_lines:
        if line != previous:
            yield line
            previous = line


def parse_lines(lines: Iterator[bytes], batch: int = 10_000) -> Iterator[pyoxigraph.Triple]:
    """Triples from N-Triples lines, parsed a batch at a time (in Rust, not line by line here)."""
    while chunk := b"".join(islice(lines, batch)):
        for quad in pyoxigraph.parse(chunk, RdfFormat.N_TRIPLES):
            yield quad.triple
