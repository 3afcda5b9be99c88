"""Implementations: which unit carries out which numbered document, read from the clause around it."""

from __future__ import annotations

import pytest

from vietkg.ingest.model import RawArticle
from vietkg.ingest.pipeline import extract

HCM = "(Thanhuytphcm.vn) - "


def units(body: str, title: str = "Hội nghị học tập, quán triệt", date: str = "2024-05-10") -> set[tuple[str, str]]:
    doc = extract(RawArticle(source="file:///t/i.txt", text=body, title=title, display_date=date))
    return {(i.symbol, i.unit.label) for i in doc.facts.implementations}


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # "Để thực hiện <documents> ... của <issuer>, <unit> <verb>": the main clause's subject
        ("Bình Chánh phát động thi đua chào mừng đại hội",
         HCM + "Sáng 9/5, Huyện ủy Bình Chánh tổ chức hội nghị phát động thi đua. Để thực hiện Nghị quyết số "
         "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế hoạch số 20-KH/TU của Ban Thường vụ Thành ủy, Huyện ủy "
         "Bình Chánh phát động phong trào thi đua trong toàn Đảng bộ.",
         {("57-NQ/TW", "Huyện ủy Bình Chánh"), ("20-KH/TU", "Huyện ủy Bình Chánh")}),
        ("Tân Bình học tập chuyên đề",
         HCM + "Sáng 9/5, Quận ủy Tân Bình tổ chức hội nghị. Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, Ban "
         "Thường vụ Quận ủy Tân Bình đã ban hành kế hoạch học tập chuyên đề năm 2024.",
         {("05-CT/TW", "Quận ủy Tân Bình")}),
        # a short adverbial before the fronted clause
        ("Phường Bến Nghé sơ kết công tác",
         HCM + "Sáng 9/5, Đảng ủy phường Bến Nghé tổ chức sơ kết. Năm 2023, triển khai Kết luận số 01-KL/TW của Bộ "
         "Chính trị, Đảng ủy phường Bến Nghé đã tổ chức cho 100% đảng viên học tập.",
         {("01-KL/TW", "Đảng ủy phường Bến Nghé")}),
        # a document in the main clause after a fronted "Thực hiện chỉ đạo ...": the usual reading
        ("Quận 1 quán triệt Chỉ thị 05",
         HCM + "Sáng 9/5, Quận ủy Quận 1 tổ chức hội nghị. Thực hiện chỉ đạo của Ban Thường vụ Thành ủy, Quận ủy "
         "Quận 1 đã quán triệt Chỉ thị số 05-CT/TW đến 100% chi bộ, Ban Tuyên giáo Quận ủy biên soạn tài liệu.",
         {("05-CT/TW", "Quận ủy Quận 1")}),
        # a fronted cue with no unit after it names no implementer
        ("Hội nghị học tập, quán triệt",
         HCM + "Sáng 9/5, hội nghị diễn ra. Thực hiện Nghị quyết số 35-NQ/TW là nhiệm vụ thường xuyên, lâu dài.",
         set()),
    ],
)
def test_fronted_clauses(title: str, body: str, expected: set[tuple[str, str]]) -> None:
    assert units(body, title) == expected


def test_bare_committee_is_the_one_the_article_places() -> None:
    # in 2018 Thuận An was a thị xã (a city in the gazetteer since 2020): the article's own words place it
    body = ("BDO - Sáng 5-4, Thị ủy Thuận An tổ chức hội nghị sơ kết công tác xây dựng Đảng. Thị ủy cũng triển "
            "khai sắp xếp tổ chức bộ máy theo Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.")
    assert units(body, "Thị ủy Thuận An sơ kết công tác xây dựng Đảng", "2018-04-06") == {
        ("18-NQ/TW", "Thị ủy Thuận An")}


def test_bare_party_committee_of_a_ward_article() -> None:
    body = (HCM + "Sáng 5/3, Đảng ủy phường Tân Định tổ chức hội nghị học tập chuyên đề năm 2026. Đảng ủy đã ban "
            "hành kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học.")
    assert units(body, "Phường Tân Định học tập chuyên đề năm 2026", "2026-03-06") == {
        ("57-NQ/TW", "Đảng ủy phường Tân Định")}


def test_bare_ward_bodies_are_the_wards_the_article_is_about() -> None:
    body = ("(HNM) - Sáng 2-10, Đảng ủy phường Hoàn Kiếm tổ chức hội nghị sơ kết 3 tháng vận hành chính quyền hai "
            "cấp, với sự tham dự của đại diện phường Cửa Nam. Đảng ủy phường đã triển khai Quy định số 296-QĐ/TW "
            "của Ban Chấp hành Trung ương; đề nghị UBND phường thực hiện nghiêm Nghị định số 30/2020/NĐ-CP.")
    assert units(body, "Phường Hoàn Kiếm sơ kết 3 tháng", "2025-10-03") == {
        ("296-QĐ/TW", "Đảng ủy phường Hoàn Kiếm"), ("30/2020/NĐ-CP", "UBND phường Hoàn Kiếm")}


def test_steering_committee_with_a_number_is_a_unit() -> None:
    body = ("BDO - Sáng 12-1, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị tổng kết. Ban Chỉ đạo 35 tỉnh duy trì "
            "lực lượng nòng cốt, đăng tải nhiều bài viết đấu tranh phản bác theo tinh thần Nghị quyết số 35-NQ/TW "
            "của Bộ Chính trị.")
    assert units(body, "Tổng kết công tác tuyên giáo năm 2023", "2024-01-13") == {
        ("35-NQ/TW", "Ban Chỉ đạo 35 tỉnh Bình Dương")}


def test_a_speakers_body_is_not_the_implementer() -> None:
    body = ("Đồng chí Lê Văn Hùng, Phó Trưởng Ban Tuyên giáo Tỉnh ủy quán triệt Nghị quyết 35-NQ/TW tại hội nghị\n"
            "BDO - Sáng 3-4, Huyện ủy Dầu Tiếng tổ chức hội nghị học tập, quán triệt Nghị quyết số 35-NQ/TW của "
            "Bộ Chính trị cho hơn 300 cán bộ chủ chốt.")
    assert units(body, "Huyện ủy Dầu Tiếng quán triệt Nghị quyết 35-NQ/TW", "2019-04-04") == {
        ("35-NQ/TW", "Huyện ủy Dầu Tiếng")}


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # two adverbials before the fronted clause; the standing members act for their committee
        ("Huyện Nông Cống đối thoại với Nhân dân",
         "(Baothanhhoa.vn) - Chiều 20/11, Huyện ủy Nông Cống tổ chức tổng kết. Trước đó, ngày 2/11, thực hiện Quy "
         "định số 11-QĐi/TW của Bộ Chính trị, Thường trực Huyện ủy Nông Cống đã tổ chức đối thoại với Nhân dân.",
         {("11-QĐi/TW", "Huyện ủy Nông Cống")}),
        # a lower-case list inside the document's description does not end the fronted clause
        ("Đảng ủy Khối các cơ quan tỉnh học tập nghị quyết",
         "BÁO BÌNH ĐỊNH Ngày 10/8, Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị. Thực hiện Kế hoạch số 40-KH/TU "
         "của Ban Thường vụ Tỉnh ủy về học tập, quán triệt và triển khai các nghị quyết Trung ương, Đảng ủy Khối các "
         "cơ quan tỉnh đã tổ chức hội nghị để đảng viên nắm vững nội dung Nghị quyết số 18-NQ/TW.",
         {("40-KH/TU", "Đảng ủy Khối các cơ quan tỉnh Bình Định"),
          ("18-NQ/TW", "Đảng ủy Khối các cơ quan tỉnh Bình Định")}),
        # ... but a lower-case clause with its own predicate (đã) does: no subject follows the cue
        ("Hội nghị học tập, quán triệt",
         HCM + "Sáng 9/5, hội nghị diễn ra. Thực hiện Nghị quyết số 35-NQ/TW, các cơ quan báo chí đã đăng nhiều "
         "bài, Ban Tuyên giáo Quận ủy Quận 1 biên soạn tài liệu.", set()),
    ],
)
def test_fronted_clauses_read_on(title: str, body: str, expected: set[tuple[str, str]]) -> None:
    assert units(body, title) == expected


def test_cluster_members_named_by_a_list_of_levels() -> None:
    body = ("Kinhtedothi - Chiều 2/3, Cụm thi đua số 2 Ban Tuyên giáo Thành ủy Hà Nội gồm Ban Tuyên giáo các quận, "
            "huyện ủy: Hoàng Mai, Thanh Trì và Thường Tín tổ chức ký kết giao ước. Đồng chí đề nghị Ban Tuyên giáo "
            "các quận, huyện ủy trong cụm thực hiện tốt Kế hoạch số 12-KH/BTGTU của Ban Tuyên giáo Thành ủy.")
    assert units(body, "Cụm thi đua số 2 ký kết giao ước", "2018-03-03") == {
        ("12-KH/BTGTU", "Ban Tuyên giáo Quận ủy Hoàng Mai"), ("12-KH/BTGTU", "Ban Tuyên giáo Huyện ủy Thanh Trì"),
        ("12-KH/BTGTU", "Ban Tuyên giáo Huyện ủy Thường Tín")}


def test_in_the_spirit_of_with_an_adverb() -> None:
    body = ("(BKH) - Sáng 5/1, Đảng ủy phường Cam Ranh tổ chức tổng kết. Các chi bộ trực thuộc và Đảng ủy phường "
            "Cam Ranh đã tổ chức đại hội theo đúng tinh thần Chỉ thị số 45-CT/TW của Bộ Chính trị.")
    assert units(body, "Phường Cam Ranh tổng kết công tác xây dựng Đảng", "2026-01-06") == {
        ("45-CT/TW", "Đảng ủy phường Cam Ranh")}


def test_mass_organisations_of_the_provinces_in_the_cluster() -> None:
    body = ("(QNg) - Sáng 8/12, Cụm thi đua số 3 gồm Hội Nông dân 3 tỉnh: Quảng Ngãi, Bình Định và Phú Yên tổ chức "
            "hội nghị tổng kết. Đồng chí Lê Văn Hòa đề nghị Hội Nông dân các tỉnh trong cụm tiếp tục thực hiện "
            "Quyết định số 81/QĐ-TTg của Thủ tướng Chính phủ.")
    assert units(body, "Cụm thi đua số 3 tổng kết năm 2022", "2022-12-09") == {
        ("81/QĐ-TTg", "Hội Nông dân tỉnh Quảng Ngãi"), ("81/QĐ-TTg", "Hội Nông dân tỉnh Bình Định"),
        ("81/QĐ-TTg", "Hội Nông dân tỉnh Phú Yên")}


def test_a_bare_provincial_youth_union_is_the_articles() -> None:
    body = ("(BĐ) - Chiều 20-12, Tỉnh đoàn Bình Định tổ chức hội nghị tổng kết. Tỉnh đoàn đã triển khai "
            "thực hiện Chỉ thị số 17-CT/TW của Ban Bí thư về công tác thanh niên.")
    assert units(body, "Tỉnh đoàn tổng kết năm 2019", "2019-12-21") == {("17-CT/TW", "Tỉnh đoàn Bình Định")}


def test_a_bloc_committee_left_short_is_the_one_the_article_names() -> None:
    body = ("(BGO) - Ngày 10/3, Ban Thường vụ Đảng ủy Khối Các cơ quan tỉnh tổ chức hội nghị. Chủ trì có đồng chí "
            "Trần Văn Hải, Bí thư Đảng ủy Khối Các cơ quan tỉnh. Ban Thường vụ Đảng ủy Khối đã triển khai "
            "Chỉ thị số 15-CT/TW của Ban Bí thư. Đồng chí Trần Văn Hải yêu cầu Ban Dân vận Đảng ủy Khối khẩn trương "
            "thực hiện Hướng dẫn số 40-HD/BDVTW của Ban Dân vận Trung ương.")
    assert units(body, "Đảng ủy Khối Các cơ quan tỉnh Bắc Giang học tập chỉ thị", "2023-03-11") == {
        ("15-CT/TW", "Đảng ủy Khối Các cơ quan tỉnh Bắc Giang"),
        ("40-HD/BDVTW", "Ban Dân vận Đảng ủy Khối Các cơ quan tỉnh Bắc Giang")}


def test_acting_according_to_a_document() -> None:
    body = ("Sáng 3/8, Ban Tổ chức Tỉnh ủy Long An tổ chức hội nghị. Ban Tổ chức Tỉnh ủy đã thẩm định hồ sơ theo đúng "
            "Quy định số 105-QĐ/TW ngày 19/12/2017 của Bộ Chính trị.")
    assert units(body, "Hội nghị công tác tổ chức", "2023-08-04") == {("105-QĐ/TW", "Ban Tổ chức Tỉnh ủy Long An")}


def test_a_bare_committee_implements_nothing() -> None:
    body = ("Sáng 3/8, Khối thi đua tổ chức hội nghị. Đảng ủy đã triển khai Chỉ thị số 35-CT/TW của Bộ Chính trị.")
    assert units(body, "Hội nghị của khối thi đua", "2024-08-04") == set()
