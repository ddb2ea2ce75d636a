"""The build-stage benchmark runs end to end on a small corpus and its parts add up to its total."""

import re
import subprocess
import sys

import pytest

from benchmarks.build_stages import ROWS
from tests.support import ROOT

pytestmark = pytest.mark.slow  # two child processes: a build and the engine's own load


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
