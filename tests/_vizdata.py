"""A small, fully known graph for the analytics and visualisation tests, written by the real RDF writer.

The facts are built by hand (not extracted), so every count is known in advance: an organiser with
two emulation clusters over two years, a Politburo resolution carried out by a city plan, itself
carried out by a district plan, units implementing each, events with attendees, and posts.
``bulk_docs`` scales the same shapes up for the 2,000-node measurements.
"""

from __future__ import annotations

import random

from vietkg.graph.store import KG
from vietkg.ingest.model import (
    AttendanceFact,
    ClusterFact,
    Context,
    Doc,
    DocLinkFact,
    DocumentFact,
    EventFact,
    Evidence,
    ImplementationFact,
    MemberFact,
    OrgRef,
    PartialDate,
    PersonFact,
    RawArticle,
    RoleFact,
)
from vietkg.ingest.rdf import article_graph, to_quads

HCM = "Thành phố Hồ Chí Minh"
ORGANISER = OrgRef("Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh", "party-board")
CITY = OrgRef("Thành ủy Thành phố Hồ Chí Minh", "party-committee")
EV = Evidence(0, 10, "Câu làm bằng chứng <b>không phải HTML</b>.")


def unit(name: str) -> OrgRef:
    return OrgRef(f"Ban Tuyên giáo Quận ủy {name}", "party-board")


def _doc(source: str) -> Doc:
    raw = RawArticle(source=source, text="x", title=f"Bài {source.rsplit('/', 1)[-1]}", site="thanhuytphcm.vn",
                     display_date="2021-05-12", content_hash=source)
    return Doc(article=raw, text="x", context=Context(province=HCM, province_kind="Thành ủy"))


def _documents() -> list[DocumentFact]:
    return [
        DocumentFact("35-NQ/TW", 35, "NQ", "TW", EV, issuer=OrgRef("Bộ Chính trị", "central-body"), term="XII",
                     title="về tăng cường bảo vệ nền tảng tư tưởng của Đảng"),
        DocumentFact("10-KH/TU", 10, "KH", "TU", EV, issuer=CITY, term="XI"),
        DocumentFact("05-KH/BTGTU", 5, "KH", "BTGTU", EV, issuer=ORGANISER, year=2021),
    ]


def small_docs() -> list[Doc]:
    """Two articles. Known counts are listed in :data:`EXPECTED`."""
    a = _doc("https://thanhuytphcm.vn/tin/cum-2-ky-ket-2021")
    a.facts.people = [PersonFact("Nguyễn Thọ Truyền", EV), PersonFact("Vũ Ngọc Tuất", EV)]
    a.facts.clusters = [ClusterFact(2, "Cụm thi đua số 2", ORGANISER, 2021, EV, members=[
        MemberFact(unit("Quận 4"), "leader", EV), MemberFact(unit("Quận 6"), "deputy", EV),
        MemberFact(unit("Quận 8"), "member", EV)])]
    a.facts.documents = _documents()
    a.facts.doc_links = [DocLinkFact("10-KH/TU", "35-NQ/TW", "implements", EV),
                         DocLinkFact("05-KH/BTGTU", "10-KH/TU", "implements", EV)]
    a.facts.implementations = [
        ImplementationFact(unit("Quận 4"), "35-NQ/TW", "committed", EV, PartialDate("2021-04-23"), via_cluster=2),
        ImplementationFact(unit("Quận 6"), "10-KH/TU", "directed", EV, PartialDate("2021-04")),
        ImplementationFact(unit("Quận 8"), "05-KH/BTGTU", "reported", EV, PartialDate("2021")),
    ]
    a.facts.events = [EventFact(PartialDate("2021-04-23"), ["ky_ket"], "Ký kết giao ước thi đua Cụm 2", EV,
                                organizer=ORGANISER, attendees=[
                                    AttendanceFact("Nguyễn Thọ Truyền", "Phó Trưởng Ban Tuyên giáo Thành ủy", "dự", EV),
                                    AttendanceFact("Vũ Ngọc Tuất", "Bí thư Quận ủy Bình Thạnh", "chủ trì", EV)])]
    a.facts.roles = [RoleFact("Nguyễn Thọ Truyền", "Phó Trưởng Ban", ORGANISER, "Phó Trưởng Ban Tuyên giáo Thành ủy",
                              PartialDate("2021-04-23"), EV)]
    b = _doc("https://thanhuytphcm.vn/tin/cum-2-so-ket-2022")
    b.facts.people = [PersonFact("Nguyễn Thọ Truyền", EV), PersonFact("Lê Văn <Script>", EV)]
    b.facts.clusters = [ClusterFact(2, "Cụm thi đua số 2", ORGANISER, 2022, EV, members=[
        MemberFact(unit("Quận 4"), "member", EV), MemberFact(unit("Quận 11"), "leader", EV)]),
        ClusterFact(3, "Cụm thi đua số 3", ORGANISER, 2022, EV, members=[MemberFact(unit("Quận 1"), "leader", EV)])]
    b.facts.documents = _documents()[:1]
    b.facts.events = [EventFact(PartialDate("2022-07-01"), ["so_ket"], "Sơ kết Cụm 2", EV, attendees=[
        AttendanceFact("Nguyễn Thọ Truyền", "Trưởng Ban Tuyên giáo Thành ủy", "chủ trì", EV),
        AttendanceFact("Lê Văn <Script>", "Trưởng Ban Tuyên giáo Quận ủy Quận 4", "dự", EV)])]
    b.facts.roles = [RoleFact("Nguyễn Thọ Truyền", "Trưởng Ban", ORGANISER, "Trưởng Ban Tuyên giáo Thành ủy",
                              PartialDate("2022-07-01"), EV)]
    return [a, b]


EXPECTED = {
    "clusters": 2, "cluster_members_2021": 3, "cluster_members_all": 5,  # Quận 4, 6, 8, 11 and 1
    "trace_documents": 3, "trace_units": 3, "people": 3, "articles": 2,
}


def bulk_docs(n_people: int = 1980, n_clusters: int = 60, seed: int = 7) -> list[Doc]:
    """Articles enough for a ~2,000-node cluster graph and co-attendance graph."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    names = [f"Nguyễn Văn Thử {i}" for i in range(n_people)]
    members = [unit(f"Đơn vị {i}") for i in range(n_people)]
    per = n_people // n_clusters
    for c in range(n_clusters):
        d = _doc(f"https://example.vn/bulk/{c}")
        chunk = members[c * per:(c + 1) * per]
        d.facts.clusters = [ClusterFact(c + 1, f"Cụm thi đua số {c + 1}", ORGANISER, 2023, EV,
                                        members=[MemberFact(m, "member", EV) for m in chunk])]
        for e in range(6):
            people = rng.sample(names, 6)
            d.facts.events.append(EventFact(PartialDate("2023-05-01"), ["hoi_nghi"], f"Hội nghị {c}-{e}", EV,
                                            attendees=[AttendanceFact(p, "Ủy viên", "dự", EV) for p in people]))
        docs.append(d)
    return docs


def load(kg: KG, docs: list[Doc]) -> KG:
    for d in docs:
        kg.replace_graph(article_graph(d.article.source), to_quads(d))
    return kg


def small_kg() -> KG:
    return load(KG(None), small_docs())
