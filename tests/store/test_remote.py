"""Remote stores: `kg push` and `kg query --endpoint` against real Oxigraph and Virtuoso servers."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode

from kg import vocab
from kg.cli import main
from kg.errors import KgError
from kg.knowledge_graph import KnowledgeGraph
from kg.store.remote import RemoteStore
from tests.support import servers

pytestmark = pytest.mark.slow  # starts real Oxigraph and Virtuoso servers

VISITS = (
    "SELECT ?s ?o WHERE { ?a civ:visited ?b . ?a rdfs:label ?s . ?b rdfs:label ?o } ORDER BY ?s ?o"
)
NO_CREDENTIALS = {"KG_REMOTE_USER": None, "KG_REMOTE_PASSWORD": None}


@pytest.fixture(scope="session")
def local_counts(seed_graph) -> dict[str, int]:
    store = KnowledgeGraph.open(seed_graph).store
    return {
        g: sum(1 for _ in store.graph_quads(NamedNode(g)))  # an article with its own nodes
        for g in store.named_graphs()
    }


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory) -> Iterator[servers.Server]:
    with servers.oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> Iterator[servers.Server]:
    with servers.virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def pushed(request, seed_graph) -> servers.Server:
    """A server the seed build has been pushed to with `kg push`."""
    server = request.getfixturevalue(request.param)
    result = push(seed_graph, server)
    assert result.exit_code == 0, result.output
    return server


def push(directory: Path, server: servers.Server, *args: str, env=None):
    return CliRunner(env=server.env if env is None else env).invoke(
        main, ["push", str(directory), "--endpoint", server.push_endpoint, *args]
    )


def remote_counts(server: servers.Server) -> dict[str, int]:
    """Triples per civic-kg graph on the server (Virtuoso keeps system graphs of its own)."""
    rows = RemoteStore(server.endpoint).query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{vocab.BASE}")) }} GROUP BY ?g'
    )
    return {row["g"].value: int(row["n"].value) for row in rows}


def query(*args: str):
    return CliRunner().invoke(main, ["query", *args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert result.output.strip().count("\n") == 0, result.output
    return result.output


def test_push_reports_every_graph_and_quad(seed_graph, local_counts, oxigraph):
    result = push(seed_graph, oxigraph)
    assert result.exit_code == 0, result.output
    assert (
        f"Pushed {len(local_counts)} graphs, {sum(local_counts.values())} quads "
        f"to {oxigraph.base}/store" in result.output
    )


def test_every_graph_arrives_with_all_its_triples(pushed, local_counts):
    assert remote_counts(pushed) == local_counts


def test_pushing_twice_leaves_the_same_quads(pushed, seed_graph, local_counts):
    result = push(seed_graph, pushed)
    assert result.exit_code == 0, result.output
    assert remote_counts(pushed) == local_counts


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_remote_select_prints_exactly_like_the_local_one(pushed, seed_graph, fmt):
    remote = query("--endpoint", pushed.endpoint, VISITS, "--format", fmt)
    local = query(str(seed_graph), VISITS, "--format", fmt)
    assert remote.exit_code == 0, remote.output
    assert "İzmir Kent Konseyi Yürütme Kurulu" in remote.output
    assert remote.output == local.output


def test_remote_ask_answers_true_for_a_known_visit(pushed):
    ask = "ASK { ?a civ:visited ?b ; rdfs:label 'İzmir Kent Konseyi Yürütme Kurulu'@tr }"
    result = query("--endpoint", pushed.endpoint, ask)
    assert result.output.strip() == "true"


def test_remote_construct_prints_the_local_n_triples(pushed, seed_graph):
    construct = "CONSTRUCT { ?a civ:visited ?b } WHERE { ?a civ:visited ?b }"
    remote = query("--endpoint", pushed.endpoint, construct)
    local = query(str(seed_graph), construct)
    assert remote.exit_code == 0, remote.output
    assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())
    assert vocab.civ("visited") in remote.output


def test_remote_syntax_error_is_one_line_naming_the_endpoint(pushed):
    result = query("--endpoint", pushed.endpoint, "SELEC ?x")
    assert f"kg: error: {pushed.endpoint}: query failed: HTTP 400" in one_line_error(result)


def test_virtuoso_push_without_credentials_asks_for_the_environment_variables(seed_graph, virtuoso):
    result = push(seed_graph, virtuoso, env=NO_CREDENTIALS)
    error = one_line_error(result)
    assert f"{virtuoso.base}/sparql-graph-crud-auth" in error and "HTTP 401" in error
    assert "set KG_REMOTE_USER and KG_REMOTE_PASSWORD" in error


def test_virtuoso_push_with_a_wrong_password_is_refused(seed_graph, virtuoso):
    result = push(
        seed_graph, virtuoso, env={"KG_REMOTE_USER": "dba", "KG_REMOTE_PASSWORD": "wrong"}
    )
    assert "HTTP 401" in one_line_error(result)


def test_virtuoso_anonymous_graph_store_refusal_shows_the_server_message(seed_graph, virtuoso):
    result = push(seed_graph, virtuoso, "--graph-store", f"{virtuoso.base}/sparql-graph-crud")
    error = one_line_error(result)
    assert f"{virtuoso.base}/sparql-graph-crud: could not push graph <" in error
    assert "HTTP 403 Forbidden: SQ110:SECURITY: Permission denied" in error


def test_wrong_graph_store_url_shows_the_status_and_the_server_message(seed_graph, oxigraph):
    result = push(seed_graph, oxigraph, "--graph-store", f"{oxigraph.base}/nothing")
    error = one_line_error(result)
    assert f"{oxigraph.base}/nothing: could not push graph" in error
    assert "HTTP 404 Not Found: PUT /nothing" in error


def test_unreachable_endpoint_is_a_one_line_error(seed_graph):
    endpoint = f"http://127.0.0.1:{servers.free_port()}/query"
    for result in (
        CliRunner().invoke(main, ["push", str(seed_graph), "--endpoint", endpoint]),
        query("--endpoint", endpoint, VISITS),
    ):
        assert "cannot reach the server" in one_line_error(result)
        assert "127.0.0.1" in result.output


def test_endpoint_of_an_unknown_server_needs_a_graph_store_url(seed_graph):
    result = CliRunner().invoke(
        main, ["push", str(seed_graph), "--endpoint", "http://127.0.0.1:1/sq"]
    )
    assert "give --graph-store" in one_line_error(result)


def test_query_with_an_endpoint_takes_no_directory(seed_graph):
    result = query(str(seed_graph), VISITS, "--endpoint", "http://127.0.0.1:1/query")
    assert result.exit_code == 2 and "no DIRECTORY" in result.output


def test_only_one_credential_variable_is_an_error(seed_graph):
    env = {"KG_REMOTE_USER": "dba", "KG_REMOTE_PASSWORD": None}
    runner = CliRunner(env=env)
    result = runner.invoke(
        main, ["push", str(seed_graph), "--endpoint", "http://127.0.0.1:1/query"]
    )
    assert "set both KG_REMOTE_USER and KG_REMOTE_PASSWORD" in one_line_error(result)


class _BasicAuthGraphStore(BaseHTTPRequestHandler):
    """A graph store that wants basic auth and keeps what it was sent (server.puts)."""

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        expected = "Basic " + base64.b64encode(b"editor:s3cret").decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        graph = parse_qs(urlsplit(self.path).query)["graph"][0]
        self.server.puts.append((graph, self.headers["Content-Type"], body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def basic_auth_store() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BasicAuthGraphStore)
    server.puts = []
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_basic_auth_credentials_come_from_the_environment(
    seed_graph, local_counts, basic_auth_store
):
    url = f"http://127.0.0.1:{basic_auth_store.server_port}/store"
    environ = {"KG_REMOTE_USER": "editor", "KG_REMOTE_PASSWORD": "s3cret"}
    remote = RemoteStore.from_env(url + "/sparql", graph_store=url, environ=environ)
    report = remote.push(KnowledgeGraph.open(seed_graph).store)
    assert report.graphs == len(local_counts)
    assert sorted(g for g, _, _ in basic_auth_store.puts) == sorted(local_counts)


def test_each_graph_is_put_as_n_triples(seed_graph, local_counts, basic_auth_store):
    url = f"http://127.0.0.1:{basic_auth_store.server_port}/store"
    remote = RemoteStore(url, graph_store=url, credentials=("editor", "s3cret"))
    remote.push(KnowledgeGraph.open(seed_graph).store)
    for graph, content_type, body in basic_auth_store.puts:
        assert content_type.startswith("application/n-triples")
        assert len(body.decode("utf-8").splitlines()) == local_counts[graph]


def test_a_push_without_credentials_to_a_store_that_wants_them_fails(seed_graph, basic_auth_store):
    url = f"http://127.0.0.1:{basic_auth_store.server_port}/store"
    with pytest.raises(KgError, match="HTTP 401.*set KG_REMOTE_USER and KG_REMOTE_PASSWORD"):
        RemoteStore(url, graph_store=url).push(KnowledgeGraph.open(seed_graph).store)
