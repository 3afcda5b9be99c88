"""The HTML pages, in process: every page answers, escapes article text, links to the REST JSON and
to its evidence, and needs nothing from outside the server. The real-browser checks are in
``test_pages_browser.py``."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from _vizdata import small_kg
from fastapi.testclient import TestClient

from vietkg.api.app import create_app
from vietkg.api.settings import Settings

TRUYEN = "/people/nguyen-tho-truyen--thanh-pho-ho-chi-minh"
SCRIPT = "/people/le-van-script--thanh-pho-ho-chi-minh"
CLUSTER2 = "/clusters/ban-tuyen-giao-thanh-uy-thanh-pho-ho-chi-minh/2"
NQ35 = "/documents/tw/nq/xii/35"
Q4 = "/organizations/ban-tuyen-giao-quan-uy-quan-4"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(small_kg(), Settings())) as c:
        yield c


def page(client: TestClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


@pytest.mark.parametrize("url", ["/", "/clusters", "/documents", "/events", "/people", "/organizations",
                                 TRUYEN, SCRIPT, CLUSTER2, NQ35, Q4, "/query", "/search?q=truyen"])
def test_every_page_answers_without_outside_resources(client: TestClient, url: str) -> None:
    html = page(client, url)
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert '<html lang="vi">' in html


def test_home_shows_counts_questions_and_search(client: TestClient) -> None:
    html = page(client, "/")
    counts = dict(re.findall(r'data-count="(\w+)">\s*<b>(\d+)</b>', html))
    assert counts == {"articles": "2", "people": "3", "bodies": "8", "documents": "3", "events": "2",
                      "clusters": "2"}
    for link in ("/query?example=attendance", "/query?example=trace", "/query?example=clusters", NQ35):
        assert f'href="{link}"' in html
    assert 'action="/search"' in html


@pytest.mark.parametrize("q", ["Nguyễn Thọ Truyền", "nguyen tho truyen", "NGUYEN THO", "truyền"])
def test_search_ignores_diacritics_and_case(client: TestClient, q: str) -> None:
    assert f'href="{TRUYEN}"' in page(client, f"/search?q={q}")


def test_article_text_is_escaped(client: TestClient) -> None:
    html = page(client, SCRIPT)
    assert "<Script>" not in html and "Lê Văn &lt;Script&gt;" in html
    assert "<b>không phải HTML</b>" not in page(client, NQ35)


def test_person_page_has_timeline_with_evidence_and_json_link(client: TestClient) -> None:
    html = page(client, TRUYEN)
    assert 'href="/api/people/nguyen-tho-truyen--thanh-pho-ho-chi-minh"' in html
    timeline = html[html.index('class="timeline"'):html.index("</ol>")]
    assert timeline.index("2021-04-23") < timeline.index("2022-07-01")
    article = re.search(r'href="(/articles/[0-9a-f]+)#ev-(\d+-\d+)"', timeline)
    assert article
    assert f'id="ev-{article.group(2)}"' in page(client, article.group(1))


def test_cluster_page_year_selector(client: TestClient) -> None:
    latest = page(client, CLUSTER2)  # the latest year by default
    assert '<option value="2022" selected>' in latest and "Ban Tuyên giáo Quận ủy Quận 11" in latest
    y2021 = page(client, CLUSTER2 + "?year=2021")
    members = y2021[y2021.index('id="members"'):]
    assert "Quận 6" in members and "Quận 11" not in members
    assert "6 nút" in page(client, CLUSTER2 + "?year=all")  # organiser, cluster, Quận 4, 6, 8 and 11
    assert "Quận 11" in page(client, CLUSTER2 + "?year=all")


def test_document_page_traces_through_the_plans(client: TestClient) -> None:
    html = page(client, NQ35)
    table = html[html.index('id="trace"'):]
    for unit in ("Quận 4", "Quận 6", "Quận 8"):
        assert f"Ban Tuyên giáo Quận ủy {unit}" in table
    assert "10-KH/TU" in table and "05-KH/BTGTU" in table
    assert 'href="/api/documents/tw/nq/xii/35/trace"' in html


def test_event_page_lists_attendees(client: TestClient) -> None:
    events = re.findall(r'href="(/events/[0-9a-f]+/\d+)"', page(client, "/events"))
    assert len(events) == 2
    html = page(client, events[0])
    assert 'id="attendees"' in html and "Nguyễn Thọ Truyền" in html


@pytest.mark.parametrize("url", ["/people/nobody", "/documents/tw/nq/999", "/clusters/x/1", "/events/bad key",
                                 "/articles/0000"])
def test_unknown_entities_get_an_html_404(client: TestClient, url: str) -> None:
    assert "Không tìm thấy" in page(client, url, 404)


def test_query_page_offers_the_three_questions(client: TestClient) -> None:
    html = page(client, "/query?example=trace")
    assert html.count('class="example"') == 3 and "vkgExamples" in html
    assert "vkg:implementsDocument*" in html and 'src="/static/query.js"' in html


@pytest.mark.parametrize(("name", "kind"), [("vietkg.css", "text/css"), ("query.js", "text/javascript"),
                                           ("vis-network.min.js", "text/javascript"),
                                           ("vis-network.css", "text/css")])
def test_static_files(client: TestClient, name: str, kind: str) -> None:
    r = client.get(f"/static/{name}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(kind)


@pytest.mark.parametrize("name", ["..%2Fpages.py", ".hidden", "nope.js"])
def test_static_files_stay_in_their_folder(client: TestClient, name: str) -> None:
    assert client.get(f"/static/{name}").status_code == 404
