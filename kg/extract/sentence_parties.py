"""Which mentions of a sentence are its parties, each with its case, and the pronouns standing for parties."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter

from kg.extract.discourse import Discourse
from kg.extract.parties import SUBJECT_CASES, Party, after_acronym, listed_before
from kg.extract.reading import SentenceReading
from kg.extract.resolve import Resolution
from kg.lang.tr import PREFIX, Turkish
from kg.lang.tr.morphology import group_noun, inflection_of
from kg.lang.tr.text import Token, is_capitalised
from kg.model import ORGANIZATION, PERSON, PLACE, Mention


def sentence_parties(
    reading: SentenceReading, resolution: Resolution, discourse: Discourse
) -> list[Party]:
    """The resolved, non-attributive mentions of a sentence, in order; a person with their
    body's people after them ("X Başkanı A ve yönetim kurulu üyeleri") stands for the body."""
    parties = []
    # mentions are sorted by start, so one lies inside an earlier party exactly when it starts
    # before the furthest end reached so far
    reach = 0
    org_starts: set[int] | None = None  # computed for the first place in the genitive only
    for m in reading.mentions:
        name = resolution.name_of(m)
        if name is None or m.attributive:
            continue
        first, end = reading.token_span(m)
        if first < reading.dateline_end or first < reach:
            continue
        if m.type == PLACE and m.case == "gen":
            if org_starts is None:
                org_starts = {
                    reading.token_span(o)[0]
                    for o in reading.mentions
                    if o.type == ORGANIZATION and not o.attributive
                }
            if end in org_starts:
                continue  # "Bolu'nun Mudurnu Belediyesi": where the body is, not a party
        case = _case_in(reading, m, end)
        if case == "adj":  # "CHP'li başkanlar": a party's members, not the party
            continue
        kind = discourse.entity_types.get(name, m.type)
        if kind != m.type:  # "Yıldırım" read as a place, resolved to the person Ayşe Yıldırım
            m = replace(m, type=kind)
        party = Party(name, m, first, end, case)
        party = _with_companions(reading, resolution, discourse, party)
        grouped = party.end > end and m.type == PERSON  # "A ve yönetim kurulu üyeleri"
        if grouped or _followed_by_delegation(reading, end):
            # "X heyeti", "X Başkanı A ve yönetim kurulu üyeleri": a delegation, "heyet" later
            discourse.delegation = discourse.body_of(party)
        parties.append(party)
        reach = max(reach, party.end)
    return _heads_of_listed_places(reading, resolution, discourse, parties)


def _heads_of_listed_places(
    reading: SentenceReading, resolution: Resolution, discourse: Discourse, parties: list[Party]
) -> list[Party]:
    """ "Tire, Kula ve Ödemiş Belediye Başkanları": the places listed before a plural head
    title stand for the heads of their bodies (plural_head_titles.tsv), each the person the
    article names as that body's head, else the body; they take the title's case."""
    lang = reading.lang
    tokens = reading.tokens
    for k, last in enumerate(parties):
        if last.mention.type != PLACE:
            continue
        found = _plural_head_title_at(tokens, last.end, lang)
        if found is None:
            continue
        width, head, case = found
        listed = listed_before(reading, parties[: k + 1], last.end)
        if len(listed) < 2 or any(p.mention.type != PLACE for p in listed):
            continue
        heads = []
        for p in listed:
            body = resolution.canonical(f"{p.mention.name} {head}")
            if body is None:
                return parties
            name = discourse.head_of_body.get(body, body)
            m = p.mention
            mention = Mention(m.text, m.start, m.end, discourse.entity_types[name], name, case=case)
            heads.append(Party(name, mention, p.index, p.end, case))
        heads[-1] = heads[-1]._replace(end=last.end + width)
        start = parties.index(listed[0])
        return [*parties[:start], *heads, *parties[k + 1 :]]
    return parties


def _plural_head_title_at(
    tokens: Sequence[Token], i: int, lang: Turkish
) -> tuple[int, str, str] | None:
    """(width, head noun, case) of a plural head title starting at token ``i``, if any."""
    for words, head in lang.plural_head_titles:
        n = len(words)
        window = tokens[i : i + n]
        if len(window) < n or any(t.key != w for t, w in zip(window[:-1], words[:-1], strict=True)):
            continue
        case = inflection_of(window[-1].key, words[-1], lang)
        if case is not None:
            return n, head, case
    return None


_KEY = attrgetter("key")
MAX_COMPANION_WORDS = 4  # "ve dernek yönetim kurulu üyeleri": words up to the group noun


def _with_companions(
    reading: SentenceReading, resolution: Resolution, discourse: Discourse, party: Party
) -> Party:
    """Guideline rules 13-14: "A ve (yönetim kurulu) üyeleri" is A's body, or the named board the
    members phrase refers to ("A ve yürütme kurulu üyelerine" -> "X Kent Konseyi Yürütme Kurulu");
    the party takes the case written on the group noun."""
    tokens, lang = reading.tokens, reading.lang
    end = party.end
    if party.mention.type == PLACE:  # "A ve B Belediye Başkanları": places, not companions
        return party
    if end >= len(tokens) or lang.function_words.get(tokens[end].key) != "conjunction":
        return party
    people = reading.person_tokens()
    for j in range(end + 1, min(len(tokens), end + 1 + MAX_COMPANION_WORDS)):
        token = tokens[j]
        if not token.is_word or token.suffix or j in people:
            return party
        group = group_noun(token.key, lang)
        if group is not None:
            break
    else:
        return party
    if j + 1 in people:  # "ve Yönetim Kurulu Üyeleri B, C": a title before names, not companions
        return party
    named = _named_body_between(reading, resolution, end + 1, j + 1)
    case = inflection_of(token.key, group, lang) or "nom"
    if named is None and party.mention.type == PERSON and group in lang.entourage_nouns:
        # "A ve ekibine", "A ve heyeti": the person with their entourage (rule 13)
        return Party(party.name, party.mention, party.index, j + 1, case)
    body = named or (
        discourse.bodies.get(party.name) if party.mention.type == PERSON else party.name
    )
    if body is None:
        return party
    return Party(body, party.mention, party.index, j + 1, case)


def _named_body_between(
    reading: SentenceReading, resolution: Resolution, start: int, end: int
) -> str | None:
    """The organisation named among tokens start..end ("Yürütme Kurulu üyeleri"), if any."""
    for m in reading.mentions:
        if m.type == ORGANIZATION:
            first, last = reading.token_span(m)
            if start <= first and last <= end:
                return resolution.name_of(m)
    return None


MAX_POSSESSED_DISTANCE = 4  # "X'in halkın iradesiyle seçilen yönetimini": words to the noun


def _possessed_case(words: Sequence[Token], lang: Turkish) -> str:
    """The case of the first possessed noun among lower-case ``words`` after a genitive; after
    a relative participle, the case of the noun it describes ("X'in düzenlediği kermese")."""
    for k, token in enumerate(words):
        if not token.is_word or token.suffix or is_capitalised(token.base):
            break
        if token.key.endswith(lang.relative_participle_endings) and k + 1 < len(words):
            noun = words[k + 1]
            if noun.is_word and not noun.suffix and not is_capitalised(noun.base):
                return next((c for e, c in lang.noun_cases if noun.key.endswith(e)), "gen")
            break
        following = words[k + 1] if k + 1 < len(words) else None
        if following is not None and lang.function_words.get(following.key) == "reason":
            # "X'in desteği için teşekkür etti": thanks for X's act go to X
            return "dat"
        case = next((c for e, c in lang.possessed_case if token.key.endswith(e)), None)
        if case is not None:
            return case
    return "gen"


def _followed_by_delegation(reading: SentenceReading, end: int) -> bool:
    """Whether a name is followed by a delegation noun ("X heyeti", "X heyetinin")."""
    end = after_acronym(reading, end)
    if end >= len(reading.tokens):
        return False
    return _is_delegation_word(reading.tokens[end].key, reading.lang)


@lru_cache(maxsize=1 << 14)  # asked of the word after every party
def _is_delegation_word(key: str, lang: Turkish) -> bool:
    return any(key.startswith(noun) for noun in lang.delegation_nouns)


def _case_in(reading: SentenceReading, mention: Mention, end: int) -> str:
    """A party's case; "X ile" is instrumental, "X tarafından" is the agent.

    An acronym in parentheses after the name ("X Birliği (XB) ile") is looked past."""
    tokens, lang = reading.tokens, reading.lang
    end = after_acronym(reading, end)
    after = tokens[end] if end < len(tokens) else None
    stands_for = _standing_for_a_group(reading, mention, end)
    if stands_for is not None:
        return stands_for
    group = group_noun(after.key, lang) if after is not None else None
    if after is not None and group is not None and mention.case in ("nom", "gen"):
        # "Yürütme Kurulu üyelerine", "X'in heyeti": the members' case is the body's own
        return inflection_of(after.key, group, lang) or "nom"
    if after is not None and mention.case == "gen" and not after.base[:1].isupper():
        # "X'in (yeni) çalışmalarına katkı sundu": the possessed noun's case is X's part in the
        # event
        return _possessed_case(tokens[end : end + MAX_POSSESSED_DISTANCE], lang)
    if after is not None and mention.case == "nom":
        role = lang.function_words.get(after.key)
        if role == "comitative":
            following = tokens[end + 1] if end + 1 < len(tokens) else None
            if following is not None and lang.function_words.get(following.key) == "topic":
                return "topic"  # "X ile ilgili": about X, not with X
            return "ins"
        if role == "agent":
            return "by"
        if role == "as":
            return "as"
    return mention.case


MAX_GROUP_WORDS = 5  # "başta X olmak üzere emeği geçen tüm çalışanlara": words to the group


def _standing_for_a_group(reading: SentenceReading, mention: Mention, end: int) -> str | None:
    """ "başta X olmak üzere herkese", "X nezdinde tüm yöneticilere": a party named as the first
    of, or standing for, a group takes the case written on the group (guideline rule 20)."""
    tokens, words = reading.tokens, reading.lang.function_words
    if end >= len(tokens) or mention.case != "nom":
        return None
    first, _ = reading.token_span(mention)
    while (
        first > 0
        and tokens[first - 1].is_word
        and is_capitalised(tokens[first - 1].base)
        and words.get(tokens[first - 1].key) != "foremost"
    ):
        first -= 1  # past the title: "başta Kula Derneği Başkanı Can Ak"
    opens = first > 0 and words.get(tokens[first - 1].key) == "foremost"
    if words.get(tokens[end].key) == "representing":
        start = end + 1
    elif opens and end + 1 < len(tokens) and words.get(tokens[end].key) == "foremost_close":
        start = end + 2  # "olmak üzere"
    else:
        return None
    found = None  # the case of the last word before the verb: "emeği geçen herkese teşekkür"
    for token in tokens[start : start + MAX_GROUP_WORDS]:
        if not token.is_word or token.suffix or is_capitalised(token.base):
            break
        if token.key[:PREFIX] in reading.lang.cues_by_start:
            break
        found = next((c for e, c in reading.lang.noun_cases if token.key.endswith(e)), found)
    return found


def pronoun_parties(
    reading: SentenceReading, discourse: Discourse, named: Sequence[Party]
) -> list[Party]:
    """Parties written as pronouns or possessed titles (guideline rule 20): "bize" is the speaker's
    side, "kendilerine" the other side of the speaker's visit, "başkanımıza" the head addressed;
    none inside the ``named`` parties."""
    lang = reading.lang
    if lang.pronouns.keys().isdisjoint(map(_KEY, reading.tokens)):
        return []
    covered = {i for p in named for i in range(p.index, p.end)}
    ends = {after_acronym(reading, p.end) for p in named}
    parties = []
    for i, token in enumerate(reading.tokens):
        found = lang.pronouns.get(token.key)
        if found is None or i in covered or token.suffix:
            continue
        case, refers_to = found
        if refers_to == "delegation" and i in ends:
            continue  # "X heyeti" is X's, read with X
        actor = discourse.actor_at(token.start)
        if not discourse.in_quote(token.start):
            # outside a quotation the sentence's own subject, when it names one, is who
            # "kendilerine" is seen from ("Dernek Başkanı Can Ak, kendilerine teşekkür etti")
            actor = next(
                (
                    p
                    for p in named
                    if p.index < i and p.case in SUBJECT_CASES and p.mention.type != PLACE
                ),
                actor,
            )
        if actor is None:
            continue
        name = discourse.referent(refers_to, actor)
        if name is None and refers_to == "counterpart" and any(p is actor for p in named):
            # "Ali Er, kendisini ziyaret eden heyete teşekkür etti": with no visit read before,
            # "kendisi" is reflexive, the sentence's own subject
            name = actor.name
        kind = discourse.entity_types.get(name) if name else None
        if kind is None or name is None:
            continue
        mention = Mention(token.text, token.start, token.end, kind, name, case=case)
        parties.append(Party(name, mention, i, i + 1, case))
    return parties
