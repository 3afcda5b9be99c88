"""Tenures derived from post observations: the ``career`` and ``holders`` questions.

Every article's statement that a person holds a post is kept as a ``vkg:PostObservation``; a tenure
is derived, never stored. Rules, for one person (canonical IRI, see ``identity.py``) and one post
(role + canonical body):

- observations are taken in date order (earliest bound; undated ones last);
- a current observation extends the open tenure, or opens one; ``start`` is the date of an
  appointment, election or transfer reported for it (``vkg:change``: appointed, elected,
  transferred-in), else the first date it is seen;
- a reported retirement, transfer away or end of duties (retired, transferred-out, ended) closes the
  tenure on that date (``end``); otherwise ``end`` is the last date it is seen;
- a "nguyên ..." (former) observation closes the open tenure: it ended by that date (``ended_by``);
  a current observation after that opens a new tenure (the same post held twice);
- being seen later as head of the same body (``Phó Trưởng ban`` -> ``Trưởng ban``, ``Phó Bí thư`` ->
  ``Bí thư``) closes the deputy tenure by the start of the head's (``end_cue`` promoted);
- a body's dissolution (``vkg:validUntil``, e.g. merged on 2025-02-03) closes what is open in it.

Dates keep the article's precision (``2023``, ``2023-05``, ``2023-05-17``); comparisons use the
earliest/latest bounds, so "who held X in 2023" finds a tenure seen only "năm 2023".
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from vietkg.graph.store import QueryResult
from vietkg.ontology.text import fold

log = logging.getLogger(__name__)

STARTS = ("appointed", "elected", "transferred-in")
ENDS = ("retired", "transferred-out", "ended")
CAREER_COLUMNS = ["person", "name", "post", "organization", "start", "end", "sources", "start_cue", "end_cue",
                  "ended_by", "observations", "org"]
HOLDER_COLUMNS = ["person", "name", "post", "organization", "start", "end", "end_cue", "ended_by", "sources"]


class DateParamError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Span:
    """A partial date: its text and its earliest and latest days."""

    earliest: date
    latest: date
    text: str

    @classmethod
    def parse(cls, text: str) -> Span:
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
        if not m:
            raise DateParamError(f"expected a date like 2023, 2023-05 or 2023-05-17, not {text!r}")
        y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
        try:
            if d:
                day = date(y, mo, d)
                return cls(day, day, day.isoformat())
            if mo:
                nxt = date(y + (mo == 12), mo % 12 + 1, 1)
                return cls(date(y, mo, 1), date.fromordinal(nxt.toordinal() - 1), f"{y:04d}-{mo:02d}")
            return cls(date(y, 1, 1), date(y, 12, 31), f"{y:04d}")
        except ValueError as e:
            raise DateParamError(f"{text!r}: {e}") from e

    @classmethod
    def of(cls, text: str | None, earliest: str | None, latest: str | None) -> Span | None:
        if not text:
            return None
        if earliest and latest:
            return cls(date.fromisoformat(earliest[:10]), date.fromisoformat(latest[:10]), text)
        return cls.parse(text)


@dataclass(frozen=True)
class Obs:
    person: str
    name: str
    post: str
    role: str
    org: str
    organization: str
    former: bool
    change: str
    when: Span | None
    source: str
    org_until: Span | None = None


@dataclass
class Tenure:
    person: str
    name: str
    post: str
    role: str
    org: str
    organization: str
    seen: list[Obs] = field(default_factory=list)  # current observations
    start: Span | None = None
    start_cue: str = ""
    end: Span | None = None
    end_cue: str = ""
    ended_by: Span | None = None
    sources: set[str] = field(default_factory=set)

    def add(self, o: Obs) -> None:
        self.sources.add(o.source)
        if o.former:
            return
        self.seen.append(o)
        if o.change in STARTS and o.when and not self.start_cue:
            self.start, self.start_cue = o.when, o.change
        if o.change in ENDS and o.when:
            self.end, self.end_cue = o.when, o.change

    def close_by(self, when: Span | None, cue: str) -> None:
        if when is None or self.end_cue in ENDS:
            return
        if self.ended_by is None or when.earliest < self.ended_by.earliest:
            self.ended_by, self.end_cue = when, cue

    @property
    def closed(self) -> bool:
        return self.ended_by is not None or self.end_cue in ENDS

    def finish(self) -> None:
        dated = sorted(o.when for o in self.seen if o.when)
        if self.start is None and dated:
            self.start, self.start_cue = dated[0], "first seen"
        if self.end is None and dated:
            self.end = max(dated, key=lambda s: (s.latest, s.earliest))
            self.end_cue = self.end_cue or "last seen"

    def held_on(self, when: Span) -> bool:
        if self.start is None or self.end is None:
            return False
        return self.start.earliest <= when.latest and self.end.latest >= when.earliest


def observations(result: QueryResult) -> list[Obs]:
    """Rows of an observation query (see ``career.rq``) as observations, one per (obs, article)."""
    seen: dict[tuple[str, str], Obs] = {}
    for r in result.rows:
        if not r.get("obs") or not r.get("person"):
            continue
        change = (r.get("change") or "").rsplit("/", 1)[-1]
        o = Obs(person=r["person"] or "", name=r.get("name") or "", post=r.get("post") or "",
                role=r.get("role") or "", org=r.get("org") or "", organization=r.get("organization") or "",
                former=(r.get("former") or "false") in ("true", "1"), change=change,
                when=Span.of(r.get("dateText"), r.get("earliest"), r.get("latest")), source=r.get("source") or "",
                org_until=Span.parse(r["orgUntil"][:10]) if r.get("orgUntil") else None)
        k = (r["obs"] or "", o.source)
        prev = seen.get(k)
        if prev is None or (o.name, o.organization, o.post) < (prev.name, prev.organization, prev.post):
            seen[k] = o  # several labels for one node: keep the smallest, deterministically
    return list(seen.values())


def _order(o: Obs) -> tuple[date, date, str]:
    far = date.max
    return (o.when.earliest, o.when.latest, o.source) if o.when else (far, far, o.source)


def build_tenures(obs: list[Obs]) -> list[Tenure]:
    """Tenures of every (person, post) in ``obs`` (see the module docstring for the rules)."""
    groups: dict[tuple[str, str, str], list[Obs]] = defaultdict(list)
    for o in obs:
        groups[(o.person, o.role, o.org)].append(o)
    out: list[Tenure] = []
    for _, items in sorted(groups.items()):
        out.extend(_split(sorted(items, key=_order)))
    _promotions(out)
    for t in out:
        t.finish()
        until = next((o.org_until for o in t.seen if o.org_until), None)
        if until and t.seen:
            t.close_by(until, "body dissolved")
    return sorted(out, key=lambda t: (t.person, t.start or t.ended_by or Span(date.max, date.max, ""), t.post))


def _split(items: list[Obs]) -> list[Tenure]:
    out: list[Tenure] = []
    cur: Tenure | None = None
    for o in items:
        if cur is None or (cur.closed and not o.former):
            cur = Tenure(o.person, o.name, o.post, o.role, o.org, o.organization)
            out.append(cur)
        if o.former and cur.seen:
            cur.close_by(o.when, "former")
        cur.add(o)
    return out


def _head_of(post: str) -> str:
    """``Phó Trưởng ban Thường trực`` -> ``truong ban``; not a deputy post -> ``""``."""
    f = fold(post)
    if not f.startswith("pho "):
        return ""
    return f.removeprefix("pho ").removesuffix(" thuong truc").strip()


def _promotions(tenures: list[Tenure]) -> None:
    """A deputy seen later as head of the same body: the deputy tenure ended by the head's start."""
    heads: dict[tuple[str, str, str], list[Tenure]] = defaultdict(list)
    for t in tenures:
        heads[(t.person, t.org, fold(t.post))].append(t)
    for t in tenures:
        head = _head_of(t.post)
        if not head or not t.seen:
            continue
        last = max((o.when.earliest for o in t.seen if o.when), default=None)
        for h in heads.get((t.person, t.org, head), []):
            first = min((o.when for o in h.seen if o.when), default=None)
            if first and last and first.earliest > last:
                t.close_by(h.start if h.start_cue in STARTS else first, "promoted")
