"""Enumerations of cluster members: splitting the list and expanding each item to a body.

Items are separated by commas, ``và``, semicolons or line breaks (numbered lists); a comma or ``và``
inside a body name (``Đảng ủy khối Đại học, Cao đẳng TP``, ``Bộ Tài nguyên và Môi trường``) does not
split, because what follows does not open a new body or place.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from vietkg.ingest.model import Doc, OrgRef
from vietkg.ingest.steps._body_words import SUB_DISTRICT, level_kinds, match_word
from vietkg.ingest.steps._orgs import label, read_org
from vietkg.ingest.steps._places import DISTRICT_KINDS, low_text, match_places, pick
from vietkg.ontology import Place
from vietkg.ontology.text import canon, key

log = logging.getLogger(__name__)

SPLIT = re.compile(r"\s*(?:,|;|\bvà\b|\n)\s*")
BULLET = re.compile(r"\s*(?:\d{1,2}[.)]|[-–•+])\s*")
WORD = re.compile(r"\w+")
PREFIX = re.compile(r"^(?P<head>.*?)\s*\b(?:các|\d{1,2})\s+(?P<levels>[^:]*?)\s*$")  # "các phường", "7 phường"
# "Ủy ban MTTQ Việt Nam các huyện Nam Giang, Đông Giang ...": the shared head and level open the list
INLINE = re.compile(r"(?P<head>[^,;:\n]{2,60}?)\s+các\s+(?P<levels>phường|xã|thị trấn|huyện|quận|thị xã|tỉnh|thành phố)"
                    r"\s+(?=[A-ZĐ\d])")
PARTY_COMMITTEE = re.compile(r"(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ủy\b")
COUNTERPART = re.compile(r"^(?P<head>.+?)\s+(?:tỉnh|thành phố|huyện|quận|thị xã)\s+[A-ZĐ\d]")


@dataclass
class Items:
    prefix_head: str  # "Văn phòng Đảng ủy", "Ban Tuyên giáo" or ""
    prefix_levels: str  # "phường", "huyện ủy", "huyện, thị, thành ủy" or ""
    spans: list[tuple[int, int]]


def _is_body(doc: Doc, pos: int) -> bool:
    low = low_text(doc)
    return bool(match_word(low, pos, "head") or match_word(low, pos, "committee") or match_word(low, pos, "central"))


def _opens_item(doc: Doc, pos: int) -> bool:
    c = doc.text[pos:pos + 1]
    return c.isdigit() or (c.isupper() and (_is_body(doc, pos) or bool(match_places(low_text(doc), pos)[1])))


def split_items(doc: Doc, a: int, b: int) -> Items:
    head, levels = "", ""
    colon = doc.text.find(":", a, b)
    if colon >= 0:
        pm = PREFIX.match(doc.text[a:colon])
        if pm:
            head, levels = re.sub(r"\s+của\s+", " ", pm.group("head")).strip(), pm.group("levels").strip()
        a = colon + 1
    if not head:
        s0 = a + len(doc.text[a:b]) - len(doc.text[a:b].lstrip())
        im = INLINE.match(doc.text, s0, b)
        if im and _is_body(doc, s0):
            head, levels, a = canon(im.group("head")), im.group("levels"), im.end()
    spans: list[tuple[int, int]] = []
    pos = a
    for m in [*list(SPLIT.finditer(doc.text, a, b)), None]:
        end = m.start() if m else b
        s = pos
        while s < end and doc.text[s].isspace():
            s += 1
        bm = BULLET.match(doc.text, s, end)
        s = bm.end() if bm else s
        item = doc.text[s:end].strip(" .;")
        if item:
            body_prev = spans and _is_body(doc, spans[-1][0])
            if spans and body_prev and not _opens_item(doc, s) and doc.text[s:s + 1].isupper() is not None \
                    and not doc.text[s:s + 1].isdigit():
                spans[-1] = (spans[-1][0], s + len(item))
            elif doc.text[s:s + 1].isupper() or doc.text[s:s + 1].isdigit():
                spans.append((s, s + len(item)))
        pos = m.end() if m else b
    return Items(head, levels, [_trim(doc, s, e) for s, e in spans])


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Cut an item at the first word that cannot belong to it (``Gò Vấp tổ chức ...``)."""
    if _is_body(doc, s):
        span = read_org(doc, s, e)
        if span is None or span.end <= s or doc.text[span.end:e].lstrip()[:1] in (",", "-", "–"):
            return s, e
        return s, span.end
    end, pos = s, s
    while pos < e:  # capitalised words or numbers, one space apart: "Phú Nhuận" of "Phú Nhuận đã ký kết"
        m = WORD.match(doc.text, pos, e)
        if m is None or not (m.group(0)[0].isupper() or m.group(0)[0].isdigit()):
            break
        end, pos = m.end(), m.end() + 1
        if doc.text[end:end + 1] != " ":
            break
    return (s, end) if end > s else (s, e)


def _district(doc: Doc, text: str, level: str) -> Place | None:
    prov = doc.notes.get("province_place")
    day = doc.notes.get("day")
    if text.isdigit():
        text = f"Quận {text}"
    cands = match_places(key(text), 0)[1]
    if not cands and level:
        cands = match_places(key(f"{level} {text}"), 0)[1]
    p = pick(cands, prov if isinstance(prov, Place) else None, day, district_only=True) if cands else None  # type: ignore[arg-type]
    return p if p is not None and p.kind in DISTRICT_KINDS else None


def _board_of(org: OrgRef | None) -> str:
    """``Ban Tuyên giáo`` of ``Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh``."""
    if org is None or not org.label.startswith("Ban "):
        return ""
    m = re.search(r"\s(?:Thành|Tỉnh) ủy\b", org.label)
    return org.label[:m.start()] if m else ""


def expand_items(doc: Doc, items: Items, organiser: OrgRef | None) -> list[tuple[OrgRef, tuple[int, int]]]:
    """Each item as a body: a shared prefix with its level (``Ban Xây dựng Đảng Đảng ủy các phường:
    Hạ Long``; a written ward or commune level wins over a district of the same name), a body named
    in full, or a district written alone as the organiser's counterpart there."""
    out: list[tuple[OrgRef, tuple[int, int]]] = []
    committee, level = "", ""
    board = _board_of(organiser)
    lv_words = items.prefix_levels.split(",")[0].strip() if items.prefix_levels else ""
    prefix_head = items.prefix_head
    if not prefix_head and level_kinds().get(key(lv_words)) in SUB_DISTRICT:
        prefix_head = _counterpart_head(organiser)  # "gồm 7 phường: A, B": the organiser's body there
    for s, e in items.spans:
        text = canon(doc.text[s:e])
        if prefix_head and lv_words and not _is_body(doc, s):
            place = None if level_kinds().get(key(lv_words)) in SUB_DISTRICT else _district(doc, text, "")
            if place is not None and ("ủy" in items.prefix_levels or prefix_head.startswith("Ban ")):
                out.append((OrgRef(f"{prefix_head} {place.committee} {place.name}", "party-board"), (s, e)))
            else:
                word = lv_words.replace(" ủy", "").replace(" uỷ", "")
                suffix = f" {word.capitalize()} ủy" if "ủy" in lv_words or "uỷ" in lv_words else f" {word}"
                out.append((OrgRef(f"{prefix_head}{suffix} {text}", "organization"), (s, e)))
            continue
        if _is_body(doc, s):
            span = read_org(doc, s, e)
            if span is not None:
                ref = label(doc, span) if span.end >= e else OrgRef(text, "organization")
                committee = span.committee or (span.head if span.kind == "committee" else "")
                out.append((ref, (s, e)))
                continue
        lm = re.match(r"(Quận|Huyện|Phường|Xã|Thị xã|quận|huyện|phường)\s+(.+)", text)
        if lm:
            level, text = lm.group(1).capitalize(), lm.group(2) if not lm.group(2).isdigit() else text
        place = _district(doc, text if not text.isdigit() else f"{level or 'Quận'} {text}", level)
        if place is None:
            out.append((OrgRef(text, "organization"), (s, e)))
        elif committee:
            out.append((OrgRef(f"{committee} {place.name}", "party-committee"), (s, e)))
        elif board:
            out.append((OrgRef(f"{board} {place.committee} {place.name}", "party-board"), (s, e)))
        else:
            out.append((OrgRef(f"{place.committee} {place.name}", "party-committee"), (s, e)))
    return out


def _counterpart_head(organiser: OrgRef | None) -> str:
    """The organiser's kind of body at a lower level: a party committee's is the ``Đảng ủy``, a
    people's committee's or a Front committee's the same head (``UBND tỉnh X`` -> ``UBND``)."""
    if organiser is None:
        return ""
    if organiser.body_type == "party-committee" or PARTY_COMMITTEE.match(organiser.label):
        return "Đảng ủy"
    m = COUNTERPART.match(organiser.label)
    return m.group("head") if m and not m.group("head").startswith("Ban ") else ""


def unit_of_place(doc: Doc, s: int, e: int, organiser: OrgRef | None) -> OrgRef | None:
    """A district written alone (``Quận 10``) as a unit: the organiser's counterpart body there."""
    if _district(doc, canon(doc.text[s:e]), "") is None:
        return None
    return expand_items(doc, Items("", "", [(s, e)]), organiser)[0][0]
