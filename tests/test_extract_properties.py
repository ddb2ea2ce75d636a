"""Properties every extraction keeps, whatever the text: checked on generated Turkish-like text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Article
from kg.pipeline import extract

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
]

texts = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join) | st.text(max_size=300)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_extraction_never_fails_and_every_fact_points_into_the_text(text):
    extraction = extract(Article("t", text))
    names = {e.name for e in extraction.entities}
    for fact in extraction.facts:
        assert fact.s in names and fact.o in names
        assert extraction.article.text[fact.start : fact.end] == fact.evidence
        assert 0 < fact.confidence <= 1


@settings(max_examples=100, deadline=None)
@given(texts)
def test_extraction_is_deterministic(text):
    assert extract(Article("t", text)).to_json() == extract(Article("t", text)).to_json()
