"""Step ``dates``: when the article's events took place.

Articles give day and month (``Sáng 3/1``, ``Chiều 25-10``, ``Ngày 7/8``); the year comes from the
event's sentence and the title (``năm 2021``, ``(2016 - 2021)``), never from a cited document's
date. The display date is only an upper bound: of the candidate years, the latest that does not put
the event after the display date wins. With no day at all, the event keeps year precision (the
emulation year the article is about). A later sentence opening with its own date (``Trước đó,
ngày 12/10, ... sơ kết ...``) is a second event.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import date

from vietkg.ingest.model import Doc, PartialDate
from vietkg.ingest.steps.context import event_day

log = logging.getLogger(__name__)

FULL_DATE = re.compile(r"\b\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*((?:19|20)\d{2})\b")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
NAM_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b")
SECOND = re.compile(r"(?:(?:Trước đó|Sau đó|Cùng ngày|Tiếp đó|Trước đây|Cũng trong ngày)\s*,\s*)?"
                    r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Nn]gày)\s+\d{1,2}\s*[/-]\s*\d{1,2}")
EVENT_WORDS = re.compile(r"tổ chức|hội nghị|sơ kết|tổng kết|ký kết|phát động|họp mặt|lễ", re.I)


def candidate_years(text: str) -> list[int]:
    """Years written in a sentence, minus those inside full dates (a cited document's date)."""
    masked = FULL_DATE.sub(lambda m: " " * len(m.group(0)), text)
    return [int(y) for y in YEAR.findall(masked)]


def infer_year(day: int, month: int, years: list[int], display: date | None) -> int | None:
    """The latest candidate year that does not put the event after the display date."""
    def fits(y: int) -> bool:
        try:
            return display is None or date(y, month, day) <= display
        except ValueError:
            return False
    for y in sorted(set(years), reverse=True):
        if fits(y) and (display is None or y >= display.year - 3):
            return y
    if display is not None:
        return display.year if fits(display.year) else display.year - 1
    return max(years) if years else None


def _date_at(doc: Doc, start: int, end: int, extra: list[int]) -> tuple[PartialDate | None, int]:
    m = event_day(doc, start, end)
    if m is None:
        return None, start
    d, mo = int(m.group(1)), int(m.group(2))
    display = doc.notes.get("display_day")
    display = display if isinstance(display, date) else None
    year = int(m.group(3)) if m.group(3) else infer_year(
        d, mo, candidate_years(doc.text[start:end]) + extra, display)
    return (PartialDate.of(year, mo, d) if year else None), m.start()


def _article_year(doc: Doc) -> int | None:
    title_end = int(doc.notes.get("title_end", 0) or 0)
    display = doc.notes.get("display_day")
    years = Counter(int(y) for y in NAM_YEAR.findall(doc.text[title_end:]))
    if isinstance(display, date):
        years = Counter({y: n for y, n in years.items() if y <= display.year})
    if years:
        return years.most_common(1)[0][0]
    return display.year if isinstance(display, date) else None


def dates(doc: Doc) -> Doc:
    lead = doc.notes.get("lead")
    s, e = lead if isinstance(lead, tuple) else (0, len(doc.text))
    title_end = int(doc.notes.get("title_end", 0) or 0)
    title_years = candidate_years(doc.text[:title_end])
    main, at = _date_at(doc, s, e, title_years)
    found: list[dict[str, object]] = []
    if main is None:
        year = _article_year(doc)
        main = PartialDate.of(year) if year else None
    found.append({"span": (s, e), "date": main, "at": at, "lead": True})
    for s2, e2 in doc.sentences:
        if s2 <= s or not SECOND.match(doc.text, s2) or not EVENT_WORDS.search(doc.text, s2, e2):
            continue
        extra = [main.year] if main else []
        d2, at2 = _date_at(doc, s2, e2, extra)
        if d2 is not None and d2 != main:
            found.append({"span": (s2, e2), "date": d2, "at": at2, "lead": False})
    doc.notes["event_dates"] = found
    if main is not None:
        doc.notes["year"] = main.year
        doc.context.year = main.year
        doc.notes["day"] = main.earliest
    return doc
