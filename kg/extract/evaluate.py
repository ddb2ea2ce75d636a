"""Precision, recall and F1 of predicted entities and relations against the gold annotations."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from kg.extract.gold import Annotation, GoldArticle, Relation
from kg.lang.tr.text import fold
from kg.model import Entity
from kg.vocab import EVENT_PREDICATES, PREDICATES, STRUCTURAL_PREDICATES, SYMMETRIC_PREDICATES

DEFAULT_BAND_EDGES = (0.8,)
UNKNOWN_BAND = "unknown"  # predictions that carry no confidence
_CASE_SUFFIX_RE = re.compile(r"(?<=\w)'[^\W\d_]*(?!\w)")  # after fold() every apostrophe is '

RelationKey = tuple[str, str, str]


@dataclass(frozen=True)
class Scores:
    """True positives, false positives and false negatives; a rate with no denominator is 0.0.

    >>> s = Scores(3, 1, 2) + Scores(1, 0, 0)
    >>> s, round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)
    (Scores(tp=4, fp=1, fn=2), 0.8, 0.667, 0.727)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class RelationError:
    """A false positive (with the predicted evidence) or a false negative (with the gold one)."""

    article_id: str
    s: str
    p: str
    o: str
    evidence: str


@dataclass(frozen=True)
class EntityError:
    """An entity predicted and matched by no gold entity, or a gold entity no prediction found."""

    article_id: str
    name: str
    type: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """Scores micro-averaged over a gold set; ``bands`` count predictions (tp + fp) per band."""

    articles: int
    entities: Scores
    typed_entities: Scores
    relations: Scores
    events: Scores
    structural: Scores
    by_predicate: tuple[tuple[str, Scores], ...]
    bands: tuple[tuple[str, Scores], ...]
    false_positives: tuple[RelationError, ...]
    false_negatives: tuple[RelationError, ...]
    entity_false_positives: tuple[EntityError, ...] = ()
    entity_false_negatives: tuple[EntityError, ...] = ()


def normalise_name(name: str) -> str:
    """The form two spellings of a name are compared in: folded, no case suffix, single spaces.

    >>> normalise_name("İZMİR KENT  KONSEYİ’ne") == normalise_name("İzmir Kent Konseyi")
    True
    >>> normalise_name("MANİSA-FED'e")
    'manisa-fed'
    """
    return " ".join(_CASE_SUFFIX_RE.sub("", fold(name)).split())


def align_entities(
    gold: Sequence[Entity], pred: Sequence[Entity], *, typed: bool = False
) -> dict[int, int]:
    """One-to-one alignment (pred index -> gold index) of entities sharing a name or alias.

    As many pairs as possible; among those, equal canonical names and equal types are preferred.
    >>> g = [Entity("Kula Kent Konseyi", "Organization", aliases=("KKK",))]
    >>> align_entities(g, [Entity("KKK", "Organization"), Entity("Kula Kent Konseyi", "Place")])
    {1: 0}
    >>> align_entities(g, [Entity("KKK", "Organization"), Entity("Kula Kent Konseyi", "Place")], typed=True)
    {0: 0}
    """
    gold_names = [_names(e) for e in gold]
    base = 3 * min(len(gold), len(pred)) + 1  # one more pair outweighs every preference bonus
    weights = np.zeros((len(pred), len(gold)))
    for j, p in enumerate(pred):
        for i, g in enumerate(gold):
            if _names(p) & gold_names[i] and (not typed or p.type == g.type):
                exact = normalise_name(p.name) == normalise_name(g.name)
                weights[j, i] = base + 2 * exact + (p.type == g.type)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return {int(j): int(i) for j, i in zip(rows, cols, strict=True) if weights[j, i] > 0}


def evaluate(
    gold: Sequence[GoldArticle],
    predictions: Mapping[str, Annotation],
    *,
    band_edges: Sequence[float] = DEFAULT_BAND_EDGES,
) -> Report:
    """Micro-averaged scores of ``predictions`` against ``gold``; a missing article predicts nothing."""
    edges = sorted(band_edges)
    entities = typed = Scores()
    by_predicate: dict[str, Scores] = defaultdict(Scores)
    bands = dict.fromkeys(_band_labels(edges), Scores())
    false_positives, false_negatives = [], []
    entity_fps: list[EntityError] = []
    entity_fns: list[EntityError] = []
    for g in gold:
        truth = g.annotation
        guess = predictions.get(truth.article_id, Annotation(truth.article_id))
        alignment = align_entities(truth.entities, guess.entities)
        typed_alignment = align_entities(truth.entities, guess.entities, typed=True)
        entities += _entity_scores(truth, guess, len(alignment))
        entity_fps += _unmatched(truth.article_id, guess.entities, alignment.keys())
        entity_fns += _unmatched(truth.article_id, truth.entities, alignment.values())
        typed += _entity_scores(truth, guess, len(typed_alignment))
        stated, found = _keyed_relations(truth, guess, alignment)
        for key in stated.keys() | found.keys():
            by_predicate[key[1]] += _outcome(key, stated, found)
        for key, r in found.items():
            bands[_band_of(r.confidence, edges)] += _outcome(key, stated, found)
        false_positives += [_error(truth, r) for key, r in found.items() if key not in stated]
        false_negatives += [_error(truth, r) for key, r in stated.items() if key not in found]
    order = {p: i for i, p in enumerate(PREDICATES)}
    table = tuple(
        sorted(by_predicate.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    )
    return Report(
        articles=len(gold),
        entities=entities,
        typed_entities=typed,
        relations=sum((s for _, s in table), Scores()),
        events=sum((s for p, s in table if p in EVENT_PREDICATES), Scores()),
        structural=sum((s for p, s in table if p in STRUCTURAL_PREDICATES), Scores()),
        by_predicate=table,
        bands=tuple((b, s) for b, s in bands.items() if b != UNKNOWN_BAND or s.tp + s.fp),
        false_positives=tuple(false_positives),
        false_negatives=tuple(false_negatives),
        entity_false_positives=tuple(entity_fps),
        entity_false_negatives=tuple(entity_fns),
    )


def _names(entity: Entity) -> set[str]:
    return {normalise_name(n) for n in (entity.name, *entity.aliases)}


def _outcome(key: RelationKey, stated: Mapping, found: Mapping) -> Scores:
    return Scores(
        int(key in stated and key in found), int(key not in stated), int(key not in found)
    )


def _entity_scores(truth: Annotation, guess: Annotation, matched: int) -> Scores:
    return Scores(matched, len(guess.entities) - matched, len(truth.entities) - matched)


def _name_index(entities: Sequence[Entity]) -> dict[str, int]:
    """Normalised name -> index of the first entity with it; canonical names win over aliases."""
    index: dict[str, int] = {}
    for names in ([e.name] for e in entities), (e.aliases for e in entities):
        for i, group in enumerate(names):
            for n in group:
                index.setdefault(normalise_name(n), i)
    return index


def _keyed_relations(
    truth: Annotation, guess: Annotation, alignment: Mapping[int, int]
) -> tuple[dict[RelationKey, Relation], dict[RelationKey, Relation]]:
    """Gold and predicted relations keyed by (s, p, o) with s and o as gold entities.

    A predicted name is its predicted entity's gold partner; a name that is no predicted
    entity is looked up among the gold names; what matches nothing stays itself.
    """
    gold_index, pred_index = _name_index(truth.entities), _name_index(guess.entities)

    def gold_key(name: str) -> str:
        n = normalise_name(name)
        return f"#{gold_index[n]}" if n in gold_index else f"={n}"

    def pred_key(name: str) -> str:
        j = pred_index.get(normalise_name(name))
        if j is None:
            return gold_key(name)
        return f"#{alignment[j]}" if j in alignment else f"pred#{j}"

    return _relation_keys(truth.relations, gold_key), _relation_keys(guess.relations, pred_key)


def _relation_keys(relations: Sequence[Relation], key) -> dict[RelationKey, Relation]:
    """Each distinct (s, p, o) once, symmetric pairs in one order; its most confident statement."""
    keyed: dict[RelationKey, Relation] = {}
    for r in relations:
        s, o = key(r.s), key(r.o)
        if r.p in SYMMETRIC_PREDICATES:
            s, o = sorted((s, o))
        k = (s, r.p, o)
        if k not in keyed or _rank(r.confidence) > _rank(keyed[k].confidence):
            keyed[k] = r
    return keyed


def _rank(confidence: float | None) -> float:
    return -1.0 if confidence is None else confidence


def _band_labels(edges: Sequence[float]) -> list[str]:
    """Labels from the most to the least confident band, then the unknown band."""
    if not edges:
        return ["all", UNKNOWN_BAND]
    middle = [f"{lo:g} < c <= {hi:g}" for lo, hi in zip(edges, edges[1:], strict=False)]
    return [f"> {edges[-1]:g}", *reversed(middle), f"<= {edges[0]:g}", UNKNOWN_BAND]


def _band_of(confidence: float | None, edges: Sequence[float]) -> str:
    if confidence is None:
        return UNKNOWN_BAND
    return _band_labels(edges)[sum(confidence <= e for e in edges)]


def _error(truth: Annotation, r: Relation) -> RelationError:
    return RelationError(truth.article_id, r.s, r.p, r.o, r.evidence)


def _unmatched(
    article_id: str, entities: Sequence[Entity], matched: Iterable[int]
) -> list[EntityError]:
    taken = set(matched)
    return [
        EntityError(article_id, e.name, e.type, e.aliases)
        for i, e in enumerate(entities)
        if i not in taken
    ]
