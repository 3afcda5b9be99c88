"""One JSON error shape for every HTTP error, with a stable code.

Every error the server answers — our own, FastAPI's validation errors, Starlette's 404/405 for
unknown routes, a user's malformed query, a fault — has this body::

    {"error": {"code": "malformed_query", "message": "one readable line", "details": [...]}}

``code`` is stable (clients may branch on it; :data:`CODES` lists them with their status);
``message`` is for people; ``details`` is optional (validation errors, per-record ingest errors).
Known errors of the lower layers (``QueryError``, ``QuestionError``, ``StoreError``,
``IngestError``) are translated here, at the edge; anything else is a fault: it is logged with its
traceback and answered ``500 internal_error`` without internals.

Not an error but raised the same way: :class:`Moved`, when a REST resource or a page is asked for
under an alias IRI (a mention the resolution linked to a canonical node): ``308 Permanent
Redirect`` to the canonical resource, query string kept. Resolution decisions can be revised (a
later judgement may split two people), so the redirect says how long it may be cached.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from vietkg.graph.questions import QuestionError
from vietkg.graph.store import QueryError, StoreError, StoreLockedError
from vietkg.ingest.model import IngestError

log = logging.getLogger(__name__)

# code -> (status, what it means); the OpenAPI description and a test read this table.
CODES: dict[str, tuple[int, str]] = {
    "bad_request": (400, "the request is malformed (parameters, body, encoding)"),
    "malformed_query": (400, "the SPARQL query or update does not parse"),
    "bad_parameter": (400, "a parameter value is not acceptable"),
    "refused_operation": (400, "SERVICE and LOAD are refused: they make the server fetch addresses"),
    "bad_article": (400, "an article record or file cannot be ingested"),
    "unauthorized": (401, "a valid bearer token is required"),
    "read_only": (403, "this server is read-only: start it with VIETKG_TOKEN set to allow writes"),
    "not_found": (404, "no such route or entity"),
    "method_not_allowed": (405, "the route does not take this method"),
    "not_acceptable": (406, "none of the media types in Accept can be produced"),
    "payload_too_large": (413, "the request body is too large"),
    "unsupported_media_type": (415, "the request body's Content-Type is not accepted here"),
    "validation_error": (422, "parameters or body fail validation"),
    "bad_articles": (422, "some article records could not be ingested (see details)"),
    "internal_error": (500, "a fault in the server; it has been logged"),
    "store_unavailable": (503, "the store cannot be used right now"),
    "query_timeout": (503, "the query ran past the time limit and was stopped"),
    "server_busy": (503, "every query worker is busy; try again"),
}

_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "read_only", 404: "not_found",
                 405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
                 415: "unsupported_media_type", 422: "validation_error", 500: "internal_error",
                 503: "store_unavailable"}


class ApiError(Exception):
    """An error answered with the shared shape; ``code`` must be a key of :data:`CODES`."""

    def __init__(self, code: str, message: str, *, details: list[Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        if code not in CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.status = CODES[code][0]
        self.message = message
        self.details = details
        self.headers = headers


class Moved(Exception):
    """The resource asked for is an alias: redirect to ``location`` (a path with its query)."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


MOVED_CACHE = "public, max-age=3600"
MOVED_RESPONSE: dict[int | str, dict[str, Any]] = {308: {
    "description": "the id is an alias of another entity (the same person in another article, another name "
                   "of a body, a document cited without its term): Location is the canonical resource"}}


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message}
    if details:
        err["details"] = details
    return {"error": err}


def error_response(err: ApiError) -> JSONResponse:
    return JSONResponse(error_body(err.code, err.message, err.details), status_code=err.status,
                        headers=err.headers)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return " ".join(lines)[:2000] if lines else "error"


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def _moved(request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, Moved)
    query = request.url.query
    return RedirectResponse(exc.location + (f"?{query}" if query else ""), status_code=308,
                            headers={"Cache-Control": MOVED_CACHE})


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "bad_request" if exc.status_code < 500 else "internal_error")
    message = exc.detail if isinstance(exc.detail, str) else CODES[code][1]
    if exc.status_code == 404 and message == "Not Found":
        message = "no such route; see /docs for the API"
    return JSONResponse(error_body(code, message), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{"location": [str(p) for p in e.get("loc", ())], "message": str(e.get("msg", "")),
                "type": str(e.get("type", ""))} for e in exc.errors()]
    first = details[0] if details else {"location": [], "message": "invalid request"}
    where = ".".join(first["location"][1:] or first["location"])
    message = f"{where}: {first['message']}" if where else str(first["message"])
    return JSONResponse(error_body("validation_error", message, details), status_code=422)


async def _known_error(_: Request, exc: Exception) -> JSONResponse:
    """The lower layers' user-facing errors, translated here and nowhere else."""
    if isinstance(exc, QueryError):
        return error_response(ApiError("malformed_query", _first_line(str(exc))))
    if isinstance(exc, QuestionError):
        code = "not_found" if str(exc).startswith("unknown question") else "bad_parameter"
        return error_response(ApiError(code, _first_line(str(exc))))
    if isinstance(exc, IngestError):
        return error_response(ApiError("bad_article", _first_line(str(exc))))
    if isinstance(exc, StoreLockedError | StoreError):
        log.error("store error: %s", exc)
        return error_response(ApiError("store_unavailable", _first_line(str(exc))))
    return await _fault(_, exc)


async def _fault(request: Request, exc: Exception) -> JSONResponse:
    log.error("fault answering %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body("internal_error", CODES["internal_error"][1]), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(Moved, _moved)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for known in (QueryError, QuestionError, IngestError, StoreError):
        app.add_exception_handler(known, _known_error)
    app.add_exception_handler(Exception, _fault)


def error_responses(*codes: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for the given codes, all with the shared error model."""
    from vietkg.api.schemas import ErrorResponse

    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        status, meaning = CODES[code]
        entry = out.setdefault(status, {"model": ErrorResponse, "description": ""})
        entry["description"] = "; ".join(filter(None, [entry["description"], f"`{code}`: {meaning}"]))
    return out
