"""Event dates (year inference) and kinds."""

from __future__ import annotations

from datetime import date

import pytest

from vietkg.ingest.model import RawArticle
from vietkg.ingest.pipeline import extract
from vietkg.ingest.steps.dates import candidate_years, infer_year


@pytest.mark.parametrize(
    ("day", "month", "years", "display", "year"),
    [
        (3, 12, [2021], date(2024, 7, 19), 2021),  # a review of 2021 published years later
        (3, 1, [2024, 2025], date(2025, 1, 5), 2025),  # "tổng kết năm 2024, triển khai năm 2025"
        (16, 12, [2016, 2017], date(2017, 3, 8), 2016),  # 2017-12-16 would be after the page
        (20, 12, [2019, 2020], date(2020, 1, 7), 2019),
        (20, 5, [], date(2022, 6, 2), 2022),  # no year written: the display year
        (28, 12, [], date(2023, 1, 4), 2022),  # ... unless that puts the event after the page
        (8, 6, [2016, 2021], date(2021, 6, 9), 2021),  # "5 năm (2016 - 2021)"
        (7, 8, [2018], None, 2018),
    ],
)
def test_infer_year(day: int, month: int, years: list[int], display: date | None, year: int) -> None:
    assert infer_year(day, month, years, display) == year


def test_document_dates_are_not_candidates() -> None:
    assert candidate_years("sơ kết Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị năm 2022") == [2022]


def run(title: str, body: str, display: str | None = "2023-11-06"):
    raw = RawArticle(source="file:///t/e.txt", text=body, title=title, display_date=display)
    return [(e.date.text if e.date else None, sorted(e.kinds)) for e in extract(raw).facts.events]


@pytest.mark.parametrize(
    ("title", "body", "display", "events"),
    [
        ("Cụm thi đua 2 ký kết giao ước thi đua năm 2021",
         "Ngày 23/4, Cụm thi đua 2 gồm các đơn vị: Quận 4, 6 đã ký kết giao ước thi đua năm 2021. Theo nội dung "
         "ký kết, các đơn vị kịp thời khen thưởng những tập thể điển hình.", "2021-05-12",
         [("2021-04-23", ["ky_ket"])]),
        ("Quận Bình Tân: phát huy vai trò lực lượng nòng cốt",
         "Sáng 3/1, Ban Tuyên giáo Quận ủy Bình Tân tổ chức tổng kết công tác năm 2024 và triển khai nhiệm vụ năm "
         "2025.\nDịp này, Ban Thường vụ Quận ủy tặng giấy khen 16 tập thể.", "2025-01-05",
         [("2025-01-03", ["khen_thuong", "tong_ket"])]),
        ("TP Thủ Đức tuyên dương điển hình Dân vận khéo",
         "Sáng 20/10, Thành ủy TP Thủ Đức tổ chức họp mặt kỷ niệm Ngày truyền thống (15/10/1930 - 15/10/2023).\n"
         "Trước đó, ngày 12/10, Ban Dân vận Thành ủy TP Thủ Đức đã tổ chức hội nghị sơ kết 5 năm.", "2023-11-06",
         [("2023-10-20", ["hoi_nghi"]), ("2023-10-12", ["so_ket"])]),
        ("Cụm thi đua số 10 phát động thi đua, ký kết giao ước",
         "Ngày 22-10, Cụm thi đua số 10 tổ chức hội nghị phát động phong trào thi đua, ký kết giao ước thi đua "
         "năm 2025, dưới sự chỉ đạo của Hội đồng Thi đua - Khen thưởng Cơ quan Văn phòng Thành ủy.", "2025-10-24",
         [("2025-10-22", ["ky_ket", "phat_dong"])]),
        ("Phát động phong trào thi đua",
         "Ban Tuyên giáo đã ban hành Kế hoạch phát động phong trào thi đua năm 2023 theo Quyết định số 238-QĐ/TW, "
         "ngày 30/9/2020 của Ban Bí thư.\nQuang cảnh Hội nghị tổng kết công tác năm 2022 và phát động thi đua năm "
         "2023\nBan sẽ tham mưu Thường trực Thành ủy tặng Giấy khen cho 01 tập thể.", None,
         [("2023", ["phat_dong", "tong_ket"])]),
        ("Tổng kết công tác tuyên giáo năm 2025",
         "Ngày 26/12, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị tổng kết năm 2025.\nĐồng chí Trần Văn Tâm trao Huân "
         "chương Lao động hạng Nhất tặng đồng chí Lê Văn Hải.", "2026-01-05",
         [("2025-12-26", ["khen_thuong", "tong_ket"])]),
        # "Dịp này" awards belong to the occasion told last before them in their paragraph
        ("Quận 10 học tập chuyên đề năm 2019",
         "Sáng 14/5, Quận ủy Quận 10 tổ chức hội nghị học tập chuyên đề năm 2019.\nTrước đó, ngày 8/5, Ban Thường "
         "vụ Quận ủy tổ chức tổng kết 3 năm thực hiện Chỉ thị 05-CT/TW. Dịp này, Ban Thường vụ Quận ủy khen thưởng "
         "25 tập thể và 30 cá nhân.", "2019-05-20",
         [("2019-05-14", ["hoi_nghi"]), ("2019-05-08", ["khen_thuong", "tong_ket"])]),
        ("Quận 10 học tập chuyên đề năm 2019",
         "Sáng 14/5, Quận ủy Quận 10 tổ chức hội nghị học tập chuyên đề năm 2019.\nTrước đó, ngày 8/5, Ban Thường "
         "vụ Quận ủy tổ chức sơ kết 3 năm thực hiện Chỉ thị 05-CT/TW.\nTại hội nghị, Ban Thường vụ Quận ủy tặng "
         "giấy khen cho 12 tập thể.", "2019-05-20",
         [("2019-05-14", ["hoi_nghi", "khen_thuong"]), ("2019-05-08", ["so_ket"])]),
    ],
)
def test_events(title: str, body: str, display: str | None, events: list[tuple[str, list[str]]]) -> None:
    assert run(title, body, display) == events


def _kinds(body: str, title: str, display: str) -> list[tuple[str | None, list[str]]]:
    doc = extract(RawArticle(source="file:///t/k.txt", text=body, title=title, display_date=display))
    return [(e.date.text if e.date else None, sorted(e.kinds)) for e in doc.facts.events]


def test_an_award_rite_is_the_award_itself() -> None:
    body = ("(BTN) - Sáng 2/9, Ban Thường vụ Huyện ủy tổ chức lễ trao Huy hiệu Đảng cho 35 đảng viên. "
            "Đồng chí Lê Văn Tâm, Bí thư Huyện ủy trao Huy hiệu Đảng cho các đảng viên.")
    assert _kinds(body, "Trao Huy hiệu Đảng đợt 2/9", "2023-09-03") == [("2023-09-02", ["khen_thuong"])]


def test_a_pact_signed_at_the_conference() -> None:
    body = ("(QNg) - Sáng 20/2, UBND tỉnh tổ chức hội nghị phát động phong trào thi đua năm 2024. Tại hội nghị, "
            "đại diện 6 cụm thi đua đã ký kết giao ước thi đua năm 2024.")
    assert _kinds(body, "Phát động thi đua năm 2024", "2024-02-21") == [("2024-02-20", ["ky_ket", "phat_dong"])]
