"""A run's part with no title read into its names: an organisation, a person, places, an acronym."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import dropwhile, takewhile

from kg.extract.acronyms import add_acronym
from kg.extract.heads import head_case, heads_in, stem_form
from kg.extract.organisations import (
    add_known_organisation,
    known_organisation_at,
    read_known_branch,
    read_parent,
)
from kg.extract.people import (
    acronym_after_name,
    first_common_noun,
    is_role_noun,
    is_venue_noun,
    listed_with_people,
    name_before_named_body,
    name_follows,
    named_person_at,
    person_name,
    place_or_given_name,
    starts_with_given_name,
    surname_in_capitals,
    where_after_a_name,
)
from kg.extract.places import add_place_facts, is_place_name, place_head, read_places
from kg.extract.reading import MAX_PERSON_WORDS, SentenceReading, add_mention, add_places, place_of
from kg.extract.written import is_initial, name_text, written_words
from kg.lang.tr import OrgHead, Turkish
from kg.lang.tr.text import is_all_caps, recase
from kg.model import ORGANIZATION, PERSON, Mention


def read_part(reading: SentenceReading, part: list[int], lang: Turkish) -> None:  # noqa: C901, PLR0912
    """Read a run part that has no title: an organisation, places, a person or an acronym."""
    if not part:
        return
    tokens = reading.tokens
    known = known_organisation_at(part, tokens, lang)
    if known:  # "Türk Kızılay", "Türk Telekom'a": a body named without a head noun
        parent = add_known_organisation(reading, part[:known], lang)
        rest = part[known:]
        heads = heads_in(rest, tokens, lang) if rest else ()
        if heads and heads[-1][2].sub_body and heads[-1][1] == len(rest):
            read_known_branch(reading, part, parent, rest, heads[-1][2])
        else:
            read_part(reading, rest, lang)
        return
    heads = heads_in(part, tokens, lang)
    if heads and not is_place_name(part[: heads[-1][1]], tokens, lang):  # "Rusya Federasyonu"
        read_org(reading, part, heads, lang)
        return
    if len(part) == 1:  # most parts: a place, an acronym or a bare surname
        if not read_places(reading, part, lang):
            return
        read_person(reading, part, lang, titled=False)
        return
    k = named_person_at(reading, part, lang)
    if k is not None:  # "Sn. Ali Kaya", "Büyükelçisi Lajos Kiss": a name follows, whatever it is
        read_part(reading, part[:k], lang)
        _read_titled_person(reading, part[k:], lang)
        return
    if starts_with_given_name(part, tokens, lang):
        read_person(reading, part, lang, titled=False)  # "Nuri Bafra": surnames can be places
        return
    if listed_with_people(reading, part, lang):
        read_person(reading, part, lang, titled=True)
        return
    if surname_in_capitals(reading, part, lang):
        # "Törene Lajos KISS katıldı": a sentence's first word is capitalised anyway
        read_person(
            reading, part[1:] if part[0] == 0 and len(part) > 2 else part, lang, titled=True
        )
        return
    if place_or_given_name(part, tokens, lang):
        # "Evren Kaya": a given name before a word that can be a surname; "Fatih Camii" is none
        read_person(reading, part, lang, titled=False)
        return
    if is_venue_noun(tokens[part[-1]].key, lang) and place_of(tokens[part[-2]], lang):
        # "Sakarya Caddesi'nde", "Gediz Nehri": a venue named after a place is no mention of it
        read_places(reading, part[:-2], lang)
        return
    rest = read_places(reading, part, lang)
    if rest != part and not (rest and tokens[rest[0]].key in lang.given_names):
        return
    given = next((j for j, i in enumerate(rest[:-1]) if tokens[i].key in lang.given_names), 0)
    # "Başhekimi Ayşe Kaya", "Yardımcılığını Ali Kaya": words before a name that are no name
    read_person(reading, rest[given:], lang, titled=False)


def _read_titled_person(reading: SentenceReading, part: list[int], lang: Turkish) -> None:
    """The person an honorific or a person noun announces; "Başkan Yeşil Mahallesinde" names a
    place, and "Başkan Aydın" with no such person is the place."""
    tokens = reading.tokens
    words = list(dropwhile(lambda i: tokens[i].key in lang.name_openers, part))
    if not words:
        return
    if any(place_head(tokens[i].key, lang) for i in words):
        read_places(reading, words, lang)
        return
    if read_person(reading, part, lang, titled=True) is None:
        read_places(reading, words, lang)


def read_org(
    reading: SentenceReading,
    part: list[int],
    heads: Sequence[tuple[int, int, OrgHead]],
    lang: Turkish,
    *,
    attributive: bool = False,
) -> Mention | None:
    """An organisation ending at the last of the part's head nouns (``heads_in``), with its
    parents and places."""
    tokens = reading.tokens
    while heads and heads[-1][2].kind == "event":  # "X Kent Konseyi Genel Kurulu": X holds it
        event_start = heads[-1][0]
        heads = [h for h in heads[:-1] if h[1] <= event_start]
        part = part[: heads[-1][1]] if heads else []
    if not heads:
        return None
    # "Ali Veli İzmir Kent Konseyi": a person's name runs into the organisation's; not where a
    # head noun comes before the place ("Yeşil Parti Tire Kadın Kolları")
    start = 0
    if tokens[part[0]].key in lang.given_names:  # only then can a person's name open the part
        first_place = next((k for k, i in enumerate(part) if place_of(tokens[i], lang)), len(part))
        start = 0 if heads[0][1] <= first_place else _person_before_org(reading, part, lang)
    head_start, head_end, head = heads[-1]
    case = head_case(tokens[part[head_end - 1]], head, lang)
    if head.kind == "office" and head_start == 1 and is_all_caps(tokens[part[0]].base):
        # "İTO Başkanlığı": the office of the organisation the acronym stands for
        return add_mention(
            reading,
            part[:head_end],
            ORGANIZATION,
            tokens[part[0]].base,
            None,
            case=case,
            attributive=attributive,
            tentative=True,
        )
    if head.kind == "office" and len(heads) > 1 and heads[-2][1] == head_start:
        heads = heads[:-1]  # "X Odası Başkanlığı" is X Odası itself
        head_start, name_end, head = heads[-1]
    else:
        name_end = head_end
    if head_start <= start:
        start = 0
    words = part[start:head_end]
    named = part[start:name_end]
    last = stem_form(tokens[named[-1]], head) if name_end == head_end else tokens[named[-1]].base
    written = written_words(named, tokens, lang)
    if tokens[named[-1]].key not in lang.company_forms:  # "A.Ş." ends as written
        written[-1] = last
    name = name_text(written)
    mention = add_mention(
        reading, words, ORGANIZATION, name, head.subtype, case=case, attributive=attributive
    )
    parent = read_parent(reading, mention, part, start, heads)
    if parent is None:
        add_place_facts(reading, words, mention)
    if head_end < len(part):
        read_part(reading, part[head_end:], lang)
    return mention


def _person_before_org(reading: SentenceReading, part: list[int], lang: Turkish) -> int:
    """Where an organisation's name starts when a person's name runs into it ("Ali Veli İzmir ...")."""
    tokens = reading.tokens
    if tokens[part[0]].key not in lang.given_names:
        return 0
    for k in range(2, min(len(part), MAX_PERSON_WORDS + 1)):
        if place_of(tokens[part[k]], lang):
            read_person(reading, part[:k], lang, titled=False)
            return k
    return 0


def read_person(  # noqa: C901, PLR0912
    reading: SentenceReading,
    part: list[int],
    lang: Turkish,
    *,
    titled: bool,
) -> Mention | None:
    """A person's name: after a title, after an honorific, or starting with a given name."""
    tokens = reading.tokens
    words = list(part)
    honorific = alone = False
    # "Sayın", "Bakan Yardımcısı Dr.", "Başkan Yardımcılığını": words before the name (most
    # names open with their given name)
    while words and tokens[words[0]].key not in lang.given_names:
        key = tokens[words[0]].key
        if key in lang.name_openers:
            honorific = True
            alone = key in lang.lone_name_honorifics
        elif not (
            is_role_noun(key, honorific or titled, lang) and name_follows(words[1:], tokens, lang)
        ):
            break
        words.pop(0)
    if len(words) > 2 and tokens[words[0]].key in lang.demonyms:
        # "Başkanı Vanlı Ali Kaya": where the person comes from, not a part of the name
        add_places(reading, words.pop(0), lang, attributive=False)
    common = first_common_noun(words, tokens, lang)
    if common is not None and common >= 2 and tokens[words[common]].key in lang.address_words:
        words, common = words[:common], None  # "Ali Kaya Başkanımıza": a name, then its address
    if common is not None and not (titled or honorific):
        return None  # "Sultan Deresi Vadisi": a common noun makes it the name of a thing
    if common is not None and common >= 2:
        words = words[:common]  # "Başkanı Ali Kaya Başkanımıza"; "Dr. Maria Rossi" is whole
    if len(words) > 2 and where_after_a_name(tokens[words[-1]], lang):
        add_places(reading, words.pop(), lang, attributive=False)
    cut = name_before_named_body(words, tokens, lang) if len(words) > 2 else 0
    if cut:  # "Başkanı Ayşe Demir Kula Belediyesine Teşekkür Etti" in a heading
        read_part(reading, words[cut:], lang)
        words = words[:cut]
    if not words:
        return None
    named = list(takewhile(lambda i: tokens[i].key not in lang.address_words, words))
    if not named:
        return None
    addressed = len(named) < len(words)  # "Nevzat Başkan", "Ahmet Bey": a name by itself
    words = named
    words = words[:MAX_PERSON_WORDS]
    cut = acronym_after_name(words, tokens, lang)
    if cut:  # "Ali Kaya TOBB ile", "Vali Karaloğlu STK temsilcileriyle": a body after the name
        add_acronym(reading, words[cut])
        words = words[:cut]
    first = tokens[words[0]]
    if is_all_caps(first.base) and len(words) == 1 and not titled:
        if not place_of(first, lang):
            add_acronym(reading, words[0])
        return None
    known_name = first.key in lang.given_names
    if len(words) == 1 and known_name and addressed:
        return add_mention(reading, words, PERSON, recase(first.base), None)
    if len(words) >= 2 and is_initial(first):  # "M. Ali Kaya"
        known_name = tokens[words[1]].key in lang.given_names
    if len(words) >= 2 and (titled or honorific or known_name):
        return add_mention(reading, words, PERSON, person_name(words, tokens), None)
    if len(words) == 1 and alone:  # "Hz. Mevlana": the one name is the whole name
        return add_mention(reading, words, PERSON, recase(first.base), None)
    if len(words) == 1 and not place_of(first, lang):
        # kept only if it is the surname of a person named in full in the same article (given
        # names are surnames too: "Nazlı Ergin ... Ergin ise")
        return add_mention(reading, words, PERSON, recase(first.base), None, tentative=True)
    return None
