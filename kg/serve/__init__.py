"""`kg serve`: a SPARQL 1.1 Protocol endpoint (and the HTML view) over a built graph directory.

``server.py`` the endpoint (what each request gets), ``connections.py`` the HTTP connections (one
asyncio loop, deadlines, a bounded pool of threads), ``messages.py`` HTTP heads and answers as
bytes, ``workers.py`` the worker processes queries run in, ``evaluation.py`` what a worker does.
"""

from kg.serve.evaluation import TRUNCATED_HEADER
from kg.serve.server import (
    DEFAULT_CLIENT_TIMEOUT,
    DEFAULT_HOST,
    DEFAULT_MAX_ROWS,
    DEFAULT_MEMORY_MIB,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    DEFAULT_WORKERS,
    ENDPOINT_PATH,
    MAX_BODY_BYTES,
    TOKEN_ENV,
    SparqlServer,
)

__all__ = [
    "DEFAULT_CLIENT_TIMEOUT",
    "DEFAULT_HOST",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_MEMORY_MIB",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WORKERS",
    "ENDPOINT_PATH",
    "MAX_BODY_BYTES",
    "TOKEN_ENV",
    "TRUNCATED_HEADER",
    "SparqlServer",
]
