"""The measure taken of a query before the engine sees it: nesting, links of chains, size."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg import KnowledgeGraph
from kg.cli import main
from kg.errors import KgError
from kg.sparql_limits import QueryLimits, query_shape, shape_problem

LIMITS = QueryLimits()


def nested_groups(n: int) -> str:
    return "SELECT * WHERE " + "{ " * n + "?s ?p ?o " + "} " * n


def union_chain(n: int) -> str:
    return "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }"


def test_a_query_people_write_is_within_the_limits():
    query = """
    SELECT ?visitor ?visited (COUNT(DISTINCT ?article) AS ?n) WHERE {
      ?f civ:relation civ:visited ; civ:agent ?a ; civ:counterpart ?b ; prov:wasDerivedFrom ?article .
      ?a rdfs:label ?visitor . ?b rdfs:label ?visited .
      OPTIONAL { ?f civ:date ?date . FILTER(?date >= "2024-01-01"^^xsd:date && !BOUND(?x)) }
      { ?a a civ:CityCouncil } UNION { ?a a civ:Municipality } UNION { ?a a civ:Association }
      FILTER NOT EXISTS { ?f civ:confidence ?c . FILTER(?c < 0.5) }
      FILTER(?visited IN ("İzmir", "Manisa", "Ege"))
    } GROUP BY ?visitor ?visited ORDER BY DESC(?n) LIMIT 20
    """
    assert shape_problem(query, LIMITS) is None
    assert query_shape(query).nesting == 4  # (the ^^ of a typed literal is no inverse path)


def test_groups_nested_past_the_limit_are_refused_naming_the_depth():
    assert shape_problem(nested_groups(256), LIMITS) is None
    problem = shape_problem(nested_groups(257), LIMITS)
    assert problem is not None and "nests 257 levels" in problem and "256" in problem


def test_nested_filter_exists_counts_each_level():
    query = "ASK { " + "FILTER EXISTS { " * 300 + "}" * 300 + " }"
    assert query_shape(query).nesting == 301


def test_a_run_of_negations_nests_as_brackets_do():
    query = "ASK { FILTER(" + "!" * 10_000 + "true) }"
    assert query_shape(query).nesting == 10_002
    assert "nests" in shape_problem(query, LIMITS)


def test_a_run_of_inverse_paths_nests_as_brackets_do():
    query = "ASK { ?s " + "^" * 301 + "rdfs:label ?o }"
    assert query_shape(query).nesting == 302


def test_not_equals_is_no_negation():
    assert query_shape("ASK { FILTER(1 != 2 && 3 != 4) }").nesting == 2


@pytest.mark.parametrize(
    "query",
    [
        union_chain(5000),
        "ASK { FILTER(" + " && ".join(["true"] * 5000) + ") }",
        "ASK { FILTER(" + " || ".join(["true"] * 5000) + ") }",
        "SELECT * WHERE { ?s " + "/".join(["rdfs:label"] * 5000) + " ?o }",
        "SELECT * WHERE { ?s " + "|".join(["rdfs:label"] * 5000) + " ?o }",
        "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * 5000 + "}",
        "SELECT * WHERE { " + " ".join(f"?s{i} ?p ?o ." for i in range(5000)) + " }",
        "SELECT * WHERE { ?s ?p " + ", ".join(f"?o{i}" for i in range(5000)) + " }",
    ],
    ids=["union", "and", "or", "path-sequence", "path-alternative", "optional", "join", "objects"],
)
def test_a_chain_of_more_links_than_the_limit_is_refused(query):
    assert query_shape(query).links >= 4999
    problem = shape_problem(query, LIMITS)
    assert problem is not None and "chains" in problem and "VALUES" in problem


def test_links_add_up_along_the_way_into_nested_groups():
    inner = " UNION ".join(["{ ?s ?p ?o }"] * 3000)
    query = (
        "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 3000) + f" UNION {{ {inner} }} }}"
    )
    assert query_shape(query).links == 3000 + 2999  # the outer links, then the inner ones
    assert shape_problem(query, LIMITS) is not None


def test_links_of_a_closed_group_are_not_counted_after_it():
    first = " UNION ".join(["{ ?s ?p ?o }"] * 3000)
    query = f"SELECT * WHERE {{ {{ {first} }} {{ {first} }} }}"
    assert query_shape(query).links == 2999  # each group's own, not the two together


def test_strings_iris_and_comments_hold_no_links():
    words = " && ".join(["x"] * 6000)
    query = (
        f'SELECT * WHERE {{ ?s rdfs:label "{words}" . ?s ?p <http://example.org/a/b/c/d> }}'
        f"  # {{ {{ {words}\n"
    )
    assert query_shape(query) == query_shape("SELECT * WHERE { ?s rdfs:label 1 . ?s ?p <x> }")


def test_dotted_names_and_decimals_are_no_links():
    query = "SELECT * WHERE { ?s ex:a.b.c 1.5 ; ex:d-e.f 2.25 }"
    assert query_shape(query).links == 1  # the one ';'


def test_the_words_of_names_are_not_keywords():
    query = "SELECT ?union WHERE { ?s ex:optional ?union . ?s union:filter ?minus }"
    assert query_shape(query).links == 1


def test_the_commas_of_an_argument_list_are_no_links():
    listed = ", ".join(f'"{k}"' for k in range(10_000))
    query = f"SELECT * WHERE {{ ?s rdfs:label ?o FILTER(?o IN ({listed})) }}"
    assert shape_problem(query, LIMITS) is None


def test_values_rows_are_within_the_limits():
    rows = " ".join(f"(<urn:e{k}> {k})" for k in range(20_000))
    query = f"SELECT * WHERE {{ VALUES (?s ?n) {{ {rows} }} ?s ?p ?o }}"
    assert shape_problem(query, LIMITS) is None


def test_the_triples_of_insert_data_are_no_chain_but_those_of_a_where_are():
    triples = " ".join(f"<urn:e{k}> rdfs:label 'ad {k}' ." for k in range(10_000))
    assert shape_problem(f"INSERT DATA {{ GRAPH <urn:g> {{ {triples} }} }}", LIMITS) is None
    pattern = " ".join(f"?s{k} rdfs:label ?o{k} ." for k in range(10_000))
    assert shape_problem(f"DELETE WHERE {{ {pattern} }}", LIMITS) is not None


def test_a_text_past_the_byte_limit_is_refused_naming_both_sizes():
    query = "SELECT * WHERE { ?s rdfs:label ?o } # " + "ş" * 600_000  # 2 bytes each in UTF-8
    problem = shape_problem(query, LIMITS)
    assert problem is not None and "1,200,038 bytes" in problem and "1,048,576" in problem


def test_limits_can_be_raised():
    assert shape_problem(nested_groups(300), QueryLimits(max_nesting=300)) is None


# `kg query` takes the same measure


def test_kg_query_refuses_a_query_past_the_limits_in_one_line(seed_graph):
    result = CliRunner().invoke(main, ["query", str(seed_graph), nested_groups(2200)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("kg: error: query refused: the query nests 2200 levels")


def test_kg_query_answers_a_deep_query_within_the_limits(seed_graph):
    query = "ASK { " + "FILTER EXISTS { " * 250 + "?s ?p ?o " + "}" * 250 + " }"
    result = CliRunner().invoke(main, ["query", str(seed_graph), query])
    assert result.exit_code == 0, result.output
    assert result.output == "true\n"


def test_the_python_api_refuses_a_query_past_the_limits_before_the_engine(seed_graph):
    graph = KnowledgeGraph.open(seed_graph)
    with pytest.raises(KgError, match="query refused: the query nests 2200 levels"):
        graph.query(nested_groups(2200))
    assert graph.query("ASK { ?s ?p ?o }") is True
