"""The HTTP side of `kg serve`: every connection on one asyncio loop, each request read whole
under a deadline before a bounded pool of threads answers it.

A connection costs a coroutine, not a thread, so idle or slow clients hold no thread: a client
has ``client_timeout`` seconds to send a request's head (an idle kept-alive connection is closed
then), as long again for its body (then 408), and as long to take the answer. Threads, at most
``threads`` of them, run only the answers, and the answers are written back by the loop, so a
client that does not read holds no thread either.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import KgError
from kg.serve.messages import (
    CONTINUE,
    Request,
    RequestHead,
    answer_bytes,
    body_length,
    expects_continue,
    head_end,
    head_too_large,
    parse_head,
)
from kg.sparql_protocol import Response, message

_READ_BYTES = 256 * 1024
# Connections the system completes before the loop accepts them; asyncio's default of 100 made
# each of 1,000 clients connecting at once wait 7 ms.
BACKLOG = 1024
LINGER_SECONDS = 2.0  # after refusing a request, what the client still sends is read and dropped


@dataclass(frozen=True)
class HttpLimits:
    """How long a client may take and how much it may send; how many answers run at once."""

    client_timeout: float = 20.0  # seconds for a head, for a body, for taking an answer
    max_head_bytes: int = 256 * 1024
    max_body_bytes: int = 16 * 1024 * 1024
    max_connections: int = 10_000  # beyond, a new connection is answered 503 and closed
    threads: int = 32


class _Gone(Exception):
    """The client closed the connection, or stopped sending or reading in time."""


class HttpServer:
    """Serves HTTP/1.1 on ``host``:``port`` (0: any free port), each request answered by
    ``answer`` on a worker thread. ``serve_forever()`` runs until ``shutdown()`` is called from
    another thread; ``close()`` gives the port back."""

    def __init__(
        self,
        host: str,
        port: int,
        answer: Callable[[Request], Response],
        *,
        limits: HttpLimits,
        log: Callable[[str], None] | None = None,
    ) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        try:
            self._socket = socket.create_server((host, port), family=family, backlog=BACKLOG)
        except OSError as e:
            raise KgError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
        self.server_address = self._socket.getsockname()
        self._answer = answer
        self.limits = limits
        self._log = log
        self._threads = concurrent.futures.ThreadPoolExecutor(
            limits.threads, thread_name_prefix="kg-serve-answer"
        )
        self._connections: set[asyncio.Task] = set()
        self._most_connections = min(limits.max_connections, _open_file_room())
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stop_asked = threading.Event()
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        """Serve in this thread until ``shutdown()`` (or Ctrl-C, which is raised here)."""
        try:
            asyncio.run(self._serve())
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` and wait for it (call from another thread)."""
        self._stop_asked.set()
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already ended
                loop.call_soon_threadsafe(stop.set)
            self._stopped.wait()

    def close(self) -> None:
        """Give the port back and stop the answer threads (those running end on their own)."""
        self._socket.close()
        self._threads.shutdown(wait=False, cancel_futures=True)

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        server = await asyncio.start_server(self._connection, sock=self._socket, backlog=BACKLOG)
        try:
            if not self._stop_asked.is_set():
                await self._stop.wait()
        finally:
            server.close()
            for task in list(self._connections):
                task.cancel()
            await asyncio.gather(*self._connections, return_exceptions=True)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        task = asyncio.current_task()
        peer = writer.get_extra_info("peername")
        client = str(peer[0]) if peer else "-"
        if len(self._connections) >= self._most_connections:
            refusal = message(503, "too many open connections; try again later")
            writer.write(answer_bytes(refusal, keep_alive=False))
            writer.close()
            return
        if task is not None:  # (a connection callback always runs in a task)
            self._connections.add(task)
        try:
            await self._serve_requests(reader, writer, client)
        except _Gone:
            pass
        except ConnectionError as e:  # a reset: the client's business, not a server fault
            self._write_log(f"{client} client closed the connection ({e.strerror or e})")
        except asyncio.CancelledError:  # the server stops: no waiting on anyone (and no
            writer.transport.abort()  # re-raising: asyncio would log it as an error)
            return
        finally:
            if task is not None:
                self._connections.discard(task)
        await self._close(writer)

    async def _serve_requests(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, client: str
    ) -> None:
        buffer = bytearray()  # what the client sent past the request in hand
        while True:
            head = await self._read_head(reader, buffer)
            if isinstance(head, Response):
                await self._refuse(reader, writer, head, client, "-")
                return
            length = body_length(head, self.limits.max_body_bytes)
            if isinstance(length, Response):
                await self._refuse(reader, writer, length, client, head.line)
                return
            expectation = expects_continue(head)
            if isinstance(expectation, Response):
                await self._refuse(reader, writer, expectation, client, head.line)
                return
            if expectation and length:
                writer.write(CONTINUE)
            body = await self._read_body(reader, buffer, length)
            if isinstance(body, Response):
                await self._refuse(reader, writer, body, client, head.line)
                return
            response = await self._answer_in_thread(Request(head, body, client))
            keep_alive = head.keep_alive
            if not await self._send(writer, response, client, head.line, keep_alive, head):
                return
            if not keep_alive:
                return

    async def _refuse(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        response: Response,
        client: str,
        line: str,
    ) -> None:
        """Answer a request that ends its connection, whose body may lie unread: say we are done
        sending, then read what still comes for a moment, so that the client reads the answer
        before it sees the end (closing on unread bytes would reset the connection at once)."""
        if not await self._send(writer, response, client, line, keep_alive=False):
            return
        if writer.can_write_eof():
            writer.write_eof()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(LINGER_SECONDS, self.limits.client_timeout)
        with contextlib.suppress(ConnectionError, asyncio.TimeoutError):
            while (remaining := deadline - loop.time()) > 0:
                if not await asyncio.wait_for(reader.read(_READ_BYTES), remaining):
                    return

    async def _close(self, writer: asyncio.StreamWriter) -> None:
        """Close once the answer has gone out, or at once if the client does not take it."""
        writer.close()
        try:
            await asyncio.wait_for(writer.wait_closed(), self.limits.client_timeout)
        except (asyncio.TimeoutError, OSError):
            writer.transport.abort()

    async def _read_head(
        self, reader: asyncio.StreamReader, buffer: bytearray
    ) -> RequestHead | Response:
        deadline = asyncio.get_running_loop().time() + self.limits.client_timeout
        while (end := head_end(buffer)) is None:
            if len(buffer) > self.limits.max_head_bytes:
                return head_too_large(buffer)
            if not await self._read_some(reader, buffer, deadline, _READ_BYTES):
                if buffer.strip():  # a head begun and not finished in time
                    return message(408, "the request's head did not come in time")
                raise _Gone  # idle: close without a word, as servers do
        head = bytes(buffer[:end])
        del buffer[:end]
        return parse_head(head)

    async def _read_body(
        self, reader: asyncio.StreamReader, buffer: bytearray, length: int
    ) -> bytes | Response:
        deadline = asyncio.get_running_loop().time() + self.limits.client_timeout
        while len(buffer) < length:
            if not await self._read_some(reader, buffer, deadline, length - len(buffer)):
                seconds = self.limits.client_timeout
                return message(
                    408,
                    f"the body did not come in time: {len(buffer)} of {length} bytes in {seconds:g} s",
                )
        body = bytes(buffer[:length])
        del buffer[:length]
        return body

    async def _read_some(
        self, reader: asyncio.StreamReader, buffer: bytearray, deadline: float, most: int
    ) -> bool:
        """Read what comes into ``buffer``; False once the deadline has passed. _Gone when the
        client closed its side."""
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return False
        try:
            chunk = await asyncio.wait_for(reader.read(min(most, _READ_BYTES)), remaining)
        except asyncio.TimeoutError:
            return False
        if not chunk:
            raise _Gone
        buffer += chunk
        return True

    async def _answer_in_thread(self, request: Request) -> Response:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._answer_safely, request)

    def _answer_safely(self, request: Request) -> Response:
        try:
            return self._answer(request)
        except Exception as e:  # answer the client, then log: the server keeps serving
            self._write_log(f"{request.client} internal error: {e!r}")
            return message(500, f"internal error: {type(e).__name__}: {e}")

    async def _send(
        self,
        writer: asyncio.StreamWriter,
        response: Response,
        client: str,
        line: str,
        keep_alive: bool,
        head: RequestHead | None = None,
    ) -> bool:
        """Write an answer and log it; False when the client did not take it."""
        self._write_log(f'{client} "{line}" {response.status} {len(response.body)}')
        if writer.is_closing():
            self._write_log(f"{client} client closed the connection before the answer was sent")
            return False
        version = head.version if head is not None else "HTTP/1.1"
        writer.write(answer_bytes(response, keep_alive=keep_alive, version=version))
        try:
            await asyncio.wait_for(writer.drain(), self.limits.client_timeout)
        except asyncio.TimeoutError:
            self._write_log(f"{client} did not read the answer in {self.limits.client_timeout:g} s")
            return False
        except ConnectionError as e:
            reason = e.strerror or type(e).__name__
            self._write_log(
                f"{client} client closed the connection before the answer was sent ({reason})"
            )
            return False
        return True

    def _write_log(self, line: str) -> None:
        if self._log is not None:
            self._log(line)


def _open_file_room() -> int:
    """How many connections this process can hold open, leaving room for its other files."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return HttpLimits.max_connections
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return HttpLimits.max_connections if soft == resource.RLIM_INFINITY else max(16, soft - 128)
