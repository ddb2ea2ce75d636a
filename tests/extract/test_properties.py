"""Properties every extraction keeps, whatever the text: checked on generated Turkish-like text, on
real articles and on real articles damaged the way scraped news is (cut, shouted, glued, junk).

The real articles are the shipped sample and, where the checkout sits beside it, the dev set in
``../shared/corpus/dev/gold.jsonl`` (or the file ``CIVIC_KG_DEV_SET`` names): read from there at
test time, never copied into the tests."""

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.pipeline import extract
from kg.lang.tr.text import upper
from kg.model import Article, Extraction
from tests.support import ROOT, SEED

DEV_SET = Path(os.environ.get("CIVIC_KG_DEV_SET", ROOT.parent / "shared/corpus/dev/gold.jsonl"))

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
    texts = [SEED.read_text(encoding="utf-8")]
    if DEV_SET.is_file():
        with DEV_SET.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


REAL_TEXTS = real_texts()

# The ways scraped news arrives damaged. Each takes a text and what hypothesis drew for it.
MUTATIONS = {
    "cut": lambda text, a, b, junk: text[min(a, b) % (len(text) + 1) : max(a, b) % (len(text) + 1)],
    "all caps": lambda text, a, b, junk: upper(text),
    "caps from a point": lambda text, a, b, junk: (
        text[: a % (len(text) + 1)] + upper(text[a % (len(text) + 1) :])
    ),
    "apostrophes removed": lambda text, a, b, junk: text.replace("'", "").replace("’", ""),
    "apostrophes spaced": lambda text, a, b, junk: text.replace("'", " ' ").replace("’", " ’ "),
    "curly apostrophes": lambda text, a, b, junk: text.replace("'", "’"),
    "lines glued": lambda text, a, b, junk: text.replace("\n", ""),
    "junk inserted": lambda text, a, b, junk: (
        text[: a % (len(text) + 1)] + junk + text[a % (len(text) + 1) :]
    ),
}


def check_invariants(extraction: Extraction) -> None:
    """What Extraction itself enforces, asserted again so a test fails with a readable diff."""
    names = [e.name for e in extraction.entities]
    assert len(names) == len(set(names))
    for fact in extraction.facts:
        assert fact.s in names and fact.o in names and fact.s != fact.o
        assert extraction.article.text[fact.start : fact.end] == fact.evidence
        assert fact.evidence.strip()
        assert 0 < fact.confidence <= 1


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
    st.characters(codec=None, categories=["Cc", "Cf", "Co", "Cs", "Zs", "Zl", "So", "Mn", "Lo"]),
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
