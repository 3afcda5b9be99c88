"""Questions answered in Python over a query's rows (a ``# derive: NAME`` line in the ``.rq`` header).

The ``.rq`` file stays the documented question (title, parameters, columns) and fetches the
evidence; the derivation named in its header turns those rows into the answer. ``ask`` runs both,
so ``vietkg ask`` and ``/api/ask/{name}`` treat these questions like the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from vietkg.graph.changes import cluster_changes, successor
from vietkg.graph.store import KG, QueryResult
from vietkg.graph.tenures import (
    CAREER_COLUMNS,
    HOLDER_COLUMNS,
    DateParamError,
    Span,
    Tenure,
    build_tenures,
    observations,
)
from vietkg.ontology.text import fold

log = logging.getLogger(__name__)

Derivation = Callable[[KG, QueryResult, dict[str, str]], QueryResult]


class DerivationError(ValueError):
    """A parameter a derivation cannot use (a malformed date); shown to the user."""


def _text(s: Span | None) -> str | None:
    return s.text if s else None


def tenure_row(t: Tenure) -> dict[str, str | None]:
    return {"person": t.person, "name": t.name, "post": t.post, "organization": t.organization or None,
            "start": _text(t.start), "end": _text(t.end), "sources": " | ".join(sorted(t.sources)),
            "start_cue": t.start_cue or None, "end_cue": t.end_cue or None, "ended_by": _text(t.ended_by),
            "observations": str(len(t.seen)), "org": t.org or None}


def career(kg: KG, result: QueryResult, params: dict[str, str]) -> QueryResult:
    rows = [tenure_row(t) for t in build_tenures(observations(result))]
    return QueryResult(list(CAREER_COLUMNS), rows)


def holders(kg: KG, result: QueryResult, params: dict[str, str]) -> QueryResult:
    from vietkg.graph.changes import match_orgs

    try:
        when = Span.parse(params.get("date", ""))
    except DateParamError as e:
        raise DerivationError(f"holders: parameter date: {e}") from e
    post = fold(params.get("post", ""))
    orgs = match_orgs(kg, params["organization"]) if params.get("organization") else None
    rows = []
    for t in build_tenures(observations(result)):
        if fold(t.post) != post or (orgs is not None and t.org not in orgs) or not t.held_on(when):
            continue
        rows.append({c: v for c, v in tenure_row(t).items() if c in HOLDER_COLUMNS})
    return QueryResult(list(HOLDER_COLUMNS), rows)


DERIVATIONS: dict[str, Derivation] = {
    "career": career,
    "holders": holders,
    "cluster-changes": cluster_changes,
    "successor": successor,
}


def derive(name: str, kg: KG, result: QueryResult, params: dict[str, str]) -> QueryResult:
    """Apply the derivation ``name`` (from a question's ``# derive:`` header) to its query's rows."""
    if name not in DERIVATIONS:
        raise DerivationError(f"unknown derivation {name!r}; known: {', '.join(DERIVATIONS)}")
    return DERIVATIONS[name](kg, result, params)
