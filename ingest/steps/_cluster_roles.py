"""Cụm trưởng and cụm phó: which unit leads (or deputises in) an emulation cluster, and for which year.

Articles state the role in a few shapes; every word is data (``ontology/data/cluster_roles.csv``,
columns ``kind,text,value``), so a new phrasing is a data edit:

- the body first, then a short run of allowed lower-case words (``word``, ``receive``, ``give``)
  ending with a ``link``: ``X được các đơn vị thống nhất giao nhiệm vụ Cụm trưởng``, ``suy tôn X làm
  Cụm trưởng``, ``do X làm Cụm trưởng``, ``X nhận bàn giao nhiệm vụ Cụm trưởng``; an agent may follow
  ``được`` (``X được Ban Tuyên giáo Thành ủy giao làm Cụm trưởng``); also ``X (Cụm trưởng)`` and
  the apposition ``X, đơn vị Cụm trưởng năm 2016`` (``unit``) — never a bare ``X, Cụm trưởng``,
  which is how a person's titles read;
- the role first, then an ``after`` cue and the body: ``Cụm trưởng là X``, ``đơn vị Cụm trưởng năm
  2022 là X``, ``bàn giao nhiệm vụ Cụm trưởng cho X``; with ``(năm Y)`` after each body, a rotation
  schedule (``luân phiên làm Cụm trưởng theo thứ tự: X (năm 2024), Y (năm 2025)``).

A body that only hands the role over (``give`` before any ``receive``) is not the new leader: with a
``handover`` verb (``X bàn giao nhiệm vụ Cụm trưởng cho Y``) it led the year before Y's; an
``assign`` verb (``Ban Tuyên giáo Thành ủy giao nhiệm vụ Cụm trưởng cho Y``) is the organiser's.
A ``negation`` in the run (``không``, ``từng``), a ``plural`` (``các đơn vị Cụm trưởng``, ``Cụm
trưởng các cụm``) or no body at all (``đồng chí X, Cụm trưởng``) gives nothing.

The year: ``năm 2017`` (or a relative ``year`` phrase: ``năm tới``) after the role; else one opening
the sentence (``Năm 2023, X ...``, ``Năm nay, X ...``); else the year of an earlier role in the same
sentence (``X làm Cụm trưởng năm 2017, Y làm Cụm phó``); else the cluster's year. A handover with no
year written is for the next year when the article reviews the year (a ``tong_ket`` event: the
handover at the year-end review passes the role on) and for the cluster's year otherwise (the
handover at the start-of-year signing). The cluster: the one written after the role (``Cụm trưởng
Cụm thi đua 2``), else the last one named before it (decided by the caller).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from vietkg.ingest.model import Doc, OrgRef
from vietkg.ingest.patterns import DATA, PatternError, read_rows
from vietkg.ingest.steps._cluster_lists import unit_of_place
from vietkg.ingest.steps._orgs import label, read_org
from vietkg.ingest.steps._places import low_text, match_places
from vietkg.ontology.text import key

FILE = "cluster_roles.csv"
KINDS = {"role", "link", "receive", "give", "word", "unit", "after", "filler", "year", "plural", "negation"}
MAX_WORDS = 12
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


@dataclass(frozen=True)
class Grammar:
    roles: dict[str, str]  # key -> leader | deputy
    gap: dict[str, frozenset[str]]  # every word allowed between a body and its role -> its kinds
    gap_words: tuple[str, ...]  # the same, longest first
    give: dict[str, str]  # key -> handover | assign
    handover: frozenset[str]  # receive words that mean a handover (tiếp nhận)
    units: tuple[str, ...]
    after: tuple[str, ...]
    years: dict[str, int]
    plural_before: tuple[str, ...]
    plural_after: tuple[str, ...]
    role_re: re.Pattern[str]
    tail_re: re.Pattern[str]


def _alt(texts: list[str]) -> str:
    return "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))


def _check(row: dict[str, str], line: int) -> None:
    where = f"{DATA / FILE}:{line}"
    if row["kind"] not in KINDS:
        raise PatternError(f"{where}: kind {row['kind']!r} not in {sorted(KINDS)}")
    allowed = {"role": {"leader", "deputy"}, "give": {"handover", "assign"}, "receive": {"", "handover"},
               "plural": {"before", "after"}}.get(row["kind"])
    if allowed is not None and row["value"] not in allowed:
        raise PatternError(f"{where}: value {row['value']!r} not in {sorted(allowed)}")
    if row["kind"] == "year" and not re.fullmatch(r"-?\d", row["value"]):
        raise PatternError(f"{where}: year offset {row['value']!r} is not a small integer")


@cache
def grammar() -> Grammar:
    by: dict[str, list[tuple[str, str]]] = {k: [] for k in KINDS}
    for i, row in enumerate(read_rows(FILE, ["kind", "text", "value"]), start=2):
        _check(row, i)
        by[row["kind"]].append((key(row["text"]), row["value"]))
    gap: dict[str, set[str]] = {}
    for k in ("word", "give", "receive", "link", "negation"):
        for t, _ in by[k]:
            gap.setdefault(t, set()).add(k)
    year_alt = _alt([t for t, _ in by["year"]])
    fillers = _alt([t for t, _ in by["filler"]])
    tail = (r"(?:\s+(?:của\s+)?(?:cụm(?:\s+thi\s+đua)?|thi\s+đua)\s+(?:số\s+)?(?P<n>\d{1,2}|[ivx]{1,4})\b)?"
            rf"(?:\s+(?:{fillers}))?"
            rf"(?:\s+(?:trong\s+|của\s+)?(?:năm\s+(?P<y>\d{{4}})\b|(?P<rel>{year_alt})\b))?")
    return Grammar(
        roles=dict(by["role"]), gap={t: frozenset(k) for t, k in gap.items()},
        gap_words=tuple(sorted(gap, key=len, reverse=True)), give=dict(by["give"]),
        handover=frozenset(t for t, v in by["receive"] if v == "handover"),
        units=tuple(sorted((t for t, _ in by["unit"]), key=len, reverse=True)),
        after=tuple(sorted((t for t, _ in by["after"]), key=len, reverse=True)),
        years=dict((t, int(v)) for t, v in by["year"]),
        plural_before=tuple(t for t, v in by["plural"] if v == "before"),
        plural_after=tuple(t for t, v in by["plural"] if v == "after"),
        role_re=re.compile(rf"(?<!\w)(?:{_alt(list(dict(by['role'])))})(?!\w)"),
        tail_re=re.compile(tail),
    )


@dataclass
class Role:
    """One unit's role, as read: the year is absolute, or the cluster's year plus ``shift``."""

    org: OrgRef
    role: str  # leader | deputy
    start: int  # the body as written
    end: int
    at: int  # the role word: the cluster is the last one named before it, unless ``number``
    number: int | None = None
    year: int | None = None
    shift: int = 0


@dataclass
class _Mention:
    role: str
    start: int
    end: int  # after the tail (cluster, filler, year)
    number: int | None
    year: int | None
    shift: int | None  # a relative year phrase, when written


def _mention(doc: Doc, m: re.Match[str]) -> _Mention:
    g = grammar()
    low = low_text(doc)
    t = g.tail_re.match(low, m.end())  # every part of the tail is optional: it always matches
    n, y, rel = (t.group("n"), t.group("y"), t.group("rel")) if t else (None, None, None)
    number = int(n) if n and n.isdigit() else ROMAN.get(n or "")
    return _Mention(g.roles[key(m.group(0))], m.start(), t.end() if t else m.end(), number,
                    int(y) if y else None, g.years.get(" ".join(rel.split())) if rel else None)


def _plural(doc: Doc, rm: _Mention, floor: int) -> bool:
    """``các đơn vị Cụm trưởng``, ``Cụm trưởng các cụm``: every cluster's, no one unit's."""
    g = grammar()
    low = low_text(doc)
    before = rf"(?<!\w)(?:{_alt(list(g.plural_before))})(?:\s+(?:{_alt(list(g.units))}))?\s*$"
    return bool(re.search(before, low[floor:rm.start])) or any(
        re.match(rf"\s*{re.escape(p)}(?!\w)", low[rm.end:rm.end + 20]) for p in g.plural_after)


@dataclass
class _Gap:
    ok: bool
    gives: str = ""  # handover | assign, when the body hands the role on rather than takes it
    handover: bool = False  # the role changes hands here (the handover year rule applies)


def _word_at(low: str, i: int, b: int) -> str | None:
    g = grammar()
    return next((w for w in g.gap_words if low.startswith(w, i) and (i + len(w) >= b or not low[i + len(w)].isalnum())),
                None)


def _gap(doc: Doc, a: int, b: int) -> _Gap:
    """Whether the text between a body (ending at ``a``) and its role (at ``b``) links them."""
    g = grammar()
    low, text = low_text(doc), doc.text
    stretch = low[a:b]
    if re.fullmatch(r"\s*\(\s*", stretch) or any(
            re.fullmatch(rf"\s*(?:\(|[,–-])\s*{re.escape(u)}\s+", stretch) for u in g.units):
        return _Gap(True)
    if not stretch[:1].isspace():
        return _Gap(False)
    kinds: list[frozenset[str]] = []
    gives, received, handover, i = "", False, False, a
    while True:
        while i < b and low[i] == " ":
            i += 1
        if i >= b:
            break
        if text[i].isupper() and kinds and "receive" in kinds[-1]:  # the agent: "được Ban Tuyên giáo Thành ủy giao"
            span = read_org(doc, i, b)
            if span is None or span.end <= i:
                return _Gap(False)
            i = span.end
            continue
        word = _word_at(low, i, b)
        if word is None or len(kinds) >= MAX_WORDS or "negation" in g.gap[word]:
            return _Gap(False)
        kind = g.gap[word]
        gives = gives or (g.give[word] if "give" in kind and not received else "")
        received = received or "receive" in kind
        handover = handover or word in g.handover or g.give.get(word) == "handover"
        kinds.append(kind)
        i += len(word)
    if not kinds or ("link" not in kinds[-1] and not gives):
        return _Gap(False)
    return _Gap(True, gives, handover)


Unit = tuple[OrgRef, int, int]


def unit_at(doc: Doc, pos: int, limit: int, organiser: OrgRef | None, bare_place: bool = True) -> Unit | None:
    """The body (or bare district, as the organiser's counterpart there) written at ``pos``."""
    span = read_org(doc, pos, limit)
    if span is not None and span.end > pos:
        return label(doc, span), span.start, span.end
    end, cands = match_places(low_text(doc), pos, limit)
    if bare_place and cands and end > pos:
        org = unit_of_place(doc, pos, end, organiser)
        if org is not None:
            return org, pos, end
    return None


def _subject(doc: Doc, floor: int, rm: _Mention, organiser: OrgRef | None) -> tuple[Unit, _Gap] | None:
    """The body written before the role, joined to it by a valid run of words (earliest start wins)."""
    text = doc.text
    for m in re.finditer(r"(?<!\w)\w", text[floor:rm.start]):
        pos = floor + m.start()
        if not (text[pos].isupper() or text[pos].isdigit()):
            continue
        prev = text[floor:pos].split()[-1:]
        in_name = bool(prev) and prev[0][:1].isupper() and prev[0][-1:].isalnum()  # "Văn Minh": a name's tail
        u = unit_at(doc, pos, rm.start, organiser, bare_place=not in_name)
        if u is None:
            continue
        gap = _gap(doc, u[2], rm.start)
        if gap.ok:
            return u, gap
    return None


def _year_after(doc: Doc, pos: int, limit: int) -> tuple[int | None, int]:
    """``(năm 2024)``, ``(2024)`` or `` năm 2024`` right after a body: (year, end)."""
    m = re.compile(r"\s*(?:\(\s*(?:năm\s+)?(\d{4})\s*\)|năm\s+(\d{4})\b)").match(low_text(doc), pos, limit)
    if not m:
        return None, pos
    return int(m.group(1) or m.group(2)), m.end()


def _objects(doc: Doc, rm: _Mention, limit: int, organiser: OrgRef | None) -> tuple[str, list[tuple[Unit, int | None]]]:
    """Bodies written after the role and an ``after`` cue: one, or a schedule with a year each."""
    g = grammar()
    low = low_text(doc)
    m = re.compile(rf"\s*(?:({_alt(list(g.after))})(?!\w)\s*:?|:)\s*").match(low, rm.end, limit)
    if not m:
        return "", []
    cue, pos = m.group(1) or ":", m.end()
    out: list[tuple[Unit, int | None]] = []
    while pos < limit:
        u = unit_at(doc, pos, limit, organiser)
        if u is None:
            break
        year, pos = _year_after(doc, u[2], limit)
        out.append((u, year))
        sep = re.compile(r"\s*(?:,|;|\bvà\b)\s*").match(low, pos, limit)
        if year is None or sep is None:
            break
        pos = sep.end()
    if len(out) > 1 and any(y is None for _, y in out):
        out = out[:1]
    return cue, out


def _sentence_year(doc: Doc, s: int, e: int) -> tuple[int | None, int | None]:
    """A year opening the sentence: ``Năm 2023, ...`` (absolute) or ``Năm nay, ...`` (relative)."""
    low = low_text(doc)
    m = re.compile(r"\s*(?:trong\s+)?năm\s+(\d{4})\b").match(low, s, e)
    if m:
        return int(m.group(1)), None
    for phrase, shift in grammar().years.items():
        if low.startswith(phrase, s) and not low[s + len(phrase):s + len(phrase) + 1].isalnum():
            return None, shift
    return None, None


def _limit(doc: Doc, rm: _Mention, e: int) -> int:
    """Where the role's own clause ends: the next role word, a semicolon or the sentence end."""
    low = low_text(doc)
    nxt = grammar().role_re.search(low, rm.end, e)
    semi = low.find(";", rm.end, e)
    return min(nxt.start() if nxt else e, semi if semi >= 0 else e)


def _read_one(doc: Doc, rm: _Mention, floor: int, limit: int, org: OrgRef | None, review: bool,
              said: tuple[int | None, int | None]) -> list[Role]:
    g = grammar()
    year, fixed = (rm.year, rm.shift) if rm.year is not None or rm.shift is not None else said
    cue, objs = _objects(doc, rm, limit, org)
    subj = _subject(doc, floor, rm, org)
    low = low_text(doc)
    handover = (subj is not None and subj[1].handover) or any(
        re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low[floor:rm.start]) for w, v in g.give.items() if v == "handover")
    shift = fixed if fixed is not None else (1 if handover and review else 0)
    out: list[Role] = []
    if objs and (subj is None or cue in ("cho", "lại cho")):
        for (o, a, b), y in objs:
            out.append(Role(o, rm.role, a, b, rm.start, rm.number, y or year, shift))
        if subj is not None and subj[1].gives == "handover" and rm.role == "leader":  # the giver led the year before
            (o, a, b), _ = subj
            given = objs[0][1] or year
            out.append(Role(o, "leader", a, b, rm.start, rm.number, given - 1 if given else None, shift - 1))
    elif subj is not None and not subj[1].gives:
        (o, a, b), _ = subj
        out.append(Role(o, rm.role, a, b, rm.start, rm.number, year, shift))
    return out


def read_roles(doc: Doc, organiser_at: Callable[[int], OrgRef | None], review: bool) -> list[Role]:
    """Every unit's role the article states, in order; ``review``: the article reviews the year."""
    g = grammar()
    low = low_text(doc)
    out: list[Role] = []
    for s, e in doc.sentences:
        floor = s
        said = _sentence_year(doc, s, e)
        for m in g.role_re.finditer(low, s, e):
            if m.start() < floor:
                continue
            rm = _mention(doc, m)
            if not _plural(doc, rm, floor):
                out.extend(_read_one(doc, rm, floor, _limit(doc, rm, e), organiser_at(m.start()), review, said))
            if rm.year is not None or rm.shift is not None:
                said = (rm.year, rm.shift)
            floor = rm.end
    return out


def paren_role(doc: Doc, pos: int) -> tuple[str, int | None] | None:
    """``(Cụm trưởng)``, ``(đơn vị Cụm phó năm 2023)`` right after a listed member: (role, year)."""
    g = grammar()
    low = low_text(doc)
    m = re.compile(rf"\s*\(\s*(?:(?:{_alt(list(g.units))})\s+)?").match(low, pos)
    r = g.role_re.match(low, m.end()) if m else None
    if r is None:
        return None
    rm = _mention(doc, r)
    if not re.match(r"\s*\)", low[rm.end:rm.end + 3]):
        return None
    return rm.role, rm.year
