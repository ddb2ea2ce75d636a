"""Extraction engines: in N processes or on a Dask cluster, the same output as in one process."""

from pathlib import Path

import pytest

from benchmarks.corpus import synthetic_articles  # the benchmarks' own synthetic articles
from kg.builder import workers as engines
from kg.extract.pipeline import EXTRACTOR_VERSION
from kg.model import Article
from kg.rdf import encode as rdf


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Article, str]]:
    articles = list(synthetic_articles(150_000, seed=7))
    return [(a, rdf.content_hash(a, EXTRACTOR_VERSION)) for a in articles]


@pytest.fixture(scope="module")
def one_process(corpus) -> list[engines.Prepared]:
    return list(engines.run(corpus))


def test_one_process_prepares_every_article_in_order(corpus, one_process):
    assert [p.article_id for p in one_process] == [a.id for a, _ in corpus]
    assert all(p.problem is None and p.statements > 0 for p in one_process)


@pytest.mark.slow
def test_two_processes_give_exactly_what_one_gives(corpus, one_process):
    assert list(engines.run(corpus, engines.Engine(workers=2))) == one_process


@pytest.mark.slow
def test_a_two_worker_dask_cluster_gives_exactly_what_one_process_gives(corpus, one_process):
    assert list(engines.run(corpus, engines.Engine("dask", workers=2))) == one_process


def test_an_extractor_failure_is_a_problem_naming_the_article(monkeypatch):
    def broken(article):
        raise RuntimeError("boom")

    monkeypatch.setattr(engines, "extract", broken)
    [prepared] = engines.run([(Article("a1", "Metin.", source="in/a1.txt"), "d")])
    assert (prepared.problem.where, prepared.problem.article) == ("in/a1.txt", "a1")
    assert "RuntimeError: boom" in prepared.problem.message and prepared.nquads == b""


def write_jsonl(path: Path, corpus: list[tuple[Article, str]]) -> Path:
    import json

    with path.open("w", encoding="utf-8") as f:
        for article, _ in corpus:
            record = {"id": article.id, "text": article.text, "date": article.date}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def store_quads(out: Path) -> set[str]:
    """Every quad, the default graph's (the union of the named graphs) included."""
    from kg import KnowledgeGraph

    return {str(q) for q in KnowledgeGraph.open(out).store.raw}


@pytest.fixture(scope="module")
def built_locally(corpus, tmp_path_factory) -> tuple[Path, set[str]]:
    from kg import KnowledgeGraph

    tmp = tmp_path_factory.mktemp("local")
    source = write_jsonl(tmp / "corpus.jsonl", corpus)
    KnowledgeGraph.build([source], out=tmp / "out", html=False, formats=())
    return source, store_quads(tmp / "out")


@pytest.mark.slow
@pytest.mark.parametrize(
    "how", [{"workers": 2}, {"engine": "dask", "workers": 2}], ids=["2 processes", "dask 2 workers"]
)
def test_a_parallel_build_stores_exactly_the_quads_of_a_one_process_build(
    built_locally, tmp_path, how
):
    from kg import KnowledgeGraph

    source, expected = built_locally
    report = KnowledgeGraph.build([source], out=tmp_path / "out", html=False, formats=(), **how)
    assert report.ok and report.facts_read > 0
    assert store_quads(tmp_path / "out") == expected
