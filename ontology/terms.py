"""Every RDF term the Python code uses, spelled once.

The ontology (``vietkg.ttl``) is the source of truth; this module only names its terms and those
of the public vocabularies it reuses. ``tests/test_ontology.py`` checks that every ``vkg:`` term
listed here is declared in the ontology with Vietnamese and English labels.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

VKG_NS = "https://vietkg.org/ontology#"
ID_NS = "https://vietkg.org/id/"
GRAPH_NS = "https://vietkg.org/graph/"
ONTOLOGY_GRAPH = GRAPH_NS + "ontology"

PREFIXES: dict[str, str] = {
    "vkg": VKG_NS,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
    "dct": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def sparql_prefixes() -> str:
    """The PREFIX block every bundled query may assume."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


class _NS:
    """Attribute access to the terms of one namespace: ``ORG.Organization``."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)


RDF = _NS(PREFIXES["rdf"])
RDFS = _NS(PREFIXES["rdfs"])
XSD = _NS(PREFIXES["xsd"])
ORG = _NS(PREFIXES["org"])
PROV = _NS(PREFIXES["prov"])
SCHEMA = _NS(PREFIXES["schema"])
ELI = _NS(PREFIXES["eli"])
SKOS = _NS(PREFIXES["skos"])
FOAF = _NS(PREFIXES["foaf"])
DCT = _NS(PREFIXES["dct"])
VKG = _NS(VKG_NS)

# The vkg: terms the code writes or reads; each must be declared in vietkg.ttl.
VKG_CLASSES = (
    "Article", "Evidence", "Citation", "PostObservation", "Tenure", "ClusterMembership",
    "Implementation", "EmulationCluster", "PartyCommittee", "PartyBoard", "PeopleCouncil",
    "PeopleCommittee", "Conference", "PactSigning", "Launch", "MidTermReview", "YearEndReview",
    "AwardCeremony", "Merger", "Abolition", "Rename", "IdentityDecision",
)
VKG_PROPERTIES = (
    "sourceUrl", "site", "displayDate", "contentHash", "extractorVersion", "byline",
    "evidence", "quote", "startOffset", "endOffset", "inArticle",
    "dateText", "datePrecision", "earliest", "latest",
    "normLabel", "titleAsWritten", "former", "post", "observedIn",
    "eventKind", "part", "clusterNumber", "organisedBy", "year", "clusterRole",
    "mode", "document", "unit", "viaCluster", "implementsDocument",
    "kindCode", "issuerCode", "term", "bodyType", "jurisdiction",
    "validFrom", "validUntil", "successor", "sameAs", "reason", "change",
)


def vkg_term_names() -> tuple[str, ...]:
    return VKG_CLASSES + VKG_PROPERTIES


def id_iri(*parts: str) -> NamedNode:
    """An entity IRI under the data namespace, from already-slugged parts."""
    return NamedNode(ID_NS + "/".join(parts))


def graph_iri(key: str) -> NamedNode:
    return NamedNode(GRAPH_NS + key)
