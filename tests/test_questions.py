"""Competency questions: documented, parameters bound safely, answers with provenance."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Store

from vietkg.graph.questions import QuestionError, ask, questions
from vietkg.graph.store import KG
from vietkg.ontology.terms import PREFIXES

SCORED = ["documents", "people", "attendance", "roles", "cluster-members", "implementations", "events"]


def test_every_question_is_documented_and_parses() -> None:
    qs = questions()
    assert set(SCORED) <= set(qs)
    for q in qs.values():
        assert q.title and q.description and q.columns, q.name
        Store().query(q.sparql, prefixes=PREFIXES)  # raises SyntaxError if malformed
        for p in q.params:
            assert f"?p_{p.name.replace('-', '_')}" in q.sparql, (q.name, p.name)


@pytest.mark.parametrize("name", SCORED)
def test_questions_answer_on_real_articles(built_store: Path, name: str) -> None:
    result = ask(KG(built_store, read_only=True), name)
    assert result.columns[0] == "source"
    assert result.rows, f"{name} returned nothing on the example articles"
    assert all(r["source"] for r in result.rows)


HOSTILE = ['" } ; DROP ALL ; { "', "x> <y", "a#b", "line\nbreak", "' OR 1=1 --", "}}}}"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameters_cannot_change_a_query(built_store: Path, value: str) -> None:
    kg = KG(built_store, read_only=True)
    before = len(kg)
    try:
        assert ask(kg, "people", {"name": value}).rows == []
    except QuestionError as e:  # nothing left to search for once folded: a clear refusal is fine
        assert "no letters or digits" in str(e)
    assert ask(kg, "documents", {"article": value}).rows == []
    assert len(kg) == before


def test_names_match_without_diacritics(built_store: Path) -> None:
    kg = KG(built_store, read_only=True)
    people = ask(kg, "people").rows
    some = people[0]["name"]
    assert some
    from vietkg.ontology.text import fold

    hits = ask(kg, "people", {"name": fold(some).upper()}).rows
    assert some in {r["name"] for r in hits}


def test_unknown_parameter_and_question_are_user_errors(built_store: Path) -> None:
    kg = KG(built_store, read_only=True)
    with pytest.raises(QuestionError, match="unknown parameter"):
        ask(kg, "people", {"nam": "x"})
    with pytest.raises(QuestionError, match="unknown question"):
        ask(kg, "who-knows")
    with pytest.raises(QuestionError, match="whole number"):
        ask(kg, "cluster-members", {"number": "2; DROP"})
