"""A thin typed wrapper over an on-disk pyoxigraph store.

Nothing above this module touches pyoxigraph types except through :class:`QueryResult` (rows of
plain strings) and ``raw_query`` (for the SPARQL endpoint, which serialises natively). Each
article lives in its own named graph; replacing an article is one transaction. The ontology is
loaded into its own graph when a store is opened for writing and the bundled ontology changed.

Queries see the union of all graphs as their default graph unless told otherwise.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Variable,
)

from vietkg.ontology import load_ontology, ontology_files
from vietkg.ontology.terms import ONTOLOGY_GRAPH, PREFIXES, VKG

log = logging.getLogger(__name__)

Term = NamedNode | BlankNode | Literal

EXPORT_FORMATS: dict[str, RdfFormat] = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}
QUAD_FORMATS = {"nquads", "trig", "jsonld"}


class StoreError(Exception):
    """A problem with the store a user can act on (locked, missing, unreadable)."""


class StoreLockedError(StoreError):
    pass


class QueryError(Exception):
    """A malformed or unsupported query; the message is shown to the user."""


@dataclass
class QueryResult:
    """Rows of a SELECT as plain values (IRIs and literals as strings, unbound as None)."""

    columns: list[str]
    rows: list[dict[str, str | None]]


def term_value(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, (NamedNode, Literal, BlankNode)):
        return term.value
    return str(term)


class KG:
    """The knowledge graph: an on-disk (or, with ``path=None``, in-memory) store."""

    def __init__(self, path: Path | None, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._store = _open(path, read_only)
        if not read_only:
            self._ensure_ontology()

    # -- writing ----------------------------------------------------------------------------
    def _ensure_ontology(self) -> None:
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in ontology_files())).hexdigest()
        g = NamedNode(ONTOLOGY_GRAPH)
        marker = Quad(g, VKG.contentHash, Literal(digest), g)
        if marker in self._store:
            return
        quads = load_ontology()
        self.replace_graph(g, [*quads, marker])
        log.info("ontology loaded into %s (%d quads)", self.path or "memory", len(quads))

    def replace_graph(self, graph: NamedNode, quads: Sequence[Quad]) -> None:
        """Drop ``graph`` and insert ``quads`` into it, atomically (one SPARQL update)."""
        body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
        update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body} }} }}"
        self._store.update(update)

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL Update (the server allows it only with its write token)."""
        try:
            self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as e:
            raise QueryError(f"malformed update: {_one_line(str(e))}") from e
        except (OSError, ValueError, RuntimeError) as e:
            raise QueryError(_one_line(str(e))) from e

    def remove_graph(self, graph: NamedNode) -> bool:
        if not self._store.contains_named_graph(graph):
            return False
        self._store.remove_graph(graph)
        return True

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()

    # -- reading ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._store)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def raw_query(self, sparql: str, *, union: bool = True, default_graph: list[str] | None = None,
                  named_graphs: list[str] | None = None, substitutions: dict[str, Term] | None = None,
                  base_iri: str | None = None) -> QuerySolutions | QueryBoolean | QueryTriples:
        """Run a query and return pyoxigraph's own result; read it in the calling thread.

        ``base_iri`` resolves the query's relative IRIs (a ``BASE`` in the query still wins).
        """
        kwargs: dict[str, object] = {"prefixes": PREFIXES, "base_iri": base_iri}
        if default_graph:
            kwargs["default_graph"] = [NamedNode(g) if g else DefaultGraph() for g in default_graph]
        else:
            kwargs["use_default_graph_as_union"] = union
        if named_graphs:
            kwargs["named_graphs"] = [NamedNode(g) for g in named_graphs]
        if substitutions:
            kwargs["substitutions"] = {Variable(k): v for k, v in substitutions.items()}
        try:
            return self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as e:
            raise QueryError(f"malformed query: {_one_line(str(e))}") from e
        except (RuntimeError, ValueError) as e:  # ValueError: an invalid base IRI
            raise QueryError(_one_line(str(e))) from e

    def select(self, sparql: str, substitutions: dict[str, Term] | None = None) -> QueryResult:
        result = self.raw_query(sparql, substitutions=substitutions)
        if not isinstance(result, QuerySolutions):
            raise QueryError("expected a SELECT query")
        columns = [v.value for v in result.variables]
        rows = [{c: term_value(sol[c]) for c in columns} for sol in result]
        return QueryResult(columns, rows)

    def export(self, out: IO[bytes], fmt: str, graph: str | None = None) -> None:
        """Write the store (or one graph) in ``fmt``; triple formats need ``graph`` or merge all."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        if fmt in QUAD_FORMATS and graph is None:
            self._store.dump(out, rdf_format, prefixes=PREFIXES)
            return
        if graph is not None:
            self._store.dump(out, rdf_format, from_graph=NamedNode(graph), prefixes=PREFIXES)
            return
        triples = self.raw_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(triples, QueryTriples)
        out.write(triples.serialize(format=rdf_format) or b"")

    def quads(self) -> Iterable[Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def close(self) -> None:
        self.flush()
        del self._store


def _one_line(message: str, limit: int = 160) -> str:
    """pyoxigraph's parse errors list every expected token over several lines; keep the gist."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _open(path: Path | None, read_only: bool) -> Store:
    if path is None:
        return Store()
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"no store at {path}: run `vietkg ingest ... --store {path}` first")
            return Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return Store(str(path))
    except RuntimeError as e:  # RocksDB "Corruption": a read-only open raced a compaction's file deletion
        raise StoreError(f"cannot open the store {path}: {_one_line(str(e))}") from e
    except OSError as e:
        text = str(e).lower()
        if "lock" in text or "resource temporarily unavailable" in text:
            raise StoreLockedError(
                f"the store {path} is in use by another process (is `vietkg serve` running on it?)"
            ) from e
        raise StoreError(f"cannot open the store {path}: {e}") from e
