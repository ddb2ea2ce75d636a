"""The facts a construction states once it has read its subjects and objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from kg.extract.parties import Party
from kg.extract.reading import SentenceReading
from kg.extract.relations.clause import Clause
from kg.model import PERSON, PLACE, Fact, Mention
from kg.vocab import SYMMETRIC_PREDICATES


def as_bodies(clause: Clause, group: Sequence[Party]) -> list[Party]:
    """Guideline rule 13: three or more named people who all hold roles in one named body act as
    that body; people of different bodies act each for themselves."""
    if len(group) < 3 or any(p.mention.type != PERSON for p in group):
        return list(group)
    bodies = {clause.discourse.bodies.get(p.name) for p in group}
    if len(bodies) != 1 or None in bodies:
        return list(group)
    return [group[0]._replace(name=cast(str, bodies.pop()), end=group[-1].end)]  # None not in it


def among(clause: Clause, group: Sequence[Party], confidence: float) -> list[Fact]:
    """A symmetric relation among every pair of a coordinated group ("A, B ve C protokol imzaladı")."""
    group = as_bodies(clause, group)
    predicate, reading, end = clause.cue.predicate, clause.reading, clause.end
    facts = []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            facts.extend(pair_facts(reading, [a], predicate, [b], end, confidence))
    return facts


def _within(mention: Mention, reading: SentenceReading) -> bool:
    sentence = reading.sentence
    return sentence.start <= mention.start and mention.end <= sentence.end


def pair_facts(
    reading: SentenceReading,
    subjects: Sequence[Party],
    predicate: str,
    objects: Sequence[Party],
    cue_end: int,
    confidence: float,
) -> list[Fact]:
    facts = []
    tokens = reading.tokens
    last_cue_token = tokens[min(cue_end, len(tokens)) - 1]
    symmetric = predicate in SYMMETRIC_PREDICATES
    for s in subjects:
        for o in objects:
            if (
                s.name == o.name
                or s.mention.type == PLACE
                or (symmetric and o.mention.type == PLACE)
            ):
                continue  # events are acts of people and bodies (vocab.PARTY_TYPES)
            # a party carried from an earlier sentence is not part of this one's evidence
            spans = [p.mention for p in (s, o) if p.index >= 0 and _within(p.mention, reading)]
            first = min((m.start for m in spans), default=last_cue_token.start)
            last = max([last_cue_token.end, *(m.end for m in spans)])
            offset = reading.sentence.start
            evidence = reading.sentence.text[first - offset : last - offset]
            a, b = (s.name, o.name)
            if predicate in SYMMETRIC_PREDICATES:
                a, b = sorted((a, b))
            facts.append(Fact(a, predicate, b, evidence, first, last, confidence))
    return facts
