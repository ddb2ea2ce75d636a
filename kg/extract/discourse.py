"""What an article has said before a sentence that the sentence leans on: who holds which role,
whose subject a sentence without one carries on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.model import Fact

ROLE_PREDICATES = ("headOf", "memberOf")  # a person's body: the one they head, else belong to


@dataclass
class Discourse:
    """The article's state while its sentences are read in order."""

    bodies: dict[str, str] = field(default_factory=dict)  # person -> their organisation

    @classmethod
    def of(cls, name_facts: Iterable[Fact]) -> Discourse:
        """The discourse of an article whose names and titles state ``name_facts``."""
        facts = list(name_facts)
        bodies: dict[str, str] = {}
        for predicate in ROLE_PREDICATES:
            for f in facts:
                if f.p == predicate:
                    bodies.setdefault(f.s, f.o)
        return cls(bodies)
