"""A small grammar of body names, and their canonical labels completed from the article's context.

``read_org`` reads one body name starting at an offset: a central body (``Bộ Chính trị``), a party
committee (``Quận ủy`` + place), or a head (``Ban``, ``Văn phòng``, ``UBND`` ... from
``body_grammar.csv``) followed by capitalised name chunks (``Tuyên giáo``, ``Thi đua - Khen
thưởng``), connectors (``khối``, ``các cơ quan``), place-level words and a committee.
``label`` turns it into the canonical label the graph uses: ``Ban Tuyên giáo Thành ủy Thành phố Hồ
Chí Minh``, ``Quận ủy Bình Thạnh``, ``HĐND quận Bình Thạnh``, ``UBND Quận 12``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from vietkg.ingest.model import Doc, OrgRef
from vietkg.ingest.patterns import title_stops
from vietkg.ingest.steps._body_words import (
    SUB_DISTRICT,
    alias,
    committee_levels,
    inner_list,
    level_kinds,
    match_word,
    name_word,
    numbered,
    opens_post,
)
from vietkg.ingest.steps._places import (
    DISTRICT_KINDS,
    LEVEL_WORD,
    is_province,
    low_text,
    match_places,
    phrase,
    pick,
)
from vietkg.ontology import Place
from vietkg.ontology.text import canon, key

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+|[-–]")
_NEXT = re.compile(r" (\w+)")
COMMITTEE_KIND = {"quận ủy": "urban-district", "huyện ủy": "district", "thị ủy": "town", "thành ủy": "city",
                  "tỉnh ủy": "province"}


@dataclass
class OrgSpan:
    start: int
    end: int
    kind: str  # central | committee | head
    head: str  # canonical head / committee word / central label
    name_end: int  # end of the name part before the committee or place
    committee: str = ""  # committee word ("Quận ủy") when the body belongs to one
    level: str = ""  # place-level word as written, lower case
    place: Place | None = None
    place_text: str = ""  # place as written when not in the gazetteer


def _cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _place_after(doc: Doc, pos: int, limit: int, committee: str) -> tuple[int, str, Place | None, str]:
    """An optional level word and a place after a committee or head: (end, level, place, text)."""
    low, text = low_text(doc), doc.text
    i = pos
    while i < limit and text[i] == " ":
        i += 1
    level = ""
    end, cands = match_places(low, i, limit)
    if cands and end > i:  # "Quận 12", "TP.HCM", "thành phố Thủ Đức" as written in the gazetteer
        return end, "", _pick_for(doc, cands, committee), ""
    lv = match_word(low, i, "level")
    if lv:
        level = key(lv[0])
        j = i + len(key(lv[0]))
        while j < limit and (text[j] == " " or (text[j] == "." and level in ("tp", "tx"))):
            j += 1  # "TP. Hồ Chí Minh"; "... tỉnh. Đồng chí": a sentence ends after the level
        if j < limit and (text[j].isupper() or text[j].isdigit()):
            i = j
        else:
            return i + len(key(lv[0])), level, None, ""
    end, cands = match_places(low, i, limit)
    if cands and level_kinds().get(level) in SUB_DISTRICT:
        num = _WARD_NUMBER.match(text, end, limit)  # "phường Hà Giang 1": wards numbered after a name
        end = num.end() if num else end
        return end, level, None, text[i:end]  # "phường Ba Đình" is a ward, not the quận of that name
    if cands:
        return end, level, _pick_for(doc, cands, committee), ""
    m = _PLACE_TEXT.match(text, i, limit)
    if m and (level or m.group(0)[0].isdigit()):
        name = m.group(0) if m.group(0)[0].isdigit() else _capitalised_words(m.group(0))
        return i + len(name), level, None, name
    return pos, "", None, ""


_BLOC = re.compile(r" [Kk]hối\b")  # Đảng ủy Khối (the party committee of a sector's bodies)
_WARD_NUMBER = re.compile(r" \d{1,2}\b(?![/.,]\d)")
_PLACE_TEXT = re.compile(r"\d+\b|\w+(?: \w+){0,2}")


def _capitalised_words(words: str) -> str:
    """The leading capitalised words: ``Bến Nghé`` of ``Bến Nghé đã``."""
    out = []
    for w in words.split(" "):
        if not w[:1].isupper():
            break
        out.append(w)
    return " ".join(out)


def _pick_for(doc: Doc, cands: tuple[Place, ...], committee: str) -> Place | None:
    kinds = {COMMITTEE_KIND[key(committee)]} if key(committee) in COMMITTEE_KIND else None
    prov = doc.notes.get("province_place")
    return pick(cands, prov if isinstance(prov, Place) else None, _day(doc), kinds=kinds) or pick(cands)


def _day(doc: Doc):  # the event day, once known, picks the places valid then
    d = doc.notes.get("day")
    return d if d is not None else None


def read_org(doc: Doc, pos: int, limit: int | None = None) -> OrgSpan | None:
    """The body name that starts at ``pos``, or None."""
    low, text = low_text(doc), doc.text
    limit = len(text) if limit is None else limit
    central = match_word(low, pos, "central")
    if central:
        return OrgSpan(pos, pos + len(key(central[0])), "central", central[1], pos + len(key(central[0])))
    com = match_word(low, pos, "committee")
    if com and key(com[0]) != "đảng ủy":
        end, level, place, ptext = _place_after(doc, pos + len(key(com[0])), limit, com[0])
        return OrgSpan(pos, end, "committee", canon(com[0]), pos, canon(com[0]), level, place, ptext)
    head = com or match_word(low, pos, "head")
    if not head:
        return None
    span = OrgSpan(pos, pos + len(key(head[0])), "head", canon(head[0]), pos + len(key(head[0])))
    _read_name(doc, span, limit)
    if span.end == pos + len(key(head[0])) and len(span.head.split()) == 1 and span.head not in ("Ban", "UBND", "HĐND"):
        return None  # "Báo cáo", "Hội trường": a head word without a name is no body
    return span


def _read_name(doc: Doc, span: OrgSpan, limit: int) -> None:
    low, text = low_text(doc), doc.text
    i = span.end
    while i < limit:
        j = i
        while j < limit and text[j] == " ":
            j += 1
        if j >= limit or (j == i and i != span.end):
            break
        com = match_word(low, j, "committee")
        if com and key(com[0]) == "đảng ủy" and _BLOC.match(doc.text, j + len(com[0]), limit):
            i = span.end = span.name_end = j + len(com[0])  # "Ban Thường vụ Đảng ủy Khối ...": a name goes on
            continue
        if com:
            end, level, place, ptext = _place_after(doc, j + len(key(com[0])), limit, com[0])
            span.name_end, span.committee, span.level, span.place, span.place_text = i, canon(com[0]), level, \
                place, ptext
            span.end = end
            return
        if match_word(low, j, "head") and low.startswith(("ban ", "văn phòng", "ủy ban", "trường", "báo"), j) \
                and span.end > span.start + len(span.head) + 1 and text[j].isupper():
            break
        lv = match_word(low, j, "level")
        if lv and not text[j:j + 2].isupper() and not name_word(text, j, lv[0]):
            end, level, place, ptext = _place_after(doc, j, limit, "")
            if end > j:
                span.name_end, span.level, span.place, span.place_text, span.end = i, level, place, ptext, end
            return
        con = match_word(low, j, "connector")
        if con:
            k = _after_connector(doc, j, limit)
            if k is None:
                break
            i = k
            if con[1] == "end":
                span.end = span.name_end = k
            continue
        if text[j] in "-–" and j + 2 < limit and text[j + 2].isupper():
            i = j + 1
            continue
        if text[j] == "," and inner_list(doc, j, limit):
            i = j + 1
            continue
        w = _word_end(doc, j, limit)
        if w is None:
            break
        i = span.end = span.name_end = w


def _after_connector(doc: Doc, j: int, limit: int) -> int | None:
    """End of a connector (``và``, ``khối``, ``các cơ quan``) that goes on with the name, else None.
    A connector marked ``end`` in ``body_grammar.csv`` is a fixed lower-case tail that may also close
    the name (``Sở Nông nghiệp và Phát triển nông thôn``)."""
    low, text = low_text(doc), doc.text
    con = match_word(low, j, "connector")
    if con is None:
        return None
    k = j + len(key(con[0]))
    if key(con[0]) == "và" and (match_word(low, k + 1, "head") or match_word(low, k + 1, "committee")
                                or opens_post(low, k + 1)):
        return None
    nxt = text[k + 1:k + 2] if k < limit else ""
    if nxt and (nxt.isupper() or match_word(low, k + 1, "level") or match_word(low, k + 1, "connector")):
        return k
    if con[1] == "end":
        return k  # a fixed lower-case tail of a name: "Phát triển nông thôn"
    return None


def _word_end(doc: Doc, j: int, limit: int) -> int | None:
    """End of a capitalised word of a name (and one lower-case syllable after it: ``Tuyên giáo``)."""
    low, text = low_text(doc), doc.text
    stops = title_stops()
    m = _WORD.match(text, j, limit)
    if not m or not _cap(m.group(0)) or any(low.startswith(s + " ", j) for s in stops):
        return None
    if m.group(0)[0].isdigit() and not numbered(low, j):
        return None
    i = m.end()
    m2 = _NEXT.match(text, i, limit)
    if m2 and m2.group(1).islower() and not match_word(low, i + 1, "level") \
            and not match_word(low, i + 1, "connector") \
            and not any(low.startswith(s + " ", i + 1) or low.startswith(s + ",", i + 1) for s in stops):
        i = m2.end()
    return i


def _ctx_place(doc: Doc, level: str) -> Place | None:
    prov = doc.notes.get("province_place")
    dist = doc.notes.get("district_place")
    prov = prov if isinstance(prov, Place) else None
    dist = dist if isinstance(dist, Place) else None
    if level == "tỉnh":
        return prov
    if level in ("quận", "huyện", "thị xã"):
        return dist
    if level in ("thành phố", "tp", "tp."):
        return prov if prov is not None and prov.kind == "city" else dist
    return dist or prov


def committee_label(doc: Doc, word: str, place: Place | None, place_text: str = "",
                    hint: Place | None = None, level: str = "") -> str:
    """``Quận ủy`` + place, completed from the title (``hint``) or the article when left out."""
    word = canon(word)
    if place is None and place_text:
        text = place_text if not place_text.isdigit() else f"Quận {place_text}"
        lv = level if level in ("phường", "xã", "thị trấn", "đặc khu") else ""
        return " ".join(f"{word} {lv} {canon(text)}".split())
    if place is None:
        prov = doc.notes.get("province_place")
        dist = doc.notes.get("district_place")
        prov = prov if isinstance(prov, Place) else None
        dist = dist if isinstance(dist, Place) else None
        order = (prov, hint, dist) if key(word) in ("tỉnh ủy", "thành ủy") else (hint, dist)
        place = next((c for c in order if c is not None and key(c.committee) == key(word)), None)
        if place is None:
            place, text, lv = article_place(doc, word, dist)
            if text:
                return committee_label(doc, word, None, text, level=lv)
    return f"{word} {place.name}" if place is not None else word


def article_place(doc: Doc, word: str, subject: Place | None) -> tuple[Place | None, str, str]:
    """Where the article itself places a committee it also writes bare: ``Thị uỷ Dĩ An ... Thị uỷ
    đã ...`` (the gazetteer may call the unit otherwise then: Dĩ An was a thị xã until 2020). The
    article's subject district when it is among the places written with the word, else the only one."""
    pairs = _written_places(doc, word)
    names = {(p.name if p is not None else key(t)): (p, t, lv) for p, t, lv in pairs}
    if subject is not None and subject.name in names:
        return names[subject.name]
    return next(iter(names.values())) if len(names) == 1 else (None, "", "")


def _written_places(doc: Doc, word: str) -> list[tuple[Place | None, str, str]]:
    """The places the article writes right after a committee word (read once per article and word)."""
    memo = doc.notes.get("committee_places")
    if not isinstance(memo, dict):
        memo = doc.notes["committee_places"] = {}
    k = key(word)
    if k not in memo:
        low, found = low_text(doc), []
        for m in re.finditer(rf"(?<!\w){re.escape(k)} (?=\w)", low):
            if not (doc.text[m.end()].isupper() or doc.text[m.end()].isdigit() or match_word(low, m.end(), "level")):
                continue
            span = read_org(doc, m.start())
            if span is not None and span.name_end in (m.start(), m.end() - 1) and (span.place or span.place_text):
                found.append((span.place, span.place_text, span.level))
        memo[k] = found
    return memo[k]


def article_ward(doc: Doc, level: str) -> str:
    """The ward (commune ...) the article is about: the only one it names with this level word
    (``phường Ba Đình``), else the only one its title names, else its title and lead; or ""."""
    memo = doc.notes.get("ward_places")
    if not isinstance(memo, dict):
        memo = doc.notes["ward_places"] = {}
    if level not in memo:
        low, found = low_text(doc), []
        for m in re.finditer(rf"(?<!\w){re.escape(level)} (?=\w)", low):
            if doc.text[m.end()].isupper() or doc.text[m.end()].isdigit():
                _end, _lv, _place, text = _place_after(doc, m.start(), len(low), "")
                if text:
                    found.append((m.start(), canon(text)))
        lead = doc.notes.get("lead")
        memo[level] = ""
        for end in (len(low), int(doc.notes.get("title_end", 0) or 0), lead[1] if isinstance(lead, tuple) else 0):
            names = {n for at, n in found if at < end}
            if len(names) == 1:
                memo[level] = names.pop()
                break
    return str(memo[level])


def is_bare_committee(span: OrgSpan) -> bool:
    """``Thị ủy``, ``Đảng ủy`` written without their place."""
    if span.place is not None or span.place_text or span.level:
        return False
    return span.kind == "committee" or (span.kind == "head" and span.name_end == span.end
                                        and key(span.head) in committee_levels())


def placed_like(doc: Doc, bare: OrgSpan, other: OrgSpan) -> OrgRef | None:
    """A bare committee placed where another body of the same title is, when that body's level is
    one the committee leads: ``Phó Bí thư Đảng ủy, Chủ tịch UBND phường Xuân Hòa`` -> ``Đảng ủy
    phường Xuân Hòa``; ``Phó Bí thư Thị ủy, Chủ tịch HĐND thị xã`` -> the article's thị xã."""
    word = bare.committee or bare.head
    kind = level_kinds().get(other.level, "") if other.level else (other.place.kind if other.place else "")
    if not kind or kind not in committee_levels().get(key(word), frozenset()):
        return None
    btype = "party-committee" if bare.kind == "committee" else "organization"
    if other.place is not None:
        return OrgRef(committee_label(doc, word, other.place), btype)
    if other.place_text:
        return OrgRef(committee_label(doc, word, None, other.place_text, level=other.level), btype)
    ward = article_ward(doc, other.level) if kind in SUB_DISTRICT else ""
    if ward:
        return OrgRef(committee_label(doc, word, None, ward, level=other.level), btype)
    place = _ctx_place(doc, other.level)
    return OrgRef(committee_label(doc, word, place), btype) if place is not None else None


def label(doc: Doc, span: OrgSpan, hint: Place | None = None) -> OrgRef:
    """The canonical label of a body read by ``read_org``."""
    written = doc.text[span.start:span.end]
    if span.kind == "central":
        return OrgRef(span.head, "central-body", written=written)
    if span.kind == "committee":
        return OrgRef(committee_label(doc, span.committee, span.place, span.place_text, hint, span.level),
                      "party-committee", written=written)
    name = alias(canon(doc.text[span.start:span.name_end]).strip(" ,-–"))
    name = name[:1].upper() + name[1:]
    if name.endswith("Đảng ủy") and _BLOC.match(doc.text, span.name_end) and not (span.place or span.level):
        full = _bloc_named(doc)  # "Ban Tuyên giáo Đảng ủy Khối" left short: the Khối the article names
        if full:
            return OrgRef(f"{name[:-len('Đảng ủy')]}{full}".strip(), "party-board", OrgRef(full, "organization"),
                          written)
    if is_bare_committee(span):  # "Đảng ủy" alone: where the article places it
        return OrgRef(committee_label(doc, name, None, hint=hint), "organization", written=written)
    if span.committee:
        parent = committee_label(doc, span.committee, span.place, span.place_text, hint, span.level)
        return OrgRef(f"{name} {parent}", "party-board", OrgRef(parent, "party-committee"), written)
    place = span.place
    if place is None and not span.place_text and level_kinds().get(span.level) in SUB_DISTRICT:
        ward = article_ward(doc, span.level)  # "UBND phường": the article's ward, never its district
        return OrgRef(f"{name} {span.level} {ward}".strip(), "organization", written=written)
    if place is None and not span.place_text and (span.level or name in ("UBND", "HĐND")):
        place = _ctx_place(doc, span.level) if span.level or name in ("UBND", "HĐND") else None
    if place is None and not span.place_text and _provincial(doc, span):
        place = _ctx_place(doc, "tỉnh")  # "Sở Nội vụ" alone: departments exist at province level only
    if place is not None and _head_kind(doc, span) in ("provincial", "level-named"):
        return OrgRef(f"{name} {place.name}", "organization", written=written)  # "Huyện đoàn Phù Cát"
    if place is not None:
        return OrgRef(f"{name} {_as_written(place, span.level)}", "organization", written=written)
    if span.place_text:
        return OrgRef(f"{name} {span.level} {canon(span.place_text)}".replace("  ", " "), "organization",
                      written=written)
    return OrgRef(name, "organization", written=written)


def _bloc_named(doc: Doc) -> str:
    """The one ``Đảng ủy Khối <name> [place]`` the article writes in full, or ""."""
    memo = doc.notes.get("bloc_named")
    if not isinstance(memo, str):
        found = set()
        for m in re.finditer(r"(?<!\w)đảng ủy khối (?=\w)", low_text(doc)):
            if doc.text[m.end()].isupper():
                sp = read_org(doc, m.start())
                if sp is not None and sp.end > m.end():
                    found.add(label(doc, sp).label)
        memo = doc.notes["bloc_named"] = found.pop() if len(found) == 1 else ""
    return memo


def _head_kind(doc: Doc, span: OrgSpan) -> str:
    head = match_word(low_text(doc), span.start, "head")
    return head[1] if head is not None else ""


def _provincial(doc: Doc, span: OrgSpan) -> bool:
    """A head whose bodies exist at province level only (``body_grammar.csv``: ``department``, Sở;
    ``provincial``, the Tỉnh đoàn, which also names its level: ``Tỉnh đoàn Bình Định``)."""
    return _head_kind(doc, span) in ("department", "provincial")


def _as_written(place: Place, level: str) -> str:
    """The place with the level word the article wrote (``HĐND thị xã Dĩ An`` in 2019, though the
    gazetteer knows Dĩ An as the city it became), else as the gazetteer names it."""
    kind = level_kinds().get(level, "")
    written = LEVEL_WORD.get(kind, "")
    usual = phrase(place)
    if not written or kind in (place.kind, "province") or is_province(place) or usual.casefold().startswith(written):
        return usual
    return f"{written} {place.name}"


def district_in(doc: Doc, start: int, end: int) -> Place | None:
    """The first district named between ``start`` and ``end`` (a hint to complete a title)."""
    low = low_text(doc)
    prov = doc.notes.get("province_place")
    for m in re.finditer(r"\w+", low[start:end]):
        pos = start + m.start()
        _stop, cands = match_places(low, pos, end)
        if cands:
            p = pick(cands, prov if isinstance(prov, Place) else None, _day(doc))
            if p is not None and p.kind in DISTRICT_KINDS and not is_province(p):
                return p
    return None
