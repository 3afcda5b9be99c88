"""``vietkg viz cluster|trace|people|careers --out FILE`` and ``vietkg analyze``.

``viz`` writes one graph of :mod:`vietkg.graph.analytics`: ``.html`` is a self-contained page (no
internet needed, see :mod:`vietkg.graph.viz`), ``.graphml`` and ``.gexf`` open in Gephi, yEd or
Cytoscape. ``analyze`` prints rankings: the most-cited documents, the most active units and
officials, and the officials who bridge groups (betweenness in the co-attendance graph).

Heavy imports happen inside the handlers so that ``vietkg --help`` stays fast. A user's mistake
(no such document, an ambiguous symbol, a bad file name) ends as one line from the CLI.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from vietkg.api.settings import Settings
    from vietkg.graph.store import KG

log = logging.getLogger(__name__)

OUT_SUFFIXES = (".html", ".graphml", ".gexf")
RANKINGS = ("all", "documents", "units", "officials", "brokers")
ID_HELP = "the part of the IRI after https://vietkg.org/id/{kind}/ (as in the page and REST URLs), or the full IRI"


def add_viz_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``viz`` and ``analyze`` to the ``vietkg`` sub-commands."""
    viz = sub.add_parser("viz", help="draw a graph to an offline HTML page, GraphML or GEXF")
    kinds = viz.add_subparsers(dest="graph", required=True, metavar="GRAPH")
    p = _with_out(kinds.add_parser("cluster", help="organiser -> emulation clusters -> members, by year"))
    p.add_argument("--cluster", help=ID_HELP.format(kind="cluster") + ", e.g. ban-tuyen-giao-thanh-uy-...-/2")
    p.add_argument("--organiser", help=ID_HELP.format(kind="org"))
    p.add_argument("--year", type=int, help="only this year's memberships")
    p = _with_out(kinds.add_parser("trace", help="a document, the documents carrying it out, and their units"))
    p.add_argument("document", help="a symbol as printed (35-NQ/TW), or " + ID_HELP.format(kind="doc"))
    p = _with_out(kinds.add_parser("people", help="officials linked when they attended the same event"))
    p.add_argument("--min-weight", type=int, default=1, help="only pairs who met at this many events (default 1)")
    p.add_argument("--no-isolates", action="store_true", help="leave out people who met no one")
    p = _with_out(kinds.add_parser("careers", help="person -> posts -> organizations over time"))
    p.add_argument("--person", help=ID_HELP.format(kind="person"))

    an = _with_store(sub.add_parser("analyze", help="rankings: most-cited documents, most active units and people"))
    an.add_argument("what", nargs="?", choices=RANKINGS, default="all", help="which ranking (default: all)")
    an.add_argument("--limit", type=int, default=10, help="rows per ranking (default 10)")
    an.add_argument("--format", choices=["table", "json", "csv"], default="table")


def _with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--store", type=Path, help="store folder (default: $VIETKG_STORE or ~/.local/share/vietkg/store)")
    return p


def _with_out(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--out", type=Path, required=True, metavar="FILE",
                   help="FILE.html (interactive, offline), FILE.graphml or FILE.gexf")
    p.add_argument("--title", help="heading of the HTML page")
    return _with_store(p)


def _error(message: str) -> Exception:
    from vietkg.api.commands import CommandError

    return CommandError(message)


def _iri(kind: str, value: str) -> str:
    from vietkg.ontology.terms import ID_NS

    return value if value.startswith(("http://", "https://")) else f"{ID_NS}{kind}/{value.strip('/')}"


def find_document(kg: KG, value: str) -> str:
    """The canonical IRI of a document given as IRI, id or printed symbol; an error if none or several
    (a symbol cited with and without its term is one document)."""
    from pyoxigraph import Literal

    from vietkg.graph.canonical import load_canonical

    canon = load_canonical(kg)
    if value.startswith("http") or ("/" in value and value == value.lower()):
        iri = _iri("doc", value)
        if kg.select("SELECT ?s ?p_id WHERE { ?p_id eli:id_local ?s } LIMIT 1", {"p_id": _node(iri)}).rows:
            return canon(iri)
    found = sorted({canon(r["d"] or "") for r in kg.select(
        "SELECT DISTINCT ?d ?p_symbol WHERE { ?d eli:id_local ?p_symbol }", {"p_symbol": Literal(value)}).rows})
    if len(found) == 1:
        return found[0]
    if not found:
        raise _error(f"no document {value!r} in the store (give its symbol as printed, e.g. 35-NQ/TW, or its id)")
    ids = ", ".join(f.rsplit("/id/doc/", 1)[-1] for f in found)
    raise _error(f"{value} names {len(found)} documents ({ids}); give one of these ids")


def _node(iri: str) -> object:
    from pyoxigraph import NamedNode

    try:
        return NamedNode(iri)
    except ValueError as e:
        raise _error(f"not a valid IRI: {iri!r}") from e


def _build(kg: KG, args: argparse.Namespace) -> tuple[nx.Graph, str]:
    from vietkg.graph import analytics

    if args.graph == "cluster":
        g = analytics.cluster_graph(kg, cluster=args.cluster and _iri("cluster", args.cluster),
                                    organiser=args.organiser and _iri("org", args.organiser), year=args.year)
        return g, "Cụm thi đua" + (f" năm {args.year}" if args.year else "")
    if args.graph == "trace":
        doc = find_document(kg, args.document)
        return analytics.trace_graph(kg, doc), f"Truy vết thực hiện {args.document}"
    if args.graph == "people":
        return (analytics.coattendance_graph(kg, min_weight=args.min_weight, isolates=not args.no_isolates),
                "Cán bộ cùng dự sự kiện")
    return analytics.career_graph(kg, args.person and _iri("person", args.person)), "Quá trình công tác"


def viz(args: argparse.Namespace, settings: Settings) -> int:
    """``vietkg viz GRAPH --out FILE``: write the graph; one summary line on stderr."""
    import sys

    from vietkg.graph import viz as render
    from vietkg.graph.export import write_graph
    from vietkg.graph.store import KG

    suffix = args.out.suffix.lower()
    if suffix not in OUT_SUFFIXES:
        raise _error(f"--out {args.out}: the file name must end in {', '.join(OUT_SUFFIXES)}")
    kg = KG(settings.store, read_only=True)
    g, title = _build(kg, args)
    try:
        if suffix == ".html":
            args.out.write_text(render.render_html(g, args.title or title), encoding="utf-8")
        else:
            write_graph(g, args.out)
    except OSError as e:
        raise _error(f"cannot write {args.out}: {e.strerror or e}") from e
    print(f"vietkg: wrote {args.out} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)", file=sys.stderr)
    return 0


def analyze(args: argparse.Namespace, settings: Settings) -> int:
    """``vietkg analyze [WHAT]``: print the rankings as a table, JSON or CSV."""
    from vietkg.api.output import print_rows
    from vietkg.graph.store import KG, QueryResult

    if args.limit < 1:
        raise _error("--limit must be at least 1")
    kg = KG(settings.store, read_only=True)
    rows = ranking_rows(kg, args.what, args.limit)
    print_rows(QueryResult(["ranking", "rank", "label", "score", "detail", "id"], rows), args.format)
    return 0


def ranking_rows(kg: KG, what: str, limit: int) -> list[dict[str, str | None]]:
    from vietkg.graph import analytics, rankings
    from vietkg.graph.canonical import load_canonical

    canon = load_canonical(kg)
    tables: dict[str, list[rankings.Ranked]] = {}
    if what in ("all", "documents", "units", "officials"):
        ranks = rankings.rankings(kg, limit, canon)
        tables.update({k: v for k, v in ranks.items() if what in ("all", k)})
    if what in ("all", "brokers"):
        tables["brokers"] = rankings.brokers(analytics.coattendance_graph(kg, canon=canon), limit)
    rows: list[dict[str, str | None]] = []
    for name, ranked in tables.items():
        for i, r in enumerate(ranked, 1):
            detail = ", ".join(f"{k} {v}" for k, v in sorted(r["detail"].items()))
            rows.append({"ranking": name, "rank": str(i), "label": r["label"], "score": f"{r['score']:g}",
                         "detail": detail, "id": r["iri"]})
    return rows


VIZ_HANDLERS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {"viz": viz, "analyze": analyze}
