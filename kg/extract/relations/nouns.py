"""Constructions of noun cues: headline forms, joint acts, sister ties and means ("X'in desteğiyle")."""

from __future__ import annotations

from kg.extract.parties import Party, listed_before, objects_before, subjects_before
from kg.extract.relations.clause import Clause, genitive_word_between, is_nominalised
from kg.extract.relations.facts import among, pair_facts
from kg.lang.tr.text import is_capitalised
from kg.model import PLACE, Fact
from kg.vocab import SYMMETRIC_PREDICATES

NOUN_CONFIDENCE = 0.75  # headline form "X'den Y'ye ziyaret"
COMITATIVE = frozenset({"ins"})
JOINT_CONFIDENCE = 0.75  # a joint act among parties the sentence pairs explicitly
MEANS_CONFIDENCE = 0.7  # "X'in desteğiyle": the receiver is the sentence's actor


def noun_form(clause: Clause) -> list[Fact]:
    """Headline form: "X'den Y'ye ziyaret" — the actor in the ablative, the other party in the cue's case."""
    reading, parties, cue, start, end = (
        clause.reading,
        clause.parties,
        clause.cue,
        clause.start,
        clause.end,
    )
    actors = [
        p for p in parties if p.mention.case == "abl" and p.end <= start and p.mention.type != PLACE
    ]  # "İzmir'den Ankara'ya ziyaret": a place is where one comes from, not who visits
    nominalised = bool(start) and is_nominalised(reading.tokens[start - 1], reading.lang)
    if not actors and nominalised:
        # "X'in Y'ye yaptığı ziyarette": the actor of a nominalised verb is in the genitive
        actors = [
            p
            for p in parties
            if p.mention.case == "gen" and p.end <= start and p.mention.type != PLACE
        ]
    others = [p for p in parties if p.mention.case == cue.object_case and p.end <= start]
    if not others and cue.voice == "noun":
        # "Y'yi ziyaretinde": the verbal noun takes its object in the accusative
        others = [p for p in parties if p.end == start and p.case == "acc"]
        nominalised = nominalised or bool(others)
    verb = reading.tokens[start - 1] if start else None
    plural = verb is not None and verb.key.endswith(clause.lang.they_endings)
    if (
        not actors
        and others
        and nominalised
        and not plural  # "Y'ye gerçekleştirdikleri ziyaret için": "they", not the subject
        and not genitive_word_between(clause, 0, others[-1].index)
    ):
        # "Ali Er, derneğe yaptığı ziyarette": no genitive, the sentence's subject acts
        actors = subjects_before(reading, parties, limit=others[-1].index, exclude=others)
    if not others:
        others = _place_compounded(clause)  # "Van ziyareti": a visit to Van
        if others and not actors:
            actors = [p for p in parties if p.case == "gen" and p.end <= start] or subjects_before(
                reading, parties, limit=len(reading.tokens), exclude=others
            )
    if not actors or not others:
        return []
    return pair_facts(reading, actors[-1:], cue.predicate, others[-1:], end, NOUN_CONFIDENCE)


def _place_compounded(clause: Clause) -> list[Party]:
    """The place or body a noun cue is compounded with, written right before it ("Van
    ziyaretleri", "Bakan X'in Kula Belediyesi ziyareti")."""
    return [p for p in clause.parties if p.end == clause.start and p.case == "nom"]


def joint(clause: Clause) -> list[Fact]:
    """A joint undertaking ("iş birliği", "ortak proje") among the parties the sentence pairs:
    "A ile B arasında ...", "A, B ve C işbirliği ile", "A, B ile iş birliği yaptı"; nothing when
    it pairs none ("iş birliği önemlidir")."""
    reading, parties = clause.reading, clause.parties
    group = between_group(clause) or _listed_right_before(clause)
    if len(group) >= 2:
        return among(clause, group, JOINT_CONFIDENCE)
    partners = objects_before(reading, parties, clause.start, COMITATIVE)
    if not partners:
        return []
    actors = subjects_before(reading, parties, limit=partners[0].index, exclude=partners)
    if not actors and clause.carried_actor is not None:
        actors = [clause.carried_actor]
    return among(clause, [*actors, *partners], JOINT_CONFIDENCE) if actors else []


def sister(clause: Clause) -> list[Fact]:
    """ "kardeş belediye X", "kardeş şehir X": a sister tie between the actor's body and X's, or
    among the bodies the sentence pairs ("A ile B kardeş şehir oldu")."""
    reading, parties, discourse = clause.reading, clause.parties, clause.discourse
    partner = _named_right_after(clause)
    if partner is None:
        group = between_group(clause) or _listed_right_before(clause)
        if len(group) < 2:
            partners = objects_before(reading, parties, clause.start, COMITATIVE)
            actors = subjects_before(reading, parties, limit=clause.start, exclude=partners)
            group = [*actors[:1], *partners] if partners else []
        bodies = [p._replace(name=discourse.body_of(p)) for p in group]
        return among(clause, bodies, JOINT_CONFIDENCE) if len(bodies) >= 2 else []
    actors = subjects_before(reading, parties, limit=clause.start, exclude=[partner])
    # "X ile kardeş şehir olan Y": the co-party before the cue is the other side
    actors = actors or objects_before(reading, parties, clause.start, COMITATIVE)[:1]
    actor = actors[0] if actors else clause.carried_actor
    if actor is None:
        return []
    pair = [
        actor._replace(name=discourse.body_of(actor)),
        partner._replace(name=discourse.body_of(partner)),
    ]
    return among(clause, pair, JOINT_CONFIDENCE)


MAX_MEANS_MODIFIERS = 3  # "maddi ve manevi desteğiyle"


def means(clause: Clause) -> list[Fact]:
    """ "X'in desteğiyle", "X'in davetiyle": X gives the help or the invitation, and whoever the
    sentence says acts (its agent, else its subject) receives it."""
    reading, parties = clause.reading, clause.parties
    # "A ve B'nin desteğiyle": the genitive is written on the last of a list; "X'in maddi ve
    # manevi desteğiyle": words describing the help may stand between
    start = clause.start
    while start > 0 and clause.start - start < MAX_MEANS_MODIFIERS:
        token = reading.tokens[start - 1]
        if not token.is_word or token.suffix or is_capitalised(token.base):
            break
        start -= 1
    givers = listed_before(reading, parties, start)
    if not givers or givers[-1].mention.case != "gen":
        return []
    if clause.cue.predicate in SYMMETRIC_PREDICATES:  # "A ve B'nin imzasıyla": they both sign
        return among(clause, givers, MEANS_CONFIDENCE) if len(givers) > 1 else []
    receivers = [p for p in parties if p.case == "by"][:1] or subjects_before(
        reading, parties, limit=len(reading.tokens), exclude=givers
    )
    return pair_facts(
        reading, givers, clause.cue.predicate, receivers, clause.end, MEANS_CONFIDENCE
    )


def between_group(clause: Clause) -> list[Party]:
    """The parties listed right before the "arasında" nearest the cue ("A, B ile C arasında")."""
    reading = clause.reading
    function_words = reading.lang.function_words
    between = next(
        (
            i
            for i in range(clause.start - 1, -1, -1)
            if function_words.get(reading.tokens[i].key) == "between"
        ),
        None,
    )
    if between is None:
        return []
    return _without_places(listed_before(reading, clause.parties, between))


def _listed_right_before(clause: Clause) -> list[Party]:
    """A list of parties ending right before the cue ("A, B ve C İşbirliği ile")."""
    return _without_places(listed_before(clause.reading, clause.parties, clause.start))


def _without_places(group: list[Party]) -> list[Party]:
    """Parties of a joint act are people and bodies: "İzmir ile Manisa arasında iş birliği" pairs
    no one."""
    return [p for p in group if p.mention.type != PLACE]


def _named_right_after(clause: Clause) -> Party | None:
    """The party a cue noun names right after it ("kardeş belediye X", "kardeş belediyemiz
    olan X", "kardeş belediye X Belediye Başkanı Y": X's body)."""
    reading, end = clause.reading, clause.end
    tokens = reading.tokens
    if end < len(tokens) and reading.lang.function_words.get(tokens[end].key) == "apposition":
        end += 1
    for m in reading.mentions:
        name = clause.resolution.name_of(m)
        first, last = reading.token_span(m)
        if name is not None and m.type != PLACE and first == end:
            return Party(name, m, first, last, m.case)
    return None
