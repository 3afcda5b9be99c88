"""Step ``roles``: each person's title split into (post, body) observations dated by the event.

``Thành ủy viên, Phó Trưởng ban Tuyên giáo Thành ủy`` gives ``Thành ủy viên`` of ``Thành ủy
Thành phố Hồ Chí Minh`` and ``Phó Trưởng ban`` of ``Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh``.
A body the title leaves out is completed from the title itself (``Bí thư Quận ủy, Chủ tịch HĐND quận
Bình Thạnh``; ``Phó Bí thư Đảng ủy, Chủ tịch UBND phường Xuân Hòa`` when the later part's level is
one the committee leads) or the article (``Phó Bí thư Thường trực Quận ủy`` in an article about Bình
Tân; ``Thị ủy`` where the article writes ``Thị ủy Dĩ An``);
``Ủy viên Ban Thường vụ`` alone takes the committee of the next part; ``nguyên`` marks a former post.
"""

from __future__ import annotations

import logging

from vietkg.ingest.model import Doc, OrgRef, PartialDate, RoleFact
from vietkg.ingest.steps._orgs import committee_label, district_in, is_bare_committee, label, placed_like
from vietkg.ingest.steps._titles import Part
from vietkg.ingest.steps.people import Mention
from vietkg.ontology import Place
from vietkg.ontology.text import canon

log = logging.getLogger(__name__)


def _context_committee(doc: Doc) -> OrgRef | None:
    for k in ("district_place", "province_place"):
        p = doc.notes.get(k)
        if isinstance(p, Place):
            return OrgRef(committee_label(doc, p.committee, p), "party-committee")
    return None


def _committee_of(doc: Doc, parts: list[Part], i: int, hint: Place | None) -> OrgRef | None:
    """``Ủy viên Ban Thường vụ``: the committee written after it, or that of the next part. A body
    written right after it that is no party committee has the standing board (``Ủy viên Ban Thường vụ
    Trung ương Đoàn``, ``... Hội LHPN tỉnh``)."""
    own = parts[i].org
    if own is not None and own.kind in ("central", "head") and not own.committee:
        return label(doc, own, hint)
    for part in parts[i:]:
        org = part.org
        if org is None:
            continue
        if org.kind == "committee":
            return label(doc, org, hint)
        if org.committee:
            return OrgRef(committee_label(doc, org.committee, org.place, org.place_text, hint, org.level),
                          "party-committee")
    return _context_committee(doc)


def part_org(doc: Doc, parts: list[Part], i: int, hint: Place | None) -> OrgRef | None:
    part = parts[i]
    fixed = part.post.org
    if fixed == "@committee":
        return _committee_of(doc, parts, i, hint)
    if fixed.endswith(("ủy", "Ủy")) and " " in fixed and fixed.split()[0] in (
            "Thành", "Tỉnh", "Quận", "Huyện", "Thị", "Đảng"):
        return OrgRef(committee_label(doc, fixed, None, hint=hint), "party-committee")
    if fixed:
        return OrgRef(fixed, "central-body")
    if part.org is not None:
        return label(doc, part.org, hint)
    return None


def _placed_by_later_part(doc: Doc, parts: list[Part], i: int) -> OrgRef | None:
    """A bare committee placed by a later part of the same title: ``Phó Bí thư Đảng ủy, Chủ tịch
    UBND phường Xuân Hòa`` (the comma list names the place once, at its end)."""
    org = parts[i].org
    if parts[i].post.org or org is None or not is_bare_committee(org):
        return None
    for later in parts[i + 1:]:
        if later.org is not None and not is_bare_committee(later.org):
            placed = placed_like(doc, org, later.org)
            if placed is not None:
                return placed
    return None


def title_roles(doc: Doc, m: Mention, date: PartialDate | None) -> list[RoleFact]:
    if not m.title:
        return []
    hint = district_in(doc, m.title[0].start, m.title[-1].end)
    out = []
    for i, part in enumerate(m.title):
        org = _placed_by_later_part(doc, m.title, i) or part_org(doc, m.title, i, hint)
        if org is None:
            continue
        post = part.post.post if part.post.post != part.post.written else canon(part.post_text)
        out.append(RoleFact(m.name, post, org, canon(m.title_text), date,
                            doc.evidence(part.start, part.end), former=part.former))
    return out


def best_mentions(doc: Doc) -> dict[str, Mention]:
    """Per person, the mention with the longest title (the attendee list usually)."""
    best: dict[str, Mention] = {}
    mentions = doc.notes.get("mentions")
    for m in mentions if isinstance(mentions, list) else []:
        cur = best.get(m.name)
        if cur is None or len(m.title_text) > len(cur.title_text):
            best[m.name] = m
    return best


def roles(doc: Doc) -> Doc:
    events = doc.notes.get("event_dates")
    date = events[0]["date"] if isinstance(events, list) and events else None
    for m in best_mentions(doc).values():
        doc.facts.roles.extend(title_roles(doc, m, date if isinstance(date, PartialDate) else None))
    return doc
