"""`kg serve`: the SPARQL 1.1 Protocol over a built graph, checked with real clients over localhost."""

from __future__ import annotations

import contextlib
import csv
import http.client
import http.server
import io
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner
from pyoxigraph import QueryResultsFormat, RdfFormat
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper

from kg import vocab
from kg.cli import main
from kg.errors import KgError
from kg.knowledge_graph import KnowledgeGraph
from kg.serve import MAX_BODY_BYTES, TOKEN_ENV, TRUNCATED_HEADER, SparqlServer
from tests.support.serving import serving

VISITOR = "İzmir Kent Konseyi Yürütme Kurulu"
VISITED = "Manisalı Dernekler Federasyonu"
VISITS = "SELECT ?s ?o WHERE { ?a civ:visited ?b . ?a rdfs:label ?s . ?b rdfs:label ?o }"
VISITS_GRAPH = "CONSTRUCT { ?a civ:visited ?b } WHERE { ?a civ:visited ?b }"
EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
EVERYTHING_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# Four lists of 70 numbers crossed: 24 million solutions, whatever the store holds. Streamed one
# by one, or counted (no solution comes out before the count, about 1.5 s, is done).
NUMBERS = "{ " + " ".join(str(k) for k in range(70)) + " }"
CROSS_PRODUCT = f"VALUES ?a {NUMBERS} VALUES ?b {NUMBERS} VALUES ?c {NUMBERS} VALUES ?d {NUMBERS}"
CROSS_JOIN = f"SELECT * WHERE {{ {CROSS_PRODUCT} }}"
LONG_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS_PRODUCT} }}"
TOKEN = "ege-kent-konseyi-7f3a"
CIV_VISITED = rdflib.URIRef(vocab.CIV + "visited")
FORM = "application/x-www-form-urlencoded"


def call(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def get(server: SparqlServer, query: str, accept: str | None = None):
    headers = {"Accept": accept} if accept else {}
    return call(f"{server.url}?{urlencode({'query': query})}", headers=headers)


def post(server: SparqlServer, content_type: str, body: str, **headers: str):
    return call(server.url, body.encode("utf-8"), {"Content-Type": content_type, **headers})


def asks(server: SparqlServer, query: str) -> bool:
    status, _, body = get(server, query)
    assert status == 200, body
    return json.loads(body)["boolean"]


def json_rows(body: bytes) -> list[dict[str, str]]:
    results = json.loads(body)["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in results]


def oxigraph_rows(fmt: QueryResultsFormat):
    def read(body: bytes) -> list[dict[str, str]]:
        solutions = pyoxigraph.parse_query_results(body, format=fmt)
        names = [v.value for v in solutions.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]

    return read


def triples(body: bytes, fmt: RdfFormat) -> set[pyoxigraph.Triple]:
    return {quad.triple for quad in pyoxigraph.parse(body, format=fmt)}


def csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


@pytest.fixture(scope="module")
def expected_visits(seed_graph) -> set[pyoxigraph.Triple]:
    """What `kg query` itself says: the endpoint must say the same."""
    return set(KnowledgeGraph.open(seed_graph).sparql(VISITS_GRAPH))


@pytest.fixture(scope="module")
def endpoint(seed_graph) -> Iterator[SparqlServer]:
    with serving(seed_graph) as server:
        yield server


@pytest.fixture
def copy_of_built(seed_graph, tmp_path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(seed_graph, copy)
    return copy


@pytest.fixture
def writable(copy_of_built) -> Iterator[SparqlServer]:
    with serving(copy_of_built, allow_update=True, token=TOKEN) as server:
        yield server


# Real clients


def test_sparqlwrapper_reads_a_select_as_json(endpoint):
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(VISITS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [(r["s"]["value"], r["o"]["value"]) for r in rows] == [(VISITOR, VISITED)]


def test_sparqlwrapper_reads_a_construct_as_turtle(endpoint, expected_visits):
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(VISITS_GRAPH)
    client.setReturnFormat(TURTLE)
    result = client.query()
    assert result.info()["content-type"].startswith("text/turtle")
    body = result.convert()
    assert triples(body, RdfFormat.TURTLE) == expected_visits


def test_sparqlwrapper_reads_a_construct_as_ntriples(endpoint, expected_visits):
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(VISITS_GRAPH)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    result = client.query()
    assert result.info()["content-type"] == "application/n-triples"
    graph = rdflib.Graph().parse(data=result.response.read(), format="nt")
    assert len(graph) == len(expected_visits) and set(graph.predicates()) == {CIV_VISITED}


def test_rdflib_sparqlstore_queries_the_graph(endpoint):
    graph = rdflib.Graph(store=SPARQLStore(endpoint.url))
    rows = graph.query(VISITS)
    assert [(str(r.s), str(r.o)) for r in rows] == [(VISITOR, VISITED)]
    visits = list(graph.triples((None, CIV_VISITED, None)))
    assert [graph.value(o, rdflib.RDFS.label) for _, _, o in visits] == [
        rdflib.Literal(VISITED, lang="tr")
    ]


def test_sparqlwrapper_posts_an_update_with_the_token(writable):
    client = SPARQLWrapper(writable.url)
    client.setMethod(POST)
    client.setRequestMethod(POSTDIRECTLY)  # an application/sparql-update body
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.setQuery('INSERT DATA { GRAPH <urn:test:g> { <urn:test:a> rdfs:label "Ayşe" } }')
    assert client.query().response.status == 204
    status, _, body = get(writable, 'ASK { <urn:test:a> rdfs:label "Ayşe" }')
    assert json.loads(body)["boolean"] is True


# Content negotiation


@pytest.mark.parametrize(
    ("accept", "content_type", "read"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", json_rows),
        ("application/json", "application/sparql-results+json", json_rows),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            oxigraph_rows(QueryResultsFormat.XML),
        ),
        ("text/csv", "text/csv; charset=utf-8", csv_rows),
        (
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
            oxigraph_rows(QueryResultsFormat.TSV),
        ),
    ],
)
def test_select_answers_in_the_accepted_results_format(endpoint, accept, content_type, read):
    status, headers, body = get(endpoint, VISITS, accept)
    assert status == 200 and headers["Content-Type"] == content_type
    assert read(body) == [{"s": VISITOR, "o": VISITED}]


@pytest.mark.parametrize(
    "fmt",
    [
        QueryResultsFormat.JSON,
        QueryResultsFormat.XML,
        QueryResultsFormat.CSV,
        QueryResultsFormat.TSV,
    ],
    ids=lambda fmt: fmt.file_extension,
)
def test_select_answers_are_written_exactly_as_pyoxigraph_writes_them(endpoint, seed_graph, fmt):
    tricky = """SELECT ?term ?other WHERE {
      { VALUES (?term ?other) {
          ("satır\\tiki\\nüç \\"tırnak\\" \\\\" <urn:kg:x>) ("Ayşe"@tr UNDEF) (42 "2026-02-03"^^xsd:date)
      } }
      UNION { BIND(<<( <urn:kg:a> civ:visited <urn:kg:b> )>> AS ?term) }
    }"""
    _, _, body = get(endpoint, tricky, fmt.media_type)
    assert body == KnowledgeGraph.open(seed_graph).sparql(tricky).serialize(format=fmt)


def test_select_without_an_accept_header_is_sparql_json(endpoint):
    status, headers, body = get(endpoint, VISITS)
    assert headers["Content-Type"] == "application/sparql-results+json"
    assert json_rows(body) == [{"s": VISITOR, "o": VISITED}]


def test_the_accept_headers_quality_values_choose(endpoint):
    _, headers, _ = get(endpoint, VISITS, "application/sparql-results+json;q=0.2, text/csv")
    assert headers["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/ld+json", RdfFormat.JSON_LD),
        ("application/rdf+xml", RdfFormat.RDF_XML),
    ],
)
def test_construct_answers_in_the_accepted_rdf_format(endpoint, expected_visits, accept, fmt):
    status, headers, body = get(endpoint, VISITS_GRAPH, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert triples(body, fmt) == expected_visits


def test_construct_without_an_accept_header_is_turtle(endpoint, expected_visits):
    _, headers, body = get(endpoint, VISITS_GRAPH)
    assert headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert triples(body, RdfFormat.TURTLE) == expected_visits


@pytest.mark.parametrize(
    ("accept", "answer"),
    [("application/sparql-results+json", b'"boolean":true'), ("text/csv", b"true")],
)
def test_ask_answers_a_boolean(endpoint, accept, answer):
    status, _, body = get(endpoint, "ASK { ?a civ:visited ?b }", accept)
    assert status == 200 and answer in body


def test_an_unacceptable_type_is_406_naming_the_acceptable_ones(endpoint):
    status, _, body = get(endpoint, VISITS, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = get(endpoint, VISITS_GRAPH, "text/csv")
    assert status == 406 and b"text/turtle" in body


# The protocol's three ways to send a query


@pytest.mark.parametrize("way", ["GET", "POST query", "POST form"])
def test_every_way_of_sending_a_query_gets_the_same_answer(endpoint, way):
    if way == "GET":
        status, _, body = get(endpoint, VISITS)
    elif way == "POST query":
        status, _, body = post(endpoint, "application/sparql-query", VISITS)
    else:
        status, _, body = post(endpoint, FORM, urlencode({"query": VISITS}))
    assert status == 200 and json_rows(body) == [{"s": VISITOR, "o": VISITED}]


def test_queries_see_the_union_of_graphs_and_the_predeclared_prefixes(endpoint, seed_graph):
    query = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?f civ:relation ?p } GROUP BY ?p"
    _, _, body = get(endpoint, query)
    expected = [
        {"p": r["p"].value, "n": r["n"].value}
        for r in KnowledgeGraph.open(seed_graph).sparql(query)
    ]
    assert expected  # the facts live in the articles' named graphs, not the default graph
    assert sorted(json_rows(body), key=str) == sorted(expected, key=str)


def test_a_malformed_query_is_400_with_the_parsers_message(endpoint):
    malformed = "SELECT ?s WHERE { ?s civ:visited }"
    with pytest.raises(SyntaxError) as parser:
        pyoxigraph.Store().query(malformed, prefixes=dict(vocab.PREFIXES))
    status, _, body = get(endpoint, malformed)
    assert status == 400
    assert body.decode("utf-8") == f"SPARQL syntax error: {parser.value}\n"


@contextlib.contextmanager
def remote_recorder() -> Iterator[tuple[str, list[str]]]:
    """A local server that records every path asked of it: its base URL and the paths."""
    fetched: list[str] = []

    class Remote(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            self.send_error(500)

        do_POST = do_GET

        def log_message(self, *args):
            pass

    remote = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Remote)
    threading.Thread(target=remote.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{remote.server_address[1]}", fetched
    finally:
        remote.shutdown()


def test_a_federated_query_is_refused_without_the_server_fetching_anything(endpoint):
    with remote_recorder() as (base, fetched):
        query = f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}"
        status, _, body = get(endpoint, query)
    assert status == 400 and b"SERVICE" in body
    assert fetched == []


def test_the_word_service_inside_a_string_is_not_a_federated_query(endpoint):
    status, _, _ = get(endpoint, 'SELECT ?s WHERE { ?s rdfs:label "SERVICE" }')
    assert status == 200


def test_a_query_with_no_query_parameter_is_400(endpoint):
    status, _, body = call(endpoint.url)
    assert status == 400 and b"query=" in body


def test_dataset_parameters_are_refused_rather_than_ignored(endpoint):
    url = f"{endpoint.url}?{urlencode({'query': VISITS, 'default-graph-uri': 'urn:x'})}"
    status, _, body = call(url)
    assert status == 400 and b"default-graph-uri" in body and b"GRAPH" in body


def test_a_body_past_the_size_limit_is_413_unread(endpoint):
    host, port = endpoint.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Content-Length", str(MAX_BODY_BYTES + 1))
    connection.endheaders()  # and no body: the answer must not wait for it
    assert connection.getresponse().status == 413
    connection.close()


def test_another_post_content_type_is_415(endpoint):
    status, _, _ = post(endpoint, "text/plain", VISITS)
    assert status == 415


def test_an_unknown_path_is_404(endpoint):
    status, _, body = call(endpoint.url.removesuffix("/sparql") + "/nothing")
    assert status == 404 and b"/sparql" in body


# Updates


def test_an_update_over_get_is_405(writable):
    status, headers, _ = call(f"{writable.url}?{urlencode({'update': 'CLEAR ALL'})}")
    assert status == 405 and headers["Allow"] == "POST"


@pytest.mark.parametrize("content_type", [FORM, "application/sparql-update"])
def test_an_update_on_a_read_only_endpoint_is_403_saying_why(endpoint, content_type):
    update = "CLEAR ALL"
    body = urlencode({"update": update}) if content_type == FORM else update
    status, _, answer = post(endpoint, content_type, body, Authorization=f"Bearer {TOKEN}")
    assert status == 403 and b"read-only" in answer and b"--allow-update" in answer
    assert json.loads(get(endpoint, "ASK { ?s ?p ?o }")[2])["boolean"] is True


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x"]
)
def test_an_update_without_the_token_is_401_and_changes_nothing(writable, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    status, answer_headers, _ = post(writable, FORM, urlencode({"update": "CLEAR ALL"}), **headers)
    assert status == 401 and answer_headers["WWW-Authenticate"].startswith("Bearer")
    assert asks(writable, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_an_update_with_the_token_changes_the_store(writable):
    update = "DELETE WHERE { GRAPH ?g { ?a civ:visited ?b } }"
    status, _, _ = post(
        writable, FORM, urlencode({"update": update}), Authorization=f"Bearer {TOKEN}"
    )
    assert status == 204
    assert not asks(writable, "ASK { ?a civ:visited ?b }")
    assert not asks(writable, "ASK { GRAPH ?g { ?a civ:visited ?b } }")


def test_a_load_is_refused_without_the_server_fetching_anything(writable):
    with remote_recorder() as (base, fetched):
        update = urlencode({"update": f"load <{base}/veri.ttl> INTO GRAPH <urn:test:g>"})
        status, _, body = post(writable, FORM, update, Authorization=f"Bearer {TOKEN}")
    assert status == 400 and b"LOAD is disabled" in body
    assert fetched == [] and not asks(writable, "ASK { GRAPH <urn:test:g> { ?s ?p ?o } }")


def test_a_malformed_update_is_400_with_the_parsers_message(writable):
    status, _, body = post(
        writable, "application/sparql-update", "INSERT DATA {", Authorization=f"Bearer {TOKEN}"
    )
    assert status == 400 and body.startswith(b"SPARQL syntax error: error at 1:")


def test_allowing_updates_without_a_token_is_refused(seed_graph):
    with pytest.raises(KgError, match=TOKEN_ENV):
        SparqlServer(seed_graph, port=0, allow_update=True, token=None)


# Starting up


def test_a_directory_without_a_store_is_refused(tmp_path):
    with pytest.raises(KgError, match="kg build"):
        SparqlServer(tmp_path, port=0)
    with pytest.raises(KgError, match="kg build"):  # a writable open would make an empty one
        SparqlServer(tmp_path, port=0, allow_update=True, token=TOKEN)
    assert not (tmp_path / "store").exists()


def test_a_port_in_use_is_refused(seed_graph):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(KgError, match=f"cannot listen on 127.0.0.1:{port}"):
            SparqlServer(seed_graph, port=port)


def test_the_url_names_the_port_bound(endpoint):
    assert endpoint.url == f"http://127.0.0.1:{endpoint.server_address[1]}/sparql"


# The HTML view


@pytest.mark.parametrize("path", ["/", "/view"])
def test_the_html_view_is_served(endpoint, seed_graph, path):
    status, headers, body = call(endpoint.url.removesuffix("/sparql") + path)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == (seed_graph / "graph.html").read_bytes()


def test_a_missing_html_view_is_404_naming_the_fix(copy_of_built):
    (copy_of_built / "graph.html").unlink()
    with serving(copy_of_built) as server:
        status, _, body = call(server.view_url)
    assert status == 404 and b"kg viz" in body


# A build or removal while the server runs

SEED_ARTICLE = "aydinses-com-izmir-ve-manisa-arasinda-sivil-toplum-koprusu-gucleniyor"
# Team-written: a visit the seed article does not report.
NEW_VISIT = (
    "date 2026-02-12\noutlet Ege Gündem\n\n"
    "Bornova Kent Konseyi Başkanı Selin Aydoğdu, Karşıyaka Gençlik Derneği'ni ziyaret etti. "
    "Ziyarette gençlik çalışmaları konuşuldu.\n"
)
NEW_VISIT_ROW = {"s": "Selin Aydoğdu", "o": "Karşıyaka Gençlik Derneği"}


def visit_rows(server: SparqlServer) -> list[dict[str, str]]:
    status, _, body = get(server, VISITS)
    assert status == 200, body
    return json_rows(body)


def test_a_running_server_answers_from_a_build_that_finished_after_it_started(
    copy_of_built, tmp_path
):
    article = tmp_path / "bornova-ziyaret.txt"
    article.write_text(NEW_VISIT, encoding="utf-8")
    with serving(copy_of_built) as server:
        assert NEW_VISIT_ROW not in visit_rows(server)
        KnowledgeGraph.build([article], out=copy_of_built)
        assert NEW_VISIT_ROW in visit_rows(server)
        assert {"s": VISITOR, "o": VISITED} in visit_rows(server)
        _, _, view = call(server.view_url)
    assert view == (copy_of_built / "graph.html").read_bytes()
    assert json.dumps("Karşıyaka Gençlik Derneği")[1:-1].encode() in view


def test_a_running_server_answers_from_a_removal_that_finished_after_it_started(copy_of_built):
    with serving(copy_of_built) as server:
        assert visit_rows(server)
        KnowledgeGraph.open(copy_of_built, read_only=False).remove(SEED_ARTICLE)
        assert visit_rows(server) == []
        _, _, view = call(server.view_url)
    assert view == (copy_of_built / "graph.html").read_bytes()
    assert json.dumps(VISITED)[1:-1].encode() not in view


@pytest.mark.slow
def test_a_build_in_another_process_runs_beside_the_server_which_then_sees_it(
    copy_of_built, tmp_path
):
    article = tmp_path / "bornova-ziyaret.txt"
    article.write_text(NEW_VISIT, encoding="utf-8")
    with serving(copy_of_built) as server:
        assert NEW_VISIT_ROW not in visit_rows(server)
        build = [sys.executable, "-c", "from kg.cli import main; main()", "build", str(article)]
        done = subprocess.run(
            [*build, "--out", str(copy_of_built), "-q"], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert NEW_VISIT_ROW in visit_rows(server)


# Row cap, concurrency, timeout


def test_results_past_max_rows_are_cut_and_flagged(seed_graph):
    with serving(seed_graph, max_rows=3) as server:
        _, headers, body = get(server, EVERYTHING)
        assert headers[TRUNCATED_HEADER] == "true" and len(json_rows(body)) == 3
        _, headers, body = get(server, EVERYTHING_GRAPH, "application/n-triples")
        assert headers[TRUNCATED_HEADER] == "true" and len(body.splitlines()) == 3


def test_results_within_max_rows_are_not_flagged(endpoint):
    _, headers, body = get(endpoint, VISITS)
    assert headers[TRUNCATED_HEADER] == "false" and len(json_rows(body)) == 1


@pytest.mark.slow
def test_fifty_clients_querying_for_ten_seconds_see_no_error(endpoint):
    requests = [
        (f"{endpoint.url}?{urlencode({'query': VISITS})}", None, {}, VISITED.encode()),
        (
            endpoint.url,
            urlencode({"query": VISITS_GRAPH}).encode(),
            {"Content-Type": FORM, "Accept": "text/turtle"},
            b"civ:visited",
        ),
        (
            endpoint.url,
            b"ASK { ?a civ:headOf ?b }",
            {"Content-Type": "application/sparql-query"},
            b'"boolean":true',
        ),
    ]
    done, errors = [], []
    stop_at = time.monotonic() + 10

    def client(number: int) -> None:
        count = 0
        while time.monotonic() < stop_at:
            url, data, headers, expected = requests[(number + count) % len(requests)]
            try:
                status, _, body = call(url, data, headers)
                if status != 200 or expected not in body:
                    errors.append(f"{status}: {body[:200]!r}")
            except Exception as e:  # a refused or dropped connection is an error too
                errors.append(repr(e))
            count += 1
        done.append(count)

    clients = [threading.Thread(target=client, args=(n,)) for n in range(50)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    print(f"\n50 clients, 10 s: {sum(done)} requests, {sum(done) / 10:.0f}/s")
    assert errors == []
    assert len(done) == 50 and sum(done) >= 500


def test_a_query_streaming_past_the_timeout_is_503(seed_graph):
    with serving(seed_graph, timeout=0.3, max_rows=10**9) as server:
        started = time.monotonic()
        status, _, body = get(server, CROSS_JOIN)
        elapsed = time.monotonic() - started
    assert status == 503 and b"0.3 s timeout" in body
    assert elapsed < 2


def test_a_query_stuck_in_one_step_past_the_timeout_is_503(seed_graph):
    with serving(seed_graph, timeout=0.3) as server:
        started = time.monotonic()
        status, _, body = get(server, LONG_COUNT)
        elapsed = time.monotonic() - started
    assert status == 503 and b"timeout" in body
    assert elapsed < 1.3  # answered as its worker is killed mid-count


def test_after_a_query_stuck_past_its_timeout_the_next_one_is_answered(seed_graph):
    with serving(seed_graph, timeout=0.3, workers=1) as server:
        assert get(server, LONG_COUNT)[0] == 503
        status, _, body = get(server, "ASK {}")
    assert status == 200 and b"true" in body


# The command line


def test_cli_serve_refuses_updates_without_the_token_variable(seed_graph):
    result = CliRunner(env={TOKEN_ENV: None}).invoke(
        main, ["serve", str(seed_graph), "--allow-update", "--port", "0"]
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and TOKEN_ENV in result.output


@pytest.mark.slow
def test_cli_serve_prints_its_url_and_stops_cleanly_on_ctrl_c(seed_graph):
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from kg.cli import main; main()",
            "serve",
            str(seed_graph),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal
        start_new_session=True,  # a process group of its own, as a terminal's foreground job
    )
    try:
        url = re.search(r"http://\S+/sparql", server.stdout.readline()).group()
        status, _, body = call(f"{url}?{urlencode({'query': 'ASK { ?a civ:visited ?b }'})}")
        assert status == 200 and b"true" in body
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C reaches the server and its workers
        assert server.wait(timeout=10) == 0
        _, errors = server.communicate()
        assert "Traceback" not in errors
        assert no_process_left_in_group(server.pid)
    finally:
        server.kill()
        server.communicate()


def no_process_left_in_group(group: int, seconds: float = 10) -> bool:
    """Whether every process of the group has ended within ``seconds`` (polled)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)  # polling interval, not a wait for something to happen
    return False


def test_cli_serve_on_a_directory_without_a_store_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "nope"), "--port", "0"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "kg build" in result.output


def test_a_client_gone_mid_answer_is_one_log_line_not_a_traceback(seed_graph, capsys):
    lines: list[str] = []
    gone = threading.Event()

    def log(line: str) -> None:
        lines.append(line)
        if "client closed the connection" in line:
            gone.set()

    with serving(seed_graph, log=log) as server:
        client = socket.create_connection((server.server_address[0], server.server_address[1]))
        # Closing with a reset (linger 0) makes the server's next read or write fail at once.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        query = urlencode({"query": EVERYTHING_GRAPH})
        client.sendall(f"GET /sparql?{query} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        client.close()
        assert gone.wait(timeout=10), lines
    assert "Traceback" not in capsys.readouterr().err
