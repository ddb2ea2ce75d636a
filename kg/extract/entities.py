"""Entity mentions in one sentence: organisations by head noun, people by title or given name,
places by gazetteer; and the structural facts their names state (headOf, partOf, locatedIn)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache
from itertools import dropwhile, takewhile
from operator import attrgetter

from kg.extract.acronyms import (
    add_acronym,
    in_parentheses,
    is_acronym,
    read_acronym_and_places,
    read_place_acronym,
)
from kg.extract.heads import (
    PARTY,
    bare_head_ending,
    branch_heads,
    head_case,
    head_for_name,
    heads_ending_in,
    heads_in,
    lone_bare_head,
    member_adjective,
    member_adjectives,
    single_head,
    stem_form,
)
from kg.extract.organisations import (
    add_known_organisation,
    known_organisation_at,
    known_organisation_openers,
    read_known_branch,
    read_parent,
)
from kg.extract.people import (
    acronym_after_name,
    first_common_noun,
    is_common_noun,
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
from kg.extract.places import (
    NAME_CONFIDENCE,
    add_place_facts,
    is_place_name,
    place_head,
    place_head_forms,
    read_places,
)
from kg.extract.reading import (
    MAX_PERSON_WORDS,
    SentenceReading,
    add_fact,
    add_mention,
    add_places,
    join_words,
    place_of,
)
from kg.extract.roles import (
    Role,
    genitive_heads,
    listed_after,
    split_at_titles,
    title_at,
    title_sub_body,
)
from kg.extract.written import (
    HYPHEN,
    OPENING_QUOTES,
    QUOTES,
    capitalised,
    is_initial,
    joins_forms,
    name_text,
    written_words,
)
from kg.lang.tr import OrgHead, Title, Turkish, prefix
from kg.lang.tr.morphology import bare_noun, inflection_of, possessive_stem, suffix_case, token_case
from kg.lang.tr.text import Token, is_all_caps, recase
from kg.model import ORGANIZATION, PERSON, PLACE, Mention

_KEY = attrgetter("key")
NAME_JOINERS = frozenset(",)")


def read_names(reading: SentenceReading) -> None:
    """Sentence stage: runs of capitalised words read as organisations, people, places and the
    titles between them (roles are completed by a later stage)."""
    lang, text = reading.lang, reading.sentence.text
    used = reading.byline_tokens
    if text[1:].islower() and not used:  # no capital after the first letter: one run at most
        runs = [[0]] if reading.tokens and reading.tokens[0].base[:1].isupper() else []
    else:
        runs = _joined_name_pieces(_name_runs(reading.tokens, used, lang), reading.tokens, lang)
        runs = _split_after_member_adjectives(runs, reading.tokens, lang)
        runs = _outside_quoted_titles(runs, reading.tokens, lang)
    roles = reading.roles
    for run in runs:
        listed = listed_after(reading, roles, run)
        if listed is not None:
            _read_listed_person(reading, listed, run)
            continue
        roles.extend(_read_run(reading, run, lang))


def _outside_quoted_titles(
    runs: list[list[int]], tokens: Sequence[Token], lang: Turkish
) -> list[list[int]]:
    """The runs not inside a quoted title: “Kent Vizyonu ve Kent Konseyi” konulu panel names a
    topic, not the bodies its words would name elsewhere."""
    if lang.title_markers.isdisjoint(map(_KEY, tokens)):  # most sentences
        return runs
    inside: set[int] = set()
    for close, token in enumerate(tokens[:-1]):
        if token.text in QUOTES and tokens[close + 1].key in lang.title_markers:
            open_ = next((k for k in range(close - 1, -1, -1) if tokens[k].text in QUOTES), None)
            if open_ is not None:
                inside.update(range(open_ + 1, close))
    return [run for run in runs if not inside.issuperset(run)] if inside else runs


def _split_after_member_adjectives(
    runs: list[list[int]], tokens: Sequence[Token], lang: Turkish
) -> list[list[int]]:
    """ "AK Partili Kula Belediye Başkanı Ali Veli": the party's member adjective ends a name."""
    if member_adjectives(lang).keys().isdisjoint(map(_KEY, tokens)):  # most sentences
        return runs
    split: list[list[int]] = []
    for run in runs:
        cut = next((k for k, i in enumerate(run[:-1]) if member_adjective(tokens[i], lang)), None)
        if cut is None:
            split.append(run)
        else:
            split.extend([run[: cut + 1], run[cut + 1 :]])
    return split


def _read_member_adjective(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """ "AK Partili": the party named before its member suffix. Returns whether read so."""
    tokens = reading.tokens
    head = member_adjective(tokens[part[-1]], lang) if len(part) > 1 else None
    if head is None:
        return False
    words = [tokens[i].base for i in part[:-1]] + [capitalised(head.words[-1])]
    add_mention(reading, part, ORGANIZATION, name_text(words), head.subtype, attributive=True)
    return True


def _joined_name_pieces(
    runs: list[list[int]], tokens: Sequence[Token], lang: Turkish
) -> list[list[int]]:
    """Join the pieces of one organisation's name that punctuation or a number split apart:
    "Kula Eğitim, Kültür ve Dayanışma Derneği", "9 Eylül Kula Kulübü", "Kula Derneği (KUDER)
    Alaşehir Şubesi"."""
    joined: list[list[int]] = []
    for run in runs:
        before = tokens[run[0] - 1] if run[0] else None
        # most runs follow a plain word: only a comma, a parenthesis or a number can join them
        if before is not None and (
            before.text in NAME_JOINERS
            or before.base.isdigit()
            or lang.function_words.get(before.key) == "conjunction"
        ):
            heads = heads_in(run, tokens, lang)
            if heads:
                run = _with_date(run, tokens, lang)
                while joined:
                    glued = _glued(joined, run, heads, tokens, lang)
                    if glued is None:
                        break
                    run = glued
        joined.append(run)
    return joined


def _with_date(run: list[int], tokens: Sequence[Token], lang: Turkish) -> list[int]:
    """A name that opens with a date keeps its day ("9 Eylül Kula Kulübü")."""
    first = run[0]
    if first >= 1 and tokens[first - 1].base.isdigit() and tokens[first].key in lang.months:
        return [first - 1, *run]
    return run


def _glued(
    joined: list[list[int]],
    run: list[int],
    heads: Sequence[tuple[int, int, OrgHead]],
    tokens: Sequence[Token],
    lang: Turkish,
) -> list[int] | None:
    """The run joined to the runs read before it (taken off ``joined``), if what lies between
    them makes one name of them."""
    before = joined[-1]
    gap = [t.text for t in tokens[before[-1] + 1 : run[0]]]
    if gap == [","] and not tokens[before[-1]].suffix and _list_of_words(before, run, tokens, lang):
        joined.pop()
        return [*before, before[-1] + 1, *run]  # "A, B ve C Derneği"
    if len(gap) == 1 and _unit_words_after_a_name(before, tokens, lang):
        # "X Belediyesi Gençlik ve Spor Hizmetleri Dairesi": the unit's name has a "ve" of its own
        joined.pop()
        return [*before, before[-1] + 1, *run]
    if gap == [")"] and len(before) == 1 and len(joined) > 1 and in_parentheses(before[0], tokens):
        # "X Derneği (XD) Kula Şubesi": the branch of the body the acronym abbreviates
        parent = joined[-2]
        kinds = {head.kind for _, _, head in heads}
        if kinds == {"sub_body"} and parent[-1] + 2 == before[0] and heads_in(parent, tokens, lang):
            del joined[-2:]
            return [*parent, *run]
    return None


def _unit_words_after_a_name(run: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """Whether a run is a name followed by plain words that begin another name inside it
    ("X Belediyesi Gençlik" before "ve Spor Hizmetleri Dairesi")."""
    heads = heads_in(run, tokens, lang)
    if not heads or heads[-1][1] == len(run) or tokens[run[-1]].suffix:
        return False
    return not _classifiable(run[heads[-1][1] :], tokens, lang)


def _list_of_words(
    before: list[int], run: list[int], tokens: Sequence[Token], lang: Turkish
) -> bool:
    """Whether ``before`` opens a list of words that ``run`` ends ("Eğitim, Kültür ve Dayanışma
    Derneği"): ``run`` holds the list's "ve", and ``before`` is no name of its own."""
    if before[0] == 0 and len(before) == 1:  # a sentence opener: "Dün, ..."
        return False
    conjoined = any(lang.function_words.get(tokens[i].key) == "conjunction" for i in run)
    return conjoined and not _classifiable(before, tokens, lang)


def sort_mentions(reading: SentenceReading) -> None:
    """Sentence stage: mentions in text order (an outer name before the names inside it)."""
    reading.mentions.sort(key=lambda m: (m.start, -m.end))


# --- runs of capitalised words -------------------------------------------------------------


def _name_runs(tokens: Sequence[Token], used: set[int], lang: Turkish) -> list[list[int]]:  # noqa: C901, PLR0912
    """Maximal runs of capitalised words (token indices); a case suffix closes a run."""
    runs: list[list[int]] = []
    run: list[int] = []
    place_heads = place_head_forms(lang)
    heading: bool | None = None  # asked only of a sentence with a capitalised verb-like word
    for i, tok in enumerate(tokens):
        if i in used:
            continue
        if tok.base[:1].isdigit() and _opens_with_ordinal(tokens, i):
            run.append(i)  # "(Lions) 118. Bölge Federasyonu": an ordinal inside a name
            continue
        if tok.base[:1].isupper():  # a capitalised word (digits and punctuation are not)
            kind = _capitalised_word(tok.key, lang)
            if kind == _HEADING_WORD:
                if heading is None:
                    heading = _in_title_case(tokens, lang)
                kind = _NO_NAME_WORD if heading else _NAME_WORD
            if kind != _NO_NAME_WORD:
                run.append(i)
                if tok.suffix or kind == _LAST_NAME_WORD:
                    runs.append(run)
                    run = []
                continue
        elif run and tok.key in place_heads and place_heads[tok.key][1].after_any:
            runs.append([*run, i])  # "Yeşil mahallesinde": the head in small letters
            run = []
            continue
        if tok.text == "." and run and _abbreviates(tokens[run[-1]], lang):
            continue  # "Prof. Dr. Ali", "M. Ali Kaya": the full stop stays inside the name
        if run and _joins_company_forms(tokens, i, lang):
            continue  # "San. ve Tic. Ltd. Şti.": one legal form
        if run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return _join_conjoined_names(runs, tokens, lang)


# What a capitalised word is to a run of name words
_NAME_WORD = 0
_LAST_NAME_WORD = 1  # a head with a case ending written on: "Belediyesine", "Mahallesinde"
_NO_NAME_WORD = 2  # "Ve", "İle" in a title-case heading only join or mark parties
_HEADING_WORD = 3  # a verb or an event word: no name word in a heading in title case


@lru_cache(maxsize=1 << 15)  # asked of every capitalised word
def _capitalised_word(key: str, lang: Turkish) -> int:
    if key in lang.function_words:
        return _NO_NAME_WORD
    place_head = place_head_forms(lang).get(key)
    if _is_inflected_head(key, lang) or (place_head is not None and place_head[0] != key):
        return _LAST_NAME_WORD
    return _HEADING_WORD if _verb_or_event_word(key, lang) else _NAME_WORD


def _is_inflected_head(key: str, lang: Turkish) -> bool:
    """A head noun with its suffix written on ("Belediyesine", "Derneğimiz") ends a name."""
    return any(
        key != head.words[-1] and inflection_of(key, head.words[-1], lang) is not None
        for head in lang.heads_by_end.get(prefix(key), ())
    )


def _verb_or_event_word(key: str, lang: Turkish) -> bool:
    """A finite verb ("İmzaladı"), a small word ("İçin", "Bu") or a word of an event cue
    ("Ziyaret", "Teşekkür"): what a heading in title case writes capitalised besides names."""
    if key in lang.small_words:
        return True
    if key.endswith(lang.verb_endings) and key not in lang.given_names:
        return True
    return any(cue.words[0] == key for cue in lang.cues_by_start.get(prefix(key), ()))


def _in_title_case(tokens: Sequence[Token], lang: Turkish) -> bool:
    """A heading in title case: three words or more, all capitalised but function words."""
    words = [t for t in tokens if t.base[:1].isalpha()]
    return len(words) >= 3 and all(
        t.base[:1].isupper() or t.key in lang.function_words for t in words
    )


def _join_conjoined_names(
    runs: list[list[int]], tokens: Sequence[Token], lang: Turkish
) -> list[list[int]]:
    """Join "Ticaret" + "ve" + "Sanayi Odası": a name whose words are linked by "ve"."""
    joined: list[list[int]] = []
    for run in runs:
        if joined:
            prev = joined[-1]
            gap = run[0] - prev[-1]
            if (
                gap == 2
                and lang.function_words.get(tokens[prev[-1] + 1].key) == "conjunction"
                and not tokens[prev[-1]].suffix
                and heads_in(run, tokens, lang)
                and not _classifiable(prev, tokens, lang)
            ):
                joined[-1] = prev + [prev[-1] + 1] + run
                continue
        joined.append(run)
    return joined


def _classifiable(run: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """True when a run is already a name on its own (a place, a person, an organisation or a
    titled person: "İzmir Valisi Ali Veli" ve "X Derneği ..." are two names, not one)."""
    words = [tokens[i] for i in run]
    return (
        all(place_of(t, lang) for t in words)
        or any(t.key in lang.given_names for t in words)
        or bool(heads_in(run, tokens, lang))
        or any(title_at(run, k, tokens, lang)[0] for k in range(len(run)))
    )


# --- reading one run -----------------------------------------------------------------------


def _read_run(reading: SentenceReading, run: list[int], lang: Turkish) -> list[Role]:
    """Split a run at its titles and read each part into mentions and roles."""
    tokens = reading.tokens
    run = _without_event_opener(_drop_sentence_opener(run, tokens, lang), tokens, lang)
    roles = []
    for before, title, title_words, after in split_at_titles(run, tokens, lang):
        if not title:
            if len(before) < 2 or not _read_special_part(reading, before, lang):
                _read_part(reading, before, lang)
            continue
        if before and tokens[before[-1]].key in lang.former_words:  # "Kurucu Başkanı": a past role
            before, title = before[:-1], replace(title, relation=None)
        org, member_only = _read_title_org(reading, before, title, title_words, lang)
        if member_only and title.relation == "headOf":
            title = replace(title, relation="memberOf")
        sub_body = title_sub_body(reading, org, [*before, title_words[0]], title)
        person = _read_person(reading, after, lang, titled=True) if after else None
        first = (before or title_words)[0]
        end = (after or title_words)[-1] + 1
        qualified = org is None and bool(before)
        if sub_body is None:
            roles.append(Role(title, org, person, first, end, qualified=qualified))
        else:
            roles.append(Role(title, sub_body, person, first, end, body=org))
    return roles


def _drop_sentence_opener(run: list[int], tokens: Sequence[Token], lang: Turkish) -> list[int]:
    """A sentence's first word is capitalised anyway: drop it when a name clearly starts after it,
    or when it carries a locative or ablative ending ("Toplantıda", "Ziyaretten")."""
    if not run or len(run) < 2:
        return run
    if run[0] != 0 and tokens[run[0] - 1].text not in OPENING_QUOTES:
        return run  # a quotation opens a sentence of its own: "Heyetimizle Kula ..."
    first, second = tokens[run[0]], tokens[run[1]]
    if place_of(first, lang) or first.key in lang.given_names or is_all_caps(first.base):
        return run
    if first.key in lang.name_openers or is_initial(first):  # "Vali Evren Kaya", "M. Ali Kaya"
        return run
    if HYPHEN in first.key and heads_ending_in(first.key, first.suffix, lang):
        return run  # "Eğitim-Sen Kula Şubesi": a union's name in one word
    if first.key in known_organisation_openers(lang):
        return run  # "Kızılay Kula Şubesi": a known body's name
    named_next = (
        place_of(second, lang) or is_all_caps(second.base) or second.key in lang.given_names
    )
    common = _ends_in_adverbial_case(first, lang) or is_common_noun(first.key, lang)
    return run[1:] if named_next or common else run


def _ends_in_adverbial_case(token: Token, lang: Turkish) -> bool:
    return not token.suffix and _has_adverbial_ending(token.key, lang)


@lru_cache(maxsize=1 << 14)  # asked of every sentence's first word; openers repeat a lot
def _has_adverbial_ending(key: str, lang: Turkish) -> bool:
    return any(
        key.endswith(suffix) and len(key) - len(suffix) >= 3
        for suffix, case in lang.suffixes.items()
        if case in ("loc", "abl") and len(suffix) >= 2
    )


def _read_title_org(
    reading: SentenceReading,
    before: list[int],
    title: Title,
    title_words: list[int],
    lang: Turkish,
) -> tuple[Mention | None, bool]:
    """The organisation a title belongs to: the words before it, or the head the title implies;
    and whether the title holder is only a member of it (the head of an unnamed branch).

    With nothing before it, a title that implies a head ("Belediye Başkanı") names the article's
    one organisation with that head; the mention is tentative until resolution finds it.
    """
    tokens = reading.tokens
    bare = bare_head_ending(tokens, before, lang) if len(before) > 1 else None
    if bare is not None:
        return _read_bare_head_org(reading, before, bare, lang)
    if before and known_organisation_at(before, tokens, lang) == len(before):
        return add_known_organisation(reading, before, lang, attributive=True), False
    party = _party_closing(before, tokens, lang) if len(before) > 1 else 0
    if party:  # "Kula Belediye Meclisi CHP Grup Başkanvekili": the party's group in the council
        _read_part(reading, before[:-party], lang)
        return _read_title_org(reading, before[-party:], title, title_words, lang)
    heads = heads_in(before, tokens, lang) if before else ()
    if heads:
        return _read_org(reading, before, heads, lang, attributive=True), False
    return _read_headless_title_org(reading, before, title, title_words, lang), False


def _party_closing(before: list[int], tokens: Sequence[Token], lang: Turkish) -> int:
    """How many of the last words before a title name a political party after other words
    ("... Meclisi CHP", "... Meclisi AK Parti"), 0 if none."""
    last = tokens[before[-1]]
    if lang.known_acronyms.get(last.base) == PARTY:
        return 1
    heads = heads_in(before, tokens, lang)
    if len(heads) > 1 and heads[-1][2].subtype == PARTY and heads[-1][1] == len(before):
        return len(before) - heads[-2][1]
    return 0


def _read_special_part(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """Read a part of two or more words that ``_read_part`` would misread: "Muş TSO", "Bornova ve
    Buca Belediyeleri", "AK Partili", "TOKİ İzmir". Returns whether it was one."""
    tokens = reading.tokens
    first, last = tokens[part[0]], tokens[part[-1]]
    # each reading needs a word of its own kind at one end: most parts have none
    return (
        (is_all_caps(last.base) and read_place_acronym(reading, part, lang) is not None)
        or (last.key in member_adjectives(lang) and _read_member_adjective(reading, part, lang))
        or (is_all_caps(first.base) and read_acronym_and_places(reading, part, lang))
        or (_bare_place(first, lang) and _read_coordinated_bodies(reading, part, lang))
    )


def _read_coordinated_bodies(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """ "Bornova ve Buca Belediyeleri", "Kadıköy ve Konak Belediyesi": places coordinated before
    one head noun each name that body of their own place. Returns whether the part was read so."""
    tokens = reading.tokens
    if not _bare_place(tokens[part[0]], lang):
        return False
    k = 0
    places: list[int] = []
    # place (coordinator place)*: "Bornova, Buca ve Çiğli", not "Edirne Lalapaşa"
    while k < len(part) and _bare_place(tokens[part[k]], lang):
        places.append(part[k])
        if k + 2 < len(part) and _coordinator(tokens[part[k + 1]], lang):
            k += 2
        else:
            k += 1
            break
    head = single_head(tuple(tokens[i].key for i in part[k:]), lang) if places else None
    if head is None:
        return False
    places = _places_before(reading, part[0]) + places
    if len(places) < 2:
        return False
    written = " ".join(capitalised(w) for w in head.words)
    case = token_case(tokens[part[-1]], None, lang)
    for i in places:
        words = part if i == places[-1] else [i]
        org = add_mention(
            reading, words, ORGANIZATION, f"{tokens[i].base} {written}", head.subtype, case=case
        )
        add_place_facts(reading, [i], org)
    # "Kadıköy" read as a place before: here it stands for its municipality, the party
    starts = {tokens[i].start for i in places}
    reading.mentions[:] = [
        replace(m, attributive=True) if m.type == PLACE and m.start in starts else m
        for m in reading.mentions
    ]
    return True


def _bare_place(token: Token, lang: Turkish) -> bool:
    return not token.suffix and place_of(token, lang) is not None


def _coordinator(token: Token, lang: Turkish) -> bool:
    return token.text == "," or lang.function_words.get(token.key) == "conjunction"


def _places_before(reading: SentenceReading, first: int) -> list[int]:
    """Places written before a name and coordinated with it: "Kadıköy ve [Konak Belediyesi]";
    not a word of another name ("Nuri Bafra, Kula Belediyesi")."""
    tokens, lang = reading.tokens, reading.lang
    places: list[int] = []
    i = first - 1
    if i >= 1 and _genitive_place(tokens[i], lang):
        i -= 1  # "Gölmarmara ve Kars'ın Selim Belediyeleri": the last one's province between
    while i >= 1 and _coordinator(tokens[i], lang) and _bare_place(tokens[i - 1], lang):
        if _in_a_name(reading, i - 1) or (i >= 3 and tokens[i - 2].base[:1].isupper()):
            break
        places.insert(0, i - 1)
        i -= 2
    return places


def _genitive_place(token: Token, lang: Turkish) -> bool:
    return place_of(token, lang) is not None and suffix_case(token.suffix, lang) == "gen"


def _in_a_name(reading: SentenceReading, i: int) -> bool:
    """Whether token ``i`` lies in a person's or an organisation's name read already."""
    start = reading.tokens[i].start
    return any(m.start <= start < m.end for m in reading.mentions if m.type != PLACE)


def _read_headless_title_org(
    reading: SentenceReading,
    before: list[int],
    title: Title,
    title_words: list[int],
    lang: Turkish,
) -> Mention | None:
    """The organisation of a title with no head noun before it: an acronym, a bare head noun
    alone, or the head the title implies."""
    tokens = reading.tokens
    local = read_place_acronym(reading, before, lang, attributive=True)
    if local is not None:
        return local
    if before and is_all_caps(tokens[before[0]].base) and not place_of(tokens[before[0]], lang):
        # "CHP İzmir Milletvekili": the body the acronym names; the place only says where
        read_places(reading, before[1:], lang)
        return add_acronym(reading, before[0], attributive=True)
    genitive = genitive_heads(lang).get(tokens[before[0]].key) if len(before) == 1 else None
    if genitive is not None:  # "Odanın Yönetim Kurulu Başkanı": the article's one such body
        name = " ".join(capitalised(word) for word in genitive.words)
        return add_mention(
            reading, before, ORGANIZATION, name, genitive.subtype, case="gen", tentative=True
        )
    bare_head = lone_bare_head(tokens, before, lang)
    if bare_head is not None:  # "Dernek Başkanı", "Konsey Başkanı": the article's one such body
        return add_mention(
            reading,
            before,
            ORGANIZATION,
            " ".join(bare_head.words),
            bare_head.subtype,
            attributive=True,
            tentative=True,
        )
    head = head_for_name(title.implied_head, lang) if title.implied_head else None
    if head is not None and head.sub_body:
        # "Meclis Başkanı": a sub-body of the organisation before the title (roles.title_sub_body)
        # or the article's one such body; words with no head noun name no organisation for it
        if not before:
            return _bare_head_alone(reading, title_words[:1], head)
        read_places(reading, before, lang)  # "Gençlik Meclis Başkanı": the article's one
        name = f"{join_words(before, tokens)} {title.implied_head}"
        return _bare_head_alone(reading, [*before, title_words[0]], head, name)
    if title.implied_head and before and _without_opening_word(before, tokens, lang):
        name = join_words(before, tokens) + " " + title.implied_head
        head = head_for_name(name, lang)
        if title.named_elsewhere:  # "Yeni Mahalle Muhtarı": the place is named either way
            known = len(reading.mentions)
            read_places(reading, before, lang)
            reading.mentions[known:] = [
                replace(m, attributive=True) for m in reading.mentions[known:]
            ]
        mention = add_mention(
            reading,
            before,
            ORGANIZATION,
            name,
            head.subtype if head else None,
            attributive=True,
            tentative=title.named_elsewhere,  # rule 26: "Sivas Valiliği" only beside its name
        )
        if not title.named_elsewhere:
            add_place_facts(reading, before, mention)
        return mention
    if title.implied_head:
        head = head_for_name(title.implied_head, lang)
        return add_mention(
            reading,
            title_words,
            ORGANIZATION,
            title.implied_head,
            head.subtype if head else None,
            attributive=True,
            tentative=True,
        )
    _read_part(reading, before, lang)
    return None


def _read_bare_head_org(
    reading: SentenceReading, before: list[int], head: OrgHead, lang: Turkish
) -> tuple[Mention | None, bool]:
    """ "X Federasyon Başkanı": a head noun written bare before a title names "X Federasyonu"
    (guideline rule 23). For a branch (rule 22): "X Derneği Narlıdere Şube Başkanı" names the
    branch "X Derneği Narlıdere Şubesi", partOf X and in its place; "X Sendikası Şube Başkanı"
    names no branch, and its head is a member of X. Returns the organisation and whether the
    title holder is only a member of it."""
    tokens = reading.tokens
    own = len(before) - len(head.words)
    if not _without_opening_word(before[:own], tokens, lang):
        # "'Değerli Büyükşehir Belediye Başkanımız": the article's one such body
        return _bare_head_alone(reading, before, head), False
    rest = before[:-1]
    name = " ".join([*(tokens[i].base for i in rest), capitalised(head.words[-1])])
    if not head.sub_body:
        org = add_mention(reading, before, ORGANIZATION, name, head.subtype, attributive=True)
        if not heads_in(rest, tokens, lang):
            add_place_facts(reading, rest, org)
        return org, False
    parent, end = _read_parent_words(reading, rest, lang)
    if parent is None:
        if all(place_of(tokens[i], lang) for i in rest):  # "Narlıdere Şube Başkanı"
            return _bare_head_alone(reading, before, head, name), False
        read_places(reading, rest, lang)  # "Spor Şube": a unit of a body the words do not name
        return None, False
    between = rest[end:]
    if not between or (
        head.words in branch_heads(lang) and not all(place_of(tokens[i], lang) for i in between)
    ):
        # "X Sendikası Şube Başkanı", "X Teknik Şube Müdürü": a unit the text does not name
        read_places(reading, between, lang)
        return parent, True
    sub_body = add_mention(reading, before, ORGANIZATION, name, head.subtype, attributive=True)
    add_fact(
        reading, sub_body.name, "partOf", parent.name, sub_body.start, sub_body.end, NAME_CONFIDENCE
    )
    add_place_facts(reading, rest[end:], sub_body)
    return sub_body, False


def _bare_head_alone(
    reading: SentenceReading, words: list[int], head: OrgHead, name: str | None = None
) -> Mention:
    """A body named by its head noun, and at most its place ("Şube Başkanı", "Narlıdere Şube
    Başkanı"): the article's one such body, if it names one in full."""
    name = name or " ".join(capitalised(w) for w in head.words)
    return add_mention(
        reading, words, ORGANIZATION, name, head.subtype, attributive=True, tentative=True
    )


def _without_event_opener(run: list[int], tokens: Sequence[Token], lang: Turkish) -> list[int]:
    """ "Törene Ege Gönüllüler Derneği Başkanı ...": an event noun with a case ending opens the
    sentence ("Törene", "Toplantıya", "Etkinliğe"), not the name after it."""
    if len(run) < 2 or (run[0] != 0 and tokens[run[0] - 1].text not in OPENING_QUOTES):
        return run
    return run[1:] if _is_inflected_event(tokens[run[0]].key, lang) else run


@lru_cache(maxsize=1 << 12)
def _is_inflected_event(key: str, lang: Turkish) -> bool:
    """Whether a word is an event noun ("tören", "toplantı") with a case ending."""
    return any(
        key.startswith(stem) and lang.suffixes.get(key[len(stem) :]) not in (None, "nom")
        for stem in _event_stems(lang).get(key[:3], ())
    )


@cache
def _event_stems(lang: Turkish) -> dict[str, tuple[str, ...]]:
    """The stems event nouns take a case ending on ("tören", "toplantı", "etkinliğ"), by their
    first letters."""
    stems: dict[str, set[str]] = {}
    for head in lang.org_heads:
        if head.kind == "event" and len(head.words) == 1:
            word = head.words[0]
            for stem in (bare_noun(word, lang), possessive_stem(word, lang)):
                stems.setdefault(stem[:3], set()).add(stem)
    return {key: tuple(found) for key, found in stems.items()}


def _without_opening_word(words: list[int], tokens: Sequence[Token], lang: Turkish) -> list[int]:
    """The words of a name without a first word that is capitalised only because it opens the
    sentence or a quotation ("'Değerli Büyükşehir Belediye Başkanımız"): names open with a
    place, a proper name or an acronym, which the gazetteers know or capitals show."""
    if not words:
        return words
    first = words[0]
    opens = first == 0 or tokens[first - 1].text in OPENING_QUOTES
    token = tokens[first]
    if not opens or place_of(token, lang) or is_all_caps(token.base) or len(words) > 1:
        return words
    return []


def _read_parent_words(
    reading: SentenceReading, words: list[int], lang: Turkish
) -> tuple[Mention | None, int]:
    """The organisation that opens the words before a sub-body's bare head (a name with a head
    noun, or an acronym), and how many of the words it takes."""
    tokens = reading.tokens
    known = known_organisation_at(words, tokens, lang) if words else 0
    if known:  # "Türk Kızılay Kula Şube Başkanı"
        return add_known_organisation(reading, words[:known], lang, attributive=True), known
    heads = heads_in(words, tokens, lang) if words else ()
    if heads:
        end = heads[-1][1]
        return _read_org(reading, words[:end], heads, lang, attributive=True), end
    # "KUDEM Kula", "Çeşme İZSU": an acronym, after the places it serves
    k = sum(1 for _ in takewhile(lambda i: place_of(tokens[i], lang), words))
    if k < len(words) and is_acronym(tokens[words[k]], reading):
        read_places(reading, words[:k], lang)
        return add_acronym(reading, words[k], attributive=True), k + 1
    return None, 0


def _read_part(reading: SentenceReading, part: list[int], lang: Turkish) -> None:  # noqa: C901, PLR0912
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
            _read_part(reading, rest, lang)
        return
    heads = heads_in(part, tokens, lang)
    if heads and not is_place_name(part[: heads[-1][1]], tokens, lang):  # "Rusya Federasyonu"
        _read_org(reading, part, heads, lang)
        return
    if len(part) == 1:  # most parts: a place, an acronym or a bare surname
        if not read_places(reading, part, lang):
            return
        _read_person(reading, part, lang, titled=False)
        return
    k = named_person_at(reading, part, lang)
    if k is not None:  # "Sn. Ali Kaya", "Büyükelçisi Lajos Kiss": a name follows, whatever it is
        _read_part(reading, part[:k], lang)
        _read_titled_person(reading, part[k:], lang)
        return
    if starts_with_given_name(part, tokens, lang):
        _read_person(reading, part, lang, titled=False)  # "Nuri Bafra": surnames can be places
        return
    if listed_with_people(reading, part, lang):
        _read_person(reading, part, lang, titled=True)
        return
    if surname_in_capitals(reading, part, lang):
        # "Törene Lajos KISS katıldı": a sentence's first word is capitalised anyway
        _read_person(
            reading, part[1:] if part[0] == 0 and len(part) > 2 else part, lang, titled=True
        )
        return
    if place_or_given_name(part, tokens, lang):
        # "Evren Kaya": a given name before a word that can be a surname; "Fatih Camii" is none
        _read_person(reading, part, lang, titled=False)
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
    _read_person(reading, rest[given:], lang, titled=False)


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
    if _read_person(reading, part, lang, titled=True) is None:
        read_places(reading, words, lang)


def _abbreviates(token: Token, lang: Turkish) -> bool:
    """An honorific's abbreviation ("Dr"), an initial ("M"), a company form that ends a name
    ("A.Ş", "Ltd") or an ordinal ("118. Bölge") before a full stop."""
    return (
        token.key in lang.honorifics
        or is_initial(token)
        or token.key in lang.company_forms
        or token.base.isdigit()
    )


def _opens_with_ordinal(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is an ordinal number ("118.") right before a capitalised word."""
    return (
        tokens[i].base.isdigit()
        and i + 2 < len(tokens)
        and tokens[i + 1].text == "."
        and tokens[i + 2].base[:1].isupper()
    )


def _joins_company_forms(tokens: Sequence[Token], i: int, lang: Turkish) -> bool:
    """Whether token ``i`` is the "ve" between two words of a company's legal form."""
    return (
        joins_forms(tokens[i], lang)
        and 2 <= i < len(tokens) - 1
        and tokens[i - 1].text == "."
        and tokens[i - 2].key in lang.company_forms
        and tokens[i + 1].key in lang.company_forms
    )


def _read_org(
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
        _read_part(reading, part[head_end:], lang)
    return mention


def _read_person(  # noqa: C901, PLR0912
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
        _read_part(reading, words[cut:], lang)
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


def _person_before_org(reading: SentenceReading, part: list[int], lang: Turkish) -> int:
    """Where an organisation's name starts when a person's name runs into it ("Ali Veli İzmir ...")."""
    tokens = reading.tokens
    if tokens[part[0]].key not in lang.given_names:
        return 0
    for k in range(2, min(len(part), MAX_PERSON_WORDS + 1)):
        if place_of(tokens[part[k]], lang):
            _read_person(reading, part[:k], lang, titled=False)
            return k
    return 0


# --- heads, places, roles ------------------------------------------------------------------


def _read_listed_person(reading: SentenceReading, role: Role, run: list[int]) -> None:
    person = _read_person(reading, run, reading.lang, titled=True)
    if person is not None:
        role.listed.append(person)
        role.end = run[-1] + 1
