"""Constructions of verb cues: active by the verb's form (finite, person, participle, ...), passive."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.parties import (
    Party,
    led_by_group_noun,
    listed_before,
    objects_before,
    subjects_before,
    with_conjuncts,
)
from kg.extract.reading import SentenceReading
from kg.extract.relations.clause import (
    Clause,
    genitive_word_between,
    is_first_person,
    is_participle,
    verb_form,
)
from kg.extract.relations.facts import among, as_bodies, pair_facts
from kg.extract.relations.nouns import between_group
from kg.extract.relations.quotes import quotation_start
from kg.lang.tr.text import is_capitalised
from kg.model import PLACE, Fact, Mention
from kg.vocab import SYMMETRIC_PREDICATES

ACTIVE_CONFIDENCE = 0.85  # subject and object both in the sentence, object in the cue's case
CARRIED_SUBJECT_CONFIDENCE = 0.6  # subject dropped, taken from the sentence before
SPEAKER_CONFIDENCE = 0.65  # "teşekkür ediyorum" inside a quotation: its speaker
AGENT_CONFIDENCE = 0.85  # passive with "X tarafından"
CONTEXT_AGENT_CONFIDENCE = 0.55  # passive whose actor is the host of the article's visit
LOOSE_CONFIDENCE = 0.6  # cues that name no case ("iş birliği"): the sentence's other party
OBJECT_CASES_OF_LOOSE_CUES = frozenset({"dat", "acc", "ins"})
VERBAL = frozenset({"active", "passive"})  # voices of a cue that is a verb with a clause of its own
SUPPORTED = "supported"
# a meeting is between the subject's side and the partners': partners met together did not meet
# each other (an agreement or a joint act binds every party named)
SIDED = frozenset({"metWith"})
# rule 18: support wished or promised gives nothing; a visit or a meeting planned ("ziyaret
# edecek", "görüşmek istiyoruz") has not happened
STATED_ONLY = frozenset({SUPPORTED, "visited", "metWith"})


@dataclass(frozen=True)
class PendingPassive:
    """A passive cue whose actor the sentence does not name ("... teşekkür edildi")."""

    predicate: str
    objects: tuple[Party, ...]
    reading: SentenceReading
    cue_end: int


# --- constructions: one function per voice and verb form -------------------------------------


def finite(clause: Clause) -> list[Fact]:
    """ "X, Y'yi ziyaret etti": the nominative subject before the cue acts; inside a quotation
    that opens in the sentence, the subject is sought in the quotation ("Başkan A, “X bize
    destek oldu” dedi": X)."""
    objects = _objects(clause)
    reading, parties = clause.reading, clause.parties
    quoted = quotation_start(clause)
    subjects = quoted and subjects_before(
        reading, parties, limit=clause.start, exclude=objects, after=quoted
    )
    if not subjects:
        subjects = subjects_before(reading, parties, limit=clause.start, exclude=objects)
    return _active_facts(clause, subjects, objects)


def intention(clause: Clause) -> list[Fact]:
    """ "katkı sağlamak amacıyla", "destek olacağız": a meant act. Support meant is not support
    given (guideline rule 18); other acts are read as stated ("teşekkür etmek istiyorum")."""
    if clause.cue.predicate in STATED_ONLY:
        return []
    return finite(clause)


def first_person(clause: Clause) -> list[Fact]:
    """ "teşekkür ediyorum": the speaker of the quote acts, or the side they speak for when the
    sentence says so ("X olarak ziyaret ettik")."""
    sides = [p for p in clause.parties if p.case == "as" and p.end <= clause.start]
    # "A, B ve C Belediyeleri olarak imzaladık": every body listed speaks
    sides = listed_before(clause.reading, clause.parties, sides[-1].end) if sides else []
    return _active_facts(clause, sides, _objects(clause), first_person=True)


def second_person(clause: Clause) -> list[Fact]:
    """ "bize destek oldunuz": the one the speaker addresses acts, the other side of the
    speaker's visit."""
    discourse, reading = clause.discourse, clause.reading
    speaker = clause.carried_actor
    addressee = discourse.referent("counterpart", speaker) if speaker is not None else None
    kind = discourse.entity_types.get(addressee) if addressee else None
    if kind is None or addressee is None:
        return []
    cue_token = reading.tokens[clause.end - 1]
    mention = Mention(cue_token.text, cue_token.start, cue_token.end, kind, addressee)
    actor = Party(addressee, mention, clause.end - 1, clause.end, "nom")
    return _active_facts(clause, [actor], _objects(clause))


def nominalised(clause: Clause) -> list[Fact]:
    """ "X'in ... katkı sunduğunu belirtti", "A ve B'nin imza attığı protokol": the genitive
    before the cue acts, with the names listed with it."""
    objects = _objects(clause) or _described_after(clause)
    actors = [
        p
        for p in clause.parties
        if p.end <= clause.start and p.mention.case == "gen" and p not in objects
    ]
    subjects = with_conjuncts(clause.reading, clause.parties, actors[-1]) if actors else []
    reading = clause.reading
    if not subjects and reading.tokens[clause.end - 1].key.endswith(clause.lang.complement_endings):
        # "X, Y'yi desteklediğini açıkladı": a clause said by the main verb's subject, whose
        # actor is that subject when no genitive names another ("Başkan'ın ... ağırladığını")
        subjects = subjects_before(reading, clause.parties, limit=clause.start, exclude=objects)
        if subjects and genitive_word_between(clause, subjects[-1].end, clause.start):
            subjects = []
    # "ağırladıkları için": a nominalised verb's own ending says who acts; it is not the
    # speaker's unless it says "we" ("ziyaret ettiğimiz")
    carry = is_first_person(clause.reading.tokens[clause.end - 1 : clause.end], clause.lang)
    return _active_facts(clause, subjects, objects, first_person=carry, carry=carry)


def participle(clause: Clause) -> list[Fact]:
    """ "teşekkür eden Başkan X": the party after the participle acts, whatever case its own
    clause gives it ("desteğini esirgemeyen Başkan X'e teşekkür etti")."""
    reading, parties = clause.reading, clause.parties
    objects = _objects(clause)
    subjects = _head_of_participle(clause, objects)
    if not subjects and not objects and clause.cue.predicate in SYMMETRIC_PREDICATES:
        # "A ile B arasında imzalanan protokol": the parties stand before the participle
        subjects = subjects_before(reading, parties, limit=clause.start, exclude=objects)
    return _active_facts(clause, subjects, objects)


def _head_of_participle(clause: Clause, objects: Sequence[Party]) -> list[Party]:
    """The party a participle describes: the name right after it, past its title's words ("...
    eden Kula Belediye Başkanı Ali Er"), with the names listed with it."""
    reading = clause.reading
    tokens = reading.tokens
    for p in clause.parties:
        if p.index < clause.end or p in objects or p.mention.type == PLACE:
            continue
        between = tokens[clause.end : p.index]
        if all(t.is_word and is_capitalised(t.base) and not t.suffix for t in between):
            return [p, *_listed_after(reading, clause.parties, p)]
        return []
    return []


def _listed_after(reading: SentenceReading, parties: Sequence[Party], first: Party) -> list[Party]:
    """The parties listed after ``first`` by "ve" ("... eden A ve B")."""
    listed = []
    last = first
    for p in parties:
        if p.index < last.end:
            continue
        between = reading.tokens[last.end : p.index]
        if len(between) != 1 or reading.lang.function_words.get(between[0].key) != "conjunction":
            break
        listed.append(p)
        last = p
    return listed


def _active_facts(
    clause: Clause,
    subjects: list[Party],
    objects: list[Party],
    *,
    first_person: bool = False,
    carry: bool = True,
) -> list[Fact]:
    """Facts of an active cue once its subjects and objects are read."""
    reading, cue = clause.reading, clause.cue
    confidence = ACTIVE_CONFIDENCE if cue.object_case != "any" else LOOSE_CONFIDENCE
    carried = clause.carried_actor if carry else None
    speaking = carried is not None and clause.discourse.speaker is carried
    if not subjects and carried is not None and (speaking or first_person):
        # a sentence naming no actor is the speaker's inside a quotation; outside one, only a
        # verb in the first person carries the last actor over (a third-person verb without a
        # named subject mostly has a common-noun one: "belediye başkanları da destek verdi")
        subjects = [carried]
        confidence = min(confidence, SPEAKER_CONFIDENCE if speaking else CARRIED_SUBJECT_CONFIDENCE)
    if cue.predicate in SYMMETRIC_PREDICATES and not subjects:
        return []  # "A, B ve C ile görüştü": the partners did not meet each other
    if cue.predicate in SIDED and objects:
        # "A, B ve C ile görüştü": A met each of them, they did not meet each other
        return pair_facts(
            reading, as_bodies(clause, subjects), cue.predicate, objects, clause.end, confidence
        )
    if cue.predicate in SYMMETRIC_PREDICATES and (
        len(subjects) + len(objects) > 2 or (len(subjects) == 2 and not objects)
    ):  # "A ve B bir araya geldi", "A, B ve C protokol imzaladı"
        return among(clause, [*subjects, *objects], confidence)
    if cue.reverse:
        # a host receives people, not what they own: "X'in ihtiyaçlarını karşıladı" met needs;
        # "X'in heyetini ağırladı" receives X's people
        objects = [
            o for o in objects if o.mention.case != "gen" or led_by_group_noun(clause.reading, o)
        ]
        subjects, objects = objects, subjects
    subjects = as_bodies(clause, subjects)  # "A, B ve C başkanları D'yi ziyaret etti"
    return pair_facts(reading, subjects, cue.predicate, objects, clause.end, confidence)


def passive(clause: Clause) -> list[Fact]:
    """ "Y'ye X tarafından teşekkür edildi"; with no "tarafından", the actor is left pending."""
    reading, parties, cue, start, end = (
        clause.reading,
        clause.parties,
        clause.cue,
        clause.start,
        clause.end,
    )
    agents = [p for p in parties if p.case == "by" and p.index < start]
    if cue.object_case == "acc":  # the accusative object is the passive's subject
        objects = subjects_before(reading, parties, limit=start, exclude=agents)
    else:
        objects = _objects(clause)
    if not objects and is_participle(reading.tokens[end - 1], clause.lang):
        objects = _described_after(clause)  # "X tarafından desteklenen Y"
    if cue.reverse:
        return pair_facts(reading, objects, cue.predicate, agents, end, AGENT_CONFIDENCE)
    if cue.predicate in SYMMETRIC_PREDICATES:
        return _signed_between(clause, agents, objects)
    confidence = AGENT_CONFIDENCE
    if not agents and objects:
        agents = _agent_of_the_same_act(clause, objects)
        confidence = CONTEXT_AGENT_CONFIDENCE
    if not agents and objects:
        clause.discourse.pending.append(PendingPassive(cue.predicate, tuple(objects), reading, end))
    return pair_facts(reading, agents, cue.predicate, objects, end, confidence)


def _agent_of_the_same_act(clause: Clause, objects: list[Party]) -> list[Party]:
    """ "X de programa davet edildi": "also" says the act is the one stated before, by the same
    actor (the last fact of this predicate in the article)."""
    tokens, lang = clause.reading.tokens, clause.lang
    after = objects[-1].end
    if after >= len(tokens) or lang.function_words.get(tokens[after].key) != "also":
        return []
    before = next(
        (f for f in reversed(clause.discourse.events) if f.p == clause.cue.predicate), None
    )
    kind = clause.discourse.entity_types.get(before.s) if before is not None else None
    if kind is None or before is None:
        return []
    mention = Mention(before.s, -1, -1, kind, before.s)
    return [Party(before.s, mention, -1, -1, "by")]


def _signed_between(clause: Clause, agents: list[Party], partners: list[Party]) -> list[Fact]:
    """A passive symmetric act among the parties the sentence names as its sides: "A ile B
    arasında protokol imzalandı", "A tarafından B ile ...", "A, B ile protokol imzalandı"."""
    others = subjects_before(
        clause.reading, clause.parties, limit=clause.start, exclude=[*agents, *partners]
    )
    group = between_group(clause) or [*agents, *others, *partners]
    return among(clause, group, ACTIVE_CONFIDENCE) if len(group) > 1 else []


def _described_after(clause: Clause) -> list[Party]:
    """The party a relative clause describes, right after its verb ("X'in desteklediği Y
    Derneği", "X tarafından desteklenen Y"); none after a noun clause that is an object itself
    ("desteklediğini açıkladı")."""
    verb = clause.reading.tokens[clause.end - 1]
    if verb.key.endswith(clause.lang.complement_endings):
        return []
    after = [p for p in clause.parties if p.index == clause.end and p.mention.type != PLACE]
    return after[:1]


def resolve_passives(pending: Sequence[PendingPassive], host: str | None) -> list[Fact]:
    """Passive thanks with no named actor are the host's: the party the article's visit went to."""
    facts = []
    for passive in pending:
        if host is None:
            continue
        objects = [p for p in passive.objects if p.name != host]
        first = passive.objects[0]
        actor = Party(host, first.mention, -1, -1, "nom")
        facts.extend(
            pair_facts(
                passive.reading,
                [actor],
                passive.predicate,
                objects,
                passive.cue_end,
                CONTEXT_AGENT_CONFIDENCE,
            )
        )
    return facts


# --- parties ---------------------------------------------------------------------------------


def _objects(clause: Clause) -> list[Party]:
    """The other parties of a cue: those before it in its case, with their conjuncts; with none,
    those of the cue before it when no party stands between them ("X'i ziyaret ederek
    günlerini kutladı": X is congratulated too)."""
    cue = clause.cue
    previous = clause.previous if _closes_a_clause(clause.previous) else None
    if cue.object_case == "any":
        found = objects_before(
            clause.reading, clause.parties, clause.start, OBJECT_CASES_OF_LOOSE_CUES, anywhere=True
        )
    else:
        # up to the verb: "ziyaretimizi Kula Belediyesi'ne gerçekleştirdik"
        cases = frozenset(cue.object_case.split("|"))
        found = objects_before(clause.reading, clause.parties, clause.end - 1, cases)
        if found and previous is not None and found[-1].end <= previous.start:
            found = []  # the case-marked party belongs to an earlier verb's clause
    if (
        not found
        and previous is not None
        and previous.objects_read
        and not any(previous.end <= p.index < clause.start for p in clause.parties)
    ):
        found = previous.objects_read
    clause.objects_read = found
    return found


def _closes_a_clause(clause: Clause | None) -> bool:
    """Whether a cue is a verb ending a clause of its own ("ziyaret ederek", "ziyaret etti"),
    not a noun or a clause inside another ("ağırladıkları için", "ziyaret eden")."""
    return (
        clause is not None
        and clause.cue.voice in VERBAL
        and (clause.cue.voice != "active" or verb_form(clause) in ("finite", "first_person"))
    )
