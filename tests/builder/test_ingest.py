"""Ingest: prepared articles are written in groups of about a given number of triples, in order."""

from kg.builder.ingest import write_groups
from kg.builder.workers import Prepared


def prepared(*sizes: int) -> list[Prepared]:
    return [Prepared(f"a{k}", f"a{k}.txt", "digest", triples=n) for k, n in enumerate(sizes)]


def test_write_groups_close_once_they_reach_the_triples_asked_and_keep_the_order():
    groups = write_groups(prepared(40, 70, 10, 90, 5, 20), 100)
    assert [[p.article_id for p in g] for g in groups] == [["a0", "a1"], ["a2", "a3"], ["a4", "a5"]]


def test_an_article_bigger_than_a_group_is_a_group_of_its_own():
    groups = write_groups(prepared(250, 30), 100)
    assert [[p.triples for p in g] for g in groups] == [[250], [30]]


def test_no_articles_make_no_groups():
    assert list(write_groups([], 100)) == []
