"""Extraction speed on one core: MB/s and articles/s over a synthetic corpus.

Run:  python benchmarks/extract.py [--mb 5] [--runs 5] [--profile] [--jsonl FILE]
With --jsonl the corpus is real article texts from a JSONL file ("text" field), repeated until
it reaches the size; without it, synthetic articles from our own templates (benchmarks/corpus.py).
Target (issue 3): at least 1 MB/s per core. Figures are medians over the runs; the machine is
shared and noisy, so compare medians and ratios, not single runs.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import pstats
import statistics
import time
from collections.abc import Iterator

from corpus import synthetic_articles

from kg.model import Article
from kg.pipeline import extract


def repeated_texts(path: str, n_bytes: int) -> Iterator[Article]:
    """The texts of a JSONL file, cycled until ``n_bytes`` of text have been produced."""
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    produced = 0
    for k, text in enumerate(itertools.cycle(texts)):
        if produced >= n_bytes:
            return
        produced += len(text.encode("utf-8"))
        yield Article(f"repeat-{k}", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    parser.add_argument("--runs", type=int, default=5, help="timed passes (default 5)")
    parser.add_argument("--profile", action="store_true", help="profile one pass instead")
    parser.add_argument("--jsonl", help="take article texts from this JSONL file instead")
    args = parser.parse_args()

    size = int(args.mb * 1_000_000)
    articles = list(repeated_texts(args.jsonl, size) if args.jsonl else synthetic_articles(size))
    size_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    extract(articles[0])  # load the language data outside the timings

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [extract(a) for a in articles])
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(25)
        return

    seconds = []
    outputs = []
    for _ in range(args.runs):
        started = time.perf_counter()
        out = [extract(a) for a in articles]
        seconds.append(time.perf_counter() - started)
        outputs.append(out)
    same = all(
        json.dumps([e.to_json() for e in o], ensure_ascii=False)
        == json.dumps([e.to_json() for e in outputs[0]], ensure_ascii=False)
        for o in outputs[1:]
    )
    median = statistics.median(seconds)
    facts = sum(len(e.facts) for e in outputs[0])
    print(f"corpus          {size_mb:.2f} MB, {len(articles)} articles, {facts} facts extracted")
    print(f"runs            {args.runs} (min {min(seconds):.2f}s, max {max(seconds):.2f}s)")
    print(f"median          {median:.2f}s")
    print(f"MB/s per core   {size_mb / median:.2f}   (target >= 1.0)")
    print(f"articles/s/core {len(articles) / median:.0f}")
    print(f"deterministic   {'yes' if same else 'NO: outputs differ between runs'}")


if __name__ == "__main__":
    main()
