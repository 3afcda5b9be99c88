"""Step ``people``: personal names and the titles written beside them.

A name is a surname (``surnames.csv``) and one to four more capitalised syllables. It is a person
only in a person's context: after a courtesy word (``not_people.csv``: ``đồng chí``, ``ông``,
``bà``, ``đ/c`` ...; a capitalised ``Ông`` opening a caption is no part of the name that follows),
in an attendee list (``Tham dự có các đồng chí: A, title; B, title``), before a title (``X, Phó Bí
thư ...``, ``ông X - Trưởng ban ...``) or after one (``Bí thư Quận uỷ Ba Đình Hoàng Minh Dũng
Tiến``, ``Phó Bí thư Thị ủy, Chủ tịch HĐND thị xã Y``). Names of places, streets and ideologies
(``not_people.csv``, the gazetteer) are skipped — but after a title that ends in a bare district
level (``Phó Chủ tịch UBND quận Z``) the name is the holder's, and after a bare ward level too when
the title opens its clause and the article names its ward otherwise. A run that opens with a post
(``Phó Trưởng Ban Tuyên``: Phó is also a surname) is a title, never a person. Each mention is kept in
``doc.notes["mentions"]`` for the roles and events steps.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache

from vietkg.ingest.model import Doc, PersonFact
from vietkg.ingest.patterns import not_people, surnames
from vietkg.ingest.steps._places import low_text, match_places
from vietkg.ingest.steps._titles import Part, match_post, read_title, title_before
from vietkg.ontology.text import canon, key

log = logging.getLogger(__name__)

# A syllable; the Ê Đê and Jrai women's prefix H' is glued to the name it opens (H'Ngia, H’Hen).
_WORD = re.compile(r"\w+(?:['’]\w+)?")
_APOS_NAME = re.compile(r"(\w['’])(\w+)")
CLAUSE_END = re.compile(r"[.;:!?()\n\"“”]|\bcó\s|\s[-–]\s|,\s")
LIST_END = re.compile(r"[.;:!?()\n\"“”]|\bcó\s|\s[-–]\s")  # a title list goes on over commas
DISTRICT_LEVELS = ("quận", "huyện", "thị xã")  # levels the gazetteer lists completely
WARD_LEVEL_END = re.compile(r"(?<!\w)(phường|xã|thị trấn|đặc khu)$", re.I)  # levels it does not list


@cache
def honorific() -> re.Pattern[str]:
    """A courtesy word (``not_people.csv``) right before a name: ``ông``, ``Bà``, ``các đồng chí:``."""
    words = sorted(not_people()["honorific"], key=len, reverse=True)
    alts = "|".join(f"[{w[:1]}{w[:1].upper()}]{re.escape(w[1:])}" for w in words)
    return re.compile(rf"(?<!\w)(?:(?:các\s+)?(?:{alts})\s*:?)\s*$")


@dataclass
class Mention:
    name: str
    start: int
    end: int
    title: list[Part] = field(default_factory=list)
    title_text: str = ""
    strong: bool = False  # a person's context was seen, not just a repeated name


def _is_name_word(w: str) -> bool:
    m = _APOS_NAME.fullmatch(w) if "'" in w or "’" in w else None
    if m:  # H'Ngia: a capital prefix, an apostrophe and a capitalised syllable
        return m.group(1)[0].isupper() and _is_name_word(m.group(2))
    return w[:1].isupper() and (len(w) == 1 or w[1:].islower()) and not w.isdigit()


def is_surname(w: str) -> bool:
    """A family name (``surnames.csv``), or an apostrophe prefix listed there (``H'`` of ``H'Ngia``)."""
    m = _APOS_NAME.fullmatch(w) if "'" in w or "’" in w else None
    return key(m.group(1).replace("’", "'") if m else w) in surnames()


def candidates(doc: Doc) -> list[tuple[int, int]]:
    """Spans of surname-led runs of 2-5 capitalised syllables, places cut off their front."""
    text, low = doc.text, low_text(doc)
    words = list(_WORD.finditer(text))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        w = words[i]
        if not _is_name_word(w.group(0)) or not is_surname(w.group(0)) or _honorific_before_name(words, i, text):
            i += 1
            continue
        place_end, places = match_places(low, w.start())
        j = i
        while j + 1 < len(words) and j - i < 4 and text[words[j].end():words[j + 1].start()] == " " \
                and _is_name_word(words[j + 1].group(0)):
            j += 1
        run_end = words[j].end()
        if places and place_end <= run_end:
            if place_end >= run_end:
                i = j + 1
                continue
            i = next(k for k in range(i, j + 1) if words[k].end() >= place_end) + 1
            continue
        if j > i:
            out.append((w.start(), run_end))
        i = j + 1
    return out


def _honorific_before_name(words: list[re.Match[str]], i: int, text: str) -> bool:
    """``Ông Phạm Văn A``: a courtesy word that is also a surname, opening a surname-led name (after
    another courtesy word it is the surname: ``bà Ông Thị Hồng``)."""
    if key(words[i].group(0)) not in not_people()["honorific"] or i + 1 >= len(words):
        return False
    if honorific().search(text[max(0, words[i].start() - 20):words[i].start()]):
        return False
    nxt = words[i + 1]
    return text[words[i].end():nxt.start()] == " " and _is_name_word(nxt.group(0)) and key(nxt.group(0)) in surnames()


def _not_person(doc: Doc, start: int, end: int) -> bool:
    bad = not_people()
    name = doc.text[start:end]
    if any(name.startswith(n) or name.endswith(n) for n in bad["name"]):
        return True
    if match_post(doc, start) is not None:  # "Phó Trưởng Ban Tuyên": a title (Phó is a surname too)
        return True
    before = doc.text[max(0, start - 40):start].rstrip()
    if not any(before.endswith(" " + b) or before == b for b in bad["before"]):
        return False
    return not (_titled_level(doc, start, before) or _ward_holder(doc, start, end, before))


def _titled_level(doc: Doc, start: int, before: str) -> bool:
    """``Phó Chủ tịch UBND quận Chu Quang Thụy``: a title ending in a bare district level (its place is
    the article's) before a name. The gazetteer lists every quận, huyện and thị xã, and a name after
    one that is no place in it (``candidates`` skips those) is the title holder's."""
    if not re.search(rf"(?<!\w)(?:{'|'.join(DISTRICT_LEVELS)})$", before, re.I):
        return False
    return bool(title_before(doc, _clause_start(doc, start, LIST_END), start))


def _ward_holder(doc: Doc, start: int, end: int, before: str) -> bool:
    """``Phó Bí thư Thường trực Đảng ủy phường Trịnh Quốc Việt``: the gazetteer lists no wards or
    communes, so a name after a title ending in a bare ward level is the holder's only when the title
    opens its clause (not the title after an earlier name: ``ông A, Chủ tịch UBND phường Nguyễn Thái
    Bình``), the article names a ward with that level elsewhere (the one the title means) and never
    writes this name as one."""
    m = WARD_LEVEL_END.search(before)
    if m is None:
        return False
    cs = _clause_start(doc, start, LIST_END)
    parts = title_before(doc, cs, start)
    if not parts or _after_a_name(doc, cs, parts[0].start):
        return False
    places = _level_places(doc, m.group(1).lower(), start)
    name = key(doc.text[start:end])
    return bool(places) and not any(p.startswith(name) for p in places)


def _after_a_name(doc: Doc, cs: int, at: int) -> bool:
    """The title at ``at`` follows a name and a comma or dash (``ông Lê Văn A, Chủ tịch ...``)."""
    words = list(_WORD.finditer(doc.text, cs, at))
    tail = doc.text[words[-1].end():at] if words else ""
    if not re.fullmatch(r"\s*(?:,|[-–])\s*", tail):
        return False
    run = []
    for w in reversed(words):
        if not _is_name_word(w.group(0)):
            break
        run.append(w.group(0))
    return len(run) >= 2 and key(run[-1]) in surnames()


def _level_places(doc: Doc, level: str, skip: int) -> list[str]:
    """The capitalised runs the article writes after a level word (``phường Ba Đình``), leaving out
    the one at ``skip`` and those that end a title before a name."""
    out = []
    for m in re.finditer(rf"(?<!\w){re.escape(level)} (?=\w)", low_text(doc)):
        at = m.end()
        words = []
        for w in _WORD.finditer(doc.text, at, at + 60):
            if w.start() != at or not (w.group(0)[0].isupper() or w.group(0).isdigit()):
                break
            words.append(w.group(0))
            at = w.end() + 1
        if not words or m.end() == skip or title_before(doc, _clause_start(doc, m.end(), LIST_END), m.end()):
            continue
        out.append(key(" ".join(words)))
    return out


def _swallows_name(part: Part) -> bool:
    """A title read on into a name after a bare district level (``Chủ tịch UBND quận Nguyễn Xuân
    Phong``): the gazetteer lists every quận, huyện and thị xã, so a surname-led run there is a person."""
    org = part.org
    if org is None or org.place is not None or org.level not in DISTRICT_LEVELS:
        return False
    words = org.place_text.split()
    return len(words) >= 2 and key(words[0]) in surnames()


def _clause_start(doc: Doc, pos: int, ends_at: re.Pattern[str] = CLAUSE_END) -> int:
    lo = max(0, pos - 160)
    ends = [m.end() for m in ends_at.finditer(doc.text, lo, pos) if not _inner_dash(doc, m.group(0), m.end())]
    return ends[-1] if ends else lo


def _inner_dash(doc: Doc, sep: str, after: int) -> bool:
    """`` - `` inside a body name (``Sở Lao động - Thương binh và Xã hội``): a capitalised word that
    opens neither a post nor a name follows it, so it does not end the clause."""
    if sep.strip() not in ("-", "–"):
        return False
    m = _WORD.match(doc.text, after)
    return bool(m) and m.group(0)[:1].isupper() and key(m.group(0)) not in surnames() \
        and match_post(doc, after) is None


def _title_after(doc: Doc, end: int) -> tuple[list[Part], int]:
    m = re.compile(r"\s*(?:,|[-–])\s*|\s+\(").match(doc.text, end)
    if not m or "(" in m.group(0):
        return [], end
    limit = next((x.start() for x in re.finditer(r"[;:()\n.]|\.\.\.", doc.text[m.end():m.end() + 300])),
                 300) + m.end()
    parts = read_title(doc, m.end(), limit)
    return parts, m.end()


def _mention(doc: Doc, start: int, end: int) -> Mention | None:
    if _not_person(doc, start, end):
        return None
    ment = Mention(canon(doc.text[start:end]), start, end)
    before = doc.text[max(0, start - 20):start]
    after, tstart = _title_after(doc, end)
    if after and _swallows_name(after[-1]):
        after = []  # "Bí thư Quận ủy A, Chủ tịch UBND quận B": the title before B, not A's
    if after:
        ment.title, ment.strong = after, True
        ment.title_text = doc.text[tstart:after[-1].end]
    else:
        cs = _clause_start(doc, start, LIST_END)  # "Phó Bí thư Thị ủy, Chủ tịch HĐND thị xã X"
        parts = title_before(doc, cs, start) if cs < start else []
        if parts:
            ment.title, ment.strong = parts, True
            ment.title_text = doc.text[parts[0].start:parts[-1].end]
    if honorific().search(before) or re.search(r";\s*$", before):
        ment.strong = ment.strong or bool(honorific().search(before))
    return ment


def people(doc: Doc) -> Doc:
    title_end = int(doc.notes.get("title_end", 0) or 0)
    found: list[Mention] = []
    for start, end in candidates(doc):
        m = _mention(doc, start, end)
        if m is not None:
            found.append(m)
    strong = {m.name for m in found if m.strong}
    mentions = [m for m in found if m.name in strong]
    doc.notes["mentions"] = mentions
    seen: set[str] = set()
    for m in mentions:
        if m.name not in seen and m.start >= title_end:
            seen.add(m.name)
            doc.facts.people.append(PersonFact(m.name, doc.evidence(m.start, m.end)))
    return doc
