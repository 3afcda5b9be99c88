"""Step ``context``: the province and district the article is about, its lead and organiser.

The province comes from the site (``sites.csv`` markers such as ``(Thanhuytphcm.vn)``), the header
above the title, the title and the body — gazetteer names weighted in that order. The district is
the one the title names (``Quận Bình Tân: ...``, ``TP Thủ Đức tuyên dương ...``) or the committee or
board that opens the lead sentence (``Sáng 20/5, Huyện uỷ huyện Hóc Môn tổ chức ...``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import date

from vietkg.ingest.model import Doc
from vietkg.ingest.patterns import province_successors, sites
from vietkg.ingest.steps._body_words import committee_levels
from vietkg.ingest.steps._orgs import label, read_org
from vietkg.ingest.steps._places import (
    DISTRICT_KINDS,
    first_word,
    is_province,
    low_text,
    match_places,
    pick,
    province_of,
)
from vietkg.ontology import Place
from vietkg.ontology.text import key

log = logging.getLogger(__name__)

DAY_MONTH = re.compile(r"(?:(?<=\s)|^|(?<=\())(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày|[Đđ]êm)\s+(?:nay\s+)?"
                       r"(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?\b")
_WORD = re.compile(r"\w+")
NOT_EVENT_DAY = re.compile(r"(?:\d+\s*[-–/]\s*[A-ZĐ][\w./-]*|ban hành|trước|hết|từ|đến|kể từ|sau)\s*,?\s*$")


def event_day(doc: Doc, start: int, end: int) -> re.Match[str] | None:
    """The first day/month expression of a span that dates an event, not a document or deadline."""
    for m in DAY_MONTH.finditer(doc.text, start, end):
        if not NOT_EVENT_DAY.search(doc.text[max(start, m.start() - 30):m.start()]):
            return m
    return None


def _display_day(doc: Doc) -> date | None:
    try:
        return date.fromisoformat(doc.article.display_date) if doc.article.display_date else None
    except ValueError:
        return None


def _count_places(low: str, start: int, end: int, weight: int, votes: Counter[str],
                  found: list[tuple[int, Place]]) -> None:
    pos = start
    for m in _WORD.finditer(low, start, end):
        if m.start() < pos or not first_word(m.group(0)):
            continue
        stop, cands = match_places(low, m.start(), end)
        if not cands:
            continue
        pos = stop
        for p in cands:
            if is_province(p):
                votes[p.name] += weight
            else:
                found.append((m.start(), p))


def _province(doc: Doc) -> Place | None:
    votes: Counter[str] = Counter()
    head = f"{doc.article.site}\n{doc.article.header}\n{doc.article.source}"
    for marker, province in sites():
        if marker.casefold() in head.casefold() or marker in doc.text[:400]:
            votes[province] += 6
    hk = key(head)
    _count_places(hk, 0, len(hk), 3, votes, [])
    low = low_text(doc)
    title_end = int(doc.notes.get("title_end", 0) or 0)
    found: list[tuple[int, Place]] = []
    _count_places(low, 0, title_end, 2, votes, found)
    _count_places(low, title_end, len(low), 1, votes, found)
    for _, p in found:  # a district votes, a little, for its province
        votes[p.parent] += 0.3  # type: ignore[assignment]
    if not votes:
        return None
    _to_successors(votes, _display_day(doc))
    name = votes.most_common(1)[0][0]
    return next((p for p in _all_provinces() if p.name == name), None)


def _to_successors(votes: Counter[str], day: date | None) -> None:
    """After a merger a former province's name (``phường Bạc Liêu``, ``Hà Giang``) counts for the
    province that absorbed it: an article dated after 2025-07-01 is about the new Cà Mau."""
    if day is None:
        return
    for name in list(votes):
        succ = province_successors().get(name)
        if succ is not None and day >= succ[1]:
            votes[succ[0]] += votes.pop(name)


def _all_provinces() -> list[Place]:
    from vietkg.ontology import places
    return [p for p in places() if is_province(p)]


def lead_sentence(doc: Doc) -> tuple[int, int]:
    """The first body sentence with a day/month date, else the first body sentence."""
    title_end = int(doc.notes.get("title_end", 0) or 0)
    body = [(s, e) for s, e in doc.sentences if s >= title_end]
    for s, e in body:
        if event_day(doc, s, e):
            return s, e
    return body[0] if body else (0, len(doc.text))


def _subject_org(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The first body name of a span that is not a place of meeting (``tại Quận ủy ...``)."""
    low = low_text(doc)
    for m in _WORD.finditer(doc.text, start, end):
        if not m.group(0)[0].isupper():
            continue
        before = low[max(start, m.start() - 12):m.start()]
        if re.search(r"(tại|trường|ở|của|với|nơi)\s+$", before):
            continue
        span = read_org(doc, m.start(), end)
        if span is not None and span.end > span.start:
            return span.start, span.end
    return None


def _organised_by(doc: Doc, start: int) -> tuple[int, int] | None:
    """``... do Ban Tuyên giáo Tỉnh ủy tổ chức`` in the lead or the two sentences after it."""
    body = [(s, e) for s, e in doc.sentences if s >= start][:3]
    for s, e in body:
        for m in re.finditer(r"\bdo\s+(?=[A-ZĐ])", doc.text[s:e]):
            span = read_org(doc, s + m.end(), e)
            if span is not None and re.match(r"\s+(?:tổ chức|chủ trì|phát động)", doc.text[span.end:e]):
                return span.start, span.end
    return None


def _district(doc: Doc, province: Place | None, day: date | None) -> Place | None:
    low = low_text(doc)
    title_end = int(doc.notes.get("title_end", 0) or 0)
    for m in _WORD.finditer(low, 0, title_end):
        _stop, cands = match_places(low, m.start(), title_end)
        p = pick(cands, province, day, district_only=True) if cands else None
        if p is not None and p.kind in DISTRICT_KINDS and (province is None or p.parent == province.name):
            return p
    s, e = lead_sentence(doc)
    sub = _subject_org(doc, s, e)
    if sub is not None:
        span = read_org(doc, sub[0], e)
        if span is not None and span.place is not None and not is_province(span.place):
            return span.place
    return None


def context(doc: Doc) -> Doc:
    low_text(doc)
    day = _display_day(doc)
    doc.notes["display_day"] = day
    doc.notes["day"] = day
    province = _province(doc)
    district = _district(doc, province, day)
    if province is None and district is not None:
        province = province_of(district)
    doc.notes["province_place"] = province
    doc.notes["district_place"] = district
    ctx = doc.context
    if province is not None:
        ctx.province, ctx.province_kind = province.name, province.committee
    if district is not None:
        ctx.district, ctx.district_kind = district.name, district.committee
    ctx.year = day.year if day else None
    s, e = lead_sentence(doc)
    doc.notes["lead"] = (s, e)
    sub = _organised_by(doc, s) or _subject_org(doc, s, e) or _subject_org(
        doc, 0, int(doc.notes.get("title_end", 0) or 0))
    if sub is not None:
        span = read_org(doc, sub[0], max(e, sub[1]))
        org = label(doc, span) if span is not None else None
        if org is not None and key(org.label) not in committee_levels():  # a bare "Đảng ủy" is no one
            doc.notes["organiser"] = org
    log.debug("context of %s: %s / %s", doc.article.source, ctx.province, ctx.district)
    return doc
