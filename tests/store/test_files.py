"""Atomic files: the old file or the new one, and a full disk is one clean error."""

import errno

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KgError
from kg.store.files import atomic_write


def full_disk(stream):
    stream.write(b"half of it")
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_one_error_naming_the_file_and_the_old_file_stays(tmp_path):
    target = tmp_path / "graph.html"
    target.write_bytes(b"the old page")
    with pytest.raises(KgError) as caught:
        atomic_write(target, full_disk)
    assert str(caught.value) == f"{target}: could not write the file: No space left on device"
    assert target.read_bytes() == b"the old page"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]  # no temp file left


def test_a_full_disk_while_exporting_is_one_line_and_exit_code_1(seed_graph, tmp_path, monkeypatch):
    from kg.store.embedded import EmbeddedStore

    monkeypatch.setattr(EmbeddedStore, "write_to", lambda self, stream, fmt: full_disk(stream))
    result = CliRunner().invoke(main, ["export", str(seed_graph), "-o", str(tmp_path / "g.nq")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"kg: error: {tmp_path / 'g.nq'}: could not write the file: No space left on device"
    ]
    assert not list(tmp_path.iterdir())
