"""Extraction speed on one core: MB/s and articles/s over a synthetic corpus.

Run:  python -m benchmarks.extract [--mb 5] [--runs 5] [--profile] [--jsonl FILE]
Without --jsonl the corpus is synthetic articles from our own templates (benchmarks/corpus.py);
with it, real article texts from a JSONL file ("text" field), repeated until they reach the size.
Generating the corpus is not timed. Each run extracts every article once in this process; the
table gives the median and the spread, and checks that two runs give the same JSON (the digest
lets two processes, e.g. with different PYTHONHASHSEED, be compared too). --profile runs cProfile
over one pass and prints the 25 functions with the most cumulative and the most own time.
Target (issue 3): at least 1 MB/s per core. The machine is shared and noisy: compare medians and
ratios, not single runs.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import itertools
import json
import pstats
import statistics
import time
from collections.abc import Iterator

from benchmarks.corpus import synthetic_articles
from kg.extract.pipeline import extract
from kg.model import Article, Extraction


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


def extract_all(articles: list[Article]) -> list[Extraction]:
    return [extract(a) for a in articles]


def digest(extractions: list[Extraction]) -> str:
    """A short hash of the extractions' JSON, equal for equal output."""
    text = json.dumps([e.to_json() for e in extractions], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def profile(articles: list[Article], top: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(extract_all, articles)
    stats = pstats.Stats(profiler).strip_dirs()
    for order in ("cumulative", "tottime"):
        print(f"--- top {top} by {order} time ---")
        stats.sort_stats(order).print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    parser.add_argument("--runs", type=int, default=5, help="timed passes (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus seed (default 0)")
    parser.add_argument("--profile", action="store_true", help="profile one pass instead")
    parser.add_argument("--jsonl", help="take article texts from this JSONL file instead")
    args = parser.parse_args()
    if args.runs < 2 and not args.profile:
        parser.error("--runs must be at least 2, to check that the output is deterministic")

    size = int(args.mb * 1_000_000)
    source = repeated_texts(args.jsonl, size) if args.jsonl else synthetic_articles(size, args.seed)
    articles = list(source)
    size_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    extract(articles[0])  # load the language data outside the timings

    if args.profile:
        profile(articles)
        return

    seconds = []
    digests = []
    for _ in range(args.runs):
        started = time.perf_counter()
        extractions = extract_all(articles)
        seconds.append(time.perf_counter() - started)
        digests.append(digest(extractions))
    facts = sum(len(e.facts) for e in extractions)
    median = statistics.median(seconds)
    same = len(set(digests)) == 1
    rows = [
        ("corpus", f"{size_mb:.2f} MB, {len(articles)} articles, {facts} facts"),
        ("runs", f"{args.runs}"),
        ("median", f"{median:.2f} s"),
        ("min / max", f"{min(seconds):.2f} s / {max(seconds):.2f} s"),
        ("MB/s per core", f"{size_mb / median:.2f}   (target >= 1.0)"),
        ("articles/s per core", f"{len(articles) / median:.0f}"),
        ("deterministic", f"yes (digest {digests[0]})" if same else f"NO: digests {digests}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
