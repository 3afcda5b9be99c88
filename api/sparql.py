"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: a mountable router.

- Query: ``GET ?query=``, ``POST`` form (``query=``) or ``POST application/sparql-query``, with
  ``default-graph-uri`` / ``named-graph-uri`` (repeatable). Without them the default graph is the
  **union of all graphs** (every article's graph and the ontology); ``named-graph-uri`` alone
  gives an empty default graph, as the Protocol says. A dataset in the request overrides the
  query's FROM / FROM NAMED.
- Results by Accept (q-values, wildcards): SELECT/ASK as SPARQL JSON (default), XML, CSV, TSV;
  CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, JSON-LD, RDF/XML; anything else -> 406.
  Relative IRIs resolve against the endpoint's URL.
- Limits: ``settings.query_timeout`` (``503 query_timeout``; see :mod:`vietkg.api.sparql_exec`)
  and ``settings.max_rows`` (the top-level LIMIT is capped; the cap is in ``X-Vietkg-Max-Rows``).
- ``SERVICE`` and ``LOAD`` are refused (``400 refused_operation``); see :mod:`sparql_guard`.
- Update (``POST update=`` or ``application/sparql-update``) only with the write token.
- ``GET /sparql`` without a query answers the SPARQL 1.1 Service Description.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from vietkg.api.errors import ApiError, error_responses
from vietkg.api.graphstore import apply_update
from vietkg.api.guards import ServerState, decode_utf8, read_body, require_token, state
from vietkg.api.negotiate import (
    GRAPH_OFFERS,
    RESULT_OFFERS,
    Offer,
    charset_of,
    choose,
    media_type_of,
)
from vietkg.api.sparql_exec import Answer, Job, QueryTimeout, ServerBusy
from vietkg.api.sparql_guard import analyse, with_row_limit

log = logging.getLogger(__name__)

router = APIRouter(tags=["SPARQL"])

CONTENT_TYPES = {o.key: o.content_type for o in reversed(RESULT_OFFERS + GRAPH_OFFERS)}
_SAFE_BASE = re.compile(r"^https?://[A-Za-z0-9.\-:\[\]]+/[A-Za-z0-9/._\-]*$")
_POSITION = re.compile(r"error at (\d+):(\d+)")

QUERY_DOC = ("SPARQL 1.1 query. Without `default-graph-uri`/`named-graph-uri` the default graph is the "
             "union of all graphs. SERVICE and LOAD are refused. Results are capped at `max_rows` rows "
             "and `query_timeout` seconds.")


class Operation:
    """One request's operation: the text and the dataset, from the URL and the body."""

    def __init__(self, query: str | None, update: str | None, params: list[tuple[str, str]]) -> None:
        self.query = query
        self.update = update
        self.default_graph = tuple(v for k, v in params if k == "default-graph-uri")
        self.named_graphs = tuple(v for k, v in params if k == "named-graph-uri")
        self.using = [v for k, v in params if k in ("using-graph-uri", "using-named-graph-uri")]
        for iri in self.default_graph + self.named_graphs:
            try:
                NamedNode(iri)
            except ValueError as e:
                raise ApiError("bad_parameter", f"a dataset graph must be an absolute IRI, not {iri!r}") from e


def _single(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise ApiError("bad_request", f"send one `{name}` parameter, not {len(values)}")
    return values[0] if values else None


def endpoint_url(request: Request) -> str:
    return str(request.url.replace(query="", fragment="")).rstrip("?")


def base_iri(request: Request) -> str | None:
    """The endpoint's URL, against which a query's relative IRIs resolve (None if it is no IRI)."""
    base = endpoint_url(request)
    return base if _SAFE_BASE.match(base) else None


@router.get("/sparql", summary="SPARQL query (GET) or the service description",
            response_class=Response, responses=error_responses(
                "malformed_query", "refused_operation", "bad_parameter", "not_acceptable", "query_timeout",
                "server_busy"))
async def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(description=QUERY_DOC)] = None,
        default_graph_uri: Annotated[list[str] | None, Query(
            alias="default-graph-uri", description="a graph of the default graph (repeatable); "
            "without any, the default graph is the union of all graphs")] = None,
        named_graph_uri: Annotated[list[str] | None, Query(
            alias="named-graph-uri", description="a named graph of the dataset (repeatable)")] = None,
) -> Response:
    """`?query=` runs a query (see the POST route for the parameters); without it, the SPARQL 1.1
    Service Description (Turtle by default)."""
    params = list(request.query_params.multi_items())
    if any(k == "update" for k, _ in params):
        raise ApiError("bad_request", "SPARQL Update must be sent with POST")
    op = Operation(_single(params, "query"), None, params)
    if op.query is None:
        return service_description(request)
    return await run_query(request, op)


@router.post("/sparql", summary="SPARQL query or update (POST)", response_class=Response,
             openapi_extra={"requestBody": {"content": {
                 "application/sparql-query": {"schema": {"type": "string"}},
                 "application/sparql-update": {"schema": {"type": "string"}},
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                     "query": {"type": "string", "description": QUERY_DOC},
                     "update": {"type": "string", "description": "SPARQL 1.1 Update (needs the token)"},
                     "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                     "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}}}}},
             responses={204: {"description": "the update was applied"}, **error_responses(
                 "malformed_query", "refused_operation", "bad_parameter", "unauthorized", "read_only",
                 "not_acceptable", "payload_too_large", "unsupported_media_type", "query_timeout", "server_busy")})
async def sparql_post(request: Request) -> Response:
    """Query by form or direct POST; update (form `update=` or `application/sparql-update`) with
    the write token. Dataset parameters may be in the URL or, for forms, in the body."""
    url_params = list(request.query_params.multi_items())
    ctype = request.headers.get("content-type")
    media = media_type_of(ctype)
    text = decode_utf8(await read_body(request), charset_of(ctype))
    if media == "application/x-www-form-urlencoded":
        params = url_params + parse_qsl(text, keep_blank_values=True)
        op = Operation(_single(params, "query"), _single(params, "update"), params)
        if (op.query is None) == (op.update is None):
            raise ApiError("bad_request", "send exactly one of `query` or `update`")
    elif media == "application/sparql-query":
        op = Operation(text, None, url_params)
    elif media == "application/sparql-update":
        op = Operation(None, text, url_params)
    else:
        raise ApiError("unsupported_media_type", "POST a query as application/sparql-query, an update as "
                       "application/sparql-update, or either as application/x-www-form-urlencoded")
    if op.update is not None:
        require_token(request)
        return await run_update(request, op)
    return await run_query(request, op)


def _offers_for(form: str) -> tuple[Offer, ...]:
    return GRAPH_OFFERS if form in ("CONSTRUCT", "DESCRIBE") else RESULT_OFFERS


async def run_query(request: Request, op: Operation) -> Response:
    assert op.query is not None
    st = state(request)
    analysis = analyse(op.query)
    if analysis.refused:
        raise ApiError("refused_operation", f"{analysis.refused} is not allowed on this endpoint")
    if analysis.form == "UPDATE":
        raise ApiError("malformed_query", "this is a SPARQL Update: POST it as `update=` (needs the token)")
    accept = request.headers.get("accept")
    results, graph = choose(accept, RESULT_OFFERS), choose(accept, GRAPH_OFFERS)
    if choose(accept, _offers_for(analysis.form)) is None:
        wanted = ", ".join(sorted({o.media_type for o in _offers_for(analysis.form)}))
        raise ApiError("not_acceptable", f"cannot answer this query as {accept}; choose one of {wanted}")
    job = Job(with_row_limit(analysis, st.settings.max_rows), results.key if results else "json",
              graph.key if graph else "turtle", op.default_graph, op.named_graphs, base_iri(request))
    return _respond(await _run(st, job), st, op.query.count("\n") + 1)


async def _run(st: ServerState, job: Job) -> Answer:
    try:
        return await run_in_threadpool(st.runner.run, job)
    except QueryTimeout as e:
        raise ApiError("query_timeout", f"{e}; narrow the query or add a LIMIT") from e
    except ServerBusy as e:
        raise ApiError("server_busy", f"{e}; try again in a moment", headers={"Retry-After": "5"}) from e


def _where(m: re.Match[str], lines: int) -> str:
    return m.group(0) if int(m.group(1)) <= lines else "error at the end of the query"


def _respond(answer: Answer, st: ServerState, lines: int) -> Response:
    """The HTTP answer for a job; ``lines`` in the query as sent (a LIMIT we add comes after them)."""
    if answer.status == "query_error":
        message = _POSITION.sub(lambda m: _where(m, lines), answer.message)
        raise ApiError("malformed_query", " ".join(message.split())[:2000])
    if answer.status == "store_error":
        log.error("query worker cannot open the store: %s", answer.message)
        raise ApiError("store_unavailable", "the store cannot be read right now")
    if answer.status != "ok":
        log.error("fault in a query worker:\n%s", answer.message)
        raise ApiError("internal_error", "a fault in the server; it has been logged")
    headers = {"Vary": "Accept"}
    if answer.kind != "boolean":
        headers["X-Vietkg-Max-Rows"] = str(st.settings.max_rows)
    return Response(answer.body, media_type=CONTENT_TYPES[answer.format_key], headers=headers)


async def run_update(request: Request, op: Operation) -> Response:
    assert op.update is not None
    if op.using:
        raise ApiError("bad_request", "using-graph-uri / using-named-graph-uri are not supported; "
                       "write USING or WITH in the update")
    analysis = analyse(op.update)
    if analysis.refused:
        raise ApiError("refused_operation", f"{analysis.refused} is not allowed on this endpoint")
    st = state(request)
    await run_in_threadpool(apply_update, st, op.update, endpoint_url(request))
    return Response(status_code=204)


# -- service description ------------------------------------------------------------------------
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


def sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def _sd_triples(endpoint: str, st: ServerState) -> list[Triple]:
    me = NamedNode(endpoint)
    triples = [Triple(me, RDF_TYPE, sd("Service")), Triple(me, sd("endpoint"), me),
               Triple(me, sd("supportedLanguage"), sd("SPARQL11Query")),
               Triple(me, sd("feature"), sd("UnionDefaultGraph"))]
    if st.settings.token:
        triples.append(Triple(me, sd("supportedLanguage"), sd("SPARQL11Update")))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        triples.append(Triple(me, sd("resultFormat"), NamedNode(FORMATS + name)))
    comment = (f"vietkg: a knowledge graph of Vietnamese political news. The default graph is the union of "
               f"all named graphs (one per article, plus the ontology). Queries stop after "
               f"{st.settings.query_timeout:g} s and return at most {st.settings.max_rows} rows. SERVICE and "
               f"LOAD are refused. Updates and the Graph Store Protocol need the server's write token.")
    triples.append(Triple(me, RDFS_COMMENT, Literal(comment, language="en")))
    return triples


def service_description(request: Request) -> Response:
    offer = choose(request.headers.get("accept"), GRAPH_OFFERS) or GRAPH_OFFERS[0]
    fmt = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
           "rdfxml": RdfFormat.RDF_XML}[offer.key]
    body = serialize(_sd_triples(endpoint_url(request), state(request)), format=fmt,
                     prefixes={"sd": SD, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
                     if fmt is RdfFormat.TURTLE else None) or b""
    return Response(body, media_type=CONTENT_TYPES[offer.key], headers={"Vary": "Accept"})

