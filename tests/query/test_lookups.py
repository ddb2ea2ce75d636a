"""Looking names up: search, entity= and the CLI forgive case, accents, transliteration and suffixes."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import KnowledgeGraph
from kg.cli import main
from kg.errors import KgError
from kg.rdf.encode import entity_iri
from tests.support import build_articles

# Team-written articles: a city council, a metropolitan municipality and a cooperative in İzmir.
ARTICLES = [
    {
        "id": "konsey-mersin-ziyareti",
        "date": "2025-11-12",
        "text": "İzmir Kent Konseyi Başkanı Deniz Aksoy, Mersin Büyükşehir Belediyesi'ni ziyaret "
        "etti. Mersin Büyükşehir Belediyesi, İzmir Kent Konseyi'ne teşekkür etti.",
    },
    {
        "id": "kooperatif-protokol",
        "date": "2025-11-20",
        "text": "Çiğli Kadın Kooperatifi, İzmir'de İzmir Kent Konseyi ile iş birliği protokolü "
        "imzaladı.",
    },
]
COUNCIL = entity_iri("İzmir Kent Konseyi", "Organization").value
MERSIN = entity_iri("Mersin Büyükşehir Belediyesi", "Organization").value
IZMIR = entity_iri("İzmir", "Place").value


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_articles(tmp_path_factory.mktemp("lookups"), ARTICLES, html=False)


@pytest.fixture(scope="module")
def kg(built) -> KnowledgeGraph:
    return KnowledgeGraph.open(built)


@pytest.mark.parametrize("spelling", ["İzmir", "Izmir", "IZMIR", "izmir'de", "İZMİR'DE"])
def test_search_finds_a_name_however_it_is_cased_transliterated_or_inflected(kg, spelling):
    assert {IZMIR, COUNCIL} <= set(kg.entities(search=spelling)["iri"])


def test_search_in_capitals_without_turkish_letters_finds_the_whole_name(kg):
    assert set(kg.entities(search="IZMIR KENT KONSEYI")["iri"]) == {COUNCIL}


def test_search_by_the_first_words_of_a_name_finds_it(kg):
    assert set(kg.entities(search="Mersin Buyuksehir")["iri"]) == {MERSIN}


@pytest.mark.parametrize(
    "spelling", ["IZMIR KENT KONSEYI", "izmir kent konseyi'ne", "Izmir Kent Konseyi"]
)
def test_facts_of_an_entity_by_any_spelling_of_its_whole_name(kg, spelling):
    assert kg.facts(entity=spelling).equals(kg.facts(entity=COUNCIL))
    assert kg.events(entity=spelling).equals(kg.events(entity=COUNCIL))


def test_facts_need_the_whole_name_not_a_part_of_it(kg):
    with pytest.raises(KgError, match="Mersin Büyükşehir Belediyesi"):
        kg.facts(entity="Mersin Buyuksehir")


def test_an_unknown_entity_name_suggests_the_nearest_names_in_one_line(kg):
    with pytest.raises(KgError) as error:
        kg.facts(entity="Izmir Kent Konseyu")
    message = str(error.value)
    assert "Izmir Kent Konseyu" in message and "İzmir Kent Konseyi" in message
    assert "\n" not in message


def test_nearest_names_put_names_containing_the_text_first(kg):
    assert kg.nearest_names("mersin")[:2] == ["Mersin", "Mersin Büyükşehir Belediyesi"]


def test_cli_search_with_no_match_says_so_and_names_the_nearest(built):
    result = CliRunner().invoke(main, ["entities", str(built), "--search", "Izmir Kent Konseyu"])
    assert result.exit_code == 0
    assert "no entity matches 'Izmir Kent Konseyu'" in result.stderr
    assert "İzmir Kent Konseyi" in result.stderr


def test_cli_search_json_keeps_the_notice_out_of_the_records(built):
    result = CliRunner().invoke(
        main, ["entities", str(built), "--search", "Izmir Kent Konseyu", "--format", "json"]
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert "İzmir Kent Konseyi" in result.stderr


def test_a_search_with_no_letter_or_digit_is_an_error_not_every_entity(kg):
    with pytest.raises(KgError, match="no letter or digit"):
        kg.entities(search="&")
