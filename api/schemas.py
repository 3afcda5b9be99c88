"""Every JSON shape the HTTP API answers or takes, as pydantic models (they feed the OpenAPI).

REST answers are Popolo-shaped: people have ``memberships`` (post, organization, role, date),
organizations have ``parent``, ``posts`` and members. Entities are referred to by
:class:`EntityRef` (IRI, the ``{id}`` used in API paths, kind, label, API link).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

SAME_AS_DOC = ("IRIs resolved to this entity (vkg:sameAs): the same person in other articles, other nodes of the "
               "same body, the document cited without its term. Asking for one of them redirects here.")


class ErrorBody(BaseModel):
    code: str = Field(description="stable error code, e.g. `not_found`, `malformed_query`, `query_timeout`")
    message: str = Field(description="one readable line")
    details: list[Any] | None = Field(default=None, description="validation errors or per-record errors")


class ErrorResponse(BaseModel):
    """The one error shape of the whole API."""

    error: ErrorBody


class EntityRef(BaseModel):
    id: str = Field(description="the entity's IRI")
    key: str | None = Field(default=None, description="the `{id}` used in API paths (IRI after /id/<kind>/)")
    kind: str | None = Field(default=None, description="person, organization, document, event or cluster")
    label: str | None = None
    href: str | None = Field(default=None, description="API path of the entity")


class Evidence(BaseModel):
    article: str | None = Field(default=None, description="source URL of the article")
    article_title: str | None = None
    quote: str | None = Field(default=None, description="the sentence the fact comes from")
    start: int | None = Field(default=None, description="character offset of the mention in the article text")
    end: int | None = None


class SearchResponse(BaseModel):
    query: str
    folded: str = Field(description="the query as matched: diacritic-free and casefolded")
    results: list[EntityRef]


class Membership(BaseModel):
    """One article's statement that the person held a post (an observation, dated by the event)."""

    role: str | None = Field(default=None, description="the post's role, e.g. Phó Trưởng ban")
    post: EntityRef | None = None
    organization: EntityRef | None = None
    date: str | None = Field(default=None, description="ISO date, possibly partial (2021, 2021-04)")
    title: str | None = Field(default=None, description="the title as written beside the name")
    former: bool = Field(default=False, description="a post held before (nguyên ...)")
    evidence: Evidence | None = None


class Attendance(BaseModel):
    event: EntityRef
    date: str | None = None
    title: str | None = None
    part: str | None = Field(default=None, description="chủ trì, chỉ đạo, phát biểu, dự")


class Person(BaseModel):
    id: str
    key: str
    name: str | None
    same_as: list[str] = Field(default_factory=list, description=SAME_AS_DOC)
    memberships: list[Membership]
    events: list[Attendance]


class PostHolder(BaseModel):
    person: EntityRef
    date: str | None = None
    evidence: Evidence | None = None


class Post(BaseModel):
    id: str
    label: str | None
    holders: list[PostHolder]


class ClusterRole(BaseModel):
    cluster: EntityRef
    year: str | None = None
    role: str | None = Field(default=None, description="leader (cụm trưởng), deputy (cụm phó) or member")


class Organization(BaseModel):
    id: str
    key: str
    name: str | None
    same_as: list[str] = Field(default_factory=list, description=SAME_AS_DOC)
    other_names: list[str]
    classification: str | None = Field(default=None, description="body type (SKOS notation)")
    parent: EntityRef | None = None
    units: list[EntityRef]
    sub_organizations: list[EntityRef]
    posts: list[Post]
    clusters: list[ClusterRole]
    organised_clusters: list[EntityRef]


class ClusterMember(BaseModel):
    organization: EntityRef
    role: str | None = None
    evidence: Evidence | None = None


class ClusterYear(BaseModel):
    year: str | None = Field(description="the emulation year; null when the article gave none")
    members: list[ClusterMember]


class Cluster(BaseModel):
    id: str
    key: str
    name: str | None
    number: int | None
    organiser: EntityRef | None = None
    years: list[ClusterYear]


class Implementation(BaseModel):
    unit: EntityRef
    document: EntityRef | None = None
    mode: str | None = Field(default=None, description="committed, directed, reported or reviewed")
    date: str | None = None
    via_cluster: EntityRef | None = None
    evidence: Evidence | None = None


class Document(BaseModel):
    id: str
    key: str
    same_as: list[str] = Field(default_factory=list, description=SAME_AS_DOC)
    symbol: str | None = Field(description="the printed symbol, e.g. 35-NQ/TW")
    kind: str | None = Field(default=None, description="kind code: NQ, CT, KL, QĐ, KH ...")
    title: str | None = None
    date: str | None = None
    term: str | None = None
    issuer: EntityRef | None = None
    citations: list[Evidence]
    implementers: list[Implementation]
    implements: list[EntityRef]
    implemented_by: list[EntityRef]
    based_on: list[EntityRef]


class TraceStep(BaseModel):
    document: EntityRef
    implements: EntityRef = Field(description="the document this one carries out (one step up)")
    implementations: list[Implementation]


class Trace(BaseModel):
    document: EntityRef
    implementations: list[Implementation] = Field(description="units implementing the document itself")
    carried_out_by: list[TraceStep] = Field(
        description="documents implementing it, transitively (vkg:implementsDocument+), with their units")


class Attendee(BaseModel):
    person: EntityRef
    title: str | None = None
    part: str | None = None


class Event(BaseModel):
    id: str
    key: str
    name: str | None
    kinds: list[str]
    date: str | None = None
    organizer: EntityRef | None = None
    location: str | None = None
    about: list[EntityRef]
    evidence: Evidence | None = None
    attendees: list[Attendee]


class QuestionParam(BaseModel):
    name: str
    required: bool
    kind: str = Field(description="text, fold (diacritics optional), integer, date or iri")
    help: str


class QuestionInfo(BaseModel):
    name: str
    title: str
    title_vi: str
    description: str
    params: list[QuestionParam]
    columns: list[str]
    href: str


class AskResponse(BaseModel):
    question: str
    columns: list[str]
    rows: list[dict[str, str | None]]


class ArticleIn(BaseModel):
    """One article to ingest: its URL and either plain text or HTML."""

    url: str = Field(min_length=1, max_length=2000, description="the article's URL (identifies it)")
    title: str = Field(default="", max_length=2000)
    date: str | None = Field(default=None, description="the date printed on the page, ISO (2021-05-12)")
    text: str | None = Field(default=None, description="plain-text body")
    html: str | None = Field(default=None, description="HTML page (main content is extracted)")
    site: str | None = None


class StoredArticle(BaseModel):
    index: int = Field(description="position of the record (or file) in the request")
    source: str
    graph: str = Field(description="the named graph holding the article")
    quads: int


class FailedArticle(BaseModel):
    index: int
    source: str | None = None
    error: ErrorBody


class IngestResponse(BaseModel):
    stored: list[StoredArticle]
    failed: list[FailedArticle]


class GraphWritten(BaseModel):
    graph: str
    quads: int
