"""The SPARQL behind the REST routes. Every input arrives as a bound variable (``?id``, ``?q``,
``?prefix``, ``?p_year``) through pyoxigraph's substitutions, never by string formatting.

pyoxigraph requires a substituted variable to be projected, and ``BOUND(?v)`` is false for a
substituted ``?v``, so optional inputs are always substituted, with ``""`` meaning "not given".

Entities are canonical (:mod:`vietkg.graph.canonical`): a query about one entity is run once per
node of it (``?id`` bound to the canonical IRI, then to each alias) by
:meth:`~vietkg.graph.canonical.Entity.rows`, which maps the rows to canonical IRIs; the trace
queries instead walk :data:`~vietkg.graph.canonical.CARRIES_OUT` from the canonical document.

The store's PREFIXes (vkg, org, schema, eli, skos, foaf, dct, rdfs ...) are declared by ``KG``.
The default graph is the union of all graphs.
"""

from __future__ import annotations

from vietkg.graph.canonical import ALIAS_OF, CARRIES_OUT

EXISTS = "ASK { { ?id ?p ?o } UNION { ?s ?p ?id } }"

LABEL = """
SELECT ?id (SAMPLE(?l) AS ?label) WHERE {
  OPTIONAL { ?id foaf:name|skos:prefLabel|rdfs:label ?l }
}
GROUP BY ?id
"""

EVIDENCE_VARS = "?source ?atitle ?quote ?start ?end"


def evidence_of(node: str) -> str:
    """OPTIONAL patterns binding the evidence of ``node`` (a variable name with '?')."""
    return f"""
  OPTIONAL {{ {node} vkg:evidence ?ev . ?ev vkg:quote ?quote .
             OPTIONAL {{ ?ev vkg:startOffset ?start ; vkg:endOffset ?end }}
             OPTIONAL {{ ?ev vkg:inArticle ?art . ?art vkg:sourceUrl ?source .
                        OPTIONAL {{ ?art dct:title ?atitle }} }} }}"""


PERSON_POSTS = f"""
SELECT DISTINCT ?id ?obs ?role ?post ?postLabel ?org ?orgLabel ?date ?earliest ?title ?former {EVIDENCE_VARS} WHERE {{
  ?obs a vkg:PostObservation ; org:member ?id .
  OPTIONAL {{ ?obs org:role/skos:prefLabel ?role FILTER(LANGMATCHES(LANG(?role), "vi")) }}
  OPTIONAL {{ ?obs vkg:post ?post . OPTIONAL {{ ?post skos:prefLabel ?postLabel }} }}
  OPTIONAL {{ ?obs org:organization ?org . OPTIONAL {{ ?org skos:prefLabel ?orgLabel }} }}
  OPTIONAL {{ ?obs vkg:dateText ?date }}
  OPTIONAL {{ ?obs vkg:earliest ?earliest }}
  OPTIONAL {{ ?obs vkg:titleAsWritten ?title }}
  OPTIONAL {{ ?obs vkg:former ?former }}
  {evidence_of("?obs")}
}}
ORDER BY ?earliest ?date ?obs
"""

PERSON_EVENTS = """
SELECT DISTINCT ?id ?event ?eventLabel ?date ?title ?part WHERE {
  ?event schema:attendee ?r . ?r schema:attendee ?id .
  OPTIONAL { ?r vkg:titleAsWritten ?title }
  OPTIONAL { ?r schema:roleName ?part }
  OPTIONAL { ?event schema:name ?eventLabel }
  OPTIONAL { ?event vkg:dateText ?date }
}
ORDER BY ?date ?event
"""

ORG_BASIC = """
SELECT DISTINCT ?id ?name ?alt ?bodyType ?parent ?parentLabel WHERE {
  OPTIONAL { ?id skos:prefLabel ?name }
  OPTIONAL { ?id skos:altLabel ?alt }
  OPTIONAL { ?id vkg:bodyType/skos:notation ?bodyType }
  OPTIONAL { ?id org:unitOf|org:subOrganizationOf ?parent . OPTIONAL { ?parent skos:prefLabel ?parentLabel } }
}
"""

ORG_CHILDREN = """
SELECT DISTINCT ?id ?child ?childLabel ?rel WHERE {
  { ?child org:unitOf ?id . BIND("unit" AS ?rel) }
  UNION { ?child org:subOrganizationOf ?id . BIND("sub" AS ?rel) }
  OPTIONAL { ?child skos:prefLabel ?childLabel }
}
ORDER BY ?childLabel
"""

ORG_POSTS = f"""
SELECT DISTINCT ?id ?post ?postLabel ?person ?personLabel ?date ?earliest {EVIDENCE_VARS} WHERE {{
  ?post org:postIn ?id .
  OPTIONAL {{ ?post skos:prefLabel ?postLabel }}
  OPTIONAL {{ ?obs vkg:post ?post ; org:member ?person .
             OPTIONAL {{ ?person foaf:name ?personLabel }}
             OPTIONAL {{ ?obs vkg:dateText ?date }} OPTIONAL {{ ?obs vkg:earliest ?earliest }}
             {evidence_of("?obs")} }}
}}
ORDER BY ?postLabel ?earliest ?personLabel
"""

ORG_CLUSTERS = """
SELECT DISTINCT ?id ?cluster ?clusterLabel ?year ?role ?rel WHERE {
  { ?ms a vkg:ClusterMembership ; org:member ?id ; org:organization ?cluster .
    OPTIONAL { ?ms vkg:year ?y } OPTIONAL { ?ms vkg:clusterRole/skos:notation ?r }
    BIND(STR(?y) AS ?year) BIND(STR(?r) AS ?role) BIND("member" AS ?rel) }
  UNION { ?cluster vkg:organisedBy ?id . BIND("organiser" AS ?rel) }
  OPTIONAL { ?cluster skos:prefLabel ?clusterLabel }
}
ORDER BY ?year ?clusterLabel
"""

CLUSTER_BASIC = """
SELECT ?id ?name ?number ?organiser ?organiserLabel WHERE {
  OPTIONAL { ?id skos:prefLabel ?name }
  OPTIONAL { ?id vkg:clusterNumber ?number }
  OPTIONAL { ?id vkg:organisedBy ?organiser . OPTIONAL { ?organiser skos:prefLabel ?organiserLabel } }
}
LIMIT 1
"""

# The member's label is a DISTINCT sub-select: the union of the article graphs repeats it once per
# graph, and joined directly the repeats multiply.
CLUSTER_MEMBERS = f"""
SELECT DISTINCT ?id ?p_year ?year ?member ?memberLabel ?role {EVIDENCE_VARS} WHERE {{
  {{ SELECT DISTINCT ?id ?ms ?year ?member ?role {EVIDENCE_VARS} WHERE {{
      ?ms a vkg:ClusterMembership ; org:organization ?id ; org:member ?member .
      OPTIONAL {{ ?ms vkg:year ?y }}
      OPTIONAL {{ ?ms vkg:clusterRole/skos:notation ?r }}
      BIND(STR(?y) AS ?year) BIND(STR(?r) AS ?role)
      {evidence_of("?ms")} }} }}
  FILTER(STR(?p_year) = "" || ?year = ?p_year)
  OPTIONAL {{ SELECT DISTINCT ?member ?memberLabel WHERE {{
      {{ SELECT DISTINCT ?member WHERE {{ ?ms a vkg:ClusterMembership ; org:member ?member }} }}
      ?member skos:prefLabel ?memberLabel }} }}
}}
ORDER BY ?year ?memberLabel
"""

DOC_BASIC = """
SELECT ?id ?symbol ?kind ?title ?date ?term ?issuer ?issuerLabel WHERE {
  OPTIONAL { ?id eli:id_local ?symbol }
  OPTIONAL { ?id vkg:kindCode ?kind }
  OPTIONAL { ?id eli:title ?title }
  OPTIONAL { ?id vkg:dateText ?date }
  OPTIONAL { ?id vkg:term ?term }
  OPTIONAL { ?id eli:passed_by ?issuer . OPTIONAL { ?issuer skos:prefLabel ?issuerLabel } }
}
LIMIT 1
"""

DOC_CITATIONS = f"""
SELECT DISTINCT ?id ?cit {EVIDENCE_VARS} WHERE {{
  ?cit a vkg:Citation ; vkg:document ?id .
  {evidence_of("?cit")}
}}
ORDER BY ?source ?start
"""

DOC_LINKS = """
SELECT DISTINCT ?id ?other ?otherLabel ?rel WHERE {
  { ?id vkg:implementsDocument ?other . BIND("implements" AS ?rel) }
  UNION { ?other vkg:implementsDocument ?id . BIND("implemented_by" AS ?rel) }
  UNION { ?id eli:based_on ?other . BIND("based_on" AS ?rel) }
  OPTIONAL { ?other eli:id_local ?otherLabel }
}
ORDER BY ?rel ?otherLabel
"""

# Implementations of ?id itself (``?p_self`` = "yes") or also of every document carrying it out,
# transitively, aliases included (run once, for the canonical ?id).
IMPLEMENTATIONS = f"""
SELECT DISTINCT ?id ?p_self ?doc ?docLabel ?impl ?unit ?unitLabel ?mode ?date ?earliest ?cluster ?clusterLabel
       {EVIDENCE_VARS} WHERE {{
  ?doc {CARRIES_OUT} ?id .
  FILTER(STR(?p_self) = "" || EXISTS {{ ?doc {ALIAS_OF} ?id }})
  OPTIONAL {{ ?doc eli:id_local ?docLabel }}
  ?impl a vkg:Implementation ; vkg:document ?doc ; vkg:unit ?unit .
  OPTIONAL {{ ?unit skos:prefLabel ?unitLabel }}
  OPTIONAL {{ ?impl vkg:mode/skos:notation ?m }} BIND(STR(?m) AS ?mode)
  OPTIONAL {{ ?impl vkg:dateText ?date }} OPTIONAL {{ ?impl vkg:earliest ?earliest }}
  OPTIONAL {{ ?impl vkg:viaCluster ?cluster . OPTIONAL {{ ?cluster skos:prefLabel ?clusterLabel }} }}
  {evidence_of("?impl")}
}}
ORDER BY ?doc ?earliest ?unitLabel
"""

# Steps of the trace (run once, for the canonical ?id); the caller drops the steps that become
# loops once documents are canonical.
TRACE_STEPS = f"""
SELECT DISTINCT ?id ?doc ?docLabel ?parent ?parentLabel WHERE {{
  ?doc vkg:implementsDocument ?parent . ?parent {CARRIES_OUT} ?id .
  OPTIONAL {{ ?doc eli:id_local ?docLabel }}
  OPTIONAL {{ ?parent eli:id_local ?parentLabel }}
}}
ORDER BY ?parentLabel ?docLabel
"""

EVENT_BASIC = f"""
SELECT ?id ?name ?date ?organizer ?organizerLabel ?location {EVIDENCE_VARS} WHERE {{
  ?id a schema:Event .
  OPTIONAL {{ ?id schema:name ?name }}
  OPTIONAL {{ ?id vkg:dateText ?date }}
  OPTIONAL {{ ?id schema:organizer ?organizer . OPTIONAL {{ ?organizer skos:prefLabel ?organizerLabel }} }}
  OPTIONAL {{ ?id schema:location ?location }}
  {evidence_of("?id")}
}}
LIMIT 1
"""

EVENT_LISTS = """
SELECT DISTINCT ?id ?kind ?about ?aboutLabel WHERE {
  { ?id vkg:eventKind/skos:notation ?k . BIND(STR(?k) AS ?kind) }
  UNION { ?id schema:about ?about . OPTIONAL { ?about eli:id_local ?aboutLabel } }
}
"""

EVENT_ATTENDEES = """
SELECT DISTINCT ?id ?r ?person ?personLabel ?title ?part WHERE {
  ?id schema:attendee ?r . ?r schema:attendee ?person .
  OPTIONAL { ?person foaf:name ?personLabel }
  OPTIONAL { ?r vkg:titleAsWritten ?title }
  OPTIONAL { ?r schema:roleName ?part }
}
ORDER BY ?r
"""
