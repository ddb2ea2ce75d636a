"""Prepared articles spooled to a scratch file as N-Quads text, and read back a group at a time.

A build extracts every article first and writes the store after, group after group: store
writes interleaved with extraction cost RocksDB about 1.5 times the compaction of the same
writes back to back (benchmarks/README.md, "Build"). Only the text goes to disk; what is kept in
memory per article is a few numbers and names, so a build of 100,000 articles holds ~10 MB here.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.builder.workers import Prepared

SPOOL_PREFIX = ".kg-spool-"  # the scratch directory in the build's output directory


@dataclass
class _Group:
    offset: int = 0
    size: int = 0  # bytes of text
    lines: int = 0
    articles: list[Prepared] = field(default_factory=list)  # without their text and rows
    sizes: list[int] = field(default_factory=list)  # bytes of each one's text


class Spool:
    """Append prepared articles; ``groups()`` gives them back in order, in groups of whole
    articles of about ``lines`` lines of N-Quads each, their text read back from disk."""

    def __init__(self, directory: str | Path | None, lines: int) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix=SPOOL_PREFIX, dir=directory)
        self._file = (Path(self._dir.name) / "articles.nq").open("w+b")
        self._lines = lines
        self._groups: list[_Group] = [_Group()]
        self.articles = 0  # added so far

    def add(self, prepared: Prepared) -> None:
        data = prepared.nquads
        group = self._groups[-1]
        if group.lines and group.lines + prepared.lines > self._lines:
            group = _Group(offset=group.offset + group.size)
            self._groups.append(group)
        self._file.write(data)
        group.size += len(data)
        group.lines += prepared.lines
        group.articles.append(
            replace(prepared, nquads=b"", fact_rows=(), label_rows=(), alias_rows=())
        )
        group.sizes.append(len(data))
        self.articles += 1

    def groups(self) -> Iterator[list[Prepared]]:
        """Each group's articles, their text back in place (not their rows: the build has
        kept those already), in the order they were added."""
        self._file.flush()
        for group in self._groups:
            if not group.articles:
                continue
            self._file.seek(group.offset)
            data = self._file.read(group.size)
            articles, start = [], 0
            for p, size in zip(group.articles, group.sizes, strict=True):
                articles.append(replace(p, nquads=data[start : start + size]))
                start += size
            self._file.seek(0, 2)  # more may be added after
            yield articles

    def close(self) -> None:
        self._file.close()
        self._dir.cleanup()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
