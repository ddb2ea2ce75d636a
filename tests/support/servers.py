"""Real SPARQL servers for the remote-store tests: Oxigraph (PyPI) and Virtuoso (Debian), on free local ports."""

from __future__ import annotations

import configparser
import os
import shutil
import signal
import socket
import subprocess
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_INSTALL_HINT = "apt-get install virtuoso-opensource"
OXIGRAPH_INSTALL_HINT = "pip install -e '.[test]' (the oxigraph package is in the test extra)"
VIRTUOSO_TEMPLATES = (
    "/usr/share/virtuoso-opensource-*/virtuoso.ini",  # the package's pristine copy first
    "/etc/virtuoso-opensource-*/virtuoso.ini",
)
# A fresh Virtuoso database with its default administrator; bound to 127.0.0.1 only.
VIRTUOSO_ADMIN = {"KG_REMOTE_USER": "dba", "KG_REMOTE_PASSWORD": "dba"}
STARTUP_SECONDS = 60


@dataclass
class Server:
    """A running SPARQL server: where to query it, where to push, and the credentials a push needs."""

    name: str
    base: str  # http://127.0.0.1:PORT
    endpoint: str  # SPARQL query endpoint, as given to `kg query --endpoint`
    push_endpoint: str  # the endpoint given to `kg push` (its graph store is derived from it)
    env: dict[str, str] = field(default_factory=dict)  # credentials for pushing


def require(binary: Path | None, problem: str) -> Path:
    """The binary; without it fail under CI (where .ci/run installs it) and skip elsewhere."""
    if binary is not None:
        return binary
    if os.environ.get("CI"):
        pytest.fail(problem, pytrace=False)
    pytest.skip(problem)


def oxigraph_binary() -> Path | None:
    """The `oxigraph` CLI of the PyPI package: next to this interpreter, or on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if beside.exists():
        return beside
    found = shutil.which("oxigraph")
    return Path(found) if found else None


def virtuoso_binary() -> Path | None:
    """Debian's `virtuoso-t`, if virtuoso-opensource is installed."""
    found = shutil.which("virtuoso-t")
    return Path(found) if found else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    return free_ports(1)[0]


def free_ports(n: int) -> list[int]:
    """``n`` different free ports (all held open while choosing, so none comes twice)."""
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@contextmanager
def oxigraph_server(directory: Path) -> Iterator[Server]:
    """The Oxigraph server on a free port, its store in ``directory``.

    It runs with --union-default-graph, so a query without GRAPH sees every named graph, as the
    local store does.
    """
    binary = require(oxigraph_binary(), f"no `oxigraph` server CLI: {OXIGRAPH_INSTALL_HINT}")
    base = f"http://127.0.0.1:{free_port()}"
    command = [
        str(binary),
        "serve",
        "--location",
        str(directory / "store"),
        "--bind",
        base.removeprefix("http://"),
        "--union-default-graph",
    ]
    endpoint = f"{base}/query"
    with _running(command, directory, ready_url=f"{endpoint}?query=ASK%7B%7D"):
        yield Server("oxigraph", base, endpoint, endpoint)


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[Server]:
    """Virtuoso on two free ports (SQL and HTTP), its database files in ``directory``.

    Pushes go to the digest-authenticated graph store with the `dba` account of the fresh
    database; the anonymous one is read-only, as Virtuoso ships it.
    """
    binary = require(virtuoso_binary(), f"no `virtuoso-t`: {VIRTUOSO_INSTALL_HINT}")
    template = _virtuoso_template()
    sql_port, http_port = free_ports(2)
    base = f"http://127.0.0.1:{http_port}"
    ini = _write_virtuoso_ini(template, directory, sql_port=sql_port, http_base=base)
    command = [str(binary), "+foreground", "+configfile", str(ini)]
    with _running(command, directory, ready_url=f"{base}/sparql?query=ASK%7B%7D"):
        yield Server("virtuoso", base, f"{base}/sparql", f"{base}/sparql-auth", VIRTUOSO_ADMIN)


def _virtuoso_template() -> Path:
    for pattern in VIRTUOSO_TEMPLATES:
        found = sorted(Path("/").glob(pattern.lstrip("/")))
        if found:
            return found[-1]
    return require(None, f"no virtuoso.ini template: {VIRTUOSO_INSTALL_HINT}")


def _write_virtuoso_ini(template: Path, directory: Path, *, sql_port: int, http_base: str) -> Path:
    """The package's virtuoso.ini with the database in ``directory`` and both ports on 127.0.0.1."""
    ini = configparser.ConfigParser(
        strict=False, inline_comment_prefixes=(";",), interpolation=None
    )
    ini.optionxform = str  # Virtuoso's keys are case-sensitive
    ini.read(template)
    db = directory / "db"
    db.mkdir(parents=True, exist_ok=True)
    ini["Database"].update(
        DatabaseFile=str(db / "virtuoso.db"),
        ErrorLogFile=str(db / "virtuoso.log"),
        LockFile=str(db / "virtuoso.lck"),
        TransactionFile=str(db / "virtuoso.trx"),
        xa_persistent_file=str(db / "virtuoso.pxa"),
    )
    ini["TempDatabase"].update(
        DatabaseFile=str(db / "virtuoso-temp.db"), TransactionFile=str(db / "virtuoso-temp.trx")
    )
    host_port = http_base.removeprefix("http://")
    ini["Parameters"]["ServerPort"] = f"127.0.0.1:{sql_port}"
    # an empty VAD folder: the Conductor web UI is not installed into the fresh database (~1 s saved)
    (directory / "vad").mkdir(exist_ok=True)
    ini["Parameters"]["VADInstallDir"] = str(directory / "vad")
    ini["HTTPServer"]["ServerPort"] = host_port
    if ini.has_section("URIQA"):
        ini["URIQA"]["DefaultHost"] = host_port
    path = directory / "virtuoso.ini"
    with path.open("w") as f:
        ini.write(f)
    return path


@contextmanager
def _running(command: list[str], directory: Path, *, ready_url: str) -> Iterator[None]:
    """Run a server in its own process group until the block ends; wait until it answers."""
    log_path = directory / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=directory,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed whole at the end
        )
    try:
        _wait_until_ready(process, ready_url, log_path)
        yield
    finally:
        _stop(process)


def _wait_until_ready(process: subprocess.Popen, url: str, log_path: Path) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log if it exits or never does."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)  # polling interval, not a wait for something to happen
    pytest.fail(f"{process.args[0]} not ready after {STARTUP_SECONDS}s:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the server's process group, then SIGKILL it if it has not gone in 20 s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        process.wait()


def _tail(path: Path, lines: int = 20) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
