"""The build plan: each kind of build asks for its own ingestion and consolidation."""

import pytest

from kg.builder.plan import CONSOLIDATING, BuildPlan, Mode, consolidating
from kg.consolidate.run import Everything, Touched

TOUCHED = {"urn:a", "urn:b"}
PAIRS = {("urn:a", "urn:b")}
ROWS = object()  # stands for the FactRows a build keeps; the plan only hands it on


def plan(stored=5, consolidated=True, interrupted=False) -> BuildPlan:
    return BuildPlan.decide(
        stored_articles=stored, consolidated=consolidated, interrupted=interrupted
    )


def test_an_empty_store_is_a_first_build_even_after_a_killed_one():
    assert plan(stored=0, consolidated=False).mode is Mode.FIRST
    assert plan(stored=0, consolidated=False, interrupted=True).mode is Mode.FIRST


def test_articles_without_a_merged_graph_or_a_merged_graph_without_articles_is_no_first_build():
    assert plan(stored=3, consolidated=False).mode is Mode.APPEND
    assert plan(stored=0, consolidated=True).mode is Mode.APPEND  # all articles were removed


def test_a_killed_build_makes_the_next_one_recover():
    assert plan(interrupted=True).mode is Mode.RECOVER


def test_an_update_is_append_only_until_an_article_replaces_a_stored_one():
    update = plan()
    assert update.after_writing(replaced=0).mode is Mode.APPEND
    assert update.after_writing(replaced=2).mode is Mode.REPLACE
    assert plan(interrupted=True).after_writing(replaced=2).mode is Mode.RECOVER
    assert plan(stored=0, consolidated=False).after_writing(replaced=0).mode is Mode.FIRST


def test_only_a_scoped_consolidation_needs_what_the_graphs_touch():
    tracking = {m: BuildPlan(m).tracks_touched for m in Mode}
    assert tracking == {
        Mode.FIRST: False,
        Mode.RECOVER: False,
        Mode.APPEND: True,
        Mode.REPLACE: True,
    }


@pytest.mark.parametrize(
    ("mode", "scope"),
    [
        (Mode.FIRST, Everything(rows=ROWS, complete=True)),  # read the rows kept, not the store
        (Mode.RECOVER, Everything()),  # read the store: the rows hold only this build's graphs
        (Mode.APPEND, Touched(TOUCHED, pairs=PAIRS, added=ROWS)),  # merge into stored events
        (Mode.REPLACE, Touched(TOUCHED, pairs=PAIRS)),  # old versions' reports must go: re-read
    ],
)
def test_each_kind_of_build_consolidates_its_own_scope(mode, scope):
    assert BuildPlan(mode).scope(ROWS, TOUCHED, PAIRS) == scope


def test_a_first_build_whose_write_failed_asks_the_store_which_aliases_are_written_alone():
    scope = BuildPlan(Mode.FIRST).scope(ROWS, TOUCHED, PAIRS, {"urn:old": "urn:new"}, unwritten=3)
    assert scope == Everything(rows=ROWS, rewritten={"urn:old": "urn:new"}, complete=False)


def test_the_marker_is_held_while_consolidating_and_says_whether_a_build_was_killed(tmp_path):
    with consolidating(tmp_path) as interrupted:
        assert not interrupted
        assert (tmp_path / CONSOLIDATING).exists()
    assert not (tmp_path / CONSOLIDATING).exists()
    (tmp_path / CONSOLIDATING).touch()  # as a killed build leaves it
    with consolidating(tmp_path) as interrupted:
        assert interrupted


def test_a_failure_leaves_the_marker_for_the_next_build(tmp_path):
    with pytest.raises(RuntimeError), consolidating(tmp_path):
        raise RuntimeError("killed")
    assert (tmp_path / CONSOLIDATING).exists()
