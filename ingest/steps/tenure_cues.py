"""Step ``tenure_cues``: appointments, elections, transfers and retirements reported for a person.

Reads the mentions of step ``people`` (a name and the title beside it) and marks role facts with
``RoleFact.change`` (the cue words are data: ``ontology/data/tenure_cues.csv``):

- ``<lead> đồng chí A, <title> <new> <title'>`` and ``A được <lead> <new> <title'>`` (``bổ nhiệm đồng
  chí Trần Thị Mai, Phó Trưởng Ban Tuyên giáo Quận ủy giữ chức Trưởng Ban Tuyên giáo Quận ủy``): the
  posts of ``title'`` start — ``appointed``, ``elected`` or ``transferred-in`` after the lead word
  (``giữ chức`` alone: appointed);
- on a transfer (``điều động``) the posts of the old title held in other bodies end
  (``transferred-out``; committee memberships, ``... ủy viên``, go on); a deputy made head of the same
  body ends the deputy post (``ended``);
- ``A, <title> (được) nghỉ hưu | thôi giữ chức | chuyển công tác``: the title's posts end
  (``retired``, ``ended``, ``transferred-out``).

A change is dated by ``(kể) từ ngày D/M/YYYY`` in its sentence, else by the event, like any role.
A post the article already lists for the person gets the mark; any other is added.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import cache

from vietkg.ingest.model import Doc, PartialDate, RoleFact
from vietkg.ingest.patterns import PatternError, read_rows
from vietkg.ingest.steps._places import low_text
from vietkg.ingest.steps._titles import Part, read_title
from vietkg.ingest.steps.people import Mention
from vietkg.ingest.steps.roles import title_roles
from vietkg.ontology.text import fold, key

log = logging.getLogger(__name__)

CHANGES = ("appointed", "elected", "transferred-in", "transferred-out", "retired", "ended")
_WHERE = ("lead", "new", "after")
_EFFECTIVE = re.compile(r"(?:kể\s+)?từ\s+ngày\s+(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})")


@cache
def _cues() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {w: [] for w in _WHERE}
    for n, row in enumerate(read_rows("tenure_cues.csv", ["where", "text", "change"]), 2):
        if row["where"] not in out or (row["change"] and row["change"] not in CHANGES):
            raise PatternError(f"tenure_cues.csv:{n}: bad where {row['where']!r} or change {row['change']!r}")
        out[row["where"]].append((key(row["text"]), row["change"]))
    return {w: tuple(sorted(v, key=lambda c: -len(c[0]))) for w, v in out.items()}


def _alt(where: str) -> str:
    return "|".join(re.escape(t) for t, _ in _cues()[where])


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    aux = r"(?:(?:đã|sẽ|vừa|chính thức)\s+)*(?:được\s+)?"
    new = re.compile(rf"[\s,]*{aux}(?:(?P<lead>{_alt('lead')})\s+)?(?:lại\s+)?(?P<new>{_alt('new')})\s+")
    end = re.compile(rf"[\s,]*{aux}(?P<end>{_alt('after')})\b")
    lead = re.compile(rf"\b(?P<lead>{_alt('lead')})\b")
    return new, end, lead


def _change(where: str, text: str | None) -> str:
    return next((c for t, c in _cues()[where] if t == (text or "")), "")


def _sentence(doc: Doc, pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in doc.sentences if s <= pos < e), (pos, len(doc.text)))


def _effective(doc: Doc, start: int, end: int) -> PartialDate | None:
    m = _EFFECTIVE.search(low_text(doc), start, end)
    return PartialDate.of(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def _event_date(doc: Doc) -> PartialDate | None:
    events = doc.notes.get("event_dates")
    d = events[0].get("date") if isinstance(events, list) and events and isinstance(events[0], dict) else None
    return d if isinstance(d, PartialDate) else None


def _facts(doc: Doc, m: Mention, parts: list[Part], change: str, when: PartialDate | None) -> list[RoleFact]:
    if not parts:
        return []
    title = Mention(m.name, m.start, m.end, title=parts, title_text=doc.text[parts[0].start:parts[-1].end])
    return [replace(f, change=change) for f in title_roles(doc, title, when)]


def _merge(doc: Doc, facts: list[RoleFact]) -> None:
    """Mark the same post already listed for the person, or add the fact."""
    roles = doc.facts.roles
    for f in facts:
        same = (f.name, key(f.post), f.org.label if f.org else "")
        i = next((i for i, r in enumerate(roles) if (r.name, key(r.post), r.org.label if r.org else "") == same
                  and not r.former), None)
        if i is None:
            roles.append(f)
        elif not roles[i].change:
            roles[i] = replace(roles[i], change=f.change, date=f.date or roles[i].date)


def _ends(doc: Doc, m: Mention, pos: int, sent_end: int) -> list[RoleFact]:
    _, end_re, _ = _patterns()
    hit = end_re.match(low_text(doc), pos, sent_end)
    if not hit:
        return []
    when = _effective(doc, hit.end(), sent_end) or _event_date(doc)
    return _facts(doc, m, [p for p in m.title if not p.former], _change("after", hit.group("end")), when)


def _starts(doc: Doc, m: Mention, pos: int, sent: tuple[int, int]) -> list[RoleFact]:
    new_re, _, lead_re = _patterns()
    low = low_text(doc)
    hit = new_re.match(low, pos, sent[1])
    if not hit:
        return []
    lead = hit.group("lead")
    if not lead:
        before = list(lead_re.finditer(low, max(sent[0], m.start - 60), m.start))
        lead = before[-1].group("lead") if before else None
    if not lead and hit.group("new") == "làm":
        return []  # "làm" alone is too common a verb to read as an appointment
    change = _change("lead", lead) or "appointed"
    parts = read_title(doc, hit.end(), sent[1])
    when = _effective(doc, hit.end(), sent[1]) or _event_date(doc)
    new = _facts(doc, m, parts, change, when)
    return new + _old_posts(doc, m, new, change, when)


def _old_posts(doc: Doc, m: Mention, new: list[RoleFact], change: str, when: PartialDate | None) -> list[RoleFact]:
    """The title the person had before: left on a transfer; a deputy post left on promotion."""
    old = _facts(doc, m, [p for p in m.title if not p.former], "", when)
    new_orgs = {f.org.label for f in new if f.org}
    heads = {(fold(f.post), f.org.label) for f in new if f.org}
    out = []
    for f in old:
        org = f.org.label if f.org else ""
        if change == "transferred-in" and org not in new_orgs and "uy vien" not in fold(f.post):
            out.append(replace(f, change="transferred-out"))
        elif fold(f.post).startswith("pho ") and (fold(f.post)[4:].removesuffix(" thuong truc"), org) in heads:
            out.append(replace(f, change="ended"))
    return out


def tenure_cues(doc: Doc) -> Doc:
    mentions = doc.notes.get("mentions")
    for m in mentions if isinstance(mentions, list) else []:
        if not isinstance(m, Mention):
            continue
        pos = max([m.end] + [p.end for p in m.title if p.start >= m.end])
        sent = _sentence(doc, m.start)
        _merge(doc, _starts(doc, m, pos, sent) or _ends(doc, m, pos, sent[1]))
    return doc
