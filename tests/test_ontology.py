"""The ontology declares every term the code uses; the shapes pass good graphs, catch bad ones."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from kg import vocab

CIV = Namespace(vocab.CIV)
PROV = Namespace(vocab.PROV)
SCHEMA = Namespace(vocab.SCHEMA)
SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace(vocab.XSD)  # rdflib's XSD warns when pytest's doctest finder probes it
CIVSH = Namespace("https://w3id.org/civic-kg/shapes#")
ID = Namespace(vocab.ENTITY_BASE)
FACT = Namespace(vocab.EVENT_BASE)

ARTICLE = URIRef(vocab.ARTICLE_BASE + "izmir-manisa-fed")
KENT_KONSEYI = ID["organization/izmir-kent-konseyi"]
MANISA_FED = ID["organization/manisali-dernekler-federasyonu"]
TOPAC = ID["person/ozgur-topac"]
IZMIR = ID["place/izmir"]

DECLARATION_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(vocab.ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(vocab.SHAPES_FILE, format="turtle")


def civ_terms_declared(ontology: Graph) -> set[URIRef]:
    return {
        s
        for t in DECLARATION_TYPES
        for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(vocab.CIV)
    }


def add_fact(g: Graph, key: str, s: URIRef, p: str, o: URIRef, evidence: str) -> URIRef:
    """State a fact twice, as the build does: the direct edge and the fact node."""
    fact = FACT[key]
    g.add((s, CIV[p], o))
    g.add((fact, RDF.type, CIV[vocab.FACT_CLASS[p]]))
    g.add((fact, CIV.relation, CIV[p]))
    g.add((fact, CIV.agent, s))
    g.add((fact, CIV.counterpart, o))
    g.add((fact, CIV.evidence, Literal(evidence, lang="tr")))
    g.add((fact, CIV.evidenceStart, Literal(120)))
    g.add((fact, CIV.evidenceEnd, Literal(120 + len(evidence))))
    g.add((fact, CIV.confidence, Literal(Decimal("0.9"))))
    g.add((fact, CIV.extractorVersion, Literal("0.1.0")))
    g.add((fact, CIV.date, Literal("2026-01-30", datatype=XSD.date)))
    g.add((fact, PROV.wasDerivedFrom, ARTICLE))
    return fact


def article_graph() -> Graph:
    """One article's graph, shaped like the build's output."""
    g = Graph()
    g.add((KENT_KONSEYI, RDF.type, CIV.Organization))
    g.add((KENT_KONSEYI, RDF.type, CIV.CityCouncil))
    g.add((KENT_KONSEYI, RDFS.label, Literal("İzmir Kent Konseyi", lang="tr")))
    g.add((MANISA_FED, RDF.type, CIV.Organization))
    g.add((MANISA_FED, RDF.type, CIV.Federation))
    g.add((MANISA_FED, RDFS.label, Literal("Manisalı Dernekler Federasyonu", lang="tr")))
    g.add((MANISA_FED, SKOS.altLabel, Literal("MANİSA-FED", lang="tr")))
    g.add((TOPAC, RDF.type, CIV.Person))
    g.add((TOPAC, RDFS.label, Literal("Özgür Topaç", lang="tr")))
    g.add((IZMIR, RDF.type, CIV.Place))
    g.add((IZMIR, RDF.type, CIV.Province))
    g.add((IZMIR, RDFS.label, Literal("İzmir", lang="tr")))

    add_fact(
        g,
        "headship",
        TOPAC,
        "headOf",
        KENT_KONSEYI,
        "İzmir Kent Konseyi Başkanı Özgür Topaç, federasyonu ziyaret etti.",
    )
    add_fact(
        g,
        "visit",
        KENT_KONSEYI,
        "visited",
        MANISA_FED,
        "İzmir Kent Konseyi Yürütme Kurulu, MANİSA-FED'e ziyarette bulundu.",
    )
    add_fact(
        g,
        "meeting",
        MANISA_FED,
        "metWith",
        TOPAC,
        "Federasyon Başkanı ile Özgür Topaç bir araya geldi.",
    )
    add_fact(
        g,
        "location",
        KENT_KONSEYI,
        "locatedIn",
        IZMIR,
        "İzmir Kent Konseyi Başkanı Özgür Topaç, federasyonu ziyaret etti.",
    )

    g.add((ARTICLE, RDF.type, SCHEMA.NewsArticle))
    g.add((ARTICLE, CIV.articleId, Literal("izmir-manisa-fed")))
    g.add((ARTICLE, SCHEMA.url, URIRef("https://www.aydinses.com/izmir-manisa-fed")))
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2026-01-30", datatype=XSD.date)))
    g.add(
        (
            ARTICLE,
            SCHEMA.headline,
            Literal("İzmir Kent Konseyi'nden MANİSA-FED'e ziyaret", lang="tr"),
        )
    )
    g.add((ARTICLE, CIV.outlet, Literal("aydinses.com")))
    g.add((ARTICLE, CIV.sourceFile, Literal("data/izmir-manisa-fed.txt")))
    return g


def violations(data: Graph, shapes: Graph) -> set[tuple]:
    """(focus node, path, constraint component) of every violation the shapes report."""
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return {
        (
            report.value(r, SH.focusNode),
            report.value(r, SH.resultPath),
            report.value(r, SH.sourceConstraintComponent),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }


# The ontology


def test_ontology_parses_as_turtle(ontology):
    assert len(ontology) > 0


def test_ontology_carries_its_iri_version_title_and_comment(ontology):
    iri = URIRef("https://w3id.org/civic-kg/ontology")
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(iri, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(iri, URIRef(vocab.DCTERMS + "title")) is not None
    assert ontology.value(iri, RDFS.comment) is not None


def test_ontology_imports_nothing(ontology):
    assert list(ontology.objects(None, OWL.imports)) == []


def test_every_vocab_term_is_declared_in_the_ontology(ontology):
    declared = civ_terms_declared(ontology)
    missing = [t for t in vocab.CIV_TERMS if CIV[t] not in declared]
    assert missing == []


def test_every_civ_class_and_property_has_english_and_turkish_labels_and_definitions(ontology):
    lacking = []
    for term in sorted(civ_terms_declared(ontology)):
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)}
            lacking += [(term, prop, lang) for lang in ("en", "tr") if lang not in langs]
    assert lacking == []


def test_exactly_the_three_symmetric_predicates_are_symmetric(ontology):
    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    assert symmetric == {CIV[p] for p in vocab.SYMMETRIC_PREDICATES}


def test_every_event_class_has_a_cameo_code(ontology):
    codes = {
        p: ontology.value(CIV[vocab.FACT_CLASS[p]], CIV.cameoCode) for p in vocab.EVENT_PREDICATES
    }
    assert all(code is not None and len(code) == 3 and code.isdigit() for code in codes.values()), (
        codes
    )


def test_a_visit_is_cameo_042(ontology):
    assert ontology.value(CIV.Visit, CIV.cameoCode) == Literal("042")


def test_every_fact_class_states_its_predicate(ontology):
    stated = {
        p: ontology.value(CIV[cls], CIV.statesPredicate) for p, cls in vocab.FACT_CLASS.items()
    }
    assert stated == {p: CIV[p] for p in vocab.PREDICATES}


def test_event_classes_are_events_and_structural_classes_are_structural_facts(ontology):
    parents = {p: ontology.value(CIV[cls], RDFS.subClassOf) for p, cls in vocab.FACT_CLASS.items()}
    assert parents == {
        **{p: CIV.Event for p in vocab.EVENT_PREDICATES},
        **{p: CIV.StructuralFact for p in vocab.STRUCTURAL_PREDICATES},
    }


def test_structural_predicates_align_to_w3c_org(ontology):
    org = Namespace(vocab.ORG)
    assert (CIV.headOf, RDFS.subPropertyOf, org.headOf) in ontology
    assert (CIV.memberOf, RDFS.subPropertyOf, org.memberOf) in ontology
    assert (CIV.partOf, RDFS.subPropertyOf, org.subOrganizationOf) in ontology


# The shapes


def test_shapes_parse_as_turtle(shapes):
    assert set(shapes.subjects(RDF.type, SH.NodeShape))


def test_a_well_formed_article_graph_conforms(shapes):
    conforms, _, text = validate(article_graph(), shacl_graph=shapes, inference="none")
    assert conforms, text


def test_the_article_graph_conforms_with_the_ontology_loaded(shapes, ontology):
    conforms, _, text = validate(
        article_graph(), shacl_graph=shapes, ont_graph=ontology, inference="rdfs"
    )
    assert conforms, text


def test_an_entity_with_two_top_types_is_a_violation(shapes):
    g = article_graph()
    g.add((KENT_KONSEYI, RDF.type, CIV.Place))
    assert violations(g, shapes) == {
        (KENT_KONSEYI, RDF.type, SH.QualifiedMaxCountConstraintComponent),
    }


def test_an_entity_with_only_a_subtype_is_a_violation(shapes):
    g = article_graph()
    g.remove((IZMIR, RDF.type, CIV.Place))
    assert (IZMIR, RDF.type, SH.QualifiedMinCountConstraintComponent) in violations(g, shapes)


def test_an_entity_with_two_labels_is_a_violation(shapes):
    g = article_graph()
    g.add((TOPAC, RDFS.label, Literal("Özgür TOPAÇ", lang="tr")))
    assert violations(g, shapes) == {(TOPAC, RDFS.label, SH.MaxCountConstraintComponent)}


def test_an_organization_subtype_on_a_person_is_a_violation(shapes):
    g = article_graph()
    g.add((TOPAC, RDF.type, CIV.Municipality))
    assert violations(g, shapes) == {(TOPAC, None, SH.ClassConstraintComponent)}


def test_a_fact_without_evidence_is_a_violation(shapes):
    g = article_graph()
    g.remove((FACT.visit, CIV.evidence, None))
    assert violations(g, shapes) == {(FACT.visit, CIV.evidence, SH.MinCountConstraintComponent)}


def test_head_of_from_an_organization_is_a_violation(shapes):
    g = article_graph()
    add_fact(
        g,
        "org-head",
        MANISA_FED,
        "headOf",
        KENT_KONSEYI,
        "Manisalı Dernekler Federasyonu, İzmir Kent Konseyi'nin başında.",
    )
    assert violations(g, shapes) == {(MANISA_FED, None, SH.ClassConstraintComponent)}


def test_a_confidence_above_one_is_a_violation(shapes):
    g = article_graph()
    g.set((FACT.headship, CIV.confidence, Literal(Decimal("1.5"))))
    assert violations(g, shapes) == {
        (FACT.headship, CIV.confidence, SH.MaxInclusiveConstraintComponent),
    }


def test_a_float_confidence_is_a_violation(shapes):
    g = article_graph()
    g.set((FACT.headship, CIV.confidence, Literal(0.9)))  # xsd:double, not xsd:decimal
    assert violations(g, shapes) == {
        (FACT.headship, CIV.confidence, SH.DatatypeConstraintComponent),
    }


def test_a_fact_not_derived_from_an_article_is_a_violation(shapes):
    g = article_graph()
    g.remove((FACT.meeting, PROV.wasDerivedFrom, None))
    assert violations(g, shapes) == {
        (FACT.meeting, PROV.wasDerivedFrom, SH.MinCountConstraintComponent),
    }


def test_a_fact_of_the_wrong_class_for_its_relation_is_a_violation(shapes):
    g = article_graph()
    g.set((FACT.visit, RDF.type, CIV.Support))
    assert violations(g, shapes) == {(FACT.visit, CIV.relation, SH.HasValueConstraintComponent)}


def test_a_fact_without_its_direct_edge_is_a_violation(shapes):
    g = article_graph()
    g.remove((KENT_KONSEYI, CIV.visited, MANISA_FED))
    assert violations(g, shapes) == {(FACT.visit, None, SH.SPARQLConstraintComponent)}


def test_a_direct_edge_without_a_fact_is_a_violation(shapes):
    g = article_graph()
    g.add((TOPAC, CIV.thanked, MANISA_FED))
    assert violations(g, shapes) == {(TOPAC, CIV.thanked, SH.SPARQLConstraintComponent)}


def test_a_symmetric_edge_may_be_stated_either_way_round(shapes):
    g = article_graph()
    g.remove((MANISA_FED, CIV.metWith, TOPAC))
    g.add((TOPAC, CIV.metWith, MANISA_FED))
    assert violations(g, shapes) == set()


def test_an_article_without_an_id_is_a_violation(shapes):
    g = article_graph()
    g.remove((ARTICLE, CIV.articleId, None))
    assert violations(g, shapes) == {(ARTICLE, CIV.articleId, SH.MinCountConstraintComponent)}


def reported_event(count: int) -> tuple[Graph, URIRef]:
    g = Graph()
    event = URIRef(vocab.REPORTED_EVENT_BASE + "e1")
    g.add((event, RDF.type, CIV.ReportedEvent))
    g.add((event, CIV.eventRelation, CIV.visited))
    g.add((event, CIV.eventAgent, KENT_KONSEYI))
    g.add((event, CIV.eventCounterpart, MANISA_FED))
    g.add((event, CIV.report, FACT["f1"]))
    g.add((event, PROV.wasDerivedFrom, ARTICLE))
    g.add((event, PROV.wasDerivedFrom, URIRef(vocab.ARTICLE_BASE + "another")))
    g.add((event, CIV.sourceCount, Literal(count)))
    return g, event


def test_a_reported_event_counting_its_sources_right_conforms(shapes):
    g, _ = reported_event(2)
    assert violations(g, shapes) == set()


def test_a_reported_event_whose_source_count_is_wrong_is_a_violation(shapes):
    g, event = reported_event(3)
    assert violations(g, shapes) == {(event, None, SH.SPARQLConstraintComponent)}


def test_a_reported_event_stating_a_report_property_is_a_violation(shapes):
    """An event with civ:relation would be counted again by a query counting reports."""
    g, event = reported_event(2)
    g.add((event, CIV.relation, CIV.visited))
    assert violations(g, shapes) == {(event, CIV.relation, SH.MaxCountConstraintComponent)}


def test_a_membership_in_an_unknown_role_is_a_violation(shapes):
    g = article_graph()
    membership = URIRef(vocab.MEMBERSHIP_BASE + "m1")
    ORG = Namespace(vocab.ORG)
    g.add((membership, RDF.type, ORG.Membership))
    g.add((membership, ORG.member, TOPAC))
    g.add((membership, ORG.organization, KENT_KONSEYI))
    g.add((membership, ORG.role, CIV.chairOfEverything))
    assert violations(g, shapes) == {(membership, ORG.role, SH.InConstraintComponent)}


def classes_allowed(shapes: Graph, node) -> set[str]:
    """The civ: classes a shape node allows: its sh:class, or each sh:class of its sh:or."""
    allowed = {str(c) for c in shapes.objects(node, SH["class"])}
    for alternatives in shapes.objects(node, SH["or"]):
        for member in shapes.items(alternatives):
            allowed |= {str(c) for c in shapes.objects(member, SH["class"])}
    return {c.removeprefix(vocab.CIV) for c in allowed}


def test_the_party_types_of_every_predicate_are_the_ones_the_shapes_require(shapes):
    subjects: dict[str, set[str]] = {}
    objects: dict[str, set[str]] = {}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        allowed = classes_allowed(shapes, shape)
        for target, table in ((SH.targetSubjectsOf, subjects), (SH.targetObjectsOf, objects)):
            for p in shapes.objects(shape, target):
                if allowed:
                    table.setdefault(str(p).removeprefix(vocab.CIV), set()).update(allowed)
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if path is not None and str(path).removeprefix(vocab.CIV) in vocab.PREDICATES:
                objects.setdefault(str(path).removeprefix(vocab.CIV), set()).update(
                    classes_allowed(shapes, prop)
                )
    for predicate in vocab.PREDICATES:
        subject_types, object_types = vocab.PARTY_TYPES[predicate]
        assert subjects[predicate] == set(subject_types), predicate
        expected = set(object_types)
        if predicate in vocab.SYMMETRIC_PREDICATES:  # both sides are subjects of one edge
            assert subjects[predicate] == expected, predicate
        assert objects[predicate] == expected, predicate
