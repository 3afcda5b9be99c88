"""Document symbols: every printed variant, its key, kind, issuer, date and term."""

from __future__ import annotations

import pytest

from vietkg.ingest.model import RawArticle
from vietkg.ingest.pipeline import extract


def docs(body: str, title: str = "Hội nghị", date: str = "2021-05-12"):
    raw = RawArticle(source="file:///t/a.txt", text=f"(Thanhuytphcm.vn) - {body}", title=title,
                     display_date=date)
    return extract(raw).facts.documents


@pytest.mark.parametrize(
    ("sentence", "symbol", "kind", "code"),
    [
        ("triển khai Nghị quyết số 35-NQ/TW của Bộ Chính trị.", "35-NQ/TW", "NQ", "TW"),
        ("thực hiện Chỉ thị 05-CT/TWcủa Bộ Chính trị về học tập.", "05-CT/TW", "CT", "TW"),
        ("theo Chương trình hành động số 10-CTrHĐ/TU của Thành ủy.", "10-CTrHĐ/TU", "CTrHĐ", "TU"),
        ("Quyết định số 14-QĐ/BTGTU của Ban Tuyên giáo Thành ủy.", "14-QĐ/BTGTU", "QĐ", "BTGTU"),
        ("Nghị định 30/2020/NĐ-CP của Chính phủ về công tác văn thư.", "30/2020/NĐ-CP", "NĐ", "CP"),
        ("Chỉ thị số 34/CT-TW ngày 07/4/2014 của Bộ Chính trị.", "34-CT/TW", "CT", "TW"),
        ("Quyết định 221 – QĐ/TW về công tác cán bộ.", "221-QĐ/TW", "QĐ", "TW"),
        ("Công văn số 48 - CV/TU của Thành ủy.", "48-CV/TU", "CV", "TU"),
        ("Chỉ thị số 05-CT/TƯ của Bộ Chính trị.", "05-CT/TW", "CT", "TW"),
        ("Chỉ thị 03-CT/T.Ư của Ban Bí thư.", "03-CT/TW", "CT", "TW"),
        ("Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương.", "08-QĐi/TW", "QĐi", "TW"),
        ("Kế hoạch số 123-KH/TU của Ban Thường vụ Thành uỷ.", "123-KH/TU", "KH", "TU"),
        ("Hướng dẫn 36-HD/VPTW của Văn phòng Trung ương Đảng.", "36-HD/VPTW", "HD", "VPTW"),
        # the legislature prints no kind: the noun before the number names it
        ("tuyên truyền Nghị quyết số 98/2023/QH15 về thí điểm cơ chế đặc thù.", "98/2023/QH15", "NQ", "QH15"),
        ("Luật Thi đua, khen thưởng số 06/2022/QH15 có hiệu lực từ năm 2024.", "06/2022/QH15", "L", "QH15"),
        ("Pháp lệnh số 02/2022/UBTVQH15 về chi phí tố tụng.", "02/2022/UBTVQH15", "PL", "UBTVQH15"),
        ("Luật Cán bộ, công chức năm 2008 và Luật số 52/2019/QH14 sửa đổi.", "52/2019/QH14", "L", "QH14"),
        ("Nghị quyết số 1111/NQ-UBTVQH14 về thành lập thành phố Thủ Đức.", "1111/NQ-UBTVQH14", "NQ", "UBTVQH14"),
        # the state's and the Front's N/KIND-ISSUER keep their form; multi-part issuers stay whole
        ("Chỉ thị số 12/CT-TTg ngày 3/4/2024 của Thủ tướng Chính phủ.", "12/CT-TTg", "CT", "TTg"),
        ("Quyết định số 1518/QĐ-TTg về chương trình mục tiêu.", "1518/QĐ-TTg", "QĐ", "TTg"),
        ("Nghị quyết số 03/NQ-CP ngày 9/1/2025 của Chính phủ.", "03/NQ-CP", "NQ", "CP"),
        ("Kế hoạch số 88/KH-UBND của UBND tỉnh về cải cách hành chính.", "88/KH-UBND", "KH", "UBND"),
        ("Hướng dẫn số 31/HD-MTTW-BTT của Ban Thường trực.", "31/HD-MTTW-BTT", "HD", "MTTW-BTT"),
        ("Kế hoạch số 7/KH-MTTQ-BTT về Ngày hội Đại đoàn kết.", "7/KH-MTTQ-BTT", "KH", "MTTQ-BTT"),
    ],
)
def test_symbol_variants(sentence: str, symbol: str, kind: str, code: str) -> None:
    found = docs(sentence)
    assert [(d.symbol, d.kind, d.issuer_code) for d in found] == [(symbol, kind, code)]


@pytest.mark.parametrize(
    ("sentence", "issuer", "date", "term"),
    [
        ("Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị về bảo vệ nền tảng.", "Bộ Chính trị",
         "2018-10-22", "XII"),
        ("Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư.", "Ban Bí thư", "2020-09-30", "XII"),
        ("Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị.", "Bộ Chính trị", "2021-05-18", "XIII"),
        ("Chỉ thị số 19-CT/TU của Ban Thường vụ Thành ủy TPHCM.", "Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh",
         None, None),
        ("Đề án số 05-ĐA/TU về tuyên truyền.", "Thành ủy Thành phố Hồ Chí Minh", None, None),
        ("Nghị quyết số 54/2017/QH14 về thí điểm cơ chế đặc thù.", "Quốc hội", None, None),
        ("Nghị quyết số 35/2023/UBTVQH15 về sắp xếp đơn vị hành chính.", "Ủy ban Thường vụ Quốc hội", None, None),
    ],
)
def test_issuer_date_term(sentence: str, issuer: str, date: str | None, term: str | None) -> None:
    (d,) = docs(sentence)
    assert d.issuer is not None and d.issuer.label == issuer
    assert (d.date.text if d.date else None) == date
    assert d.term == term


def test_one_fact_per_document() -> None:
    found = docs("Thực hiện Kết luận số 01-KL/TW. Đưa Kết luận 01-KL/TW vào cuộc sống; Chỉ thị 5-CT/TW và 05-CT/TW.")
    assert sorted(d.symbol for d in found) == ["01-KL/TW", "5-CT/TW"]


@pytest.mark.parametrize(
    "sentence",
    [
        "kỷ niệm 88 năm Ngày truyền thống (15/10/1930 - 15/10/2018).",
        "có 11/12 đơn vị hoàn thành xuất sắc nhiệm vụ, phòng chống dịch COVID-19.",
        "Nghị quyết Trung ương 4 khóa XII và Nghị quyết 98 của Quốc hội.",
    ],
)
def test_not_documents(sentence: str) -> None:
    assert docs(sentence) == []
