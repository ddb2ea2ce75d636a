"""Every value in the Turkish data files names something real: a predicate of the vocabulary, a
class of the ontology, a case the morphology knows, a construction the relation reader has."""

from importlib import resources

import pytest

from kg.extract.pipeline import extract
from kg.extract.relations.clause import ANY_FORM
from kg.extract.relations.events import CONSTRUCTIONS
from kg.lang.tr import data_lines, data_rows, turkish
from kg.lang.tr.text import lower
from kg.model import Article
from kg.vocab import (
    EVENT_PREDICATES,
    ORGANIZATION_SUBTYPES,
    PLACE_SUBTYPES,
    SYMMETRIC_PREDICATES,
)

CASES = {"nom", "dat", "acc", "abl", "gen", "loc", "ins", "by", "adj"}
HEAD_KINDS = {"org", "sub_body", "office", "event"}
DATA = resources.files("kg.lang.tr").joinpath("data")  # the shipped word lists


def subtype_or_none(value: str) -> str | None:
    return None if value in ("", "-") else value


def test_every_cue_states_an_event_predicate_of_the_vocabulary():
    for row in data_rows("cues.tsv"):
        assert row["predicate"] in EVENT_PREDICATES, row


def test_every_cue_voice_has_a_construction_that_reads_it():
    voices = {voice for voice, _ in CONSTRUCTIONS}
    for row in data_rows("cues.tsv"):
        assert row["voice"] in voices, row


def test_every_voice_is_read_for_any_verb_form_or_for_each_one():
    forms = {form for voice, form in CONSTRUCTIONS if voice == "active"}
    assert forms == {
        "finite",
        "first_person",
        "second_person",
        "nominalised",
        "participle",
        "intention",
    }
    for voice in {voice for voice, _ in CONSTRUCTIONS} - {"active"}:
        assert (voice, ANY_FORM) in CONSTRUCTIONS


def test_every_cue_object_case_is_a_case_or_any():
    for row in data_rows("cues.tsv"):
        cases = row["object_case"].split("|")
        assert row["object_case"] == "any" or set(cases) <= CASES, row
        assert row["direction"] in ("forward", "reverse"), row


def test_symmetric_cues_are_never_reversed():
    for row in data_rows("cues.tsv"):
        if row["predicate"] in SYMMETRIC_PREDICATES:
            assert row["direction"] == "forward", row


def test_every_head_noun_subtype_is_an_organisation_class_of_the_ontology():
    for row in data_rows("org_heads.tsv"):
        subtype = subtype_or_none(row["subtype"])
        assert subtype is None or subtype in ORGANIZATION_SUBTYPES, row
        assert row["kind"] in HEAD_KINDS, row


def test_every_known_acronym_subtype_is_an_organisation_class():
    for row in data_rows("known_acronyms.tsv"):
        subtype = subtype_or_none(row["subtype"])
        assert subtype is None or subtype in ORGANIZATION_SUBTYPES, row


def test_every_title_states_head_of_member_of_or_nothing():
    for row in data_rows("titles.tsv"):
        assert row["relation"] in ("headOf", "memberOf", "-"), row
        assert row["number"] in ("singular", "plural"), row
        assert row["office"] in ("written", "elsewhere"), row


def test_every_implied_head_of_a_title_is_an_organisation_head_noun():
    heads = {" ".join(h.words) for h in turkish().org_heads}
    for row in data_rows("titles.tsv"):
        implied = subtype_or_none(row["implied_head"])
        assert implied is None or lower(implied) in heads, row


def test_every_place_head_subtype_is_a_place_class():
    for row in data_rows("place_heads.tsv"):
        assert row["subtype"] in (*PLACE_SUBTYPES, "-"), row
        assert row["keep"] in ("yes", "no"), row
        assert row["after"] in ("any", "place"), row


def test_every_city_abroad_lies_in_a_listed_country():
    countries = {row["name"] for row in data_rows("countries.tsv")}
    for row in data_rows("cities.tsv"):
        assert row["country"] in countries, row
        assert row["subtype"] in (*PLACE_SUBTYPES, "-"), row


def test_every_suffix_marks_a_known_case():
    for name in ("suffixes.tsv", "possessed_case.tsv"):
        for row in data_rows(name):
            assert row["case"] in CASES, (name, row)


def test_function_words_have_the_roles_the_relation_reader_knows():
    for row in data_rows("function_words.tsv"):
        assert row["role"] in (
            "agent",
            "comitative",
            "conjunction",
            "as",
            "between",
            "apposition",
            "topic",
            "reason",
            "affiliation",
            "also",
            "saying",
            "foremost",
            "foremost_close",
            "representing",
        ), row


def test_every_reason_of_thanks_states_an_event_predicate():
    for row in data_rows("reasons.tsv"):
        assert row["predicate"] in EVENT_PREDICATES, row
        assert row["direction"] in ("forward", "reverse"), row


def test_every_pronoun_has_a_case_and_a_referent_the_discourse_knows():
    for row in data_rows("pronouns.tsv"):
        assert row["case"] in CASES, row
        assert row["refers_to"] in ("speaker_side", "counterpart", "head", "delegation"), row


def test_every_district_lies_in_a_listed_province():
    provinces = {row["name"] for row in data_rows("provinces.tsv")}
    for row in data_rows("districts.tsv"):
        assert row["province"] in provinces, row


def test_month_numbers_run_from_one_to_twelve():
    numbers = {int(row["number"]) for row in data_rows("months.tsv")}
    assert numbers == set(range(1, 13))


@pytest.mark.parametrize(
    "name",
    sorted(f.name for f in DATA.iterdir() if f.name.endswith((".tsv", ".txt"))),
)
def test_every_data_file_says_what_it_holds_and_where_it_comes_from(name):
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    header = " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    assert header, f"{name} has no header comment"
    assert "civic-kg team" in header or "Source" in header, f"{name} names no source"
    assert data_lines(name), f"{name} holds no data"


def test_every_data_file_is_read_by_the_language_loader():
    loader = resources.files("kg.lang.tr").joinpath("__init__.py").read_text(encoding="utf-8")
    for f in DATA.iterdir():
        if f.name.endswith((".tsv", ".txt")):
            assert f'"{f.name}"' in loader, f"{f.name} is shipped but never loaded"


def test_no_cue_is_listed_twice():
    rows = [(r["predicate"], r["cue"], r["voice"]) for r in data_rows("cues.tsv")]
    assert len(rows) == len(set(rows))


def test_known_organisations_have_ontology_subtypes_and_are_read_as_written():
    lang = turkish()
    for _, (name, subtype) in lang.known_organisations.items():
        assert subtype is None or subtype in ORGANIZATION_SUBTYPES, name
        entities = extract(Article("t", f"Toplantıya {name} de katıldı.")).entities
        assert (name, "Organization") in {(e.name, e.type) for e in entities}, name


@pytest.mark.parametrize("name", ["offices.tsv", "elected_as.tsv"])
def test_every_office_states_head_of_or_member_of(name):
    for row in data_rows(name):
        assert row["relation"] in ("headOf", "memberOf"), row


def test_every_sub_body_parent_is_an_organisation_class():
    for row in data_rows("sub_body_parents.tsv"):
        assert row["parent"] in ORGANIZATION_SUBTYPES, row
