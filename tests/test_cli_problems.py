"""How the CLI shows what a build or an extraction could not do: each article by id and line."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder import workers
from kg.cli import main
from kg.extract import pipeline
from kg.model import Fact

REAL_EXTRACT = workers.extract


def write_news(path: Path, *records: dict) -> Path:
    lines = (json.dumps(r, ensure_ascii=False) for r in records)
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


KULA = {"id": "kula", "text": "Kula Kent Konseyi, Salihli Belediyesi'ni ziyaret etti."}
SOMA = {"id": "soma", "text": "Soma Kent Konseyi, Kınık Belediyesi'ni ziyaret etti."}


@pytest.fixture
def soma_fails(monkeypatch):
    """The extractor of a build raises for the article "soma", as a bug in it would."""

    def fail_on_soma(article):
        if article.id == "soma":
            raise KeyError("Ali Veli")
        return REAL_EXTRACT(article)

    monkeypatch.setattr("kg.builder.workers.extract", fail_on_soma)


@pytest.fixture
def stray_fact(monkeypatch):
    """The extractor states a visit by a party that is not among the article's entities."""

    def add_stray_fact(facts, discourse):
        if not facts:
            return facts
        f = facts[0]
        return [*facts, Fact("Hayalet Derneği", "visited", f.o, f.evidence, f.start, f.end, 0.9)]

    monkeypatch.setattr(pipeline, "ARTICLE_RULES", (*pipeline.ARTICLE_RULES, add_stray_fact))


def build(tmp_path: Path, *args: str):
    return CliRunner().invoke(main, [*args[:-1], "build", args[-1], "--out", str(tmp_path / "out")])


def test_a_failed_article_is_named_by_its_id_and_line(tmp_path, soma_fails):
    news = write_news(tmp_path / "haberler.jsonl", KULA, SOMA)
    result = build(tmp_path, str(news))
    assert result.exit_code == 1
    expected = f"kg: {news}:2: article soma: extraction failed: KeyError: 'Ali Veli'"
    assert expected in result.stderr.splitlines()


def test_a_failed_article_shows_its_traceback_with_debug(tmp_path, soma_fails):
    news = write_news(tmp_path / "haberler.jsonl", KULA, SOMA)
    result = build(tmp_path, "--debug", str(news))
    assert "Traceback (most recent call last)" in result.stderr
    assert 'raise KeyError("Ali Veli")' in result.stderr


def test_a_failed_article_shows_no_traceback_without_debug(tmp_path, soma_fails):
    news = write_news(tmp_path / "haberler.jsonl", KULA, SOMA)
    assert "Traceback" not in build(tmp_path, str(news)).stderr


def test_identical_problems_are_printed_once_with_a_count_and_their_lines(tmp_path):
    reissued = [{"id": "soma", "text": f"Soma Kent Konseyi {n}. kez toplandı."} for n in (2, 3, 4)]
    news = write_news(tmp_path / "haberler.jsonl", SOMA, *reissued)
    result = build(tmp_path, str(news))
    lines = [line for line in result.stderr.splitlines() if "duplicate article id" in line]
    assert lines == [
        f"kg: {news}:2: duplicate article id 'soma' with different text (first read from {news}); "
        "skipped (3 times, at lines 2, 3, 4)"
    ]


def test_the_build_summary_counts_the_articles_not_built(tmp_path, soma_fails):
    news = write_news(tmp_path / "haberler.jsonl", KULA, SOMA)
    result = build(tmp_path, str(news))
    assert (
        "  problems: 1 (inputs or articles not built, listed on stderr)"
        in result.stdout.splitlines()
    )


def test_extract_names_an_article_it_cannot_extract_and_exits_1(tmp_path, stray_fact):
    news = write_news(tmp_path / "haberler.jsonl", {"id": "bos", "text": "Hava güzeldi."}, KULA)
    result = CliRunner().invoke(main, ["extract", str(news)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["bos"]
    [problem] = result.stderr.splitlines()
    assert problem.startswith(f"kg: {news}:2: article kula: extraction failed: ValueError: ")
    assert "Hayalet Derneği" in problem


def test_extract_shows_the_traceback_of_a_failed_article_with_debug(tmp_path, stray_fact):
    news = write_news(tmp_path / "haberler.jsonl", KULA)
    result = CliRunner().invoke(main, ["--debug", "extract", str(news)])
    assert "Traceback (most recent call last)" in result.stderr
    assert "__post_init__" in result.stderr
