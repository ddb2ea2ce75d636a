"""People, places and text segmentation, pinned by Turkish sentences the team wrote (none are
from the dev set)."""

from kg.lang.tr import turkish
from kg.lang.tr.text import split_sentences, tokenize
from kg.model import Article
from kg.pipeline import extract


def entities_of(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.name: (e.type, e.aliases) for e in extract(Article("t", text)).entities}


def sentences_of(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, turkish().abbreviations)]


# --- segmentation ----------------------------------------------------------------------------


def test_heading_glued_to_the_next_line_gives_two_sentences():
    text = "Kula Yeni Dönem Toplantısı YapıldıSalihli Belediye Başkanı Ayşe Demir konuştu."
    assert sentences_of(text)[0] == "Kula Yeni Dönem Toplantısı Yapıldı"


def test_heading_in_capitals_glued_to_the_next_line_gives_two_sentences():
    text = "DERNEKTEN SERT TEPKİManisa Belediye Başkanı Ali Kaya açıklama yaptı."
    assert sentences_of(text)[0] == "DERNEKTEN SERT TEPKİ"


def test_name_written_as_one_word_is_not_cut():
    assert len(sentences_of("Bu KulaBank şubesi açıldı.")) == 1


def test_full_stop_without_a_space_ends_a_sentence():
    assert sentences_of("Toplantı yapıldı.Ardından yemek verildi.") == [
        "Toplantı yapıldı.",
        "Ardından yemek verildi.",
    ]


def test_abbreviations_written_together_do_not_end_a_sentence():
    assert len(sentences_of("Toplantıya Prof.Dr. Ayşe Demir katıldı.")) == 1


def test_missing_space_before_a_name_separates_the_words():
    tokens = tokenize("Ziyareti içinKaya'ya teşekkür etti.")
    assert [t.base for t in tokens[:4]] == ["Ziyareti", "için", "Kaya", "teşekkür"]


def test_title_case_conjunction_does_not_join_two_names():
    names = entities_of("Kula Belediyesi, Salihli Ve Alaşehir Belediyesi İle Protokol İmzaladı")
    assert "Alaşehir Belediyesi" in names
    assert not any(" Ve " in n for n in names)
