"""Step ``events``: the events the article reports, their kinds and who attended.

Kinds come from triggers (``event_triggers.csv``) in the title and the event's own sentence:
ký kết giao ước -> ``ky_ket``, phát động -> ``phat_dong``, sơ kết -> ``so_ket``, tổng kết ->
``tong_ket``; none of these -> ``hoi_nghi``. Awards given at the event (tặng giấy khen, trao Huân
chương, Kỷ niệm chương, cờ thi đua, trao giải ...) anywhere in the report add ``khen_thuong`` —
not in a sentence that proposes, promises or describes rules (the ``block`` cues: đề nghị, sẽ, cam
kết ...) — to the event told last before them in their paragraph (``Trước đó, ngày 10/6, ... tổng
kết ... Dịp này, ... khen thưởng`` is the earlier review's), else to the main one, whose kind comes
from the title, the lead and the photo captions. Every person of the report attends the main
event; the part played (chủ trì, chỉ đạo, phát biểu, dự) is read around the mention.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from vietkg.ingest.model import AttendanceFact, Doc, EventFact, OrgRef, PartialDate
from vietkg.ingest.patterns import event_triggers
from vietkg.ingest.steps._places import low_text
from vietkg.ingest.steps.people import Mention
from vietkg.ingest.steps.roles import best_mentions

log = logging.getLogger(__name__)

MAIN_KINDS = ("ky_ket", "phat_dong", "so_ket", "tong_ket")


def _has(low: str, start: int, end: int, cue: str, text: str = "") -> bool:
    """``cue`` as whole words in ``low[start:end]``; given ``text``, not inside a dashed body name."""
    i = low.find(cue, start, end)
    while i >= 0:
        if (i == 0 or not low[i - 1].isalnum()) and (i + len(cue) >= len(low) or not low[i + len(cue)].isalnum()) \
                and not (text and text[i].isupper() and text[max(0, i - 2):i] in ("- ", "– ")):
            return True
        i = low.find(cue, i + 1, end)
    return False


def kinds_in(low: str, start: int, end: int) -> list[str]:
    found = []
    for kind, cue in event_triggers():
        if kind in MAIN_KINDS and kind not in found and _has(low, start, end, cue):
            found.append(kind)
    return found


def _awards(doc: Doc, skip: list[tuple[int, int]]) -> list[int]:
    """Starts of the sentences that report awards given (not proposed, promised or ruled)."""
    low = low_text(doc)
    cues = [c for k, c in event_triggers() if k == "khen_thuong"]
    blocks = [c for k, c in event_triggers() if k == "block"]
    hits = [m.start() for m in _award_rx().finditer(low)]
    out = []
    for s, e in doc.sentences:
        if not any(s <= h < e for h in hits) or any(s == a for a, _ in skip):
            continue
        if any(_has(low, s, e, c, doc.text) for c in cues) and not any(_has(low, s, e, b) for b in blocks):
            out.append(s)
    return out


@cache
def _award_rx() -> re.Pattern[str]:
    """Any award cue, to find the sentences worth a closer look."""
    cues = sorted((c for k, c in event_triggers() if k == "khen_thuong"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, cues)))


def _event_of(doc: Doc, at: int, found: list[dict[str, object]]) -> int:
    """The event an award sentence belongs to: ``Dịp này`` / ``Tại hội nghị`` is the occasion told
    last before it in its paragraph (``Trước đó, ngày 10/6, ... tổng kết ... Dịp này, ... khen
    thưởng``), else the main event."""
    para = doc.text.rfind("\n", 0, at) + 1
    best = 0
    for i, info in enumerate(found[1:], start=1):
        s, _ = info["span"]  # type: ignore[misc]
        if para <= s <= at:
            best = i
    return best


AT_EVENT = re.compile(r"(?:Tại|Cũng tại)\s+(?:hội nghị|buổi lễ|lễ)\b|Dịp này\b")
AT_EVENT_KINDS = ("ky_ket", "phat_dong")  # acts done at the event; reviews written so may be others'


def _at_the_event(doc: Doc, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences that tell what was done at the main event (``Tại hội nghị, đại diện các cụm đã ký
    kết giao ước``), not those of a second event."""
    low = low_text(doc)
    blocks = [c for k, c in event_triggers() if k == "block"]
    return [(s, e) for s, e in doc.sentences if AT_EVENT.match(doc.text, s) and (s, e) not in skip
            and not any(_has(low, s, e, b) for b in blocks)]


def _award_rite(low: str, start: int, end: int) -> bool:
    """The event is itself an award rite (``tổ chức lễ trao Huy hiệu Đảng``)."""
    return any(_has(low, start, end, c) for k, c in event_triggers() if k == "award_rite")


def _captions(doc: Doc) -> list[tuple[int, int]]:
    """Photo captions that describe the event (``Quang cảnh hội nghị ...``)."""
    low = low_text(doc)
    cues = [c for k, c in event_triggers() if k == "caption"]
    return [(s, e) for s, e in doc.sentences if any(low.startswith(c, s) for c in cues)]


def _part(doc: Doc, m: Mention) -> str:
    low = low_text(doc)
    s, e = next(((a, b) for a, b in doc.sentences if a <= m.start < b), (m.start, m.end))
    around = low[s:e]
    if "chủ trì" in around:
        return "chủ trì"
    if "chỉ đạo" in around:
        return "chỉ đạo"
    if "phát biểu" in around:
        return "phát biểu"
    return "dự"


def _event(doc: Doc, info: dict[str, object], kinds: list[str]) -> EventFact:
    s, e = info["span"]  # type: ignore[misc]
    date = info["date"]
    org = doc.notes.get("organiser")
    return EventFact(date if isinstance(date, PartialDate) else None, kinds, doc.text[s:e][:200],
                     doc.evidence(s, e), organizer=org if isinstance(org, OrgRef) else None)


def events(doc: Doc) -> Doc:
    found = doc.notes.get("event_dates")
    if not isinstance(found, list) or not found:
        return doc
    low = low_text(doc)
    title_end = int(doc.notes.get("title_end", 0) or 0)
    secondary = [f["span"] for f in found[1:]]
    lead_s, lead_e = found[0]["span"]
    kinds = kinds_in(low, 0, title_end)
    kinds += [k for k in kinds_in(low, lead_s, lead_e) if k not in kinds]
    for s, e in _captions(doc):
        kinds += [k for k in kinds_in(low, s, e) if k not in kinds]
    for s, e in _at_the_event(doc, secondary):
        kinds += [k for k in kinds_in(low, s, e) if k in AT_EVENT_KINDS and k not in kinds]
    main_kinds = [k for k in MAIN_KINDS if k in kinds]
    awarded = {_event_of(doc, at, found) for at in _awards(doc, secondary)}
    if not main_kinds and not (0 in awarded and _award_rite(low, 0, lead_e)):
        main_kinds = ["hoi_nghi"]  # a "lễ trao Huy hiệu Đảng" is the award itself, no other meeting
    if 0 in awarded:
        main_kinds.append("khen_thuong")
    main = _event(doc, found[0], main_kinds)
    doc.facts.events.append(main)
    for i, info in enumerate(found[1:], start=1):
        s, e = info["span"]
        doc.facts.events.append(_event(doc, info, (kinds_in(low, s, e) or ["hoi_nghi"])
                                       + (["khen_thuong"] if i in awarded else [])))
    for name, m in best_mentions(doc).items():
        main.attendees.append(AttendanceFact(name, m.title_text, _part(doc, m), doc.evidence(m.start, m.end)))
    symbols = doc.notes.get("doc_spans")
    if isinstance(symbols, list):
        main.about = sorted({sym for a, _, sym in symbols if lead_s <= a < lead_e})
    log.debug("%d events in %s", len(doc.facts.events), doc.article.source)
    return doc


