"""Graph analytics: pure functions from the store to networkx graphs, and exports for Gephi.

Every builder takes a :class:`~vietkg.graph.store.KG` and returns a fresh networkx graph; nothing
is cached or written. Nodes are entity IRIs and carry ``kind`` (``organization``, ``cluster``,
``document``, ``person``, ``event``, ``post``, ``article``), ``label`` (Vietnamese, as the store
holds it) and ``iri``; edges carry ``relation`` and what the relation needs (year and role of a
cluster membership, mode and date of an implementation, weight of a co-attendance ...).

- :func:`cluster_graph` — organiser -> emulation clusters -> member units, by year, with roles;
- :func:`trace_graph` — a document, the documents that carry it out (transitively) and the units
  that implemented each, with modes and dates;
- :func:`coattendance_graph` — officials linked when they attended the same event, weighted;
- :func:`career_graph` — person -> posts -> organizations, with first and last dates seen;
- rankings (most-cited documents, most active units and officials, brokers) live in
  :mod:`vietkg.graph.rankings`, GraphML and GEXF exports in :mod:`vietkg.graph.export`.

Parameters reach SPARQL only through substitutions (an optional one not given is ``""``).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Any, TypedDict

import networkx as nx
from pyoxigraph import Literal, NamedNode

from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS

log = logging.getLogger(__name__)

# The second segment of an entity IRI (https://vietkg.org/id/<segment>/...) -> node kind.
KIND_OF_SEGMENT = {"person": "person", "org": "organization", "cluster": "cluster", "doc": "document",
                   "event": "event", "article": "article", "post": "post"}
VOCAB_POST = "https://vietkg.org/vocab/post/"


def entity_kind(iri: str) -> str:
    """The node kind of an entity IRI (``https://vietkg.org/id/org/...`` -> ``organization``)."""
    if iri.startswith(VOCAB_POST):
        return "post"
    if iri.startswith(ID_NS):
        return KIND_OF_SEGMENT.get(iri[len(ID_NS):].split("/", 1)[0], "other")
    return "other"


def add_entity(g: nx.Graph, iri: str, label: str | None, kind: str | None = None, **attrs: Any) -> None:
    """Add (or complete) the node ``iri`` with ``kind``, ``label`` and ``iri`` attributes."""
    if iri not in g:
        g.add_node(iri)
    data = g.nodes[iri]
    if "kind" not in data:  # new, or made by an edge before its own row came
        data.update(iri=iri, kind=kind or entity_kind(iri), label=label or iri.rsplit("/", 1)[-1])
    data.update({k: v for k, v in attrs.items() if v is not None})


def _param(iri: str | None) -> NamedNode | Literal:
    """An optional IRI parameter: pyoxigraph never counts a substituted variable as BOUND, so a
    parameter not given is substituted with ``""`` and the queries test ``STR(?p_x) = ""``."""
    return NamedNode(iri) if iri else Literal("")


def doc_label(symbol: str | None, term: str | None) -> str | None:
    """``35-NQ/TW (khóa XII)``: party numbers restart each term, so the symbol alone is ambiguous."""
    return f"{symbol} (khóa {term})" if symbol and term else symbol


# -- cluster membership ---------------------------------------------------------------------------
_CLUSTERS = """
SELECT DISTINCT ?cluster ?clabel ?number ?organiser ?olabel ?member ?mlabel ?year ?role ?roleVi
       ?p_cluster ?p_organiser WHERE {
  ?cluster a vkg:EmulationCluster ; vkg:clusterNumber ?number ; skos:prefLabel ?clabel .
  OPTIONAL { ?cluster vkg:organisedBy ?organiser . ?organiser skos:prefLabel ?olabel }
  OPTIONAL {
    ?ms a vkg:ClusterMembership ; org:organization ?cluster ; org:member ?member ; vkg:clusterRole ?roleNode .
    ?member skos:prefLabel ?mlabel .
    OPTIONAL { ?ms vkg:year ?y }
    OPTIONAL { ?roleNode skos:notation ?role }
    OPTIONAL { ?roleNode skos:prefLabel ?roleVi FILTER(LANG(?roleVi) = "vi") }
  }
  BIND(STR(?y) AS ?year)
  FILTER(STR(?p_cluster) = "" || ?cluster = ?p_cluster)
  FILTER(STR(?p_organiser) = "" || ?organiser = ?p_organiser)
}
"""


def cluster_graph(kg: KG, *, cluster: str | None = None, organiser: str | None = None,
                  year: int | str | None = None) -> nx.DiGraph:
    """Organiser -> clusters -> member units; one ``member`` edge per (cluster, unit).

    A member edge carries ``years`` (sorted), ``roles`` (year -> role notation: leader, deputy,
    member), ``role`` (the role of the latest year) and ``role_label`` (its Vietnamese label). With
    ``year`` only that year's memberships are kept; clusters stay even when that year lists no one.
    """
    subs = {"p_cluster": _param(cluster), "p_organiser": _param(organiser)}
    g = nx.DiGraph(name="cluster membership")
    want = str(year) if year is not None else None
    for r in kg.select(_CLUSTERS, subs).rows:
        c = r["cluster"] or ""
        add_entity(g, c, r["clabel"], "cluster", number=int(r["number"] or 0))
        if r["organiser"]:
            add_entity(g, r["organiser"], r["olabel"], "organization", organiser=True)
            g.add_edge(r["organiser"], c, relation="organises")
        if not r["member"] or (want is not None and r["year"] != want):
            continue
        add_entity(g, r["member"], r["mlabel"], "organization")
        _add_membership(g, c, r)
    for _, _, data in g.edges(data=True):
        if data["relation"] == "member":
            latest = data["years"][-1]
            data["role"] = data["roles"][latest]
            data["role_label"] = data["role_labels"][latest]
    return g


def _add_membership(g: nx.DiGraph, cluster: str, r: dict[str, str | None]) -> None:
    member = r["member"] or ""
    if not g.has_edge(cluster, member):
        g.add_edge(cluster, member, relation="member", years=[], roles={}, role_labels={})
    data = g.edges[cluster, member]
    y = r["year"] or "?"
    if y not in data["years"]:
        data["years"] = sorted([*data["years"], y])
    data["roles"][y] = r["role"] or "member"
    data["role_labels"][y] = r["roleVi"] or r["role"] or "thành viên"


def cluster_years(g: nx.DiGraph) -> list[str]:
    """The membership years a cluster graph holds, sorted."""
    return sorted({y for _, _, d in g.edges(data=True) for y in d.get("years", ())})


# -- directive trace ------------------------------------------------------------------------------
_TRACE_DOCS = """
SELECT DISTINCT ?doc ?symbol ?term ?title ?date ?parent ?p_root WHERE {
  ?p_root a eli:LegalResource .
  ?doc vkg:implementsDocument* ?p_root ; eli:id_local ?symbol .
  OPTIONAL { ?doc vkg:term ?term }
  OPTIONAL { ?doc eli:title ?title }
  OPTIONAL { ?doc vkg:dateText ?date }
  OPTIONAL { ?doc vkg:implementsDocument ?parent . ?parent vkg:implementsDocument* ?p_root }
}
"""

_TRACE_IMPLS = """
SELECT DISTINCT ?impl ?doc ?unit ?ulabel ?mode ?modeVi ?date ?earliest ?cluster ?clabel ?quote ?start ?end
       ?article ?p_root WHERE {
  ?doc vkg:implementsDocument* ?p_root .
  ?impl a vkg:Implementation ; vkg:document ?doc ; vkg:unit ?unit ; vkg:mode ?modeNode .
  ?unit skos:prefLabel ?ulabel .
  OPTIONAL { ?modeNode skos:notation ?mode }
  OPTIONAL { ?modeNode skos:prefLabel ?modeVi FILTER(LANG(?modeVi) = "vi") }
  OPTIONAL { ?impl vkg:dateText ?date }
  OPTIONAL { ?impl vkg:earliest ?earliest }
  OPTIONAL { ?impl vkg:viaCluster ?cluster . ?cluster skos:prefLabel ?clabel }
  OPTIONAL { ?impl vkg:inArticle ?article }
  OPTIONAL { ?impl vkg:evidence ?ev . ?ev vkg:quote ?quote ; vkg:startOffset ?start ; vkg:endOffset ?end }
}
"""


class ImplementationRecord(TypedDict):
    """One report that a unit implemented a document."""

    impl: str
    document: str
    unit: str
    unit_label: str
    mode: str
    mode_label: str
    date: str | None
    via_cluster: str | None
    via_cluster_label: str | None
    quote: str | None
    evidence_start: str | None
    evidence_end: str | None
    article: str | None


def trace_graph(kg: KG, document: str) -> nx.DiGraph:
    """``document``, the documents carrying it out (transitively), and the units that implemented each.

    Edges point from the implementer to what it implements: ``carries-out`` (document -> the
    document it implements) and ``implements`` (unit -> document, with ``modes``, ``dates`` and
    ``records``: every :class:`ImplementationRecord` behind the edge). The root node has ``root``
    set; the graph is empty when the store holds no such document.
    """
    g = nx.DiGraph(name="directive trace")
    subs = {"p_root": NamedNode(document)}
    for r in kg.select(_TRACE_DOCS, subs).rows:
        add_entity(g, r["doc"] or "", doc_label(r["symbol"], r["term"]), "document", title=r["title"],
                  date=r["date"])
        if r["parent"]:
            g.add_edge(r["doc"], r["parent"], relation="carries-out")
    if document in g:
        g.nodes[document]["root"] = True
    for rec in implementation_records(kg, document):
        add_entity(g, rec["unit"], rec["unit_label"], "organization")
        if not g.has_edge(rec["unit"], rec["document"]):
            g.add_edge(rec["unit"], rec["document"], relation="implements", modes=[], dates=[], records=[])
        data = g.edges[rec["unit"], rec["document"]]
        data["records"].append(rec)
        if rec["mode"] not in data["modes"]:
            data["modes"].append(rec["mode"])
        if rec["date"] and rec["date"] not in data["dates"]:
            data["dates"] = sorted([*data["dates"], rec["date"]])
    return g


def implementation_records(kg: KG, document: str) -> list[ImplementationRecord]:
    """Every implementation of ``document`` or of a document carrying it out, oldest first."""
    by_impl: dict[str, ImplementationRecord] = {}
    rows = kg.select(_TRACE_IMPLS, {"p_root": NamedNode(document)}).rows
    for r in sorted(rows, key=lambda r: (r["earliest"] or "9999", r["impl"] or "")):
        impl = r["impl"] or ""
        if impl in by_impl:
            continue
        by_impl[impl] = ImplementationRecord(
            impl=impl, document=r["doc"] or "", unit=r["unit"] or "", unit_label=r["ulabel"] or "",
            mode=r["mode"] or "", mode_label=r["modeVi"] or r["mode"] or "", date=r["date"],
            via_cluster=r["cluster"], via_cluster_label=r["clabel"], quote=r["quote"], evidence_start=r["start"],
            evidence_end=r["end"], article=r["article"])
    return list(by_impl.values())


# -- co-attendance --------------------------------------------------------------------------------
_ATTENDANCE = """
SELECT DISTINCT ?event ?person ?name WHERE {
  ?event a schema:Event ; schema:attendee ?role .
  ?role schema:attendee ?person .
  ?person foaf:name ?name .
}
"""


def coattendance_graph(kg: KG, *, min_weight: int = 1, isolates: bool = True) -> nx.Graph:
    """People linked when they attended the same event; ``weight`` = events shared.

    Nodes carry ``events`` (how many events the person attended); edges carry ``weight`` and
    ``events`` (the shared event IRIs). Edges lighter than ``min_weight`` are dropped, and people
    left without an edge too unless ``isolates``.
    """
    attendees: dict[str, set[str]] = defaultdict(set)
    g = nx.Graph(name="co-attendance")
    for r in kg.select(_ATTENDANCE).rows:
        person, event = r["person"] or "", r["event"] or ""
        add_entity(g, person, r["name"], "person")
        attendees[event].add(person)
    seen: Counter[str] = Counter(p for people in attendees.values() for p in people)
    for person, n in seen.items():
        g.nodes[person]["events"] = n
    for event, people in sorted(attendees.items()):
        ordered = sorted(people)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if not g.has_edge(a, b):
                    g.add_edge(a, b, relation="co-attended", weight=0, events=[])
                g.edges[a, b]["weight"] += 1
                g.edges[a, b]["events"].append(event)
    light = [(a, b) for a, b, w in g.edges(data="weight") if w < min_weight]
    g.remove_edges_from(light)
    if not isolates:
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    return g


# -- careers --------------------------------------------------------------------------------------
_OBSERVATIONS = """
SELECT DISTINCT ?obs ?person ?name ?role ?roleLabel ?post ?postLabel ?org ?orgLabel ?date ?earliest ?latest
                ?former ?title ?quote ?start ?end ?article ?p_person WHERE {
  ?obs a vkg:PostObservation ; org:member ?person ; org:role ?role .
  ?person foaf:name ?name .
  OPTIONAL { ?role skos:prefLabel ?roleLabel FILTER(LANG(?roleLabel) = "vi") }
  OPTIONAL { ?obs vkg:post ?post . ?post skos:prefLabel ?postLabel }
  OPTIONAL { ?obs org:organization ?org . ?org skos:prefLabel ?orgLabel }
  OPTIONAL { ?obs vkg:dateText ?date }
  OPTIONAL { ?obs vkg:earliest ?earliest }
  OPTIONAL { ?obs vkg:latest ?latest }
  OPTIONAL { ?obs vkg:former ?former }
  OPTIONAL { ?obs vkg:titleAsWritten ?title }
  OPTIONAL { ?obs vkg:evidence ?ev . ?ev vkg:quote ?quote ; vkg:startOffset ?start ; vkg:endOffset ?end }
  OPTIONAL { ?obs vkg:observedIn ?article }
  FILTER(STR(?p_person) = "" || ?person = ?p_person)
}
"""


class PostObservation(TypedDict):
    """One article's statement that a person held a post in an organization on a date."""

    obs: str
    person: str
    name: str
    post: str  # the org:Post IRI, or the role concept when the organization is not known
    post_label: str
    role_label: str
    organization: str | None
    organization_label: str | None
    date: str | None
    earliest: str | None
    latest: str | None
    former: bool
    title: str | None
    quote: str | None
    evidence_start: str | None
    evidence_end: str | None
    article: str | None


def post_observations(kg: KG, person: str | None = None) -> list[PostObservation]:
    """Every post observation (of ``person``, or of everyone), in date order."""
    subs = {"p_person": _param(person)}
    out: dict[str, PostObservation] = {}
    for r in kg.select(_OBSERVATIONS, subs).rows:
        obs = r["obs"] or ""
        if obs in out:
            continue
        role_label = r["roleLabel"] or (r["role"] or "").rsplit("/", 1)[-1]
        out[obs] = PostObservation(
            obs=obs, person=r["person"] or "", name=r["name"] or "", post=r["post"] or r["role"] or "",
            post_label=r["postLabel"] or role_label, role_label=role_label, organization=r["org"],
            organization_label=r["orgLabel"], date=r["date"], earliest=r["earliest"], latest=r["latest"],
            former=r["former"] == "true", title=r["title"], quote=r["quote"], evidence_start=r["start"],
            evidence_end=r["end"], article=r["article"])
    return sorted(out.values(), key=lambda o: (o["earliest"] or "9999", o["person"], o["post_label"]))


def career_graph(kg: KG, person: str | None = None) -> nx.DiGraph:
    """Person -> posts -> organizations; ``holds`` edges carry ``first``, ``last`` and ``seen``."""
    g = nx.DiGraph(name="careers")
    for o in post_observations(kg, person):
        add_entity(g, o["person"], o["name"], "person")
        add_entity(g, o["post"], o["post_label"], "post")
        if o["organization"]:
            add_entity(g, o["organization"], o["organization_label"], "organization")
            g.add_edge(o["post"], o["organization"], relation="post-in")
        if not g.has_edge(o["person"], o["post"]):
            g.add_edge(o["person"], o["post"], relation="holds", seen=0, dates=[], former=o["former"])
        data = g.edges[o["person"], o["post"]]
        data["seen"] += 1
        data["former"] = data["former"] and o["former"]
        if o["date"] and o["date"] not in data["dates"]:
            data["dates"] = sorted([*data["dates"], o["date"]])
        if o["earliest"]:
            data["first"] = min(data.get("first", o["earliest"]), o["earliest"])
        if o["latest"]:
            data["last"] = max(data.get("last", o["latest"]), o["latest"])
    return g
