"""Extraction speed on one core: MB/s and articles/s over a synthetic corpus.

Run:  python benchmarks/extract.py [--mb 5] [--runs 5] [--profile]
Target (issue 3): at least 1 MB/s per core. Figures are medians over the runs; the machine is
shared and noisy, so compare medians and ratios, not single runs.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import time

from corpus import synthetic_articles

from kg.pipeline import extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    parser.add_argument("--runs", type=int, default=5, help="timed passes (default 5)")
    parser.add_argument("--profile", action="store_true", help="profile one pass instead")
    args = parser.parse_args()

    articles = list(synthetic_articles(int(args.mb * 1_000_000)))
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
