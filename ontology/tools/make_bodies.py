"""Generate ``ontology/data/bodies.ttl``, the gazetteer of reference bodies, from the CSV files.

Sources (one each, edited by hand or by ``make_places.py``):

- ``bodies.csv``  — central bodies and Ho Chi Minh City's own bodies and boards;
- ``places.csv``  — one party committee per province/city (Tỉnh ủy X, Thành ủy X) and, for Ho Chi
  Minh City's districts, the Quận ủy / Huyện ủy / Thành ủy and its Ban Tuyên giáo and Ban Dân vận;
- ``changes.csv`` — mergers and renames; district abolitions of 2025-07-01 are added here.

A body's IRI is ``https://vietkg.org/id/org/{slug(label)}``, the rule of ``_Writer.org`` in
``vietkg.ingest.rdf``, so extracted mentions land on the same node. Run ``python
ontology/tools/make_bodies.py``; ``tests/test_ontology.py`` checks the file is up to date.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from vietkg.ontology import places
from vietkg.ontology.terms import ID_NS
from vietkg.ontology.text import fold, slug

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = DATA / "bodies.ttl"
HCMC = "Thành phố Hồ Chí Minh"
UNIT_TYPES = ("party-board", "office", "unit")
DISTRICT_BOARDS = ("Ban Tuyên giáo", "Ban Dân vận")
END_OF_DISTRICTS = "2025-07-01"
# Place aliases that never follow "Tỉnh ủy"/"Thành ủy" (English names, the old name of Saigon).
NOT_IN_COMMITTEE_NAMES = re.compile(r"City$|^Hanoi$|^Sài Gòn$|^Daklak$|^Daknong$")


@dataclass
class Body:
    label: str
    body_type: str
    parent: str = ""
    alt: list[str] = field(default_factory=list)
    valid_from: str = ""
    valid_until: str = ""
    successor: list[str] = field(default_factory=list)
    changed_by: list[str] = field(default_factory=list)
    resulted_from: list[str] = field(default_factory=list)


@dataclass
class Change:
    id: str
    kind: str
    date: str
    originals: list[str]
    results: list[str]
    basis: str
    note: str


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(text: str) -> list[str]:
    return [a for a in text.split("|") if a]


def _bodies() -> dict[str, Body]:
    out: dict[str, Body] = {}

    def add(body: Body) -> None:
        out.setdefault(body.label, body)

    for p in places():
        if p.parent and p.parent != HCMC:
            continue
        parent = "Ban Chấp hành Trung ương" if not p.parent else f"Thành ủy {HCMC}"
        alt = [f"{p.committee} {a}" for a in p.aliases if not NOT_IN_COMMITTEE_NAMES.search(a)]
        add(Body(p.committee_label, "party-committee", parent, alt, _iso(p.valid_from), _iso(p.valid_until)))
        if p.parent:
            for board in DISTRICT_BOARDS:
                add(Body(f"{board} {p.committee_label}", "party-board", p.committee_label,
                         [f"{board} {p.committee} {a}" for a in p.aliases if "." not in a],
                         _iso(p.valid_from), _iso(p.valid_until)))
    for row in _rows("bodies.csv"):
        add(Body(row["label"], row["body_type"], row["parent"], _split(row["alt_labels"]),
                 row["valid_from"], row["valid_until"]))
    return dict(sorted(out.items(), key=lambda kv: slug(kv[0])))


def _iso(d: object) -> str:
    return str(d) if d else ""


def _changes(bodies: dict[str, Body]) -> list[Change]:
    committee = {p.name: p.committee_label for p in places() if not p.parent}
    out: list[Change] = []
    for row in _rows("changes.csv"):
        originals, results = _split(row["originals"]), _split(row["results"])
        if row["level"] == "place":
            originals, results = [committee[o] for o in originals], [committee[r] for r in results]
        out.append(Change(row["id"], row["kind"], row["date"], originals, results, row["basis"], row["note"]))
    for p in places():
        if p.parent == HCMC and _iso(p.valid_until) == END_OF_DISTRICTS:
            labels = [p.committee_label, *(f"{b} {p.committee_label}" for b in DISTRICT_BOARDS)]
            out.append(Change(f"abolish-{slug(p.committee_label)}", "abolition", END_OF_DISTRICTS, labels, [],
                              "Nghị quyết 203/2025/QH15 (Hiến pháp sửa đổi); Luật Tổ chức chính quyền địa phương 2025",
                              "district level ended; the Thành ủy is the successor of record, the new wards took "
                              "over the district's local functions"))
    return out


def _apply(bodies: dict[str, Body], changes: list[Change]) -> None:
    """Validity and successor shortcuts from the change events (CSV values win when given)."""
    for c in changes:
        for label in c.originals + c.results:
            if label not in bodies:
                raise ValueError(f"change {c.id}: unknown body {label!r}")
        for label in c.originals:
            b = bodies[label]
            b.changed_by.append(c.id)
            if label not in c.results:
                b.valid_until = b.valid_until or c.date
                b.successor += [r for r in c.results if r not in b.successor]
                if c.kind == "abolition" and b.body_type == "party-committee":
                    b.successor.append(f"Thành ủy {HCMC}")
        for label in c.results:
            b = bodies[label]
            b.resulted_from.append(c.id)
            if label not in c.originals:
                b.valid_from = b.valid_from or c.date


def _lit(text: str, lang: str = "") -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{esc}"@{lang}' if lang else f'"{esc}"'


def _org(label: str) -> str:
    return f"<{ID_NS}org/{slug(label)}>"


def _body_ttl(b: Body, bodies: dict[str, Body]) -> str:
    types = "org:Organization, org:OrganizationalUnit" if b.body_type in UNIT_TYPES else "org:Organization"
    lines = [f"{_org(b.label)} a {types} ;",
             f"    skos:prefLabel {_lit(b.label, 'vi')} ;",
             f"    rdfs:label {_lit(b.label, 'vi')} ;",
             f"    vkg:normLabel {_lit(fold(b.label))} ;"]
    alts = [a for a in dict.fromkeys(b.alt) if a != b.label]
    if alts:
        lines.append("    skos:altLabel " + ", ".join(_lit(a, "vi") for a in alts) + " ;")
    lines.append(f"    vkg:bodyType <https://vietkg.org/vocab/body-type/{b.body_type}> ;")
    if b.parent:
        if b.parent not in bodies:
            raise ValueError(f"body {b.label!r}: unknown parent {b.parent!r}")
        rel = "org:unitOf" if b.body_type in UNIT_TYPES else "org:subOrganizationOf"
        lines.append(f"    {rel} {_org(b.parent)} ;")
    for prop, value in (("vkg:validFrom", b.valid_from), ("vkg:validUntil", b.valid_until)):
        if value:
            lines.append(f'    {prop} "{value}"^^xsd:date ;')
    for prop, targets in (("vkg:successor", [_org(s) for s in b.successor]),
                          ("org:changedBy", [f"<{ID_NS}change/{c}>" for c in b.changed_by]),
                          ("org:resultedFrom", [f"<{ID_NS}change/{c}>" for c in b.resulted_from])):
        if targets:
            lines.append(f"    {prop} " + ", ".join(dict.fromkeys(targets)) + " ;")
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines) + "\n"


CHANGE_CLASS = {"merger": "vkg:Merger", "abolition": "vkg:Abolition", "rename": "vkg:Rename"}
CHANGE_VI = {"merger": "Hợp nhất", "abolition": "Kết thúc hoạt động", "rename": "Đổi tên"}


def _change_ttl(c: Change) -> str:
    title = f"{CHANGE_VI[c.kind]}: {', '.join(c.originals)}" + (f" → {', '.join(c.results)}" if c.results else "")
    lines = [f"<{ID_NS}change/{c.id}> a org:ChangeEvent, {CHANGE_CLASS[c.kind]} ;",
             f"    rdfs:label {_lit(title, 'vi')} ;",
             f'    prov:startedAtTime "{c.date}T00:00:00"^^xsd:dateTime ;',
             "    org:originalOrganization " + ", ".join(_org(o) for o in c.originals) + " ;"]
    if c.results:
        lines.append("    org:resultingOrganization " + ", ".join(_org(r) for r in c.results) + " ;")
    description = "; ".join(x for x in (c.basis, c.note) if x)
    lines.append(f"    dct:description {_lit(description, 'vi')} .")
    return "\n".join(lines) + "\n"


HEADER = """# GENERATED by ontology/tools/make_bodies.py from bodies.csv, places.csv and changes.csv.
# Do not edit by hand: edit the CSV files and run `python ontology/tools/make_bodies.py`.
#
# The gazetteer of reference bodies: central party and state bodies, Ho Chi Minh City's bodies and
# boards, the party committee of every province and city before and after the 2025 merger, Ho Chi
# Minh City's district committees (to 2025-07-01) with their Ban Tuyên giáo and Ban Dân vận, and
# the reorganisations as org:ChangeEvents. IRIs follow vietkg.ingest.rdf: id/org/{slug(label)}.
# Validity is half-open: vkg:validUntil is the first day the body no longer exists.
# vkg:successor of an abolished district committee is the city's Thành ủy (the body of record);
# the district's local functions passed to the new wards and communes, which are not listed here.

@prefix vkg: <https://vietkg.org/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def render() -> str:
    bodies = _bodies()
    changes = _changes(bodies)
    _apply(bodies, changes)
    parts = [HEADER, "\n# ---- bodies " + "-" * 84 + "\n"]
    parts += ["\n" + _body_ttl(b, bodies) for b in bodies.values()]
    parts.append("\n# ---- change events " + "-" * 77 + "\n")
    parts += ["\n" + _change_ttl(c) for c in changes]
    return "".join(parts)


def main() -> int:
    OUT.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
