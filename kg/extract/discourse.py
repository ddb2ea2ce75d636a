"""What an article has said before a sentence that the sentence leans on: who holds which role,
whose subject a sentence without one carries on, who is speaking inside quotation marks, whom a
pronoun ("kendilerine", "bize") stands for."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import PERSON, Entity, Fact

if TYPE_CHECKING:
    from kg.extract.parties import Party

ROLE_PREDICATES = ("headOf", "memberOf")  # a person's body: the one they head, else belong to
_QUOTE_MARK = re.compile('["“”«»]')
_OPENING = "“«"
_CLOSING = "”»"


@dataclass
class Discourse:
    """The article's state while its sentences are read in order."""

    bodies: dict[str, str] = field(default_factory=dict)  # person -> their organisation
    head_of_body: dict[str, str] = field(default_factory=dict)  # organisation -> its head
    entity_types: dict[str, str] = field(default_factory=dict)  # entity name -> its type
    heads: list[str] = field(default_factory=list)  # people heading a body, in text order
    quotes: list[tuple[int, int]] = field(default_factory=list)  # quoted spans of the text
    subject: Party | None = None  # the actor of the last sentence that named one
    delegation: str | None = None  # the body whose delegation the article last named
    speaker: Party | None = None  # who speaks in the quotation open at this point
    quote_end: int = -1  # where that quotation closes
    events: list[Fact] = field(default_factory=list)  # the event facts read so far
    pending: list = field(default_factory=list)  # passives whose actor only the article tells

    @classmethod
    def of(cls, text: str, entities: Iterable[Entity], name_facts: Iterable[Fact]) -> Discourse:
        """The discourse of an article ``text`` with these entities, whose names and titles
        state ``name_facts``."""
        facts = list(name_facts)
        bodies: dict[str, str] = {}
        for predicate in ROLE_PREDICATES:
            for f in facts:
                if f.p == predicate:
                    bodies.setdefault(f.s, f.o)
        heads = list(dict.fromkeys(f.s for f in facts if f.p == "headOf"))
        types = {e.name: e.type for e in entities}
        head_of_body: dict[str, str] = {}
        for f in facts:
            if f.p == "headOf":
                head_of_body.setdefault(f.o, f.s)
        return cls(bodies, head_of_body, types, heads, quoted_spans(text))

    def enter(self, sentence_start: int, sentence_end: int, opener: Party | None) -> None:
        """Move to the next sentence: a quotation opening in it is spoken by ``opener`` (the
        sentence's subject before the quotation mark), else by the actor carried so far."""
        if sentence_start >= self.quote_end:
            self.speaker = None
        k = bisect_left(self.quotes, (sentence_start, -1))
        for start, end in self.quotes[k:]:
            if start >= sentence_end:
                break
            if end > self.quote_end:
                self.speaker = opener or self.subject
                self.quote_end = end
                break

    def actor_at(self, offset: int) -> Party | None:
        """Who "I" and "we" are at a point of the text: the speaker inside a quotation, else the
        actor carried from the sentences before."""
        return self.speaker if self.in_quote(offset) else self.subject

    def in_quote(self, offset: int) -> bool:
        """Whether a point of the text lies inside the quotation of the current speaker."""
        return self.speaker is not None and offset < self.quote_end

    def referent(self, refers_to: str, actor: Party) -> str | None:
        """The entity a pronoun stands for, seen from ``actor`` (pronouns.tsv, refers_to)."""
        side = {actor.name, self.body_of(actor)}
        if refers_to == "speaker_side":
            return self.body_of(actor)
        if refers_to == "counterpart":
            return self.counterpart_of(side)
        if refers_to == "head":
            return self.last_head_besides(side)
        if refers_to == "delegation":
            return self.delegation
        return None

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The quoted span that contains ``offset``, if any."""
        k = bisect_right(self.quotes, (offset, float("inf"))) - 1
        if k >= 0 and self.quotes[k][0] <= offset < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def body_of(self, party: Party) -> str:
        """The organisation a person party speaks for ("bize": the speaker's body), else itself."""
        if party.mention.type == PERSON:
            return self.bodies.get(party.name, party.name)
        return party.name

    def body_of_name(self, name: str) -> str:
        """The organisation a person of this name speaks for, else the name itself."""
        return self.bodies.get(name, name) if self.entity_types.get(name) == PERSON else name

    def counterpart_of(self, names: set[str]) -> str | None:
        """The other side of the last visit one of ``names`` took part in ("kendilerine
        teşekkür ederim": the host thanks the visitor, the visitor the host)."""
        for f in reversed(self.events):
            if f.p != "visited":
                continue
            if f.s in names:
                return f.o
            if f.o in names:
                return f.s
        return None

    def last_head_besides(self, names: set[str]) -> str | None:
        """The last person named as a body's head who is not one of ``names`` ("başkanımıza")."""
        return next((h for h in reversed(self.heads) if h not in names), None)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in a text: “...”, «...» and "..." pairs; one left open runs
    to the end of its paragraph."""
    spans = []
    start = None
    straight = False
    for m in _QUOTE_MARK.finditer(text):
        mark = m.group()
        if start is None:
            if mark in _CLOSING:
                continue
            start, straight = m.start(), mark == '"'
        elif (mark == '"') == straight and mark not in _OPENING:
            spans.append((start, m.end()))
            start = None
    if start is not None:
        paragraph_end = text.find("\n\n", start)
        spans.append((start, len(text) if paragraph_end < 0 else paragraph_end))
    return spans
