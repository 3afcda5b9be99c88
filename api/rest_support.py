"""What the REST routes share: JSON / JSON-LD answers, entity ids <-> IRIs, rows -> models.

An entity is answered under its canonical IRI (:mod:`vietkg.graph.canonical`): :func:`found` turns
a request for an alias id into ``308`` to the canonical resource (:class:`~vietkg.api.errors.Moved`),
and the answer lists the aliases merged into it as ``same_as``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from pyoxigraph import NamedNode

from vietkg.api import rest_queries as Q
from vietkg.api.errors import MOVED_RESPONSE, ApiError, Moved, error_responses
from vietkg.api.guards import state
from vietkg.api.negotiate import JSON_OFFERS, choose
from vietkg.api.schemas import EntityRef, Evidence
from vietkg.graph.canonical import Entity, entity
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS, PREFIXES

log = logging.getLogger(__name__)

# API collection -> the IRI segment after /id/
KINDS: dict[str, str] = {"people": "person", "organizations": "org", "documents": "doc",
                         "events": "event", "clusters": "cluster"}
KIND_NAMES: dict[str, str] = {"person": "person", "org": "organization", "doc": "document",
                              "event": "event", "cluster": "cluster"}
COLLECTION = {segment: collection for collection, segment in KINDS.items()}
_KEY = re.compile(r"^[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*$")
ID_DOC = "the part of the entity IRI after https://vietkg.org/id/<kind>/ (may contain '/')"
NOT_FOUND = {**MOVED_RESPONSE, **error_responses("not_found", "not_acceptable")}

JSONLD_CONTEXT: dict[str, Any] = {
    "@vocab": "https://vietkg.org/api/terms#",
    "id": "@id",
    "name": PREFIXES["foaf"] + "name",
    "label": PREFIXES["rdfs"] + "label",
    "memberships": {"@id": PREFIXES["org"] + "hasMembership", "@container": "@list"},
    "organization": {"@id": PREFIXES["org"] + "organization", "@type": "@id"},
    "post": {"@id": PREFIXES["org"] + "holds"},
    "role": PREFIXES["org"] + "role",
    "parent": {"@id": PREFIXES["org"] + "subOrganizationOf"},
    "units": {"@id": PREFIXES["org"] + "hasUnit"},
    "attendees": {"@id": PREFIXES["schema"] + "attendee"},
    "quote": PREFIXES["vkg"] + "quote",
    "symbol": PREFIXES["eli"] + "id_local",
    "same_as": {"@reverse": PREFIXES["vkg"] + "sameAs", "@type": "@id"},
}


def respond(request: Request, model: BaseModel) -> JSONResponse:
    """JSON, or JSON-LD when Accept prefers ``application/ld+json``; 406 for neither."""
    offer = choose(request.headers.get("accept"), JSON_OFFERS)
    if offer is None:
        raise ApiError("not_acceptable", "this resource is served as application/json or application/ld+json")
    body = model.model_dump(mode="json")
    if offer.key == "jsonld":
        body = {"@context": JSONLD_CONTEXT, **body}
    return JSONResponse(body, media_type=offer.content_type, headers={"Vary": "Accept"})


def entity_iri(collection: str, key: str) -> NamedNode:
    """The IRI of ``key`` in ``collection``; 404 when ``key`` cannot be one."""
    if not _KEY.fullmatch(key):
        raise ApiError("not_found", f"no {KIND_NAMES[KINDS[collection]]} with id {key!r}")
    try:
        return NamedNode(f"{ID_NS}{KINDS[collection]}/{key}")
    except ValueError as e:
        raise ApiError("not_found", f"no {KIND_NAMES[KINDS[collection]]} with id {key!r}") from e


def require_entity(kg: KG, collection: str, key: str) -> NamedNode:
    iri = entity_iri(collection, key)
    if not bool(kg.raw_query(Q.EXISTS, substitutions={"id": iri})):
        raise ApiError("not_found", f"no {KIND_NAMES[KINDS[collection]]} with id {key!r}")
    return iri


def found(request: Request, collection: str, key: str, suffix: str = "") -> Entity:
    """The entity ``key`` names in ``collection``: 404 when the store does not know it, ``308`` to
    ``/api/{collection}/{canonical key}{suffix}`` when it is an alias."""
    kg = state(request).kg
    e = entity(kg, require_entity(kg, collection, key).value)
    href = must_ref(e.iri).href if e.is_alias else None
    if href:
        raise Moved(href + suffix)
    return e


def ref(iri: str | None, label: str | None = None) -> EntityRef | None:
    if not iri:
        return None
    if not iri.startswith(ID_NS):
        return EntityRef(id=iri, label=label)
    segment, _, key = iri[len(ID_NS):].partition("/")
    collection = COLLECTION.get(segment)
    return EntityRef(id=iri, key=key, kind=KIND_NAMES.get(segment, segment), label=label,
                     href=f"/api/{collection}/{key}" if collection else None)


def must_ref(iri: str | None, label: str | None = None) -> EntityRef:
    out = ref(iri, label)
    assert out is not None
    return out


def evidence(row: dict[str, str | None]) -> Evidence | None:
    if not row.get("quote") and not row.get("source"):
        return None
    start, end = row.get("start"), row.get("end")
    return Evidence(article=row.get("source"), article_title=row.get("atitle"), quote=row.get("quote"),
                    start=int(start) if start and start.isdigit() else None,
                    end=int(end) if end and end.isdigit() else None)


def key_of(iri: str, collection: str) -> str:
    return iri[len(f"{ID_NS}{KINDS[collection]}/"):]


