"""No REST parameter can change a query: hostile values give 2xx/4xx, never 5xx, and no write."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from http_support import PERSON, assert_error, make_app

from vietkg.graph.questions import questions
from vietkg.graph.store import KG

PAYLOADS = [
    "'", '"', "}", "{", ">", "<http://example.org/x>", "#", "a\nb", "\r\n}",
    "} ; DROP ALL ; {", '") } } ; DROP ALL ; INSERT DATA { <a> <b> <c> } #',
    "x' } UNION { ?s ?p ?o } #", "?id", "$q", "\\u0022", "%00", "Nguyễn\u0000Thọ", "' OR '1'='1",
]


@pytest.fixture(scope="module")
def setup(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, KG]]:
    import shutil

    target = tmp_path_factory.mktemp("inject") / "kg"
    shutil.copytree(built_store, target)
    app, kg = make_app(target)
    with TestClient(app) as c:
        yield c, kg
    kg.close()


def _requests() -> list[tuple[str, dict[str, str]]]:
    """(path, params) for every REST parameter, with a placeholder for the payload."""
    out: list[tuple[str, dict[str, str]]] = [
        ("/api/search", {"q": "{}"}), ("/api/search", {"q": "nguyen", "kind": "{}"}),
        ("/api/search", {"q": "nguyen", "limit": "{}"}), ("/api/people", {"q": "{}"}),
        ("/api/clusters/ban-tuyen-giao-thanh-uy-thanh-pho-ho-chi-minh/2", {"year": "{}"}),
    ]
    for collection in ("people", "organizations", "clusters", "documents", "events"):
        out.append((f"/api/{collection}/{{}}", {}))
    out.append(("/api/documents/{}/trace", {}))
    out.append((f"/api/people/{PERSON}{{}}", {}))
    for q in questions().values():
        out.extend((f"/api/ask/{q.name}", {p.name: "{}"}) for p in q.params)
    return out


def _fill(template: tuple[str, dict[str, str]], payload: str) -> tuple[str, dict[str, str]]:
    path, params = template
    path = path.replace("{}", quote(payload, safe=""))
    return path, {k: (payload if v == "{}" else v) for k, v in params.items()}


@pytest.mark.parametrize("template", _requests(), ids=lambda t: f"{t[0]}?{','.join(t[1])}")
def test_hostile_values_change_nothing(setup: tuple[TestClient, KG], template: tuple[str, dict[str, str]]) -> None:
    client, kg = setup
    before = (len(kg), kg.named_graphs())
    for payload in PAYLOADS:
        path, params = _fill(template, payload)
        r = client.get(path, params=params)
        assert r.status_code < 500, (path, params, r.text[:300])
        if r.status_code >= 400:
            assert_error(r, r.status_code)
        else:
            assert r.headers["content-type"].startswith("application/json")
    assert (len(kg), kg.named_graphs()) == before


def test_search_with_quotes_finds_nothing_and_reports_the_fold(setup: tuple[TestClient, KG]) -> None:
    client, _ = setup
    body = client.get("/api/search", params={"q": '" } ; DROP ALL ; { "'}).json()
    assert body["results"] == [] and body["folded"] == "drop all"
