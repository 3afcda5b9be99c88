"""Step ``clusters``: emulation clusters (Cụm thi đua), their organiser, year and members.

A cluster is numbered (``Cụm thi đua số 2``, ``Cụm thi đua 4``, ``Cụm thi đua số I``) and organised
by a body written after it (``Cụm thi đua 2 Ban Tuyên giáo Thành ủy TPHCM``, ``Cụm thi đua 4 ngành
Tuyên giáo TPHCM``) or by the article's organiser. Members come from the enumeration after
``gồm``: district shorthand (``Quận 4, 6, 8, 11, Phú Nhuận và Bình Thạnh``) expanded to the
organiser's counterpart body in each district (``Ban Tuyên giáo Quận ủy Quận 4``); committees
(``Quận ủy 1, 3, 5, 10, Tân Bình và Thành ủy Thủ Đức``); a shared prefix (``Văn phòng Đảng ủy
các phường: A, B``, ``Ban Tuyên giáo các huyện ủy: A, B``); full body names, one per line or
separated by commas; and ``X, đơn vị dẫn đầu Cụm thi đua số N`` (the unit ranked first in the
cluster's emulation: a member, not its cụm trưởng). A written ward or commune level wins over a
district of the same name (``Đảng ủy các phường: Hạ Long`` is the ward). The cluster's year is the
emulation year the article is about: the one its review or pact is for (``tổng kết hoạt động năm
2025`` held in January 2026), else the event's.

Who leads (cụm trưởng) and deputises (cụm phó) is read by ``_cluster_roles``; a role goes to the
cluster written after it or else the last one named before it, in the year the role is for: a
cluster of another year than the article's (``bầu X làm Cụm trưởng năm 2017`` at the review of
2016) is a second fact with the same organiser and number. A unit named only in its role is a member.
"""

from __future__ import annotations

import logging
import re

from vietkg.ingest.model import ClusterFact, Doc, MemberFact, OrgRef
from vietkg.ingest.steps._body_words import bare_heads, committee_levels
from vietkg.ingest.steps._cluster_lists import expand_items, split_items
from vietkg.ingest.steps._cluster_roles import Role, paren_role, read_roles
from vietkg.ingest.steps._orgs import label, read_org
from vietkg.ontology.text import key

log = logging.getLogger(__name__)

CLUSTER = re.compile(r"\b[Cc]ụm(?: thi đua)?\s+(?:số\s+)?(\d{1,2}|[IVX]{1,4})\b(?!\s*[/-]\s*\d)")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
AFTER = re.compile(r"\s*(?:[-–,]\s*|thuộc\s+|của\s+|do\s+)?")
BRANCH = re.compile(r"\s*[-–,]?\s*ngành\s+([A-ZĐ]\w+(?: [a-zđà-ỹ]+)?(?: và [A-ZĐ]\w+(?: [a-zđà-ỹ]+)?)?)")
GOM = re.compile(r"\bgồm\s+(?:có\s+)?(?:(?:\d+|các)\s+(?:đơn vị|thành viên|cơ quan|địa phương)\s*(?:là)?\s*)?:?\s*")
LEADER = re.compile(r",\s*(?:là\s+)?đơn vị dẫn đầu\s+[Cc]ụm(?: thi đua)?\s+(?:số\s+)?(\d{1,2}|[IVX]{1,4})\b")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else ROMAN.get(text, 0)


def _organiser(doc: Doc, end: int) -> OrgRef | None:
    m = BRANCH.match(doc.text, end)
    if m:  # "ngành Tuyên giáo TPHCM": the board of that name of the province's committee
        board = "Ban " + m.group(1)
        prov = doc.notes.get("province_place")
        parent = f"{prov.committee} {prov.name}" if prov is not None else ""  # type: ignore[union-attr]
        return OrgRef(f"{board} {parent}".strip(), "party-board")
    m = AFTER.match(doc.text, end)
    span = read_org(doc, m.end()) if m else None
    if span is not None and doc.text[m.end()].isupper():  # type: ignore[union-attr]
        org = label(doc, span)
        # "thuộc Khối thi đua Đảng ủy các xã, phường": a committee left bare is no organiser
        return None if key(org.label) in committee_levels() else org
    return None


def _cluster(doc: Doc, found: dict[int, ClusterFact], number: int, start: int, end: int) -> ClusterFact:
    fact = found.get(number)
    if fact is None:
        year = _emulation_year(doc)
        fact = ClusterFact(number, f"Cụm thi đua số {number}", None, year,
                           doc.evidence(start, end))
        found[number] = fact
        doc.facts.clusters.append(fact)
    if fact.organiser is None:
        fact.organiser = _organiser(doc, end)
    return fact


EMULATION_YEAR = re.compile(r"\b(?:(?P<back>tổng kết|sơ kết)|ký kết|giao ước|phát động)\b[^.;\n]{0,60}?"
                            r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b", re.I)


def _emulation_year(doc: Doc) -> int | None:
    """The emulation year the article is about: the year its review, pact or launch is for, written in
    the lead or the title (``tổng kết hoạt động năm 2025`` held on 9/1/2026; ``ký kết giao ước thi đua
    năm 2022`` signed in December 2021), else the event's year."""
    year = doc.notes.get("year")
    if not isinstance(year, int):
        return None
    lead = doc.notes.get("lead")
    spans = [lead if isinstance(lead, tuple) else (0, 0), (0, int(doc.notes.get("title_end", 0) or 0))]
    for s, e in spans:
        m = EMULATION_YEAR.search(doc.text, s, e)
        if m and int(m.group("y")) - year in ((-1, 0) if m.group("back") else (0, 1)):
            return int(m.group("y"))
    return year


RANK = {"leader": 0, "deputy": 1, "member": 2}


def _add(fact: ClusterFact, org: OrgRef, doc: Doc, start: int, end: int, role: str = "member") -> None:
    if key(org.label) in bare_heads():  # "Ủy ban MTTQ Việt Nam" alone is no member
        return
    for m in fact.members:
        if m.org.label == org.label:
            if RANK[role] < RANK[m.role]:  # a listed member named as cụm trưởng keeps both facts in one
                m.role, m.evidence = role, doc.evidence(start, end)
            return
    fact.members.append(MemberFact(org, role, doc.evidence(start, end)))


def _list_region(doc: Doc, start: int, sent_end: int) -> tuple[int, int]:
    """The enumeration after ``gồm``; a list announced by ``:`` may continue one item per line."""
    end = sent_end
    if doc.text[max(0, start - 3):sent_end].rstrip().endswith(":"):
        pos = doc.text.find("\n", sent_end)
        while pos >= 0:
            nl = doc.text.find("\n", pos + 1)
            line = doc.text[pos + 1:nl if nl >= 0 else len(doc.text)]
            if not re.match(r"\s*(?:\d{1,2}[.)]|[-–•+])\s+\S", line):
                break
            end = nl if nl >= 0 else len(doc.text)
            pos = nl
    return start, end


def _same_unit(org: OrgRef, facts: list[ClusterFact]) -> OrgRef:
    """One unit under two names keeps the longer: a listed member named again in its role (``Quận ủy
    Quận 3`` for ``Ban Tuyên giáo Quận ủy Quận 3``, ``Văn phòng Đảng ủy Bến Cát`` for ``Văn phòng Đảng
    ủy phường Bến Cát``), or a member listed by its place alone (``Bến Thành``) named in full."""
    want = _bare(org.label)
    members = [m for fact in facts for m in fact.members]
    for m in members:
        if _bare(m.org.label) == want:
            return m.org
    for m in members:
        have = _bare(m.org.label)
        if have.endswith(" " + want):
            return m.org
        if want.endswith(" " + have) and m.org.body_type == "organization" and "ủy" not in have.split():
            m.org = org  # the place alone was all the list gave
            return org
    return org


def _bare(label_: str) -> str:
    return " ".join(w for w in key(label_).split() if w not in ("phường", "xã", "thị", "trấn"))


def _year_fact(doc: Doc, base: ClusterFact, year: int | None, at: int) -> ClusterFact:
    if year is None or year == base.year or base.year is None:
        return base
    for fact in doc.facts.clusters:
        if fact.number == base.number and fact.year == year and fact.organiser == base.organiser:
            return fact
    fact = ClusterFact(base.number, base.label, base.organiser, year, doc.evidence(at, at))
    doc.facts.clusters.append(fact)
    return fact


def _roles(doc: Doc, found: dict[int, ClusterFact], mentions: list[tuple[int, int]], roles: list[Role]) -> None:
    """Each role to its cluster (written after the role, else the last named before) and year."""
    for r in sorted(roles, key=lambda r: r.at):
        number = r.number if r.number is not None else next((n for p, n in reversed(mentions) if p < r.at), None)
        if number is None:
            continue
        base = found.get(number) or _cluster(doc, found, number, r.at, r.at)
        year = r.year if r.year is not None else (base.year + r.shift if base.year is not None else None)
        org = _same_unit(r.org, [f for f in doc.facts.clusters if f.number == number])
        _add(_year_fact(doc, base, year, r.at), org, doc, r.start, r.end, r.role)


def _organiser_at(doc: Doc, found: dict[int, ClusterFact], mentions: list[tuple[int, int]], pos: int) -> OrgRef | None:
    n = next((n for p, n in reversed(mentions) if p < pos), None)
    org = found[n].organiser if n is not None else None
    fallback = doc.notes.get("organiser")
    return org or (fallback if isinstance(fallback, OrgRef) else None)


def clusters(doc: Doc) -> Doc:
    found: dict[int, ClusterFact] = {}
    mentions: list[tuple[int, int]] = []  # (offset, number) of every cluster named
    listed: list[Role] = []  # "(Cụm trưởng)" after a member in an enumeration
    last: ClusterFact | None = None
    for s, e in doc.sentences:
        for m in CLUSTER.finditer(doc.text, s, e):
            if m.group(1).isdigit() or m.group(0).startswith(("Cụm thi đua", "cụm thi đua")):
                last = _cluster(doc, found, _number(m.group(1)), m.start(), m.end())
                mentions.append((m.start(), last.number))
        g = GOM.search(doc.text, s, e)
        if g and last is not None and re.search(r"[Cc]ụm", doc.text[s:g.start()]):
            a, b = _list_region(doc, g.end(), e)
            org = last.organiser or doc.notes.get("organiser")
            items = split_items(doc, a, b)
            for item_org, (i0, i1) in expand_items(doc, items, org if isinstance(org, OrgRef) else None):
                _add(last, item_org, doc, i0, i1)
                pr = paren_role(doc, i1)
                if pr is not None:
                    listed.append(Role(item_org, pr[0], i0, i1, i1, last.number, pr[1]))
        for lm in LEADER.finditer(doc.text, s, e):
            fact = _cluster(doc, found, _number(lm.group(1)), lm.start(), lm.end())
            head = doc.text[s:lm.start()]
            pos = max(head.rfind(" cho "), head.rfind(" và "), head.rfind(", "), -1)
            pos = s + pos + (5 if head[pos:pos + 5] == " cho " else 4 if head[pos:pos + 4] == " và " else 2) \
                if pos >= 0 else s
            span = read_org(doc, pos, lm.start())
            if span is not None:
                _add(fact, label(doc, span), doc, span.start, span.end)
    review = any("tong_ket" in ev.kinds for ev in doc.facts.events)
    _roles(doc, found, mentions, listed + read_roles(doc, lambda p: _organiser_at(doc, found, mentions, p), review))
    org = doc.notes.get("organiser")
    for fact in doc.facts.clusters:
        if fact.organiser is None and isinstance(org, OrgRef):
            fact.organiser = org
    log.debug("%d clusters in %s", len(found), doc.article.source)
    return doc
