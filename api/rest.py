"""The REST API under ``/api/``: search, people, organizations, clusters, documents, events, and
the competency questions.

Answers are Popolo-shaped JSON (:mod:`vietkg.api.schemas`), or JSON-LD (the same object with an
``@context``) when the client asks for ``application/ld+json``. ``{id}`` is the part of the
entity's IRI after ``https://vietkg.org/id/<kind>/`` and may contain ``/``. Every input reaches
SPARQL as a bound variable; an id that cannot be part of an IRI is simply not found.

The routes are plain ``def`` functions: FastAPI runs them in its thread pool, and each reads its
query results in the thread that ran the query, as pyoxigraph requires.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from vietkg.api.errors import error_responses
from vietkg.api.guards import state
from vietkg.api.rest_ask import router as ask_router
from vietkg.api.rest_entities import router as entities_router
from vietkg.api.rest_support import KINDS, must_ref, respond
from vietkg.api.schemas import SearchResponse
from vietkg.graph import search as finder
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS
from vietkg.ontology.text import fold

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["REST"])

# -- search ----------------------------------------------------------------------------------
Q_DOC = "text to find, diacritics optional: 'Nguyen Tho Truyen' finds Nguyễn Thọ Truyền"
LIMIT_DOC = "the most results to return"


def search_labels(kg: KG, q: str, segment: str, limit: int) -> SearchResponse:
    """One result per entity, under its canonical IRI (:mod:`vietkg.graph.search`)."""
    hits = finder.search(kg, q, prefix=ID_NS + (f"{segment}/" if segment else ""), limit=limit)
    return SearchResponse(query=q, folded=fold(q), results=[must_ref(h.iri, h.label) for h in hits])


@router.get("/search", response_model=SearchResponse, summary="Search every kind of entity by name",
            responses=error_responses("validation_error", "not_acceptable"))
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=200, description=Q_DOC)],
           kind: Annotated[str | None, Query(description="only this kind: people, organizations, documents, "
                                             "events or clusters", pattern="^(people|organizations|documents|"
                                             "events|clusters)$")] = None,
           limit: Annotated[int, Query(ge=1, le=200, description=LIMIT_DOC)] = 20) -> JSONResponse:
    """People, organizations, documents (by symbol, e.g. `35-NQ/TW`), events and emulation clusters
    whose label contains `q`, compared diacritic-free and casefolded; exact and prefix matches first."""
    segment = KINDS[kind] if kind else ""
    return respond(request, search_labels(state(request).kg, q, segment, limit))


@router.get("/people", response_model=SearchResponse, summary="Find people by name",
            responses=error_responses("validation_error", "not_acceptable"))
def people(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=200, description=Q_DOC)],
           limit: Annotated[int, Query(ge=1, le=200, description=LIMIT_DOC)] = 20) -> JSONResponse:
    """People whose name contains `q`, diacritics optional."""
    return respond(request, search_labels(state(request).kg, q, "person", limit))


router.include_router(entities_router)
router.include_router(ask_router)
