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
- :func:`career_graph` — person -> posts -> organizations, with first and last dates seen (in
  :mod:`vietkg.graph.careers`, with :func:`post_observations`; node helpers in :mod:`vietkg.graph.nodes`);
- rankings (most-cited documents, most active units and officials, brokers) live in
  :mod:`vietkg.graph.rankings`, GraphML and GEXF exports in :mod:`vietkg.graph.export`.

Every builder shows an entity once, under its canonical IRI (:mod:`vietkg.graph.canonical`): a
person seen in two articles, a body under two names, a document cited with and without its term are
one node carrying the facts of all and described as the canonical node describes it, with its
aliases listed in ``same_as``. An IRI given as a parameter may be an alias. Builders take the
:class:`~vietkg.graph.canonical.Canonical` map a caller already loaded (``canon=``), else load it.

Parameters reach SPARQL only through substitutions (an optional one not given is ``""``).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import TypedDict

import networkx as nx
from pyoxigraph import NamedNode

from vietkg.graph.canonical import CARRIES_OUT, Canonical
from vietkg.graph.careers import PostObservation, career_graph, post_observations
from vietkg.graph.nodes import (
    KIND_OF_SEGMENT,
    add_entity,
    canonical_map,
    doc_label,
    entity_kind,
    mark_aliases,
    param,
    select_for,
)
from vietkg.graph.store import KG

log = logging.getLogger(__name__)

__all__ = ["KIND_OF_SEGMENT", "ImplementationRecord", "PostObservation", "add_entity", "career_graph",
           "cluster_graph", "cluster_years", "coattendance_graph", "doc_label", "entity_kind",
           "implementation_records", "mark_aliases", "post_observations", "trace_graph"]

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
                  year: int | str | None = None, canon: Canonical | None = None) -> nx.DiGraph:
    """Organiser -> clusters -> member units; one ``member`` edge per (cluster, unit).

    A member edge carries ``years`` (sorted), ``roles`` (year -> role notation: leader, deputy,
    member), ``role`` (the role of the latest year) and ``role_label`` (its Vietnamese label). With
    ``year`` only that year's memberships are kept; clusters stay even when that year lists no one.
    """
    canon = canonical_map(kg, canon)
    rows = select_for(kg, _CLUSTERS, canon, "p_organiser", organiser, p_cluster=param(cluster))
    g = nx.DiGraph(name="cluster membership")
    want = str(year) if year is not None else None
    for r in canon.rows(rows, {"organiser": "olabel", "member": "mlabel"}):
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
    return mark_aliases(g, canon)


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
_TRACE_DOCS = f"""
SELECT DISTINCT ?doc ?symbol ?term ?title ?date ?parent ?p_root WHERE {{
  ?p_root a eli:LegalResource .
  ?doc {CARRIES_OUT} ?p_root ; eli:id_local ?symbol .
  OPTIONAL {{ ?doc vkg:term ?term }}
  OPTIONAL {{ ?doc eli:title ?title }}
  OPTIONAL {{ ?doc vkg:dateText ?date }}
  OPTIONAL {{ ?doc vkg:implementsDocument ?parent . ?parent {CARRIES_OUT} ?p_root }}
}}
"""

_TRACE_IMPLS = f"""
SELECT DISTINCT ?impl ?doc ?unit ?ulabel ?mode ?modeVi ?date ?earliest ?cluster ?clabel ?quote ?start ?end
       ?article ?p_root WHERE {{
  ?doc {CARRIES_OUT} ?p_root .
  ?impl a vkg:Implementation ; vkg:document ?doc ; vkg:unit ?unit ; vkg:mode ?modeNode .
  ?unit skos:prefLabel ?ulabel .
  OPTIONAL {{ ?modeNode skos:notation ?mode }}
  OPTIONAL {{ ?modeNode skos:prefLabel ?modeVi FILTER(LANG(?modeVi) = "vi") }}
  OPTIONAL {{ ?impl vkg:dateText ?date }}
  OPTIONAL {{ ?impl vkg:earliest ?earliest }}
  OPTIONAL {{ ?impl vkg:viaCluster ?cluster . ?cluster skos:prefLabel ?clabel }}
  OPTIONAL {{ ?impl vkg:inArticle ?article }}
  OPTIONAL {{ ?impl vkg:evidence ?ev . ?ev vkg:quote ?quote ; vkg:startOffset ?start ; vkg:endOffset ?end }}
}}
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


def trace_graph(kg: KG, document: str, canon: Canonical | None = None) -> nx.DiGraph:
    """``document``, the documents carrying it out (transitively), and the units that implemented each.

    Edges point from the implementer to what it implements: ``carries-out`` (document -> the
    document it implements) and ``implements`` (unit -> document, with ``modes``, ``dates`` and
    ``records``: every :class:`ImplementationRecord` behind the edge). The root node has ``root``
    set; the graph is empty when the store holds no such document.
    """
    canon = canonical_map(kg, canon)
    root = canon(document)
    g = nx.DiGraph(name="directive trace")
    rows = kg.select(_TRACE_DOCS, {"p_root": NamedNode(root)}).rows
    for r in canon.rows(rows, {"doc": ("symbol", "term", "title", "date")}):
        doc = r["doc"] or ""
        add_entity(g, doc, doc_label(r["symbol"], r["term"]), "document", title=r["title"], date=r["date"])
        if r["parent"] and r["parent"] != doc:
            g.add_edge(doc, r["parent"], relation="carries-out")
    if root in g:
        g.nodes[root]["root"] = True
    for rec in implementation_records(kg, root, canon):
        add_entity(g, rec["unit"], rec["unit_label"], "organization")
        if not g.has_edge(rec["unit"], rec["document"]):
            g.add_edge(rec["unit"], rec["document"], relation="implements", modes=[], dates=[], records=[])
        data = g.edges[rec["unit"], rec["document"]]
        data["records"].append(rec)
        if rec["mode"] not in data["modes"]:
            data["modes"].append(rec["mode"])
        if rec["date"] and rec["date"] not in data["dates"]:
            data["dates"] = sorted([*data["dates"], rec["date"]])
    return mark_aliases(g, canon)


def implementation_records(kg: KG, document: str, canon: Canonical | None = None) -> list[ImplementationRecord]:
    """Every implementation of ``document`` or of a document carrying it out, oldest first; units
    and documents under their canonical IRI."""
    canon = canonical_map(kg, canon)
    by_impl: dict[str, ImplementationRecord] = {}
    raw = kg.select(_TRACE_IMPLS, {"p_root": NamedNode(canon(document))}).rows
    rows = canon.rows(raw, {"unit": "ulabel"})
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


def coattendance_graph(kg: KG, *, min_weight: int = 1, isolates: bool = True,
                       canon: Canonical | None = None) -> nx.Graph:
    """People linked when they attended the same event; ``weight`` = events shared.

    Nodes carry ``events`` (how many events the person attended); edges carry ``weight`` and
    ``events`` (the shared event IRIs). Edges lighter than ``min_weight`` are dropped, and people
    left without an edge too unless ``isolates``.
    """
    attendees: dict[str, set[str]] = defaultdict(set)
    g = nx.Graph(name="co-attendance")
    canon = canonical_map(kg, canon)
    for r in canon.rows(kg.select(_ATTENDANCE).rows, {"person": "name"}):
        person = r["person"] or ""
        add_entity(g, person, r["name"], "person")
        attendees[r["event"] or ""].add(person)
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
    return mark_aliases(g, canon)
