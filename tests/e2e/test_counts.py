"""Counting: the obvious query counts each article's report once, and events have their own query."""

import re
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from tests.support import build_articles

README = Path(__file__).resolve().parents[2] / "README.md"

# Team-written: two outlets report the same visit a day apart.
SAME_VISIT = (
    {
        "id": "ziyaret-bir",
        "date": "2024-06-10",
        "outlet": "birinci-gazete.example",
        "text": "Buca Kent Konseyi, Gaziemir Esnaf Odası'nı ziyaret etti.",
    },
    {
        "id": "ziyaret-iki",
        "date": "2024-06-11",
        "outlet": "ikinci-gazete.example",
        "text": "Buca Kent Konseyi heyeti dün Gaziemir Esnaf Odası'nı ziyaret ederek "
        "çalışmalar hakkında bilgi aldı.",
    },
)


@pytest.fixture(scope="module")
def kg(tmp_path_factory) -> KnowledgeGraph:
    out = build_articles(tmp_path_factory.mktemp("counts"), SAME_VISIT, html=False, formats=())
    return KnowledgeGraph.open(out)


def count(kg: KnowledgeGraph, query: str) -> int:
    (row,) = list(kg.sparql(query))
    return int(row[0].value)


def readme_counting_queries() -> dict[str, str]:
    """The README's counting queries, by the name of the count they give (reports, events)."""
    text = README.read_text(encoding="utf-8")
    found = re.findall(r'kg query out "(SELECT \(COUNT\(\?\w+\) AS \?(\w+)\).*)"$', text, re.M)
    return {name: query for query, name in found}


def test_the_obvious_count_of_visits_counts_each_article_report_once(kg):
    assert count(kg, "SELECT (COUNT(?f) AS ?n) { ?f civ:relation civ:visited }") == 2


def test_the_readme_counts_two_reports_and_one_event_of_one_visit_two_outlets_report(kg):
    queries = readme_counting_queries()
    assert set(queries) == {"reports", "events"}
    assert count(kg, queries["reports"]) == 2
    assert count(kg, queries["events"]) == 1
