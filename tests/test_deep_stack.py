"""Calls on a deep stack: what the query engine needs to take nested queries without dying."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.deep_stack import call_with_deep_stack
from kg.errors import KgError

NESTED = "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000  # past an 8 MiB stack
RUN = """
import sys, pyoxigraph
from kg.deep_stack import call_with_deep_stack
query = sys.stdin.read()
run = lambda: len(list(pyoxigraph.Store().query(query)))
print(call_with_deep_stack(run) if sys.argv[1] == "deep" else run())
"""


def run_nested(where: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", RUN, where]
    return subprocess.run(command, input=NESTED, capture_output=True, text=True, timeout=60)


def test_a_query_that_overflows_the_main_threads_stack_runs_on_a_deep_one():
    assert run_nested("main").returncode == -11  # SIGSEGV: what `kg serve` died of
    deep = run_nested("deep")
    assert (deep.returncode, deep.stdout) == (0, "0\n")


def test_the_result_comes_back_to_the_caller():
    assert call_with_deep_stack(lambda: [1, 2, 3]) == [1, 2, 3]


def test_an_exception_is_raised_in_the_caller_with_its_cause():
    def fail():
        try:
            raise SyntaxError("beklenmeyen karakter")
        except SyntaxError as e:
            raise KgError("SPARQL syntax error") from e

    with pytest.raises(KgError, match="SPARQL syntax error") as raised:
        call_with_deep_stack(fail)
    assert isinstance(raised.value.__cause__, SyntaxError)
    assert raised.value.__traceback__ is not None  # what --debug prints
