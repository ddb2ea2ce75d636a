"""Entity mentions in one sentence: organisations by head noun, people by title or given name,
places by gazetteer; and the structural facts their names state (headOf, partOf, locatedIn)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache
from itertools import dropwhile, takewhile
from operator import attrgetter

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
from kg.extract.roles import Role, listed_after, split_at_titles, title_at
from kg.lang.tr import OrgHead, Title, Turkish, prefix
from kg.lang.tr.morphology import bare_noun, inflection_of, possessive_stem, token_case
from kg.lang.tr.text import Token, is_all_caps, lower, recase
from kg.model import ORGANIZATION, PERSON, Mention

_KEY_SUFFIX = attrgetter("key", "suffix")


def read_names(reading: SentenceReading) -> None:
    """Sentence stage: runs of capitalised words read as organisations, people, places and the
    titles between them (roles are completed by a later stage)."""
    lang, text = reading.lang, reading.sentence.text
    used = reading.byline_tokens
    if text[1:].islower() and not used:  # no capital after the first letter: one run at most
        runs = [[0]] if reading.tokens and reading.tokens[0].base[:1].isupper() else []
    else:
        runs = _name_runs(reading.tokens, used, lang)
    roles = reading.roles
    for run in runs:
        listed = listed_after(reading, roles, run)
        if listed is not None:
            _read_listed_person(reading, listed, run)
            continue
        roles.extend(_read_run(reading, run, lang))


def sort_mentions(reading: SentenceReading) -> None:
    """Sentence stage: mentions in text order (an outer name before the names inside it)."""
    reading.mentions.sort(key=lambda m: (m.start, -m.end))


# --- runs of capitalised words -------------------------------------------------------------


def _name_runs(tokens: Sequence[Token], used: set[int], lang: Turkish) -> list[list[int]]:
    """Maximal runs of capitalised words (token indices); a case suffix closes a run."""
    runs: list[list[int]] = []
    run: list[int] = []
    place_heads = place_head_forms(lang)
    heading: bool | None = None  # asked only of a sentence with a capitalised verb-like word
    for i, tok in enumerate(tokens):
        if i in used:
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
                and _heads_in(run, tokens, lang)
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
        or bool(_heads_in(run, tokens, lang))
        or any(title_at(run, k, tokens, lang)[0] for k in range(len(run)))
    )


# --- reading one run -----------------------------------------------------------------------


def _read_run(reading: SentenceReading, run: list[int], lang: Turkish) -> list[Role]:
    """Split a run at its titles and read each part into mentions and roles."""
    tokens = reading.tokens
    run = _drop_sentence_opener(run, tokens, lang)
    roles = []
    for before, title, title_words, after in split_at_titles(run, tokens, lang):
        if not title:
            _read_part(reading, before, lang)
            continue
        if before and tokens[before[-1]].key in lang.former_words:  # "Kurucu Başkanı": a past role
            before, title = before[:-1], replace(title, relation=None)
        org = _read_title_org(reading, before, title, title_words, lang)
        person = _read_person(reading, after, lang, titled=True) if after else None
        first = (before or title_words)[0]
        roles.append(Role(title, org, person, first, (after or title_words)[-1] + 1))
    return roles


def _drop_sentence_opener(run: list[int], tokens: Sequence[Token], lang: Turkish) -> list[int]:
    """A sentence's first word is capitalised anyway: drop it when a name clearly starts after it,
    or when it carries a locative or ablative ending ("Toplantıda", "Ziyaretten")."""
    if not run or run[0] != 0 or len(run) < 2:
        return run
    first, second = tokens[0], tokens[run[1]]
    if place_of(first, lang) or first.key in lang.given_names or is_all_caps(first.base):
        return run
    if first.key in lang.name_openers or _is_initial(first):  # "Vali Evren Kaya", "M. Ali Kaya"
        return run
    named_next = (
        place_of(second, lang) or is_all_caps(second.base) or second.key in lang.given_names
    )
    return run[1:] if named_next or _ends_in_adverbial_case(first, lang) else run


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
) -> Mention | None:
    """The organisation a title belongs to: the words before it, or the head the title implies.

    With nothing before it, a title that implies a head ("Belediye Başkanı") names the article's
    one organisation with that head; the mention is tentative until resolution finds it.
    """
    tokens = reading.tokens
    heads = _heads_in(before, tokens, lang) if before else ()
    if heads:
        return _read_org(reading, before, heads, lang, attributive=True)
    if before and is_all_caps(tokens[before[0]].base) and not place_of(tokens[before[0]], lang):
        # "CHP İzmir Milletvekili": the body the acronym names; the place only says where
        read_places(reading, before[1:], lang)
        return _add_acronym(reading, before[0], attributive=True)
    bare_head = _bare_head(tokens, before, lang)
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
    if title.implied_head and before:
        name = join_words(before, tokens) + " " + title.implied_head
        head = _head_for_name(name, lang)
        mention = add_mention(
            reading, before, ORGANIZATION, name, head.subtype if head else None, attributive=True
        )
        add_place_facts(reading, before, mention)
        return mention
    if title.implied_head:
        head = _head_for_name(title.implied_head, lang)
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


def _bare_head(tokens: Sequence[Token], before: list[int], lang: Turkish) -> OrgHead | None:
    """The head a lone bare noun before a title stands for ("Dernek" -> "derneği")."""
    if len(before) != 1:
        return None
    key = tokens[before[0]].key
    heads = [h for h in lang.heads_by_end.get(prefix(key), ()) if h.kind == "org"]
    # the shortest head whose last word this bare noun is: "konsey" -> "kent konseyi"
    matches = [h for h in heads if bare_noun(h.words[-1], lang) == key]
    return min(matches, key=lambda h: len(h.words), default=None)


def _read_part(reading: SentenceReading, part: list[int], lang: Turkish) -> None:
    """Read a run part that has no title: an organisation, places, a person or an acronym."""
    if not part:
        return
    tokens = reading.tokens
    heads = _heads_in(part, tokens, lang)
    if heads and not is_place_name(part[: heads[-1][1]], tokens, lang):  # "Rusya Federasyonu"
        _read_org(reading, part, heads, lang)
        return
    if len(part) == 1:  # most parts: a place, an acronym or a bare surname
        if not read_places(reading, part, lang):
            return
        _read_person(reading, part, lang, titled=False)
        return
    k = _named_person_at(reading, part, lang)
    if k is not None:  # "Sn. Ali Kaya", "Büyükelçisi Lajos Kiss": a name follows, whatever it is
        _read_part(reading, part[:k], lang)
        _read_titled_person(reading, part[k:], lang)
        return
    if _starts_with_given_name(part, tokens, lang):
        _read_person(reading, part, lang, titled=False)  # "Cemal Tercan": surnames can be places
        return
    if _listed_with_people(reading, part, lang):
        _read_person(reading, part, lang, titled=True)
        return
    if _surname_in_capitals(reading, part, lang):
        # "Törene Lajos KISS katıldı": a sentence's first word is capitalised anyway
        _read_person(
            reading, part[1:] if part[0] == 0 and len(part) > 2 else part, lang, titled=True
        )
        return
    if _place_or_given_name(part, tokens, lang):
        # "Evren Kaya": a given name before a word that can be a surname; "Fatih Camii" is none
        _read_person(reading, part, lang, titled=False)
        return
    rest = read_places(reading, part, lang)
    if rest != part and not (rest and tokens[rest[0]].key in lang.given_names):
        return
    given = next((j for j, i in enumerate(rest[:-1]) if tokens[i].key in lang.given_names), 0)
    # "Başhekimi Ayşe Kaya", "Yardımcılığını Ali Kaya": words before a name that are no name
    _read_person(reading, rest[given:], lang, titled=False)


def _named_person_at(reading: SentenceReading, part: list[int], lang: Turkish) -> int | None:
    """Where a person's name starts that words around it announce: an honorific ("Sayın",
    "Dr."), a noun for what a person is ("Büyükelçisi", "gazeteci" just before the part)."""
    tokens = reading.tokens
    first = part[0]
    if first and tokens[first - 1].base.islower() and _names_a_person(tokens[first - 1].key, lang):
        return 0  # "gazeteci Lajos Kiss", "belediye başkanı Lajos Kiss"
    openers = lang.name_openers
    for k, i in enumerate(part[:-1]):
        if tokens[i].key in openers:
            return k
    return None


def _names_a_person(key: str, lang: Turkish) -> bool:
    """A person noun or the last word of a title: the name of a person follows it."""
    return key in lang.person_nouns or key in _title_ends(lang)


@cache
def _title_ends(lang: Turkish) -> frozenset[str]:
    return frozenset(t.words[-1] for t in lang.titles if not t.plural)


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
    """An honorific's abbreviation ("Dr") or an initial ("M") before a full stop."""
    return token.key in lang.honorifics or _is_initial(token)


def _is_initial(token: Token) -> bool:
    return len(token.base) == 1 and token.base.isupper()


def _starts_with_given_name(part: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """A part of two words or more opening with a given name that is no place: "Ali Kaya",
    also after an initial: "M. Ali Kaya"."""
    if _is_initial(tokens[part[0]]):
        part = part[1:]
    first = tokens[part[0]] if part else None
    return len(part) > 1 and first.key in lang.given_names and not place_of(first, lang)


def _place_or_given_name(part: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """A given name that is also a place, before words that can be a surname: "Evren Kaya";
    not "Fatih Camii", "Selim Mahallesi", "Evren İzmir'de"."""
    if not 2 <= len(part) <= MAX_PERSON_WORDS or tokens[part[0]].key not in lang.given_names:
        return False
    second = tokens[part[1]]
    if place_of(second, lang) or place_head(second.key, lang) is not None:
        return False
    if _bare_head(tokens, [part[1]], lang) or any(_titled_word(tokens[i].key, lang) for i in part):
        return False  # "Selim Belediye Başkanıyla": the district's mayor
    return _first_common_noun(part[1:], tokens, lang) is None and not is_all_caps(second.base)


@lru_cache(maxsize=1 << 14)
def _titled_word(key: str, lang: Turkish) -> bool:
    """A title's first word, bare or with an ending written on ("Başkanıyla")."""
    return any(key[:n] in lang.titles_by_first for n in range(4, len(key) + 1))


def _surname_in_capitals(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """ "Lajos KISS": words in title case and a last one written in capitals, as Turkish news
    writes surnames; not an acronym ("Van TSO"), a place or a heading in capitals."""
    tokens = reading.tokens
    last = tokens[part[-1]]
    if not 2 <= len(part) <= 3 or len(last.base) < 3 or not is_all_caps(last.base):
        return False
    if last.base in lang.known_acronyms or place_of(last, lang) or _in_capitals(tokens):
        return False
    return _shaped_like_a_name(part[:-1], tokens, lang) and not any(
        is_all_caps(tokens[i].base) or place_of(tokens[i], lang) for i in part[:-1]
    )


def _listed_with_people(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """A name of two or three words in a list of people: "Ali Kaya, Lajos Kiss ve Ayşe Demir".

    The part is a whole item of the list, shaped like a name, and two of its neighbours in the
    list are people: the items on both sides, the two before it or the two after it."""
    tokens = reading.tokens
    first, end = part[0], part[-1] + 1
    if not 2 <= len(part) <= 3 or not _is_list_item(tokens, first, end, lang):
        return False
    if not _shaped_like_a_name(part, tokens, lang):
        return False
    return _people_before(reading, first, lang) + _people_after(tokens, end, lang) >= 2


def _is_list_item(tokens: Sequence[Token], first: int, end: int, lang: Turkish) -> bool:
    """Whether tokens[first:end] stand between list separators (or open or close the list)."""
    opened = first == 0 or not tokens[first - 1].base[:1].isupper()
    closed = end == len(tokens) or not tokens[end].base[:1].isupper()
    return opened and closed


def _shaped_like_a_name(part: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """Words that can be a person's name: no place after the first, no suffix or capitals
    before the last, and no common noun ("Basın Müdürlüğü", "Meclis Üyelerimiz")."""
    if any(place_of(tokens[i], lang) for i in part[1:]):
        return False
    if any(tokens[i].suffix or is_all_caps(tokens[i].base) for i in part[:-1]):
        return False
    return _first_common_noun(part, tokens, lang) is None


def _people_before(reading: SentenceReading, first: int, lang: Turkish) -> int:
    """How many people (at most two) the list items just before tokens[first] name."""
    tokens = reading.tokens
    ends = {m.end: m for m in reading.mentions if m.type == PERSON and not m.tentative}
    count, at = 0, first
    while count < 2 and at >= 2 and _separates_items(tokens[at - 1], lang):
        person = ends.get(tokens[at - 2].end)
        if person is None:
            break
        count += 1
        at = reading.token_from(person.start)
    return count


def _people_after(tokens: Sequence[Token], end: int, lang: Turkish) -> int:
    """How many people (at most two) the list items just after tokens[end - 1] name, by a given
    name opening each ("..., Ayşe Kaya ve Ali Er")."""
    count, at = 0, end
    while count < 2 and at + 2 < len(tokens) and _separates_items(tokens[at], lang):
        if tokens[at - 1].suffix:  # "Kaya'nın, ...": the list ended
            break
        start = at + 1
        if tokens[start].key not in lang.given_names or place_of(tokens[start], lang):
            break
        at = start + 1
        while at < len(tokens) and tokens[at].base[:1].isupper():
            at += 1
        if at - start < 2:  # a given name alone is no item of a list of full names
            break
        count += 1
    return count


def _separates_items(token: Token, lang: Turkish) -> bool:
    return token.text == "," or lang.function_words.get(token.key) == "conjunction"


def _add_acronym(reading: SentenceReading, i: int, *, attributive: bool = False) -> Mention:
    """An organisation written as an acronym: a known national body, one the article defines, or
    one another article defines (cross-article resolution joins it to its long form). In a
    heading written in capitals an all-caps word is just a word: kept only if the article
    defines it."""
    acronym = reading.tokens[i].base
    known = acronym in reading.lang.known_acronyms
    subtype = reading.lang.known_acronyms.get(acronym)
    tentative = not known and _in_capitals(reading.tokens)
    return add_mention(
        reading, [i], ORGANIZATION, acronym, subtype, attributive=attributive, tentative=tentative
    )


def _in_capitals(tokens: list[Token]) -> bool:
    """Whether most words of the sentence are written in capitals (a heading, a slogan)."""
    words = [t for t in tokens if t.base[:1].isalpha() and len(t.base) > 1]
    return 2 * sum(is_all_caps(t.base) for t in words) > len(words)


def _read_org(
    reading: SentenceReading,
    part: list[int],
    heads: Sequence[tuple[int, int, OrgHead]],
    lang: Turkish,
    *,
    attributive: bool = False,
) -> Mention | None:
    """An organisation ending at the last of the part's head nouns (``_heads_in``), with its
    parents and places."""
    tokens = reading.tokens
    while heads and heads[-1][2].kind == "event":  # "X Kent Konseyi Genel Kurulu": X holds it
        event_start = heads[-1][0]
        heads = [h for h in heads[:-1] if h[1] <= event_start]
        part = part[: heads[-1][1]] if heads else []
    if not heads:
        return None
    start = _person_before_org(reading, part, lang)
    head_start, head_end, head = heads[-1]
    case = _head_case(tokens[part[head_end - 1]], head, lang)
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
    last = _stem_form(tokens[named[-1]], head) if name_end == head_end else tokens[named[-1]].base
    name = " ".join([*(tokens[i].base for i in named[:-1]), last])
    mention = add_mention(
        reading, words, ORGANIZATION, name, head.subtype, case=case, attributive=attributive
    )
    parent = _read_parent(reading, mention, part, start, heads)
    if parent is None:
        add_place_facts(reading, words, mention)
    if head_end < len(part):
        _read_part(reading, part[head_end:], lang)
    return mention


def _read_parent(
    reading: SentenceReading,
    child: Mention,
    part: list[int],
    start: int,
    heads: list[tuple[int, int, OrgHead]],
) -> Mention | None:
    """For a sub-body ("X Kent Konseyi Yürütme Kurulu"), the organisation it belongs to, partOf.

    Places written between the parent's name and the sub-body's head locate the sub-body
    ("X Derneği Aliağa Şubesi" is in Aliağa)."""
    head_start, _, head = heads[-1]
    earlier = [(s, e, h) for s, e, h in heads if start < e <= head_start]
    if not head.sub_body or not earlier:
        return None
    _, end, parent_head = earlier[-1]
    parent_words = part[start:end]
    add_place_facts(reading, part[end:head_start], child)
    parent = add_mention(
        reading,
        parent_words,
        ORGANIZATION,
        join_words(parent_words, reading.tokens),
        parent_head.subtype,
        attributive=True,
    )
    add_fact(reading, child.name, "partOf", parent.name, child.start, child.end, NAME_CONFIDENCE)
    add_place_facts(reading, parent_words, parent)
    return parent


def _read_person(
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
            _is_role_noun(key, honorific or titled, lang) and _name_follows(words[1:], tokens, lang)
        ):
            break
        words.pop(0)
    if len(words) > 2 and tokens[words[0]].key in lang.demonyms:
        # "Başkanı Vanlı Ali Kaya": where the person comes from, not a part of the name
        add_places(reading, words.pop(0), lang, attributive=False)
    common = _first_common_noun(words, tokens, lang)
    if common is not None and not (titled or honorific):
        return None  # "Sultan Deresi Vadisi": a common noun makes it the name of a thing
    if common is not None and common >= 2:
        words = words[:common]  # "Başkanı Ali Kaya Başkanımıza"; "Dr. Maria Rossi" is whole
    if len(words) > 2 and _where_after_a_name(tokens[words[-1]], lang):
        add_places(reading, words.pop(), lang, attributive=False)
    cut = _name_before_named_body(words, tokens, lang) if len(words) > 2 else 0
    if cut:  # "Başkanı Ayşe Demir Kula Belediyesine Teşekkür Etti" in a heading
        _read_part(reading, words[cut:], lang)
        words = words[:cut]
    if not words:
        return None
    named = list(takewhile(lambda i: tokens[i].key not in lang.address_words, words))
    if not named:
        return None
    addressed = len(named) < len(words)  # "Zekai Başkan", "Ahmet Bey": a name by itself
    words = named
    words = words[:MAX_PERSON_WORDS]
    first = tokens[words[0]]
    if is_all_caps(first.base) and len(words) == 1 and not titled:
        if not place_of(first, lang):
            _add_acronym(reading, words[0])
        return None
    known_name = first.key in lang.given_names
    if len(words) == 1 and known_name and addressed:
        return add_mention(reading, words, PERSON, recase(first.base), None)
    if len(words) >= 2 and _is_initial(first):  # "M. Ali Kaya"
        known_name = tokens[words[1]].key in lang.given_names
    if len(words) >= 2 and (titled or honorific or known_name):
        return add_mention(reading, words, PERSON, _person_name(words, tokens), None)
    if len(words) == 1 and alone:  # "Hz. Mevlana": the one name is the whole name
        return add_mention(reading, words, PERSON, recase(first.base), None)
    if len(words) == 1 and (first.suffix or not known_name) and not place_of(first, lang):
        # kept only if it is the surname of a person named in full in the same article
        return add_mention(reading, words, PERSON, recase(first.base), None, tentative=True)
    return None


def _name_before_named_body(words: list[int], tokens: Sequence[Token], lang: Turkish) -> int:
    """Where an organisation's or a place's name starts after a name of two words or more (0 if
    none): a place word opening words that end in a head noun."""
    for k in range(2, len(words)):
        if place_of(tokens[words[k]], lang) and _heads_in(words[k:], tokens, lang):
            return k
    return 0


def _person_name(words: list[int], tokens: Sequence[Token]) -> str:
    """A person's name as written, surnames in capitals re-cased, initials with their full stop."""
    names = []
    for i in words:
        base = tokens[i].base
        names.append(recase(base) if len(base) > 1 else base + ".")
    return " ".join(names)


def _is_role_noun(key: str, titled: bool, lang: Turkish) -> bool:
    """A common noun before a name ("Yardımcılığını Ali Kaya"); after an honorific or a title
    also a noun with the possessive "-(s)I" of a compound ("Başkan Adayı", "Kaymakam Vekili"):
    names are written given name first, so the word before the given name is no name."""
    if _is_common_noun(key, lang):
        return True
    if not titled or key in lang.given_names or key in lang.demonyms or key in lang.places:
        return False  # "Başkanı Vanlı Ali Kaya": where the person comes from is read apart
    return possessive_stem(key, lang) != key


def _name_follows(words: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """Whether an honorific or a given name stands among ``words``."""
    return any(
        tokens[i].key in lang.name_openers or tokens[i].key in lang.given_names for i in words
    )


def _where_after_a_name(token: Token, lang: Turkish) -> bool:
    """A place in a case of where after a name is where the person is or goes, not a surname
    ("Bakanı Lajos Kiss Ankara'ya geldi", "Ali Kaya Türkiye'nin"): a province, country or city
    in the locative, dative or ablative, and a country or city in the genitive too; districts,
    which many surnames are named like, are left to the name."""
    place = place_of(token, lang)
    if place is None:
        return False
    case = token_case(token, None, lang)
    subtype = lang.places[lower(place)].subtype
    if case in ("loc", "dat", "abl"):
        return subtype != "District"
    return case == "gen" and subtype not in ("District", "Province")


def _first_common_noun(words: list[int], tokens: Sequence[Token], lang: Turkish) -> int | None:
    """Where the first capitalised common noun stands among ``words``, by an ending no name
    has ("Vadisi", "Üyelerimiz", "Yardımcılığını"): a name takes its suffixes after an
    apostrophe."""
    for k, i in enumerate(words):
        if _is_common_noun(tokens[i].key, lang):
            return k
    return None


@lru_cache(maxsize=1 << 15)
def _is_common_noun(key: str, lang: Turkish) -> bool:
    if key.endswith(lang.name_unlike_endings) or key in lang.non_entity_heads:
        return True
    # a venue noun with a case ending written on: "Parkında", "Caddesine"
    return any(
        key.startswith(word) and inflection_of(key, word, lang) is not None
        for word in lang.non_entity_heads
    )


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


def _heads_in(
    part: list[int], tokens: Sequence[Token], lang: Turkish
) -> tuple[tuple[int, int, OrgHead], ...]:
    """(start, end, head) of every organisation head phrase in the part, longest at each end."""
    if part and part[-1] - part[0] + 1 == len(part):  # a contiguous run: slice at C speed
        return _heads_of(tuple(map(_KEY_SUFFIX, tokens[part[0] : part[-1] + 1])), lang)
    return _heads_of(tuple((tokens[i].key, tokens[i].suffix) for i in part), lang)


@lru_cache(maxsize=1 << 14)  # the same names recur across sentences and articles
def _heads_of(
    words: tuple[tuple[str, str], ...], lang: Turkish
) -> tuple[tuple[int, int, OrgHead], ...]:
    found: dict[int, tuple[int, int, OrgHead]] = {}
    for end in range(1, len(words) + 1):
        for head in _heads_ending_in(*words[end - 1], lang):
            n = len(head.words)
            if n > end:
                continue
            window = words[end - n : end]
            if any(suffix for _, suffix in window[:-1]):
                continue
            if any(key != h for (key, _), h in zip(window[:-1], head.words[:-1], strict=True)):
                continue
            if end not in found or n > found[end][1] - found[end][0]:
                found[end] = (end - n, end, head)
    return tuple(found[e] for e in sorted(found))


@lru_cache(maxsize=1 << 14)
def _heads_ending_in(key: str, suffix: str, lang: Turkish) -> tuple[OrgHead, ...]:
    """The heads (in index order) whose last word a word with this key and suffix can be."""
    token = Token(key, 0, 0, key, suffix, key)
    candidates = lang.heads_by_end.get(prefix(key), ())
    return tuple(h for h in candidates if _head_case(token, h, lang) is not None)


def _head_case(token: Token, head: OrgHead, lang: Turkish) -> str | None:
    return token_case(token, head.words[-1], lang)


def _stem_form(token: Token, head: OrgHead) -> str:
    """A head word as written, without a suffix attached with no apostrophe ("Belediyesine")."""
    return token.base[: len(head.words[-1])]


def _head_for_name(name: str, lang: Turkish) -> OrgHead | None:
    words = tuple(lower(name).split())
    matches = [h for h in lang.org_heads if words[-len(h.words) :] == h.words]
    return max(matches, key=lambda h: len(h.words), default=None)


def _read_listed_person(reading: SentenceReading, role: Role, run: list[int]) -> None:
    person = _read_person(reading, run, reading.lang, titled=True)
    if person is not None:
        role.listed.append(person)
        role.end = run[-1] + 1


def attach_acronyms(reading: SentenceReading) -> None:
    """Sentence stage: "Manisalı Dernekler Federasyonu (MANİSA-FED)": the acronym becomes an
    alias of the name."""
    if "(" not in reading.sentence.text:
        return
    tokens = reading.tokens
    acronym_starts = set()
    for k, mention in enumerate(reading.mentions):
        if mention.type != ORGANIZATION or mention.tentative:
            continue
        _, end = reading.token_span(mention)
        if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 2].text == ")":
            acronym = tokens[end + 1]
            if is_all_caps(acronym.base) and mention.start != acronym.start:
                reading.mentions[k] = replace(mention, acronym=acronym.base)
                acronym_starts.add(acronym.start)
    reading.mentions[:] = [m for m in reading.mentions if m.start not in acronym_starts]
