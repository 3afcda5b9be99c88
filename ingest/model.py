"""The objects ingest passes along: a raw article, the document the steps work on, and the facts.

Readers produce :class:`RawArticle`; normalisation turns it into a :class:`Doc` whose ``text`` is
the cleaned body; each extraction step (``doc -> doc``) adds to ``doc.facts``. Every fact carries an
:class:`Evidence` — the sentence and the character offsets in ``doc.text`` — so any answer can show
where it came from. ``vietkg.ingest.rdf`` turns the facts into quads; nothing else writes RDF.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

EXTRACTOR_VERSION = "0.1.0"


class IngestError(Exception):
    """A user's input that cannot be ingested; the message is one clear line."""


@dataclass
class RawArticle:
    """What a reader got out of one input: text (or html), and whatever metadata it carried."""

    source: str  # URL or file URI; identifies the article
    text: str = ""  # plain text body (readers of html fill it from the main content)
    title: str = ""
    display_date: str | None = None  # ISO date printed on the page, if any
    site: str = ""
    author: str = ""
    header: str = ""  # text above the body (site name, menus): context only, never facts
    retrieved: str | None = None  # ISO datetime of retrieval, if known
    content_hash: str = ""


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class PartialDate:
    """An ISO 8601 date of day, month or year precision: ``2021-04-23``, ``2021-04``, ``2021``."""

    text: str

    _RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

    def __post_init__(self) -> None:
        if not self._RE.match(self.text):
            raise ValueError(f"not an ISO partial date: {self.text!r}")

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
        try:
            if month and day:
                return cls(date(year, month, day).isoformat())
            if month:
                if not 1 <= month <= 12:
                    return None
                return cls(f"{year:04d}-{month:02d}")
            return cls(f"{year:04d}")
        except ValueError:
            return None

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.text)]

    @property
    def year(self) -> int:
        return int(self.text[:4])

    @property
    def earliest(self) -> date:
        y = self.year
        m = int(self.text[5:7]) if len(self.text) >= 7 else 1
        d = int(self.text[8:10]) if len(self.text) == 10 else 1
        return date(y, m, d)

    @property
    def latest(self) -> date:
        y = self.year
        if len(self.text) == 10:
            return self.earliest
        m = int(self.text[5:7]) if len(self.text) == 7 else 12
        return date(y, m, calendar.monthrange(y, m)[1])


@dataclass(frozen=True)
class OrgRef:
    """A body as the article names it, completed from context: ``Quận ủy Bình Thạnh``.

    ``label`` is the canonical full name (the IRI derives from it); ``body_type`` is a notation
    of the body-type scheme (``party-committee``, ``party-board``, ``people-council`` ...);
    ``parent`` the body it is a unit of or subordinate to, when known.
    """

    label: str
    body_type: str = "organization"
    parent: OrgRef | None = None
    written: str = ""  # the text as printed, kept as an alias


@dataclass
class PersonFact:
    name: str
    evidence: Evidence


@dataclass
class RoleFact:
    """An observation: the person holds ``post`` in ``org`` on ``date`` (as this article says)."""

    name: str
    post: str
    org: OrgRef | None
    title: str  # the whole title as written beside the name
    date: PartialDate | None
    evidence: Evidence
    former: bool = False  # "nguyên ..." — a post held before
    change: str = ""  # reported: appointed | elected | transferred-in | transferred-out | retired | ended


@dataclass
class DocumentFact:
    symbol: str  # printed symbol, canonicalised: 35-NQ/TW, 30/2020/NĐ-CP
    number: int
    kind: str  # kind code: NQ, CT, KL, QĐ, QĐi, ĐA, CTrHĐ, KH, NĐ ...
    issuer_code: str  # TW, TU, BTGTU, CP ...
    evidence: Evidence
    issuer: OrgRef | None = None
    date: PartialDate | None = None
    year: int | None = None  # state documents print it in the symbol
    term: str | None = None  # party committee term (khóa), e.g. "XII", when known
    title: str = ""  # "về tăng cường bảo vệ nền tảng tư tưởng ..."


@dataclass
class AttendanceFact:
    name: str
    title: str
    part: str  # chủ trì | chỉ đạo | phát biểu | dự
    evidence: Evidence


@dataclass
class EventFact:
    date: PartialDate | None
    kinds: list[str]  # ky_ket, phat_dong, so_ket, tong_ket, khen_thuong, hoi_nghi
    label: str
    evidence: Evidence
    organizer: OrgRef | None = None
    location: str | None = None
    attendees: list[AttendanceFact] = field(default_factory=list)
    about: list[str] = field(default_factory=list)  # symbols of documents the event is about


@dataclass
class MemberFact:
    org: OrgRef
    role: str  # leader (cụm trưởng) | deputy (cụm phó) | member
    evidence: Evidence


@dataclass
class ClusterFact:
    number: int
    label: str  # "Cụm thi đua số 2"
    organiser: OrgRef | None
    year: int | None
    evidence: Evidence
    members: list[MemberFact] = field(default_factory=list)


@dataclass
class ImplementationFact:
    unit: OrgRef
    symbol: str  # the DocumentFact.symbol it refers to
    mode: str  # committed | directed | reported | reviewed
    evidence: Evidence
    date: PartialDate | None = None
    via_cluster: int | None = None  # the cluster number whose commitment was expanded


@dataclass
class DocLinkFact:
    """One document carries out (``implements``) or is based on another."""

    source: str  # symbol
    target: str  # symbol
    relation: str  # implements | based_on
    evidence: Evidence


@dataclass
class Facts:
    people: list[PersonFact] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)
    documents: list[DocumentFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    clusters: list[ClusterFact] = field(default_factory=list)
    implementations: list[ImplementationFact] = field(default_factory=list)
    doc_links: list[DocLinkFact] = field(default_factory=list)


@dataclass
class Context:
    """Where the article stands: the province or city, and the district it is about, if any."""

    province: str | None = None  # canonical name: "Thành phố Hồ Chí Minh", "Quảng Ninh"
    province_kind: str | None = None  # "Thành ủy" or "Tỉnh ủy" for the province's committee
    district: str | None = None  # "Bình Tân", "Quận 12", "Hóc Môn"
    district_kind: str | None = None  # "Quận ủy", "Huyện ủy", "Thành ủy", "Thị ủy"
    year: int | None = None  # the year the article is about, when one stands out


@dataclass
class Doc:
    """One article under extraction. Steps read ``text`` and add to ``facts`` and ``notes``."""

    article: RawArticle
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start, end) offsets
    context: Context = field(default_factory=Context)
    facts: Facts = field(default_factory=Facts)
    notes: dict[str, object] = field(default_factory=dict)  # intermediate results between steps

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the span [start, end): the offsets and the sentence that holds it."""
        for s, e in self.sentences:
            if s <= start < e:
                return Evidence(start, end, self.text[s:e])
        return Evidence(start, end, self.text[start:end])
