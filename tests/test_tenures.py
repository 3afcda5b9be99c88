"""Posts over time: tenures from observations and reported changes, holders on a date, bodies that
merged, clusters across years — on the multi-article fixtures, through the real command line.

Story of the fixtures (``tests/fixtures/multi``): Võ Thanh Sơn heads Ban Tuyên giáo Thành ủy TPHCM
(2022) and retires on 2023-06-01; his deputy Phan Thị Thủy is appointed head that day, is seen as
head in 2023 and 2024, and the body merges into Ban Tuyên giáo và Dân vận on 2025-02-03 (Lâm Quốc
Bảo heads it in 2025; Thủy is a deputy). Cụm thi đua 3 has Quận 1, 3, 5, 10 in 2022 and Quận 1, 3, 10,
Phú Nhuận in 2023. Trương Ngọc Lan is seen only "năm 2023".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from _cli_support import ask

from vietkg.graph.questions import ask as ask_in_process
from vietkg.graph.store import KG
from vietkg.graph.tenures import Span
from vietkg.ingest.model import ClusterFact, Doc, Evidence, MemberFact, OrgRef, RawArticle
from vietkg.ingest.pipeline import extract
from vietkg.ingest.rdf import article_graph, to_quads

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "multi"
BTG = "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh"
BTGDV = "Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh"




def _tenures(rows: list[dict[str, str | None]]) -> list[tuple[str | None, ...]]:
    return [(r["post"], r["organization"], r["start"], r["start_cue"], r["end"], r["end_cue"], r["ended_by"])
            for r in rows]


def test_promotion_gives_one_row_per_tenure(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "career", person="Phan Thị Thủy")
    assert _tenures(rows) == [
        ("Phó Trưởng ban", BTG, "2022-03-10", "first seen", "2023-06-01", "ended", None),
        ("Trưởng ban", BTG, "2023-06-01", "appointed", "2024-09-06", "body dissolved", "2025-02-03"),
        ("Phó Trưởng ban", BTGDV, "2025-03-10", "first seen", "2025-03-10", "last seen", None),
    ]
    assert rows[1]["observations"] == "3"


def test_retirement_ends_a_tenure(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "career", person="Vo Thanh Son")
    assert _tenures(rows) == [("Trưởng ban", BTG, "2022-03-10", "first seen", "2023-06-01", "retired", None)]


@pytest.mark.parametrize(("organization", "when", "names"), [
    ("Ban Tuyên giáo Thành ủy TPHCM", "2022", ["Võ Thanh Sơn"]),
    ("Ban Tuyên giáo Thành ủy TPHCM", "2023-03-15", ["Võ Thanh Sơn"]),
    ("Ban Tuyên giáo Thành ủy TPHCM", "2023-06", ["Phan Thị Thủy", "Võ Thanh Sơn"]),  # the handover month
    ("Ban Tuyên giáo Thành ủy TPHCM", "2024", ["Phan Thị Thủy"]),  # dated 2024: stays with the old body
    ("Ban Tuyên giáo Thành ủy TPHCM", "2025", []),
    ("Ban Tuyên giáo và Dân vận Thành ủy TPHCM", "2025-03", ["Lâm Quốc Bảo"]),
    ("Ban Tuyên giáo Quận ủy Quận 10", "2023-05-20", ["Trương Ngọc Lan"]),  # seen only "năm 2023"
    ("Ban Tuyên giáo Quận ủy Quận 10", "2022", []),
])
def test_holders_on_a_date(run_vietkg, multi_store: Path, organization: str, when: str, names: list[str]) -> None:
    rows = ask(run_vietkg, multi_store, "holders", post="Trưởng ban", organization=organization, date=when)
    assert sorted(r["name"] for r in rows) == names


def test_holders_bad_date_is_a_user_error(run_vietkg, multi_store: Path) -> None:
    done = run_vietkg("ask", "holders", "--param", "post=Bí thư", "--param", "date=năm ngoái", "--store", multi_store)
    assert done.returncode == 2 and "date" in done.stderr and "Traceback" not in done.stderr


def test_successor_of_a_merged_body(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "successor", organization="Ban Tuyên giáo Thành ủy TPHCM")
    assert [(r["organization"], r["successor"], r["date"], r["kind"]) for r in rows] == [
        (BTG, BTGDV, "2025-02-03", "Merger")]
    assert ask(run_vietkg, multi_store, "successor", organization="Ban Tuyên giáo và Dân vận Thành ủy TPHCM") == []


def test_cluster_members_change_between_years(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "cluster-changes", cluster="3", year="2023",
               organiser="Ban Tuyên giáo Thành ủy TPHCM")
    changes = {r["member"]: r["change"] for r in rows}
    assert changes == {"Ban Tuyên giáo Quận ủy Quận 1": "stayed", "Ban Tuyên giáo Quận ủy Quận 3": "stayed",
                       "Ban Tuyên giáo Quận ủy Quận 10": "stayed", "Ban Tuyên giáo Quận ủy Quận 5": "left",
                       "Ban Tuyên giáo Quận ủy Phú Nhuận": "joined"}
    assert {r["compared_with"] for r in rows} == {"2022"}
    assert len({r["cluster_iri"] for r in rows}) == 1  # one node across years: organiser + number
    every_year = ask(run_vietkg, multi_store, "cluster-changes", cluster="3")
    assert {r["year"] for r in every_year} == {"2022", "2023"}
    assert {r["change"] for r in every_year if r["year"] == "2022"} == {None}  # no earlier year on record


def test_cluster_leader_per_year_from_articles(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "cluster-changes", cluster="3")
    leaders = {r["year"]: r["leader"] for r in rows}
    assert leaders == {"2022": "Ban Tuyên giáo Quận ủy Quận 3", "2023": "Ban Tuyên giáo Quận ủy Quận 10"}


def _cluster_doc(source: str, year: int, members: list[tuple[str, str]]) -> Doc:
    ev = Evidence(0, 1, "x")
    doc = Doc(RawArticle(source=source), text="x")
    organiser = OrgRef("Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh", "party-board")
    doc.facts.clusters.append(ClusterFact(3, "Cụm thi đua số 3", organiser, year, ev,
                                          [MemberFact(OrgRef(m, "party-board"), role, ev) for m, role in members]))
    return doc


def test_cluster_leader_per_year() -> None:
    kg = KG(None)
    for doc in (_cluster_doc("a", 2022, [("Ban Tuyên giáo Quận ủy Quận 3", "leader"),
                                         ("Ban Tuyên giáo Quận ủy Quận 5", "member")]),
                _cluster_doc("b", 2023, [("Ban Tuyên giáo Quận ủy Quận 3", "member"),
                                         ("Ban Tuyên giáo Quận ủy Quận 10", "leader")])):
        kg.replace_graph(article_graph(doc.article.source), to_quads(doc))
    rows = ask_in_process(kg, "cluster-changes", {"cluster": "3"}).rows
    assert {(r["year"], r["leader"]) for r in rows} == {("2022", "Ban Tuyên giáo Quận ủy Quận 3"),
                                                         ("2023", "Ban Tuyên giáo Quận ủy Quận 10")}
    assert {(r["year"], r["member"], r["change"]) for r in rows if r["year"] == "2023"} == {
        ("2023", "Ban Tuyên giáo Quận ủy Quận 3", "stayed"), ("2023", "Ban Tuyên giáo Quận ủy Quận 10", "joined"),
        ("2023", "Ban Tuyên giáo Quận ủy Quận 5", "left")}


CUES = [
    ("Ban Thường vụ Quận ủy Quận 5 trao quyết định bổ nhiệm đồng chí Trịnh Văn Nam, Phó Trưởng Ban Tuyên giáo "
     "Quận ủy Quận 5 giữ chức Trưởng Ban Tuyên giáo Quận ủy Quận 5.",
     {("Phó Trưởng Ban", "ended"), ("Trưởng Ban", "appointed")}),
    ("Ban Thường vụ Thành ủy TPHCM trao quyết định điều động đồng chí Lê Văn Bình, Phó Chánh Văn phòng Thành ủy "
     "TPHCM giữ chức Phó Trưởng Ban Tổ chức Thành ủy TPHCM.",
     {("Phó Chánh Văn phòng", "transferred-out"), ("Phó Trưởng Ban", "transferred-in")}),
    ("Tại Đại hội, đồng chí Ngô Thị Lan được bầu giữ chức Bí thư Quận ủy Quận 5 nhiệm kỳ 2020 - 2025.",
     {("Bí thư", "elected")}),
    ("Đồng chí Hồ Văn Tư, Chủ tịch UBND Quận 5 được nghỉ hưu theo chế độ từ ngày 1/2/2024.",
     {("Chủ tịch", "retired")}),
    ("Đồng chí Mai Văn Hải, Trưởng Ban Dân vận Quận ủy Quận 5 làm việc với các phường.", {("Trưởng Ban", "")}),
]


@pytest.mark.parametrize(("sentence", "expected"), CUES)
def test_tenure_cues(sentence: str, expected: set[tuple[str, str]]) -> None:
    doc = extract(RawArticle(source="cue", title="Tin", text=f"(Thanhuytphcm.vn) - Sáng 3/1/2024, {sentence[0].lower()}"
                                                               f"{sentence[1:]}"))
    assert {(r.post, r.change) for r in doc.facts.roles} == expected


def test_retirement_takes_its_effective_date() -> None:
    doc = extract(RawArticle(source="cue", title="Tin", text="(Thanhuytphcm.vn) - Sáng 3/1/2024, " + CUES[3][0]))
    assert [(r.change, r.date.text if r.date else None) for r in doc.facts.roles] == [("retired", "2024-02-01")]


@pytest.mark.parametrize(("text", "earliest", "latest"), [
    ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023-12", date(2023, 12, 1), date(2023, 12, 31)),
    ("2023-5-7", date(2023, 5, 7), date(2023, 5, 7)),
])
def test_partial_dates_are_periods(text: str, earliest: date, latest: date) -> None:
    s = Span.parse(text)
    assert (s.earliest, s.latest) == (earliest, latest)


def test_new_questions_are_listed(run_vietkg) -> None:
    out = run_vietkg("ask", "--list", check=True).stdout
    for name in ("career", "holders", "cluster-changes", "successor"):
        assert f"{name}:" in out


def test_a_year_known_only_by_its_leader_is_partial() -> None:
    """ "Quận 10 làm Cụm trưởng năm 2024" says nothing of who left; 2025 compares with 2023's list."""
    kg = KG(None)
    years = {"a": (2023, [("Ban Tuyên giáo Quận ủy Quận 3", "leader"), ("Ban Tuyên giáo Quận ủy Quận 5", "member"),
                          ("Ban Tuyên giáo Quận ủy Quận 10", "member")]),
             "b": (2024, [("Ban Tuyên giáo Quận ủy Quận 10", "leader")]),
             "c": (2025, [("Ban Tuyên giáo Quận ủy Quận 10", "member"), ("Ban Tuyên giáo Quận ủy Quận 5", "leader")])}
    for source, (year, members) in years.items():
        doc = _cluster_doc(source, year, members)
        kg.replace_graph(article_graph(doc.article.source), to_quads(doc))
    rows = ask_in_process(kg, "cluster-changes", {"cluster": "3"}).rows
    by_year = {y: {(r["member"], r["change"]) for r in rows if r["year"] == y} for y in ("2024", "2025")}
    assert by_year["2024"] == {("Ban Tuyên giáo Quận ủy Quận 10", "stayed")}
    assert by_year["2025"] == {("Ban Tuyên giáo Quận ủy Quận 3", "left"), ("Ban Tuyên giáo Quận ủy Quận 5", "stayed"),
                               ("Ban Tuyên giáo Quận ủy Quận 10", "stayed")}
    assert {r["compared_with"] for r in rows if r["year"] in ("2024", "2025")} == {"2023"}
    assert {r["leader"] for r in rows if r["year"] == "2024"} == {"Ban Tuyên giáo Quận ủy Quận 10"}
