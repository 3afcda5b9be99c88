"""The SPARQL endpoint in-process: formats, negotiation, errors, refusals, limits, writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from http_support import TOKEN, assert_error, make_app
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from vietkg.graph.store import KG

AUTH = {"Authorization": f"Bearer {TOKEN}"}
SELECT = "SELECT ?s WHERE { GRAPH ?g { ?s a vkg:Article } } ORDER BY ?s"
CONSTRUCT = "CONSTRUCT { ?s a vkg:Article } WHERE { GRAPH ?g { ?s a vkg:Article } }"


@pytest.fixture
def app_kg(store_copy: Path) -> Iterator[tuple[Any, KG]]:
    app, kg = make_app(store_copy, max_rows=50)
    yield app, kg
    kg.close()


@pytest.fixture
def client(app_kg: tuple[Any, KG]) -> Iterator[TestClient]:
    with TestClient(app_kg[0]) as c:
        yield c


@pytest.mark.parametrize(("accept", "ctype", "fmt"), [
    (None, "application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/tab-separated-values", "text/tab-separated-values", QueryResultsFormat.TSV),
    ("text/csv;q=0.9, application/sparql-results+xml;q=0.5", "text/csv", None),
    ("text/*", "text/csv", None),
    ("application/json", "application/sparql-results+json", QueryResultsFormat.JSON),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml",
     QueryResultsFormat.XML),
])
def test_select_formats_by_accept(client: TestClient, accept: str | None, ctype: str,
                                  fmt: QueryResultsFormat | None) -> None:
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", params={"query": SELECT}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(ctype)
    if fmt is not None:
        rows = list(parse_query_results(r.content, format=fmt))
        assert len(rows) == 5
    else:
        assert len(r.text.strip().splitlines()) == 6


@pytest.mark.parametrize(("accept", "ctype", "fmt"), [
    (None, "text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", "application/ld+json", RdfFormat.JSON_LD),
    ("application/rdf+xml", "application/rdf+xml", RdfFormat.RDF_XML),
])
def test_construct_formats(client: TestClient, accept: str | None, ctype: str, fmt: RdfFormat) -> None:
    headers = {"Accept": accept} if accept else {}
    r = client.post("/sparql", content=CONSTRUCT, headers={"Content-Type": "application/sparql-query", **headers})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(ctype)
    assert len(list(parse(r.content, format=fmt))) == 5


def test_ask_form_post_and_dataset(client: TestClient) -> None:
    graph = "https://vietkg.org/graph/ontology"
    r = client.post("/sparql", data={"query": "ASK { ?s a vkg:Article }", "default-graph-uri": graph})
    assert r.json() == {"head": {}, "boolean": False}
    r = client.post("/sparql", data={"query": "ASK { ?s a vkg:Article }"})
    assert r.json()["boolean"] is True  # the default graph is the union of all graphs


def test_unacceptable_and_bad_requests(client: TestClient) -> None:
    assert_error(client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"}),
                 406, "not_acceptable")
    assert_error(client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"}),
                 406, "not_acceptable")
    body = assert_error(client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"}), 400, "malformed_query")
    assert "error at" in body["error"]["message"]
    assert_error(client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}),
                 415, "unsupported_media_type")
    assert_error(client.put("/sparql"), 405, "method_not_allowed")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://169.254.169.254/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o .SERVICE <http://x/> { ?a ?b ?c } }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?a ?b ?c } }",
])
def test_service_is_refused(client: TestClient, query: str) -> None:
    assert_error(client.get("/sparql", params={"query": query}), 400, "refused_operation")


@pytest.mark.parametrize("query", [
    'SELECT ?x WHERE { BIND("SERVICE <http://x/> { }" AS ?x) }',
    "SELECT ?x WHERE { BIND('''LOAD <http://x/>''' AS ?x) } # SERVICE in a comment",
    "SELECT ?service WHERE { BIND(<http://example.org/SERVICE> AS ?service) }",
    "PREFIX ex: <http://example.org/> SELECT ?x WHERE { BIND(ex:SERVICE AS ?x) }",
])
def test_the_word_service_elsewhere_is_fine(client: TestClient, query: str) -> None:
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 200, r.text
    assert len(r.json()["results"]["bindings"]) == 1


def test_relative_iris_resolve_against_the_endpoint(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE { BIND(<people/x> AS ?x) }"})
    assert r.json()["results"]["bindings"][0]["x"]["value"] == "http://testserver/people/x"
    own = "BASE <http://example.org/a/> SELECT ?x WHERE { BIND(<b> AS ?x) }"  # the query's BASE wins
    r = client.get("/sparql", params={"query": own})
    assert r.json()["results"]["bindings"][0]["x"]["value"] == "http://example.org/a/b"
    r = client.get("/sparql", params={"query": "SELECT ?x\nWHERE { ?x nope:p ?o }"})
    body = assert_error(r, 400, "malformed_query")
    assert "error at 2:18" in body["error"]["message"]  # the query as sent: nothing put before it


def test_row_cap(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(r.json()["results"]["bindings"]) == 50
    assert r.headers["x-vietkg-max-rows"] == "50"
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 7"})
    assert len(r.json()["results"]["bindings"]) == 7


def test_service_description(client: TestClient) -> None:
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    text = r.text
    assert "sd:UnionDefaultGraph" in text and "sd:SPARQL11Update" in text and "union of all" in text
    triples = list(parse(r.content, format=RdfFormat.TURTLE))
    assert any(t.object.value.endswith("#Service") for t in triples)


def test_update_needs_the_token(client: TestClient) -> None:
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }"
    assert_error(client.post("/sparql", data={"update": update}), 401, "unauthorized")
    assert_error(client.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer nope"}),
                 401, "unauthorized")
    assert_error(client.post("/sparql", data={"update": "LOAD <http://127.0.0.1:1/x>"}, headers=AUTH),
                 400, "refused_operation")
    r = client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update", **AUTH})
    assert r.status_code == 204, r.text
    r = client.get("/sparql", params={"query": "ASK { GRAPH <http://example.org/g> { ?s ?p 1 } }"})
    assert r.json()["boolean"] is True
    assert_error(client.post("/sparql", data={"update": "INSERT DATA {"}, headers=AUTH), 400, "malformed_query")


def test_read_only_server_refuses_writes(store_copy: Path) -> None:
    app, kg = make_app(store_copy, token=None)
    with TestClient(app) as c:
        assert_error(c.post("/sparql", data={"update": "CLEAR ALL"}), 403, "read_only")
        assert_error(c.put("/rdf-graphs/service", params={"graph": "http://example.org/g"}, content="",
                           headers={"Content-Type": "text/turtle"}), 403, "read_only")
        assert_error(c.post("/api/articles", json={"url": "http://x/1", "text": "Một bài"}), 403, "read_only")
        assert "SPARQL11Update" not in c.get("/sparql").text
    kg.close()


def test_graph_store_protocol(client: TestClient) -> None:
    g = {"graph": "http://example.org/gsp"}
    turtle = "<http://example.org/a> <http://example.org/b> 'một' ."
    put = client.put("/rdf-graphs/service", params=g, content=turtle.encode(),
                     headers={"Content-Type": "text/turtle", **AUTH})
    assert put.status_code == 201, put.text
    post = client.post("/rdf-graphs/service", params=g, content=b'<http://example.org/a> <http://example.org/b> "2" .',
                       headers={"Content-Type": "application/n-triples", **AUTH})
    assert post.status_code == 200 and post.json() == {"graph": g["graph"], "quads": 1}
    got = client.get("/rdf-graphs/service", params=g, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and len(got.text.strip().splitlines()) == 2 and "một" in got.text
    assert_error(client.put("/rdf-graphs/service", params=g, content=b"not turtle <",
                            headers={"Content-Type": "text/turtle", **AUTH}), 400, "bad_request")
    assert client.delete("/rdf-graphs/service", params=g, headers=AUTH).status_code == 204
    assert_error(client.get("/rdf-graphs/service", params=g), 404, "not_found")
    assert_error(client.delete("/rdf-graphs/service", params=g), 401, "unauthorized")


def test_query_timeout_in_threads(store_copy: Path) -> None:
    app, kg = make_app(store_copy, timeout=0.5)
    slow = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://vietkg.org/graph/ontology> { ?a ?b ?c } "
            "GRAPH <https://vietkg.org/graph/ontology> { ?d ?e ?f } "
            "GRAPH <https://vietkg.org/graph/ontology> { ?g ?h ?i } FILTER(STR(?c) < STR(?f)) }")
    with TestClient(app) as c:
        body = assert_error(c.get("/sparql", params={"query": slow}), 503, "query_timeout")
        assert "0.5" in body["error"]["message"]
        assert c.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True
    kg.close()


def test_json_results_are_pyoxigraph_native(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": 'SELECT ?x WHERE { BIND("Nguyễn Thọ Truyền"@vi AS ?x) }'})
    assert json.loads(r.content)["results"]["bindings"][0]["x"] == {
        "type": "literal", "value": "Nguyễn Thọ Truyền", "xml:lang": "vi"}
