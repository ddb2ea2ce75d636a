"""Turkish language data (titles, head nouns, cues, suffixes, gazetteer), read once on first use."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from kg.lang.tr.text import lower, normalise


@dataclass(frozen=True)
class OrgHead:
    words: tuple[str, ...]
    subtype: str | None
    kind: str  # org, sub_body, office or event (see org_heads.tsv)

    @property
    def sub_body(self) -> bool:
        return self.kind == "sub_body"


@dataclass(frozen=True)
class Title:
    words: tuple[str, ...]
    relation: str | None  # headOf, memberOf, or None for titles that state no relation
    implied_head: str | None
    plural: bool = False
    named_elsewhere: bool = False  # "Sivas Valisi": heads "Sivas Valiliği" only if named so


@dataclass(frozen=True)
class Cue:
    predicate: str
    words: tuple[str, ...]
    object_case: str
    voice: str
    reverse: bool = False  # the actor is the relation's object (a host: "ağırladı")


@dataclass(frozen=True)
class Place:
    name: str
    subtype: str | None  # None: a region or a city abroad, a place of no listed kind
    province: str | None = None


@dataclass(frozen=True)
class PlaceHead:
    """A noun that ends a place's name or marks its kind (see place_heads.tsv)."""

    subtype: str | None
    keep: bool  # the head is part of the name ("Cumhuriyet Mahallesi") or only marks its kind
    after_any: bool  # names a place with any words before it, not only after a gazetteer place


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process
class Turkish:
    """Everything the extractor knows about Turkish, as plain lookups."""

    org_heads: tuple[OrgHead, ...]
    titles: tuple[Title, ...]
    honorifics: frozenset[str]
    lone_name_honorifics: frozenset[str]  # "hz": "Hz. Mevlana" is a whole name
    abbreviations: frozenset[str]  # with their full stop, lower case: "prof."
    company_forms: frozenset[str]  # "san", "tic", "a.ş", "ltd": a company name goes on past them
    group_nouns: frozenset[str]
    entourage_nouns: frozenset[str]  # "ekibi", "heyeti": after a person, the people with them
    cues: tuple[Cue, ...]
    suffixes: dict[str, str]  # suffix -> case
    function_words: dict[str, str]  # word -> role
    places: dict[str, Place]  # folded name -> place
    # names of more than one word ("kuzey makedonya"), by their first word, longest first
    place_phrases: dict[str, tuple[tuple[str, ...], ...]]
    demonyms: dict[str, str]  # folded demonym ("manisalı") -> place name ("Manisa")
    # (folded district, its province's name) for every district: a name can be in several provinces
    district_provinces: frozenset[tuple[str, str]]
    given_names: frozenset[str]  # folded
    possessive_endings: tuple[str, ...]  # longest first
    softening: dict[str, str]  # written consonant -> bare-word consonant ("ğ" -> "k")
    participle_endings: tuple[str, ...]
    nominalised_endings: tuple[str, ...]
    complement_endings: tuple[str, ...]  # of a noun clause that is the object of the next verb
    they_endings: tuple[str, ...]  # of a noun clause whose actor is "they": "yaptıkları"
    auxiliaries: tuple[str, ...]  # "et", "ol": a verb word of its own after a cue noun
    plural_possessives: tuple[str, ...]  # "ları": written or not inside a compound name
    intention_endings: tuple[str, ...]
    intention_infixes: tuple[str, ...]  # the future suffix: a promise anywhere in the word
    light_verbs: frozenset[str]
    delegation_nouns: frozenset[str]
    plural_head_titles: tuple[
        tuple[tuple[str, ...], str], ...
    ]  # (title words, head), longest first
    relative_participle_endings: tuple[str, ...]
    noun_cases: tuple[tuple[str, str], ...]  # (ending, case) of a common noun
    address_words: frozenset[str]
    person_nouns: frozenset[str]  # "büyükelçisi", "gazeteci": a person's name follows
    name_unlike_endings: tuple[str, ...]  # "-si", "-imiz": a common noun, not a name
    verb_endings: tuple[str, ...]  # "-dı", "-yor": a finite verb ("İmzaladı") in a heading
    small_words: frozenset[str]  # "için", "bu": in a heading in title case, no name words
    non_entity_heads: frozenset[str]  # "parkı", "bayramı": a venue's or event's name
    generic_modifiers: frozenset[str]  # "kardeş", "diğer": before a head, still no one's name
    months: dict[str, int]  # lower-case month name -> 1..12
    weekdays: frozenset[str]  # lower-case weekday names
    day_times: frozenset[str]  # "günü", "akşamı": after a weekday's name it is the day
    former_words: frozenset[str]
    place_heads: dict[str, PlaceHead]
    source_words: frozenset[str]
    dateline_labels: frozenset[str]  # "(ÖZEL)": no agency in a dateline's parentheses
    first_person_endings: tuple[str, ...]
    second_person_endings: tuple[str, ...]
    known_acronyms: dict[str, str | None]  # acronym as written -> organisation subtype
    elected_as: dict[tuple[str, ...], str]  # "başkan" in "Ali Veli başkan seçildi" -> headOf
    sub_body_parents: dict[str, str]  # "gençlik meclisi" -> "CityCouncil": whose it is, alone
    # ("faaliyet", "gösteren"), "loc": "Manisa'da faaliyet gösteren X" is based in Manisa
    seat_phrases: tuple[tuple[tuple[str, ...], str], ...]
    # words in lower case -> (name as written, subtype): bodies named without a head noun
    known_organisations: dict[tuple[str, ...], tuple[str, str | None]]
    title_markers: frozenset[str]  # "konulu": the quotation before it is a title
    plural_heads: dict[tuple[str, ...], tuple[str, ...]]  # ("belediyeleri",) -> ("belediyesi",)
    offices: tuple[tuple[tuple[str, ...], str], ...]  # (("başkanlığı",), "headOf"): offices.tsv
    appointment_stems: tuple[str, ...]  # "seçil", "atan": an office was given
    member_suffixes: frozenset[str]  # "li" in "CHP'li": a member of the party
    common_acronyms: frozenset[str]  # "STK", "TİS": capitals that name no organisation
    # ("şube", ("şubesi",), "place"): a head written bare, the head, what names one (bare_heads.tsv)
    bare_heads: tuple[tuple[str, tuple[str, ...], str], ...]
    possessed_case: tuple[tuple[str, str], ...]  # (ending, case), longest ending first
    pronouns: dict[str, tuple[str, str]]  # word -> (case, what it refers to)
    reasons: tuple[tuple[tuple[str, ...], str, bool], ...]  # (stem words, predicate, reverse)
    # lookups built from the lists above, so each token is checked against a few entries only
    heads_by_end: dict[str, tuple[OrgHead, ...]] = field(default_factory=dict)
    titles_by_first: dict[str, tuple[Title, ...]] = field(default_factory=dict)
    cues_by_start: dict[str, tuple[Cue, ...]] = field(default_factory=dict)
    references_by_first: dict[str, tuple[tuple[tuple[str, ...], OrgHead], ...]] = field(
        default_factory=dict
    )
    # "kent konseyi", "gençlik meclisi", "genel merkezi": a head alone names no one (a fuller name
    # in the article may take it in)
    name_openers: frozenset[str] = frozenset()  # honorifics and person nouns: a name follows
    # "kent konseyi": an organisation head alone names no one (a sub-body's may: "Gençlik Meclisi")
    generic_org_names: frozenset[str] = frozenset()
    # "belediyeye", "derneğe": single-word heads by their first letters, with the stems they are
    # written on before a case suffix
    inflected_references: dict[str, tuple[tuple[tuple[str, ...], OrgHead], ...]] = field(
        default_factory=dict
    )


def data_lines(name: str) -> list[str]:
    """The lines of a file in this package's ``data/``, without '#' comments and blank lines."""
    text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file, in file order: the first non-comment line names the columns."""
    return [
        {k: normalise(v).strip() for k, v in row.items()}
        for row in csv.DictReader(data_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(lower(phrase).split())


def _optional(value: str) -> str | None:
    return None if value in ("", "-") else value


PREFIX = 3  # head words and cues are looked up by their first letters, then matched in full


def prefix(word: str) -> str:
    return word[:PREFIX]


def _index(items: Iterable, keys: Callable[[Any], Iterable[str]]) -> dict[str, tuple]:
    index: dict[str, list] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys(item)):
            index[key].append(item)
    return {k: tuple(v) for k, v in index.items()}


@cache
def turkish() -> Turkish:
    """The Turkish data, loaded from the files beside this module the first time it is asked for."""
    from kg.lang.tr.morphology import bare_noun, possessive_stem

    lang = _load()
    references = [(h.words[:-1] + (bare_noun(h.words[-1], lang),), h) for h in lang.org_heads]
    return replace(
        lang,
        name_openers=lang.honorifics | lang.person_nouns,
        heads_by_end=_index(lang.org_heads, lambda h: [prefix(h.words[-1])]),
        titles_by_first=_index(lang.titles, lambda t: [t.words[0]]),
        cues_by_start=_index(
            sorted(lang.cues, key=lambda c: sum(map(len, c.words)), reverse=True),
            lambda c: [prefix(c.words[0])],
        ),
        generic_org_names=frozenset(
            [" ".join(h.words) for h in lang.org_heads if h.kind != "event"]
            + [lower(t.implied_head) for t in lang.titles if t.implied_head]
        ),
        inflected_references=_index(
            [
                ((bare_noun(h.words[0], lang), possessive_stem(h.words[0], lang)), h)
                for h in lang.org_heads
                if len(h.words) == 1 and h.kind == "org"
            ],
            lambda r: [prefix(stem) for stem in r[0]],
        ),
        references_by_first=_index(
            references, lambda r: [r[0][0]] if len(r[0]) > 1 else [r[0][0], r[1].words[0]]
        ),
    )


_NO_CIRCUMFLEX = str.maketrans("âîûÂÎÛ", "aiuAIU")


def _index_phrases(phrases: Iterable[list[str]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Word tuples by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in phrases:
        index[words[0]].append(tuple(words))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _load() -> Turkish:
    places: dict[str, Place] = {}
    for row in data_rows("countries.tsv"):
        for name in [row["name"], *filter(None, row.get("aliases", "").split("|"))]:
            places[lower(name)] = Place(row["name"], "Country")
    for row in data_rows("districts.tsv"):
        places.setdefault(lower(row["name"]), Place(row["name"], "District", row["province"]))
    for row in data_rows("regions.tsv"):  # "Marmara", "Akdeniz": the region, not the district
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            places[lower(name)] = Place(row["name"], None)
    demonyms = {}
    for row in data_rows("provinces.tsv"):
        places[lower(row["name"])] = Place(row["name"], "Province")
        demonyms[lower(row["demonym"])] = row["name"]
    for row in data_rows("cities.tsv"):
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            places.setdefault(lower(name), Place(row["name"], _optional(row["subtype"])))
    # "Hakkari": news often leaves the circumflex out, and a name is given as the text writes it
    for key, place in list(places.items()):
        plain = replace(place, name=place.name.translate(_NO_CIRCUMFLEX))
        places.setdefault(key.translate(_NO_CIRCUMFLEX), plain)
    for key, name in list(demonyms.items()):
        demonyms.setdefault(key.translate(_NO_CIRCUMFLEX), name.translate(_NO_CIRCUMFLEX))
    honorific_rows = data_rows("honorifics.tsv")
    return Turkish(
        org_heads=tuple(
            OrgHead(_words(r["head"]), _optional(r["subtype"]), r["kind"])
            for r in data_rows("org_heads.tsv")
        ),
        titles=tuple(
            Title(
                _words(r["title"]),
                _optional(r["relation"]),
                _optional(r["implied_head"]),
                r["number"] == "plural",
                r["office"] == "elsewhere",
            )
            for r in data_rows("titles.tsv")
        ),
        honorifics=frozenset(r["word"] for r in honorific_rows),
        lone_name_honorifics=frozenset(r["word"] for r in honorific_rows if r["alone"] == "yes"),
        abbreviations=frozenset(
            [r["word"] + "." for r in honorific_rows if r["abbreviation"] == "yes"]
            + [r["word"] + "." for r in data_rows("abbreviations.tsv")]
        ),
        company_forms=frozenset(
            r["word"] for r in data_rows("abbreviations.tsv") if r["company"] == "yes"
        ),
        group_nouns=frozenset(r["noun"] for r in data_rows("group_nouns.tsv")),
        entourage_nouns=frozenset(
            r["noun"] for r in data_rows("group_nouns.tsv") if r["entourage"] == "yes"
        ),
        cues=tuple(
            Cue(
                r["predicate"],
                _words(r["cue"]),
                r["object_case"],
                r["voice"],
                r["direction"] == "reverse",
            )
            for r in data_rows("cues.tsv")
        ),
        suffixes={r["suffix"]: r["case"] for r in data_rows("suffixes.tsv")},
        function_words={r["word"]: r["role"] for r in data_rows("function_words.tsv")},
        places=places,
        place_phrases=_index_phrases(k.split() for k in places if " " in k),
        demonyms=demonyms,
        district_provinces=frozenset(
            (lower(row["name"]), row["province"]) for row in data_rows("districts.tsv")
        ),
        possessive_endings=tuple(
            sorted((r["ending"] for r in data_rows("possessives.tsv")), key=len, reverse=True)
        ),
        softening={r["written"]: r["bare"] for r in data_rows("softening.tsv")},
        participle_endings=tuple(r["ending"] for r in data_rows("participles.tsv")),
        nominalised_endings=tuple(r["ending"] for r in data_rows("nominalised.tsv")),
        they_endings=tuple(
            r["ending"] for r in data_rows("nominalised.tsv") if r["plural"] == "yes"
        ),
        auxiliaries=tuple(r["stem"] for r in data_rows("auxiliaries.tsv")),
        plural_possessives=tuple(r["ending"] for r in data_rows("plural_possessives.tsv")),
        complement_endings=tuple(
            r["ending"] for r in data_rows("nominalised.tsv") if r["complement"] == "yes"
        ),
        intention_endings=tuple(r["ending"] for r in data_rows("intentions.tsv")),
        intention_infixes=tuple(
            r["ending"] for r in data_rows("intentions.tsv") if r["inside"] == "yes"
        ),
        light_verbs=frozenset(r["verb"] for r in data_rows("light_verbs.tsv")),
        delegation_nouns=frozenset(r["noun"] for r in data_rows("delegation_nouns.tsv")),
        plural_head_titles=tuple(
            sorted(
                ((_words(r["title"]), r["head"]) for r in data_rows("plural_head_titles.tsv")),
                key=lambda row: len(row[0]),
                reverse=True,
            )
        ),
        relative_participle_endings=tuple(
            r["ending"] for r in data_rows("relative_participles.tsv")
        ),
        noun_cases=tuple((r["ending"], r["case"]) for r in data_rows("noun_cases.tsv")),
        address_words=frozenset(r["word"] for r in data_rows("address_words.tsv")),
        person_nouns=frozenset(r["word"] for r in data_rows("person_nouns.tsv")),
        name_unlike_endings=tuple(r["ending"] for r in data_rows("name_unlike_endings.tsv")),
        verb_endings=tuple(r["ending"] for r in data_rows("verb_endings.tsv")),
        small_words=frozenset(r["word"] for r in data_rows("small_words.tsv")),
        non_entity_heads=frozenset(r["word"] for r in data_rows("non_entity_heads.tsv")),
        generic_modifiers=frozenset(r["word"] for r in data_rows("generic_modifiers.tsv")),
        months={r["name"]: int(r["number"]) for r in data_rows("months.tsv")},
        weekdays=frozenset(r["word"] for r in data_rows("weekdays.tsv") if r["kind"] == "day"),
        day_times=frozenset(r["word"] for r in data_rows("weekdays.tsv") if r["kind"] == "time"),
        former_words=frozenset(r["word"] for r in data_rows("former_words.tsv")),
        place_heads={
            r["head"]: PlaceHead(_optional(r["subtype"]), r["keep"] == "yes", r["after"] == "any")
            for r in data_rows("place_heads.tsv")
        },
        source_words=frozenset(r["word"] for r in data_rows("source_words.tsv")),
        dateline_labels=frozenset(r["word"] for r in data_rows("dateline_labels.tsv")),
        first_person_endings=tuple(r["ending"] for r in data_rows("first_person.tsv")),
        second_person_endings=tuple(r["ending"] for r in data_rows("second_person.tsv")),
        possessed_case=tuple(
            sorted(
                ((r["ending"], r["case"]) for r in data_rows("possessed_case.tsv")),
                key=lambda row: len(row[0]),
                reverse=True,
            )
        ),
        reasons=tuple(
            (_words(r["stem"]), r["predicate"], r["direction"] == "reverse")
            for r in data_rows("reasons.tsv")
        ),
        pronouns={r["word"]: (r["case"], r["refers_to"]) for r in data_rows("pronouns.tsv")},
        title_markers=frozenset(r["word"] for r in data_rows("title_markers.tsv")),
        plural_heads={
            _words(r["plural"]): _words(r["head"]) for r in data_rows("plural_heads.tsv")
        },
        offices=tuple((_words(r["office"]), r["relation"]) for r in data_rows("offices.tsv")),
        appointment_stems=tuple(r["stem"] for r in data_rows("appointment_words.tsv")),
        member_suffixes=frozenset(r["suffix"] for r in data_rows("member_suffixes.tsv")),
        common_acronyms=frozenset(r["acronym"] for r in data_rows("common_acronyms.tsv")),
        bare_heads=tuple(
            (r["bare"], _words(r["head"]), r["named_by"]) for r in data_rows("bare_heads.tsv")
        ),
        known_acronyms={
            r["acronym"]: _optional(r["subtype"]) for r in data_rows("known_acronyms.tsv")
        },
        elected_as={_words(r["office"]): r["relation"] for r in data_rows("elected_as.tsv")},
        sub_body_parents={r["sub_body"]: r["parent"] for r in data_rows("sub_body_parents.tsv")},
        seat_phrases=tuple(
            (_words(r["phrase"]), r["place_case"]) for r in data_rows("seat_phrases.tsv")
        ),
        known_organisations={
            _words(r["name"]): (r["name"], _optional(r["subtype"]))
            for r in data_rows("known_organisations.tsv")
        },
        given_names=frozenset(lower(line.strip()) for line in data_lines("given_names.txt")),
    )
