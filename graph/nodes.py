"""The nodes of the analytics graphs: entity kinds and labels, canonical IRIs, optional parameters.

Shared by :mod:`vietkg.graph.analytics`, :mod:`vietkg.graph.careers` and
:mod:`vietkg.graph.rankings`. Nodes are entity IRIs and carry ``kind``, ``label`` and ``iri``;
a node that merges aliases (:mod:`vietkg.graph.canonical`) lists them in ``same_as``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from pyoxigraph import Literal, NamedNode

from vietkg.graph.canonical import Canonical, load_canonical
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS

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


def mark_aliases(g: nx.Graph, canon: Canonical) -> nx.Graph:
    """Give every node that merges aliases its ``same_as`` list; returns ``g``."""
    for node, data in g.nodes(data=True):
        aliases = canon.aliases(node)
        if aliases:
            data["same_as"] = aliases
    return g


def canonical_map(kg: KG, canon: Canonical | None) -> Canonical:
    """``canon``, or the store's canonical map when the caller has none loaded."""
    return canon if canon is not None else load_canonical(kg)


def param(iri: str | None) -> NamedNode | Literal:
    """An optional IRI parameter: pyoxigraph never counts a substituted variable as BOUND, so a
    parameter not given is substituted with ``""`` and the queries test ``STR(?p_x) = ""``."""
    return NamedNode(iri) if iri else Literal("")


def select_for(kg: KG, sparql: str, canon: Canonical, var: str, iri: str | None,
               **subs: NamedNode | Literal) -> list[dict[str, str | None]]:
    """Rows of ``sparql`` with the optional IRI parameter ``var`` bound to each node of ``iri``'s
    entity in turn (see :class:`~vietkg.graph.canonical.Entity`), or to ``""`` when not given."""
    nodes: list[str | None] = list(canon.members(iri)) if iri else [None]
    return [r for node in nodes for r in kg.select(sparql, {var: param(node), **subs}).rows]


def doc_label(symbol: str | None, term: str | None) -> str | None:
    """``35-NQ/TW (khóa XII)``: party numbers restart each term, so the symbol alone is ambiguous."""
    return f"{symbol} (khóa {term})" if symbol and term else symbol


