"""What the HTML pages read from the store: one SPARQL query per table, parameters by substitution.

Graphs come from :mod:`vietkg.graph.analytics`; this module holds the tabular look-ups (an entity's
facts, its evidence, the lists on the home page). Rows are plain ``dict[str, str | None]``.
Every query runs on the caller's thread and is read to the end there (pyoxigraph's rule).
"""

from __future__ import annotations

import logging

from pyoxigraph import Literal, NamedNode

from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS
from vietkg.ontology.text import fold

log = logging.getLogger(__name__)

Row = dict[str, str | None]

# page collection -> the IRI segment after https://vietkg.org/id/
COLLECTIONS: dict[str, str] = {"people": "person", "organizations": "org", "clusters": "cluster",
                               "documents": "doc", "events": "event", "articles": "article"}
SEGMENTS = {segment: collection for collection, segment in COLLECTIONS.items()}
EVIDENCE = """
  OPTIONAL { {node} vkg:evidence ?ev . ?ev vkg:quote ?quote ; vkg:startOffset ?start ; vkg:endOffset ?end ;
             vkg:inArticle ?article }"""


def _ev(node: str) -> str:
    return EVIDENCE.replace("{node}", node)


def page_url(iri: str | None) -> str | None:
    """``https://vietkg.org/id/person/x--y`` -> ``/people/x--y``; None for what has no page."""
    if not iri or not iri.startswith(ID_NS):
        return None
    segment, _, key = iri[len(ID_NS):].partition("/")
    if segment == "evidence":  # evidence/<article>/<start>-<end> -> the article page, at the quote
        article, _, span = key.partition("/")
        return f"/articles/{article}#ev-{span}" if span else None
    if segment == "event":  # an attendance role (event/<article>/<i>/attendee/<j>) -> its event
        key = key.split("/attendee/", 1)[0]
    collection = SEGMENTS.get(segment)
    return f"/{collection}/{key}" if collection and key else None


def evidence_url(article: str | None, start: str | None, end: str | None) -> str | None:
    url = page_url(article)
    return f"{url}#ev-{start}-{end}" if url and start and end else url


def select(kg: KG, sparql: str, **subs: str) -> list[Row]:
    """Run ``sparql`` with IRI parameters ``?p_<name>``."""
    return kg.select(sparql, {f"p_{k}": NamedNode(v) for k, v in subs.items()}).rows


COUNTS = """
SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {
  GRAPH ?g {
    ?g prov:wasDerivedFrom ?art .
    { ?x a vkg:Article . BIND("articles" AS ?kind) }
    UNION { ?x a foaf:Person . BIND("people" AS ?kind) }
    UNION { ?x a org:Organization . BIND("bodies" AS ?kind) }
    UNION { ?x a eli:LegalResource . BIND("documents" AS ?kind) }
    UNION { ?x a schema:Event . ?x vkg:inArticle ?art . BIND("events" AS ?kind) }
    UNION { ?x a vkg:EmulationCluster . BIND("clusters" AS ?kind) }
  }
} GROUP BY ?kind
"""


def counts(kg: KG) -> dict[str, int]:
    found = {r["kind"] or "": int(r["n"] or 0) for r in kg.select(COUNTS).rows}
    return {k: found.get(k, 0) for k in ("articles", "people", "bodies", "documents", "events", "clusters")}


SEARCH = """
SELECT ?x (SAMPLE(?n) AS ?norm) (SAMPLE(?l) AS ?label) ?q ?ns WHERE {
  ?x vkg:normLabel ?n .
  FILTER(CONTAINS(?n, ?q) && STRSTARTS(STR(?x), ?ns))
  OPTIONAL { ?x rdfs:label ?l }
}
GROUP BY ?x ?q ?ns
ORDER BY (SAMPLE(?n) != ?q) (!STRSTARTS(SAMPLE(?n), ?q)) STRLEN(SAMPLE(?n)) ?x
LIMIT 500
"""


def search(kg: KG, q: str, limit: int = 100) -> list[Row]:
    """Entities whose label contains ``q``, compared diacritic-free and casefolded."""
    folded = fold(q)
    if not folded:
        return []
    rows = kg.select(SEARCH, {"q": Literal(folded), "ns": Literal(ID_NS)}).rows
    return [r for r in rows if page_url(r["x"])][:limit]


LABEL = """
SELECT ?label ?p_id WHERE { ?p_id rdfs:label|skos:prefLabel|foaf:name|eli:id_local|dct:title ?label }
LIMIT 1
"""


def label(kg: KG, iri: str) -> str | None:
    """The entity's label, or None when the store does not know it."""
    rows = select(kg, LABEL, id=iri)
    return rows[0]["label"] if rows else None


PERSON_EVENTS = """
SELECT DISTINCT ?event ?name ?date ?title ?part ?quote ?start ?end ?article ?p_id WHERE {
  ?event a schema:Event ; schema:attendee ?role .
  ?role schema:attendee ?p_id .
  OPTIONAL { ?event schema:name ?name }
  OPTIONAL { ?event vkg:dateText ?date }
  OPTIONAL { ?role vkg:titleAsWritten ?title }
  OPTIONAL { ?role schema:roleName ?part }""" + _ev("?role") + """
} ORDER BY ?date ?event
"""

CO_ATTENDEES = """
SELECT ?other ?name (COUNT(DISTINCT ?event) AS ?n) ?p_id WHERE {
  ?event schema:attendee/schema:attendee ?p_id , ?other .
  ?other foaf:name ?name .
  FILTER(?other != ?p_id)
} GROUP BY ?other ?name ?p_id ORDER BY DESC(?n) ?name LIMIT 50
"""

ORG_INFO = """
SELECT ?label ?type ?typeLabel ?parent ?parentLabel ?alt ?p_id WHERE {
  ?p_id skos:prefLabel ?label .
  OPTIONAL { ?p_id vkg:bodyType ?type . OPTIONAL { ?type skos:prefLabel ?typeLabel FILTER(LANG(?typeLabel) = "vi") } }
  OPTIONAL { ?p_id org:unitOf|org:subOrganizationOf ?parent . ?parent skos:prefLabel ?parentLabel }
  OPTIONAL { ?p_id skos:altLabel ?alt }
}
"""

ORG_UNITS = """
SELECT DISTINCT ?unit ?label ?p_id WHERE {
  ?unit org:unitOf|org:subOrganizationOf ?p_id ; skos:prefLabel ?label .
} ORDER BY ?label
"""

ORG_MEMBERSHIPS = """
SELECT DISTINCT ?cluster ?clabel ?year ?role ?quote ?start ?end ?article ?p_id WHERE {
  ?ms a vkg:ClusterMembership ; org:member ?p_id ; org:organization ?cluster ; vkg:clusterRole ?r .
  ?cluster skos:prefLabel ?clabel .
  OPTIONAL { ?ms vkg:year ?y }
  OPTIONAL { ?r skos:prefLabel ?role FILTER(LANG(?role) = "vi") }
  BIND(STR(?y) AS ?year)""" + _ev("?ms") + """
} ORDER BY ?year ?clabel
"""

ORG_CLUSTERS = """
SELECT DISTINCT ?cluster ?clabel ?number ?p_id WHERE {
  ?cluster vkg:organisedBy ?p_id ; skos:prefLabel ?clabel ; vkg:clusterNumber ?number .
} ORDER BY ?number
"""

ORG_IMPLEMENTATIONS = """
SELECT DISTINCT ?impl ?doc ?symbol ?mode ?date ?clabel ?quote ?start ?end ?article ?p_id WHERE {
  ?impl a vkg:Implementation ; vkg:unit ?p_id ; vkg:document ?doc ; vkg:mode ?m .
  ?doc eli:id_local ?symbol .
  OPTIONAL { ?m skos:prefLabel ?mode FILTER(LANG(?mode) = "vi") }
  OPTIONAL { ?impl vkg:dateText ?date }
  OPTIONAL { ?impl vkg:viaCluster/skos:prefLabel ?clabel }""" + _ev("?impl") + """
} ORDER BY ?date ?symbol
"""

ORG_POSTS = """
SELECT DISTINCT ?person ?name ?post ?date ?title ?p_id WHERE {
  ?obs a vkg:PostObservation ; org:organization ?p_id ; org:member ?person ; org:role ?role .
  ?person foaf:name ?name .
  OPTIONAL { ?role skos:prefLabel ?post FILTER(LANG(?post) = "vi") }
  OPTIONAL { ?obs vkg:dateText ?date }
  OPTIONAL { ?obs vkg:titleAsWritten ?title }
} ORDER BY ?date ?name
"""

ORG_EVENTS = """
SELECT DISTINCT ?event ?name ?date ?p_id WHERE {
  ?event schema:organizer ?p_id .
  OPTIONAL { ?event schema:name ?name }
  OPTIONAL { ?event vkg:dateText ?date }
} ORDER BY ?date
"""

CLUSTER_INFO = """
SELECT ?label ?number ?organiser ?olabel ?p_id WHERE {
  ?p_id a vkg:EmulationCluster ; skos:prefLabel ?label ; vkg:clusterNumber ?number .
  OPTIONAL { ?p_id vkg:organisedBy ?organiser . ?organiser skos:prefLabel ?olabel }
} LIMIT 1
"""

CLUSTER_MEMBERS = """
SELECT DISTINCT ?member ?mlabel ?year ?role ?quote ?start ?end ?article ?p_id WHERE {
  ?ms a vkg:ClusterMembership ; org:organization ?p_id ; org:member ?member ; vkg:clusterRole ?r .
  ?member skos:prefLabel ?mlabel .
  OPTIONAL { ?ms vkg:year ?y }
  OPTIONAL { ?r skos:prefLabel ?role FILTER(LANG(?role) = "vi") }
  BIND(STR(?y) AS ?year)""" + _ev("?ms") + """
} ORDER BY ?year ?mlabel
"""

DOC_INFO = """
SELECT ?symbol ?title ?kind ?kindLabel ?issuer ?ilabel ?date ?term ?p_id WHERE {
  ?p_id a eli:LegalResource ; eli:id_local ?symbol .
  OPTIONAL { ?p_id eli:title ?title }
  OPTIONAL { ?p_id vkg:kindCode ?kind }
  OPTIONAL { ?p_id eli:type_document/skos:prefLabel ?kindLabel FILTER(LANG(?kindLabel) = "vi") }
  OPTIONAL { ?p_id eli:passed_by ?issuer . ?issuer skos:prefLabel ?ilabel }
  OPTIONAL { ?p_id vkg:dateText ?date }
  OPTIONAL { ?p_id vkg:term ?term }
} LIMIT 1
"""

DOC_LINKS = """
SELECT DISTINCT ?rel ?doc ?symbol ?p_id WHERE {
  { ?p_id vkg:implementsDocument ?doc . BIND("implements" AS ?rel) }
  UNION { ?p_id eli:based_on ?doc . BIND("based_on" AS ?rel) }
  UNION { ?doc eli:based_on ?p_id . BIND("basis_of" AS ?rel) }
  ?doc eli:id_local ?symbol .
} ORDER BY ?rel ?symbol
"""

DOC_CITATIONS = """
SELECT DISTINCT ?article ?atitle ?quote ?start ?end ?p_id WHERE {
  ?cit a vkg:Citation ; vkg:document ?p_id ; vkg:inArticle ?article .
  OPTIONAL { ?article dct:title ?atitle }""" + _ev("?cit") + """
} ORDER BY ?article ?start
"""

EVENT_INFO = """
SELECT ?name ?date ?organizer ?olabel ?location ?article ?atitle ?p_id WHERE {
  ?p_id a schema:Event .
  OPTIONAL { ?p_id schema:name ?name }
  OPTIONAL { ?p_id vkg:dateText ?date }
  OPTIONAL { ?p_id schema:organizer ?organizer . ?organizer skos:prefLabel ?olabel }
  OPTIONAL { ?p_id schema:location ?location }
  OPTIONAL { ?p_id vkg:inArticle ?article . OPTIONAL { ?article dct:title ?atitle } }
} LIMIT 1
"""

EVENT_KINDS = """
SELECT DISTINCT ?kind ?p_id WHERE { ?p_id vkg:eventKind ?k . ?k skos:prefLabel ?kind FILTER(LANG(?kind) = "vi") }
"""

EVENT_ABOUT = """
SELECT DISTINCT ?doc ?symbol ?p_id WHERE { ?p_id schema:about ?doc . ?doc eli:id_local ?symbol }
"""

EVENT_ATTENDEES = """
SELECT DISTINCT ?person ?name ?title ?part ?quote ?start ?end ?article ?p_id WHERE {
  ?p_id schema:attendee ?role .
  ?role schema:attendee ?person .
  ?person foaf:name ?name .
  OPTIONAL { ?role vkg:titleAsWritten ?title }
  OPTIONAL { ?role schema:roleName ?part }""" + _ev("?role") + """
} ORDER BY ?start ?name
"""

ARTICLE_INFO = """
SELECT ?title ?source ?url ?site ?date ?graph ?p_id WHERE {
  ?p_id a vkg:Article ; vkg:sourceUrl ?source .
  OPTIONAL { ?p_id dct:title ?title }
  OPTIONAL { ?p_id schema:url ?url }
  OPTIONAL { ?p_id vkg:site ?site }
  OPTIONAL { ?p_id vkg:displayDate ?date }
  OPTIONAL { ?graph prov:wasDerivedFrom ?p_id }
} LIMIT 1
"""

ARTICLE_EVIDENCE = """
SELECT DISTINCT ?ev ?quote ?start ?end ?subject ?type ?p_id WHERE {
  ?ev vkg:inArticle ?p_id ; vkg:quote ?quote ; vkg:startOffset ?start ; vkg:endOffset ?end .
  ?subject vkg:evidence ?ev .
  OPTIONAL { ?subject a ?type FILTER(STRSTARTS(STR(?type), "https://vietkg.org/ontology#")) }
} ORDER BY ?start ?end
"""

LIST_QUERIES: dict[str, str] = {
    "events": """
SELECT ?x (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?date) (COUNT(DISTINCT ?role) AS ?n) WHERE {
  ?x a schema:Event ; vkg:inArticle ?a .
  OPTIONAL { ?x schema:name ?l } OPTIONAL { ?x vkg:dateText ?d } OPTIONAL { ?x schema:attendee ?role }
} GROUP BY ?x ORDER BY DESC(?date) ?x LIMIT 1000
""",
    "clusters": """
SELECT ?x (SAMPLE(?l) AS ?label) (SAMPLE(?num) AS ?date) (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?x a vkg:EmulationCluster ; skos:prefLabel ?l ; vkg:clusterNumber ?num .
  OPTIONAL { ?ms a vkg:ClusterMembership ; org:organization ?x ; org:member ?m }
} GROUP BY ?x ORDER BY ?label LIMIT 1000
""",
    "documents": """
SELECT ?x (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?date) (COUNT(DISTINCT ?a) AS ?n) WHERE {
  ?x a eli:LegalResource ; eli:id_local ?l .
  OPTIONAL { ?x vkg:dateText ?d }
  OPTIONAL { ?c a vkg:Citation ; vkg:document ?x ; vkg:inArticle ?a }
} GROUP BY ?x ORDER BY DESC(?n) ?label LIMIT 1000
""",
    "people": """
SELECT ?x (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?x a foaf:Person ; foaf:name ?l .
  OPTIONAL { ?e schema:attendee/schema:attendee ?x }
} GROUP BY ?x ORDER BY DESC(?n) ?label LIMIT 1000
""",
    "organizations": """
SELECT ?x (SAMPLE(?l) AS ?label) WHERE {
  GRAPH ?g { ?g prov:wasDerivedFrom ?a . ?x a org:Organization ; skos:prefLabel ?l }
} GROUP BY ?x ORDER BY ?label LIMIT 1000
""",
}


def listing(kg: KG, collection: str) -> list[Row]:
    return kg.select(LIST_QUERIES[collection]).rows
