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
from functools import cache

from vietkg.ingest.model import Doc, OrgRef
from vietkg.ingest.patterns import body_grammar, posts, surnames, title_stops
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
SUB_DISTRICT = {"ward", "commune", "township", "special"}  # level kinds the gazetteer does not list
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


@cache
def _keyed(kind: str) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Grammar entries of one kind by their first letter: (key, text, value), longest first."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for text, value in body_grammar()[kind]:
        k = key(text)
        out.setdefault(k[:1], []).append((k, text, value))
    return {c: tuple(sorted(v, key=lambda t: -len(t[0]))) for c, v in out.items()}


def _match(low: str, pos: int, kind: str) -> tuple[str, str] | None:
    for k, text, value in _keyed(kind).get(low[pos:pos + 1], ()):
        end = pos + len(k)
        if low.startswith(k, pos) and (end >= len(low) or not low[end].isalnum()):
            return text, value
    return None


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
    lv = _match(low, i, "level")
    if lv:
        level = key(lv[0])
        j = i + len(key(lv[0]))
        while j < limit and text[j] in " .":
            j += 1
        if j < limit and (text[j].isupper() or text[j].isdigit()):
            i = j
        else:
            return i + len(key(lv[0])), level, None, ""
    end, cands = match_places(low, i, limit)
    if cands and _level_kinds().get(level) in SUB_DISTRICT:
        return end, level, None, text[i:end]  # "phường Ba Đình" is a ward, not the quận of that name
    if cands:
        return end, level, _pick_for(doc, cands, committee), ""
    m = _PLACE_TEXT.match(text, i, limit)
    if m and (level or m.group(0)[0].isdigit()):
        name = m.group(0) if m.group(0)[0].isdigit() else _capitalised_words(m.group(0))
        return i + len(name), level, None, name
    return pos, "", None, ""


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
    central = _match(low, pos, "central")
    if central:
        return OrgSpan(pos, pos + len(key(central[0])), "central", central[1], pos + len(key(central[0])))
    com = _match(low, pos, "committee")
    if com and key(com[0]) != "đảng ủy":
        end, level, place, ptext = _place_after(doc, pos + len(key(com[0])), limit, com[0])
        return OrgSpan(pos, end, "committee", canon(com[0]), pos, canon(com[0]), level, place, ptext)
    head = com or _match(low, pos, "head")
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
        com = _match(low, j, "committee")
        if com:
            end, level, place, ptext = _place_after(doc, j + len(key(com[0])), limit, com[0])
            span.name_end, span.committee, span.level, span.place, span.place_text = i, canon(com[0]), level, \
                place, ptext
            span.end = end
            return
        if _match(low, j, "head") and low.startswith(("ban ", "văn phòng", "ủy ban", "trường", "báo"), j) \
                and span.end > span.start + len(span.head) + 1 and text[j].isupper():
            break
        lv = _match(low, j, "level")
        if lv and not text[j:j + 2].isupper() and not _name_word(text, j, lv[0]):
            end, level, place, ptext = _place_after(doc, j, limit, "")
            if end > j:
                span.name_end, span.level, span.place, span.place_text, span.end = i, level, place, ptext, end
            return
        con = _match(low, j, "connector")
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
        if text[j] == "," and _inner_list(doc, j, limit):
            i = j + 1
            continue
        w = _word_end(doc, j, limit)
        if w is None:
            break
        i = span.end = span.name_end = w


def _name_word(text: str, j: int, level: str) -> bool:
    """A capitalised level word before a lower-case syllable is a word of the name (``Xã hội`` of
    ``Sở Lao động - Thương binh và Xã hội``), not a place level (``xã Tân Phú``, ``UBND xã``)."""
    k = j + len(level)
    return text[j].isupper() and bool(re.match(r" [a-zà-ỹđ]", text[k:k + 2]))


_INNER = re.compile(r", ([A-ZÀ-ỸĐ]\w*(?: [a-zà-ỹđ]\w*)?) và [A-ZÀ-ỸĐ]")


def _inner_list(doc: Doc, j: int, limit: int) -> bool:
    """A comma inside a name that enumerates its fields, ``A, B và C`` (``Sở Văn hóa, Thể thao và
    Du lịch``): the part after it opens no body, post or place, and ``và`` + a capital follows."""
    m = _INNER.match(doc.text, j, limit)
    if m is None:
        return False
    low, at = low_text(doc), j + 2
    if any(_match(low, at, kind) for kind in ("head", "committee", "central", "level")):
        return False
    first = m.group(1).split()[0]
    return key(first) not in surnames() and not match_places(low, at)[1] and not _opens_post(low, at)


@cache
def _post_keys() -> tuple[str, ...]:
    return tuple(key(p.written) for p in posts())


def _opens_post(low: str, at: int) -> bool:
    return any(low.startswith(k, at) and not low[at + len(k):at + len(k) + 1].isalnum() for k in _post_keys())


def _after_connector(doc: Doc, j: int, limit: int) -> int | None:
    """End of a connector (``và``, ``khối``, ``các cơ quan``) that goes on with the name, else None.
    A connector marked ``end`` in ``body_grammar.csv`` is a fixed lower-case tail that may also close
    the name (``Sở Nông nghiệp và Phát triển nông thôn``)."""
    low, text = low_text(doc), doc.text
    con = _match(low, j, "connector")
    if con is None:
        return None
    k = j + len(key(con[0]))
    if key(con[0]) == "và" and (_match(low, k + 1, "head") or _match(low, k + 1, "committee")
                                or _opens_post(low, k + 1)):
        return None
    nxt = text[k + 1:k + 2] if k < limit else ""
    if nxt and (nxt.isupper() or _match(low, k + 1, "level") or _match(low, k + 1, "connector")):
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
    if m.group(0)[0].isdigit() and not _numbered(low, j):
        return None
    i = m.end()
    m2 = _NEXT.match(text, i, limit)
    if m2 and m2.group(1).islower() and not _match(low, i + 1, "level") and not _match(low, i + 1, "connector") \
            and not any(low.startswith(s + " ", i + 1) or low.startswith(s + ",", i + 1) for s in stops):
        i = m2.end()
    return i


@cache
def _numbered_words() -> tuple[str, ...]:
    return tuple(key(t) for t, _ in body_grammar()["numbered"])


def _numbered(low: str, j: int) -> bool:
    """A number that belongs to the name: ``Quận 4``, ``Ban Chỉ đạo 35`` (``body_grammar.csv``)."""
    words = _numbered_words()
    before = low[max(0, j - max(map(len, words), default=0) - 2):j].rstrip()
    return any(before.endswith(w) and not before[-len(w) - 1:-len(w)].isalnum() for w in words)


def _alias(head_text: str) -> str:
    for text, value in body_grammar()["alias"]:
        if head_text.startswith(text):
            return value + head_text[len(text):]
    return head_text


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
            if not (doc.text[m.end()].isupper() or doc.text[m.end()].isdigit() or _match(low, m.end(), "level")):
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


@cache
def _committee_levels() -> dict[str, frozenset[str]]:
    """Committee word -> the level kinds of the units it leads (``Thị ủy`` -> town)."""
    return {key(t): frozenset(v.split("|")) for t, v in body_grammar()["committee"] if v}


@cache
def _level_kinds() -> dict[str, str]:
    return {key(t): v for t, v in body_grammar()["level"]}


def is_bare_committee(span: OrgSpan) -> bool:
    """``Thị ủy``, ``Đảng ủy`` written without their place."""
    if span.place is not None or span.place_text or span.level:
        return False
    return span.kind == "committee" or (span.kind == "head" and span.name_end == span.end
                                        and key(span.head) in _committee_levels())


def placed_like(doc: Doc, bare: OrgSpan, other: OrgSpan) -> OrgRef | None:
    """A bare committee placed where another body of the same title is, when that body's level is
    one the committee leads: ``Phó Bí thư Đảng ủy, Chủ tịch UBND phường Xuân Hòa`` -> ``Đảng ủy
    phường Xuân Hòa``; ``Phó Bí thư Thị ủy, Chủ tịch HĐND thị xã`` -> the article's thị xã."""
    word = bare.committee or bare.head
    kind = _level_kinds().get(other.level, "") if other.level else (other.place.kind if other.place else "")
    if not kind or kind not in _committee_levels().get(key(word), frozenset()):
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
    name = _alias(canon(doc.text[span.start:span.name_end]).strip(" ,-–"))
    name = name[:1].upper() + name[1:]
    if is_bare_committee(span):  # "Đảng ủy" alone: where the article places it
        return OrgRef(committee_label(doc, name, None, hint=hint), "organization", written=written)
    if span.committee:
        parent = committee_label(doc, span.committee, span.place, span.place_text, hint, span.level)
        return OrgRef(f"{name} {parent}", "party-board", OrgRef(parent, "party-committee"), written)
    place = span.place
    if place is None and not span.place_text and _level_kinds().get(span.level) in SUB_DISTRICT:
        ward = article_ward(doc, span.level)  # "UBND phường": the article's ward, never its district
        return OrgRef(f"{name} {span.level} {ward}".strip(), "organization", written=written)
    if place is None and not span.place_text and (span.level or name in ("UBND", "HĐND")):
        place = _ctx_place(doc, span.level) if span.level or name in ("UBND", "HĐND") else None
    if place is None and not span.place_text and _provincial(doc, span):
        place = _ctx_place(doc, "tỉnh")  # "Sở Nội vụ" alone: departments exist at province level only
    if place is not None:
        return OrgRef(f"{name} {_as_written(place, span.level)}", "organization", written=written)
    if span.place_text:
        return OrgRef(f"{name} {span.level} {canon(span.place_text)}".replace("  ", " "), "organization",
                      written=written)
    return OrgRef(name, "organization", written=written)


def _provincial(doc: Doc, span: OrgSpan) -> bool:
    """A head whose bodies exist at province level only (``department`` in ``body_grammar.csv``: Sở)."""
    head = _match(low_text(doc), span.start, "head")
    return head is not None and head[1] == "department"


def _as_written(place: Place, level: str) -> str:
    """The place with the level word the article wrote (``HĐND thị xã Dĩ An`` in 2019, though the
    gazetteer knows Dĩ An as the city it became), else as the gazetteer names it."""
    kind = _level_kinds().get(level, "")
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
