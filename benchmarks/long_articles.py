"""Extraction time against article length: long articles of several shapes, from 25 to 200 KB.

Run:  python -m benchmarks.long_articles [--sizes 25,50,100,200] [--runs 3] [--only SHAPE,...]
                                         [--profile SHAPE:KB]
Each shape is one article cut to each size (KB of UTF-8 text), made from our own texts: the
sample article (data/izmir-manisa-fed.txt), the synthetic articles of benchmarks/corpus.py and,
when the checkout sits beside ../shared, the 200 KB reproducer of issue 20
(../shared/repro/extract-quadratic-200k.jsonl, read at run time):
  repro                  the reproducer: one sentence of one organisation's name, repeated
  one sentence of names  the synthetic articles' runs of capitalised words, joined by commas
                         and "ve", with no full stop: one sentence listing thousands of names
  short sentences        synthetic articles one after the other: many sentences, many names
  no punctuation         synthetic articles with every punctuation mark and line break removed
  capitalised words      the same, every word capitalised: runs of capitalised words as long
                         as the article
  sample repeated        the sample article over and over
  sample in capitals     the same in capitals
Building the articles is not timed. Each cell is the median CPU time of --runs extractions in
this process (more for a small article: as many as take 1 s), per 10 KB; the growth of a shape
is its time at the largest size over its time at the smallest, divided by the ratio of the sizes
(1.0 is linear). Targets (issue 20): at most 1 s per 10 KB, and linear (a growth of at most 1.3,
what noise leaves of 1.0). --profile runs cProfile over one extraction of one shape and size and
prints the functions with the most own and cumulative time. The machine is shared and noisy:
compare medians and ratios, not single runs.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import re
import statistics
import time
from collections.abc import Callable
from functools import cache

from benchmarks.corpus import synthetic_articles
from benchmarks.damage import CHECKOUT, cut
from benchmarks.scale import Row, checked, print_table
from kg.builder.readers import read_text
from kg.extract.pipeline import extract
from kg.extract.windows import MAX_SENTENCE_TOKENS
from kg.lang.tr.text import upper
from kg.model import Article

REPRO = CHECKOUT.parent / "shared/repro/extract-quadratic-200k.jsonl"
SAMPLE = CHECKOUT / "data/izmir-manisa-fed.txt"
KB = 1000
PER_KB = 10  # times are given per 10 KB, as the target is
TARGET = 1.0  # s per 10 KB (issue 20)
MIN_CPU = 1.0  # s: a cell's extractions are repeated until they took this much
LINEAR_TARGET = 1.3  # growth: time per KB at the largest size over the smallest; 1.0 is linear
_PUNCTUATION = re.compile(r"[^\w\s]+|\n")


def filled(text: str, n_bytes: int, joiner: str = "\n") -> str:
    """``text`` repeated until it holds ``n_bytes`` of UTF-8, cut there."""
    copies = n_bytes // max(1, len(text.encode("utf-8"))) + 1
    return cut(joiner.join([text] * copies), n_bytes)


@cache
def synthetic_text(n_bytes: int) -> str:
    """Synthetic articles (benchmarks/corpus.py, seed 0) one after the other, ``n_bytes`` long."""
    return cut("\n\n".join(a.text for a in synthetic_articles(n_bytes + 3 * KB, 0)), n_bytes)


def names_in_one_sentence(n_bytes: int) -> str:
    words = _PUNCTUATION.sub(" ", synthetic_text(3 * n_bytes)).split()
    runs, run = [], []
    for word in words:
        if word[:1].isupper():
            run.append(word)
        elif run:
            runs.append(" ".join(run))
            run = []
    joined = "".join(f"{name}{', ' if k % 3 else ' ve '}" for k, name in enumerate(runs))
    return cut(joined, n_bytes)


def no_punctuation(n_bytes: int) -> str:
    return cut(" ".join(_PUNCTUATION.sub(" ", synthetic_text(2 * n_bytes)).split()), n_bytes)


def capitalised_words(n_bytes: int) -> str:
    words = no_punctuation(n_bytes).split()
    return " ".join(upper(w[:1]) + w[1:] for w in words)


def sample_text() -> str:
    return next(a for a in read_text(SAMPLE) if isinstance(a, Article)).text


def repro_text() -> str:
    with REPRO.open(encoding="utf-8") as lines:
        return json.loads(lines.readline())["text"]


SHAPES: dict[str, Callable[[int], str]] = {
    "repro": lambda n: cut(repro_text(), n),
    "one sentence of names": names_in_one_sentence,
    "short sentences": synthetic_text,
    "no punctuation": no_punctuation,
    "capitalised words": capitalised_words,
    "sample repeated": lambda n: filled(sample_text(), n),
    "sample in capitals": lambda n: filled(upper(sample_text()), n),
}


def seconds(text: str, runs: int) -> float:
    """The median CPU time of extracting one article, over at least ``runs`` extractions and
    at least MIN_CPU seconds of them (a small article's time is noisier)."""
    times: list[float] = []
    while len(times) < runs or sum(times) < MIN_CPU:
        started = time.thread_time()
        extract(Article("long", text))
        times.append(time.thread_time() - started)
    return statistics.median(times)


def shape_rows(shape: str, sizes: list[int], runs: int) -> tuple[list[Row], dict[int, float]]:
    """A row per size (s per 10 KB) and the shape's growth; and the seconds at each size."""
    rows, took = [], {}
    for size in sizes:
        text = SHAPES[shape](size * KB)
        took[size] = seconds(text, runs)
        per = took[size] * PER_KB / (len(text.encode("utf-8")) / KB)
        rows.append(checked(shape, f"{size} KB", per, f"s per {PER_KB} KB", at_most=TARGET))
    small, large = min(sizes), max(sizes)
    if large > small:
        growth = took[large] / took[small] / (large / small)
        span = f"{large} / {small} KB"
        rows.append(checked(f"{shape}: growth", span, growth, "x linear", at_most=LINEAR_TARGET))
    return rows, took


def profile(shape: str, size: int, top: int = 25) -> None:
    text = SHAPES[shape](size * KB)
    profiler = cProfile.Profile()
    profiler.runcall(extract, Article("long", text))
    stats = pstats.Stats(profiler).strip_dirs()
    for order in ("tottime", "cumulative"):
        print(f"--- {shape}, {size} KB: top {top} by {order} time ---")
        stats.sort_stats(order).print_stats(top)


def sizes(text: str) -> list[int]:
    return sorted(int(s) for s in text.split(",") if s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=sizes, default=[25, 50, 100, 200], help="KB (default 25,50,100,200)"
    )
    parser.add_argument("--runs", type=int, default=3, help="extractions per cell (default 3)")
    parser.add_argument(
        "--only", help=f"shapes, comma-separated (default all: {', '.join(SHAPES)})"
    )
    parser.add_argument("--profile", metavar="SHAPE:KB", help="profile one extraction instead")
    args = parser.parse_args()
    shapes = args.only.split(",") if args.only else list(SHAPES)
    unknown = sorted(set(shapes) - set(SHAPES))
    if unknown:
        parser.error(f"unknown shapes {unknown}; use {', '.join(SHAPES)}")
    if "repro" in shapes and not REPRO.is_file():
        print(f"(no {REPRO}: the repro shape is left out)")
        shapes.remove("repro")
    extract(Article("warm", sample_text()))  # load the language data outside the timings
    if args.profile:
        shape, size = args.profile.rsplit(":", 1)
        profile(shape, int(size))
        return

    print(
        f"sentences over {MAX_SENTENCE_TOKENS} tokens are read in windows (kg/extract/windows.py)"
    )
    rows: list[Row] = []
    largest: dict[str, float] = {}
    for shape in shapes:
        shape_table, took = shape_rows(shape, args.sizes, args.runs)
        rows += shape_table
        largest[shape] = took[max(args.sizes)]
    slowest = max(largest, key=largest.__getitem__)
    rows.append(
        Row(
            f"slowest article of {max(args.sizes)} KB",
            slowest,
            largest[slowest],
            "s",
            note="the bound reached",
        )
    )
    print_table(rows)


if __name__ == "__main__":
    main()
