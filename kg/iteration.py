"""Iteration helpers that several layers use."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
