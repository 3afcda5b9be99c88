"""The pages in a real headless browser, against a real ``vietkg serve`` on 127.0.0.1.

Debian's chromium (``/usr/bin/chromium``) driven by Playwright for Python (``playwright install`` is
never needed). Every request leaving the server is refused and counted, so the pages are proven
to work offline. Node counts are read from the vis network in the page and compared with counts
the store gives independently. Screenshots go to ``docs/screenshots/`` (the README shows
``cluster.png`` and ``trace.png``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import Literal, NamedNode

from vietkg.graph.store import KG

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                "(apt-get install -y chromium chromium-driver)")
sync_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python (pip install playwright)")


def one(kg: KG, sparql: str, **subs: Any) -> list[dict[str, str | None]]:
    return kg.select(sparql, subs).rows


def _cluster_expectations(kg: KG) -> dict[str, Any]:
    rows = one(kg, """SELECT ?c (COUNT(DISTINCT ?m) AS ?n) (MAX(STR(?y)) AS ?year) WHERE {
        ?s a vkg:ClusterMembership ; org:organization ?c ; org:member ?m ; vkg:year ?y } GROUP BY ?c
        ORDER BY DESC(?n) ?c LIMIT 1""")
    assert rows, "the example articles list no cluster members"
    c, year = rows[0]["c"] or "", rows[0]["year"] or ""
    in_year = one(kg, """SELECT (COUNT(DISTINCT ?m) AS ?n) ?p_c ?p_y WHERE { ?s a vkg:ClusterMembership ;
        org:organization ?p_c ; org:member ?m ; vkg:year ?y FILTER(STR(?y) = ?p_y) } GROUP BY ?p_c ?p_y""",
                  p_c=NamedNode(c), p_y=Literal(year))
    organiser = one(kg, "SELECT (COUNT(DISTINCT ?o) AS ?n) ?p_c WHERE { ?p_c vkg:organisedBy ?o } GROUP BY ?p_c",
                    p_c=NamedNode(c))
    extra = 1 + (int(organiser[0]["n"] or 0) if organiser else 0)  # the cluster and its organiser
    return {"cluster": c, "year": year, "cluster_nodes": extra + int(in_year[0]["n"] or 0),
            "cluster_nodes_all": extra + int(rows[0]["n"] or 0)}


def _trace_expectations(kg: KG) -> dict[str, Any]:
    rows = one(kg, """SELECT ?root (COUNT(DISTINCT ?d) AS ?docs) (COUNT(DISTINCT ?u) AS ?units) WHERE {
        ?root a eli:LegalResource . ?d vkg:implementsDocument* ?root .
        OPTIONAL { ?i a vkg:Implementation ; vkg:document ?d ; vkg:unit ?u } }
        GROUP BY ?root ORDER BY DESC(?units) ?root LIMIT 1""")
    return {"document": rows[0]["root"], "trace_nodes": int(rows[0]["docs"] or 0) + int(rows[0]["units"] or 0)}


@pytest.fixture(scope="module")
def store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("browser") / "kg"
    shutil.copytree(built_store, target)
    return target


@pytest.fixture(scope="module")
def expected(store: Path) -> dict[str, Any]:
    """What the store says, asked before the server takes it (independent of the pages' own queries)."""
    kg = KG(store, read_only=True)
    people = one(kg, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person }")[0]["n"]
    articles = one(kg, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a vkg:Article }")[0]["n"]
    person = one(kg, """SELECT ?p (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a vkg:PostObservation ; org:member ?p ;
        vkg:evidence ?e } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1""")[0]["p"]
    out = {"people": people, "articles": articles, "person": person,
           **_cluster_expectations(kg), **_trace_expectations(kg)}
    del kg
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(store: Path, expected: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "vietkg.api.cli", "serve", "--store", str(store),
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"vietkg serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("vietkg serve did not answer in time")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page; any request not to the server is refused, and the test fails if one was made."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith((server, "data:", "file:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    pg.route("**/*", guard)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.base = server
    yield pg
    context.close()
    assert not outside, f"requests left the server: {outside}"
    assert not errors, f"script errors: {errors}"


def graph_nodes(pg: Any) -> int:
    pg.wait_for_function("window.vkgReady === true", timeout=30_000)
    return int(pg.evaluate("network.body.data.nodes.length"))


def shoot(pg: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name))


def key(iri: str, segment: str) -> str:
    return iri.split(f"/id/{segment}/", 1)[1]


def test_home_counts_and_search(page: Any, expected: dict[str, Any]) -> None:
    page.goto(page.base + "/")
    assert page.inner_text('[data-count="articles"] b') == expected["articles"]
    assert page.inner_text('[data-count="people"] b') == expected["people"]
    shoot(page, "home.png")
    page.fill("#q", "nguyen tho truyen")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=*")
    page.click("table.data a")
    assert page.inner_text("h1") == "Nguyễn Thọ Truyền"


def test_cluster_view_and_year_selector(page: Any, expected: dict[str, Any]) -> None:
    page.goto(f"{page.base}/clusters/{key(expected['cluster'], 'cluster')}")
    assert page.input_value("#year") == expected["year"]
    assert graph_nodes(page) == expected["cluster_nodes"]
    shoot(page, "cluster.png")
    with page.expect_navigation():
        page.select_option("#year", "all")
    assert graph_nodes(page) == expected["cluster_nodes_all"]


def test_trace_view(page: Any, expected: dict[str, Any]) -> None:
    page.goto(f"{page.base}/documents/{key(expected['document'], 'doc')}")
    assert graph_nodes(page) == expected["trace_nodes"]
    assert page.locator("#trace tbody tr").count() >= expected["trace_nodes"] - 1
    shoot(page, "trace.png")


def test_person_timeline_links_to_the_evidence_sentence(page: Any, expected: dict[str, Any]) -> None:
    page.goto(f"{page.base}/people/{key(expected['person'], 'person')}")
    assert page.locator("ol.timeline li").count() >= 1
    shoot(page, "person.png")
    page.click("ol.timeline a.ev-link")
    page.wait_for_url("**/articles/*#ev-*")
    anchor = page.evaluate("location.hash").lstrip("#")
    assert page.locator(f"#{anchor} blockquote").inner_text()


def test_event_page_lists_attendees(page: Any) -> None:
    page.goto(page.base + "/events")
    page.click("table.data a")
    assert page.locator("#attendees tbody tr").count() >= 1


def test_query_page_runs_an_example_against_the_endpoint(page: Any, store: Path) -> None:
    page.goto(page.base + "/query?example=clusters")
    page.wait_for_function("document.body.dataset.queryDone === '1'", timeout=20_000)
    rows = page.locator("#results tr").count() - 1
    assert rows > 0 and "dòng" in page.inner_text("#status")
    shoot(page, "query.png")


def test_two_thousand_nodes_stay_usable(browser: Any, tmp_path: Path) -> None:
    from _vizdata import bulk_docs, load

    from vietkg.graph import analytics, viz

    g = analytics.cluster_graph(load(KG(None), bulk_docs()))
    html = tmp_path / "big.html"
    html.write_text(viz.render_html(g, "2.000 nút"), encoding="utf-8")
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    start = time.perf_counter()
    pg.goto(html.as_uri())
    assert graph_nodes(pg) == g.number_of_nodes() >= 2000
    seconds = time.perf_counter() - start
    assert seconds < 30, f"{g.number_of_nodes()} nodes took {seconds:.1f} s to settle"  # ~3 s on an idle 2-core box
    assert pg.evaluate("network.physics.physicsEnabled") is False  # frozen once stabilised
    pg.close()
