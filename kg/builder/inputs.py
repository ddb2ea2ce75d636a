"""Input files and directories -> a stream of Articles, and a Problem for each unreadable input."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.builder.readers import os_error_words, read_html, read_jsonl, read_text
from kg.model import Article, Problem

Reader = Callable[[Path], Iterator[Article | Problem]]
InputFile = tuple[Path, Reader, str]
"""A file to read, its reader, and its path below the input given (``Article.source_file``)."""


def _one(path: Path) -> int:
    return 1


def _jsonl_lines(path: Path) -> int:
    """The non-blank lines of a JSONL file (0 if it cannot be read: reading it says why)."""
    try:
        with path.open("rb") as lines:
            return sum(1 for raw in lines if not raw.isspace())
    except OSError:
        return 0


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
}
"""File suffix (lower case) -> the reader for that kind of file; add a format here."""
ARTICLES_IN: dict[Reader, Callable[[Path], int]] = {read_jsonl: _jsonl_lines}
"""Reader -> how many articles a file of its kind holds, counted cheaply (one if not listed)."""


def read_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article | Problem]:
    """Every Article in the given files and directories, and a Problem for each unreadable input.

    Directories are read recursively in sorted order, skipping hidden entries and files of
    unknown type. An article id seen before is skipped (the first wins); if its text differs,
    that is reported as a Problem, since one of two different articles would otherwise be lost.

    >>> [str(item) for item in read_inputs(["no/such/file.txt"])]
    ['no/such/file.txt: no such file or directory']
    """
    first_seen: dict[str, tuple[str | None, str]] = {}
    for item in _read_paths(paths):
        if isinstance(item, Article):
            digest = hashlib.sha1(item.text.encode("utf-8")).hexdigest()
            if item.id in first_seen:
                source, first_digest = first_seen[item.id]
                if digest != first_digest:
                    yield Problem(
                        str(item.source),
                        f"duplicate article id '{item.id}' with "
                        f"different text (first read from {source}); skipped",
                        line=item.line,
                    )
                continue
            first_seen[item.id] = (item.source, digest)
        yield item


def count_articles(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many articles the inputs hold, found without reading them (a JSONL file's non-blank
    lines, one for each other file): the total of a progress bar. An upper bound, as bad lines and
    repeated articles count too.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "a.jsonl").write_text('{"text": "Bir."}\\n\\n{"text": "İki."}\\n', "utf-8")
    ...     _ = Path(tmp, "b.txt").write_text("Üç.", "utf-8")
    ...     count_articles([tmp])
    3
    """
    files = (found for found in _input_files(paths) if not isinstance(found, Problem))
    return sum(ARTICLES_IN.get(reader, _one)(path) for path, reader, _ in files)


def _read_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article | Problem]:
    for found in _input_files(paths):
        if isinstance(found, Problem):
            yield found
        else:
            path, reader, source_file = found
            for item in reader(path):
                if isinstance(item, Article):
                    item = dataclasses.replace(item, source_file=source_file)
                yield item


def _input_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[InputFile | Problem]:
    """Each input file with its reader and its path below the input named (a file named itself:
    its name), directories walked; a Problem for each that cannot be. That path, not the one
    given, is what the graph records: the same folder named by a relative or an absolute path, or
    moved, gives the same articles."""
    visited_dirs: set[str] = set()
    for name in paths:
        path = Path(name)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            yield Problem(str(path), "no such file or directory")
            continue
        except OSError as e:
            yield Problem(str(path), os_error_words(e))
            continue
        if stat.S_ISDIR(mode):
            yield from _directory_files(path, path, visited_dirs)
        elif not stat.S_ISREG(mode):
            yield Problem(str(path), "not a regular file")
        elif (reader := READERS.get(path.suffix.lower())) is None:
            known = ", ".join(READERS)
            kind = f"'{path.suffix}'" if path.suffix else "(no suffix)"
            yield Problem(str(path), f"unsupported file type {kind} (use {known})")
        else:
            yield path, reader, path.name


def _directory_files(
    directory: Path, root: Path, visited: set[str]
) -> Iterator[InputFile | Problem]:
    real = os.path.realpath(directory)
    if real in visited:  # a symlink loop, or the same directory named twice
        return
    visited.add(real)
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as e:
        yield Problem(str(directory), os_error_words(e))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir():
            yield from _directory_files(path, root, visited)
        elif entry.is_file() and (reader := READERS.get(path.suffix.lower())) is not None:
            yield path, reader, path.relative_to(root).as_posix()
