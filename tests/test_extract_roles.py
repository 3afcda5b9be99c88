"""People, titles and roles: attendee lists, apposition, title splitting, body completion."""

from __future__ import annotations

import pytest

from vietkg.ingest.model import RawArticle
from vietkg.ingest.pipeline import extract

HCM = "(Thanhuytphcm.vn) - "


def run(body: str, title: str = "Hội nghị tổng kết", date: str = "2025-01-05", header: str = ""):
    return extract(RawArticle(source="file:///t/a.txt", text=body, title=title, display_date=date,
                              header=header))


def roles_of(doc) -> set[tuple[str, str, str]]:
    return {(r.name, r.post, r.org.label if r.org else "") for r in doc.facts.roles if not r.former}


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("Quận Bình Tân: tổng kết công tác tuyên giáo",
         HCM + "Sáng 3/1, Ban Tuyên giáo Quận ủy Bình Tân tổ chức tổng kết. Tham dự có các đồng chí: "
         "Nguyễn Văn An, Phó Bí thư Thường trực Quận ủy; Trần Thị Bình, Ủy viên Ban Thường vụ, Trưởng Ban "
         "Tuyên giáo Quận ủy.",
         {("Nguyễn Văn An", "Phó Bí thư Thường trực", "Quận ủy Bình Tân"),
          ("Trần Thị Bình", "Ủy viên Ban Thường vụ", "Quận ủy Bình Tân"),
          ("Trần Thị Bình", "Trưởng Ban", "Ban Tuyên giáo Quận ủy Bình Tân")}),
        ("Cụm thi đua 3 tổng kết năm 2016",
         HCM + "Sáng 16/12, Cụm thi đua 3 tổ chức tổng kết. Dự hội nghị có đồng chí Lê Văn Cường, Thành ủy viên, "
         "Phó Bí thư Quận ủy, Chủ tịch UBND Quận 12; đại diện các phòng.",
         {("Lê Văn Cường", "Thành ủy viên", "Thành ủy Thành phố Hồ Chí Minh"),
          ("Lê Văn Cường", "Phó Bí thư", "Quận ủy Quận 12"),
          ("Lê Văn Cường", "Chủ tịch", "UBND Quận 12")}),
        ("Ký kết giao ước thi đua",
         HCM + "Ngày 23/4, tại Quận ủy quận Bình Thạnh, các đơn vị ký kết giao ước. Tham dự có các đồng chí: "
         "Phạm Minh Đức, Phó Trưởng Ban Tuyên giáo Thành ủy TPHCM; Vũ Ngọc Hà, Bí thư Quận ủy, Chủ tịch HĐND "
         "quận Bình Thạnh cùng lãnh đạo các ban.",
         {("Phạm Minh Đức", "Phó Trưởng Ban", "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh"),
          ("Vũ Ngọc Hà", "Bí thư", "Quận ủy Bình Thạnh"),
          ("Vũ Ngọc Hà", "Chủ tịch", "HĐND quận Bình Thạnh")}),
        ("Ba Đình biểu dương điển hình",
         "Kinhtedothi - Chiều 8/6, Quận uỷ Ba Đình tổ chức hội nghị sơ kết. Dự hội nghị có Trưởng ban Tuyên "
         "giáo Thành uỷ Hà Nội Bùi Thị Lan. Bí thư Quận uỷ Ba Đình Hoàng Minh Dũng Tiến chủ trì hội nghị.",
         {("Bùi Thị Lan", "Trưởng ban", "Ban Tuyên giáo Thành ủy Hà Nội"),
          ("Hoàng Minh Dũng Tiến", "Bí thư", "Quận ủy Ba Đình")}),
        ("Cụm thi đua số 5 ký kết giao ước",
         "Chiều 01/3/2017, hội nghị diễn ra tại thành phố Cần Thơ; ông Trương Văn Dũng - Trưởng ban Thi đua - "
         "Khen thưởng thành phố Cần Thơ đến dự và chỉ đạo.",
         {("Trương Văn Dũng", "Trưởng ban", "Ban Thi đua - Khen thưởng thành phố Cần Thơ")}),
        ("Thường trực Tỉnh ủy làm việc",
         "BÁO THÁI NGUYÊN ĐIỆN TỬ Chiều 19-3, đồng chí Trịnh Văn Tâm, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, "
         "chủ trì. Tham dự có các đồng chí: Bùi Văn Hải, Phó Bí thư Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh; "
         "Nguyễn Thành Nam, Ủy viên Ban Thường vụ, Chánh Văn phòng Tỉnh ủy.",
         {("Trịnh Văn Tâm", "Ủy viên Trung ương Đảng", "Ban Chấp hành Trung ương"),
          ("Trịnh Văn Tâm", "Bí thư", "Tỉnh ủy Thái Nguyên"),
          ("Bùi Văn Hải", "Phó Bí thư", "Tỉnh ủy Thái Nguyên"),
          ("Bùi Văn Hải", "Phó Chủ tịch Thường trực", "UBND tỉnh Thái Nguyên"),
          ("Nguyễn Thành Nam", "Ủy viên Ban Thường vụ", "Tỉnh ủy Thái Nguyên"),
          ("Nguyễn Thành Nam", "Chánh Văn phòng", "Văn phòng Tỉnh ủy Thái Nguyên")}),
        ("Cụm thi đua số 1 ký kết giao ước",
         "BÁO NINH BÌNH ĐIỆN TỬ Chiều 23/3, các cơ quan ký kết. Đồng chí Phan Văn Hùng, TVTU, Trưởng Ban Tuyên "
         "giáo Tỉnh uỷ, chủ trì hội nghị.",
         {("Phan Văn Hùng", "Ủy viên Ban Thường vụ", "Tỉnh ủy Ninh Bình"),
          ("Phan Văn Hùng", "Trưởng Ban", "Ban Tuyên giáo Tỉnh ủy Ninh Bình")}),
    ],
)
def test_title_roles(title: str, body: str, expected: set[tuple[str, str, str]]) -> None:
    assert roles_of(run(body, title)) == expected


def test_former_posts_are_marked() -> None:
    doc = run(HCM + "Ngày 26/12, Ban Tuyên giáo và Dân vận Thành ủy TPHCM tổ chức tổng kết. Cùng dự có đồng chí "
              "Phan Thị Khánh, nguyên Ủy viên Ban Thường vụ Thành ủy, nguyên Trưởng Ban Tuyên giáo Thành ủy TPHCM.")
    assert doc.facts.roles and all(r.former for r in doc.facts.roles)
    (a,) = doc.facts.events[0].attendees
    assert a.title.startswith("nguyên Ủy viên Ban Thường vụ")


@pytest.mark.parametrize(
    "body",
    [
        HCM + "Ngày 3/5, các đơn vị học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        HCM + "Ngày 3/5, hội nghị tổ chức tại 127 Trương Định, Phường Võ Thị Sáu, Quận 3, TPHCM.",
        HCM + "Ngày 3/5, Ban Tuyên giáo Thành ủy Hà Nội tổ chức hội nghị tại Thành phố Hồ Chí Minh.",
        HCM + "Ngày 3/5, các đơn vị thi đua chào mừng Ngày sinh Chủ tịch Hồ Chí Minh.",
    ],
)
def test_not_people(body: str) -> None:
    doc = run(body)
    assert doc.facts.people == [] and doc.facts.roles == []


def test_attendee_parts_and_titles() -> None:
    doc = run(HCM + "Chiều 29/7, Ban Tuyên giáo Thành ủy TPHCM tổ chức hội nghị sơ kết. Dự hội nghị có đồng chí "
              "Nguyễn Văn Nhân, Ủy viên Bộ Chính trị, Bí thư Thành ủy TPHCM. Chủ trì hội nghị có các đồng chí: "
              "Phan Thị Khuê, Trưởng Ban Tuyên giáo Thành ủy; Lê Văn Minh, Phó Trưởng Ban Tuyên giáo Thành ủy.")
    att = {a.name: (a.title, a.part) for a in doc.facts.events[0].attendees}
    assert att["Nguyễn Văn Nhân"] == ("Ủy viên Bộ Chính trị, Bí thư Thành ủy TPHCM", "dự")
    assert att["Phan Thị Khuê"] == ("Trưởng Ban Tuyên giáo Thành ủy", "chủ trì")
    assert att["Lê Văn Minh"][1] == "chủ trì"


@pytest.mark.parametrize(
    ("title", "body", "date", "expected"),
    [
        # a comma list after the name: the last part places the bare committee of an earlier one
        ("Cụm thi đua số 3 khối phường ký kết giao ước",
         HCM + "Sáng 6/3, Cụm thi đua số 3 ký kết giao ước thi đua. Tham dự có các đồng chí: Lý Thu Hằng, Phó "
         "Trưởng Ban Tuyên giáo và Dân vận Thành ủy; Trần Văn Hòa, Phó Bí thư Đảng ủy, Chủ tịch UBND phường "
         "Tân Định.", "2026-03-07",
         {("Lý Thu Hằng", "Phó Trưởng Ban", "Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh"),
          ("Trần Văn Hòa", "Phó Bí thư", "Đảng ủy phường Tân Định"),
          ("Trần Văn Hòa", "Chủ tịch", "UBND phường Tân Định")}),
        # a comma list before the name, in a year when the unit was a thị xã (a city in the gazetteer)
        ("Thị ủy Thuận An học tập chuyên đề năm 2018",
         "BDO - Sáng 5-4, Thị ủy Thuận An tổ chức hội nghị học tập chuyên đề. Dự hội nghị có Phó Bí thư "
         "Thường trực Thị ủy, Chủ tịch HĐND thị xã Nguyễn Thanh Lộc cùng các đồng chí trong Ban Thường vụ Thị ủy.",
         "2018-04-06",
         {("Nguyễn Thanh Lộc", "Phó Bí thư Thường trực", "Thị ủy Thuận An"),
          ("Nguyễn Thanh Lộc", "Chủ tịch", "HĐND thị xã Thuận An")}),
        # a title ending in a bare district level before the name: the body is the article's district's
        ("Huyện Đông Anh sơ kết Chỉ thị 05",
         "Kinhtedothi - Chiều 12/6, Huyện ủy Đông Anh tổ chức hội nghị sơ kết. Cùng dự có Phó Chủ tịch UBND "
         "huyện Đinh Văn Phúc, lãnh đạo các phòng, ban.", "2019-06-13",
         {("Đinh Văn Phúc", "Phó Chủ tịch", "UBND huyện Đông Anh")}),
        # a ward named like a former quận (phường Hoàn Kiếm, 2025) is the ward, not the quận
        ("Phường Hoàn Kiếm học tập Nghị quyết Đại hội",
         "(HNM) - Sáng 2-10, Đảng ủy phường Hoàn Kiếm tổ chức hội nghị. Bí thư Đảng ủy, Chủ tịch HĐND phường Hoàn "
         "Kiếm Vũ Đăng Định chủ trì hội nghị.", "2025-10-03",
         {("Vũ Đăng Định", "Bí thư", "Đảng ủy phường Hoàn Kiếm"),
          ("Vũ Đăng Định", "Chủ tịch", "HĐND phường Hoàn Kiếm")}),
        # titles before names, listed with commas: a title is not read on into the next name
        ("Huyện Thanh Trì học tập chuyên đề",
         "Kinhtedothi - Sáng 14/4, Huyện ủy Thanh Trì tổ chức hội nghị. Dự có Bí thư Huyện ủy Nguyễn Văn Khánh, "
         "Chủ tịch UBND huyện Lê Thị Thu Hằng và lãnh đạo các phòng, ban.", "2022-04-15",
         {("Nguyễn Văn Khánh", "Bí thư", "Huyện ủy Thanh Trì"),
          ("Lê Thị Thu Hằng", "Chủ tịch", "UBND huyện Thanh Trì")}),
    ],
)
def test_comma_lists_place_bare_bodies(title: str, body: str, date: str, expected: set[tuple[str, str, str]]) -> None:
    assert roles_of(run(body, title, date)) == expected


@pytest.mark.parametrize(
    ("title", "body", "date", "expected"),
    [
        # a department's bare province level is the article's province
        ("Bàu Bàng sơ kết Kết luận 54",
         "(BDO) Chiều 4/9, Huyện ủy Bàu Bàng tổ chức sơ kết. Dự có Phó Giám đốc Sở Nông nghiệp và Phát triển "
         "nông thôn tỉnh Đoàn Thị Mỹ Lệ.", "2020-09-05",
         {("Đoàn Thị Mỹ Lệ", "Phó Giám đốc", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Bình Dương")}),
        # a department written without its place is the article's province's (Sở exist at that level only)
        ("Bàu Bàng tổng kết năm học",
         "(BDO) Chiều 4/9, Huyện ủy Bàu Bàng tổ chức tổng kết. Dự có Giám đốc Sở Giáo dục và Đào tạo Ngô Văn Lợi.",
         "2020-09-05", {("Ngô Văn Lợi", "Giám đốc", "Sở Giáo dục và Đào tạo tỉnh Bình Dương")}),
        # a post joined by "và" is a part of its own, not a word of the previous body
        ("Bàu Bàng tổng kết công tác dân vận",
         "(BDO) Chiều 4/12, Huyện ủy Bàu Bàng tổ chức tổng kết. Dự có đồng chí Nguyễn Văn Sáu, Trưởng Ban Dân "
         "vận Huyện ủy và Chủ tịch Ủy ban MTTQ Việt Nam huyện.", "2020-12-05",
         {("Nguyễn Văn Sáu", "Trưởng Ban", "Ban Dân vận Huyện ủy Bàu Bàng"),
          ("Nguyễn Văn Sáu", "Chủ tịch", "Ủy ban MTTQ Việt Nam huyện Bàu Bàng")}),
        # a bare ward level before the holder's name: the ward the article names
        ("Xã Tân Hiệp học tập Nghị quyết Đại hội",
         "Sáng 2/10, Đảng ủy xã Tân Hiệp tổ chức hội nghị. Tại hội nghị, Phó Bí thư Thường trực Đảng ủy xã Đỗ "
         "Thanh Tùng đã quán triệt các nội dung.", "2025-10-03",
         {("Đỗ Thanh Tùng", "Phó Bí thư Thường trực", "Đảng ủy xã Tân Hiệp")}),
    ],
)
def test_titles_before_names_complete_their_bodies(title: str, body: str, date: str,
                                                   expected: set[tuple[str, str, str]]) -> None:
    assert roles_of(run(body, title, date)) == expected


def test_a_lower_case_post_after_va_is_other_people() -> None:
    doc = run("(Baonghean.vn) - Sáng 3/8, Huyện ủy Yên Thành tổ chức hội nghị. Dự có đồng chí Phan Văn Hòa - Phó "
              "Bí thư Huyện ủy, Chủ tịch UBND huyện và bí thư các chi bộ trực thuộc.", "Yên Thành học tập chuyên đề",
              "2024-08-04")
    (a,) = doc.facts.events[0].attendees
    assert a.title == "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"


@pytest.mark.parametrize(
    ("date", "province"),
    [("2025-10-02", "Tỉnh ủy Tuyên Quang"),  # after the merger: the successor's committee
     ("2024-10-02", "Tỉnh ủy Hà Giang")],  # before it: the province itself
)
def test_a_merged_province_counts_for_its_successor(date: str, province: str) -> None:
    doc = run("Sáng 1/10, Đảng ủy phường Hà Giang 2 tổ chức hội nghị sơ kết. Tham dự có đồng chí "
              "Nguyễn Văn Hùng, Phó Bí thư Tỉnh ủy; các phường Hà Giang 1, Hà Giang 2 báo cáo kết quả.",
              title="Phường Hà Giang 2 sơ kết 9 tháng", date=date)
    assert ("Nguyễn Văn Hùng", "Phó Bí thư", province) in roles_of(doc)


def test_standing_board_of_a_mass_organisation() -> None:
    doc = run("(BĐ) - Chiều 20-12, Tỉnh đoàn Bình Định tổ chức tổng kết. Dự có các đồng chí: Lê Minh Tâm, Ủy viên "
              "Ban Thường vụ Trung ương Đoàn; Phạm Thu Hà, Phó Chủ tịch Trung ương Hội Liên hiệp Phụ nữ Việt Nam; "
              "Đỗ Văn Lực, Bí thư Tỉnh đoàn.", title="Tỉnh đoàn tổng kết năm 2019", date="2019-12-21")
    assert {("Lê Minh Tâm", "Ủy viên Ban Thường vụ", "Trung ương Đoàn"),
            ("Phạm Thu Hà", "Phó Chủ tịch", "Trung ương Hội LHPN Việt Nam"),
            ("Đỗ Văn Lực", "Bí thư", "Tỉnh đoàn Bình Định")} <= roles_of(doc)
