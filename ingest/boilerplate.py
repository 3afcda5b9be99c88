"""A news page's text split into title, display date, body, byline, header and site.

The genre (Vietnamese party and provincial news sites, saved as text): a header of site names in
capitals, menus (``Trang chủ | Giới thiệu | ...``), section labels, the page's date line
(``Thứ Tư, ngày 12 tháng 5 năm 2021``, ``Cập nhật: 06/03/2017 - 09:12``) or a view counter
(``Lượt xem: 109``); then the title; then the body, whose lead may open with the site's tag
(``(Thanhuytphcm.vn) -``, ``(BDO)``, ``ĐNO -``), with photo captions (sometimes printed twice on
one line); the byline, a short line holding just a name (``Phát Lợi``, ``HOÀNG HIỆP``); then the
tail: comment boxes, counters, lists of other headlines and the footer. Nothing of the tail may
reach the body: its headlines name other people and other documents.

The rules go by the structure of lines (their shape and the markers that open a tail section),
not by any one site's strings. ``clean_body`` (tail, captions, byline) serves the HTML reader too.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

log = logging.getLogger(__name__)


@dataclass
class Page:
    """What the boilerplate rules make of one page."""

    title: str = ""
    display_date: str | None = None  # ISO YYYY-MM-DD
    body: str = ""
    author: str = ""
    header: str = ""
    site: str = ""


# ---- dates ---------------------------------------------------------------------------------
_WORDY_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)", re.I)
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?((?:19|20)\d\d)(?!\d)")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
_TIME = re.compile(r"\b\d{1,2}\s?[:hg]\s?\d{2}(?:\s?(?:AM|PM|SA|CH))?\b", re.I)
_DATE_WORDS = re.compile(
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|\d)|chủ\s+nhật|cập\s+nhật|ngày\s+đăng|đăng\s+(?:lúc|ngày)|"
    r"ngày|lúc|giờ|xuất\s+bản|gmt[+\d:]*|lượt\s+xem:?\s*[\d.,]*)\b", re.I)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` (day-month-year as Vietnamese pages print it, or ISO), as ISO."""
    found: list[tuple[int, int, int, int]] = []  # (position, year, month, day)
    for m in _WORDY_DATE.finditer(text):
        found.append((m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in _DMY.finditer(text):
        found.append((m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in _ISO.finditer(text):
        found.append((m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for _, y, mo, d in sorted(found):
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


def is_date_line(line: str) -> bool:
    """A short line that is (one segment of it is) a date stamp: weekday, date, time, counters."""
    if len(line) > 140:
        return False
    for segment in re.split(r"\s\|\s|\|", line):
        if not parse_date(segment):
            continue
        rest = _DATE_WORDS.sub(" ", _TIME.sub(" ", _ISO.sub(" ", _DMY.sub(" ", _WORDY_DATE.sub(" ", segment)))))
        if len(re.findall(r"[^\W\d_]+", rest)) <= 3:
            return True
    return False


# ---- line shapes ---------------------------------------------------------------------------
_COUNTER = re.compile(r"^(?:lượt\s+(?:xem|đọc|truy\s+cập)|số\s+lượt|đang\s+(?:online|truy\s+cập|trực\s+tuyến)|"
                      r"hôm\s+nay|trong\s+tuần|tất\s+cả|tổng\s+(?:lượt|số)|online)\b\s*:?\s*[\d.,\s]*$", re.I)
_WIDGET = re.compile(r"^(?:chia\s+sẻ|share|facebook|zalo|twitter|tweet|email|e-mail|in\s+bài|in\s+trang|gửi\s+bài|"
                     r"gửi\s+email|lưu\s+bài|lưu|bản\s+in|nghe\s+đọc|nghe\s+bài|cỡ\s+chữ|[aA]\+?\s*[aA]-?|"
                     r"refresh|like|thích|quay\s+lại|về\s+đầu\s+trang|trở\s+về)"
                     r"(?:\s+(?:zalo|facebook|twitter|bài\s+viết|bài|email|trang))*\s*:?$", re.I)
_TAIL = (
    r"ý\s+kiến\s+bạn\s+đọc|ý\s+kiến\s+của\s+bạn|bình\s+luận|gửi\s+bình\s+luận|viết\s+bình\s+luận|"
    r"tổng\s+lượt\s+bình\s+luận|(?:các\s+)?tin\s+(?:bài\s+)?khác|(?:các\s+)?(?:tin|bài)\s+(?:viết\s+)?liên\s+quan|"
    r"tin\s+cùng\s+chuyên\s+mục|cùng\s+chuyên\s+mục|tin\s+xem\s+nhiều|xem\s+nhiều(?:\s+nhất)?|"
    r"đọc\s+nhiều(?:\s+nhất)?|tin\s+mới(?:\s+nhất|\s+hơn)?|tin\s+cũ\s+hơn|tin\s+đã\s+đưa|tin\s+nổi\s+bật|"
    r"có\s+thể\s+bạn\s+quan\s+tâm|phim\s+tư\s+liệu|thống\s+kê\s+truy\s+cập|thông\s+báo|liên\s+kết\s+website|"
    r"thăm\s+dò\s+ý\s+kiến|từ\s+khóa|từ\s+khoá|tags?|video|tiêu\s+điểm"
)
_TAIL_LINE = re.compile(rf"^(?:{_TAIL})\s*:?$", re.I)
# a tail marker glued to the byline: "Ngọc PhượngPhim tư liệu"
_TAIL_GLUED = re.compile(rf"^(.{{2,60}}?)((?i:{_TAIL}))\s*:?$")
_FOOTER = re.compile(r"^(?:bản\s+quyền|©|copyright|cơ\s+quan\s+chủ\s+quản|ghi\s+rõ\s+nguồn|"
                     r"(?:từ\s+khóa|từ\s+khoá|tags?)\s*:|giấy\s+phép\s+(?:số|hoạt\s+động)|chịu\s+trách\s+nhiệm\s+(?:xuất\s+bản|nội\s+dung)|tổng\s+biên\s+tập\s*:|[^\n]{0,60}?-\s*cơ\s+quan\s+chủ\s+quản)",
                     re.I)
_ADDRESS = re.compile(r"^(?:địa\s+chỉ|điện\s+thoại|email|fax|hotline)\s*:", re.I)
_PHOTO_CREDIT = re.compile(r"(?:^|(?<=[.)\s]))\(?\s*(?:Ảnh|ẢNH|Ảnh minh họa|Nguồn ảnh)\s*:\s*[^.:;]{2,40}?\)?\s*$")
_BYLINE_PREFIX = re.compile(r"^(?:(?:bài|tin|ảnh|bài\s+viết)(?:\s*(?:,|và|-|&)\s*(?:ảnh|video|clip))?|"
                            r"thực\s+hiện|nhóm\s+pv|pv|nguồn)\s*:\s*|^theo\s+(?=\S)", re.I)
_NAME_CHARS = re.compile(r"^[^\W\d_][\w .'()&,-]*$")
_SITE_TAG = re.compile(r"^\(([^()\n]{2,40})\)\s*[-–—:]?\s*(?=\S)")
_SITE_WORD = re.compile(r"^([A-ZĐ][\w.]{1,24})\s+[-–—]\s+(?=\S)")
_MENU_SEP = re.compile(r"\s[|»›]\s|\s>\s|\s/\s")
_SENTENCE_END = (".", ":", ";", ",", "!", "?", "…")


def words(line: str) -> list[str]:
    return re.findall(r"[^\W_]+", line)


def is_caps_line(line: str) -> bool:
    """A site name in capitals: ``BÁO NINH BÌNH ĐIỆN TỬ``."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.85 * len(letters) and len(words(line)) <= 12


def is_menu(line: str) -> bool:
    """A menu or breadcrumb: short items between ``|``, ``»`` or ``>``."""
    items = [s for s in re.split(r"\s*[|»›>]\s*", line) if s.strip()]
    return len(_MENU_SEP.findall(line)) >= 1 and len(items) >= 2 and all(len(words(i)) <= 6 for i in items)


def is_chrome(line: str) -> bool:
    """A line of the site's chrome: counters, share buttons, menus."""
    return bool(_COUNTER.match(line) or _WIDGET.match(line) or is_menu(line))


def is_tail_marker(line: str) -> bool:
    return bool(_TAIL_LINE.match(line) or _FOOTER.match(line))


def looks_like_name(line: str) -> bool:
    """A byline: a few capitalised words, no sentence punctuation (``Phát Lợi``, ``HOÀNG HIỆP``)."""
    ws = words(line)
    if not ws or len(ws) > 6 or len(line) > 50 or line.endswith(_SENTENCE_END):
        return False
    if not _NAME_CHARS.match(line) or not line[0].isupper():
        return False
    capitalised = sum(w[0].isupper() for w in ws)
    return capitalised == len(ws) or (len(ws) >= 3 and capitalised / len(ws) > 0.5)


def dedupe_caption(line: str) -> str:
    """``A caption A caption`` (a caption printed twice on one line) -> ``A caption``."""
    n = len(line)
    if n >= 21 and n % 2 == 1 and line[n // 2] == " " and line[: n // 2] == line[n // 2 + 1:]:
        return line[: n // 2]
    return line


def site_tag(body: str) -> str:
    """The site's tag opening the lead (one of the first paragraphs, after captions):
    ``(Thanhuytphcm.vn) -`` -> ``Thanhuytphcm.vn``; ``ĐNO -`` -> ``ĐNO``."""
    for line in [s for s in body.split("\n") if s.strip()][:3]:
        m = _SITE_TAG.match(line) or _SITE_WORD.match(line)
        if m and not (any(c.isdigit() for c in m.group(1)) and "." not in m.group(1)):
            return m.group(1).strip()
    return ""


# ---- the body ------------------------------------------------------------------------------
def cut_tail(lines: list[str]) -> list[str]:
    """The lines before the tail (comment box, related headlines, counters, footer).

    A box of related headlines met before any paragraph of the article (a box above the lead)
    is dropped with its short lines, and the article goes on after it."""
    started = False
    skipping = False
    kept: list[str] = []
    for i, line in enumerate(lines):
        s = line.strip()
        if skipping and len(s) < 100:
            continue
        skipping = False
        if s and (is_tail_marker(s) or _COUNTER.match(s) or (_ADDRESS.match(s) and i >= len(lines) - 4)):
            if started or _FOOTER.match(s):
                log.debug("tail starts at %r", s[:60])
                return kept
            skipping = True
            continue
        m = _TAIL_GLUED.match(s)
        if m and m.group(1)[-1].islower() and m.group(2)[0].isupper() and len(words(m.group(1))) <= 6:
            return [*kept, m.group(1)]
        started = started or len(s) >= 80
        kept.append(line)
    return kept


def take_byline(lines: list[str]) -> tuple[list[str], str]:
    """Remove the byline (the last short name line) from the body; return (lines, author)."""
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if len(idx) < 2:
        return lines, ""
    last = lines[idx[-1]].strip()
    candidate = _BYLINE_PREFIX.sub("", last)
    if not looks_like_name(candidate) or _WIDGET.match(candidate):
        return lines, ""
    return lines[: idx[-1]], candidate


def clean_lines(lines: list[str]) -> list[str]:
    """Drop chrome lines and photo credits, print each caption once, squeeze blank lines."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if line and (is_chrome(line) or _PHOTO_CREDIT.fullmatch(line)):
            continue
        line = dedupe_caption(line)
        line = _PHOTO_CREDIT.sub("", line).rstrip() if len(line) > 60 else line
        if line and out and line == out[-1]:
            continue
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def clean_body(lines: list[str]) -> tuple[str, str]:
    """Body text and author from the lines after the title: tail cut, chrome out, byline taken."""
    kept = clean_lines(cut_tail(lines))
    kept, author = take_byline(kept)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept), author


def strip_lead(lines: list[str], title: str) -> tuple[list[str], str | None]:
    """Drop what a page prints between title and lead: the title again, date lines, share
    buttons. Returns the remaining lines and the date found there."""
    rest = list(lines)
    shown: str | None = None
    key = " ".join(words(title)).casefold()
    while rest:
        s = rest[0].strip()
        if s and not (is_date_line(s) or is_chrome(s) or (key and " ".join(words(s)).casefold() == key)):
            break
        rest.pop(0)
        if s and is_date_line(s):
            shown = shown or parse_date(s)
    return rest, shown


# ---- the whole page ------------------------------------------------------------------------
def _header_end(lines: list[str]) -> tuple[int, str | None]:
    """Index of the first line after the header, and the date printed there."""
    nonempty = [i for i, line in enumerate(lines) if line.strip()][:10]
    for n, i in enumerate(nonempty):
        if is_date_line(lines[i].strip()):
            before = [lines[j].strip() for j in nonempty[:n]]
            if all(len(s) <= 120 and not s.endswith(".") for s in before):
                return i + 1, parse_date(lines[i])
            break
    for i in nonempty:
        s = lines[i].strip()
        if not (is_chrome(s) or is_caps_line(s)):
            return i, None
    return (nonempty[-1] + 1 if nonempty else 0), None


def split_page(text: str) -> Page:
    """Split a page saved as text (already decoded and normalised) into its parts."""
    lines = text.split("\n")
    start, shown = _header_end(lines)
    header = [s.strip() for s in lines[:start] if s.strip()]
    title = ""
    i = start
    while i < len(lines):
        s = lines[i].strip()
        i += 1
        if not s:
            continue
        if is_chrome(s) or (is_date_line(s) and not title):
            shown = shown or parse_date(s)
            header.append(s)
            continue
        title = s
        break
    if title and _SITE_TAG.match(title):  # "(GLO)- Sáng 12/1, ...": the lead, the title stood above the date
        above = _title_above_date(header)
        if above:
            i -= 1
            title = above
            header.remove(above)
    rest, under = strip_lead(lines[i:], title)
    shown = shown or under
    if title and len(title) > 300:  # no title line: the page opens with a paragraph
        rest, title = [title, *rest], ""
    body, author = clean_body(rest)
    site = site_tag(body) or _site_from_header(header)
    return Page(title=title, display_date=shown, body=body, author=author,
                header="\n".join(header), site=site)


def _title_above_date(header: list[str]) -> str:
    """The headline printed right above the header's date line (``Title`` / ``Cập nhật: 08/06/2022``),
    when the line after the date opens with the site's tag and so is the lead, not the title."""
    for n in range(len(header) - 1, 0, -1):
        if is_date_line(header[n]):
            s = header[n - 1]
            if not (is_chrome(s) or is_caps_line(s) or is_date_line(s)) and len(words(s)) >= 5:
                return s
            return ""
    return ""


def _site_from_header(header: list[str]) -> str:
    for line in header:
        if (is_caps_line(line) and not is_menu(line)) or (re.match(r"^(?:Báo|Cổng|Trang)\s", line) and len(line) < 60):
            return line
    return ""
