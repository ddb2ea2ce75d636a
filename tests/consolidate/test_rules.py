"""Cross-article consolidation as pure functions: alias rewrites, canonical labels, merged events."""

from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from kg.consolidate.rules import (
    EntityName,
    ReportedFact,
    choose_labels,
    iri_rewrites,
    merge_events,
)

ORG = "Organization"


def alias(graph: str, iri: str, name: str, type_: str = ORG) -> EntityName:
    return EntityName(graph, iri, type_, name, alias=True)


def label(graph: str, iri: str, name: str, type_: str = ORG) -> EntityName:
    return EntityName(graph, iri, type_, name)


def fact(n: int, day: str | None, s: str = "x", o: str = "y", p: str = "visited") -> ReportedFact:
    return ReportedFact(f"f{n}", f"a{n}", p, s, o, date.fromisoformat(day) if day else None)


def test_a_persons_alias_never_rewrites_another_article_s_person():
    names = [alias("a", "id/person/ali-kaya", "Kaya", "Person")]
    assert iri_rewrites(names, {("Person", "kaya"): "id/person/kaya"}.get) == {}


def test_an_alias_owned_by_two_entities_rewrites_nothing():
    names = [alias("a", "id/org/long-1", "İBB"), alias("b", "id/org/long-2", "İBB")]
    assert iri_rewrites(names, {(ORG, "ibb"): "id/org/ibb"}.get) == {}


def test_an_alias_only_rewrites_within_its_type():
    names = [alias("a", "id/org/long", "Gediz")]
    assert iri_rewrites(names, {("Place", "gediz"): "id/place/gediz"}.get) == {}


def test_rewrites_follow_chains_and_drop_cycles():
    chain = [alias("a", "id/org/b", "A"), alias("b", "id/org/c", "B")]
    iri_of = {(ORG, "a"): "id/org/a", (ORG, "b"): "id/org/b"}
    assert iri_rewrites(chain, iri_of.get) == {"id/org/a": "id/org/c", "id/org/b": "id/org/c"}
    cycle = [alias("a", "id/org/b", "A"), alias("b", "id/org/a", "B")]
    assert iri_rewrites(cycle, iri_of.get) == {}


def test_the_label_spelling_the_iri_key_wins_over_a_more_frequent_acronym():
    iri = "id/org/izmir-buyuksehir-belediyesi"
    votes = {iri: Counter({"İzmir Büyükşehir Belediyesi": 1, "İBB": 2})}
    assert choose_labels(votes) == {iri: "İzmir Büyükşehir Belediyesi"}


def test_the_majority_spelling_wins_then_mixed_case_then_turkish_letters():
    iri = "id/place/izmir"
    assert choose_labels({iri: Counter({"Izmir": 1, "İzmir": 2})}) == {iri: "İzmir"}
    assert choose_labels({iri: Counter({"Izmir": 2, "İzmir": 1})}) == {iri: "Izmir"}
    assert choose_labels({iri: Counter({"İZMİR": 1, "İzmir": 1})}) == {iri: "İzmir"}
    assert choose_labels({iri: Counter({"Izmir": 1, "İzmir": 1})}) == {iri: "İzmir"}


def test_reports_chain_into_one_event_while_each_is_within_the_window_of_the_last():
    facts = [
        fact(1, "2024-05-01"),
        fact(2, "2024-05-04"),
        fact(3, "2024-05-07"),
        fact(4, "2024-05-11"),
    ]
    events = merge_events(facts, {}, predicates=["visited"])
    assert [e.articles for e in events] == [("a1", "a2", "a3"), ("a4",)]
    assert (events[0].first, events[0].last) == (date(2024, 5, 1), date(2024, 5, 7))


def test_a_symmetric_relation_is_one_event_whichever_party_an_article_names_first():
    facts = [fact(1, "2024-05-01", "x", "y", "metWith"), fact(2, "2024-05-02", "y", "x", "metWith")]
    events = merge_events(facts, {}, predicates=["metWith"], symmetric=["metWith"])
    assert len(events) == 1 and events[0].articles == ("a1", "a2")


def test_a_directed_relation_keeps_its_direction():
    facts = [fact(1, "2024-05-01", "x", "y"), fact(2, "2024-05-01", "y", "x")]
    assert len(merge_events(facts, {}, predicates=["visited"])) == 2


def test_undated_reports_form_their_own_event_and_rewritten_parties_count_as_one():
    facts = [fact(1, None, "x-short"), fact(2, None), fact(3, "2024-05-01")]
    events = merge_events(facts, {"x-short": "x"}, predicates=["visited"])
    assert [(e.articles, e.first) for e in events] == [
        (("a3",), date(2024, 5, 1)),
        (("a1", "a2"), None),
    ]


def test_structural_facts_are_not_events():
    assert merge_events([fact(1, "2024-05-01", p="headOf")], {}, predicates=["visited"]) == []


def test_an_event_known_from_earlier_reports_joins_a_new_report_that_bridges_it_to_another():
    old = merge_events([fact(1, "2024-05-01"), fact(3, "2024-05-07")], {}, predicates=["visited"])
    assert len(old) == 2
    events = merge_events([fact(2, "2024-05-04")], {}, predicates=["visited"], known=old)
    assert [(e.facts, e.first, e.last) for e in events] == [
        (("f1", "f2", "f3"), date(2024, 5, 1), date(2024, 5, 7))
    ]


def test_a_report_inside_a_known_event_s_span_does_not_shorten_it():
    # the known event runs 1-10 May; a report of 5 May joins it, and one of 13 May is within 3
    # days of its end, not of 5 May
    old = merge_events(
        [fact(n, f"2024-05-{day:02d}") for n, day in ((1, 1), (2, 4), (3, 7), (4, 10))],
        {},
        predicates=["visited"],
    )
    assert len(old) == 1
    new = [fact(5, "2024-05-05"), fact(6, "2024-05-13")]
    events = merge_events(new, {}, predicates=["visited"], known=old)
    assert [e.facts for e in events] == [("f1", "f2", "f3", "f4", "f5", "f6")]


@st.composite
def reports(draw) -> list[ReportedFact]:
    """Reports of a few relations between three parties, on dates a few days apart or none."""
    parties, start = ["x", "y", "z"], date(2024, 5, 1)
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(parties),
                st.sampled_from(parties),
                st.sampled_from(["visited", "metWith", "headOf"]),
                st.one_of(st.none(), st.integers(0, 15)),
                st.integers(0, 5),  # the article: one may report several facts
            ),
            max_size=25,
        )
    )
    return [
        ReportedFact(f"f{n}", f"a{a}", p, s, o, None if d is None else start + timedelta(days=d))
        for n, (s, o, p, d, a) in enumerate(rows)
    ]


@given(reports(), st.lists(st.integers(0, 24), max_size=3))
def test_merging_new_reports_into_known_events_equals_merging_every_report_at_once(facts, cuts):
    """A build that adds articles merges their reports into the events already stored; the events
    must be those a build of every article at once gives, however the reports were split."""
    options = dict(predicates=["visited", "metWith"], symmetric=["metWith"])
    rewrites = {"z": "y"}
    events: list = []
    bounds = [0, *sorted(cuts), len(facts)]
    for start, end in pairwise(bounds):
        events = merge_events(facts[start:end], rewrites, known=events, **options)
    assert events == merge_events(facts, rewrites, **options)
