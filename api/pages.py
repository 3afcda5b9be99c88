"""The HTML pages: home, search, lists, one page per entity, the SPARQL page, and their static files.

``router`` (an ``APIRouter``) is included by ``create_app`` when this module exists. Pages are
Jinja templates under ``vietkg/api/templates`` rendered with autoescape on, so every string that
came from an article is escaped; graphs are :func:`vietkg.graph.viz.render_fragment` output over
vis-network served from ``/static/`` (the copy bundled in pyvis), so nothing is fetched from a CDN.

Entity URLs use the part of the IRI after ``https://vietkg.org/id/<kind>/``, like the REST API:
``/people/{id}``, ``/organizations/{id}``, ``/clusters/{id}``, ``/documents/{id}``,
``/events/{id}``, plus ``/articles/{id}`` (an article and its evidence sentences). Each entity page
links to its REST JSON (``/api/...``). Handlers are plain ``def``: they run in the thread pool, and
each query is read to the end on the thread that ran it.

One page per real entity: a page shows an entity under its canonical IRI with the facts of its
aliases (the same person in other articles, other nodes of a body, the document cited without its
term), every entity it links to is canonical, and the page of an alias redirects (``308``) to the
canonical page (:mod:`vietkg.graph.canonical`; the canonical map is loaded once per request).
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from vietkg.api import pages_data as D
from vietkg.api.errors import Moved
from vietkg.api.guards import state
from vietkg.graph import analytics, rankings, viz
from vietkg.graph.canonical import Entity, entity, load_canonical
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS
from vietkg.ontology.text import fold

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
_KEY = re.compile(r"^[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*$")
_YEAR = re.compile(r"^\d{4}$|^\?$")
MEDIA = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
EXAMPLES = (("attendance", "Ai dự hội nghị nào"), ("trace", "Đơn vị nào thực hiện 35-NQ/TW (truy vết)"),
            ("clusters", "Thành viên các cụm thi đua"))
LISTS: dict[str, tuple[str, str, str]] = {  # collection -> heading, date column, count column
    "clusters": ("Cụm thi đua", "Số", "Đơn vị thành viên"),
    "documents": ("Văn bản", "Ngày", "Số bài dẫn"),
    "events": ("Sự kiện", "Ngày", "Người dự"),
    "people": ("Cán bộ", "", "Sự kiện đã dự"),
    "organizations": ("Cơ quan, đơn vị", "", ""),
}


def safe_href(url: str | None) -> str | None:
    """A link target only for web and file URLs (never ``javascript:`` and the like)."""
    return url if url and url.startswith(("http://", "https://", "file:")) else None


def kind_label(iri: str) -> str:
    return viz.KINDS.get(analytics.entity_kind(iri), viz.KINDS["other"]).label


@cache
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(page_url=D.page_url, evidence_url=D.evidence_url, safe_href=safe_href,
                       kind_label=kind_label)
    return env


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env().get_template(template).render(**context), status_code=status)


def not_found(message: str) -> HTMLResponse:
    return render("not_found.html", 404, message=message)


def _kg(request: Request) -> KG:
    return state(request).kg


def _iri(collection: str, key: str) -> str | None:
    return f"{ID_NS}{D.COLLECTIONS[collection]}/{key}" if _KEY.fullmatch(key) else None


def _entity(request: Request, collection: str, key: str) -> Entity | None:
    """The entity a page shows (None when ``key`` cannot be an id); an alias redirects."""
    iri = _iri(collection, key)
    if iri is None:
        return None
    e = entity(_kg(request), iri, var="p_id")
    url = D.page_url(e.iri) if e.is_alias else None
    if url:
        raise Moved(url)
    return e


def _graph(g: nx.Graph) -> Markup:
    return Markup(viz.render_fragment(g, link=D.page_url))


# -- home, search, lists, query -------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    kg = _kg(request)
    canon = load_canonical(kg)
    ranks = rankings.rankings(kg, limit=5, canon=canon)
    clusters = D.listing(kg, "clusters", canon)
    return render("home.html", counts=D.counts(kg, canon), rankings=ranks,
                  top_document=ranks["documents"][0] if ranks["documents"] else None,
                  first_cluster=clusters[0] if clusters else None)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    kg = _kg(request)
    results = D.search(kg, q, load_canonical(kg)) if q.strip() else []
    return render("search.html", q=q, folded=fold(q), results=results)


@router.get("/query", response_class=HTMLResponse)
def query_page(example: str = "attendance") -> HTMLResponse:
    texts = {name: (TEMPLATES / f"example-{name}.rq").read_text(encoding="utf-8") for name, _ in EXAMPLES}
    examples = [{"name": n, "title": t, "comment": texts[n].splitlines()[0].lstrip("# ")} for n, t in EXAMPLES]
    return render("query.html", examples=examples, example_texts=texts,
                  query=texts.get(example, texts["attendance"]))


def _listing(collection: str) -> Any:
    heading, date_column, n_column = LISTS[collection]

    def handler(request: Request) -> HTMLResponse:
        kg = _kg(request)
        return render("listing.html", heading=heading, date_column=date_column, n_column=n_column,
                      rows=D.listing(kg, collection, load_canonical(kg)))

    handler.__name__ = f"list_{collection}"
    return handler


for _collection in LISTS:
    router.add_api_route(f"/{_collection}", _listing(_collection), methods=["GET"], response_class=HTMLResponse)


# -- entities -------------------------------------------------------------------------------------
@router.get("/people/{key:path}", response_class=HTMLResponse)
def person(request: Request, key: str) -> HTMLResponse:
    e = _entity(request, "people", key)
    name = D.label(e.kg, e.iri) if e else None
    if e is None or name is None:
        return not_found(f"Không có cán bộ nào mang mã “{key}”.")
    timeline = analytics.post_observations(e.kg, e.iri, e.canon)
    career = analytics.career_graph(e.kg, e.iri, e.canon, observations=timeline)
    return render("person.html", name=name, api_url=f"/api/people/{key}", timeline=timeline,
                  graph_html=_graph(career) if career.number_of_nodes() > 1 else None,
                  events=e.rows(D.PERSON_EVENTS, order=("date", "event")), co_attendees=D.co_attendees(e))


@router.get("/organizations/{key:path}", response_class=HTMLResponse)
def organization(request: Request, key: str) -> HTMLResponse:
    e = _entity(request, "organizations", key)
    rows = e.rows(D.ORG_INFO, {"parent": "parentLabel"}) if e else []  # the canonical node's first
    if e is None or not rows:
        return not_found(f"Không có cơ quan, đơn vị nào mang mã “{key}”.")
    parents = {r["parent"]: r for r in rows if r["parent"] and r["parent"] != e.iri}
    names = {r[k] for r in rows for k in ("label", "alt") if r[k]} - {rows[0]["label"]}
    return render("organization.html", info=rows[0], api_url=f"/api/organizations/{key}",
                  parents=list(parents.values()), alt_labels=sorted(names),
                  units=[u for u in e.rows(D.ORG_UNITS, {"unit": "label"}, order=("label",)) if u["unit"] != e.iri],
                  clusters=e.rows(D.ORG_CLUSTERS, order=("number",)),
                  memberships=e.rows(D.ORG_MEMBERSHIPS, order=("year", "clabel")),
                  implementations=e.rows(D.ORG_IMPLEMENTATIONS, {"doc": "symbol"}, order=("date", "symbol")),
                  posts=e.rows(D.ORG_POSTS, {"person": "name"}, order=("date", "name")),
                  events=e.rows(D.ORG_EVENTS, order=("date",)))


@router.get("/clusters/{key:path}", response_class=HTMLResponse)
def cluster(request: Request, key: str, year: Annotated[str, Query(max_length=8)] = "") -> HTMLResponse:
    e = _entity(request, "clusters", key)
    info = e.rows(D.CLUSTER_INFO, {"organiser": "olabel"}) if e else []
    if e is None or not info:
        return not_found(f"Không có cụm thi đua nào mang mã “{key}”.")
    members = e.rows(D.CLUSTER_MEMBERS, {"member": "mlabel"})
    years = sorted({m["year"] or "?" for m in members})
    if year == "":  # the latest year by default: a cluster's make-up changes from year to year
        year = years[-1] if years else "all"
    chosen = year if _YEAR.match(year) else None
    g = analytics.cluster_graph(e.kg, cluster=e.iri, year=chosen, canon=e.canon)
    shown = [m for m in members if chosen is None or (m["year"] or "?") == chosen]
    return render("cluster.html", info=info[0], api_url=f"/api/clusters/{key}", years=years, year=chosen,
                  graph_html=_graph(g), members=shown)


@router.get("/documents/{key:path}", response_class=HTMLResponse)
def document(request: Request, key: str) -> HTMLResponse:
    e = _entity(request, "documents", key)
    info = e.rows(D.DOC_INFO, {"issuer": "ilabel"}) if e else []
    if e is None or not info:
        return not_found(f"Không có văn bản nào mang mã “{key}”.")
    g = analytics.trace_graph(e.kg, e.iri, e.canon)
    symbols = {n: d["label"] for n, d in g.nodes(data=True) if d.get("kind") == "document"}
    return render("document.html", info=info[0], api_url=f"/api/documents/{key}", graph_html=_graph(g),
                  records=analytics.implementation_records(e.kg, e.iri, e.canon), symbols=symbols,
                  links=[r for r in e.rows(D.DOC_LINKS, {"doc": "symbol"}, order=("rel", "symbol"))
                         if r["doc"] != e.iri],
                  citations=e.rows(D.DOC_CITATIONS, order=("article", "start")))


@router.get("/events/{key:path}", response_class=HTMLResponse)
def event(request: Request, key: str) -> HTMLResponse:
    e = _entity(request, "events", key)
    info = e.rows(D.EVENT_INFO, {"organizer": "olabel"}) if e else []
    if e is None or not info:
        return not_found(f"Không có sự kiện nào mang mã “{key}”.")
    return render("event.html", info=info[0], api_url=f"/api/events/{key}",
                  kinds=[r["kind"] for r in e.rows(D.EVENT_KINDS)], about=e.rows(D.EVENT_ABOUT, {"doc": "symbol"}),
                  attendees=e.rows(D.EVENT_ATTENDEES, {"person": "name"}))


@router.get("/articles/{key}", response_class=HTMLResponse)
def article(request: Request, key: str) -> HTMLResponse:
    kg, iri = _kg(request), _iri("articles", key)
    info = D.select(kg, D.ARTICLE_INFO, id=iri) if iri else []
    if iri is None or not info:
        return not_found(f"Không có bài báo nào mang mã “{key}”.")
    return render("article.html", info=info[0], evidence=_evidence_list(kg, iri))


_SUPPORTS = {"PostObservation": "chức vụ", "Implementation": "thực hiện văn bản",
             "ClusterMembership": "thành viên cụm", "Citation": "dẫn văn bản"}


def _evidence_list(kg: KG, article_iri: str) -> list[dict[str, Any]]:
    """The article's evidence sentences in text order, each with the facts it supports."""
    by_ev: dict[str, dict[str, Any]] = {}
    for r in D.select(kg, D.ARTICLE_EVIDENCE, id=article_iri):
        ev = by_ev.setdefault(r["ev"] or "", {"quote": r["quote"], "start": r["start"], "end": r["end"],
                                              "subjects": [], "seen": set()})
        subject = r["subject"] or ""
        local = (r["type"] or "").rsplit("#", 1)[-1]
        if "/attendee/" in subject:
            text = "người dự"
        else:
            text = _SUPPORTS.get(local) or D.label(kg, subject) or local or kind_label(subject)
        url_iri = subject if D.page_url(subject) else None
        if (url_iri, text) not in ev["seen"]:
            ev["seen"].add((url_iri, text))
            ev["subjects"].append({"iri": url_iri, "label": text})
    return sorted(by_ev.values(), key=lambda e: (int(e["start"] or 0), int(e["end"] or 0)))


# -- static files ---------------------------------------------------------------------------------
@router.get("/static/{name}")
def static(name: str) -> Response:
    """Our stylesheet and scripts (``api/static``) and vis-network (bundled in the pyvis package)."""
    path = viz.vis_assets().get(name) or _static_file(name)
    if path is None:
        return not_found(f"Không có tệp “{name}”.")
    return FileResponse(path, media_type=MEDIA.get(path.suffix, "application/octet-stream"),
                        headers={"Cache-Control": "public, max-age=3600"})


def _static_file(name: str) -> Path | None:
    path = STATIC / name
    ok = re.fullmatch(r"[A-Za-z0-9_.-]+", name) and not name.startswith(".") and path.is_file()
    return path if ok else None
