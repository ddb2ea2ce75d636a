"""Calls run on a thread with a deep stack, for the query engine, which recurses once per level of
a query (see ``kg.sparql_limits``): a thread's stack is otherwise 8 MiB, and running out of it
kills the process."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

STACK_BYTES = 256 * 1024 * 1024  # address space; only the pages a call reaches take memory

Result = TypeVar("Result")


def call_with_deep_stack(function: Callable[[], Result], stack_bytes: int = STACK_BYTES) -> Result:
    """``function()``, run on a new thread with a ``stack_bytes`` stack; its exception is raised
    here. pyoxigraph's results may only be dropped by the thread that made them, so ``function``
    should use them up itself; the frames of a raised exception are cleared there.

    >>> call_with_deep_stack(lambda: sum(range(10)))
    45
    """
    outcome: list[Result] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(function())
        except BaseException as e:  # handed to the caller, which raises it
            _clear_frames(e)
            failure.append(e)

    previous = threading.stack_size(stack_bytes)
    try:
        # a daemon: Ctrl-C in the caller must not wait for a query to finish
        thread = threading.Thread(target=run, name="deep-stack", daemon=True)
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def _clear_frames(error: BaseException | None) -> None:
    """Drop the local variables of every frame an exception (and its causes) went through,
    keeping what a traceback prints."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if error.__traceback__ is not None:
            traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__
