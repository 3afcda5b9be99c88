"""The HTTP application factory: ``create_app(kg, settings)`` -> FastAPI.

No module-level app owns a store: ``vietkg serve`` opens the store, builds the app and runs it;
tests build as many apps as they like. The app mounts

- ``/sparql`` — SPARQL 1.1 Protocol (:mod:`vietkg.api.sparql`),
- ``/rdf-graphs/service`` — Graph Store Protocol (:mod:`vietkg.api.graphstore`),
- ``/api/...`` — REST (:mod:`vietkg.api.rest`) and ``POST /api/articles`` (:mod:`vietkg.api.articles`),
- the HTML pages of :mod:`vietkg.api.pages` when that module exists, and any ``extra_routers``;

``/`` is left to the pages. OpenAPI is at ``/openapi.json`` and ``/docs``. Every error answers
the one shape of :mod:`vietkg.api.errors`.

With ``settings.cors_origins`` (``VIETKG_CORS_ORIGINS``) web pages on those origins may call
``/sparql`` and ``/api`` (GET and POST, CORS preflight answered by Starlette's ``CORSMiddleware``),
so a browser SPARQL client such as YASGUI on another site can query the server; the HTML pages and
the Graph Store get no CORS headers. ``Authorization`` is an allowed header (a token-holding client
can send updates), cookies are not used.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from vietkg.api import articles, graphstore, rest, sparql
from vietkg.api.errors import CODES, install_error_handlers
from vietkg.api.guards import ServerState
from vietkg.api.settings import Settings
from vietkg.api.sparql_exec import ProcessRunner, Runner, ThreadRunner
from vietkg.graph.store import KG

log = logging.getLogger(__name__)

DESCRIPTION = """A knowledge graph of Vietnamese political news: people and the posts they held,
organizations, emulation clusters, documents and who implements them, events — every fact with the
article sentence it comes from.

* **SPARQL 1.1** at `/sparql` (GET/POST). The default graph is the **union of all graphs** (one per
  article, plus the ontology) unless `default-graph-uri`/`named-graph-uri` say otherwise. Queries
  stop after `query_timeout` seconds (`503 query_timeout`) and return at most `max_rows` rows.
  `SERVICE` and `LOAD` are refused.
* **REST** under `/api/`: search (diacritics optional), people, organizations, clusters,
  documents (with `/trace`), events, and the competency questions at `/api/ask`. Popolo-shaped
  JSON; JSON-LD with `Accept: application/ld+json`.
* **Writes** (SPARQL Update, Graph Store PUT/POST/DELETE, `POST /api/articles`) need the server's
  token as `Authorization: Bearer ...`; without a configured token the server is read-only.

Every error has the body `{"error": {"code": ..., "message": ..., "details": ...}}`. Codes:

""" + "\n".join(f"* `{code}` ({status}): {meaning}" for code, (status, meaning) in CODES.items())

PAGES_MODULE = "vietkg.api.pages"
CORS_PATHS = ("/sparql", "/api/")


def default_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))


def make_runner(kg: KG, settings: Settings, workers: int | None = None) -> Runner:
    """Worker processes for an on-disk store, threads for an in-memory one (see sparql_exec)."""
    if kg.path is not None:
        return ProcessRunner(kg.path, settings.query_timeout,
                             workers or settings.query_workers or default_workers())
    return ThreadRunner(kg, settings.query_timeout)


class ScopedCORS:
    """``CORSMiddleware`` for the paths under ``prefixes`` only; other requests pass untouched."""

    def __init__(self, app: ASGIApp, prefixes: Sequence[str], **options: Any) -> None:
        self.app = app
        self.cors = CORSMiddleware(app, **options)
        self.prefixes = tuple(prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        covered = scope["type"] == "http" and str(scope.get("path", "")).startswith(self.prefixes)
        await (self.cors if covered else self.app)(scope, receive, send)


def add_cors(app: FastAPI, origins: Sequence[str]) -> None:
    app.add_middleware(ScopedCORS, prefixes=CORS_PATHS, allow_origins=list(origins),
                       allow_methods=["GET", "POST"], allow_headers=["Accept", "Authorization", "Content-Type"],
                       expose_headers=["X-Vietkg-Max-Rows", "Retry-After"], max_age=600)


def page_routers() -> list[APIRouter]:
    """The pages' router, when ``vietkg.api.pages`` exists (its import errors are real errors)."""
    if importlib.util.find_spec(PAGES_MODULE) is None:
        return []
    module = importlib.import_module(PAGES_MODULE)
    router = getattr(module, "router", None)
    return [router] if isinstance(router, APIRouter) else []


def create_app(kg: KG, settings: Settings, extra_routers: Sequence[APIRouter] = (), *,
               runner: Runner | None = None, query_workers: int | None = None) -> FastAPI:
    """The HTTP app over ``kg``. ``runner`` overrides how SPARQL queries run (tests use threads)."""
    state = ServerState(kg=kg, settings=settings, runner=runner or make_runner(kg, settings, query_workers))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        start = getattr(state.runner, "start", None)
        if callable(start):
            start()
        try:
            yield
        finally:
            state.runner.close()

    app = FastAPI(title="vietkg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.vietkg = state
    install_error_handlers(app)
    if settings.cors_origins:
        add_cors(app, settings.cors_origins)
    for router in (sparql.router, graphstore.router, articles.router, rest.router):
        app.include_router(router)
    for router in [*page_routers(), *extra_routers]:
        app.include_router(router)
    log.info("app over %s (token %s, CORS %s)", kg.path or "an in-memory store",
             "set" if settings.token else "unset", ", ".join(settings.cors_origins) or "off")
    return app
