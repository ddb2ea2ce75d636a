"""Across articles: one IRI per entity, one event node per event many outlets report, roles over time."""

import json
from pathlib import Path

import pytest
import rdflib
from pyshacl import validate

from kg import KnowledgeGraph, vocab
from kg.rdf.encode import entity_iri

# Team-written articles. The long form and its acronym are defined in one article only.
DEFINES_ACRONYM = {
    "id": "defines-acronym",
    "date": "2024-03-01",
    "outlet": "ornek-gazete.example",
    "text": "İzmir Büyükşehir Belediyesi (İBB), Karşıyaka Gençlik Derneği'ni ziyaret etti.",
}
USES_ACRONYM = {
    "id": "uses-acronym",
    "date": "2024-03-02",
    "outlet": "baska-gazete.example",
    "text": "İBB heyeti, Bornova Kadın Kooperatifi'ni ziyaret etti.",
}
SHOUTS = {
    "id": "shouts",
    "date": "2024-03-05",
    "outlet": "ucuncu-gazete.example",
    "text": "İZMİR BÜYÜKŞEHİR BELEDİYESİ, KARŞIYAKA GENÇLİK DERNEĞİ'Nİ ZİYARET ETTİ.",
}
SAME_VISIT_LATER = {
    "id": "same-visit-later",
    "date": "2024-03-03",
    "outlet": "baska-gazete.example",
    "text": "Karşıyaka Gençlik Derneği, İzmir Büyükşehir Belediyesi heyetini ağırladı. "
    "İzmir Büyükşehir Belediyesi, Karşıyaka Gençlik Derneği'ni ziyaret etti.",
}
NEXT_MONTH = {
    "id": "next-month",
    "date": "2024-04-20",
    "outlet": "ornek-gazete.example",
    "text": "İzmir Büyükşehir Belediyesi, Karşıyaka Gençlik Derneği'ni yeniden ziyaret etti.",
}


def write_jsonl(path: Path, *articles: dict) -> Path:
    path.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
    )
    return path


def build(tmp_path: Path, *articles: dict, name: str = "in.jsonl") -> KnowledgeGraph:
    source = write_jsonl(tmp_path / name, *articles)
    report = KnowledgeGraph.build([source], out=tmp_path / "out", html=False)
    assert report.ok, report.problems
    return KnowledgeGraph.open(tmp_path / "out")


def rows(kg: KnowledgeGraph, sparql: str) -> list[dict]:
    result = kg.sparql(sparql)
    names = [v.value for v in result.variables]
    return [{n: (r[n].value if r[n] is not None else None) for n in names} for r in result]


def labels(kg: KnowledgeGraph, iri: str, prop: str = "rdfs:label") -> set[str]:
    return {r["l"] for r in rows(kg, f"SELECT DISTINCT ?l WHERE {{ <{iri}> {prop} ?l }}")}


IBB_LONG = entity_iri("İzmir Büyükşehir Belediyesi", "Organization").value
IBB_SHORT = entity_iri("İBB", "Organization").value
KGD = entity_iri("Karşıyaka Gençlik Derneği", "Organization").value


@pytest.mark.parametrize("order", ["definition first", "acronym first"])
def test_an_acronym_used_alone_joins_the_long_form_another_article_defines(tmp_path, order):
    first, second = (
        (DEFINES_ACRONYM, USES_ACRONYM)
        if order == "definition first"
        else (USES_ACRONYM, DEFINES_ACRONYM)
    )
    build(tmp_path, first, name="a.jsonl")
    kg = build(tmp_path, second, name="b.jsonl")  # a second, incremental build into the same store
    cooperative = entity_iri("Bornova Kadın Kooperatifi", "Organization").value
    assert kg.query(f"ASK {{ <{IBB_LONG}> civ:visited <{cooperative}> }}")
    assert not kg.query(f"ASK {{ <{IBB_SHORT}> ?p ?o }}")
    assert not kg.query(f"ASK {{ ?s ?p <{IBB_SHORT}> }}")
    assert labels(kg, IBB_LONG) == {"İzmir Büyükşehir Belediyesi"}
    assert "İBB" in labels(kg, IBB_LONG, "skos:altLabel")


def test_an_acronym_two_articles_define_differently_is_left_alone(tmp_path):
    other = {
        "id": "other-ibb",
        "date": "2024-03-01",
        "text": "İnegöl Birlik Borsası (İBB), Karşıyaka Gençlik Derneği'ni ziyaret etti.",
    }
    kg = build(tmp_path, DEFINES_ACRONYM, other, USES_ACRONYM)
    assert kg.query(f"ASK {{ <{IBB_SHORT}> civ:visited ?o }}")


def test_all_caps_spelling_is_the_same_node_with_one_mixed_case_label(tmp_path):
    kg = build(tmp_path, SHOUTS, DEFINES_ACRONYM)
    assert labels(kg, IBB_LONG) == {"İzmir Büyükşehir Belediyesi"}
    assert "İZMİR BÜYÜKŞEHİR BELEDİYESİ" in labels(kg, IBB_LONG, "skos:altLabel")
    graphs = rows(
        kg, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{IBB_LONG}> civ:visited <{KGD}> }} }}"
    )
    assert len(graphs) == 2


def test_a_name_seen_only_with_a_suffix_is_the_same_node_as_the_bare_name(tmp_path):
    kg = build(
        tmp_path,
        {
            "id": "s1",
            "text": "İzmir Kent Konseyi'nin heyeti Karşıyaka Gençlik Derneği'ni ziyaret etti.",
        },
        {"id": "s2", "text": "Karşıyaka Gençlik Derneği, İzmir Kent Konseyi'ne teşekkür etti."},
        {"id": "s3", "text": "İzmir Kent Konseyi, Bornova Belediyesi'ni ziyaret etti."},
    )
    council = entity_iri("İzmir Kent Konseyi", "Organization").value
    graphs = rows(
        kg, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{council}> a civ:Organization }} }}"
    )
    assert len(graphs) == 3
    assert labels(kg, council) == {"İzmir Kent Konseyi"}
    assert kg.query(f"ASK {{ <{council}> civ:visited <{KGD}> . <{KGD}> civ:thanked <{council}> }}")


def test_every_entity_has_exactly_one_label_across_the_whole_graph(tmp_path):
    kg = build(tmp_path, DEFINES_ACRONYM, USES_ACRONYM, SHOUTS, SAME_VISIT_LATER, NEXT_MONTH)
    multi = rows(
        kg,
        "SELECT ?e (COUNT(DISTINCT ?l) AS ?n) WHERE { "
        "VALUES ?t { civ:Person civ:Organization civ:Place } ?e a ?t ; rdfs:label ?l } "
        "GROUP BY ?e HAVING (COUNT(DISTINCT ?l) > 1)",
    )
    assert multi == []


def test_people_who_share_a_surname_stay_apart_and_a_bare_surname_stays_in_its_article(tmp_path):
    kg = build(
        tmp_path,
        {
            "id": "p1",
            "date": "2024-01-10",
            "text": "Karşıyaka Gençlik Derneği Başkanı Ali Kaya, Bornova Belediyesi'ni ziyaret etti. "
            "Kaya, belediyeye teşekkür etti.",
        },
        {
            "id": "p2",
            "date": "2024-01-11",
            "text": "Gediz Çevre Derneği Başkanı Veli Kaya, Menemen Belediyesi'ni ziyaret etti.",
        },
        {
            "id": "p3",
            "date": "2024-01-12",
            "text": "Başkan Kaya, Bornova Belediyesi'ni ziyaret etti.",
        },
    )
    people = {r["l"] for r in rows(kg, "SELECT ?l WHERE { ?p a civ:Person ; rdfs:label ?l }")}
    assert people == {"Ali Kaya", "Veli Kaya"}
    assert "Kaya" in labels(kg, entity_iri("Ali Kaya", "Person").value, "skos:altLabel")
    assert "Kaya" not in labels(kg, entity_iri("Veli Kaya", "Person").value, "skos:altLabel")


EVENTS = """
SELECT ?event ?n ?first ?last (GROUP_CONCAT(STR(?a); separator=" ") AS ?articles) WHERE {
  ?event a civ:ReportedEvent ; civ:eventRelation civ:visited ;
         civ:eventAgent <%s> ; civ:eventCounterpart <%s> ; civ:sourceCount ?n ;
         civ:firstReported ?first ; civ:lastReported ?last ; prov:wasDerivedFrom ?a .
} GROUP BY ?event ?n ?first ?last ORDER BY ?first
"""


def visit_events(kg: KnowledgeGraph) -> list[dict]:
    return rows(kg, EVENTS % (IBB_LONG, KGD))


def test_one_visit_reported_by_several_outlets_is_one_event_with_every_source(tmp_path):
    kg = build(tmp_path, DEFINES_ACRONYM, SAME_VISIT_LATER, SHOUTS, NEXT_MONTH)
    events = visit_events(kg)
    assert [(e["n"], e["first"], e["last"]) for e in events] == [
        ("3", "2024-03-01", "2024-03-05"),
        ("1", "2024-04-20", "2024-04-20"),
    ]
    assert set(events[0]["articles"].split()) == {
        "https://w3id.org/civic-kg/article/" + a
        for a in ("defines-acronym", "same-visit-later", "shouts")
    }
    # each article still says what it said: a fact node of its own, derived from it
    per_article = rows(
        kg,
        f"SELECT ?g WHERE {{ ?f a civ:Visit ; civ:agent <{IBB_LONG}> ; "
        f"civ:counterpart <{KGD}> ; prov:wasDerivedFrom ?g . GRAPH ?g {{ ?g a schema:NewsArticle }} }}",
    )
    assert len(per_article) == 4


def test_reingesting_or_removing_an_article_takes_back_its_share_of_merged_events(tmp_path):
    build(tmp_path, DEFINES_ACRONYM, SAME_VISIT_LATER, SHOUTS)
    assert [e["n"] for e in visit_events(KnowledgeGraph.open(tmp_path / "out"))] == ["3"]
    changed = dict(SHOUTS, text="Karşıyaka Gençlik Derneği yeni yönetimini seçti.")
    kg = build(tmp_path, DEFINES_ACRONYM, SAME_VISIT_LATER, changed)
    assert [(e["n"], e["last"]) for e in visit_events(kg)] == [("2", "2024-03-03")]
    del kg
    writable = KnowledgeGraph.open(tmp_path / "out", read_only=False)
    writable.remove("same-visit-later")
    assert [(e["n"], e["last"]) for e in visit_events(writable)] == [("1", "2024-03-01")]


def test_head_of_is_also_a_membership_observed_on_the_article_date(tmp_path):
    kg = build(
        tmp_path,
        {
            "id": "h2024",
            "date": "2024-05-02",
            "text": "Karşıyaka Gençlik Derneği Başkanı Ali Kaya, Bornova Belediyesi'ni ziyaret etti.",
        },
        {
            "id": "h2025",
            "date": "2025-02-11",
            "text": "Karşıyaka Gençlik Derneği Başkanı Zeynep Arslan, Bornova Belediyesi'ni ziyaret etti.",
        },
    )
    who_headed = """
        SELECT DISTINCT ?name WHERE {
          ?org rdfs:label "Karşıyaka Gençlik Derneği"@tr .
          ?m a org:Membership ; org:organization ?org ; org:role civ:headRole ;
             org:member ?person ; civ:observedOn ?seen .
          ?person rdfs:label ?name .
          FILTER (YEAR(?seen) = %d)
        }"""
    assert [r["name"] for r in rows(kg, who_headed % 2024)] == ["Ali Kaya"]
    assert [r["name"] for r in rows(kg, who_headed % 2025)] == ["Zeynep Arslan"]
    holders = rows(
        kg,
        f"SELECT ?p WHERE {{ ?post a org:Post ; org:postIn <{KGD}> ; org:role civ:headRole ; "
        "org:heldBy ?p }",
    )
    assert {r["p"] for r in holders} == {
        entity_iri("Ali Kaya", "Person").value,
        entity_iri("Zeynep Arslan", "Person").value,
    }


def test_the_merged_graph_and_every_article_graph_conform_to_the_shapes(tmp_path):
    build(tmp_path, DEFINES_ACRONYM, USES_ACRONYM, SAME_VISIT_LATER, SHOUTS, NEXT_MONTH)
    dataset = rdflib.Dataset()
    dataset.parse(tmp_path / "out" / "graph.trig", format="trig")
    shapes = rdflib.Graph().parse(vocab.SHAPES_FILE)
    graphs = {str(g.identifier): g for g in dataset.graphs()}
    merged = graphs[vocab.MERGED_GRAPH]
    assert len(merged) > 0
    checked = [merged] + [g for i, g in graphs.items() if i.startswith(vocab.ARTICLE_BASE)]
    for graph in checked:
        conforms, _, text = validate(graph, shacl_graph=shapes)
        assert conforms, text
