"""Event relations (visited, thanked, ...) from cue phrases, with argument roles read from case suffixes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg.extract.reading import SentenceReading
from kg.lang.tr import PREFIX, Cue, Turkish
from kg.lang.tr.morphology import group_noun, inflection_of
from kg.lang.tr.text import Token, is_capitalised
from kg.model import PLACE, Fact, Mention
from kg.resolve import Resolution
from kg.vocab import SYMMETRIC_PREDICATES

ACTIVE_CONFIDENCE = 0.85  # subject and object both in the sentence, object in the cue's case
CARRIED_SUBJECT_CONFIDENCE = 0.6  # subject dropped, taken from the sentence before
NOUN_CONFIDENCE = 0.75  # headline form "X'den Y'ye ziyaret"
AGENT_CONFIDENCE = 0.85  # passive with "X tarafından"
CONTEXT_AGENT_CONFIDENCE = 0.55  # passive whose actor is the host of the article's visit
LOOSE_CONFIDENCE = 0.6  # cues that name no case ("iş birliği"): the sentence's other party


class Party(NamedTuple):
    """A resolved mention taking part in a sentence.

    A named tuple rather than a frozen dataclass: one is made for every party of every sentence,
    and a frozen dataclass is several times slower to build."""

    name: str
    mention: Mention
    index: int  # first token
    end: int  # one past the last token


@dataclass(frozen=True)
class PendingPassive:
    """A passive cue whose actor the sentence does not name ("... teşekkür edildi")."""

    predicate: str
    objects: tuple[Party, ...]
    reading: SentenceReading
    cue_end: int


def find_cues(reading: SentenceReading, lang: Turkish) -> list[tuple[int, int, Cue]]:
    """(first token, end token, cue) of every cue in the sentence, the longest at each place."""
    tokens = reading.tokens
    index = lang.cues_by_start
    found = []
    free = 0  # the first token not inside a cue found already
    count = len(tokens)
    for i in [i for i, t in enumerate(tokens) if t.key[:PREFIX] in index]:
        if i < free:
            continue
        for cue in _cues_opening_with(tokens[i].key, lang):
            words = cue.words
            n = len(words)
            if i + n <= count and all(tokens[i + k].key.startswith(words[k]) for k in range(1, n)):
                found.append((i, i + n, cue))
                free = i + n
                break
    return found


@lru_cache(maxsize=1 << 14)  # asked of every word that starts like a cue
def _cues_opening_with(word: str, lang: Turkish) -> tuple[Cue, ...]:
    """The cues whose first word ``word`` starts with, longest first (see turkish())."""
    return tuple(
        c for c in lang.cues_by_start.get(word[:PREFIX], ()) if word.startswith(c.words[0])
    )


def sentence_parties(reading: SentenceReading, resolution: Resolution) -> list[Party]:
    """The resolved, non-attributive mentions of a sentence, in order."""
    parties = []
    # mentions are sorted by start, so one lies inside an earlier party exactly when it starts
    # before the furthest end reached so far
    reach = 0
    for m in reading.mentions:
        name = resolution.name_of(m)
        if name is None or m.attributive:
            continue
        first, end = reading.token_span(m)
        if first < reading.dateline_end or first < reach:
            continue
        parties.append(Party(name, m, first, end))
        reach = max(reach, end)
    return parties


@dataclass
class Clause:
    """One cue in its sentence: what a construction reads the cue's parties from."""

    reading: SentenceReading
    resolution: Resolution
    parties: Sequence[Party]
    cue: Cue
    start: int  # first token of the cue
    end: int  # one past its last token
    previous_subject: Party | None  # the actor of the sentences before, for a dropped subject
    pending: list[PendingPassive]  # passives whose actor only the whole article can tell

    @property
    def lang(self) -> Turkish:
        return self.reading.lang


Construction = Callable[[Clause], list[Fact]]
ANY_FORM = "*"


def verb_form(clause: Clause) -> str:
    """How the cue's verb is inflected, which says where its actor is written:
    "first_person" ("teşekkür ediyorum": the speaker of a quote), "nominalised" ("katkı
    sunduğunu": the actor in the genitive), "participle" ("teşekkür eden Başkan X": the actor
    after it) or "finite" (the nominative subject before it)."""
    tokens, lang, end = clause.reading.tokens, clause.lang, clause.end
    if _is_first_person(tokens[end - 1 : end + 1], lang):
        return "first_person"
    if _is_nominalised(tokens[end - 1], lang):
        return "nominalised"
    if _is_participle(tokens[end - 1], lang):
        return "participle"
    return "finite"


def read_events(
    reading: SentenceReading,
    resolution: Resolution,
    previous_subject: Party | None,
) -> tuple[list[Fact], list[PendingPassive], Party | None]:
    """Event facts of one sentence; passives still needing an actor; the sentence's subject.

    Each cue is read by the construction ``CONSTRUCTIONS`` names for its voice and verb form."""
    facts: list[Fact] = []
    pending: list[PendingPassive] = []
    parties = sentence_parties(reading, resolution)
    if not parties:  # every relation needs at least one party named in the sentence
        return facts, pending, previous_subject
    lang = reading.lang
    for start, end, cue in find_cues(reading, lang):
        clause = Clause(reading, resolution, parties, cue, start, end, previous_subject, pending)
        construction = CONSTRUCTIONS.get((cue.voice, ANY_FORM))
        if construction is None:
            construction = CONSTRUCTIONS[(cue.voice, verb_form(clause))]
        facts.extend(construction(clause))
    # the sentence's actor, for a later sentence that drops its subject
    subject = next(
        (p for p in parties if p.mention.type != PLACE and _case_of(reading, p) == "nom"),
        previous_subject,
    )
    return facts, pending, subject


# --- constructions: one function per voice and verb form -------------------------------------


def _finite(clause: Clause) -> list[Fact]:
    """ "X, Y'yi ziyaret etti": the nominative subject before the cue acts."""
    objects = _objects(clause)
    subjects = _subjects(clause.reading, clause.parties, limit=clause.start, exclude=objects)
    return _active_facts(clause, subjects, objects)


def _first_person(clause: Clause) -> list[Fact]:
    """ "teşekkür ediyorum": the speaker of the quote acts, named in an earlier sentence."""
    return _active_facts(clause, [], _objects(clause))


def _nominalised(clause: Clause) -> list[Fact]:
    """ "X'in ... katkı sunduğunu belirtti": the genitive before the cue acts."""
    objects = _objects(clause)
    subjects = [
        p
        for p in clause.parties
        if p.end <= clause.start and p.mention.case == "gen" and p not in objects
    ][-1:]
    return _active_facts(clause, subjects, objects)


def _participle(clause: Clause) -> list[Fact]:
    """ "teşekkür eden Başkan X": the party after the participle acts."""
    reading, parties = clause.reading, clause.parties
    objects = _objects(clause)
    subjects = _subjects(
        reading, parties, limit=len(reading.tokens), exclude=objects, after=clause.end
    )
    if not subjects and clause.cue.predicate in SYMMETRIC_PREDICATES:
        # "A ile B arasında imzalanan protokol": the parties stand before the participle
        subjects = _subjects(reading, parties, limit=clause.start, exclude=objects)
    return _active_facts(clause, subjects, objects)


def _active_facts(clause: Clause, subjects: list[Party], objects: list[Party]) -> list[Fact]:
    """Facts of an active cue once its subjects and objects are read."""
    reading, cue = clause.reading, clause.cue
    confidence = ACTIVE_CONFIDENCE if cue.object_case != "any" else LOOSE_CONFIDENCE
    if not subjects and clause.previous_subject is not None:
        subjects = [clause.previous_subject]
        confidence = min(confidence, CARRIED_SUBJECT_CONFIDENCE)
    if cue.predicate in SYMMETRIC_PREDICATES and (
        len(subjects) + len(objects) > 2 or (len(subjects) == 2 and not objects)
    ):  # "A ve B bir araya geldi", "A, B ve C protokol imzaladı"
        return _among(clause, [*subjects, *objects], confidence)
    if cue.reverse:
        subjects, objects = objects, subjects
    subjects = _as_bodies(clause, subjects)  # "A, B ve C başkanları D'yi ziyaret etti"
    return _facts(reading, subjects, cue.predicate, objects, clause.end, confidence)


def _passive(clause: Clause) -> list[Fact]:
    """ "Y'ye X tarafından teşekkür edildi"; with no "tarafından", the actor is left pending."""
    reading, parties, cue, start, end = (
        clause.reading,
        clause.parties,
        clause.cue,
        clause.start,
        clause.end,
    )
    agents = [p for p in parties if _is_agent(reading, p) and p.index < start]
    if cue.object_case == "acc":  # the accusative object is the passive's subject
        objects = _subjects(reading, parties, limit=start, exclude=agents)
    else:
        objects = _objects(clause)
    if cue.reverse:
        return _facts(reading, objects, cue.predicate, agents, end, AGENT_CONFIDENCE)
    if cue.predicate in SYMMETRIC_PREDICATES:  # "A ile B arasında protokol imzalandı"
        others = _subjects(reading, parties, limit=start, exclude=[*agents, *objects])
        group = [*agents, *others, *objects]
        return _among(clause, group, ACTIVE_CONFIDENCE) if len(group) > 1 else []
    if not agents and objects:
        clause.pending.append(PendingPassive(cue.predicate, tuple(objects), reading, end))
    return _facts(reading, agents, cue.predicate, objects, end, AGENT_CONFIDENCE)


def resolve_passives(pending: Sequence[PendingPassive], host: str | None) -> list[Fact]:
    """Passive thanks with no named actor are the host's: the party the article's visit went to."""
    facts = []
    for passive in pending:
        if host is None:
            continue
        objects = [p for p in passive.objects if p.name != host]
        actor = Party(host, passive.objects[0].mention, -1, -1)
        facts.extend(
            _facts(
                passive.reading,
                [actor],
                passive.predicate,
                objects,
                passive.cue_end,
                CONTEXT_AGENT_CONFIDENCE,
            )
        )
    return facts


# --- roles -----------------------------------------------------------------------------------


def _case_of(reading: SentenceReading, party: Party) -> str:
    """A party's case; "X ile" is instrumental, "X tarafından" is the agent.

    An acronym in parentheses after the name ("X Birliği (XB) ile") is looked past."""
    tokens, lang = reading.tokens, reading.lang
    end = party.end
    if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 2].text == ")":
        end += 3
    after = tokens[end] if end < len(tokens) else None
    group = group_noun(after.key, lang) if after is not None else None
    if group is not None and party.mention.case in ("nom", "gen"):
        # "Yürütme Kurulu üyelerine", "X'in heyeti": the members' case is the body's own
        return inflection_of(after.key, group, lang) or "nom"
    if after is not None and party.mention.case == "gen" and not after.base[:1].isupper():
        # "X'in çalışmalarına katkı sundu": the possessed noun's case is X's part in the event
        return next((c for e, c in lang.possessed_case if after.key.endswith(e)), "gen")
    if after is not None and party.mention.case == "nom":
        role = lang.function_words.get(after.key)
        if role == "comitative":
            return "ins"
        if role == "agent":
            return "by"
    return party.mention.case


def _is_agent(reading: SentenceReading, party: Party) -> bool:
    return _case_of(reading, party) == "by"


def _objects(clause: Clause) -> list[Party]:
    """The other parties of a cue: those before it in its case, with their conjuncts."""
    reading, parties, cue = clause.reading, clause.parties, clause.cue
    before = [p for p in parties if p.end <= clause.start]
    if cue.object_case == "any":
        wanted = {"dat", "acc", "ins"}
        before = [p for p in parties if p.mention.type != PLACE]
    else:
        wanted = set(cue.object_case.split("|"))
    marked = [p for p in before if _case_of(reading, p) in wanted]
    if not marked:
        return []
    chosen = marked[-1] if cue.object_case != "any" else marked[0]
    return _with_conjuncts(reading, parties, chosen)


def _with_conjuncts(reading: SentenceReading, parties: Sequence[Party], last: Party) -> list[Party]:
    """ "A, B ve C'yi": only the last conjunct carries the suffix; the ones before share it.

    A comma joins only inside a list closed by "ve" ("X, Y'yi ziyaret etti" is subject, object).
    """
    lang = reading.lang
    group = [last]
    for p in reversed([q for q in parties if q.end <= group[0].index]):
        between = reading.tokens[p.end : group[0].index]
        is_ve = len(between) == 1 and lang.function_words.get(between[0].key) in (
            "conjunction",
            "comitative",  # "A ile B'ye teşekkür etti": both are thanked
        )
        is_comma = len(between) == 1 and between[0].text == "," and len(group) > 1
        opens_sentence = p is parties[0] and p.index <= reading.dateline_end
        if not (is_ve or (is_comma and not opens_sentence)) or p.mention.case != "nom":
            break
        group.insert(0, p)
    return group


def _subjects(
    reading: SentenceReading,
    parties: Sequence[Party],
    *,
    limit: int,
    exclude: Sequence[Party],
    after: int = 0,
) -> list[Party]:
    """The nominative actor before the cue: the first unmarked person or organisation, with conjuncts."""
    excluded = {id(p) for p in exclude}
    candidates = [
        p
        for p in parties
        if after <= p.index
        and p.end <= limit
        and id(p) not in excluded
        and p.mention.type != PLACE
        and _case_of(reading, p) == "nom"
    ]
    # Turkish news marks the subject with a comma after it ("X, Y'yi ziyaret etti")
    marked = [
        p for p in candidates if p.end < len(reading.tokens) and reading.tokens[p.end].text == ","
    ]
    if not candidates:
        return []
    first = (marked or candidates)[0]
    group, links = [first], []
    for q in reversed([c for c in candidates if c.end <= first.index]):  # "A ve B, ...": A too
        if not _list_link(reading, q.end, group[0].index):
            break
        group.insert(0, q)
    for q in parties:
        if q.index < first.end or q.end > limit or id(q) in excluded:
            continue
        link = _list_link(reading, group[-1].end, q.index)
        if not link or _case_of(reading, q) != "nom" or q.mention.type == PLACE:
            break
        group.append(q)
        links.append(link)
    while links and links[-1] == ",":  # "A, B ve C": a list is closed by "ve"
        links.pop()
        group.pop()
    return group


def _list_link(reading: SentenceReading, start: int, end: int) -> str | None:
    """ "ve" or "," when the tokens between two parties join them into one list, else None.

    Words of other names and titles in between ("A ve X Odası Başkan Vekili B") do not count."""
    covered = reading.covered()
    between = [
        t
        for i, t in enumerate(reading.tokens[start:end], start)
        if i not in covered and not (t.is_word and is_capitalised(t.base))
    ]
    if len(between) != 1:
        return None
    if between[0].text == ",":
        return ","
    return "ve" if reading.lang.function_words.get(between[0].key) == "conjunction" else None


def _is_first_person(tokens: Sequence[Token], lang: Turkish) -> bool:
    return any(t.key.endswith(lang.first_person_endings) for t in tokens if not t.suffix)


def _is_nominalised(token: Token, lang: Turkish) -> bool:
    return not token.suffix and token.key.endswith(lang.nominalised_endings)


def _is_participle(token: Token, lang: Turkish) -> bool:
    return not token.suffix and any(
        token.key.endswith(e) and len(token.key) >= len(e) + 2 for e in lang.participle_endings
    )


def _among(clause: Clause, group: Sequence[Party], confidence: float) -> list[Fact]:
    """A symmetric relation among every pair of a coordinated group ("A, B ve C protokol imzaladı")."""
    group = _as_bodies(clause, group)
    predicate, reading, end = clause.cue.predicate, clause.reading, clause.end
    facts = []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            facts.extend(_facts(reading, [a], predicate, [b], end, confidence))
    return facts


def _as_bodies(clause: Clause, group: Sequence[Party]) -> list[Party]:
    """Guideline rule 8: in a group of three or more, a person who heads an organisation stands
    for it (three mayors signing is their municipalities signing)."""
    if len(group) < 3:
        return list(group)
    canonical = clause.resolution.canonical
    heads = {canonical(f.s): canonical(f.o) for f in clause.reading.facts if f.p == "headOf"}
    return [p._replace(name=heads.get(p.name) or p.name) for p in group]


def _noun_form(clause: Clause) -> list[Fact]:
    """Headline form: "X'den Y'ye ziyaret" — the actor in the ablative, the other party in the cue's case."""
    reading, parties, cue, start, end = (
        clause.reading,
        clause.parties,
        clause.cue,
        clause.start,
        clause.end,
    )
    lang = reading.lang
    actors = [
        p for p in parties if p.mention.case == "abl" and p.end <= start and p.mention.type != PLACE
    ]  # "İzmir'den Ankara'ya ziyaret": a place is where one comes from, not who visits
    if not actors and start and _is_nominalised(reading.tokens[start - 1], lang):
        # "X'in Y'ye yaptığı ziyarette": the actor of a nominalised verb is in the genitive
        actors = [
            p
            for p in parties
            if p.mention.case == "gen" and p.end <= start and p.mention.type != PLACE
        ]
    others = [p for p in parties if p.mention.case == cue.object_case and p.end <= start]
    if not actors or not others:
        return []
    return _facts(reading, actors[-1:], cue.predicate, others[-1:], end, NOUN_CONFIDENCE)


def _within(mention: Mention, reading: SentenceReading) -> bool:
    sentence = reading.sentence
    return sentence.start <= mention.start and mention.end <= sentence.end


def _facts(
    reading: SentenceReading,
    subjects: Sequence[Party],
    predicate: str,
    objects: Sequence[Party],
    cue_end: int,
    confidence: float,
) -> list[Fact]:
    facts = []
    tokens = reading.tokens
    end = tokens[min(cue_end, len(tokens)) - 1].end
    for s in subjects:
        for o in objects:
            if s.name == o.name:
                continue
            # a party carried from an earlier sentence is not part of this one's evidence
            spans = [p.mention for p in (s, o) if p.index >= 0 and _within(p.mention, reading)]
            first = min(
                (m.start for m in spans), default=tokens[min(cue_end, len(tokens)) - 1].start
            )
            last = max([end, *(m.end for m in spans)])
            offset = reading.sentence.start
            evidence = reading.sentence.text[first - offset : last - offset]
            a, b = (s.name, o.name)
            if predicate in SYMMETRIC_PREDICATES:
                a, b = sorted((a, b))
            facts.append(Fact(a, predicate, b, evidence, first, last, confidence))
    return facts


# Which construction reads a cue, by the cue's voice (cues.tsv) and its verb's form (verb_form):
# a new construction is one function and one row here.
CONSTRUCTIONS: dict[tuple[str, str], Construction] = {
    ("active", "finite"): _finite,
    ("active", "first_person"): _first_person,
    ("active", "nominalised"): _nominalised,
    ("active", "participle"): _participle,
    ("passive", ANY_FORM): _passive,
    ("noun", ANY_FORM): _noun_form,
}
