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
