"""Runs of capitalised words: where a sentence's names start and end, and runs joined into one."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from operator import attrgetter

from kg.extract.acronyms import in_parentheses
from kg.extract.heads import heads_ending_in, heads_in, member_adjective, member_adjectives
from kg.extract.organisations import known_organisation_openers
from kg.extract.people import is_common_noun
from kg.extract.places import place_head_forms
from kg.extract.reading import place_of
from kg.extract.roles import title_at
from kg.extract.written import HYPHEN, OPENING_QUOTES, QUOTES, is_initial, joins_forms
from kg.lang.tr import OrgHead, Turkish, prefix
from kg.lang.tr.morphology import bare_noun, inflection_of, possessive_stem
from kg.lang.tr.text import Token, is_all_caps

_KEY = attrgetter("key")
NAME_JOINERS = frozenset(",)")

# What a capitalised word is to a run of name words
_NAME_WORD = 0
_LAST_NAME_WORD = 1  # a head with a case ending written on: "Belediyesine", "Mahallesinde"
_NO_NAME_WORD = 2  # "Ve", "İle" in a title-case heading only join or mark parties
_HEADING_WORD = 3  # a verb or an event word: no name word in a heading in title case


def name_runs(tokens: Sequence[Token], used: set[int], lang: Turkish) -> list[list[int]]:  # noqa: C901, PLR0912
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


def joined_name_pieces(
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


def split_after_member_adjectives(
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


def outside_quoted_titles(
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


def drop_sentence_opener(run: list[int], tokens: Sequence[Token], lang: Turkish) -> list[int]:
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


def without_event_opener(run: list[int], tokens: Sequence[Token], lang: Turkish) -> list[int]:
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
