"""Guideline conventions that need the whole article's facts: one fact per (s, p, o), no meeting
beside the visit it happened in, no visit to a body's officials beside the visit to the body."""

from __future__ import annotations

from kg.extract.discourse import Discourse
from kg.model import Fact, fits_party_types


def one_statement_each(facts: list[Fact], discourse: Discourse) -> list[Fact]:
    """One fact per (s, p, o): the most confident statement of it, the first one on ties."""
    best: dict[tuple[str, str, str], Fact] = {}
    for f in facts:
        key = (f.s, f.p, f.o)
        if key not in best or f.confidence > best[key].confidence:
            best[key] = f
    return list(best.values())


def no_membership_beside_headship(facts: list[Fact], discourse: Discourse) -> list[Fact]:
    """Guideline rules 5 and 25: the head of a body is not also stated as its member."""
    heads = {(f.s, f.o) for f in facts if f.p == "headOf"}
    return [f for f in facts if not (f.p == "memberOf" and (f.s, f.o) in heads)]


def no_meeting_within_a_visit(facts: list[Fact], discourse: Discourse) -> list[Fact]:
    """Guideline rules 10 and 16: no metWith between the two sides of a stated visit, the
    visitors' and the visited body's people included; a meeting during a visit is the visit."""

    def side(name: str) -> set[str]:  # a party with the body it acts for, if any
        body = discourse.bodies.get(name)
        return {name} if body is None else {name, body}

    # a name of the visitors' side and one of the visited side, of each visit
    visit_pairs = {(s, o) for f in facts if f.p == "visited" for s in side(f.s) for o in side(f.o)}
    if not visit_pairs:
        return facts

    def across(a: str, b: str) -> bool:
        a_side, b_side = side(a), side(b)
        return any((x, y) in visit_pairs or (y, x) in visit_pairs for x in a_side for y in b_side)

    return [f for f in facts if not (f.p == "metWith" and across(f.s, f.o))]


def no_visit_to_a_visited_bodys_people(facts: list[Fact], discourse: Discourse) -> list[Fact]:
    """Guideline rule 13: officials of a visited body listed as its hosts add nothing beyond the
    body ("X Odası'nı ziyaret ederek Başkan A ve üyeler B, C'nin konuğu oldu"): a visit to a
    body's person is dropped where the same words state the visit to the body."""
    visits: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for f in facts:
        if f.p == "visited":
            visits.setdefault((f.s, f.o), []).append((f.start, f.end))

    def hosted(f: Fact) -> bool:
        body = discourse.bodies.get(f.o)
        if f.p != "visited" or body is None or body == f.s:
            return False
        return any(start < f.end and f.start < end for start, end in visits.get((f.s, body), ()))

    return [f for f in facts if not hosted(f)]


def parties_of_the_right_types(facts: list[Fact], discourse: Discourse) -> list[Fact]:
    """What each predicate relates (vocab.PARTY_TYPES): a fact read between a place and a body
    ("İzmir ile Manisa arasında iş birliği") or whose party resolved to another type states
    nothing the vocabulary can say."""
    types = discourse.entity_types
    return [f for f in facts if fits_party_types(f.p, types[f.s], types[f.o])]
