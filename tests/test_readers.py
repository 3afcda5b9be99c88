"""Readers, encodings, normalisation and boilerplate: article in, RawArticle out.

Fixtures (``tests/fixtures/readers/``): one article of the genre (header, date line, title, a
caption printed twice, byline, a tail of other headlines and a footer) saved in UTF-8, UTF-16,
Windows-1258, TCVN3, VNI and as mojibake; an HTML page with sidebar, related box and footer; an
HTML page typed in VNI-Times declared as windows-1252; a JSON-lines file with a bad line. The TCVN3
file was checked against glibc's independent TCVN5712-1 decoder when it was made.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from pathlib import Path

import pytest

from vietkg.ingest.boilerplate import (
    dedupe_caption,
    is_date_line,
    looks_like_name,
    parse_date,
    site_tag,
    split_page,
)
from vietkg.ingest.encoding import decode, fix_mojibake, repair, vietnamese_score
from vietkg.ingest.model import IngestError, RawArticle
from vietkg.ingest.normalize import normalize_text
from vietkg.ingest.readers import iter_inputs, read
from vietkg.ingest.vnfonts import tcvn3_to_unicode, unicode_to_tcvn3, unicode_to_vni, vni_to_unicode

FIX = Path(__file__).parent / "fixtures" / "readers"
TITLE = "Cụm thi đua số 3 ngành Tuyên giáo tỉnh ký kết giao ước thi đua năm 2023"
CAPTION = ("Đồng chí Hồ Thị Hoàng Yến, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy "
           "phát biểu chỉ đạo hội nghị")

SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân tỉnh Quảng Ninh",
    "Đảng ủy Khối các cơ quan tỉnh quán triệt Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị.",
    "Đồng chí Nguyễn Thọ Truyền, Phó Trưởng Ban Tuyên giáo Thành ủy phát biểu chỉ đạo hội nghị.",
    "Cụm thi đua số 2 gồm Ban Tuyên giáo các huyện ủy: Tiên Yên, Bình Liêu, Ba Chẽ, Đầm Hà và Móng Cái.",
    "Năm 2024, ngành sẽ tập trung vào công tác bảo vệ nền tảng tư tưởng của Đảng, đổi mới hoạt động "
    "của đội ngũ báo cáo viên và tăng cường ứng dụng công nghệ trong khảo sát dư luận xã hội.",
    "Phấn đấu 100% các đơn vị đăng ký thực hiện phong trào thi đua yêu nước, đạt danh hiệu “Xuất sắc”.",
]
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: precomposed where the code page has it, else base + tone."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


def as_mojibake(text: str) -> bytes:
    """UTF-8 read as windows-1252 (undefined bytes kept as C1 controls, as browsers do), saved as UTF-8."""
    raw = text.encode("utf-8")
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                   for b in raw).encode("utf-8")


def only(items: list[RawArticle | IngestError]) -> RawArticle:
    assert len(items) == 1 and isinstance(items[0], RawArticle), items
    return items[0]


# ---- encodings -----------------------------------------------------------------------------
def test_published_examples() -> None:
    assert tcvn3_to_unicode("Uû ban nh©n d©n") == "Uỷ ban nhân dân"
    assert tcvn3_to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert vni_to_unicode("Ñaûng uûy Khoái") == "Đảng ủy Khối"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_font_tables_round_trip(sentence: str) -> None:
    assert vni_to_unicode(unicode_to_vni(sentence)) == sentence
    # TCVN3 (VN3) has no precomposed capitals with tone marks: they come back lowercase
    assert tcvn3_to_unicode(unicode_to_tcvn3(sentence)).casefold() == sentence.casefold()


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: s.encode("utf-8-sig"),
    lambda s: s.encode("utf-16"),
    lambda s: s.encode("utf-16-le"),
    lambda s: s.encode("utf-16-be"),
    to_cp1258,
    lambda s: unicode_to_vni(s).encode("cp1252"),
    lambda s: unicode_to_vni(s).encode("utf-8"),  # VNI text pasted into a UTF-8 file
    as_mojibake,
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1258", "vni", "vni-as-utf8", "mojibake"])
def test_decode_sentences(sentence: str, encode) -> None:  # type: ignore[no-untyped-def]
    assert decode(encode(sentence), "t") == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_decode_tcvn3_sentences(sentence: str) -> None:
    for data in (unicode_to_tcvn3(sentence).encode("cp1252"), unicode_to_tcvn3(sentence).encode("utf-8")):
        assert decode(data, "t").casefold() == sentence.casefold()


def test_unicode_text_is_left_alone() -> None:
    text = "Báo Ðồng Nai © 2020 – Thành ủy TP.HCM «Dân vận khéo» 25°C; café"
    assert repair(text) == text
    assert fix_mojibake("Việt Nam") == "Việt Nam"


def test_syllable_score_separates_readings() -> None:
    good = SENTENCES[5]
    assert vietnamese_score(good) > 0.9
    assert vietnamese_score(unicode_to_tcvn3(good)) < 0.6
    assert vietnamese_score(unicode_to_vni(good)) < 0.6


def test_html_charset_declaration_is_used() -> None:
    page = '<html><head><meta charset="windows-1258"></head><body>Thành ủy</body></html>'
    assert "Thành ủy" in decode(to_cp1258(page), "p")


def test_binary_is_refused() -> None:
    with pytest.raises(IngestError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "x.txt")


# ---- normalisation -------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "expected"), [
    ("Ban Tuyên giáo&nbsp;Thành ủy &amp; UBND", "Ban Tuyên giáo Thành ủy & UBND"),
    (unicodedata.normalize("NFD", "Nguyễn Thọ Truyền"), "Nguyễn Thọ Truyền"),
    ("Ðảng ủy Khối Doanh nghiệp; ðồng chí", "Đảng ủy Khối Doanh nghiệp; đồng chí"),
    ("Quận\u00a0ủy\u200b Bình\u2009Thạnh  \t tổ chức   hội nghị   ", "Quận ủy Bình Thạnh tổ chức hội nghị"),
    ("Đoạn một.\r\n\r\n\r\n\r\n  Đoạn hai.\nDòng ba.", "Đoạn một.\n\nĐoạn hai.\nDòng ba."),
    ("Huyện uỷ Định Hoá thực hiện Nghị quyết số 35-NQ/TW", "Huyện uỷ Định Hoá thực hiện Nghị quyết số 35-NQ/TW"),
])
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected
    assert normalize_text(expected) == expected  # idempotent


# ---- boilerplate rules ---------------------------------------------------------------------
@pytest.mark.parametrize(("line", "iso"), [
    ("Thứ Tư, ngày 12 tháng 5 năm 2021", "2021-05-12"),
    ("Thứ Năm, 18/01/2024 - 07:15", "2024-01-18"),
    ("Cập nhật: 06/03/2017 - 09:12 | Lượt xem: 532", "2017-03-06"),
    ("Kinh tế & Đô thị | Chính trị | Thứ Tư, 09/06/2021 06:45", "2021-06-09"),
    ("Cập nhật lúc 16:25 ngày 22/08/2024", "2024-08-22"),
    ("17/12/2022 08:30 | Tin hoạt động", "2022-12-17"),
    ("Chủ Nhật, 07-01-2020", "2020-01-07"),
])
def test_date_lines(line: str, iso: str) -> None:
    assert is_date_line(line)
    assert parse_date(line) == iso


@pytest.mark.parametrize("line", [
    "Ngày 23/4/2021, tại Quận ủy quận Bình Thạnh, Cụm thi đua 2 đã ký kết giao ước thi đua năm 2021 "
    "với nhiều nội dung thiết thực.",
    "Lượt xem: 109",
    "Cụm thi đua số 5 các trường đại học, cao đẳng ký kết giao ước thi đua năm 2017",
])
def test_not_date_lines(line: str) -> None:
    assert not is_date_line(line)


def test_parse_date_rejects_impossible_dates() -> None:
    assert parse_date("ngày 31/02/2021") is None
    assert parse_date("2024-08-22T16:25:00+07:00") == "2024-08-22"


@pytest.mark.parametrize(("line", "is_name"), [
    ("Phát Lợi", True), ("HOÀNG HIỆP", True), ("Phòng Công tác HSSV", True), ("Nguyễn Thị Bạch Mai", True),
    ("Quang cảnh hội nghị", False), ("Quang cảnh Hội nghị", False), ("Tin khác:", False),
    ("Kết thúc hội nghị, đại diện lãnh đạo 07 trường đã ký kết.", False), ("Lượt xem: 2.214", False),
])
def test_byline_shape(line: str, is_name: bool) -> None:
    assert looks_like_name(line) is is_name


@pytest.mark.parametrize(("last_lines", "author"), [
    (["Phát Lợi"], "Phát Lợi"),
    (["Bài và ảnh: Minh Hằng"], "Minh Hằng"),
    (["Theo TTXVN"], "TTXVN"),
    (["Hà Anh", "Từ khóa: Cụm thi đua, Tuyên giáo", "Tin liên quan", "- Quận 3 quán triệt Quy định 55-QĐ/TW"],
     "Hà Anh"),
    (["Quang cảnh hội nghị"], ""),
])
def test_byline_before_the_tail(last_lines: list[str], author: str) -> None:
    lead = ("Sáng 10/3, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết số 35-NQ/TW "
            "của Bộ Chính trị cho cán bộ chủ chốt.")
    page = split_page("Thứ Ba, 14/03/2023\n\nTiêu đề bài viết về hội nghị\n\n" + lead + "\n\n" + "\n".join(last_lines))
    assert page.author == author
    assert page.body.startswith(lead) and "55-QĐ/TW" not in page.body and "Từ khóa" not in page.body
    assert (author or "\x00") not in page.body


def test_caption_printed_twice() -> None:
    caption = "Các đại biểu chụp ảnh lưu niệm"
    assert dedupe_caption(f"{caption} {caption}") == caption
    assert dedupe_caption(caption) == caption


@pytest.mark.parametrize(("lead", "site"), [
    ("(Thanhuytphcm.vn) - Ngày 23/4, tại Quận ủy quận Bình Thạnh", "Thanhuytphcm.vn"),
    ("Kinhtedothi - Chiều 8/6, Quận uỷ Ba Đình tổ chức", "Kinhtedothi"),
    ("(BDO) Sáng 19/4, tại Hội trường Tỉnh ủy", "BDO"),
    ("(ĐN) - Chiều 20-12, Ban Tuyên giáo Tỉnh ủy", "ĐN"),
    ("ĐNO - Sáng 17/1, Ban Thường vụ Thành ủy Đà Nẵng", "ĐNO"),
    ("Sáng 17/1, Ban Thường vụ Thành ủy Đà Nẵng tổ chức hội nghị", ""),
])
def test_site_tag(lead: str, site: str) -> None:
    assert site_tag(lead) == site


def test_byline_glued_to_a_tail_marker() -> None:
    text = ("Lượt xem: 109\n\nBan Tuyên giáo Thành ủy Sóc Trăng phát động thi đua\n\n"
            "Kế hoạch nêu rõ nội dung và thang điểm thi đua của Ban Tuyên giáo 10 phường trong năm 2023, "
            "theo Quyết định số 238-QĐ/TW của Ban Bí thư.\n\nNgọc PhượngPhim tư liệu\n"
            "  • Cuộc thi viết chính luận lần thứ Hai theo Kết luận 21-KL/TW\nThống kê truy cập\n")
    page = split_page(normalize_text(text))
    assert page.author == "Ngọc Phượng"
    assert page.display_date is None and page.header == "Lượt xem: 109"
    assert "21-KL/TW" not in page.body and "238-QĐ/TW" in page.body


# ---- readers on the fixtures ---------------------------------------------------------------
@pytest.mark.parametrize("name", ["article_utf8.txt", "article_utf16.txt", "article_cp1258.txt",
                                  "article_tcvn3.txt", "article_vni.txt", "article_mojibake.txt"])
def test_text_article_in_every_encoding(name: str) -> None:
    path = FIX / name
    art = only(list(read(path)))
    assert art.source == path.resolve().as_uri()
    assert art.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert art.title == TITLE
    assert art.display_date == "2023-03-14"
    assert art.author == "Minh Thư"
    assert art.site == "BTGBT"
    assert "BẾN TRE" in art.header.upper() and "Trang chủ | Giới thiệu" in art.header
    body = art.text
    assert "35-NQ/TW" in body and "08-QĐi/TW" in body
    assert body.casefold().count(CAPTION.casefold()) == 1  # caption printed twice, kept once
    assert TITLE not in body and "Minh Thư" not in body
    for tail in ("69-QĐ/TW", "Trần Ngọc Tam", "Ý kiến bạn đọc", "Tin khác", "Lượt xem", "Bản quyền"):
        assert tail not in body
    assert body.endswith("Quang cảnh hội nghị ký kết giao ước thi đua")


def test_html_page() -> None:
    art = only(list(read(FIX / "page.html")))
    assert art.title == "Cụm thi đua 6 sơ kết 6 tháng thực hiện Chỉ thị 05-CT/TW"
    assert art.display_date == "2023-07-18"  # the article's date, not the top bar's "today"
    assert art.author == "Kim Liễu" and art.site == "BPO"
    assert "BÁO BÌNH PHƯỚC ĐIỆN TỬ" in art.header
    body = art.text
    assert body.startswith("(BPO) - Chiều 17/7")
    assert "Đồng chí Nguyễn Văn Lộc, Phó Trưởng Ban Tuyên giáo Tỉnh ủy phát biểu tại hội nghị." in body
    assert "05-CT/TW" in body and "45-KH/TU" in body and "\u00a0" not in body
    for junk in ("21-NQ/TW", "Tôn Ngọc Hạnh", "16-NQ/TU", "54-KL/TW", "Từ khóa", "Cơ quan chủ quản",
                 "Chia sẻ", "KIM LIỄU", "không phải bài viết", "Kim Liễu", "Tin liên quan"):
        assert junk not in body
    assert body.count("\n\n") >= 3  # paragraphs kept apart


OLD_TABLE_PAGE = """<html><head><title>Huyện ủy Củ Chi quán triệt Nghị quyết 22 - Báo Củ Chi</title></head><body>
<table><tr><td class="menu"><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></td></tr>
<tr><td><font size=4><b>Huyện ủy Củ Chi quán triệt Nghị quyết 22</b></font><br>Cập nhật: 12/05/2010<br><br>
Sáng 10/5, Huyện ủy Củ Chi tổ chức hội nghị quán triệt Nghị quyết số 22-NQ/TW của Bộ Chính trị cho cán bộ.<br><br>
Tham dự có đồng chí Nguyễn Văn Khải, Bí thư Huyện ủy và lãnh đạo các xã, thị trấn trên địa bàn huyện.<br><br>
Thanh Sơn<br><br><b>Tin khác:</b><br><a href="/1">Huyện Hóc Môn sơ kết Chỉ thị 06-CT/TW</a><br>
</td></tr></table><div>Bản quyền thuộc Huyện ủy Củ Chi</div></body></html>"""


def test_html_table_layout_with_br_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "cu-chi.htm"
    path.write_text(OLD_TABLE_PAGE, encoding="utf-8")
    art = only(list(read(path)))
    assert art.title == "Huyện ủy Củ Chi quán triệt Nghị quyết 22"
    assert art.display_date == "2010-05-12" and art.author == "Thanh Sơn" and art.site == "Báo Củ Chi"
    assert art.text.startswith("Sáng 10/5") and art.text.endswith("trên địa bàn huyện.")
    assert "06-CT/TW" not in art.text and "Trang chủ" not in art.text


def test_html_without_article_container(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text("<html><body><h1>Tin ngắn về hội nghị</h1><div>Hội nghị diễn ra sáng nay.</div></body></html>",
                    encoding="utf-8")
    art = only(list(read(path)))
    assert art.title == "Tin ngắn về hội nghị" and "Hội nghị diễn ra sáng nay." in art.text


def test_html_in_vni_font_declared_windows_1252() -> None:
    art = only(list(read(FIX / "page_vni.html")))
    assert art.title == "Đảng ủy Khối các cơ quan tỉnh sơ kết công tác tuyên giáo"
    assert "Chỉ thị số 63-CT/TW của Bộ Chính trị" in art.text
    assert art.author == "Thanh Hương"


def test_jsonl_bad_line_does_not_stop_the_rest() -> None:
    items = list(read(FIX / "articles.jsonl"))
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    arts = [i for i in items if isinstance(i, RawArticle)]
    assert errors == [f"{FIX / 'articles.jsonl'}:2: bad JSON (Unterminated string starting at at column 85)",
                      f"{FIX / 'articles.jsonl'}:4: the record has neither 'text' nor 'html'"]
    assert [a.source.rsplit("/", 1)[-1] for a in arts] == ["cum-thi-dua-3-ky-ket.htm", "cum-thi-dua-6.html",
                                                           "articles.jsonl#5"]
    first, second, third = arts
    assert first.title == TITLE and first.display_date == "2023-03-14" and first.author == "Minh Thư"
    assert "69-QĐ/TW" not in first.text and "35-NQ/TW" in first.text
    assert second.author == "Kim Liễu" and second.retrieved == "2023-07-18T10:00:00Z"
    assert "54-KL/TW" not in second.text
    assert third.title == TITLE and third.display_date == "2023-03-14"  # a whole page: header and title found
    assert len({a.content_hash for a in arts}) == 3


def _warc(tmp_path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    records = [
        ("https://bpo.example.vn/chinh-tri/cum-thi-dua-6.html", "200 OK", "text/html; charset=utf-8",
         (FIX / "page.html").read_bytes()),
        ("https://bpo.example.vn/missing.html", "404 Not Found", "text/html", b"<html>Not found</html>"),
        ("https://bpo.example.vn/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
        ("https://btg.example.vn/tin/ban-tin.txt", "200 OK", "text/plain; charset=windows-1258",
         to_cp1258((FIX / "article_utf8.txt").read_text(encoding="utf-8"))),
    ]
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, status, ctype, payload in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2023-07-18T03:00:00Z"})
            writer.write_record(rec)
    return path


def test_warc_records(tmp_path: Path) -> None:
    items = list(read(_warc(tmp_path)))
    assert all(isinstance(i, RawArticle) for i in items), items
    html, text = items  # the 404 and the image are not articles
    assert isinstance(html, RawArticle) and isinstance(text, RawArticle)
    assert html.source == "https://bpo.example.vn/chinh-tri/cum-thi-dua-6.html"
    assert html.retrieved == "2023-07-18T03:00:00Z"
    assert html.content_hash == hashlib.sha256((FIX / "page.html").read_bytes()).hexdigest()
    assert html.author == "Kim Liễu" and "54-KL/TW" not in html.text
    assert text.title == TITLE and text.author == "Minh Thư" and "69-QĐ/TW" not in text.text


def test_broken_warc_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not a WARC file\r\n\r\n")
    items = list(read(bad))
    assert len(items) == 1 and isinstance(items[0], IngestError) and str(items[0]).startswith(f"{bad}:")


# ---- inputs --------------------------------------------------------------------------------
def test_iter_inputs(tmp_path: Path) -> None:
    for rel in ("b.txt", "a.html", "a.gold.json", "sub/c.HTM", "sub/d.jsonl", "sub/e.warc.gz", "notes.md",
                ".cache/x.txt", "sub/f.warc"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    missing, pdf = tmp_path / "nope.txt", tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    items = list(iter_inputs([tmp_path, missing, pdf, tmp_path / "b.txt"]))
    paths = [i.relative_to(tmp_path).as_posix() for i in items if isinstance(i, Path)]
    assert paths == ["a.html", "b.txt", "sub/c.HTM", "sub/d.jsonl", "sub/e.warc.gz", "sub/f.warc", "b.txt"]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert errors == [f"{missing}: no such file or directory",
                      f"{pdf}: unsupported file type (expected one of .txt, .html, .htm, .jsonl, .warc, .warc.gz)"]


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty file"), (b"   \n\n", "empty file"),
                                                 (b"\x00\x01\x02\x03" * 50, "binary content")])
def test_bad_files_are_one_line_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    items = list(read(path))
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert str(items[0]) == f"{path}: {reason}" or str(items[0]).startswith(f"{path}: {reason}")
    assert "\n" not in str(items[0])


def test_title_above_the_date_when_the_lead_opens_with_the_site_tag() -> None:
    """``Site / Section / Title / Cập nhật: date / (TAG)- lead``: the headline printed above the date
    is the title; the paragraph opening with the site's tag is the lead."""
    lead = "(BKT)- Sáng 5/1, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận năm 2023."
    page = split_page("Báo Bắc Kạn điện tử\nChính trị\n\nBan Dân vận Tỉnh ủy tổng kết công tác năm 2023\n"
                      "Cập nhật: 20/02/2024 - 08:15\n\n" + lead + "\n\nĐồng chí Hà Văn Tám phát biểu chỉ đạo.")
    assert page.title == "Ban Dân vận Tỉnh ủy tổng kết công tác năm 2023"
    assert page.body.startswith(lead)
    assert page.display_date == "2024-02-20"
