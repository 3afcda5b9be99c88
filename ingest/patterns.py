"""Typed loaders for the extraction patterns and vocabularies kept as data in ``ontology/data``.

Each file is a small CSV with a header row. A malformed row raises :class:`PatternError` naming the
file and the line, so a bad data edit is found at once. A new post, body type, document kind, event
trigger or implementation cue is an edit of one of these files, never a code change:

- ``surnames.csv`` (surname) — Vietnamese family names that open a personal name;
- ``not_people.csv`` (kind, text) — ``name``: never a person (``Hồ Chí Minh``); ``before``: a word
  that, written right before a name, makes it a place, a street or an ideology; ``honorific``: a
  courtesy word written before a name (``ông``, ``đồng chí``), never part of it, at any case;
- ``posts.csv`` (written, post, shares, org) — titles; ``post`` the canonical post when it differs
  from the written form (``TVTU``), ``shares`` the body word the post ends with (``Trưởng ban`` of
  ``Ban Tuyên giáo``), ``org`` a fixed body, a committee word to complete, or ``@committee``;
- ``body_grammar.csv`` (kind, text, value) — heads of body names (value: their body type;
  ``department`` and ``provincial`` exist at province level only, so written alone they are the
  article's province's; ``provincial`` and ``level-named`` name their level themselves: ``Tỉnh đoàn
  Bình Định``, ``Huyện đoàn Phù Cát``), committees (value: the level kinds of the units they lead),
  central bodies, lower-case connectors, place-level words and the
  words a number may follow inside a name (``Quận 4``, ``Ban Chỉ đạo 35``);
- ``doc_kinds.csv``, ``issuers.csv`` (code, label, system: party/state/front), ``party_terms.csv`` —
  document symbols;
- ``event_triggers.csv``, ``impl_cues.csv``, ``title_stops.csv``, ``sites.csv``.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from vietkg.ontology.text import key

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "ontology" / "data"


class PatternError(ValueError):
    """A malformed pattern file; the message names the file and the line."""


@dataclass(frozen=True)
class Post:
    written: str  # as printed, e.g. "Phó Trưởng ban"
    post: str  # canonical post
    shares: str  # body word the post doubles as ("Ban"), or ""
    org: str  # fixed body, committee word, "@committee" or ""


def read_rows(name: str, columns: Sequence[str], path: Path | None = None) -> list[dict[str, str]]:
    """Rows of one data file; the first column must be filled in every row."""
    path = path or DATA / name
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise PatternError(f"{path}:1: missing columns {sorted(missing)}")
        rows = []
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if None in row or any(v is None for v in row.values()):
                raise PatternError(f"{where}: wrong number of fields")
            if not (row.get(columns[0]) or "").strip():
                raise PatternError(f"{where}: empty {columns[0]!r}")
            rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def _one_of(row: dict[str, str], col: str, allowed: set[str], name: str, line: int) -> str:
    if row[col] not in allowed:
        raise PatternError(f"{DATA / name}:{line}: {col} {row[col]!r} not in {sorted(allowed)}")
    return row[col]


@cache
def surnames() -> frozenset[str]:
    return frozenset(key(r["surname"]) for r in read_rows("surnames.csv", ["surname"]))


@cache
def not_people() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {"name": set(), "before": set(), "honorific": set()}
    for i, r in enumerate(read_rows("not_people.csv", ["kind", "text"]), start=2):
        out[_one_of(r, "kind", set(out), "not_people.csv", i)].add(r["text"])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def posts() -> tuple[Post, ...]:
    """Posts, longest written form first (so ``Phó Bí thư Thường trực`` wins over ``Phó Bí thư``)."""
    rows = read_rows("posts.csv", ["written", "post", "shares", "org"])
    out = [Post(r["written"], r["post"] or r["written"], r["shares"], r["org"]) for r in rows]
    return tuple(sorted(out, key=lambda p: -len(p.written)))


@cache
def body_grammar() -> dict[str, tuple[tuple[str, str], ...]]:
    kinds = {"committee", "head", "central", "connector", "level", "alias", "numbered"}
    out: dict[str, list[tuple[str, str]]] = {k: [] for k in kinds}
    for i, r in enumerate(read_rows("body_grammar.csv", ["kind", "text", "value"]), start=2):
        out[_one_of(r, "kind", kinds, "body_grammar.csv", i)].append((r["text"], r["value"]))
    return {k: tuple(sorted(v, key=lambda t: -len(t[0]))) for k, v in out.items()}


@cache
def doc_kinds() -> dict[str, str]:
    """Kind code -> label, keyed by the casefolded code (``qđi`` -> ``QĐi``)."""
    rows = read_rows("doc_kinds.csv", ["code", "label", "system"])
    return {r["code"].casefold(): r["code"] for r in rows}


@cache
def kind_labels() -> tuple[tuple[str, str], ...]:
    """(label, code) of the kinds a state symbol may carry, longest label first; the first code of a
    label wins (``Luật`` -> ``L``). Symbols without a kind code (``45/2022/QH15``) take the kind of
    the noun written before them."""
    out: dict[str, str] = {}
    for r in read_rows("doc_kinds.csv", ["code", "label", "system"]):
        if r["system"] in ("state", "both"):
            out.setdefault(r["label"], r["code"])
    return tuple(sorted(out.items(), key=lambda t: -len(t[0])))


@cache
def doc_nouns() -> tuple[str, ...]:
    """Every kind's label (``Nghị quyết``, ``Chương trình hành động``), longest first."""
    labels = {r["label"] for r in read_rows("doc_kinds.csv", ["code", "label", "system"])}
    return tuple(sorted(labels, key=len, reverse=True))


@cache
def issuers() -> dict[str, str]:
    return {r["code"]: r["label"] for r in read_rows("issuers.csv", ["code", "label", "system"])}


@cache
def party_issuers() -> frozenset[str]:
    """Issuer codes of the Party (``system`` = party): their symbols print ``35-NQ/TW`` even when
    written state-style (``34/CT-TW``); the state's and the Front's keep ``939/QĐ-TTg``."""
    rows = read_rows("issuers.csv", ["code", "label", "system"])
    for i, r in enumerate(rows, start=2):
        _one_of(r, "system", {"party", "state", "front"}, "issuers.csv", i)
    return frozenset(r["code"] for r in rows if r["system"] == "party")


@cache
def party_terms() -> tuple[tuple[str, date, date | None], ...]:
    out = []
    for i, r in enumerate(read_rows("party_terms.csv", ["term", "start", "end"]), start=2):
        try:
            out.append((r["term"], date.fromisoformat(r["start"]),
                        date.fromisoformat(r["end"]) if r["end"] else None))
        except ValueError as e:
            raise PatternError(f"{DATA / 'party_terms.csv'}:{i}: bad date ({e})") from e
    return tuple(out)


def _pairs(name: str, first: str, kinds: set[str]) -> tuple[tuple[str, str], ...]:
    out = []
    for i, r in enumerate(read_rows(name, [first, "text"]), start=2):
        out.append((_one_of(r, first, kinds, name, i), key(r["text"])))
    return tuple(sorted(out, key=lambda t: -len(t[1])))


@cache
def event_triggers() -> tuple[tuple[str, str], ...]:
    kinds = {"ky_ket", "phat_dong", "so_ket", "tong_ket", "khen_thuong", "block", "caption", "award_rite"}
    return _pairs("event_triggers.csv", "kind", kinds)


@cache
def impl_cues() -> tuple[tuple[str, str], ...]:
    return _pairs("impl_cues.csv", "mode", {"committed", "directed", "reported", "reviewed"})


@cache
def title_stops() -> tuple[str, ...]:
    return tuple(sorted((key(r["text"]) for r in read_rows("title_stops.csv", ["text"])), key=len, reverse=True))


@cache
def province_successors() -> dict[str, tuple[str, date]]:
    """A merged province's name -> (its successor, the day the merger took effect), from the
    place-level mergers of ``changes.csv`` (``Bạc Liêu`` -> ``Cà Mau`` from 2025-07-01)."""
    cols = ["id", "kind", "level", "date", "originals", "results"]
    out: dict[str, tuple[str, date]] = {}
    for i, r in enumerate(read_rows("changes.csv", cols), start=2):
        if r["level"] != "place" or r["kind"] != "merger":
            continue
        try:
            day = date.fromisoformat(r["date"])
        except ValueError as e:
            raise PatternError(f"{DATA / 'changes.csv'}:{i}: bad date ({e})") from e
        for name in r["originals"].split("|"):
            if name != r["results"]:
                out[name] = (r["results"], day)
    return out


@cache
def sites() -> tuple[tuple[str, str], ...]:
    return tuple((r["marker"], r["province"]) for r in read_rows("sites.csv", ["marker", "province"]))
