"""Emulation clusters: organisers and member enumerations, and implementation modes."""

from __future__ import annotations

import pytest

from vietkg.ingest.model import RawArticle
from vietkg.ingest.pipeline import extract

HCM = "(Thanhuytphcm.vn) - "


def run(body: str, title: str = "Hội nghị", display: str = "2024-08-22", header: str = ""):
    return extract(RawArticle(source="file:///t/c.txt", text=body, title=title, display_date=display,
                              header=header))


def members(doc) -> dict[int, list[str]]:
    return {c.number: [m.org.label for m in c.members] for c in doc.facts.clusters}


@pytest.mark.parametrize(
    ("body", "display", "expected"),
    [
        (HCM + "Ngày 23/4, Cụm thi đua 2 Ban Tuyên giáo Thành ủy TPHCM gồm các đơn vị: Quận 4, 6, Phú Nhuận và "
         "Bình Thạnh đã ký kết giao ước thi đua năm 2021.", "2021-05-12",
         {2: ["Ban Tuyên giáo Quận ủy Quận 4", "Ban Tuyên giáo Quận ủy Quận 6", "Ban Tuyên giáo Quận ủy Phú Nhuận",
              "Ban Tuyên giáo Quận ủy Bình Thạnh"]}),
        (HCM + "Sáng 15/3, Cụm thi đua 4 Ban Tuyên giáo Thành ủy TPHCM gồm các huyện: Củ Chi, Hóc Môn và Cần Giờ "
         "tổ chức hội nghị.", "2019-04-08",
         {4: ["Ban Tuyên giáo Huyện ủy Củ Chi", "Ban Tuyên giáo Huyện ủy Hóc Môn", "Ban Tuyên giáo Huyện ủy Cần Giờ"]}),
        (HCM + "Chiều 21/8, Cụm thi đua 1 - Ban Dân vận Thành ủy TPHCM tổ chức hội nghị. Cụm gồm các đơn vị: "
         "Quận ủy 1, 3, Tân Bình và Thành ủy Thủ Đức.", "2024-08-22",
         {1: ["Quận ủy Quận 1", "Quận ủy Quận 3", "Quận ủy Tân Bình", "Thành ủy Thủ Đức"]}),
        (HCM + "Sáng 16/12, Cụm thi đua 3 Ban Tuyên giáo Thành ủy gồm các đơn vị: Quận 2, 9 và Thủ Đức tổ chức "
         "tổng kết năm 2016.", "2017-03-08",
         {3: ["Ban Tuyên giáo Quận ủy Quận 2", "Ban Tuyên giáo Quận ủy Quận 9", "Ban Tuyên giáo Quận ủy Thủ Đức"]}),
        (HCM + "Ngày 22-10, Cụm thi đua số 10 tổ chức hội nghị. Cụm thi đua số 10 gồm 3 thành viên là Văn phòng "
         "Đảng ủy các phường: Bến Cát, Tân Uyên và Thới Hòa.", "2025-10-24",
         {10: ["Văn phòng Đảng ủy phường Bến Cát", "Văn phòng Đảng ủy phường Tân Uyên",
               "Văn phòng Đảng ủy phường Thới Hòa"]}),
        ("BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NINH Ngày 16/12, Ban Tuyên giáo Tỉnh ủy tổ chức tổng kết. Cụm thi đua số 2 "
         "gồm Ban Tuyên giáo các huyện, thị, thành ủy: Tiên Yên, Quảng Yên và Móng Cái.", "2022-12-17",
         {2: ["Ban Tuyên giáo Huyện ủy Tiên Yên", "Ban Tuyên giáo Thị ủy Quảng Yên",
              "Ban Tuyên giáo Thành ủy Móng Cái"]}),
        ("BÁO NINH BÌNH ĐIỆN TỬ Chiều 23/3, các cơ quan ký kết. Cụm thi đua số 1 gồm 4 thành viên là: Văn phòng "
         "Tỉnh uỷ, Đảng uỷ Khối các cơ quan tỉnh, Trường Chính trị tỉnh và Báo Ninh Bình.", "2023-03-24",
         {1: ["Văn phòng Tỉnh ủy Ninh Bình", "Đảng ủy Khối các cơ quan tỉnh Ninh Bình",
              "Trường Chính trị tỉnh Ninh Bình", "Báo Ninh Bình"]}),
        (HCM + "Ngày 7/8, Ban Dân vận Thành ủy tổ chức ký kết của Cụm thi đua số 1 gồm các đơn vị: Đảng ủy khối "
         "cơ sở Bộ Tài nguyên và Môi trường, Đảng ủy khối Đại học, Cao đẳng TP, Đảng ủy Khối Ngân hàng.", "2019-05-26",
         {1: ["Đảng ủy khối cơ sở Bộ Tài nguyên và Môi trường", "Đảng ủy khối Đại học, Cao đẳng TP",
              "Đảng ủy Khối Ngân hàng"]}),
        ("Chiều 01/3/2017, các cụm ký kết. Cụm thi đua số 5 năm 2017 gồm 02 đơn vị:\n1. Trường Đại học Tây Đô;\n"
         "2. Trường Cao đẳng Y tế Cần Thơ.", "2017-03-06",
         {5: ["Trường Đại học Tây Đô", "Trường Cao đẳng Y tế Cần Thơ"]}),
        ("Báo Đồng Nai điện tử Chiều 20-12, Ban Tuyên giáo Tỉnh ủy tổng kết. Ban Tuyên giáo Tỉnh ủy tặng cờ thi "
         "đua cho Ban Tuyên giáo Thành ủy Biên Hòa, đơn vị dẫn đầu Cụm thi đua số 1.", "2020-01-07",
         {1: ["Ban Tuyên giáo Thành ủy Biên Hòa"]}),
    ],
)
def test_cluster_members(body: str, display: str, expected: dict[int, list[str]]) -> None:
    assert members(run(body, display=display)) == expected


def impls(doc) -> set[tuple[str, str, str]]:
    return {(i.symbol, i.unit.label, i.mode) for i in doc.facts.implementations}


CLUSTER = HCM + "Ngày 23/4, Cụm thi đua 2 Ban Tuyên giáo Thành ủy TPHCM gồm các đơn vị: Quận 4 và Quận 6 đã ký kết. "
Q4, Q6 = "Ban Tuyên giáo Quận ủy Quận 4", "Ban Tuyên giáo Quận ủy Quận 6"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (CLUSTER + "Theo nội dung ký kết, các đơn vị thuộc Cụm thi đua 2 cam kết thực hiện Nghị quyết số 35-NQ/TW.",
         {("35-NQ/TW", Q4, "committed"), ("35-NQ/TW", Q6, "committed")}),
        (CLUSTER + "Đồng chí đề nghị Ban Tuyên giáo các đơn vị thuộc Cụm thi đua 2 thực hiện Chỉ thị 05-CT/TW.",
         {("05-CT/TW", Q4, "directed"), ("05-CT/TW", Q6, "directed")}),
        (CLUSTER + "Các đơn vị trong cụm đã bám sát Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương.",
         {("25-NQ/TW", Q4, "reported"), ("25-NQ/TW", Q6, "reported")}),
        (HCM + "Sáng 20/5, Huyện uỷ huyện Hóc Môn tổ chức hội nghị sơ kết 1 năm thực hiện Kết luận số 01-KL/TW. "
         "Đồng chí đề nghị Huyện uỷ Hóc Môn tiếp tục thực hiện; đồng thời yêu cầu Ban Tuyên giáo Huyện uỷ tham mưu "
         "thực hiện tốt Đề án 05-ĐA/TU.",
         {("01-KL/TW", "Huyện ủy Hóc Môn", "reviewed"), ("05-ĐA/TU", "Ban Tuyên giáo Huyện ủy Hóc Môn", "directed")}),
        (HCM + "Ngày 26/12, Ban Tuyên giáo và Dân vận Thành ủy TPHCM tổ chức tổng kết. Ban đã tham mưu quán triệt "
         "Quy định số 144-QĐ/TW của Bộ Chính trị.",
         {("144-QĐ/TW", "Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh", "reported")}),
        ("BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NINH Ngày 16/12, Ban Tuyên giáo Tỉnh ủy tổ chức tổng kết. Năm 2022, ngành "
         "Tuyên giáo tỉnh đã bám sát chỉ đạo của Tỉnh ủy, quán triệt Kết luận số 21-KL/TW. Đồng chí yêu cầu Ban "
         "Tuyên giáo các huyện ủy, thành ủy bám sát Chỉ thị số 35-CT/TW; đề nghị cấp ủy các cấp thực hiện Kết luận "
         "số 01-KL/TW.",
         set()),
    ],
)
def test_implementation_modes(body: str, expected: set[tuple[str, str, str]]) -> None:
    assert impls(run(body, display="2021-05-12")) == expected


# Cụm trưởng / cụm phó: every form the genre uses, one sentence each, after a lead naming Cụm thi đua 3
# of the Ban Tuyên giáo Thành ủy (members Quận 1, 3, 5, 10). SIGN is held in March (ký kết), REVIEW in
# December (tổng kết): a handover with no year written passes the role on for the next year at a review.
SIGN = HCM + ("Sáng 10/3, Cụm thi đua 3 Ban Tuyên giáo Thành ủy TPHCM gồm các đơn vị: Quận 1, 3, 5 và 10 tổ chức "
              "hội nghị ký kết giao ước thi đua năm 2024. ")
REVIEW = HCM + ("Chiều 19/12, Cụm thi đua 3 Ban Tuyên giáo Thành ủy TPHCM gồm các đơn vị: Quận 1, 3, 5 và 10 tổ "
                "chức hội nghị tổng kết công tác thi đua năm 2024. ")
BTG = "Ban Tuyên giáo Quận ủy Quận "


def roles(doc) -> set[tuple[int, int | None, str, str]]:
    """(cluster, year, role, unit) for every leader and deputy."""
    return {(c.number, c.year, m.role, m.org.label) for c in doc.facts.clusters for m in c.members
            if m.role != "member"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the body first, a run of linking words, the role
        (SIGN + "Năm nay, Ban Tuyên giáo Quận ủy Quận 5 được các đơn vị trong cụm thống nhất giao nhiệm vụ Cụm "
         "trưởng.", {(3, 2024, "leader", BTG + "5")}),
        (SIGN + "Hội nghị thống nhất suy tôn Ban Tuyên giáo Quận ủy Quận 10 làm Cụm trưởng, Ban Tuyên giáo Quận ủy "
         "Quận 1 làm Cụm phó.", {(3, 2024, "leader", BTG + "10"), (3, 2024, "deputy", BTG + "1")}),
        (HCM + "Sáng 10/3, Cụm thi đua 3 Ban Tuyên giáo Thành ủy TPHCM do Ban Tuyên giáo Quận ủy Quận 1 làm Cụm "
         "trưởng tổ chức hội nghị ký kết giao ước thi đua năm 2024.", {(3, 2024, "leader", BTG + "1")}),
        (SIGN + "Ban Tuyên giáo Quận ủy Quận 10 được Ban Tuyên giáo Thành ủy giao làm Cụm trưởng.",
         {(3, 2024, "leader", BTG + "10")}),
        (SIGN + "Quận 10 được giao làm Cụm trưởng.", {(3, 2024, "leader", BTG + "10")}),
        (SIGN + "Ban Tuyên giáo Quận ủy Quận 5 nhận luân phiên Cụm trưởng năm 2024.", {(3, 2024, "leader", BTG + "5")}),
        (HCM + "Chiều 20/3, Cụm thi đua số 2 Ban Dân vận Tỉnh ủy Kiên Giang ký kết giao ước thi đua năm 2024. Hội nghị "
         "suy tôn Ban Dân vận Huyện ủy Hòn Đất làm Cụm trưởng và Ban Dân vận Huyện ủy Kiên Lương làm Phó Cụm trưởng.",
         {(2, 2024, "leader", "Ban Dân vận Huyện ủy Hòn Đất"), (2, 2024, "deputy", "Ban Dân vận Huyện ủy Kiên Lương")}),
        # "(Cụm trưởng)" after a member, in the enumeration or after a body
        (HCM + "Sáng 10/3, Cụm thi đua 3 Ban Tuyên giáo Thành ủy TPHCM gồm các đơn vị: Quận 1 (Cụm trưởng), 3, 5 (Cụm "
         "phó) và 10 tổ chức hội nghị ký kết giao ước thi đua năm 2024.",
         {(3, 2024, "leader", BTG + "1"), (3, 2024, "deputy", BTG + "5")}),
        (HCM + "Sáng 10/3, Cụm thi đua 3 ký kết giao ước thi đua năm 2024. Cụm thi đua 3 gồm các đơn vị: Ban Tuyên "
         "giáo Quận ủy Quận 1 (Cụm trưởng), Ban Tuyên giáo Quận ủy Quận 3 (Cụm phó), Ban Tuyên giáo Quận ủy Quận 5.",
         {(3, 2024, "leader", BTG + "1"), (3, 2024, "deputy", BTG + "3")}),
        (SIGN + "Đồng chí Trần Thị Hoa, Trưởng Ban Tuyên giáo Quận ủy Quận 3 (đơn vị Cụm trưởng) chủ trì hội nghị.",
         {(3, 2024, "leader", BTG + "3")}),
        (REVIEW + "Hội nghị suy tôn Ban Tuyên giáo Quận ủy Quận 1, đơn vị Cụm trưởng năm 2024, là đơn vị dẫn đầu cụm.",
         {(3, 2024, "leader", BTG + "1")}),
        # the role first, then the body
        (SIGN + "Cụm trưởng là Ban Tuyên giáo Quận ủy Quận 3, Cụm phó là Ban Tuyên giáo Quận ủy Quận 5.",
         {(3, 2024, "leader", BTG + "3"), (3, 2024, "deputy", BTG + "5")}),
        (SIGN + "Theo báo cáo của đơn vị Cụm trưởng năm 2024 là Ban Tuyên giáo Quận ủy Quận 10, các đơn vị đã hoàn "
         "thành chỉ tiêu.", {(3, 2024, "leader", BTG + "10")}),
        (SIGN + "Ban Tuyên giáo Thành ủy giao nhiệm vụ Cụm trưởng cho Ban Tuyên giáo Quận ủy Quận 5.",
         {(3, 2024, "leader", BTG + "5")}),  # the organiser assigns: not a member, not a leader
        (SIGN + "Các đơn vị luân phiên làm Cụm trưởng theo thứ tự: Quận 1 (năm 2024), Quận 3 (năm 2025) và Quận 5 "
         "(năm 2026).",
         {(3, 2024, "leader", BTG + "1"), (3, 2025, "leader", BTG + "3"), (3, 2026, "leader", BTG + "5")}),
        # the year: written after the role (and carried to the next role of the sentence), or by the handover
        (REVIEW + "Hội nghị cũng bầu Ban Tuyên giáo Quận ủy Quận 5 làm Cụm trưởng năm 2025, Ban Tuyên giáo Quận ủy "
         "Quận 10 làm Cụm phó.", {(3, 2025, "leader", BTG + "5"), (3, 2025, "deputy", BTG + "10")}),
        (REVIEW + "Bàn giao nhiệm vụ Cụm trưởng năm 2025 cho Ban Tuyên giáo Quận ủy Quận 5",
         {(3, 2025, "leader", BTG + "5")}),
        (REVIEW + "Dịp này, Ban Tuyên giáo Quận ủy Quận 3 bàn giao nhiệm vụ Cụm trưởng cho Ban Tuyên giáo Quận ủy "
         "Quận 5.",
         {(3, 2024, "leader", BTG + "3"), (3, 2025, "leader", BTG + "5")}),
        (SIGN + "Tại hội nghị, Ban Tuyên giáo Quận ủy Quận 3 bàn giao nhiệm vụ Cụm trưởng cho Ban Tuyên giáo Quận ủy "
         "Quận 5.", {(3, 2023, "leader", BTG + "3"), (3, 2024, "leader", BTG + "5")}),
        (REVIEW + "Ban Tuyên giáo Quận ủy Quận 5 nhận bàn giao nhiệm vụ Cụm trưởng từ Ban Tuyên giáo Quận ủy Quận 3.",
         {(3, 2025, "leader", BTG + "5")}),
        (SIGN + "Ban Tuyên giáo Quận ủy Quận 5 tiếp nhận nhiệm vụ Cụm trưởng.", {(3, 2024, "leader", BTG + "5")}),
        (SIGN + "Cụm trưởng: Ban Tuyên giáo Quận ủy Quận 5.", {(3, 2024, "leader", BTG + "5")}),
        (SIGN + "Cụm trưởng do Ban Tuyên giáo Quận ủy Quận 5 đảm nhiệm.", {(3, 2024, "leader", BTG + "5")}),
        # the cluster: the one written after the role, else the last one named before it
        (SIGN + "Ban Tuyên giáo Quận ủy Quận 6 làm Cụm trưởng Cụm thi đua 2.", {(2, 2024, "leader", BTG + "6")}),
        (SIGN + "Tại Cụm thi đua 2, Ban Tuyên giáo Quận ủy Quận 6 làm Cụm trưởng.", {(2, 2024, "leader", BTG + "6")}),
        # no unit's role: a person, a bare apposition, plural, no body, negation, the top-ranked unit
        (SIGN + "Đồng chí Nguyễn Văn An, Cụm trưởng Cụm thi đua 3, phát biểu khai mạc.", set()),
        (SIGN + "Đồng chí Nguyễn Văn An, Trưởng Ban Tuyên giáo Quận ủy Quận 5, Cụm trưởng, phát biểu khai mạc.", set()),
        (SIGN + "Ban Tuyên giáo Thành ủy làm việc với các đơn vị Cụm trưởng các cụm thi đua.", set()),
        (SIGN + "Hội nghị lựa chọn đơn vị Cụm trưởng, Cụm phó năm 2025.", set()),
        (SIGN + "Đồng chí đề nghị Cụm trưởng sau hội nghị hoàn chỉnh hồ sơ đăng ký thi đua.", set()),
        (SIGN + "Ban Tuyên giáo Quận ủy Quận 3 từng làm Cụm trưởng.", set()),
        (SIGN + "Đồng chí Lê Văn Minh làm Cụm trưởng.", set()),
        (SIGN + "Ban Tuyên giáo Quận ủy Quận 3 bàn giao nhiệm vụ Cụm trưởng.", set()),
        (SIGN + "Ban Tuyên giáo Thành ủy tặng cờ thi đua cho Ban Tuyên giáo Quận ủy Quận 5, đơn vị dẫn đầu Cụm thi đua "
         "3.", set()),
    ],
)
def test_cluster_roles(body: str, expected: set[tuple[int, int | None, str, str]]) -> None:
    assert roles(run(body, display="2024-12-22")) == expected


def test_a_unit_named_only_in_its_role_is_a_member() -> None:
    doc = run(REVIEW + "Hội nghị cũng bầu Ban Tuyên giáo Quận ủy Quận 6 làm Cụm trưởng năm 2025.", display="2024-12-22")
    by_year = {c.year: {m.org.label: m.role for m in c.members} for c in doc.facts.clusters}
    assert by_year[2025] == {BTG + "6": "leader"}
    assert BTG + "6" not in by_year[2024]  # listed for 2024: Quận 1, 3, 5, 10


def test_a_role_merges_with_the_listed_member() -> None:
    """One unit under two names (its place in the list, its full name in the role) stays one member."""
    doc = run(HCM + "Sáng 14/3, Cụm thi đua số 1 Ban Tuyên giáo và Dân vận Thành ủy TPHCM ký kết giao ước thi đua năm "
              "2026. Cụm thi đua số 1 gồm Ban Xây dựng Đảng của Đảng ủy 3 phường: Sài Gòn, Bến Thành và Tân Định. Năm "
              "2026, Ban Xây dựng Đảng Đảng ủy phường Bến Thành làm Cụm trưởng.", display="2026-03-16")
    (cluster,) = doc.facts.clusters
    assert [(m.org.label, m.role) for m in cluster.members] == [
        ("Ban Xây dựng Đảng Đảng ủy phường Sài Gòn", "member"),
        ("Ban Xây dựng Đảng Đảng ủy phường Bến Thành", "leader"),
        ("Ban Xây dựng Đảng Đảng ủy phường Tân Định", "member")]


def test_cluster_role_cues_are_data() -> None:
    from vietkg.ingest.steps._cluster_roles import grammar

    g = grammar()
    assert g.roles["cụm trưởng"] == "leader" and g.roles["phó cụm trưởng"] == "deputy"
    assert g.give["bàn giao"] == "handover" and "năm tới" in g.years


def test_a_bad_cluster_role_row_names_file_and_line() -> None:
    from vietkg.ingest.patterns import PatternError
    from vietkg.ingest.steps._cluster_roles import _check

    with pytest.raises(PatternError, match=r"cluster_roles\.csv:7: value 'boss'"):
        _check({"kind": "role", "text": "Cụm trưởng", "value": "boss"}, 7)


@pytest.mark.parametrize(
    ("body", "display", "expected"),
    [
        # a written ward level wins over a district of the same name (Thủ Dầu Một, Dĩ An were districts)
        ("Báo Bình Dương Sáng 20/10, Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức ký kết. Cụm thi đua số 4 gồm "
         "Ban Xây dựng Đảng của Đảng ủy các phường: Thủ Dầu Một, Dĩ An và Phú Lợi.", "2025-10-21",
         {4: ["Ban Xây dựng Đảng Đảng ủy phường Thủ Dầu Một", "Ban Xây dựng Đảng Đảng ủy phường Dĩ An",
              "Ban Xây dựng Đảng Đảng ủy phường Phú Lợi"]}),
        ("Báo Bình Dương Sáng 20/10, Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức ký kết. Cụm thi đua số 6 gồm "
         "Văn phòng Đảng ủy các xã: Bàu Bàng, Dầu Tiếng và Minh Thạnh.", "2025-10-21",
         {6: ["Văn phòng Đảng ủy xã Bàu Bàng", "Văn phòng Đảng ủy xã Dầu Tiếng", "Văn phòng Đảng ủy xã Minh Thạnh"]}),
    ],
)
def test_written_ward_level_wins(body: str, display: str, expected: dict[int, list[str]]) -> None:
    assert members(run(body, display=display)) == expected


def test_cluster_members_commit_as_written() -> None:
    doc = run("Báo Bình Dương Sáng 20/10, Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức ký kết. Cụm thi đua số 4 gồm "
              "Ban Xây dựng Đảng Đảng ủy các phường: Thủ Dầu Một và Phú Lợi. Theo đó, các đơn vị trong cụm cam kết "
              "thực hiện Chỉ thị số 45-CT/TW của Bộ Chính trị.", display="2025-10-21")
    assert impls(doc) == {("45-CT/TW", "Ban Xây dựng Đảng Đảng ủy phường Thủ Dầu Một", "committed"),
                          ("45-CT/TW", "Ban Xây dựng Đảng Đảng ủy phường Phú Lợi", "committed")}


@pytest.mark.parametrize(
    ("body", "display", "year"),
    [
        # a review held early in the next year is for the year it reviews
        (HCM + "Sáng 8/1, Cụm thi đua số 2 tổ chức hội nghị tổng kết hoạt động năm 2024, triển khai nhiệm vụ năm "
         "2025. Cụm thi đua số 2 gồm các đơn vị: Quận 4 và Quận 6.", "2025-01-09", 2024),
        # a pact signed in December for the next year
        (HCM + "Sáng 20/12, Cụm thi đua số 2 ký kết giao ước thi đua năm 2025. Cụm thi đua số 2 gồm các đơn vị: "
         "Quận 4 và Quận 6.", "2024-12-21", 2025),
        # a pact signed for the year it is signed in
        (HCM + "Sáng 8/3, Cụm thi đua số 2 ký kết giao ước thi đua năm 2025. Cụm thi đua số 2 gồm các đơn vị: "
         "Quận 4 và Quận 6.", "2025-03-09", 2025),
    ],
)
def test_emulation_year(body: str, display: str, year: int) -> None:
    (fact,) = run(body, display=display).facts.clusters
    assert fact.year == year and len(fact.members) == 2


def test_youth_unions_named_by_their_level() -> None:
    doc = run("(BĐ) - Chiều 20-12, Tỉnh đoàn tổ chức tổng kết. Cụm thi đua số 2 gồm Thị đoàn Hoài Nhơn, "
              "Huyện đoàn Hoài Ân và Huyện đoàn An Lão.", "Tỉnh đoàn Bình Định tổng kết năm 2019", "2019-12-21")
    assert members(doc) == {2: ["Thị đoàn Hoài Nhơn", "Huyện đoàn Hoài Ân", "Huyện đoàn An Lão"]}


@pytest.mark.parametrize(
    ("body", "display", "expected"),
    [
        # the shared head and level open the list inline: "<body> các huyện A, B và C"
        ("(QNO) - Ngày 5/7, Cụm thi đua số 3 thuộc Ủy ban MTTQ Việt Nam tỉnh tổ chức sơ kết. Cụm thi đua số 3 "
         "gồm 3 đơn vị: Ủy ban MTTQ Việt Nam các huyện Hiệp Đức, Tiên Phước và Bắc Trà My.", "2021-07-06",
         {3: ["Ủy ban MTTQ Việt Nam huyện Hiệp Đức", "Ủy ban MTTQ Việt Nam huyện Tiên Phước",
              "Ủy ban MTTQ Việt Nam huyện Bắc Trà My"]}),
        # only the level is written: the organiser's body in each ward; wards numbered after a name
        ("Sáng 2/3, UBND tỉnh Tuyên Quang tổ chức hội nghị. Cụm thi đua số 4 gồm 3 phường: Ỷ La, "
         "Hà Giang 1 và Hà Giang 2.", "2026-03-03",
         {4: ["UBND phường Ỷ La", "UBND phường Hà Giang 1", "UBND phường Hà Giang 2"]}),
        ("(CMO) - Sáng 8/1, Cụm thi đua số 3 tổ chức ký kết. Cụm thi đua số 3 gồm 3 đơn vị: Đảng ủy các phường "
         "Tân Xuyên, Hòa Thành và Giá Rai.", "2026-01-09",
         {3: ["Đảng ủy phường Tân Xuyên", "Đảng ủy phường Hòa Thành", "Đảng ủy phường Giá Rai"]}),
    ],
)
def test_lists_opened_by_a_shared_head(body: str, display: str, expected: dict[int, list[str]]) -> None:
    assert members(run(body, "Cụm thi đua ký kết giao ước", display)) == expected


def test_a_bare_committee_is_no_organiser() -> None:
    doc = run("(CMO) - Sáng 8/1, Cụm thi đua số 3 thuộc Khối thi đua Đảng ủy các xã, phường trực thuộc Tỉnh ủy tổ "
              "chức ký kết. Cụm thi đua số 3 gồm 2 đơn vị: Đảng ủy các phường Tân Xuyên và Hòa Thành.",
              "Cụm thi đua số 3 ký kết giao ước", "2026-01-09")
    assert [c.organiser for c in doc.facts.clusters] == [None]


def test_a_bare_front_committee_is_never_a_member() -> None:
    doc = run("(QNO) - Ngày 5/7, Cụm thi đua số 3 tổ chức sơ kết. Cụm thi đua số 3 gồm 3 đơn vị: Ủy ban MTTQ Việt Nam, "
              "Ủy ban MTTQ Việt Nam huyện Hiệp Đức và Ủy ban MTTQ Việt Nam huyện Tiên Phước.",
              "Cụm thi đua số 3 sơ kết", "2021-07-06")
    assert members(doc) == {3: ["Ủy ban MTTQ Việt Nam huyện Hiệp Đức", "Ủy ban MTTQ Việt Nam huyện Tiên Phước"]}


def test_a_bare_head_is_never_added_as_a_member() -> None:
    from vietkg.ingest.model import ClusterFact, OrgRef
    from vietkg.ingest.steps.clusters import _add

    doc = run("Sáng 2/3, Cụm thi đua số 1 tổ chức ký kết.", "Ký kết giao ước", "2024-03-03")
    fact = ClusterFact(1, "Cụm thi đua số 1", None, 2024, doc.facts.clusters[0].evidence)
    for label in ("Ủy ban MTTQ Việt Nam", "Đảng ủy", "UBND", "Ủy ban MTTQ Việt Nam huyện Hiệp Đức"):
        _add(fact, OrgRef(label, "organization"), doc, 0, 5)
    assert [m.org.label for m in fact.members] == ["Ủy ban MTTQ Việt Nam huyện Hiệp Đức"]
