"""SPARQL 1.1 Graph Store Protocol at ``/rdf-graphs/service?graph=IRI``, and SPARQL Update.

``GET`` reads one named graph (Turtle by default; N-Triples, JSON-LD, RDF/XML by Accept) and needs
no token: the SPARQL endpoint can read the same data. ``PUT`` (replace), ``POST`` (merge) and
``DELETE`` need the write token. vietkg keeps every statement in a named graph, so the store's
own default graph is not addressable here (``?default`` answers 400).

Writes run one at a time (``ServerState.write_lock``), in the thread pool, and are flushed.
"""

from __future__ import annotations

import logging
from io import BytesIO

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pyoxigraph import NamedNode, Quad, QueryTriples, RdfFormat, parse

from vietkg.api.errors import ApiError, error_responses
from vietkg.api.guards import ServerState, read_body, require_token, state
from vietkg.api.negotiate import GRAPH_INPUTS, GRAPH_OFFERS, choose, media_type_of
from vietkg.api.schemas import GraphWritten
from vietkg.graph.store import KG

log = logging.getLogger(__name__)

router = APIRouter(tags=["Graph Store"])

DEFAULT_DOC = "the store's default graph: not addressable, vietkg keeps every statement in a named graph"
GRAPH_DOC = "IRI of the named graph (e.g. https://vietkg.org/graph/<article-key>)"
TRIPLE_INPUTS = {k: v for k, v in GRAPH_INPUTS.items() if v not in (RdfFormat.N_QUADS, RdfFormat.TRIG)}


def apply_update(st: ServerState, update: str, base: str) -> None:
    """Run a SPARQL Update on the server's store, then flush."""
    with st.write_lock:
        st.kg.update(update, base_iri=base)
        st.kg.flush()


def _graph_iri(graph: str | None, default: str | None) -> NamedNode:
    if default is not None:
        raise ApiError("bad_request", "vietkg keeps every statement in a named graph; use ?graph=IRI")
    if not graph:
        raise ApiError("bad_request", "name the graph: ?graph=IRI")
    try:
        return NamedNode(graph)
    except ValueError as e:
        raise ApiError("bad_parameter", f"graph must be an absolute IRI, not {graph!r}") from e


def _exists(kg: KG, g: NamedNode) -> bool:
    return bool(kg.raw_query("ASK { GRAPH ?g { ?s ?p ?o } }", substitutions={"g": g}))


@router.get("/rdf-graphs/service", summary="Read a named graph", response_class=Response,
            responses=error_responses("bad_request", "bad_parameter", "not_found", "not_acceptable"))
async def get_graph(request: Request, graph: str | None = Query(None, description=GRAPH_DOC),
                    default: str | None = Query(None, description=DEFAULT_DOC)) -> Response:
    g = _graph_iri(graph, default)
    offer = choose(request.headers.get("accept"), GRAPH_OFFERS)
    if offer is None:
        raise ApiError("not_acceptable", "graphs are served as " + ", ".join(o.media_type for o in GRAPH_OFFERS))
    kg = state(request).kg

    def dump() -> bytes | None:
        if not _exists(kg, g):
            return None
        out = BytesIO()
        kg.export(out, offer.key, g.value)
        return out.getvalue()

    body = await run_in_threadpool(dump)
    if body is None:
        raise ApiError("not_found", f"no graph {g.value}")
    return Response(body, media_type=offer.content_type, headers={"Vary": "Accept"})


async def _parse_body(request: Request, g: NamedNode) -> list[Quad]:
    media = media_type_of(request.headers.get("content-type"))
    if media not in TRIPLE_INPUTS:
        raise ApiError("unsupported_media_type", "send the graph as " + ", ".join(sorted(TRIPLE_INPUTS)))
    body = await read_body(request)

    def read() -> list[Quad]:
        try:
            return [Quad(q.subject, q.predicate, q.object, g)
                    for q in parse(body, format=TRIPLE_INPUTS[media], base_iri=g.value)]
        except SyntaxError as e:
            raise ApiError("bad_request", f"the {media} body does not parse: {e}") from e

    return await run_in_threadpool(read)


def _existing(kg: KG, g: NamedNode) -> list[Quad]:
    triples = kg.raw_query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", substitutions={"g": g})
    assert isinstance(triples, QueryTriples)
    return [Quad(t.subject, t.predicate, t.object, g) for t in triples]


def _write(st: ServerState, g: NamedNode, quads: list[Quad], merge: bool) -> bool:
    with st.write_lock:
        existed = _exists(st.kg, g)
        if merge and existed:
            quads = _existing(st.kg, g) + quads
        st.kg.replace_graph(g, quads)
        st.kg.flush()
        return existed


WRITE_ERRORS = error_responses("bad_request", "bad_parameter", "unauthorized", "read_only",
                               "payload_too_large", "unsupported_media_type")


@router.put("/rdf-graphs/service", summary="Replace a named graph", response_model=GraphWritten,
            status_code=201, dependencies=[Depends(require_token)], responses=WRITE_ERRORS)
async def put_graph(request: Request, graph: str | None = Query(None, description=GRAPH_DOC),
                    default: str | None = Query(None, description=DEFAULT_DOC)) -> Response:
    g = _graph_iri(graph, default)
    quads = await _parse_body(request, g)
    existed = await run_in_threadpool(_write, state(request), g, quads, False)
    return _written(g, len(quads), existed)


@router.post("/rdf-graphs/service", summary="Add triples to a named graph", response_model=GraphWritten,
             status_code=201, dependencies=[Depends(require_token)], responses=WRITE_ERRORS)
async def post_graph(request: Request, graph: str | None = Query(None, description=GRAPH_DOC),
                     default: str | None = Query(None, description=DEFAULT_DOC)) -> Response:
    g = _graph_iri(graph, default)
    quads = await _parse_body(request, g)
    existed = await run_in_threadpool(_write, state(request), g, quads, True)
    return _written(g, len(quads), existed)


def _written(g: NamedNode, quads: int, existed: bool) -> Response:
    body = GraphWritten(graph=g.value, quads=quads).model_dump_json()
    return Response(body, status_code=200 if existed else 201, media_type="application/json")


@router.delete("/rdf-graphs/service", summary="Delete a named graph", status_code=204,
               dependencies=[Depends(require_token)],
               responses=error_responses("bad_request", "bad_parameter", "unauthorized", "read_only", "not_found"))
async def delete_graph(request: Request, graph: str | None = Query(None, description=GRAPH_DOC),
                       default: str | None = Query(None, description=DEFAULT_DOC)) -> Response:
    g = _graph_iri(graph, default)
    st = state(request)

    def remove() -> bool:
        with st.write_lock:
            removed = st.kg.remove_graph(g)
            st.kg.flush()
            return removed

    if not await run_in_threadpool(remove):
        raise ApiError("not_found", f"no graph {g.value}")
    return Response(status_code=204)
