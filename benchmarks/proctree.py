"""CPU time and memory of a process and every process under it, sampled from /proc (Linux).

A build with workers runs them under a forkserver, so they are not the build's children when
they exit and ``getrusage(RUSAGE_CHILDREN)`` never sees them; reading /proc while they run does.
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class TreeUsage:
    """What the processes of a tree used: each one's CPU seconds as last seen, and the highest
    total RSS (KiB) of the processes alive at one sample."""

    root: int
    cpu_seconds: dict[int, float] = field(default_factory=dict)
    total_peak_kib: int = 0

    def sample(self) -> None:
        total = 0
        for pid in (self.root, *descendants(self.root)):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
                status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
            except OSError:  # it ended between the listing and the reading
                continue
            utime, stime = stat.rsplit(")", 1)[1].split()[11:13]
            self.cpu_seconds[pid] = (int(utime) + int(stime)) / TICKS
            total += _status_kib(status).get("VmRSS", 0)
        self.total_peak_kib = max(self.total_peak_kib, total)

    def cpu_seconds_below(self) -> float:
        """CPU seconds of the processes under the root (workers), each as last seen."""
        return sum(s for pid, s in self.cpu_seconds.items() if pid != self.root)


def cpu_by_thread_kind() -> dict[str, float]:
    """CPU seconds of this process so far, split: the main thread ("main"), RocksDB's background
    threads, which compact the store ("rocksdb"), and every other thread, ended ones included
    ("other": the total less those two; Oxigraph's bulk loader runs its writers in threads of their
    own that end with each load)."""
    main = rocksdb = 0.0
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text(encoding="utf-8")
        except OSError:  # it ended between the listing and the reading
            continue
        name, _, rest = stat.partition("(")[2].rpartition(")")
        utime, stime = rest.split()[11:13]
        seconds = (int(utime) + int(stime)) / TICKS
        if int(task.name) == os.getpid():
            main += seconds
        elif name.startswith("rocksdb:"):
            rocksdb += seconds
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = usage.ru_utime + usage.ru_stime
    return {"main": main, "rocksdb": rocksdb, "other": max(total - main - rocksdb, 0.0)}


def descendants(root: int) -> list[int]:
    """The processes under ``root``: its children, theirs, and so on."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        below = children.get(todo.pop(), [])
        found += below
        todo += below
    return found


def run_sampled(
    command: list[str], every: float = 0.2
) -> tuple[subprocess.CompletedProcess, TreeUsage]:
    """Run ``command``, sampling its process tree every ``every`` seconds until it exits."""
    # stdout goes to a file, read at the end: a pipe nobody reads meanwhile could fill and block
    with tempfile.TemporaryFile() as out, subprocess.Popen(command, stdout=out) as process:
        usage = TreeUsage(process.pid)
        while process.poll() is None:
            usage.sample()
            time.sleep(every)
        out.seek(0)
        stdout = out.read()
    return subprocess.CompletedProcess(command, process.returncode, stdout), usage


def _status_kib(status: str) -> dict[str, int]:
    values = {}
    for line in status.splitlines():
        name, _, rest = line.partition(":")
        if rest.strip().endswith(" kB"):
            values[name] = int(rest.split()[0])
    return values
