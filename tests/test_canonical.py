"""One node per real entity everywhere: analytics, rankings, search, REST and pages follow vkg:sameAs.

The store is ``tests/fixtures/multi`` (the resolution merges Đặng Văn Khải of Tỉnh ủy Bình Dương,
2024, with Đặng Văn Khải of Thành ủy TPHCM, 2025, after the provinces merged) plus two articles
written here: one cites Nghị quyết 35-NQ/TW with its term (khóa XII), the other cites it without
(``id/doc/tw/nq/35``, linked to the termed one) through a district plan, Kế hoạch 12-KH/QU, and
names an official of "UBND TPHCM" (an article body resolved to the gazetteer's Ủy ban nhân dân
Thành phố Hồ Chí Minh). All three kinds of alias are in one store, built once by the real ingest.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from http_support import make_app
from pyoxigraph import NamedNode, Quad

from vietkg.api.viz_cli import find_document
from vietkg.graph import analytics, export, rankings, search
from vietkg.graph.canonical import Canonical, load_canonical
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS, VKG, graph_iri

MULTI = Path(__file__).resolve().parent / "fixtures" / "multi"
PERSON, DOC, ORG = ID_NS + "person/", ID_NS + "doc/", ID_NS + "org/"
KHAI = PERSON + "dang-van-khai--binh-duong"  # canonical: the smaller IRI, already canonical before
KHAI_ALIAS = PERSON + "dang-van-khai--thanh-pho-ho-chi-minh"
NQ35 = DOC + "tw/nq/xii/35"
NQ35_ALIAS = DOC + "tw/nq/35"
KH12 = DOC + "qu-quan-4-thanh-pho-ho-chi-minh/kh/12"
UBND = ORG + "uy-ban-nhan-dan-thanh-pho-ho-chi-minh"
UBND_ALIAS = ORG + "ubnd-tphcm"
BINH = PERSON + "tran-van-binh--thanh-pho-ho-chi-minh"

TERMED = """Ban Tuyên giáo Thành ủy TPHCM sơ kết 5 năm thực hiện Nghị quyết 35

Ngày 15/3/2023, Ban Tuyên giáo Thành ủy TPHCM tổ chức hội nghị sơ kết 5 năm thực hiện Nghị quyết số \
35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu \
tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới.

Báo cáo tại hội nghị cho biết, Ban Tuyên giáo Quận ủy Quận 3 đã triển khai thực hiện Nghị quyết số \
35-NQ/TW ngày 22/10/2018 của Bộ Chính trị, kiện toàn lực lượng nòng cốt trên không gian mạng.
"""
TERMLESS = """Quận ủy Quận 4 triển khai kế hoạch bảo vệ nền tảng tư tưởng của Đảng

Ngày 20/4/2023, Quận ủy Quận 4 ban hành Kế hoạch số 12-KH/QU về thực hiện Nghị quyết số 35-NQ/TW của Bộ \
Chính trị trên địa bàn quận.

Dự hội nghị triển khai kế hoạch có đồng chí Trần Văn Bình, Phó Chủ tịch UBND TPHCM.

Ban Tuyên giáo Quận ủy Quận 4 đã triển khai Kế hoạch số 12-KH/QU của Quận ủy, tổ chức 5 lớp bồi dưỡng \
cho lực lượng nòng cốt.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from vietkg.api.loader import ingest_paths

    articles = tmp_path_factory.mktemp("articles")
    for f in MULTI.iterdir():
        shutil.copy(f, articles / f.name)
    (articles / "d1_nq35_khoa_xii.txt").write_text(TERMED, encoding="utf-8")
    (articles / "d2_kh12_nq35.txt").write_text(TERMLESS, encoding="utf-8")
    path = tmp_path_factory.mktemp("canonical") / "kg"
    kg = KG(path)
    errors: list[str] = []
    assert ingest_paths(kg, [articles], errors.append).ok, errors
    kg.close()
    return path


@pytest.fixture(scope="module")
def served(store: Path) -> Iterator[tuple[TestClient, KG]]:
    app, kg = make_app(store)
    with TestClient(app, follow_redirects=False) as client:
        yield client, kg
    kg.close()


@pytest.fixture(scope="module")
def kg(served: tuple[TestClient, KG]) -> KG:
    return served[1]


@pytest.fixture(scope="module")
def client(served: tuple[TestClient, KG]) -> TestClient:
    return served[0]


def test_the_store_holds_the_three_kinds_of_alias(kg: KG) -> None:
    assert load_canonical(kg).links == {KHAI_ALIAS: KHAI, NQ35_ALIAS: NQ35, UBND_ALIAS: UBND}


# -- analytics and rankings -----------------------------------------------------------------------
def test_a_person_in_two_articles_is_one_node_of_the_coattendance_graph(kg: KG) -> None:
    g = analytics.coattendance_graph(kg)
    khai = [n for n in g if "/dang-van-khai--" in n]
    assert khai == [KHAI]
    assert g.nodes[KHAI]["events"] == 2 and g.nodes[KHAI]["same_as"] == [KHAI_ALIAS]
    assert g.nodes[KHAI]["label"] == "Đặng Văn Khải"


def test_a_document_cited_with_and_without_its_term_is_one_node_of_the_trace(kg: KG) -> None:
    for asked in (NQ35, NQ35_ALIAS):
        g = analytics.trace_graph(kg, asked)
        docs = sorted(n for n, d in g.nodes(data=True) if d["kind"] == "document")
        assert docs == sorted([NQ35, KH12])
        assert g.nodes[NQ35]["root"] and g.nodes[NQ35]["label"] == "35-NQ/TW (khóa XII)"
        assert g.edges[KH12, NQ35]["relation"] == "carries-out"  # the plan cites the termless form
        units = {a for a, b, d in g.edges(data=True) if d["relation"] == "implements"}
        assert {ORG + "ban-tuyen-giao-quan-uy-quan-3", ORG + "ban-tuyen-giao-quan-uy-quan-4"} <= units
    records = analytics.implementation_records(kg, NQ35_ALIAS)
    assert {r["document"] for r in records} == {NQ35, KH12}


def test_rankings_count_a_document_once_under_its_canonical_iri(kg: KG) -> None:
    docs = rankings.rankings(kg)["documents"]
    assert [(r["iri"], r["score"]) for r in docs if "/nq/" in r["iri"]] == [(NQ35, 2)]  # two articles
    officials = {r["iri"]: r["score"] for r in rankings.rankings(kg, limit=50)["officials"]}
    assert KHAI in officials and KHAI_ALIAS not in officials


def test_careers_show_the_canonical_body(kg: KG) -> None:
    g = analytics.career_graph(kg, BINH)
    orgs = {n: d["label"] for n, d in g.nodes(data=True) if d["kind"] == "organization"}
    assert orgs == {UBND: "Ủy ban nhân dân Thành phố Hồ Chí Minh"}
    assert g.nodes[UBND]["same_as"] == [UBND_ALIAS]
    khai = analytics.post_observations(kg, KHAI_ALIAS)  # an alias as the parameter: the whole person
    assert {o["person"] for o in khai} == {KHAI} and len(khai) == 2


def test_exports_carry_the_aliases(kg: KG, tmp_path: Path) -> None:
    export.write_graph(analytics.coattendance_graph(kg), tmp_path / "people.graphml")
    g = nx.read_graphml(tmp_path / "people.graphml")
    assert g.nodes[KHAI]["same_as"] == KHAI_ALIAS and KHAI_ALIAS not in g


def test_search_finds_one_hit_per_entity(kg: KG) -> None:
    assert search.search(kg, "Dang Van Khai") == [search.Hit(KHAI, "Đặng Văn Khải")]
    docs = search.search(kg, "35-NQ/TW", prefix=DOC)
    assert [h.iri for h in docs] == [NQ35]
    assert search.search(kg, "ubnd tphcm", prefix=ORG) == [search.Hit(UBND, "Ủy ban nhân dân Thành phố Hồ Chí Minh")]


def test_viz_trace_by_symbol_is_no_longer_ambiguous(kg: KG) -> None:
    assert find_document(kg, "35-NQ/TW") == NQ35
    assert find_document(kg, "tw/nq/35") == NQ35


# -- the canonical map itself ---------------------------------------------------------------------
def test_links_are_followed_to_their_end_and_rows_described_by_the_canonical_node() -> None:
    kg = KG(None)
    g = graph_iri("test-links")
    a, b, c = (ID_NS + f"org/{x}" for x in "abc")
    kg.replace_graph(g, [Quad(NamedNode(a), VKG.sameAs, NamedNode(b), g),
                         Quad(NamedNode(b), VKG.sameAs, NamedNode(c), g),
                         Quad(NamedNode(c), VKG.sameAs, NamedNode(c), g)])
    canon = load_canonical(kg)
    assert canon.links == {a: c, b: c} and canon.members(a) == [c, a, b]
    rows = [{"o": a, "label": "A"}, {"o": c, "label": "C"}, {"o": b, "label": "B"}, {"o": ID_NS + "x", "label": "X"}]
    assert canon.rows(rows, {"o": "label"}) == [{"o": c, "label": "C"}, {"o": ID_NS + "x", "label": "X"}]
    fallback = Canonical({a: c}, {c: "C from rdfs:label"})
    assert fallback.rows([{"o": a, "label": "A"}], {"o": "label"}) == [{"o": c, "label": "C from rdfs:label"}]


# -- REST -----------------------------------------------------------------------------------------
def _moved(client: TestClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 308, (url, r.status_code, r.text[:300])
    assert "max-age" in r.headers["cache-control"]
    return r.headers["location"]


@pytest.mark.parametrize(("alias", "canonical"), [
    ("/api/people/dang-van-khai--thanh-pho-ho-chi-minh", "/api/people/dang-van-khai--binh-duong"),
    ("/api/organizations/ubnd-tphcm", "/api/organizations/uy-ban-nhan-dan-thanh-pho-ho-chi-minh"),
    ("/api/documents/tw/nq/35", "/api/documents/tw/nq/xii/35"),
    ("/api/documents/tw/nq/35/trace", "/api/documents/tw/nq/xii/35/trace"),
    ("/people/dang-van-khai--thanh-pho-ho-chi-minh", "/people/dang-van-khai--binh-duong"),
    ("/organizations/ubnd-tphcm", "/organizations/uy-ban-nhan-dan-thanh-pho-ho-chi-minh"),
    ("/documents/tw/nq/35", "/documents/tw/nq/xii/35"),
])
def test_an_alias_iri_redirects_to_the_canonical_resource(client: TestClient, alias: str, canonical: str) -> None:
    assert _moved(client, alias) == canonical
    assert client.get(canonical).status_code == 200


def test_the_redirect_keeps_the_query_and_clients_follow_it(client: TestClient) -> None:
    assert _moved(client, "/api/people/dang-van-khai--thanh-pho-ho-chi-minh?x=1") == (
        "/api/people/dang-van-khai--binh-duong?x=1")
    body = client.get("/api/people/dang-van-khai--thanh-pho-ho-chi-minh", follow_redirects=True).json()
    assert body["id"] == KHAI and body["same_as"] == [KHAI_ALIAS]


def test_rest_person_merges_the_posts_of_every_article(client: TestClient) -> None:
    body = client.get("/api/people/dang-van-khai--binh-duong").json()
    posts = [(m["organization"]["label"], m["date"]) for m in body["memberships"]]
    assert posts == [("Tỉnh ủy Bình Dương", "2024-11-15"), ("Thành ủy Thành phố Hồ Chí Minh", "2025-08-19")]
    assert len(body["events"]) == 2
    hits = client.get("/api/people", params={"q": "dang van khai"}).json()["results"]
    assert [h["id"] for h in hits] == [KHAI]


def test_rest_document_merges_citations_implementers_and_the_trace(client: TestClient) -> None:
    doc = client.get("/api/documents/tw/nq/xii/35").json()
    assert doc["same_as"] == [NQ35_ALIAS] and doc["term"] == "XII"
    assert len({c["article"] for c in doc["citations"]}) == 2
    assert [d["id"] for d in doc["implemented_by"]] == [KH12]
    assert ORG + "quan-uy-quan-4" in {i["unit"]["id"] for i in doc["implementers"]}  # reported of the termless
    trace = client.get("/api/documents/tw/nq/xii/35/trace").json()
    steps = [(s["document"]["id"], s["implements"]["id"]) for s in trace["carried_out_by"]]
    assert steps == [(KH12, NQ35)]
    hits = client.get("/api/search", params={"q": "35-NQ/TW", "kind": "documents"}).json()["results"]
    assert [h["id"] for h in hits] == [NQ35]


def test_rest_organization_merges_its_names_and_posts(client: TestClient) -> None:
    org = client.get("/api/organizations/uy-ban-nhan-dan-thanh-pho-ho-chi-minh").json()
    assert org["same_as"] == [UBND_ALIAS] and "UBND TPHCM" in org["other_names"]
    holders = [h["person"]["id"] for p in org["posts"] for h in p["holders"]]
    assert holders == [BINH]


def test_rest_event_names_canonical_people(client: TestClient) -> None:
    keys = [e["event"]["key"] for e in client.get("/api/people/dang-van-khai--binh-duong").json()["events"]]
    people = {a["person"]["id"] for k in keys for a in client.get(f"/api/events/{k}").json()["attendees"]}
    assert KHAI in people and KHAI_ALIAS not in people  # the 2025 event names the alias in its article


# -- pages ----------------------------------------------------------------------------------------
def _links(html: str, prefix: str) -> set[str]:
    return set(re.findall(rf'href="({re.escape(prefix)}[^"#?]+)"', html))


def test_person_page_shows_both_articles_under_one_person(client: TestClient) -> None:
    html = client.get("/people/dang-van-khai--binh-duong").text
    timeline = html.split('class="timeline"', 1)[1].split("</ol>", 1)[0]
    assert "Tỉnh ủy Bình Dương" in timeline and "Thành ủy Thành phố Hồ Chí Minh" in timeline


def test_document_page_draws_one_node_for_the_document(client: TestClient) -> None:
    html = client.get("/documents/tw/nq/xii/35").text
    nodes = re.findall(r'"id": "(https://vietkg\.org/id/doc/[^"]+)"', html)
    assert sorted(set(nodes)) == sorted([KH12, NQ35]) and NQ35_ALIAS not in html.split("vkg-network", 1)[-1]
    assert "/documents/qu-quan-4-thanh-pho-ho-chi-minh/kh/12" in _links(html, "/documents/")


def test_search_page_lists_every_entity_once(client: TestClient) -> None:
    html = client.get("/search", params={"q": "dang van khai"}).text
    assert _links(html, "/people/") == {"/people/dang-van-khai--binh-duong"}
    html = client.get("/search", params={"q": "35-NQ/TW"}).text
    assert _links(html, "/documents/") == {"/documents/tw/nq/xii/35"}


def test_lists_counts_and_event_pages_are_canonical(client: TestClient) -> None:
    people = client.get("/people").text
    assert _links(people, "/people/dang-van-khai") == {"/people/dang-van-khai--binh-duong"}
    docs = client.get("/documents").text
    assert "/documents/tw/nq/35" not in _links(docs, "/documents/")
    home = client.get("/").text
    counts: dict[str, Any] = dict(re.findall(r'data-count="(\w+)">\s*<b>(\d+)</b>', home))
    assert counts["documents"] == "2"  # 35-NQ/TW (both forms) and 12-KH/QU
    event = client.get("/api/people/dang-van-khai--binh-duong").json()["events"][0]["event"]["key"]
    html = client.get(f"/events/{event}").text
    assert _links(html, "/people/dang-van-khai") == {"/people/dang-van-khai--binh-duong"}
