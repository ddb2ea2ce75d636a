"""The key names are looked up by is the key entity IRIs are made from."""

import pytest

from kg.lang.tr.names import name_key, nearest_names
from kg.lang.tr.text import slug


@pytest.mark.parametrize("spelling", ["İzmir", "Izmir", "IZMIR", "izmir", "izmir'de", "İZMİR’DE"])
def test_spellings_of_one_name_share_its_key(spelling):
    assert name_key(spelling) == name_key("İzmir") == "izmir"


@pytest.mark.parametrize("label", ["Mersin Büyükşehir Belediyesi", "Ege Kadın & Gençlik Derneği"])
def test_the_key_of_a_label_is_the_key_of_its_iri(label):
    assert name_key(label) == slug(label)


def test_only_the_suffix_of_the_last_word_is_dropped():
    assert name_key("IZMIR KENT KONSEYI'NE") == "izmir-kent-konseyi"


def test_nearest_names_put_those_containing_the_words_first_then_the_similar():
    names = ["Mersin Büyükşehir Belediyesi", "Mersin", "Merkez Efendi Derneği", "Tarsus"]
    assert nearest_names("MERSIN", names) == ["Mersin", "Mersin Büyükşehir Belediyesi"]
    assert nearest_names("Mersn", names)[0] == "Mersin"


def test_nearest_names_of_nothing_like_them_is_empty():
    assert nearest_names("Karadeniz Teknik Üniversitesi", ["Bornova"]) == []
