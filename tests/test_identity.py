"""Identity across articles: one person per person, namesakes apart, judgements respected for good.

Runs the real pipeline (``vietkg ingest`` on ``tests/fixtures/multi``, then ``vietkg ask ... --format
json``) and checks the resolution graph the ingest rebuilds. The fixtures are articles of the genre:
Phan Thị Thủy written ``Thủy``, ``Thuỷ`` (old tone placement) and in NFD; Nguyễn Văn Hùng in Quảng Ninh
and in Quận 10 (namesakes); Đặng Văn Khải in Tỉnh ủy Bình Dương (2024) and Thành ủy TPHCM (2025, after
the merger).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _cli_support import ask

from vietkg.graph.identity import Components, Decision, apply_edges, org_key
from vietkg.graph.judgements import Judgement, JudgementError, entity_iri, read_judgements

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "multi"
PERSON = "https://vietkg.org/id/person/"




def _copy(store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "kg"
    shutil.copytree(store, target)
    return target


def test_one_person_whatever_the_unicode(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "career", person="Phan Thi Thuy")
    assert {r["person"] for r in rows} == {PERSON + "phan-thi-thuy--thanh-pho-ho-chi-minh"}
    assert {r["name"] for r in rows} == {"Phan Thị Thủy"}
    sources = " | ".join(r["sources"] or "" for r in rows)
    for name in ("m01_", "m02_bo_nhiem", "m03_", "m04_bao_cao_vien_2024_nfd", "m05_"):
        assert name in sources
    nfd = "Phan Thi\u0323 Thu\u0309y"  # the user may type NFD too
    assert ask(run_vietkg, multi_store, "career", person=nfd) == rows


def test_namesakes_in_two_provinces_stay_apart(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "career", person="Nguyen Van Hung")
    by_person = {r["person"]: r["organization"] for r in rows}
    assert by_person == {PERSON + "nguyen-van-hung--quang-ninh": "Ban Tuyên giáo Tỉnh ủy Quảng Ninh",
                         PERSON + "nguyen-van-hung--thanh-pho-ho-chi-minh": "Quận ủy Quận 10"}


def test_merged_province_links_one_person(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "career", person="Đặng Văn Khải")
    assert {r["person"] for r in rows} == {PERSON + "dang-van-khai--binh-duong"}
    assert [(r["organization"], r["start"]) for r in rows] == [
        ("Tỉnh ủy Bình Dương", "2024-11-15"), ("Thành ủy Thành phố Hồ Chí Minh", "2025-08-19")]


DECISIONS = """SELECT ?a ?b ?v ?r ?src WHERE { GRAPH <https://vietkg.org/graph/resolution> {
  ?d a vkg:IdentityDecision ; rdf:value ?v ; vkg:reason ?r ; dct:source ?src ; prov:used ?a, ?b
  FILTER(STR(?a) < STR(?b)) } } ORDER BY ?a ?b"""


def _decisions(run_vietkg, store: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    out = json.loads(run_vietkg("query", DECISIONS, "--store", store, "--format", "json", check=True).stdout)
    return {(r["a"], r["b"]): (r["v"], r["r"], r["src"]) for r in out}


def test_decisions_and_reasons_are_recorded(run_vietkg, multi_store: Path) -> None:
    d = _decisions(run_vietkg, multi_store)
    hung = d[(PERSON + "nguyen-van-hung--quang-ninh", PERSON + "nguyen-van-hung--thanh-pho-ho-chi-minh")]
    assert hung[0] == "not same" and "unrelated bodies" in hung[1] and hung[2] == "rule"
    khai = d[(PERSON + "dang-van-khai--binh-duong", PERSON + "dang-van-khai--thanh-pho-ho-chi-minh")]
    assert khai[0] == "same" and "tinh-uy-binh-duong" in khai[1]
    count = "SELECT ?m (COUNT(DISTINCT ?c) AS ?n) WHERE { ?m a foaf:Person OPTIONAL { ?m vkg:sameAs ?c } } GROUP BY ?m"
    same_as = json.loads(run_vietkg("query", count, "--store", multi_store, "--format", "json", check=True).stdout)
    assert same_as and all(r["n"] == "1" for r in same_as)  # every mention: exactly one canonical


def test_reingest_changes_nothing(run_vietkg, multi_store: Path, tmp_path: Path) -> None:
    store = _copy(multi_store, tmp_path)
    before = run_vietkg("export", "--store", store, "--graph", "https://vietkg.org/graph/resolution", check=True)
    run_vietkg("ingest", FIXTURES, "--store", store, check=True)
    after = run_vietkg("export", "--store", store, "--graph", "https://vietkg.org/graph/resolution", check=True)
    assert sorted(before.stdout.splitlines()) == sorted(after.stdout.splitlines())


def test_canonical_kept_when_articles_are_added(run_vietkg, tmp_path: Path) -> None:
    store = tmp_path / "kg"
    run_vietkg("ingest", FIXTURES / "m08_thanh_uy_2025.txt", "--store", store, check=True)
    first = ask(run_vietkg, store, "career", person="Dang Van Khai")
    assert {r["person"] for r in first} == {PERSON + "dang-van-khai--thanh-pho-ho-chi-minh"}
    run_vietkg("ingest", FIXTURES / "m07_binh_duong_2024.txt", "--store", store, check=True)
    rows = ask(run_vietkg, store, "career", person="Dang Van Khai")
    assert len(rows) == 2  # merged, and the canonical IRI did not move to the smaller new one
    assert {r["person"] for r in rows} == {PERSON + "dang-van-khai--thanh-pho-ho-chi-minh"}


def test_judgements_are_kept_and_respected(run_vietkg, multi_store: Path, tmp_path: Path) -> None:
    store = _copy(multi_store, tmp_path)
    judgements = tmp_path / "j.csv"
    judgements.write_text("kind,left,right,judgement,note\n"
                          "person,Đặng Văn Khải | Bình Dương,Đặng Văn Khải | TP.HCM,not same,two officials\n"
                          "person,Nguyễn Văn Hùng | Quảng Ninh,Nguyễn Văn Hùng | TPHCM,same,checked\n",
                          encoding="utf-8")
    run_vietkg("ingest", "--judgements", judgements, "--store", store, check=True)
    assert len({r["person"] for r in ask(run_vietkg, store, "career", person="Dang Van Khai")}) == 2
    assert len({r["person"] for r in ask(run_vietkg, store, "career", person="Nguyen Van Hung")}) == 1
    judgements.unlink()  # the store keeps its copy: a later ingest still respects the judgements
    run_vietkg("ingest", FIXTURES / "m07_binh_duong_2024.txt", "--store", store, check=True)
    assert len({r["person"] for r in ask(run_vietkg, store, "career", person="Dang Van Khai")}) == 2
    source = _decisions(run_vietkg, store)[(PERSON + "dang-van-khai--binh-duong",
                                            PERSON + "dang-van-khai--thanh-pho-ho-chi-minh")]
    assert source[0] == "not same" and source[2].startswith("vietkg-judgements.csv:")


def test_bad_judgements_file_is_one_line(run_vietkg, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,left,right,judgement\nperson,A | Hà Nội,B | Hà Nội,maybe\n", encoding="utf-8")
    done = run_vietkg("ingest", "--judgements", bad, "--store", tmp_path / "kg")
    assert done.returncode == 2 and "bad.csv:2" in done.stderr and "Traceback" not in done.stderr


def _j(a: str, b: str, verdict: str) -> Judgement:
    return Judgement("person", a, b, verdict, "test")


def test_negative_edge_never_bypassed_transitively() -> None:
    comp = Components(["a", "b", "c", "d"])
    rules = [Decision("person", "b", "c", "same", "rule"), Decision("person", "c", "d", "same", "rule")]
    out = apply_edges(comp, [_j("a", "b", "same"), _j("a", "c", "not same")], rules)
    assert comp.find("a") == comp.find("b")
    assert comp.find("c") == comp.find("d") != comp.find("a")  # b~c would join a and c: refused
    assert any(d.left == "b" and d.right == "c" and d.verdict == "not same" and "blocked" in d.reason for d in out)


def test_judgement_sides_use_the_ingest_iri_rule(tmp_path: Path) -> None:
    assert entity_iri("person", "Phan Thị Thuỷ | TP. Hồ Chí Minh") == PERSON + "phan-thi-thuy--thanh-pho-ho-chi-minh"
    assert entity_iri("person", "Lê Văn Minh") == PERSON + "le-van-minh--viet-nam"
    assert entity_iri("org", "Quận ủy Quận 4") == "https://vietkg.org/id/org/quan-uy-quan-4"
    f = tmp_path / "j.jsonl"
    f.write_text('{"kind": "org", "left": "BTG Thành ủy", "right": "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh",'
                 ' "judgement": "same"}\n{"left": "x"}\n', encoding="utf-8")
    with pytest.raises(JudgementError, match=r"j\.jsonl:2"):
        read_judgements(f)


@pytest.mark.parametrize(("a", "b"), [
    ("Ban Tuyên giáo Thành ủy TPHCM", "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh"),
    ("BTG Thành ủy TP.HCM", "Ban Tuyên giáo Thành ủy TP. Hồ Chí Minh"),
    ("Ủy ban nhân dân Quận 4", "UBND Quận 4"),
    ("Ban TG&DV Thành ủy TPHCM", "Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh"),
    ("Quận uỷ Bình Thạnh", "QUẬN ỦY BÌNH THẠNH"),
])
def test_body_names_normalise_alike(a: str, b: str) -> None:
    assert org_key(a) == org_key(b)


def test_body_aliases_find_the_reference_body(run_vietkg, multi_store: Path) -> None:
    rows = ask(run_vietkg, multi_store, "holders", post="Truong ban", organization="BTG Thành ủy TP.HCM", date="2024")
    assert [r["name"] for r in rows] == ["Phan Thị Thủy"]
