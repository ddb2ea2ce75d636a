"""One cue in its sentence: the Clause a construction reads, and the form of the cue's verb."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kg.extract.discourse import Discourse
from kg.extract.parties import Party
from kg.extract.reading import SentenceReading
from kg.extract.resolve import Resolution
from kg.lang.tr import Cue, Turkish
from kg.lang.tr.morphology import suffix_case
from kg.lang.tr.text import Token
from kg.model import Fact


@dataclass
class Clause:
    """One cue in its sentence: what a construction reads the cue's parties from."""

    reading: SentenceReading
    resolution: Resolution
    discourse: Discourse
    parties: Sequence[Party]
    cue: Cue
    start: int  # first token of the cue
    end: int  # one past its last token
    previous: Clause | None = None  # the cue before it in the sentence
    objects_read: list[Party] = field(default_factory=list)  # the objects found for it

    @property
    def lang(self) -> Turkish:
        return self.reading.lang

    @property
    def carried_actor(self) -> Party | None:
        """Who acts when the sentence names no one: the speaker inside a quotation, else the
        actor of the sentences before."""
        return self.discourse.actor_at(self.reading.tokens[self.start].start)


Construction = Callable[[Clause], list[Fact]]
ANY_FORM = "*"


def verb_form(clause: Clause) -> str:
    """How the cue's verb is inflected, which says where its actor is written:
    "first_person" ("teşekkür ediyorum": the speaker of a quote), "nominalised" ("katkı
    sunduğunu": the actor in the genitive), "participle" ("teşekkür eden Başkan X": the actor
    after it) or "finite" (the nominative subject before it)."""
    tokens, lang, end = clause.reading.tokens, clause.lang, clause.end
    if _is_intention(tokens[end - 1], lang):
        return "intention"
    if is_first_person(tokens[end - 1 : end + 1], lang):
        return "first_person"
    if _ends_with(tokens[end - 1], lang.second_person_endings):
        return "second_person"
    if is_nominalised(tokens[end - 1], lang):
        return "nominalised"
    if is_participle(tokens[end - 1], lang):
        return "participle"
    return "finite"


def genitive_word_between(clause: Clause, start: int, end: int) -> bool:
    """Whether a word in the genitive that names no party stands among tokens start..end
    ("Başkan'ın ... yaptığı ziyarette": the actor is that title's holder)."""
    tokens, lang = clause.reading.tokens, clause.lang
    named = {i for p in clause.parties for i in range(p.index, p.end)}
    return any(
        suffix_case(tokens[i].suffix, lang) == "gen"
        for i in range(start, end)
        if i not in named and tokens[i].suffix
    )


# --- verb forms ------------------------------------------------------------------------------


def is_first_person(tokens: Sequence[Token], lang: Turkish) -> bool:
    """Whether the cue's last word, or a light verb right after it ("teşekkürler ederim"), is in
    the first person; "teşekkür plaketi takdim etti" is not ("takdim" only ends like "-dim")."""
    return any(
        t.key.endswith(lang.first_person_endings)
        for k, t in enumerate(tokens)
        if not t.suffix and (k == 0 or t.key.startswith((*lang.light_verbs, *lang.auxiliaries)))
    )


def _ends_with(token: Token, endings: tuple[str, ...]) -> bool:
    return not token.suffix and token.key.endswith(endings)


def _is_intention(token: Token, lang: Turkish) -> bool:
    """A meant act: an infinitive or necessity ending, or the future suffix anywhere after the
    verb's stem ("destek olacağız", "destek vereceklerini")."""
    key = token.key
    return not token.suffix and (
        key.endswith(lang.intention_endings) or any(m in key[2:] for m in lang.intention_infixes)
    )


def is_nominalised(token: Token, lang: Turkish) -> bool:
    return not token.suffix and token.key.endswith(lang.nominalised_endings)


def is_participle(token: Token, lang: Turkish) -> bool:
    return not token.suffix and any(
        token.key.endswith(e) and len(token.key) >= len(e) + 2 for e in lang.participle_endings
    )
