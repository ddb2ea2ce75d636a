"""Properties every extraction keeps, whatever the text: checked on generated Turkish-like text, on
real articles and on real articles damaged the way scraped news is (cut, shouted, glued, junk).

The real articles are the shipped sample and, where the checkout sits beside it, the dev set in
``../shared/corpus/dev/gold.jsonl`` (or the file ``CIVIC_KG_DEV_SET`` names): read from there at
test time, never copied into the tests. The damage is benchmarks/damage.py's, which the hostile-input
benchmarks share."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.damage import DEV_SET, JUNK_CATEGORIES, MUTATIONS, dev_texts, violations
from benchmarks.mutated import run
from kg.extract.pipeline import extract
from kg.model import Article, Extraction
from tests.support import SEED

WORDS = [
    "Bornova",
    "Kent",
    "Konseyi",
    "Belediyesi",
    "Derneği",
    "Federasyonu'na",
    "Başkanı",
    "Ayşe",
    "Demir'i",
    "ziyaret",
    "etti",
    "teşekkür",
    "edildi",
    "tarafından",
    "ile",
    "ve",
    "(BKK)",
    "İZMİR",
    "(İGFA)",
    "-",
    "Prof.",
    "Dr.",
    "Mehmet",
    "Yılmaz",
    ",",
    ".",
    ":",
    "Yürütme",
    "Kurulu",
    "üyelerine",
    "Kent",
    "Konseyi'nin",
    "yeni",
    "başkanı",
    "protokol",
    "imzaladı",
    "Mahallesi",
    "Muhtarı",
    "3",
    "Aralık",
    "2026",
    "Kaynak",
    "DHA",
    "Karşıyaka'nın",
    "iş",
    "birliği",
    "ağırladı",
    "eden",
    "Başkanımız",
    "Vekili",
    "Belediye",
    "Başkanları",
    "kardeş",
    "şehir",
    "Selim",
    "heyeti",
    "'",
    "’",
    "\n",
]


def real_texts() -> list[str]:
    """The sample article, and the dev-set articles when the dev set is there."""
    return [SEED.read_text(encoding="utf-8"), *(dev_texts() if DEV_SET.is_file() else [])]


REAL_TEXTS = real_texts()


def check_invariants(extraction: Extraction) -> None:
    """What Extraction itself enforces, asserted again so a test fails naming what broke."""
    assert violations(extraction) == []


texts = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join) | st.text(max_size=300)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_extraction_never_fails_and_every_fact_points_into_the_text(text):
    check_invariants(extract(Article("t", text)))


@settings(max_examples=100, deadline=None)
@given(texts)
def test_extraction_is_deterministic(text):
    assert extract(Article("t", text)).to_json() == extract(Article("t", text)).to_json()


@pytest.mark.parametrize("mutation", [None, *MUTATIONS])
def test_every_real_article_extracts_whole_and_damaged(mutation):
    for k, text in enumerate(REAL_TEXTS):
        if mutation is not None:
            text = MUTATIONS[mutation](text, 7 * k + 13, 31 * k + 200, "\u200b\ufffd")
        check_invariants(extract(Article(f"a{k}", text)))


junk = st.text(
    st.characters(codec=None, categories=list(JUNK_CATEGORIES)),
    max_size=8,
)


@settings(max_examples=250, deadline=None)
@given(
    st.sampled_from(REAL_TEXTS),
    st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3),
    st.integers(0, 1 << 20),
    st.integers(0, 1 << 20),
    junk,
)
def test_real_articles_under_random_damage_keep_every_invariant(text, mutations, a, b, rubbish):
    for mutation in mutations:
        text = MUTATIONS[mutation](text, a, b, rubbish)
    check_invariants(extract(Article("t", text)))


@pytest.mark.slow  # a few seconds: 300 articles, three of them 200 KB
def test_damaged_dev_articles_extract_without_an_error_or_a_slow_one():
    """benchmarks/mutated.py's check (run there on 10,000 articles) over a slice of 300, damaged
    from the real articles here (the sample alone on a clone without ../shared beside it)."""
    tally = run(REAL_TEXTS, 300, seed=20, long_every=100, long_kb=200)
    assert tally.failures == []
    assert (tally.articles, tally.long_articles) == (300, 3)
