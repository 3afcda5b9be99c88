"""What the HTML pages read from the store: one SPARQL query per table, parameters by substitution.

Graphs come from :mod:`vietkg.graph.analytics`; this module holds the tabular look-ups (an entity's
facts, its evidence, the lists on the home page). Rows are plain ``dict[str, str | None]``.
Every query runs on the caller's thread and is read to the end there (pyoxigraph's rule).

Entities are canonical (:mod:`vietkg.graph.canonical`): an entity page reads its tables through
:meth:`~vietkg.graph.canonical.Entity.rows`, which runs a query with ``?p_id`` bound to the
canonical IRI and to each alias and maps every entity in the rows to its canonical IRI. Lists,
counts and search show each entity once.
"""

from __future__ import annotations

import logging

from pyoxigraph import NamedNode

from vietkg.graph.canonical import Canonical, Entity
from vietkg.graph.search import SCAN
from vietkg.graph.search import search as find
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS

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
    UNION { ?x a schema:Event . ?x vkg:inArticle ?art . BIND("events" AS ?kind) }
    UNION { ?x a vkg:EmulationCluster . BIND("clusters" AS ?kind) }
  }
} GROUP BY ?kind
"""
# Kinds whose nodes the resolution merges: counted as distinct canonical IRIs.
RESOLVED = """
SELECT DISTINCT ?kind ?x WHERE {
  GRAPH ?g {
    ?g prov:wasDerivedFrom ?art .
    { ?x a foaf:Person . BIND("people" AS ?kind) }
    UNION { ?x a org:Organization . BIND("bodies" AS ?kind) }
    UNION { ?x a eli:LegalResource . BIND("documents" AS ?kind) }
  }
}
"""


def counts(kg: KG, canon: Canonical) -> dict[str, int]:
    found = {r["kind"] or "": int(r["n"] or 0) for r in kg.select(COUNTS).rows}
    entities: dict[str, set[str]] = {}
    for r in kg.select(RESOLVED).rows:
        entities.setdefault(r["kind"] or "", set()).add(canon(r["x"] or ""))
    found.update({kind: len(xs) for kind, xs in entities.items()})
    return {k: found.get(k, 0) for k in ("articles", "people", "bodies", "documents", "events", "clusters")}


def search(kg: KG, q: str, canon: Canonical, limit: int = 100) -> list[Row]:
    """Entities with a page whose label contains ``q``, diacritic-free and casefolded, once each."""
    hits = find(kg, q, limit=SCAN, canon=canon)
    return [{"x": h.iri, "label": h.label} for h in hits if page_url(h.iri)][:limit]


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

# Who attended an event with the person: counted per canonical person by co_attendees.
CO_ATTENDANCE = """
SELECT DISTINCT ?event ?other ?name ?p_id WHERE {
  ?event schema:attendee/schema:attendee ?p_id , ?other .
  ?other foaf:name ?name .
}
"""


def co_attendees(e: Entity, limit: int = 50) -> list[Row]:
    """The people who attended events with ``e`` (``other``, ``name``, ``n`` events), most first."""
    events: dict[str, set[str]] = {}
    names: dict[str, str | None] = {}
    for r in e.rows(CO_ATTENDANCE, {"other": "name"}):
        other = r["other"] or ""
        if other != e.iri:
            events.setdefault(other, set()).add(r["event"] or "")
            names.setdefault(other, r["name"])
    ranked = sorted(events, key=lambda o: (-len(events[o]), names[o] or "", o))[:limit]
    return [{"other": o, "name": names[o], "n": str(len(events[o]))} for o in ranked]

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


def listing(kg: KG, collection: str, canon: Canonical) -> list[Row]:
    """A list page's rows, one per canonical entity: counts (``n``) of merged nodes added up (each
    article holds one node per document, so no article is counted twice), re-ranked if any merged."""
    rows = kg.select(LIST_QUERIES[collection]).rows
    merged: dict[str, Row] = {}
    for r in rows:
        c = canon(r["x"] or "")
        seen = merged.get(c)
        if seen is None:
            merged[c] = {**r, "x": c, "label": r["label"] if c == r["x"] else canon.labels.get(c, r["label"])}
            continue
        if c == r["x"]:
            seen["label"] = r["label"]
        if "n" in r:
            seen["n"] = str(int(seen["n"] or 0) + int(r["n"] or 0))
        if "date" in r:
            seen["date"] = seen["date"] or r["date"]
    out = list(merged.values())
    if len(out) < len(rows) and collection in ("documents", "people"):
        out.sort(key=lambda r: (-int(r["n"] or 0), r["label"] or ""))
    return out
