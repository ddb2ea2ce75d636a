"""The spool: prepared articles come back in order, text and all, in groups of whole articles."""

from kg.builder.spool import SPOOL_PREFIX, Spool
from kg.builder.workers import Prepared


def prepared(*lines: int) -> list[Prepared]:
    """Articles of so many lines of N-Quads each (one named line each, the rest the union's)."""
    return [
        Prepared(
            f"a{k}",
            f"a{k}.txt",
            "digest",
            nquads="".join(f'<urn:a{k}> <urn:p> "{j} ğüşİ" .\n' for j in range(n)).encode(),
            named=0,
            statements=n,
        )
        for k, n in enumerate(lines)
    ]


def spooled(tmp_path, articles: list[Prepared], lines: int) -> list[list[Prepared]]:
    with Spool(tmp_path, lines) as spool:
        for p in articles:
            spool.add(p)
        assert spool.articles == len(articles)
        return list(spool.groups())


def test_groups_hold_whole_articles_up_to_the_lines_asked_in_order_with_their_text(tmp_path):
    articles = prepared(40, 50, 10, 90, 5, 20)
    groups = spooled(tmp_path, articles, 100)
    assert [[p.article_id for p in g] for g in groups] == [["a0", "a1", "a2"], ["a3", "a4"], ["a5"]]
    assert [p for g in groups for p in g] == articles  # the text read back is the text added


def test_an_article_bigger_than_a_group_is_a_group_of_its_own(tmp_path):
    groups = spooled(tmp_path, prepared(250, 30), 100)
    assert [[p.lines for p in g] for g in groups] == [[250], [30]]


def test_no_articles_make_no_groups_and_the_scratch_directory_goes(tmp_path):
    assert spooled(tmp_path, [], 100) == []
    assert not list(tmp_path.glob(f"{SPOOL_PREFIX}*"))


def test_articles_added_after_a_read_still_come_back(tmp_path):
    first, second = prepared(3, 4)
    with Spool(tmp_path, 5) as spool:
        spool.add(first)
        assert [p for g in spool.groups() for p in g] == [first]
        spool.add(second)
        assert [p for g in spool.groups() for p in g] == [first, second]
