"""Event relations (visited, thanked, ...) from cue phrases: each cue is read by the construction
its voice and verb form call for, with the parties' parts read from their cases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from kg.extract.cues import find_cues
from kg.extract.discourse import Discourse
from kg.extract.parties import (
    SUBJECT_CASES,
    Party,
    after_acronym,
    listed_before,
    objects_before,
    subjects_before,
    with_conjuncts,
)
from kg.extract.reading import SentenceReading
from kg.extract.resolve import Resolution
from kg.extract.sentence_parties import pronoun_parties, sentence_parties
from kg.lang.tr import Cue, Turkish
from kg.lang.tr.morphology import group_noun, suffix_case
from kg.lang.tr.text import Token, is_capitalised
from kg.model import PERSON, PLACE, Fact, Mention
from kg.vocab import SYMMETRIC_PREDICATES

ACTIVE_CONFIDENCE = 0.85  # subject and object both in the sentence, object in the cue's case
CARRIED_SUBJECT_CONFIDENCE = 0.6  # subject dropped, taken from the sentence before
SPEAKER_CONFIDENCE = 0.65  # "teşekkür ediyorum" inside a quotation: its speaker
NOUN_CONFIDENCE = 0.75  # headline form "X'den Y'ye ziyaret"
AGENT_CONFIDENCE = 0.85  # passive with "X tarafından"
CONTEXT_AGENT_CONFIDENCE = 0.55  # passive whose actor is the host of the article's visit
LOOSE_CONFIDENCE = 0.6  # cues that name no case ("iş birliği"): the sentence's other party

OBJECT_CASES_OF_LOOSE_CUES = frozenset({"dat", "acc", "ins"})
COMITATIVE = frozenset({"ins"})
VERBAL = frozenset({"active", "passive"})  # voices of a cue that is a verb with a clause of its own
SUPPORTED = "supported"
# a meeting is between the subject's side and the partners': partners met together did not meet
# each other (an agreement or a joint act binds every party named)
SIDED = frozenset({"metWith"})
SIGNED = "signedAgreementWith"
# rule 18: support wished or promised gives nothing; a visit or a meeting planned ("ziyaret
# edecek", "görüşmek istiyoruz") has not happened
STATED_ONLY = frozenset({SUPPORTED, "visited", "metWith"})
JOINT_CONFIDENCE = 0.75  # a joint act among parties the sentence pairs explicitly
MEANS_CONFIDENCE = 0.7  # "X'in desteğiyle": the receiver is the sentence's actor
QUOTE_OPENERS = frozenset('"“«')
QUOTE_CLOSERS = frozenset('"”»')


@dataclass(frozen=True)
class PendingPassive:
    """A passive cue whose actor the sentence does not name ("... teşekkür edildi")."""

    predicate: str
    objects: tuple[Party, ...]
    reading: SentenceReading
    cue_end: int


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
    if _is_first_person(tokens[end - 1 : end + 1], lang):
        return "first_person"
    if _ends_with(tokens[end - 1], lang.second_person_endings):
        return "second_person"
    if _is_nominalised(tokens[end - 1], lang):
        return "nominalised"
    if _is_participle(tokens[end - 1], lang):
        return "participle"
    return "finite"


def read_events(
    reading: SentenceReading, resolution: Resolution, discourse: Discourse
) -> list[Fact]:
    """Event facts of one sentence, read in the article's discourse, which it then moves on.

    Each cue is read by the construction ``CONSTRUCTIONS`` names for its voice and verb form."""
    parties = sentence_parties(reading, resolution, discourse)
    discourse.enter(reading.sentence.start, reading.sentence.end, _quote_opener(reading, parties))
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


def _quote_opener(reading: SentenceReading, parties: Sequence[Party]) -> Party | None:
    """The subject written before the first quotation mark of a sentence ("Başkan X, “...")."""
    if QUOTE_OPENERS.isdisjoint(reading.sentence.text):  # most sentences quote no one
        return None
    for i, token in enumerate(reading.tokens):
        if token.text in QUOTE_OPENERS:
            subjects = subjects_before(reading, parties, limit=i, exclude=())
            return subjects[0] if subjects else _speaker_after(reading, parties)
    return None


def _speaker_after(reading: SentenceReading, parties: Sequence[Party]) -> Party | None:
    """ "“...” diyen Başkan X": the speaker named after the quotation by a saying participle."""
    words = reading.lang.function_words
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if words.get(token.key) == "saying" and i and tokens[i - 1].text in QUOTE_CLOSERS:
            after = [p for p in parties if p.index > i and p.mention.type != PLACE]
            between = tokens[i + 1 : after[0].index] if after else ()
            if after and all(t.is_word and is_capitalised(t.base) for t in between):
                return after[0]
    return None


# --- constructions: one function per voice and verb form -------------------------------------


def _finite(clause: Clause) -> list[Fact]:
    """ "X, Y'yi ziyaret etti": the nominative subject before the cue acts; inside a quotation
    that opens in the sentence, the subject is sought in the quotation ("Başkan A, “X bize
    destek oldu” dedi": X)."""
    objects = _objects(clause)
    reading, parties = clause.reading, clause.parties
    quoted = _quotation_start(clause)
    subjects = quoted and subjects_before(
        reading, parties, limit=clause.start, exclude=objects, after=quoted
    )
    if not subjects:
        subjects = subjects_before(reading, parties, limit=clause.start, exclude=objects)
    return _active_facts(clause, subjects, objects)


def _quotation_start(clause: Clause) -> int:
    """The first token of the quotation the cue stands in, when it opens in this sentence."""
    reading = clause.reading
    quote = clause.discourse.quote_at(reading.tokens[clause.start].start)
    if quote is None or quote[0] < reading.sentence.start:
        return 0
    return reading.token_from(quote[0])


def _intention(clause: Clause) -> list[Fact]:
    """ "katkı sağlamak amacıyla", "destek olacağız": a meant act. Support meant is not support
    given (guideline rule 18); other acts are read as stated ("teşekkür etmek istiyorum")."""
    if clause.cue.predicate in STATED_ONLY:
        return []
    return _finite(clause)


def _first_person(clause: Clause) -> list[Fact]:
    """ "teşekkür ediyorum": the speaker of the quote acts, or the side they speak for when the
    sentence says so ("X olarak ziyaret ettik")."""
    sides = [p for p in clause.parties if p.case == "as" and p.end <= clause.start]
    # "A, B ve C Belediyeleri olarak imzaladık": every body listed speaks
    sides = listed_before(clause.reading, clause.parties, sides[-1].end) if sides else []
    return _active_facts(clause, sides, _objects(clause), first_person=True)


def _second_person(clause: Clause) -> list[Fact]:
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


def _nominalised(clause: Clause) -> list[Fact]:
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
        if subjects and _genitive_word_between(clause, subjects[-1].end, clause.start):
            subjects = []
    # "ağırladıkları için": a nominalised verb's own ending says who acts; it is not the
    # speaker's unless it says "we" ("ziyaret ettiğimiz")
    carry = _is_first_person(clause.reading.tokens[clause.end - 1 : clause.end], clause.lang)
    return _active_facts(clause, subjects, objects, first_person=carry, carry=carry)


def _participle(clause: Clause) -> list[Fact]:
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
        return _facts(
            reading, _as_bodies(clause, subjects), cue.predicate, objects, clause.end, confidence
        )
    if cue.predicate in SYMMETRIC_PREDICATES and (
        len(subjects) + len(objects) > 2 or (len(subjects) == 2 and not objects)
    ):  # "A ve B bir araya geldi", "A, B ve C protokol imzaladı"
        return _among(clause, [*subjects, *objects], confidence)
    if cue.reverse:
        # a host receives people, not what they own: "X'in ihtiyaçlarını karşıladı" met needs;
        # "X'in heyetini ağırladı" receives X's people
        objects = [o for o in objects if o.mention.case != "gen" or _led_by_group_noun(clause, o)]
        subjects, objects = objects, subjects
    subjects = _as_bodies(clause, subjects)  # "A, B ve C başkanları D'yi ziyaret etti"
    return _facts(reading, subjects, cue.predicate, objects, clause.end, confidence)


def _led_by_group_noun(clause: Clause, party: Party) -> bool:
    """Whether a party is followed by a noun for its people ("X'in heyetini", "X üyelerini")."""
    tokens = clause.reading.tokens
    end = after_acronym(clause.reading, party.end)
    return end < len(tokens) and group_noun(tokens[end].key, clause.lang) is not None


def _passive(clause: Clause) -> list[Fact]:
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
    if not objects and _is_participle(reading.tokens[end - 1], clause.lang):
        objects = _described_after(clause)  # "X tarafından desteklenen Y"
    if cue.reverse:
        return _facts(reading, objects, cue.predicate, agents, end, AGENT_CONFIDENCE)
    if cue.predicate in SYMMETRIC_PREDICATES:
        return _signed_between(clause, agents, objects)
    confidence = AGENT_CONFIDENCE
    if not agents and objects:
        agents = _agent_of_the_same_act(clause, objects)
        confidence = CONTEXT_AGENT_CONFIDENCE
    if not agents and objects:
        clause.discourse.pending.append(PendingPassive(cue.predicate, tuple(objects), reading, end))
    return _facts(reading, agents, cue.predicate, objects, end, confidence)


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
    group = _between_group(clause) or [*agents, *others, *partners]
    return _among(clause, group, ACTIVE_CONFIDENCE) if len(group) > 1 else []


def _noun_form(clause: Clause) -> list[Fact]:
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
    nominalised = bool(start) and _is_nominalised(reading.tokens[start - 1], reading.lang)
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
        and not _genitive_word_between(clause, 0, others[-1].index)
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
    return _facts(reading, actors[-1:], cue.predicate, others[-1:], end, NOUN_CONFIDENCE)


def _described_after(clause: Clause) -> list[Party]:
    """The party a relative clause describes, right after its verb ("X'in desteklediği Y
    Derneği", "X tarafından desteklenen Y"); none after a noun clause that is an object itself
    ("desteklediğini açıkladı")."""
    verb = clause.reading.tokens[clause.end - 1]
    if verb.key.endswith(clause.lang.complement_endings):
        return []
    after = [p for p in clause.parties if p.index == clause.end and p.mention.type != PLACE]
    return after[:1]


def _genitive_word_between(clause: Clause, start: int, end: int) -> bool:
    """Whether a word in the genitive that names no party stands among tokens start..end
    ("Başkan'ın ... yaptığı ziyarette": the actor is that title's holder)."""
    tokens, lang = clause.reading.tokens, clause.lang
    named = {i for p in clause.parties for i in range(p.index, p.end)}
    return any(
        suffix_case(tokens[i].suffix, lang) == "gen"
        for i in range(start, end)
        if i not in named and tokens[i].suffix
    )


def _place_compounded(clause: Clause) -> list[Party]:
    """The place or body a noun cue is compounded with, written right before it ("Van
    ziyaretleri", "Bakan X'in Kula Belediyesi ziyareti")."""
    return [p for p in clause.parties if p.end == clause.start and p.case == "nom"]


def _joint(clause: Clause) -> list[Fact]:
    """A joint undertaking ("iş birliği", "ortak proje") among the parties the sentence pairs:
    "A ile B arasında ...", "A, B ve C işbirliği ile", "A, B ile iş birliği yaptı"; nothing when
    it pairs none ("iş birliği önemlidir")."""
    reading, parties = clause.reading, clause.parties
    group = _between_group(clause) or _listed_right_before(clause)
    if len(group) >= 2:
        return _among(clause, group, JOINT_CONFIDENCE)
    partners = objects_before(reading, parties, clause.start, COMITATIVE)
    if not partners:
        return []
    actors = subjects_before(reading, parties, limit=partners[0].index, exclude=partners)
    if not actors and clause.carried_actor is not None:
        actors = [clause.carried_actor]
    return _among(clause, [*actors, *partners], JOINT_CONFIDENCE) if actors else []


def _sister(clause: Clause) -> list[Fact]:
    """ "kardeş belediye X", "kardeş şehir X": a sister tie between the actor's body and X's, or
    among the bodies the sentence pairs ("A ile B kardeş şehir oldu")."""
    reading, parties, discourse = clause.reading, clause.parties, clause.discourse
    partner = _named_right_after(clause)
    if partner is None:
        group = _between_group(clause) or _listed_right_before(clause)
        if len(group) < 2:
            partners = objects_before(reading, parties, clause.start, COMITATIVE)
            actors = subjects_before(reading, parties, limit=clause.start, exclude=partners)
            group = [*actors[:1], *partners] if partners else []
        bodies = [p._replace(name=discourse.body_of(p)) for p in group]
        return _among(clause, bodies, JOINT_CONFIDENCE) if len(bodies) >= 2 else []
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
    return _among(clause, pair, JOINT_CONFIDENCE)


MAX_MEANS_MODIFIERS = 3  # "maddi ve manevi desteğiyle"


def _means(clause: Clause) -> list[Fact]:
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
        return _among(clause, givers, MEANS_CONFIDENCE) if len(givers) > 1 else []
    receivers = [p for p in parties if p.case == "by"][:1] or subjects_before(
        reading, parties, limit=len(reading.tokens), exclude=givers
    )
    return _facts(reading, givers, clause.cue.predicate, receivers, clause.end, MEANS_CONFIDENCE)


def _between_group(clause: Clause) -> list[Party]:
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


def _as_bodies(clause: Clause, group: Sequence[Party]) -> list[Party]:
    """Guideline rule 13: three or more named people who all hold roles in one named body act as
    that body; people of different bodies act each for themselves."""
    if len(group) < 3 or any(p.mention.type != PERSON for p in group):
        return list(group)
    bodies = {clause.discourse.bodies.get(p.name) for p in group}
    if len(bodies) != 1 or None in bodies:
        return list(group)
    return [group[0]._replace(name=cast(str, bodies.pop()), end=group[-1].end)]  # None not in it


def _among(clause: Clause, group: Sequence[Party], confidence: float) -> list[Fact]:
    """A symmetric relation among every pair of a coordinated group ("A, B ve C protokol imzaladı")."""
    group = _as_bodies(clause, group)
    predicate, reading, end = clause.cue.predicate, clause.reading, clause.end
    facts = []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            facts.extend(_facts(reading, [a], predicate, [b], end, confidence))
    return facts


# --- verb forms ------------------------------------------------------------------------------


def _is_first_person(tokens: Sequence[Token], lang: Turkish) -> bool:
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


def _is_nominalised(token: Token, lang: Turkish) -> bool:
    return not token.suffix and token.key.endswith(lang.nominalised_endings)


def _is_participle(token: Token, lang: Turkish) -> bool:
    return not token.suffix and any(
        token.key.endswith(e) and len(token.key) >= len(e) + 2 for e in lang.participle_endings
    )


# --- facts -----------------------------------------------------------------------------------


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


# Which construction reads a cue, by the cue's voice (cues.tsv) and its verb's form (verb_form):
# a new construction is one function and one row here.
CONSTRUCTIONS: dict[tuple[str, str], Construction] = {
    ("active", "finite"): _finite,
    ("active", "first_person"): _first_person,
    ("active", "intention"): _intention,
    ("active", "second_person"): _second_person,
    ("active", "nominalised"): _nominalised,
    ("active", "participle"): _participle,
    ("passive", ANY_FORM): _passive,
    ("noun", ANY_FORM): _noun_form,
    ("joint", ANY_FORM): _joint,
    ("sister", ANY_FORM): _sister,
    ("means", ANY_FORM): _means,
}
