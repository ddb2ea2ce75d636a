"""A first build's rows answer what consolidation would find in the store they stand for."""

from kg.consolidate.scratch_rows import FactRows
from kg.rdf.encode import key_iri

ORG = "Organization"


def org(key: str) -> str:
    return key_iri(key, ORG).value


def test_alias_rewrites_are_taken_until_one_makes_no_other(tmp_path):
    # "Alfa (AB)" and the long form's "Alfa Birliği (AB), (Alfa)": AB has two owners, so "AB"
    # alone goes nowhere, until "Alfa" is found to be the long form's alias written alone
    long, alfa, ab = org("alfa-birligi"), org("alfa"), org("ab")
    with FactRows(tmp_path) as rows:
        rows.add("urn:g1", [], [(long, "Alfa Birliği")], [(long, ORG, "AB"), (long, ORG, "Alfa")])
        rows.add("urn:g2", [], [(alfa, "Alfa")], [(alfa, ORG, "AB")])
        rows.add("urn:g3", [], [(ab, "AB")])
        assert rows.iri_rewrites() == {alfa: long, ab: long}
        assert sorted(rows.entities()) == sorted([long, alfa, ab])


def test_an_alias_two_entities_keep_is_not_rewritten(tmp_path):
    one, two, ab = org("alfa-birligi"), org("ankara-barosu"), org("ab")
    with FactRows(tmp_path) as rows:
        rows.add("urn:g1", [], [(one, "Alfa Birliği")], [(one, ORG, "AB")])
        rows.add("urn:g2", [], [(two, "Ankara Barosu")], [(two, ORG, "AB")])
        rows.add("urn:g3", [], [(ab, "AB")])
        assert rows.iri_rewrites() == {}
