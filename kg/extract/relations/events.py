"""A sentence's event facts: each cue read by the construction CONSTRUCTIONS names for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.cues import find_cues
from kg.extract.discourse import Discourse
from kg.extract.parties import SUBJECT_CASES, Party
from kg.extract.reading import SentenceReading
from kg.extract.relations.clause import ANY_FORM, Clause, Construction, verb_form
from kg.extract.relations.nouns import joint, means, noun_form, sister
from kg.extract.relations.quotes import quote_opener
from kg.extract.relations.verbs import (
    SUPPORTED,
    finite,
    first_person,
    intention,
    nominalised,
    participle,
    passive,
    second_person,
)
from kg.extract.resolve import Resolution
from kg.extract.sentence_parties import pronoun_parties, sentence_parties
from kg.lang.tr import Cue
from kg.model import PLACE, Fact

SIGNED = "signedAgreementWith"


def read_events(
    reading: SentenceReading, resolution: Resolution, discourse: Discourse
) -> list[Fact]:
    """Event facts of one sentence, read in the article's discourse, which it then moves on.

    Each cue is read by the construction ``CONSTRUCTIONS`` names for its voice and verb form."""
    parties = sentence_parties(reading, resolution, discourse)
    discourse.enter(reading.sentence.start, reading.sentence.end, quote_opener(reading, parties))
    pronouns = pronoun_parties(reading, discourse, parties)
    if pronouns:
        parties = sorted([*parties, *pronouns], key=lambda p: p.index)
    facts: list[Fact] = []
    if parties:  # every relation needs at least one party named in the sentence
        cues = find_cues(reading)
        previous = None
        qualifier = None
        for k, (start, end, cue) in enumerate(cues):
            if _qualifies_next(cue, cues[k + 1 : k + 2], end, parties):
                qualifier = cue
                continue  # "iş birliği protokolü imzalandı": read with the signing below
            if qualifier is None and _qualified_by_next(cue, cues[k + 1 : k + 2], end, parties):
                qualifier = cues[k + 1][2]
            clause = Clause(reading, resolution, discourse, parties, cue, start, end, previous)
            previous = clause
            construction = CONSTRUCTIONS.get((cue.voice, ANY_FORM))
            if construction is None:
                construction = CONSTRUCTIONS[(cue.voice, verb_form(clause))]
            found = construction(clause)
            if cue.predicate == THANKED:
                found += _acts_thanked_for(clause, found)
            if qualifier is not None and cue.predicate == SIGNED:
                found += [replace(f, p=qualifier.predicate) for f in found]
                qualifier = None
            elif qualifier is not None and qualifier is cue:
                qualifier = None  # the signing it qualified came first: read it alone too
            facts.extend(found)
    # the sentence's actor, for a later sentence that drops its subject
    discourse.subject = next(
        (p for p in parties if p.mention.type != PLACE and p.case in SUBJECT_CASES),
        discourse.subject,
    )
    discourse.events.extend(facts)
    return facts


MAX_QUALIFIER_GAP = 4  # "kardeş şehir protokolüne imza attı": words between the two cues


def _qualifies_next(
    cue: Cue, following: Sequence[tuple[int, int, Cue]], end: int, parties: Sequence[Party]
) -> bool:
    """Guideline rule 15: a joint or sister cue right before a signing ("iş birliği protokolü
    imzalandı", "kardeş şehir protokolüne imza attı") says what the signed protocol states: the
    signing parties also cooperate."""
    if cue.voice not in ("joint", "sister") or not following:
        return False
    start, _, signing = following[0]
    return signing.predicate == SIGNED and _adjacent(end, start, parties)


def _qualified_by_next(
    cue: Cue, following: Sequence[tuple[int, int, Cue]], end: int, parties: Sequence[Party]
) -> bool:
    """The same with the joint cue after the signing: "arasında imzalanan kardeş şehir
    protokolü"."""
    if cue.predicate != SIGNED or not following:
        return False
    start, _, qualifier = following[0]
    return qualifier.voice in ("joint", "sister") and _adjacent(end, start, parties)


def _adjacent(end: int, start: int, parties: Sequence[Party]) -> bool:
    return 0 <= start - end <= MAX_QUALIFIER_GAP and not any(
        end <= p.index < start for p in parties
    )


THANKED = "thanked"
REASON_WINDOW = 8  # "X'e verdikleri destek ve katkılardan dolayı teşekkür etti"


def _acts_thanked_for(clause: Clause, thanks: list[Fact]) -> list[Fact]:
    """Guideline rule 18: the reason given for thanks is an act too ("desteklerinden dolayı
    teşekkür etti": the thanked supported the thanker's side; "misafirperverlikleri için": the
    thanker visited the thanked)."""
    if not thanks:
        return []
    reason = _reason_before(clause.reading, clause.start)
    if reason is None:
        return []
    predicate, reverse = reason
    discourse = clause.discourse
    acts = []
    for f in thanks:
        if reverse:
            acts.append(replace(f, p=predicate))
        else:
            receiver = discourse.body_of_name(f.s) if predicate == SUPPORTED else f.s
            if receiver != f.o:
                acts.append(replace(f, s=f.o, p=predicate, o=receiver))
    return acts


def _reason_before(reading: SentenceReading, start: int) -> tuple[str, bool] | None:
    """(predicate, reverse) of a reason noun followed by "dolayı/için/ötürü" before a cue."""
    tokens, lang = reading.tokens, reading.lang
    for i in range(max(0, start - REASON_WINDOW), start - 1):
        if lang.function_words.get(tokens[i + 1].key) != "reason" and not (
            i + 2 < start and lang.function_words.get(tokens[i + 2].key) == "reason"
        ):
            continue
        for stems, predicate, reverse in lang.reasons:
            n = len(stems)
            words = tokens[i - n + 1 : i + 1] if i - n + 1 >= 0 else []
            if len(words) == n and all(
                w.key.startswith(stem) for w, stem in zip(words, stems, strict=True)
            ):
                return predicate, reverse
    return None


# Which construction reads a cue, by the cue's voice (cues.tsv) and its verb's form (verb_form):
# a new construction is one function (in verbs.py or nouns.py) and one row here.
CONSTRUCTIONS: dict[tuple[str, str], Construction] = {
    ("active", "finite"): finite,
    ("active", "first_person"): first_person,
    ("active", "intention"): intention,
    ("active", "second_person"): second_person,
    ("active", "nominalised"): nominalised,
    ("active", "participle"): participle,
    ("passive", ANY_FORM): passive,
    ("noun", ANY_FORM): noun_form,
    ("joint", ANY_FORM): joint,
    ("sister", ANY_FORM): sister,
    ("means", ANY_FORM): means,
}
