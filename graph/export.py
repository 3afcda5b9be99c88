"""Exports for Gephi, yEd, Cytoscape: GraphML and GEXF of any analytics graph.

Both formats hold only strings and numbers, so :func:`flatten` turns list and dict attributes
(membership years, implementation records ...) into text first.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import networkx as nx

log = logging.getLogger(__name__)

def _flat(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def flatten(g: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all strings or numbers (what GraphML and GEXF can hold)."""
    h = g.__class__()
    h.graph.update({k: v for k, v in ((k, _flat(v)) for k, v in g.graph.items()) if v is not None})
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: v for k, v in ((k, _flat(v)) for k, v in d.items()) if v is not None})
    for a, b, d in g.edges(data=True):
        h.add_edge(a, b, **{k: v for k, v in ((k, _flat(v)) for k, v in d.items()) if v is not None})
    return h


def to_graphml(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(flatten(g), buf, encoding="utf-8")
    return buf.getvalue()


def to_gexf(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(flatten(g), buf)
    return buf.getvalue()


def write_graph(g: nx.Graph, path: Path) -> None:
    """Write ``g`` as GraphML (``.graphml``) or GEXF (``.gexf``), chosen by the suffix."""
    writers = {".graphml": to_graphml, ".gexf": to_gexf}
    if path.suffix not in writers:
        raise ValueError(f"{path}: choose a .graphml or .gexf file name")
    path.write_bytes(writers[path.suffix](g))
    log.info("wrote %s (%d nodes, %d edges)", path, g.number_of_nodes(), g.number_of_edges())
