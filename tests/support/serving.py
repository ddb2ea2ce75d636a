"""`kg serve` started as a real process, and the plain HTTP the serving tests speak to it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

if TYPE_CHECKING:
    from kg.serve import SparqlServer


@dataclass
class ServerProcess:
    """A `kg serve` process: its pid, its endpoint URL, the file its stderr goes to."""

    process: subprocess.Popen
    url: str
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def address(self) -> tuple[str, int]:
        parts = urlsplit(self.url)
        return parts.hostname or "127.0.0.1", parts.port or 80

    def alive(self) -> bool:
        return self.process.poll() is None

    def threads(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/task"))

    def open_files(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def peak_memory_mib(self) -> float:
        """The most resident memory the server process (not its workers) has held."""
        status = Path(f"/proc/{self.pid}/status").read_text(encoding="ascii")
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


@contextmanager
def kg_serve(directory: Path, tmp_path: Path, *options: str) -> Iterator[ServerProcess]:
    """`kg serve DIRECTORY --port 0 -q OPTIONS` until the block ends (then Ctrl-C)."""
    log = tmp_path / f"kg-serve-{os.getpid()}-{len(list(tmp_path.iterdir()))}.log"
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve", str(directory)]
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [*command, "--port", "0", "-q", *options],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal
        )
    try:
        line = process.stdout.readline()
        found = re.search(r"http://\S+/sparql", line)
        assert found, f"kg serve did not start: {line!r} {log.read_text()}"
        yield ServerProcess(process, found.group(), log)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


def ask(url: str, query: str, timeout: float = 30) -> tuple[int, bytes]:
    """GET a query; the status and body, whatever the status."""
    request = urllib.request.Request(f"{url}?{urlencode({'query': query})}")
    return _status_and_body(request, timeout)


def send(url: str, query: str, timeout: float = 60) -> tuple[int, bytes]:
    """POST a query as application/sparql-query; the status and body, whatever the status."""
    request = urllib.request.Request(
        url, data=query.encode("utf-8"), headers={"Content-Type": "application/sparql-query"}
    )
    return _status_and_body(request, timeout)


def _status_and_body(request: urllib.request.Request, timeout: float) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def raw_exchange(address: tuple[str, int], data: bytes, timeout: float = 10) -> tuple[bytes, bool]:
    """Send bytes on a new connection and read until the server closes it or ``timeout``
    passes: what came back, and whether the server closed the connection."""
    with socket.create_connection(address, timeout=timeout) as connection:
        connection.sendall(data)
        received = b""
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except TimeoutError:
            return received, False
    return received, True


@contextmanager
def serving(directory: Path, **options) -> Iterator[SparqlServer]:
    """A server in this process on a free localhost port, serving in a background thread."""
    from kg.serve import SparqlServer

    with SparqlServer(directory, host="127.0.0.1", port=0, **options) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server
        finally:
            server.shutdown()
            thread.join()
