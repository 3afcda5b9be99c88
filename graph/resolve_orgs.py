"""Body identity: article bodies -> the gazetteer's reference bodies, by name and alias.

See :mod:`vietkg.graph.identity` for the rules and the graph this feeds.
"""

from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import NamedNode

from vietkg.graph.identity import Components, Decision, Resolution, apply_edges, choose_canonical, org_key
from vietkg.graph.judgements import Judgement
from vietkg.graph.store import KG
from vietkg.ontology.terms import ONTOLOGY_GRAPH

log = logging.getLogger(__name__)

# Every body node with its canonical label, and the graph that holds it (the gazetteer or an article).
ORGS_Q = """
SELECT DISTINCT ?o ?label ?g ?res WHERE {
  GRAPH ?g { ?o a org:Organization ; skos:prefLabel ?label }
  FILTER(?g != ?res)
}"""
# Every name of a gazetteer body: canonical, alternative and the folded search label.
GAZETTEER_NAMES_Q = """
SELECT DISTINCT ?o ?label ?onto WHERE {
  GRAPH ?onto { ?o a org:Organization . { ?o skos:prefLabel ?label } UNION { ?o skos:altLabel ?label } }
}"""


@dataclass
class Bodies:
    """Body nodes and their names: ``labels`` (canonical labels), ``gazetteer`` (reference nodes)."""

    labels: dict[str, set[str]]
    gazetteer: set[str]
    names: dict[str, set[str]]  # org_key of any gazetteer name -> gazetteer nodes


def load_bodies(kg: KG) -> Bodies:
    from vietkg.graph.identity import RESOLUTION_GRAPH

    onto = NamedNode(ONTOLOGY_GRAPH)
    labels: dict[str, set[str]] = defaultdict(set)
    gazetteer: set[str] = set()
    for r in kg.select(ORGS_Q, {"res": RESOLUTION_GRAPH}).rows:
        if r["o"] and r["label"]:
            labels[r["o"]].add(r["label"])
            if r["g"] == ONTOLOGY_GRAPH:
                gazetteer.add(r["o"])
    names: dict[str, set[str]] = defaultdict(set)
    for r in kg.select(GAZETTEER_NAMES_Q, {"onto": onto}).rows:
        if r["o"] and r["label"]:
            names[org_key(r["label"])].add(r["o"])
    return Bodies(dict(labels), gazetteer, dict(names))


def body_rules(b: Bodies) -> list[Decision]:
    """Same-name edges between bodies: an article label that names one reference body, or two
    article nodes whose labels normalise alike (``TP.HCM`` and ``TPHCM`` slug differently)."""
    out: dict[tuple[str, str], Decision] = {}
    by_key: dict[str, set[str]] = defaultdict(set)
    for node, labels in sorted(b.labels.items()):
        for label in sorted(labels):
            by_key[org_key(label)].add(node)
            if node in b.gazetteer:
                continue
            hits = sorted(b.names.get(org_key(label), set()) - {node})
            if len(hits) == 1:
                pair = tuple(sorted((node, hits[0])))
                out.setdefault(pair, Decision("org", *pair, "same", f"“{label}” is a name of the reference body"))
            elif len(hits) > 1:
                for h in hits:
                    pair = tuple(sorted((node, h)))
                    out.setdefault(pair, Decision("org", *pair, "unsure",
                                                  f"“{label}” names {len(hits)} reference bodies"))
    for k, nodes in sorted(by_key.items()):
        for a, c in itertools.combinations(sorted(nodes), 2):
            out.setdefault((a, c), Decision("org", a, c, "same", f"labels normalise alike: “{k}”"))
    return [out[p] for p in sorted(out)]


def resolve_orgs(kg: KG, judged: list[Judgement], prior: set[str]) -> Resolution:
    """Canonical IRI of every body node (a reference body where one matches) and the decisions."""
    b = load_bodies(kg)
    nodes = set(b.labels)
    judged = [j for j in judged if j.left in nodes and j.right in nodes]
    comp = Components(sorted(nodes))
    decisions = apply_edges(comp, judged, body_rules(b))
    canonical: dict[str, str] = {}
    for group in comp.groups():
        c = choose_canonical(group, prior, b.gazetteer)
        canonical.update({m: c for m in group})
    log.debug("bodies: %d nodes, %d entities", len(canonical), len(set(canonical.values())))
    return Resolution(canonical, decisions)
