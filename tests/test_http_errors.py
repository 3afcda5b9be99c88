"""One JSON error shape for every error, and an OpenAPI that documents every route and code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from http_support import TOKEN, assert_error

from vietkg.api import guards
from vietkg.api.app import create_app
from vietkg.api.errors import CODES
from vietkg.api.settings import Settings
from vietkg.graph.store import KG

AUTH = {"Authorization": f"Bearer {TOKEN}"}
boom = APIRouter()


@boom.get("/test-fault")
def fault() -> None:
    raise RuntimeError("a bug, with a secret path /etc/x")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    kg = KG(None)
    app = create_app(kg, Settings(token=TOKEN, query_timeout=5), extra_routers=[boom])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


CASES: list[tuple[str, str, dict[str, Any], int, str]] = [
    ("GET", "/no/such/route", {}, 404, "not_found"),
    ("GET", "/api/people/nobody", {}, 404, "not_found"),
    ("DELETE", "/api/search", {}, 405, "method_not_allowed"),
    ("PATCH", "/sparql", {}, 405, "method_not_allowed"),
    ("GET", "/api/search", {}, 422, "validation_error"),
    ("GET", "/api/search?q=a&limit=0", {}, 422, "validation_error"),
    ("GET", "/sparql?query=SELECT", {}, 400, "malformed_query"),
    ("GET", "/sparql?query=ASK{}&query=ASK{}", {}, 400, "bad_request"),
    ("GET", "/sparql?update=CLEAR%20ALL", {}, 400, "bad_request"),
    ("POST", "/sparql", {"data": {"update": "CLEAR ALL"}}, 401, "unauthorized"),
    ("GET", "/sparql?query=ASK{}", {"headers": {"Accept": "image/png"}}, 406, "not_acceptable"),
    ("POST", "/sparql", {"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415,
     "unsupported_media_type"),
    ("POST", "/sparql", {"content": "ASK {}".encode("utf-16"),
                         "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}}, 415,
     "unsupported_media_type"),
    ("POST", "/sparql", {"content": b"ASK {\xff}", "headers": {"Content-Type": "application/sparql-query"}},
     400, "bad_request"),
    ("GET", "/test-fault", {}, 500, "internal_error"),
    ("GET", "/api/ask/nobody", {}, 404, "not_found"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), CASES,
                         ids=[f"{c[3]}-{c[1]}" for c in CASES])
def test_every_error_has_the_shape(client: TestClient, method: str, path: str, kwargs: dict[str, Any],
                                   status: int, code: str) -> None:
    body = assert_error(client.request(method, path, **kwargs), status, code)
    assert "Traceback" not in body["error"]["message"] and "/etc/x" not in body["error"]["message"]


def test_read_only_and_too_large(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    kg = KG(None)
    with TestClient(create_app(kg, Settings(token=None))) as ro:
        assert_error(ro.post("/sparql", data={"update": "CLEAR ALL"}), 403, "read_only")
    monkeypatch.setattr(guards, "MAX_BODY", 64)
    assert_error(client.post("/sparql", content=b"ASK {} " + b" " * 100,
                             headers={"Content-Type": "application/sparql-query"}), 413, "payload_too_large")
    assert_error(client.post("/api/articles", json=[{"url": "u", "text": "x" * 100}], headers=AUTH),
                 413, "payload_too_large")


def test_openapi_documents_routes_parameters_and_codes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for code in CODES:
        assert f"`{code}`" in spec["info"]["description"], code
    paths = spec["paths"]
    for path in ("/sparql", "/rdf-graphs/service", "/api/search", "/api/people", "/api/people/{id}",
                 "/api/organizations/{id}", "/api/clusters/{id}", "/api/documents/{id}",
                 "/api/documents/{id}/trace", "/api/events/{id}", "/api/ask", "/api/ask/people", "/api/articles"):
        assert path in paths, path
    for path, ops in paths.items():
        for method, op in ops.items():
            for param in op.get("parameters", []):
                assert param.get("description"), (method, path, param["name"])
            if path.startswith("/api/") and method == "get":
                ok = op["responses"]["200"]["content"]["application/json"]["schema"]
                assert ok, (path, ok)
                assert "404" in op["responses"] or "422" in op["responses"] or path == "/api/ask", path
    assert "ErrorResponse" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_root_is_left_to_the_pages(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code in (200, 404)
    if r.status_code == 404:
        assert_error(r, 404, "not_found")
