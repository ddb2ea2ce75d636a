"""Fixtures of the serving tests; their helpers are in tests/support/serving.py."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def many_files():
    """Room for some thousands of sockets in this process (the soft limit raised to the hard)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 8192 if hard == resource.RLIM_INFINITY else min(hard, 8192)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    yield wanted
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
