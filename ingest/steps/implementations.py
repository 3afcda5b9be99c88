"""Step ``implementations``: which unit implements, committed to or was directed to a document.

For each cited document (``doc_spans`` from ``documents``), in its sentence:

- directed — the nearest ``đề nghị|yêu cầu|chỉ đạo`` before it, and the unit right after that
  cue (``đề nghị Huyện uỷ Hóc Môn ... Kết luận 01-KL/TW``);
- committed — a pact's content (``cam kết``, ``giao ước``, ``phấn đấu``; a paragraph opened by
  ``Theo nội dung giao ước``), the units named before the cue;
- reported / reviewed — ``<unit> đã triển khai|thực hiện|quán triệt|bám sát ... <document>``;
  ``<unit> tổ chức hội nghị sơ kết ... thực hiện <document>``; a fronted clause ``Để thực hiện
  <document> ... của <issuer>, <unit> <verb> ...`` (the main clause's subject; up to two adverbials
  may open the sentence: ``Trước đó, ngày 15/10, thực hiện ...``). A body inside a speaker's title
  (``Đồng chí X, Phó Trưởng Ban ... quán triệt ...``) is not the subject; ``Thường trực`` and ``Ban
  Thường vụ`` of a committee act for the committee.

``các đơn vị (trong cụm)`` and a cluster as subject expand to every listed member of the article's
cluster; ``Ban`` alone is the article's organising body; generic subjects (``ngành Tuyên giáo
tỉnh``, ``cấp ủy các cấp``, ``Ban Tuyên giáo các huyện ủy``) give nothing. Cues are data
(``impl_cues.csv``). A Kế hoạch or Chương trình that carries out another document links to it.
"""

from __future__ import annotations

import itertools
import logging
import re
from functools import cache

from vietkg.ingest.model import ClusterFact, Doc, DocLinkFact, ImplementationFact, OrgRef
from vietkg.ingest.patterns import doc_nouns, impl_cues
from vietkg.ingest.steps._body_words import bare_heads, match_word
from vietkg.ingest.steps._orgs import label, read_org
from vietkg.ingest.steps._places import low_text
from vietkg.ontology.text import key

log = logging.getLogger(__name__)

GENERIC = re.compile(r"^(?:[\w ]{0,30}?\bcác\s+(?:đơn vị|thành viên|cơ quan|trường|địa phương"
                     r"|tỉnh|thành phố|thị xã|quận|huyện|phường|xã)"
                     r"(?:,?\s+\w+){0,3}?\s+(?:trong|thuộc|của)\s+[Cc]ụm|các\s+(?:đơn vị|thành viên|cơ quan|trường)\b)")
CONTINUES = re.compile(r"(?:ngày|của|về|số|khóa|và)\b|\d")  # a document's description goes on
VERB_AFTER_SUBJECT = re.compile(r"\s+(?!(?:của|về|ngày|số|khóa|và|cùng|thuộc|trực thuộc)\b)[a-zà-ỹđ]")
PACT = re.compile(r"(?:nội dung|theo)\s+(?:ký kết|giao ước)|theo giao ước", re.I)
PREDICATE = re.compile(r"(?<!\w)(?:đã|đang|sẽ)(?!\w)")  # aspect words: a main clause's predicate
ACTING = re.compile(r"Thường trực\s+")
NOT_SUBJECT = re.compile(r"(?:của|với|tại|cho|về|theo|đến|từ|hướng dẫn|chỉ đạo)\s+$")


@cache
def _cue_rx() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every cue at every position (a look-ahead, so a cue inside a longer one is found too)."""
    modes = {cue: mode for mode, cue in impl_cues()}
    alts = "|".join(map(re.escape, sorted(modes, key=len, reverse=True)))
    return re.compile(rf"(?=(?<!\w)({alts})(?!\w))"), modes


def _cues(low: str, text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    rx, modes = _cue_rx()
    return [(m.start(), m.start() + len(m.group(1)), modes[m.group(1)])
            for m in rx.finditer(low, s, e) if text[m.start()].islower() and m.start() + len(m.group(1)) <= e]


def _members(doc: Doc) -> ClusterFact | None:
    best = max(doc.facts.clusters, key=lambda c: len(c.members), default=None)
    return best if best is not None and best.members else None


def _unit_at(doc: Doc, pos: int, limit: int) -> list[OrgRef] | None:
    """The unit written at ``pos``: a body, ``Ban`` alone, or the cluster's members (None: nothing)."""
    text = doc.text
    while pos < limit and text[pos] == " ":
        pos += 1
    if text.startswith("đồng chí", pos):
        return None
    pos = _acting_for(doc, pos)
    tail = text[pos:pos + 90]
    cluster = _members(doc)
    if GENERIC.match(tail):
        return [m.org for m in cluster.members] if cluster else None
    span = read_org(doc, pos, limit)
    if span is None:
        return None
    after = text[span.end:span.end + 6]
    if re.match(r"\s+các\b", after):
        return None
    if span.kind == "head" and span.end - span.start <= 4 and span.head == "Ban":
        org = doc.notes.get("organiser")
        return [org] if isinstance(org, OrgRef) else None
    org = label(doc, span)
    if org.label.startswith("Ban Thường vụ ") and org.parent is not None:
        org = org.parent  # the standing board acts for its committee
    elif org.label.startswith("Ban Thường vụ Đảng ủy "):  # "... Đảng ủy Khối Doanh nghiệp tỉnh": the same
        org = OrgRef(org.label.removeprefix("Ban Thường vụ "), "organization")
    return [org]


def _title_spans(doc: Doc) -> list[tuple[int, int]]:
    """Where the titles written beside people's names stand (``Đồng chí X, Phó Trưởng Ban ...``)."""
    mentions = doc.notes.get("mentions")
    return [(m.title[0].start, m.title[-1].end) for m in mentions if m.title] if isinstance(mentions, list) else []


def _subject(doc: Doc, s: int, cue: int) -> list[OrgRef] | None:
    """The unit that is the subject of a clause ending at ``cue``."""
    low = low_text(doc)
    start = max(s, doc.text.rfind(";", s, cue) + 1)
    cluster = _members(doc)
    head = doc.text[start:cue]
    if cluster and re.search(r"\bcác\s+(?:đơn vị|thành viên|cơ quan|trường)\b|cụm thi đua", head, re.I):
        return [m.org for m in cluster.members]
    found: list[OrgRef] = []
    pos = start
    titles = _title_spans(doc)
    skip = start
    for m in re.finditer(r"\w+", head):
        at = start + m.start()
        if at < max(pos, skip) or not doc.text[at].isupper():
            continue
        if NOT_SUBJECT.search(low[max(start, at - 20):at]):
            span = read_org(doc, at, cue)  # "của Ban Thường vụ Thành ủy": the whole body is no subject
            skip = span.end if span is not None else skip
            continue
        if any(a <= at < b for a, b in titles):
            continue  # the body of a speaker's title: the person acts, not the body
        if found and not re.fullmatch(r"\s*(?:,|và)\s*", doc.text[pos:at]):
            break
        units = _unit_at(doc, at, cue)
        if units:
            found.extend(units)
            span = read_org(doc, at, cue)
            pos = span.end if span is not None else at + 1
    if found:
        return found
    if re.search(r"\bnhằm\b", head):
        org = doc.notes.get("organiser")
        return [org] if isinstance(org, OrgRef) else None
    return None


def _pact_scope(doc: Doc, s: int) -> bool:
    line_start = doc.text.rfind("\n", 0, s) + 1
    return bool(PACT.search(doc.text, line_start, s + 1) or PACT.search(doc.text[line_start:s]))


@cache
def _fronted() -> re.Pattern[str]:
    """A sentence opened by a reported cue: ``Để thực hiện ...``, ``Năm 2022, triển khai ...``."""
    cues = sorted((c for mode, c in impl_cues() if mode == "reported"), key=len, reverse=True)
    return re.compile(rf"(?:[^,;.\n]{{0,40}},\s*){{0,2}}(?:(?:để|nhằm)\s+)?(?:{'|'.join(map(re.escape, cues))})(?!\w)")


def _fronted_subject(doc: Doc, s: int, e: int, at: int) -> list[OrgRef] | None:
    """``Để thực hiện <document> ... của Ban Thường vụ Tỉnh ủy, Huyện ủy X phát động ...``: a document
    in a fronted clause is implemented by the subject of the main clause. The clause goes on over
    commas before another document or its description (``, Kế hoạch số ...``, ``, ngày ...``) and over
    a lower-case list inside the description (``về học tập, quán triệt và triển khai ...``) that has
    no predicate (``đã``, ``đang``, ``sẽ``); it ends at the first other comma: the unit after it, when
    a verb follows, is the subject."""
    m = _fronted().match(low_text(doc), s, e)
    if m is None or m.end() > at:
        return None
    for comma in re.finditer(r",\s*", doc.text[m.end():e]):
        pos = m.end() + comma.end()
        if CONTINUES.match(doc.text, pos, e) or any(doc.text.startswith(n, pos) for n in doc_nouns()):
            continue
        nxt = doc.text.find(",", pos, e)
        if doc.text[pos:pos + 1].islower() and not PREDICATE.search(doc.text, pos, nxt if nxt >= 0 else e):
            continue
        if pos < at:
            return None  # the document is in the main clause
        span = read_org(doc, _acting_for(doc, pos), e) if doc.text[pos:pos + 1].isupper() else None
        if span is None or not VERB_AFTER_SUBJECT.match(doc.text, span.end, e):
            return None
        return _unit_at(doc, pos, e)
    return None


def _acting_for(doc: Doc, pos: int) -> int:
    """``Thường trực Huyện ủy X``: the standing members act for their committee (where it starts)."""
    m = ACTING.match(doc.text, pos)
    return m.end() if m and match_word(low_text(doc), m.end(), "committee") else pos


def _units_for(doc: Doc, s: int, e: int, at: int) -> tuple[list[OrgRef] | None, str]:
    fronted = _fronted_subject(doc, s, e, at)
    if fronted:
        return fronted, "reported"
    cues = [c for c in _cues(low_text(doc), doc.text, s, e) if c[1] <= at]
    directed = [c for c in cues if c[2] == "directed"]
    if directed:
        units = _unit_at(doc, directed[-1][1], e)
        if units:
            return units, "directed"
    committed = [c for c in cues if c[2] == "committed"]
    if committed or _pact_scope(doc, s):
        units = _subject(doc, s, committed[-1][0] if committed else at)
        cluster = _members(doc)
        if units is None and cluster:
            units = [m.org for m in cluster.members]
        return units, "committed"
    for c in reversed([c for c in cues if c[2] in ("reported", "reviewed")]):
        units = _subject(doc, s, c[0])
        if units:
            return units, "reviewed" if any(x[2] == "reviewed" for x in cues) else "reported"
    return None, ""


def implementations(doc: Doc) -> Doc:
    spans = doc.notes.get("doc_spans")
    if not isinstance(spans, list):
        return doc
    cluster = _members(doc)
    seen: set[tuple[str, str]] = set()
    for a, b, symbol in spans:
        s, e = next(((x, y) for x, y in doc.sentences if x <= a < y), (a, b))
        units, mode = _units_for(doc, s, e, a)
        for unit in units or []:
            if (symbol, unit.label) in seen or key(unit.label) in bare_heads():  # "Đảng ủy" alone: no one
                continue
            seen.add((symbol, unit.label))
            via = cluster.number if cluster and any(m.org is unit for m in cluster.members) else None
            doc.facts.implementations.append(ImplementationFact(unit, symbol, mode, doc.evidence(a, b),
                                                                via_cluster=via))
    _links(doc, spans)
    return doc


def _links(doc: Doc, spans: list[tuple[int, int, str]]) -> None:
    """``Kế hoạch số 123-KH/TU ... thực hiện Nghị quyết 35-NQ/TW``: the plan implements the resolution."""
    for (a, b, src), (c, _, tgt) in itertools.pairwise(spans):
        if src == tgt or not re.search(r"-(?:KH|CTr|CTrHĐ|HD)/", src):
            continue
        between = low_text(doc)[b:c]
        if len(between) < 120 and re.search(r"\b(?:thực hiện|triển khai|cụ thể hóa)\b", between) and "." not in between:
            doc.facts.doc_links.append(DocLinkFact(src, tgt, "implements", doc.evidence(a, c)))
