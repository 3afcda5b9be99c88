"""Rankings over the graph: who and what appears in the most articles, and who bridges groups.

:func:`activity_graph` is a pure function of the store (article -> entity edges saying how the
entity appears); :func:`rank` and :func:`brokers` read networkx graphs; :func:`rankings` bundles
the usual three: most-cited documents, most active units, most active officials.

Entities are canonical (:mod:`vietkg.graph.canonical`), and a score counts distinct articles: a
document cited as "35-NQ/TW" in one article and as "Nghị quyết 35-NQ/TW ... khóa XII" in another is
one document cited twice; an article citing it both ways counts once.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TypedDict

import networkx as nx

from vietkg.graph.canonical import Canonical, load_canonical
from vietkg.graph.nodes import add_entity, doc_label, mark_aliases
from vietkg.graph.store import KG

log = logging.getLogger(__name__)

_ACTIVITY = """
SELECT DISTINCT ?article ?entity ?how ?label ?term WHERE {
  { ?x a vkg:Citation ; vkg:document ?entity ; vkg:inArticle ?article . BIND("cites" AS ?how) }
  UNION { ?x a vkg:Implementation ; vkg:unit ?entity ; vkg:inArticle ?article . BIND("implements" AS ?how) }
  UNION { ?x a vkg:Implementation ; vkg:document ?entity ; vkg:inArticle ?article . BIND("implemented" AS ?how) }
  UNION { ?x a schema:Event ; vkg:inArticle ?article ; schema:attendee/schema:attendee ?entity .
          BIND("attends" AS ?how) }
  UNION { ?x a schema:Event ; vkg:inArticle ?article ; schema:organizer ?entity . BIND("organises" AS ?how) }
  UNION { ?x a vkg:PostObservation ; vkg:observedIn ?article ; org:member ?entity . BIND("holds-post" AS ?how) }
  UNION { ?x a vkg:PostObservation ; vkg:observedIn ?article ; org:organization ?entity .
          BIND("has-post" AS ?how) }
  UNION { ?x a vkg:ClusterMembership ; org:member ?entity ; vkg:evidence/vkg:inArticle ?article .
          BIND("cluster-member" AS ?how) }
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity vkg:term ?term }
}
"""


class Ranked(TypedDict):
    iri: str
    label: str
    kind: str
    score: float  # distinct articles (rank); betweenness (brokers)
    detail: dict[str, int]  # relation -> distinct articles


def activity_graph(kg: KG, canon: Canonical | None = None) -> nx.DiGraph:
    """Article -> entity, one edge per article and entity, ``relations`` saying how it appears.

    Relations: ``cites`` and ``implemented`` (documents), ``implements``, ``organises``,
    ``has-post`` and ``cluster-member`` (units), ``attends`` and ``holds-post`` (people).
    """
    g = nx.DiGraph(name="activity")
    canon = canon if canon is not None else load_canonical(kg)
    for r in canon.rows(kg.select(_ACTIVITY).rows, {"entity": ("label", "term")}):
        article, entity = r["article"] or "", r["entity"] or ""
        add_entity(g, article, None, "article")
        add_entity(g, entity, doc_label(r["label"], r["term"]))
        if not g.has_edge(article, entity):
            g.add_edge(article, entity, relation="mentions", relations=[])
        rels = g.edges[article, entity]["relations"]
        if r["how"] not in rels:
            rels.append(r["how"])
    return mark_aliases(g, canon)


def rank(g: nx.DiGraph, kind: str, limit: int = 10, relations: tuple[str, ...] = ()) -> list[Ranked]:
    """The ``kind`` nodes of an activity graph by the number of articles they appear in."""
    out: list[Ranked] = []
    for node, data in g.nodes(data=True):
        if data["kind"] != kind:
            continue
        detail: Counter[str] = Counter()
        score = 0
        for _, _, e in g.in_edges(node, data=True):
            hits = [h for h in e["relations"] if not relations or h in relations]
            detail.update(hits)
            score += 1 if hits else 0
        if score:
            out.append(Ranked(iri=node, label=data["label"], kind=kind, score=score, detail=dict(detail)))
    out.sort(key=lambda r: (-r["score"], r["label"]))
    return out[:limit]


def rankings(kg: KG, limit: int = 10, canon: Canonical | None = None) -> dict[str, list[Ranked]]:
    """Most-cited documents, most active units and most active officials."""
    g = activity_graph(kg, canon)
    return {
        "documents": rank(g, "document", limit, ("cites",)),
        "units": rank(g, "organization", limit),
        "officials": rank(g, "person", limit),
    }


def brokers(g: nx.Graph, limit: int = 10, sample: int = 500) -> list[Ranked]:
    """People who bridge groups: betweenness centrality in a co-attendance graph (sampled when big)."""
    if g.number_of_nodes() < 3:
        return []
    k = min(sample, g.number_of_nodes()) if g.number_of_nodes() > sample else None
    scores = nx.betweenness_centrality(g, k=k, seed=7, normalized=True)
    top = sorted((n for n in scores if scores[n] > 0), key=lambda n: (-scores[n], g.nodes[n]["label"]))[:limit]
    return [Ranked(iri=n, label=g.nodes[n]["label"], kind=g.nodes[n]["kind"], score=round(scores[n], 4),
                   detail={"events": g.nodes[n].get("events", 0), "met": g.degree(n)}) for n in top]
