"""Human judgements about identity: "these two people (or bodies) are / are not the same".

A judgements file is CSV (or JSONL with the same keys), one judgement per row::

    kind,left,right,judgement,note
    person,Nguyễn Văn Hùng | Quảng Ninh,Nguyễn Văn Hùng | Thành phố Hồ Chí Minh,not same,namesakes
    person,https://vietkg.org/id/person/le-van-minh--viet-nam,Lê Văn Minh | TPHCM,same,
    org,BTG Thành ủy,Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh,same,

- ``kind``: ``person`` or ``org``.
- ``left`` / ``right``: an IRI, or for a person ``Name | Province`` (the province as the articles'
  context names it; the IRI is built with the rule of ``vietkg.ingest.rdf``: ``id/person/{slug(name)}
  --{slug(province)}``; ``Name`` alone means no province context), or for a body its label
  (``id/org/{slug(label)}``).
- ``judgement``: ``same`` or ``not same`` (also ``not-same``, ``different``); ``unsure`` rows are kept
  for the record and change nothing.
- lines starting with ``#`` are comments.

``vietkg ingest --judgements FILE`` merges the file into ``STORE/vietkg-judgements.csv``; every later
ingest reads that copy, so a judgement holds for good. A later row about the same pair replaces an
earlier one.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vietkg.ontology import places
from vietkg.ontology.terms import ID_NS
from vietkg.ontology.text import canon, slug

log = logging.getLogger(__name__)

STORE_FILE = "vietkg-judgements.csv"
COLUMNS = ("kind", "left", "right", "judgement", "note")
KINDS = ("person", "org")
_VERDICTS = {"same": "same", "yes": "same", "not same": "not same", "not-same": "not same",
             "notsame": "not same", "different": "not same", "no": "not same", "unsure": "unsure"}


class JudgementError(ValueError):
    """A malformed judgements file; the message names the file and the line."""


@dataclass(frozen=True)
class Judgement:
    kind: str  # person | org
    left: str  # IRI
    right: str  # IRI
    verdict: str  # same | not same | unsure
    source: str  # file:line
    note: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        a, b = sorted((self.left, self.right))
        return a, b


def entity_iri(kind: str, text: str) -> str:
    """The IRI a judgement side denotes: an IRI as is, else built by the ingest IRI rule."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return text
    if kind == "org":
        return f"{ID_NS}org/{slug(canon(text))}"
    name, _, province = (s.strip() for s in text.partition("|"))
    place = _province_slugs().get(slug(province), slug(province)) if province else "viet-nam"
    return f"{ID_NS}person/{slug(canon(name))}--{place}"


@cache
def _province_slugs() -> dict[str, str]:
    """Slug of any name or alias of a province or centrally governed city -> slug of its name."""
    out: dict[str, str] = {}
    for p in places():
        if p.kind in ("province", "city") and not p.parent:
            for alias in (p.name, *p.aliases):
                out.setdefault(slug(alias), slug(p.name))
    return out


def _row(row: dict[str, str], where: str) -> Judgement:
    kind = (row.get("kind") or "person").strip().lower()
    if kind not in KINDS:
        raise JudgementError(f"{where}: kind must be person or org, not {kind!r}")
    verdict = _VERDICTS.get(" ".join((row.get("judgement") or "").lower().split()))
    if verdict is None:
        raise JudgementError(f"{where}: judgement must be 'same' or 'not same', not {row.get('judgement')!r}")
    left, right = (row.get("left") or "").strip(), (row.get("right") or "").strip()
    if not left or not right:
        raise JudgementError(f"{where}: left and right are both required")
    return Judgement(kind, entity_iri(kind, left), entity_iri(kind, right), verdict, where,
                     (row.get("note") or "").strip())


def _rows(text: str, path: Path) -> list[tuple[int, dict[str, str]]]:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    out.append((n, {k: str(v) for k, v in json.loads(line).items()}))
                except (json.JSONDecodeError, AttributeError) as e:
                    raise JudgementError(f"{path}:{n}: not a JSON object ({e})") from e
        return out
    lines = [ln if not ln.lstrip().startswith("#") else "" for ln in text.splitlines()]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = {"left", "right", "judgement"} - set(reader.fieldnames or ())
    if missing:
        raise JudgementError(f"{path}:1: missing columns {', '.join(sorted(missing))} (expected {', '.join(COLUMNS)})")
    return [(reader.line_num, r) for r in reader if any((v or "").strip() for v in r.values())]


def read_judgements(path: Path) -> list[Judgement]:
    """Every judgement of a file, in file order; a malformed row names the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise JudgementError(f"cannot read the judgements file {path}: {e.strerror or e}") from e
    return [_row(r, f"{path.name}:{n}") for n, r in _rows(text, path)]


def latest(judgements: list[Judgement]) -> list[Judgement]:
    """One judgement per (kind, pair): the last one given wins; sorted for determinism."""
    by_pair: dict[tuple[str, str, str], Judgement] = {}
    for j in judgements:
        by_pair[(j.kind, *j.pair)] = j
    return [by_pair[k] for k in sorted(by_pair)]


def store_file(store: Path | None) -> Path | None:
    """Where a store keeps the judgements every ingest respects (``None`` for an in-memory store)."""
    return None if store is None else store / STORE_FILE


def merge_into_store(store: Path, new: Path) -> int:
    """Append the judgements of ``new`` to the store's copy (validated first); returns the row count."""
    rows = read_judgements(new)
    target = store / STORE_FILE
    store.mkdir(parents=True, exist_ok=True)
    fresh = not target.exists()
    with target.open("a", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        if fresh:
            writer.writerow(COLUMNS)
        for j in rows:
            writer.writerow([j.kind, j.left, j.right, j.verdict, j.note or f"from {new.name}"])
    log.info("%d judgement(s) from %s kept in %s", len(rows), new, target)
    return len(rows)


def load_for_store(store: Path | None, extra: Path | None = None) -> list[Judgement]:
    """The judgements in force: the store's copy, then ``extra`` (not copied), latest wins."""
    found: list[Judgement] = []
    own = store_file(store)
    if own is not None and own.exists():
        found.extend(read_judgements(own))
    if extra is not None:
        found.extend(read_judgements(extra))
    return latest(found)
