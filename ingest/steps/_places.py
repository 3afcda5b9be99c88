"""The gazetteer of provinces and districts, matched in running text (a helper of the steps).

Names and aliases come from ``vietkg.ontology.places()``; matching is on the casefolded,
tone-normalised text (``doc.notes["low"]``), so ``Quận uỷ`` and ``Quận ủy`` find the same place.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from functools import cache

from vietkg.ingest.model import Doc
from vietkg.ontology import Place, places
from vietkg.ontology.text import key, tone

log = logging.getLogger(__name__)

_WORD_END = re.compile(r"\w+")
LEVEL_WORD = {"province": "tỉnh", "city": "thành phố", "urban-district": "quận", "district": "huyện",
              "town": "thị xã"}
DISTRICT_KINDS = {"urban-district", "district", "town", "city"}


def low_text(doc: Doc) -> str:
    """``doc.text`` casefolded with modern tone marks; same length, so offsets carry over."""
    low = doc.notes.get("low")
    if not isinstance(low, str):
        toned = tone(doc.text)
        low = toned.lower()
        if len(low) != len(doc.text):  # a letter whose lower case is longer: keep offsets safe
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in toned)
        doc.notes["low"] = low
    return low


@cache
def first_word(word: str) -> bool:
    """Whether a (lower-case) word can open a place name."""
    return word in _first_words()


@cache
def _first_words() -> frozenset[str]:
    words = set()
    for k in _index()[0]:
        m = _WORD_END.match(k)
        if m:
            words.add(m.group(0))
    return frozenset(words)


@cache
def _index() -> tuple[dict[str, tuple[Place, ...]], int]:
    idx: dict[str, list[Place]] = {}
    longest = 1
    for p in places():
        for name in (p.name, *p.aliases):
            k = key(name)
            idx.setdefault(k, []).append(p)
            longest = max(longest, len(k.split()))
    return {k: tuple(v) for k, v in idx.items()}, longest


def is_province(p: Place) -> bool:
    return p.kind == "province" or (p.kind == "city" and not p.parent)


def match_places(low: str, pos: int, limit: int | None = None) -> tuple[int, tuple[Place, ...]]:
    """Longest gazetteer name starting at ``pos``: (end, places) or (pos, ())."""
    idx, longest = _index()
    limit = len(low) if limit is None else limit
    first = _WORD_END.match(low, pos, limit)
    if first is None or first.start() != pos or first.group(0) not in _first_words():
        return pos, ()
    best: tuple[int, tuple[Place, ...]] = (pos, ())
    prev, words = pos, 0
    prefixes = _prefixes()
    for m in _WORD_END.finditer(low, pos, min(limit, pos + 60)):
        if low[prev:m.start()].strip(" .-") or words > longest:
            break
        words, prev = words + 1, m.end()
        name = " ".join(low[pos:prev].split())
        found = idx.get(name)
        if found:
            best = (prev, found)
        if name not in prefixes:  # no longer name starts so
            break
    return best


@cache
def _prefixes() -> frozenset[str]:
    """Every gazetteer key cut after each of its words but the last (``bà rịa``, ``thành phố hồ``)."""
    out = set()
    for k in _index()[0]:
        ends = [m.end() for m in _WORD_END.finditer(k)]
        out.update(" ".join(k[:e].split()) for e in ends[:-1])
    return frozenset(out)


def pick(cands: tuple[Place, ...], province: Place | None = None, day: date | None = None,
         district_only: bool = False, kinds: set[str] | None = None) -> Place | None:
    """The best reading of an ambiguous name: in the article's province, valid on the day."""
    best: tuple[int, Place] | None = None
    for p in cands:
        if district_only and is_province(p):
            continue
        if kinds and p.kind not in kinds:
            continue
        score = 0
        if province is not None and (p.parent == province.name or p is province):
            score += 4
        if day is None or p.valid_on(day):
            score += 2
        if is_province(p):
            score += 1
        if best is None or score > best[0]:
            best = (score, p)
    return best[1] if best else None


def province_of(p: Place) -> Place | None:
    if is_province(p):
        return p
    return next((q for q in places() if is_province(q) and q.name == p.parent), None)


def phrase(p: Place) -> str:
    """How a body label names the place: ``Thành phố Hồ Chí Minh``, ``Quận 4``, ``tỉnh Bình Dương``."""
    if p.name.startswith("Thành phố ") or re.match(r"Quận \d", p.name):
        return p.name
    return f"{LEVEL_WORD.get(p.kind, '')} {p.name}".strip()
