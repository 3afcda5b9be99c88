"""A real ``vietkg serve`` on 127.0.0.1: SPARQL clients, the query timeout, ingest over HTTP.

The store is built from the example articles by the root conftest (``built_store``) and copied;
the server runs SPARQL queries in worker processes (``ProcessRunner``) with a 2 s timeout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from http_support import PERSON, TOKEN, LiveServer, add_trace, assert_error, live_server

from vietkg.graph.store import KG

TIMEOUT = 2.0
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://vietkg.org/graph/ontology> { ?a ?b ?c } "
        "GRAPH <https://vietkg.org/graph/ontology> { ?d ?e ?f } "
        "GRAPH <https://vietkg.org/graph/ontology> { ?g ?h ?i } FILTER(STR(?c) < STR(?f)) }")
ARTICLES = "SELECT ?s WHERE { GRAPH ?g { ?s a vkg:Article } } ORDER BY ?s"


@pytest.fixture(scope="module")
def server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    store = tmp_path_factory.mktemp("live") / "kg"
    shutil.copytree(built_store, store)
    kg = KG(store)
    add_trace(kg)
    kg.close()
    with live_server(store, timeout=TIMEOUT) as s:
        yield s


def test_sparqlwrapper(server: LiveServer) -> None:
    from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery("PREFIX vkg: <https://vietkg.org/ontology#> " + ARTICLES)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert len(rows) == 5
    sw.setMethod(POST)
    sw.setReturnFormat(XML)
    assert len(sw.query().convert().getElementsByTagName("result")) == 5  # type: ignore[union-attr]
    sw.setQuery("ASK { ?s a <https://vietkg.org/ontology#Article> }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True  # type: ignore[index,call-overload]
    sw.setQuery("CONSTRUCT { ?s a <https://vietkg.org/ontology#Article> } WHERE { ?s a "
                "<https://vietkg.org/ontology#Article> }")
    sw.setReturnFormat(TURTLE)
    assert sw.query().convert().count(b"ontology#Article") == 5  # type: ignore[union-attr]


def test_rdflib_sparqlstore(server: LiveServer) -> None:
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(server.url + "/sparql"))
    rows = list(g.query("PREFIX vkg: <https://vietkg.org/ontology#> " + ARTICLES))
    assert len(rows) == 5
    person = URIRef("https://vietkg.org/id/person/" + PERSON)
    names = {str(o) for o in g.objects(person, URIRef("http://xmlns.com/foaf/0.1/name"))}
    assert names == {"Nguyễn Thọ Truyền"}
    graph = g.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3").graph
    assert graph is not None and len(graph) == 3


def test_slow_query_is_stopped_while_others_are_served(server: LiveServer) -> None:
    slow: dict[str, object] = {}

    def run_slow() -> None:
        start = time.monotonic()
        slow["response"] = httpx.get(server.url + "/sparql", params={"query": SLOW}, timeout=30)
        slow["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)  # the slow query is running now
    served = []
    with httpx.Client(base_url=server.url, timeout=10) as other:
        while thread.is_alive() and len(served) < 20:
            start = time.monotonic()
            assert other.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
            assert other.get("/api/people", params={"q": "truyen"}).json()["results"]
            served.append(time.monotonic() - start)
    thread.join(30)
    assert served and max(served) < 1.0, served  # another client was answered while the slow one ran
    response = slow["response"]
    assert isinstance(response, httpx.Response)
    assert_error(response, 503, "query_timeout")
    assert TIMEOUT <= float(slow["seconds"]) < TIMEOUT + 2.0  # type: ignore[arg-type]
    for _ in range(3):  # more queries than workers: the killed worker was replaced
        assert httpx.get(server.url + "/sparql", params={"query": "ASK {}"}).json()["boolean"] is True


def test_ingest_through_the_server(server: LiveServer, example_articles: list[Path], tmp_path: Path) -> None:
    def vietkg(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "vietkg.api.cli", *map(str, args)],
                              capture_output=True, text=True, timeout=120)

    article = tmp_path / "bai-moi.txt"
    article.write_bytes(example_articles[1].read_bytes())
    done = vietkg("ingest", article, "--server", server.url, "--token", TOKEN)
    assert done.returncode == 0, done.stderr
    assert "1 article(s) sent" in done.stderr
    rows = httpx.get(server.url + "/api/ask/people", params={"article": "bai-moi.txt"}).json()["rows"]
    assert rows
    refused = vietkg("ingest", article, "--server", server.url, "--token", "wrong")
    assert refused.returncode == 1 and "refused the token" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    missing = vietkg("ingest", tmp_path / "nope.txt", article, "--server", server.url, "--token", TOKEN)
    assert missing.returncode == 1 and "nope.txt" in missing.stderr and "1 article(s) sent" in missing.stderr
    held = vietkg("ingest", article, "--store", server.store)
    assert held.returncode != 0 and len(held.stderr.strip().splitlines()) == 1 and "in use" in held.stderr
    down = vietkg("ingest", article, "--server", "http://127.0.0.1:9", "--token", TOKEN)
    assert down.returncode == 1 and "cannot reach" in down.stderr and "Traceback" not in down.stderr


def test_queries_right_after_updates_are_answered(server: LiveServer) -> None:
    """Each update may compact the store while a worker opens it read-only; the worker retries."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    failures = []
    for i in range(80):
        g = f"http://example.org/churn/{i % 3}"
        update = f"CLEAR SILENT GRAPH <{g}> ; INSERT DATA {{ GRAPH <{g}> {{ <urn:x:{i}> a <urn:x:T> }} }}"
        r = httpx.post(server.url + "/sparql", content=update.encode(),
                       headers={"Content-Type": "application/sparql-update", **auth})
        assert r.status_code < 400, r.text
        r = httpx.post(server.url + "/sparql", content=f"ASK {{ GRAPH <{g}> {{ <urn:x:{i}> a ?t }} }}".encode(),
                       headers={"Content-Type": "application/sparql-query"})
        if r.status_code != 200 or r.json().get("boolean") is not True:
            failures.append((i, r.status_code, r.text[:200]))
    assert not failures, failures


def test_worker_retries_an_open_that_raced_a_compaction(built_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vietkg.api import sparql_exec
    from vietkg.graph.store import StoreError

    real, opens, failing = sparql_exec.KG, [], [2]

    def racing(path: Path, read_only: bool = False) -> KG:
        opens.append(path)
        if len(opens) <= failing[0]:
            raise StoreError("cannot open the store: Corruption: No such file 000123.sst")
        return real(path, read_only=read_only)

    monkeypatch.setattr(sparql_exec, "KG", racing)
    job = sparql_exec.Job("ASK {}", "json", "turtle")
    answer = sparql_exec._answer_in_worker(str(built_store), job)
    assert answer.status == "ok" and b"true" in answer.body and len(opens) == 3
    opens.clear()
    failing[0] = 99
    gave_up = sparql_exec._answer_in_worker(str(built_store), job, attempts=3)
    assert gave_up.status == "store_error" and "Corruption" in gave_up.message and len(opens) == 3
