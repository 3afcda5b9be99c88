"""The REST API in-process over a store built from the example articles (plus one trace link)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from http_support import CTRHD10, NQ25, PERSON, TOKEN, TRACE_UNIT, add_trace, assert_error, make_app

from vietkg.graph.store import KG

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def rest_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    target = tmp_path_factory.mktemp("rest") / "kg"
    shutil.copytree(built_store, target)
    kg = KG(target)
    add_trace(kg)
    kg.close()
    return target


@pytest.fixture(scope="module")
def client(rest_store: Path) -> Iterator[TestClient]:
    app, kg = make_app(rest_store)
    with TestClient(app) as c:
        yield c
    kg.close()


@pytest.mark.parametrize("q", ["Nguyen Tho Truyen", "nguyễn thọ truyền", "NGUYEN THO", "tho truyen"])
def test_people_search_ignores_diacritics(client: TestClient, q: str) -> None:
    r = client.get("/api/people", params={"q": q})
    assert r.status_code == 200
    keys = [hit["key"] for hit in r.json()["results"]]
    assert PERSON in keys


def test_search_every_kind(client: TestClient) -> None:
    kinds = {hit["kind"] for q in ("truyen", "binh thanh", "cum thi dua so 2")
             for hit in client.get("/api/search", params={"q": q, "limit": 200}).json()["results"]}
    assert {"person", "organization", "cluster", "event"} <= kinds
    docs = client.get("/api/search", params={"q": "35-NQ/TW"}).json()["results"]
    assert docs[0]["kind"] == "document" and docs[0]["label"] == "35-NQ/TW"
    only = client.get("/api/search", params={"q": "cum thi dua", "kind": "clusters"}).json()["results"]
    assert only and all(hit["kind"] == "cluster" for hit in only)
    assert client.get("/api/search", params={"q": "!!!"}).json()["results"] == []


def test_person_posts_with_evidence(client: TestClient) -> None:
    body = client.get(f"/api/people/{PERSON}").json()
    assert body["name"] == "Nguyễn Thọ Truyền"
    post = body["memberships"][0]
    assert post["role"].casefold() == "phó trưởng ban" and "Ban Tuyên giáo" in post["organization"]["label"]
    assert post["date"] and post["evidence"]["quote"] and post["evidence"]["article"].endswith(".txt")
    assert body["events"] and body["events"][0]["part"]


def test_organization_cluster_event(client: TestClient) -> None:
    org = client.get("/api/organizations/ban-tuyen-giao-quan-uy-phu-nhuan").json()
    assert org["parent"]["key"] == "quan-uy-phu-nhuan"
    assert any(c["cluster"]["key"].endswith("/2") and c["year"] == "2021" for c in org["clusters"])
    cluster_key = "ban-tuyen-giao-thanh-uy-thanh-pho-ho-chi-minh/2"
    cluster = client.get(f"/api/clusters/{cluster_key}", params={"year": 2021}).json()
    assert cluster["number"] == 2 and [y["year"] for y in cluster["years"]] == ["2021"]
    assert len(cluster["years"][0]["members"]) == 6
    assert client.get(f"/api/clusters/{cluster_key}", params={"year": 1999}).json()["years"] == []
    hit = client.get("/api/search", params={"q": "ngay 23/4", "kind": "events"}).json()["results"][0]
    event = client.get(hit["href"]).json()
    assert "ky_ket" in event["kinds"] and event["date"] == "2021-04-23"
    assert any(a["person"]["key"] == PERSON for a in event["attendees"])


def test_document_and_trace(client: TestClient) -> None:
    doc = client.get(f"/api/documents/{NQ25}").json()
    assert doc["symbol"] == "25-NQ/TW" and doc["citations"] and doc["citations"][0]["quote"]
    assert doc["implementers"] and doc["implemented_by"][0]["key"] == CTRHD10
    trace = client.get(f"/api/documents/{NQ25}/trace").json()
    step = next(s for s in trace["carried_out_by"] if s["document"]["key"] == CTRHD10)
    assert step["implements"]["key"] == NQ25
    units = {i["unit"]["id"]: i for i in step["implementations"]}
    assert units[TRACE_UNIT]["mode"] == "reported" and units[TRACE_UNIT]["date"] == "2022-03"


def test_json_ld_on_request(client: TestClient) -> None:
    r = client.get(f"/api/people/{PERSON}", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    body = r.json()
    assert body["@context"]["id"] == "@id" and body["id"].endswith(PERSON)
    import pyoxigraph

    quads = list(pyoxigraph.parse(r.content, format=pyoxigraph.RdfFormat.JSON_LD))
    assert any(q.predicate.value == "http://xmlns.com/foaf/0.1/name" for q in quads)
    assert_error(client.get(f"/api/people/{PERSON}", headers={"Accept": "text/csv"}), 406, "not_acceptable")


def test_ask_routes(client: TestClient) -> None:
    listed = client.get("/api/ask").json()
    names = {q["name"] for q in listed}
    assert {"people", "documents", "attendance"} <= names
    rows = client.get("/api/ask/people", params={"name": "Nguyen Tho Truyen"}).json()["rows"]
    assert rows and all(r["name"] == "Nguyễn Thọ Truyền" for r in rows)
    assert_error(client.get("/api/ask/people", params={"nam": "x"}), 400, "bad_parameter")
    assert_error(client.get("/api/ask/cluster-members", params={"year": "năm ngoái"}), 400, "bad_parameter")
    assert_error(client.get("/api/ask/nobody"), 404, "not_found")


@pytest.mark.parametrize("path", [
    "/api/people/nobody", "/api/people/a%3Eb", "/api/people/x%20y", "/api/organizations/%23frag",
    "/api/documents/tw/nq/xi/999/trace", "/api/events/..%2F..", "/api/clusters/%7Bx%7D",
])
def test_unknown_or_invalid_ids_are_404(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 404, "not_found")


def test_ingest_over_http(client: TestClient, example_articles: list[Path]) -> None:
    text = ("Ngày 5/6/2023, Ban Tuyên giáo Quận ủy Bình Tân tổ chức hội nghị. Đồng chí Nguyễn Văn Hạnh, "
            "Trưởng Ban Tuyên giáo Quận ủy Bình Tân chủ trì hội nghị.")
    records = [{"url": "https://example.org/bai-1", "title": "Hội nghị ở Bình Tân", "date": "2023-06-05",
                "text": text},
               {"url": "https://example.org/bai-2", "title": "Trống"},
               {"title": "không có url", "text": "abc"}]
    r = client.post("/api/articles", json=records, headers=AUTH)
    body = assert_error(r, 422, "bad_articles")
    assert [s["index"] for s in body["stored"]] == [0]
    assert [f["index"] for f in body["failed"]] == [1, 2]
    assert all(f["error"]["code"] == "bad_article" for f in body["failed"])
    assert body["failed"][0]["error"]["message"].startswith("record 1:")
    ok = client.post("/api/articles", json=records[0], headers=AUTH)
    assert ok.status_code == 201 and ok.json()["failed"] == []
    files = {"file": ("bai.txt", example_articles[0].read_bytes(), "text/plain")}
    up = client.post("/api/articles", files=files, data={"url": "https://example.org/bai-3"}, headers=AUTH)
    assert up.status_code == 201, up.text
    assert up.json()["stored"][0]["source"] == "https://example.org/bai-3"
    found = client.get("/api/ask/people", params={"article": "example.org/bai-3"}).json()["rows"]
    assert found, "the uploaded article's people are queryable"
    assert_error(client.post("/api/articles", content=b"{", headers={"Content-Type": "application/json", **AUTH}),
                 400, "bad_request")


MULTI = Path(__file__).resolve().parent / "fixtures" / "multi"
KHAI = "https://vietkg.org/id/person/dang-van-khai--"
SAME_AS = "ASK { GRAPH <https://vietkg.org/graph/resolution> { ?m vkg:sameAs ?c FILTER(?m != ?c) } }"


def test_posting_articles_rebuilds_the_resolution(tmp_path: Path) -> None:
    """Đặng Văn Khải in Bình Dương (2024) and in Thành ủy TPHCM (2025, after the merger), sent in two
    requests: the second batch's resolution sees the first's article and joins the two mentions."""
    app, kg = make_app(tmp_path / "kg")
    with TestClient(app) as c:
        for name in ("m08_thanh_uy_2025.txt", "m07_binh_duong_2024.txt"):
            files = {"file": (name, (MULTI / name).read_bytes(), "text/plain")}
            assert c.post("/api/articles", files=files, headers=AUTH).status_code == 201
        ask = c.get("/sparql", params={"query": "PREFIX vkg: <https://vietkg.org/ontology#> " + SAME_AS})
        assert ask.json()["boolean"] is True
        rows = c.get("/api/ask/career", params={"person": "Dang Van Khai"}).json()["rows"]
        assert {r["person"] for r in rows} == {KHAI + "thanh-pho-ho-chi-minh"} and len(rows) == 2
        hits = c.get("/api/people", params={"q": "Dang Van Khai"}).json()["results"]
        assert [h["id"] for h in hits] == [KHAI + "thanh-pho-ho-chi-minh"]  # one person, one hit
    kg.close()
