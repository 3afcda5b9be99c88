"""REST routes for one entity: person, organization, cluster, document (and its trace), event.

Each answers under the entity's canonical IRI with the facts of its aliases merged in, and every
entity it names is canonical too (:func:`vietkg.api.rest_support.found`): an alias id is answered
``308`` to the canonical resource.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pyoxigraph import Literal

from vietkg.api import rest_queries as Q
from vietkg.api.rest_support import ID_DOC, NOT_FOUND, evidence, found, key_of, must_ref, ref, respond
from vietkg.api.schemas import (
    Attendance,
    Attendee,
    Cluster,
    ClusterMember,
    ClusterRole,
    ClusterYear,
    Document,
    EntityRef,
    Event,
    Implementation,
    Membership,
    Organization,
    Person,
    Post,
    PostHolder,
    Trace,
    TraceStep,
)
from vietkg.graph.canonical import Entity

log = logging.getLogger(__name__)

router = APIRouter()

Id = Annotated[str, Path(description=ID_DOC)]


def _label(e: Entity) -> str | None:
    hits = e.rows(Q.LABEL)
    return hits[0].get("label") if hits else None


def _unique(items: list[EntityRef]) -> list[EntityRef]:
    seen: dict[str, EntityRef] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


@router.get("/people/{id:path}", response_model=Person, summary="A person: posts over time, events",
            responses=NOT_FOUND)
def person(request: Request, id: Id) -> JSONResponse:
    """The posts the person held as each article reports them (role, post, organization, date, the
    title as written, evidence), in date order, and the events they attended."""
    e = found(request, "people", id)
    seen: set[str] = set()
    memberships = []
    for r in e.rows(Q.PERSON_POSTS, {"org": "orgLabel"}, order=("earliest", "date", "obs")):
        if r["obs"] in seen:
            continue
        seen.add(r["obs"] or "")
        memberships.append(Membership(
            role=r.get("role"), post=ref(r.get("post"), r.get("postLabel")),
            organization=ref(r.get("org"), r.get("orgLabel")), date=r.get("date"), title=r.get("title"),
            former=r.get("former") == "true", evidence=evidence(r)))
    events = [Attendance(event=must_ref(r["event"], r.get("eventLabel")), date=r.get("date"),
                         title=r.get("title"), part=r.get("part"))
              for r in e.rows(Q.PERSON_EVENTS, order=("date", "event"))]
    body = Person(id=e.iri, key=key_of(e.iri, "people"), name=_label(e), same_as=e.aliases,
                  memberships=memberships, events=events)
    return respond(request, body)


def _org_posts(e: Entity) -> list[Post]:
    posts: dict[str, Post] = {}
    for r in e.rows(Q.ORG_POSTS, {"person": "personLabel"}, order=("postLabel", "earliest", "personLabel")):
        post = posts.setdefault(r["post"] or "", Post(id=r["post"] or "", label=r.get("postLabel"), holders=[]))
        if r.get("person"):
            post.holders.append(PostHolder(person=must_ref(r["person"], r.get("personLabel")),
                                           date=r.get("date"), evidence=evidence(r)))
    return list(posts.values())


@router.get("/organizations/{id:path}", response_model=Organization,
            summary="An organization: parent, units, posts, clusters", responses=NOT_FOUND)
def organization(request: Request, id: Id) -> JSONResponse:
    """The body, the body it is a unit or part of, its units and sub-organizations, its posts and who
    was seen holding them, and the emulation clusters it belongs to (by year) or organises."""
    e = found(request, "organizations", id)
    basic = e.rows(Q.ORG_BASIC, {"parent": "parentLabel"})  # the canonical node's rows first
    first = basic[0] if basic else {}
    names = {r.get(k) for r in basic for k in ("name", "alt")} - {None, first.get("name")}
    children = [r for r in e.rows(Q.ORG_CHILDREN, {"child": "childLabel"}, order=("childLabel",))
                if r["child"] != e.iri]
    clusters = e.rows(Q.ORG_CLUSTERS, order=("year", "clusterLabel"))
    body = Organization(
        id=e.iri, key=key_of(e.iri, "organizations"), name=first.get("name"), same_as=e.aliases,
        other_names=sorted(n for n in names if n),
        classification=first.get("bodyType"), parent=ref(first.get("parent"), first.get("parentLabel")),
        units=_unique([must_ref(r["child"], r.get("childLabel")) for r in children if r["rel"] == "unit"]),
        sub_organizations=_unique([must_ref(r["child"], r.get("childLabel"))
                                   for r in children if r["rel"] == "sub"]),
        posts=_org_posts(e),
        clusters=[ClusterRole(cluster=must_ref(r["cluster"], r.get("clusterLabel")), year=r.get("year"),
                              role=r.get("role")) for r in clusters if r["rel"] == "member"],
        organised_clusters=_unique([must_ref(r["cluster"], r.get("clusterLabel"))
                                    for r in clusters if r["rel"] == "organiser"]))
    return respond(request, body)


@router.get("/clusters/{id:path}", response_model=Cluster, summary="An emulation cluster: members by year",
            responses=NOT_FOUND)
def cluster(request: Request, id: Id,
            year: Annotated[int | None, Query(ge=1900, le=2200, description="only this emulation year")] = None,
            ) -> JSONResponse:
    """The Cụm thi đua, its organiser, and its member units year by year with their roles
    (leader = cụm trưởng, deputy = cụm phó, member)."""
    e = found(request, "clusters", id)
    basic = e.rows(Q.CLUSTER_BASIC, {"organiser": "organiserLabel"})
    first = basic[0] if basic else {}
    years: dict[str | None, ClusterYear] = {}
    members = e.rows(Q.CLUSTER_MEMBERS, {"member": "memberLabel"}, p_year=Literal("" if year is None else str(year)))
    for r in members:
        bucket = years.setdefault(r.get("year"), ClusterYear(year=r.get("year"), members=[]))
        if any(m.organization.id == r["member"] for m in bucket.members):
            continue
        bucket.members.append(ClusterMember(organization=must_ref(r["member"], r.get("memberLabel")),
                                            role=r.get("role"), evidence=evidence(r)))
    number = first.get("number")
    body = Cluster(id=e.iri, key=key_of(e.iri, "clusters"), name=first.get("name"),
                   number=int(number) if number and number.isdigit() else None,
                   organiser=ref(first.get("organiser"), first.get("organiserLabel")), years=list(years.values()))
    return respond(request, body)


def _implementations(e: Entity, only_self: bool) -> dict[str, list[Implementation]]:
    """Implementation records by document IRI (the document itself, or every one carrying it out)."""
    out: dict[str, list[Implementation]] = {}
    seen: set[str] = set()
    own = {"unit": "unitLabel", "doc": "docLabel"}
    for r in e.rows(Q.IMPLEMENTATIONS, own, each=False, p_self=Literal("yes" if only_self else "")):
        if r["impl"] in seen:
            continue
        seen.add(r["impl"] or "")
        out.setdefault(r["doc"] or "", []).append(Implementation(
            unit=must_ref(r["unit"], r.get("unitLabel")), document=ref(r["doc"], r.get("docLabel")),
            mode=r.get("mode"), date=r.get("date"), via_cluster=ref(r.get("cluster"), r.get("clusterLabel")),
            evidence=evidence(r)))
    return out


@router.get("/documents/{id:path}/trace", response_model=Trace,
            summary="Trace a document: what carries it out, and who implemented each", responses=NOT_FOUND)
def trace(request: Request, id: Id) -> JSONResponse:
    """The documents that implement this one through `vkg:implementsDocument`, transitively (a Kế
    hoạch carrying out a Nghị quyết, a unit's plan carrying out the Kế hoạch ...), each with the
    step it implements and the units that implemented it, with modes and dates."""
    e = found(request, "documents", id, "/trace")
    impls = _implementations(e, only_self=False)
    steps = [TraceStep(document=must_ref(r["doc"], r.get("docLabel")),
                       implements=must_ref(r["parent"], r.get("parentLabel")),
                       implementations=impls.get(r["doc"] or "", []))
             for r in e.rows(Q.TRACE_STEPS, {"doc": "docLabel", "parent": "parentLabel"}, each=False)
             if r["doc"] not in (e.iri, r["parent"])]
    me = must_ref(e.iri, _label(e))
    return respond(request, Trace(document=me, implementations=impls.get(e.iri, []), carried_out_by=steps))


@router.get("/documents/{id:path}", response_model=Document,
            summary="A document: citations with evidence, implementers, links", responses=NOT_FOUND)
def document(request: Request, id: Id) -> JSONResponse:
    """The document (symbol, kind, issuer, date), every article sentence citing it, the units
    implementing it (mode, date, evidence), and the documents it implements or is implemented by."""
    e = found(request, "documents", id)
    basic = e.rows(Q.DOC_BASIC, {"issuer": "issuerLabel"})
    first = basic[0] if basic else {}
    links = [r for r in e.rows(Q.DOC_LINKS, {"other": "otherLabel"}, order=("rel", "otherLabel"))
             if r["other"] != e.iri]

    def linked(rel: str) -> list[EntityRef]:
        return _unique([must_ref(r["other"], r.get("otherLabel")) for r in links if r["rel"] == rel])

    citations = [c for c in (evidence(r) for r in e.rows(Q.DOC_CITATIONS, order=("source", "start")))
                 if c is not None]
    body = Document(
        id=e.iri, key=key_of(e.iri, "documents"), symbol=first.get("symbol"), kind=first.get("kind"),
        title=first.get("title"), date=first.get("date"), term=first.get("term"), same_as=e.aliases,
        issuer=ref(first.get("issuer"), first.get("issuerLabel")), citations=citations,
        implementers=_implementations(e, only_self=True).get(e.iri, []),
        implements=linked("implements"), implemented_by=linked("implemented_by"), based_on=linked("based_on"))
    return respond(request, body)


@router.get("/events/{id:path}", response_model=Event, summary="An event: kinds, date, attendees",
            responses=NOT_FOUND)
def event(request: Request, id: Id) -> JSONResponse:
    """The event (kinds, date, organizer, location, documents it is about, evidence) and its
    attendees with the title written beside each name and the part they played."""
    e = found(request, "events", id)
    basic = e.rows(Q.EVENT_BASIC, {"organizer": "organizerLabel"})
    first = basic[0] if basic else {}
    lists = e.rows(Q.EVENT_LISTS, {"about": "aboutLabel"})
    attendees = [Attendee(person=must_ref(r["person"], r.get("personLabel")), title=r.get("title"),
                          part=r.get("part")) for r in e.rows(Q.EVENT_ATTENDEES, {"person": "personLabel"})]
    body = Event(
        id=e.iri, key=key_of(e.iri, "events"), name=first.get("name"),
        kinds=sorted({r["kind"] for r in lists if r.get("kind")}), date=first.get("date"),
        organizer=ref(first.get("organizer"), first.get("organizerLabel")), location=first.get("location"),
        about=_unique([must_ref(r["about"], r.get("aboutLabel")) for r in lists if r.get("about")]),
        evidence=evidence(first), attendees=attendees)
    return respond(request, body)
