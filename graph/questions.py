"""The competency questions: documented ``.rq`` files in ``vietkg.ontology`` run with parameters.

Each file starts with a comment header::

    # title: Who attended which event
    # title@vi: Ai dự hội nghị, sự kiện nào
    # description: ...
    # param: name | optional fold | part of an attendee's name, diacritics optional
    # columns: source, date, name, title

A parameter ``NAME`` binds the query variable ``?p_NAME`` through pyoxigraph's substitutions —
never string formatting — so no value can change the query. A parameter not given is bound to
``""``; queries test ``STR(?p_NAME) = ""`` for "not given" (``BOUND`` is false for substituted
variables in pyoxigraph). Flags: ``required``/``optional``,
``fold`` (the value is compared diacritic-free and casefolded), ``integer``, ``date``, ``iri``.

A ``# derive: NAME`` header line names a Python derivation (``vietkg.graph.derived``) that turns the
query's rows into the answer (tenures, year-on-year changes); the question is otherwise the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from pyoxigraph import Literal, NamedNode

from vietkg.graph.store import KG, QueryResult
from vietkg.ontology import question_files
from vietkg.ontology.terms import XSD
from vietkg.ontology.text import fold


class QuestionError(Exception):
    """Unknown question, missing or malformed parameter: a user's mistake."""


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    kind: str  # text | fold | integer | date | iri
    help: str


@dataclass(frozen=True)
class Question:
    name: str
    title: str
    title_vi: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    sparql: str = field(repr=False)
    derive: str = ""  # a Python derivation applied to the rows (``# derive: NAME``, graph/derived.py)

    def bind(self, values: dict[str, str]) -> dict[str, Literal | NamedNode]:
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            expected = ", ".join(known) or "none"
            raise QuestionError(f"{self.name}: unknown parameter {', '.join(unknown)} (expected: {expected})")
        missing = [p.name for p in self.params if p.required and not values.get(p.name)]
        if missing:
            raise QuestionError(f"{self.name}: missing required parameter {', '.join(missing)}")
        # Every parameter is substituted; one not given becomes "" (the queries test STR(?p_x) = ""),
        # because a substituted variable never counts as BOUND in pyoxigraph.
        return {f"p_{p.name.replace('-', '_')}": _term(p, values[p.name]) if values.get(p.name) else Literal("")
                for p in self.params}


def _term(param: Param, value: str) -> Literal | NamedNode:
    if param.kind == "fold":
        folded = fold(value)
        if not folded:
            raise QuestionError(f"parameter {param.name}: {value!r} has no letters or digits to search for")
        return Literal(folded)
    if param.kind == "integer":
        if not re.fullmatch(r"\d{1,9}", value.strip()):
            raise QuestionError(f"parameter {param.name} must be a whole number, not {value!r}")
        return Literal(value.strip(), datatype=XSD.integer)
    if param.kind == "date":
        return Literal(_iso_date(param.name, value), datatype=XSD.date)
    if param.kind == "iri":
        try:
            return NamedNode(value)
        except ValueError as e:
            raise QuestionError(f"parameter {param.name} must be an IRI, not {value!r}") from e
    return Literal(value)


def _iso_date(name: str, value: str) -> str:
    """A full date from ``2023``, ``2023-05`` or ``2023-05-17`` (partial dates take their start)."""
    v = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", v)
    if not m:
        raise QuestionError(f"parameter {name} must be a date like 2023, 2023-05 or 2023-05-17, not {value!r}")
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)).isoformat()
    except ValueError as e:
        raise QuestionError(f"parameter {name}: {e}") from e


_HEADER = re.compile(r"^#\s*([\w@-]+)\s*:\s?(.*)$")


def parse_question(name: str, text: str) -> Question:
    meta: dict[str, list[str]] = {}
    last = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m and m.group(1) in ("title", "title@vi", "description", "param", "columns", "derive"):
            last = m.group(1)
            meta.setdefault(last, []).append(m.group(2).strip())
        elif last == "description":
            meta[last][-1] += " " + line.lstrip("#").strip()
    params = []
    for spec in meta.get("param", []):
        pname, flags, help_text = (s.strip() for s in [*spec.split("|", 2), "", ""][:3])
        words = flags.split()
        kind = next((w for w in words if w in ("fold", "integer", "date", "iri")), "text")
        params.append(Param(pname, "required" in words, kind, help_text))
    columns = tuple(c.strip() for c in ",".join(meta.get("columns", [])).split(",") if c.strip())
    return Question(
        name=name,
        title=" ".join(meta.get("title", [name])),
        title_vi=" ".join(meta.get("title@vi", [])),
        description=" ".join(meta.get("description", [])),
        params=tuple(params),
        columns=columns,
        sparql=text,
        derive=" ".join(meta.get("derive", [])),
    )


@cache
def questions() -> dict[str, Question]:
    """Every bundled competency question, by name (the file name without ``.rq``)."""
    return {name: parse_question(name, path.read_text(encoding="utf-8"))
            for name, path in question_files().items()}


def get_question(name: str) -> Question:
    qs = questions()
    if name not in qs:
        raise QuestionError(f"unknown question {name!r}; `vietkg ask --list` shows them: {', '.join(qs)}")
    return qs[name]


def ask(kg: KG, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run question ``name`` with ``params``; rows keep only the question's declared columns."""
    q = get_question(name)
    result = kg.select(q.sparql, substitutions=q.bind(params or {}))
    if q.derive:
        from vietkg.graph.derived import DerivationError, derive

        try:
            result = derive(q.derive, kg, result, params or {})
        except DerivationError as e:
            raise QuestionError(str(e)) from e
    cols = list(q.columns) or [c for c in result.columns if not c.startswith("p_")]
    return QueryResult(cols, [{c: r.get(c) for c in cols} for r in result.rows])
