"""People: which capitalised runs are persons, and where a name starts and ends."""

from __future__ import annotations

import pytest

from vietkg.ingest.model import RawArticle
from vietkg.ingest.pipeline import extract


def run(body: str, title: str = "Hội nghị tổng kết công tác tuyên giáo", date: str = "2024-01-10"):
    return extract(RawArticle(source="file:///t/p.txt", text=body, title=title, display_date=date))


def people(body: str, title: str = "Hội nghị tổng kết công tác tuyên giáo") -> list[str]:
    return [p.name for p in run(body, title).facts.people]


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # a courtesy word that is also a surname (Ông) opens a caption or a sentence
        ("Ông Trần Văn Nam - Phó Chủ tịch UBND huyện trao giấy khen cho các tập thể\n"
         "Sáng 9/1, Huyện ủy Củ Chi tổ chức hội nghị.", ["Trần Văn Nam"]),
        ("Sáng 9/1, Huyện ủy Củ Chi tổ chức hội nghị. Ông Võ Thành Đạt, Bí thư Huyện ủy, chủ trì.",
         ["Võ Thành Đạt"]),
        ("Sáng 9/1, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị. Bà Hà Thị Lan - Trưởng ban Tuyên giáo Tỉnh ủy, "
         "phát biểu. Chị Đỗ Thu Trang, Bí thư Chi đoàn, báo cáo tham luận.", ["Hà Thị Lan", "Đỗ Thu Trang"]),
        # Ông is a surname too: after another courtesy word it is the name's
        ("Sáng 9/1, Huyện ủy tổ chức hội nghị. Dự có đồng chí Ông Văn Thành, Bí thư Huyện ủy Tân Phú Đông; "
         "bà Ông Thị Hồng Nhung, Chủ tịch Hội Liên hiệp Phụ nữ huyện.", ["Ông Văn Thành", "Ông Thị Hồng Nhung"]),
    ],
)
def test_honorifics_are_not_part_of_names(body: str, names: list[str]) -> None:
    assert people(body) == names


@pytest.mark.parametrize(
    ("title", "body", "names"),
    [
        # a title ending in a bare district level ("UBND huyện") before the name
        ("Huyện Đông Anh sơ kết Chỉ thị 05",
         "Chiều 12/6, Huyện ủy Đông Anh tổ chức hội nghị sơ kết. Cùng dự có Phó Chủ tịch UBND huyện Đinh Văn Phúc, "
         "lãnh đạo các phòng, ban.", ["Đinh Văn Phúc"]),
        ("Thị xã Bến Cát tổng kết công tác dân vận",
         "Sáng 20/12, Thị ủy Bến Cát tổ chức tổng kết. Dự có Bí thư Thị ủy Bến Cát Trần Minh Quang; Phó Bí thư "
         "Thị ủy, Chủ tịch UBND thị xã Huỳnh Văn Thụy cùng lãnh đạo các ngành.",
         ["Trần Minh Quang", "Huỳnh Văn Thụy"]),
        # old-style tone marks in the committee and the name
        ("Quận Long Biên tổng kết công tác tuyên giáo",
         "Kinhtedothi - Chiều 20/12, Quận uỷ Long Biên tổ chức tổng kết. Dự có Bí thư Quận uỷ Long Biên Đỗ Văn Hoà, "
         "Phó Chủ tịch UBND quận Trịnh Đức Thuỵ.", ["Đỗ Văn Hòa", "Trịnh Đức Thụy"]),
        # after a ward, whose names the gazetteer does not list, a name stays a place
        ("Quận 1 ký kết giao ước",
         "Sáng 3/3, Cụm thi đua số 2 ký kết giao ước. Dự có ông Lê Văn Hậu, Chủ tịch UBND phường Nguyễn Thái Bình.",
         ["Lê Văn Hậu"]),
    ],
)
def test_names_after_a_title(title: str, body: str, names: list[str]) -> None:
    assert people(body, title) == names


@pytest.mark.parametrize(
    ("title", "body", "names"),
    [
        # Phó is a surname too, but a run that opens with a post is a title, never a person
        ("Tỉnh ủy Bình Định tổng kết công tác dân vận",
         "Sáng 5/1, Ban Dân vận Tỉnh ủy Bình Định tổ chức tổng kết. Cùng dự có đồng chí Võ Văn Tám, nguyên "
         "Phó Trưởng Ban Dân vận Tỉnh ủy Bình Định.", ["Võ Văn Tám"]),
        ("Huyện Phú Giáo tổng kết năm",
         "Sáng 5/1, Huyện ủy Phú Giáo tổ chức tổng kết. Phó Chủ tịch Thường trực UBND huyện báo cáo.", []),
    ],
)
def test_a_title_is_never_a_person(title: str, body: str, names: list[str]) -> None:
    assert people(body, title) == names


@pytest.mark.parametrize(
    ("title", "body", "names"),
    [
        # a department whose name ends in a fixed lower-case tail, before a bare province level
        ("Huyện Phú Giáo sơ kết Kết luận 54",
         "Chiều 4/9, Huyện ủy Phú Giáo tổ chức sơ kết. Dự có Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn "
         "tỉnh Đoàn Thị Mỹ Lệ; Trưởng phòng Kinh tế huyện.", ["Đoàn Thị Mỹ Lệ"]),
        # a dash inside the body name does not end the clause; a capitalised "Xã hội" is no commune
        ("Huyện Phú Giáo sơ kết Kết luận 54",
         "Chiều 4/9, Huyện ủy Phú Giáo tổ chức sơ kết. Dự có Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh "
         "Huỳnh Văn Sơn.", ["Huỳnh Văn Sơn"]),
        # a comma inside the body name that enumerates its fields ("A, B và C")
        ("Huyện Phú Giáo sơ kết Kết luận 54",
         "Chiều 4/9, Huyện ủy Phú Giáo tổ chức sơ kết. Dự có Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh "
         "Lâm Thị Thanh Vân.", ["Lâm Thị Thanh Vân"]),
        # a ward is no gazetteer name: after a title ending in a bare ward level, in an article that names
        # its ward, the name is the holder's ...
        ("Xã Tân Hiệp học tập Nghị quyết Đại hội",
         "Sáng 2/10, Đảng ủy xã Tân Hiệp tổ chức hội nghị. Tại hội nghị, Phó Chủ tịch UBND xã Đỗ Thanh Tùng "
         "đã quán triệt các nội dung.", ["Đỗ Thanh Tùng"]),
        # ... but not when the title follows another name, nor when the article writes the run as a ward
        ("Xã Tân Hiệp học tập Nghị quyết Đại hội",
         "Sáng 2/10, Đảng ủy xã Tân Hiệp tổ chức hội nghị. Dự có ông Lê Văn Hậu, Chủ tịch UBND xã Nguyễn Văn "
         "Trỗi.", ["Lê Văn Hậu"]),
        ("Phường Nguyễn Cư Trinh học tập Nghị quyết",
         "Sáng 2/10, Đảng ủy phường Nguyễn Cư Trinh tổ chức hội nghị. Tại hội nghị, Phó Bí thư Đảng ủy phường "
         "Nguyễn Cư Trinh phát biểu.", []),
    ],
)
def test_titles_before_names(title: str, body: str, names: list[str]) -> None:
    assert people(body, title) == names


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # minority family names (Hmông, Thái, Tày, Cơ Tu) keep their first word
        ("Sáng 9/1, Huyện ủy Mèo Vạc tổ chức hội nghị. Dự có đồng chí Giàng Thị Dung, Phó Bí thư Huyện ủy; "
         "đồng chí Lường Văn Khiêm, Trưởng Ban Dân vận Huyện ủy.", ["Giàng Thị Dung", "Lường Văn Khiêm"]),
        ("Sáng 9/1, Huyện ủy Tây Giang tổ chức hội nghị. Ông Alăng Văn Tới - Bí thư Huyện ủy chủ trì.",
         ["Alăng Văn Tới"]),
        # the Ê Đê women's prefix H' (either apostrophe) is part of the name
        ("Sáng 9/1, Tỉnh ủy Đắk Lắk tổ chức hội nghị. Dự có bà H’Yim Kđoh, Phó Chủ tịch UBND tỉnh; "
         "bà H'Loan Niê, Chủ tịch Hội Nông dân tỉnh.", ["H’Yim Kđoh", "H'Loan Niê"]),
    ],
)
def test_minority_names(body: str, names: list[str]) -> None:
    assert people(body) == names
