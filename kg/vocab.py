"""Every ontology and namespace IRI the code uses, in one place (tests check them against civic.ttl)."""

from __future__ import annotations

from pathlib import Path

CIV = "https://w3id.org/civic-kg/ontology#"
BASE = "https://w3id.org/civic-kg/"
ENTITY_BASE = BASE + "id/"  # + {person|organization|place}/{key}
ARTICLE_BASE = BASE + "article/"  # + {article key}; also the article's named graph
EVENT_BASE = BASE + "fact/"  # + {hash}
ONTOLOGY_GRAPH = BASE + "graph/ontology"
MERGED_GRAPH = BASE + "graph/merged"  # what all articles say together: merged events, posts
REPORTED_EVENT_BASE = BASE + "event/"  # + {hash}: one event as all its reports tell it
MEMBERSHIP_BASE = BASE + "membership/"  # + {hash}: a headOf/memberOf seen in one article
POST_BASE = BASE + "post/"  # + {entity key}/head: an organisation's head post
# Nodes minted for one article (its fact nodes and memberships): what they state is unique to the
# article, so it is stored once, in the default graph, not in the article's named graph as well;
# an article's own nodes are the nodes in these namespaces derived from it (prov:wasDerivedFrom)
OWN_NODE_BASES = (EVENT_BASE, MEMBERSHIP_BASE)
# Nodes of the merged graph (reported events, head posts): what they state is unique to it, so it
# is stored once too, in the default graph; exports put it in the merged graph (MERGED_GRAPH)
MERGED_NODE_BASES = (REPORTED_EVENT_BASE, POST_BASE)
STORED_ONCE_BASES = (*OWN_NODE_BASES, *MERGED_NODE_BASES)  # stated in the default graph only

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES = {
    "civ": CIV,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "foaf": FOAF,
    "org": ORG,
    "sem": SEM,
    "dcterms": DCTERMS,
}

# kg/ontology is a link to the repository's top-level ontology/, so a built wheel carries it too
ONTOLOGY_DIR = Path(__file__).resolve().parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "civic.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

# Entity classes: the three top types and the subtypes an organisation's head noun or a
# place's gazetteer entry gives. Each entity is typed with its top type and, when known, a subtype.
TOP_TYPES = ("Person", "Organization", "Place")
ORGANIZATION_SUBTYPES = (
    "CityCouncil",
    "Municipality",
    "Association",
    "Federation",
    "Confederation",
    "Foundation",
    "Chamber",
    "Union",
    "BarAssociation",
    "PoliticalParty",
    "University",
    "GovernmentAgency",
    "NewsAgency",
    "Company",
    "Board",
)
PLACE_SUBTYPES = ("Province", "District", "Country", "Neighbourhood")
ENTITY_CLASSES = TOP_TYPES + ORGANIZATION_SUBTYPES + PLACE_SUBTYPES

# The 13 predicates of the v1 vocabulary.
EVENT_PREDICATES = (
    "visited",
    "metWith",
    "thanked",
    "congratulated",
    "cooperatesWith",
    "signedAgreementWith",
    "supported",
    "invited",
    "criticized",
)
STRUCTURAL_PREDICATES = ("headOf", "memberOf", "partOf", "locatedIn")
PREDICATES = EVENT_PREDICATES + STRUCTURAL_PREDICATES
SYMMETRIC_PREDICATES = ("metWith", "cooperatesWith", "signedAgreementWith")

# What each predicate relates: (types of its subject, types of its object), as the shapes in
# ontology/shapes.ttl require (a test holds the two together). Events are acts of people and
# bodies; a directed one may be aimed at a place ("Van'ı ziyaret etti").
_ACTORS = frozenset({"Person", "Organization"})
PARTY_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    **{p: (_ACTORS, _ACTORS | {"Place"}) for p in EVENT_PREDICATES},
    **{p: (_ACTORS, _ACTORS) for p in SYMMETRIC_PREDICATES},
    "headOf": (frozenset({"Person"}), frozenset({"Organization"})),
    "memberOf": (_ACTORS, frozenset({"Organization"})),
    "partOf": (frozenset({"Organization"}), frozenset({"Organization"})),
    "locatedIn": (frozenset({"Organization", "Place"}), frozenset({"Place"})),
}

# The class of the node that states each fact with its provenance (DESIGN.md "stated twice").
FACT_CLASS = {
    "visited": "Visit",
    "metWith": "Meeting",
    "thanked": "Thanks",
    "congratulated": "Congratulation",
    "cooperatesWith": "Cooperation",
    "signedAgreementWith": "AgreementSigning",
    "supported": "Support",
    "invited": "Invitation",
    "criticized": "Criticism",
    "headOf": "Headship",
    "memberOf": "MembershipStatement",
    "partOf": "SubOrganizationStatement",
    "locatedIn": "LocationStatement",
}
FACT = "Fact"  # superclass of every fact node (a prov:Entity)
EVENT = "Event"  # superclass of the event-fact classes (a sem:Event)
STRUCTURAL_FACT = "StructuralFact"  # superclass of the structural-fact classes

# Properties of fact nodes.
AGENT = "agent"  # the subject s of the fact (sem:hasActor)
COUNTERPART = "counterpart"  # the object o of the fact
RELATION = "relation"  # which of the 13 predicates the fact states
EVIDENCE = "evidence"  # the sentence that states it
EVIDENCE_START = "evidenceStart"  # character offsets of the evidence in the article text
EVIDENCE_END = "evidenceEnd"
CONFIDENCE = "confidence"  # xsd:decimal in [0, 1]
EXTRACTOR_VERSION = "extractorVersion"
DATE = "date"  # xsd:date the fact was reported (the article date)

# Properties of entities and articles.
# Annotations on the ontology's fact classes (not written by the build).
CAMEO_CODE = "cameoCode"  # the nearest CAMEO event code of an event class
STATES_PREDICATE = "statesPredicate"  # which of the 13 predicates a fact class states

CONTENT_HASH = (
    "contentHash"  # key of an article's input and extractor: unchanged -> not re-extracted
)
MENTION_COUNT = "mentionCount"  # how often an article names an entity (in that article's graph)
ARTICLE_ID = "articleId"

# Across articles (the merged graph) and roles over time (W3C ORG).
REPORTED_EVENT = "ReportedEvent"  # one event with every article that reports it
REPORT = "report"  # a fact node by which one article reports the event
# An event's own relation and parties: not civ:relation/agent/counterpart, so that a query
# counting fact nodes (reports) does not count the events that merge them as well.
EVENT_RELATION = "eventRelation"
EVENT_AGENT = "eventAgent"
EVENT_COUNTERPART = "eventCounterpart"
SOURCE_COUNT = "sourceCount"  # how many articles report the event
FIRST_REPORTED = "firstReported"  # the earliest and latest dates the event was reported
LAST_REPORTED = "lastReported"
OBSERVED_ON = "observedOn"  # the date an article showed an org:Membership to hold
HEAD_ROLE = "headRole"  # org:Role of a head (headOf)
MEMBER_ROLE = "memberRole"  # org:Role of a member (memberOf)
ROLE_OF = {"headOf": HEAD_ROLE, "memberOf": MEMBER_ROLE}
OUTLET = "outlet"
SOURCE_FILE = "sourceFile"

CIV_TERMS = (
    ENTITY_CLASSES
    + PREDICATES
    + tuple(FACT_CLASS.values())
    + (
        FACT,
        EVENT,
        STRUCTURAL_FACT,
        AGENT,
        COUNTERPART,
        RELATION,
        EVIDENCE,
        EVIDENCE_START,
        EVIDENCE_END,
        CONFIDENCE,
        EXTRACTOR_VERSION,
        DATE,
        ARTICLE_ID,
        OUTLET,
        SOURCE_FILE,
        CAMEO_CODE,
        STATES_PREDICATE,
        MENTION_COUNT,
        CONTENT_HASH,
        REPORTED_EVENT,
        REPORT,
        EVENT_RELATION,
        EVENT_AGENT,
        EVENT_COUNTERPART,
        SOURCE_COUNT,
        FIRST_REPORTED,
        LAST_REPORTED,
        OBSERVED_ON,
        HEAD_ROLE,
        MEMBER_ROLE,
    )
)


def civ(term: str) -> str:
    """The full IRI of a civ: term.

    >>> civ("visited")
    'https://w3id.org/civic-kg/ontology#visited'
    """
    return CIV + term
