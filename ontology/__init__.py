"""vietkg's ontology as data: OWL terms, SKOS vocabularies, SHACL shapes, the gazetteer, questions.

This module only finds and loads the bundled files; what they say lives in the files:

- ``vietkg.ttl`` (OWL), ``vocabularies.ttl`` (SKOS), ``shapes.ttl`` (SHACL),
  ``data/bodies.ttl`` (reference bodies and the 2025 reorganisation) — :func:`load_ontology`
  parses them all into the named graph ``ONTOLOGY_GRAPH``;
- ``questions/*.rq`` — the competency questions (:func:`question_files`);
- ``data/places.csv`` — provinces and districts (:func:`places`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from vietkg.ontology.terms import ONTOLOGY_GRAPH

HERE = Path(__file__).resolve().parent
PLACES_CSV = HERE / "data" / "places.csv"
PLACE_KINDS = ("province", "city", "district", "urban-district", "town", "ward", "commune")
COMMITTEES = ("Tỉnh ủy", "Thành ủy", "Quận ủy", "Huyện ủy", "Thị ủy", "Đảng ủy")


class OntologyDataError(ValueError):
    """A bundled data file is malformed; the message names the file and the line."""


def ontology_files() -> list[Path]:
    """The Turtle files of the ontology, in a stable order."""
    return sorted(HERE.glob("*.ttl")) + sorted((HERE / "data").glob("*.ttl"))


@cache
def _load() -> tuple[Quad, ...]:
    graph = NamedNode(ONTOLOGY_GRAPH)
    quads: list[Quad] = []
    for path in ontology_files():
        try:
            triples = list(parse(path=str(path), format=RdfFormat.TURTLE))
        except SyntaxError as e:
            raise OntologyDataError(f"{path}: {e}") from e
        quads.extend(Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return tuple(quads)


def load_ontology() -> list[Quad]:
    """Every triple of every ontology file, as quads in the named graph ``ONTOLOGY_GRAPH``."""
    return list(_load())


def question_files() -> dict[str, Path]:
    """The competency questions: name (file stem) -> ``.rq`` file."""
    return {p.stem: p for p in sorted((HERE / "questions").glob("*.rq"))}


@dataclass(frozen=True)
class Place:
    """A province, city or district (see ``data/README.md`` for the columns).

    ``valid_until`` is exclusive: the first day the unit no longer exists.
    """

    name: str
    kind: str
    parent: str
    committee: str
    aliases: tuple[str, ...]
    valid_from: date | None
    valid_until: date | None

    @property
    def committee_label(self) -> str:
        """The party committee's label: ``Quận ủy Quận 4``, ``Thành ủy Thành phố Hồ Chí Minh``."""
        return f"{self.committee} {self.name}"

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day < self.valid_until
        )


def _date(text: str, where: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as e:
        raise OntologyDataError(f"{where}: bad date {text!r}") from e


def _place(row: dict[str, str], where: str) -> Place:
    if not row.get("name"):
        raise OntologyDataError(f"{where}: empty name")
    if row.get("kind") not in PLACE_KINDS:
        raise OntologyDataError(f"{where}: unknown kind {row.get('kind')!r}")
    if row.get("committee") not in COMMITTEES:
        raise OntologyDataError(f"{where}: unknown committee {row.get('committee')!r}")
    aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
    return Place(row["name"], row["kind"], row.get("parent") or "", row["committee"], aliases,
                 _date(row.get("valid_from") or "", where), _date(row.get("valid_until") or "", where))


def read_places(path: Path) -> list[Place]:
    """Parse a places CSV; an error names the file and the line."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"name", "kind", "parent", "committee", "aliases", "valid_from", "valid_until"} - set(
            reader.fieldnames or ()
        )
        if missing:
            raise OntologyDataError(f"{path}:1: missing columns {sorted(missing)}")
        return [_place(row, f"{path}:{reader.line_num}") for row in reader]


@cache
def _places() -> tuple[Place, ...]:
    return tuple(read_places(PLACES_CSV))


def places() -> list[Place]:
    """Provinces, cities and districts, before and after the 2025 reforms (``data/places.csv``)."""
    return list(_places())
