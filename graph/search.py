"""Finding entities by name: diacritic-free and casefolded, one hit per real entity.

Oxigraph has no full-text index; every entity carries ``vkg:normLabel``, its label folded
(:func:`vietkg.ontology.text.fold`: no diacritics, ``đ`` -> ``d``, casefolded), so "Nguyen Tho
Truyen" finds Nguyễn Thọ Truyền. Exact matches come first, then prefixes, then shorter labels.
Hits are canonical (:mod:`vietkg.graph.canonical`): a person seen in two articles, a body under
two names, a document cited with and without its term is one hit, labelled as the canonical node
is, wherever the first of its nodes ranked. The REST API and the pages both search through here.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from pyoxigraph import Literal

from vietkg.graph.canonical import Canonical, load_canonical
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS
from vietkg.ontology.text import fold

log = logging.getLogger(__name__)

SCAN = 500  # matching nodes read at most, before aliases are merged and the limit applies

_SEARCH = f"""
SELECT ?x ?q ?prefix (SAMPLE(?n) AS ?norm) (SAMPLE(?l) AS ?label) WHERE {{
  ?x vkg:normLabel ?n .
  FILTER(CONTAINS(?n, ?q) && STRSTARTS(STR(?x), ?prefix))
  OPTIONAL {{ ?x rdfs:label ?l }}
}}
GROUP BY ?x ?q ?prefix
ORDER BY (?norm != ?q) (!STRSTARTS(?norm, ?q)) STRLEN(?norm) ?x
LIMIT {SCAN}
"""


class Hit(NamedTuple):
    iri: str
    label: str | None


def search(kg: KG, q: str, *, prefix: str = ID_NS, limit: int = 20, canon: Canonical | None = None) -> list[Hit]:
    """Entities under ``prefix`` (an IRI namespace) whose folded label contains ``q`` folded."""
    folded = fold(q)
    if not folded:
        return []
    canon = canon if canon is not None else load_canonical(kg)
    rows = kg.select(_SEARCH, {"q": Literal(folded), "prefix": Literal(prefix)}).rows
    hits: dict[str, Hit] = {}
    for r in rows:
        x = r["x"] or ""
        c = canon(x)
        if c not in hits:
            hits[c] = Hit(c, r["label"] if c == x else canon.labels.get(c, r["label"]))
    return list(hits.values())[:limit]
