"""One node per real entity: every view shows a person, body or document under its canonical IRI.

The resolvers link nodes that denote one entity with ``vkg:sameAs``, always from the node to its
canonical: :mod:`vietkg.graph.identity` links every person and body mention to the canonical one
(itself included) in ``https://vietkg.org/graph/resolution``, :mod:`vietkg.graph.documents` links a
document cited without its term to the termed one in ``https://vietkg.org/graph/documents``. So the
rule is the resolvers' own: **the canonical IRI of a node is the object of its** ``vkg:sameAs``
(followed to the end; a node with none is its own canonical), and its **aliases** are the nodes
linked to it.

:func:`load_canonical` reads every link that is not a self link in one query and returns a
:class:`Canonical`, which views load once per request or analysis and use to

- map IRIs (``canon(iri)``) and whole result rows (:meth:`Canonical.rows`), so that facts stated
  about an alias show up on the canonical node and a list never names one entity twice;
- find the aliases of an entity (:meth:`Canonical.aliases`), e.g. to list them as ``same_as``;
- read one entity's facts (:class:`Entity`): queries bound to its canonical IRI, rows mapped.

A query about one entity is run once per node of the entity (:meth:`Entity.rows`: the canonical
IRI bound, then each alias), exactly as it runs for an entity without aliases: Oxigraph plans a
query with a bound IRI well, and the same query joined to a property path from it (``?a
vkg:sameAs* ?id . ?x p ?a``) badly (measured on 100 articles: a 920 ms query past 20 s). Only
what must walk through aliases uses a path: a document trace (:data:`CARRIES_OUT`, a plan carrying
out the citation without its term carries out the termed document), and :data:`ALIAS_OF` inside an
``EXISTS`` where both ends are bound. Mapping IRIs happens here, in Python, over rows already read.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from pyoxigraph import NamedNode

from vietkg.graph.store import KG, Term

log = logging.getLogger(__name__)

# ``?node ALIAS_OF ?canonical``: the canonical node itself and every node resolved to it.
ALIAS_OF = "vkg:sameAs*"
# ``?doc CARRIES_OUT ?root``: documents carrying out ``?root`` (a canonical document), transitively,
# with every step free to pass between a document and its aliases (a plan that carries out "35-NQ/TW"
# cited without its term carries out the termed resolution).
CARRIES_OUT = "(vkg:implementsDocument|vkg:sameAs|^vkg:sameAs)*"

Row = dict[str, str | None]
_LINKS = "SELECT DISTINCT ?m ?c WHERE { ?m vkg:sameAs ?c FILTER(?m != ?c && isIRI(?c)) }"
_LABELS = "SELECT DISTINCT ?c ?label WHERE { ?m vkg:sameAs ?c FILTER(?m != ?c) ?c rdfs:label ?label }"


@dataclass(frozen=True)
class Canonical:
    """Alias IRI -> canonical IRI, for the nodes the resolvers linked to another (a node not in
    ``links`` is canonical), and the label (``rdfs:label``) of each canonical IRI that has aliases."""

    links: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, iri: str) -> str:
        return self.links.get(iri, iri)

    def of(self, iri: str | None) -> str | None:
        return None if iri is None else self.links.get(iri, iri)

    def is_alias(self, iri: str) -> bool:
        return iri in self.links

    def members(self, iri: str) -> list[str]:
        """The nodes of ``iri``'s entity: its canonical IRI first, then the aliases, sorted."""
        return [self(iri), *self.aliases(iri)]

    def aliases(self, iri: str) -> list[str]:
        """The aliases of ``iri``'s entity (``iri`` may be its canonical or an alias), sorted."""
        return sorted(self._members.get(self(iri), ()))

    @cached_property
    def _members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for m, c in self.links.items():
            out[c].append(m)
        return out

    def row(self, row: Mapping[str, str | None]) -> dict[str, str | None]:
        """``row`` with every value that is an alias replaced by its canonical IRI."""
        return {k: self.links.get(v, v) if v else v for k, v in row.items()}

    def rows(self, rows: Iterable[Mapping[str, str | None]],
             own: Mapping[str, str | tuple[str, ...]] | None = None) -> list[Row]:
        """Every row mapped by :meth:`row`, rows that became equal kept once, in order.

        ``own`` pairs an IRI column with the columns that describe that node, label first (then a
        document's term ...): a row naming an alias takes them from a row naming the canonical node
        itself, when there is one, else its label from :attr:`labels`, so an entity is described as
        its canonical node describes it.
        """
        rows = list(rows)
        described = {col: (cols,) if isinstance(cols, str) else cols for col, cols in (own or {}).items()}
        mine: dict[tuple[str, str], dict[str, str | None]] = {}
        for r in rows:
            for col, cols in described.items():
                node = r.get(col)
                if node and node not in self.links:
                    mine.setdefault((col, node), {c: r.get(c) for c in cols})
        seen: set[tuple[tuple[str, str | None], ...]] = set()
        out: list[Row] = []
        for r in rows:
            mapped = self.row(r)
            for col, cols in described.items():
                if r.get(col) in self.links:
                    node = mapped[col] or ""
                    if (col, node) in mine:
                        mapped.update(mine[(col, node)])
                    elif cols and node in self.labels:
                        mapped[cols[0]] = self.labels[node]
            key = tuple(mapped.items())
            if key not in seen:
                seen.add(key)
                out.append(mapped)
        return out


@dataclass(frozen=True)
class Entity:
    """One entity as a view reads it: the IRI asked for (maybe an alias), and queries about it.

    :meth:`rows` runs a query with the variable ``var`` bound to each node of the entity (so the
    aliases' facts are found) and maps the rows with :meth:`Canonical.rows`.
    """

    kg: KG
    asked: str
    canon: Canonical
    var: str = "id"

    @property
    def iri(self) -> str:
        return self.canon(self.asked)

    @property
    def is_alias(self) -> bool:
        return self.canon.is_alias(self.asked)

    @property
    def aliases(self) -> list[str]:
        return self.canon.aliases(self.asked)

    def rows(self, sparql: str, own: Mapping[str, str | tuple[str, ...]] | None = None, *,
             order: tuple[str, ...] = (), each: bool = True, **subs: Term) -> list[Row]:
        """``sparql`` with ``var`` bound to the canonical IRI and then (``each``) to every alias,
        rows mapped and merged by :meth:`Canonical.rows`; when aliases added rows, they are sorted
        by the ``order`` columns (what the query's ORDER BY says; empty values last)."""
        nodes = self.canon.members(self.asked) if each else [self.iri]
        raw: list[dict[str, str | None]] = []
        for node in nodes:
            raw.extend(self.kg.select(sparql, {self.var: NamedNode(node), **subs}).rows)
        rows = self.canon.rows(raw, own)
        if order and len(nodes) > 1:
            rows.sort(key=lambda r: tuple(_sort_key(r.get(c)) for c in order))
        return rows


def _sort_key(value: str | None) -> tuple[bool, bool, int, str]:
    """Empty last; numbers (offsets, years) by value, before text."""
    digits = value is not None and value.isdigit()
    return value is None, not digits, int(value) if digits else 0, value or ""


def entity(kg: KG, iri: str, var: str = "id", canon: Canonical | None = None) -> Entity:
    """``iri`` (an alias or not) as an :class:`Entity`, the canonical map loaded unless given."""
    return Entity(kg, iri, canon if canon is not None else load_canonical(kg), var)


def load_canonical(kg: KG) -> Canonical:
    """The store's ``vkg:sameAs`` links (self links left out), each followed to its end."""
    direct: dict[str, str] = {}
    for r in kg.select(_LINKS).rows:
        m, c = r["m"] or "", r["c"] or ""
        if m and c and (m not in direct or c < direct[m]):  # two links from one node: the smaller wins
            direct[m] = c
    links = {m: c for m, c in ((m, _end(direct, m)) for m in direct) if m != c}
    labels: dict[str, str] = {}
    for r in kg.select(_LABELS).rows:
        c, label = links.get(r["c"] or "", r["c"] or ""), r["label"] or ""
        if label and (c not in labels or label < labels[c]):
            labels[c] = label
    return Canonical(links, labels)


def _end(direct: Mapping[str, str], node: str) -> str:
    """Follow links from ``node``; a cycle (which no resolver writes) ends at its smallest IRI."""
    path = [node]
    while path[-1] in direct:
        nxt = direct[path[-1]]
        if nxt in path:
            return min(path[path.index(nxt):])
        path.append(nxt)
    return path[-1]
