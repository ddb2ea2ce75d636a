"""Benchmarks run end to end on small inputs: the build stages add up to their total; the long
articles give a row per shape and size, and each shape's growth."""

import re
import subprocess
import sys

import pytest

from benchmarks.build_stages import ROWS
from tests.support import ROOT

pytestmark = pytest.mark.slow  # child processes: builds, the engine's own load, extractions


def test_build_stages_prints_every_part_and_they_add_up_to_the_total(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.build_stages",
            "--articles",
            "60",
            "--runs",
            "1",
            "--keep",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    table = dict(
        (line[:58].strip(), float(line[58:66]))
        for line in done.stdout.splitlines()
        if re.match(r".{58} +-?\d+\.\d\d", line)
    )
    parts = [table[what] for _, what in ROWS]
    assert all(ms >= 0 for ms in parts[:-1])  # "other" is what is left, and may be a hair below 0
    assert sum(parts) == pytest.approx(table["total"], abs=0.02 * len(parts))
    assert table["build / engine"] > 1  # a build does more than load its own quads
    assert re.search(r"the engine alone: \d+ quads", done.stdout)


def test_long_articles_prints_a_row_per_shape_and_size_and_each_shapes_growth():
    shapes = ["sample repeated", "capitalised words"]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.long_articles", "--sizes", "5,10", "--runs", "1"]
        + ["--only", ",".join(shapes)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in done.stdout.splitlines()]
    rows = {(c[0], c[1]): c for c in cells if len(c) == 6}
    for shape in shapes:
        for size in ("5 KB", "10 KB"):
            assert rows[shape, size][3:] == ["s per 10 KB", "<= 1.0", "yes"]
        assert float(rows[f"{shape}: growth", "10 / 5 KB"][2]) > 0
    [slowest] = [c for c in cells if c and c[0] == "slowest article of 10 KB"]
    assert slowest[1] in shapes and float(slowest[2].split()[0]) > 0
