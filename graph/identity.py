"""Identity across articles: which person and body nodes denote the same entity.

Every article writes its own *mention* nodes (``vietkg.ingest.rdf``): a person is
``id/person/{slug(name)}--{slug(province)}``, a body ``id/org/{slug(label)}``. :func:`resolve`
reads them all, decides which denote one entity, and rewrites the named graph
``https://vietkg.org/graph/resolution`` (one transaction) with:

- ``?mention vkg:sameAs ?canonical`` for every mention, the canonical one included (self link), so
  queries join through one pattern;
- one ``vkg:IdentityDecision`` per pair considered: ``prov:used`` both nodes, ``rdf:value``
  ``same`` / ``not same`` / ``unsure``, ``vkg:reason`` in words and ``dct:source`` (``rule`` or the
  judgements file and line).

Rules (see :mod:`vietkg.graph.judgements` for the human side):

- **Bodies**: an article's body whose canonical label (``skos:prefLabel``) is, after normalisation
  (:func:`org_key`: diacritics, case, ``TP.HCM`` = ``TPHCM`` = ``Thành phố Hồ Chí Minh``, ``Ủy ban
  nhân dân`` = ``UBND``), a name of exactly one gazetteer body is that body. Labels as printed
  (``skos:altLabel`` of article nodes) are not used: "Ban Tuyên giáo Thành ủy" is every city's.
- **People**: two mentions are the same person when their names are equal after NFC, modern tone
  placement and case folding (:func:`vietkg.ontology.text.key`) *and* a body of one is compatible
  with a body of the other: the same body, its predecessor or successor through a merger or rename
  (``vkg:successor``, abolitions excepted), the committee a board belongs to (``org:unitOf``), or two
  boards of one committee. Same name with bodies that are all unrelated: ``not same`` (namesakes),
  recorded and enforced like a judgement. Same name and no body to compare: ``unsure``, apart.
- **Judgements win**, nomenklatura style: entities are the connected components of ``same`` edges;
  ``not same`` edges are applied first and no merge may join two components a ``not same`` edge
  separates, so a negative judgement is never bypassed transitively. Order: negative judgements,
  positive judgements, negative rules, positive rules (each sorted).
- **Canonical IRI**: bodies prefer the gazetteer node; otherwise the lexicographically smallest
  member IRI that was already canonical in the previous resolution, else the smallest member IRI.
  Re-ingesting changes nothing; adding articles keeps existing canonicals (a merge of two entities
  keeps the smaller of their canonicals), and an old canonical still resolves through ``vkg:sameAs``.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from vietkg.graph.judgements import Judgement, load_for_store
from vietkg.graph.store import KG
from vietkg.ontology import HERE as ONTOLOGY_DIR
from vietkg.ontology.terms import DCT, ONTOLOGY_GRAPH, PROV, RDF, VKG, graph_iri, id_iri
from vietkg.ontology.text import fold, key

log = logging.getLogger(__name__)

RESOLUTION_GRAPH = graph_iri("resolution")

_HCMC = re.compile(r"\b(?:thanh pho ho chi minh|tp ho chi minh|thanh pho hcm|tp hcm|tphcm|hcm city)\b")
_BOARDS = {"btg": "ban tuyen giao", "bdv": "ban dan van", "btc": "ban to chuc", "ubkt": "uy ban kiem tra",
           "bnc": "ban noi chinh", "btgdv": "ban tuyen giao va dan van"}


@cache
def _aliases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Long forms -> the abbreviation canonical labels use (``body_grammar.csv`` alias rows)."""
    import csv

    out = []
    with (ONTOLOGY_DIR / "data" / "body_grammar.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("kind") == "alias" and row.get("text") and row.get("value"):
                out.append((re.compile(rf"\b{re.escape(fold(row['text']))}\b"), fold(row["value"])))
    return tuple(out)


def org_key(label: str) -> str:
    """A comparison key for body names: folded, HCMC spellings and common abbreviations unified."""
    k = fold(label.replace("&", " và "))
    k = " ".join(_BOARDS.get(w, w) for w in k.split())
    for pattern, short in _aliases():
        k = pattern.sub(short, k)
    k = re.sub(r"\bban tuyen giao - dan van\b|\bban tg va dv\b", "ban tuyen giao va dan van", k)
    return " ".join(_HCMC.sub("tphcm", k).split())


@dataclass(frozen=True)
class Decision:
    kind: str  # person | org
    left: str
    right: str
    verdict: str  # same | not same | unsure
    reason: str
    source: str = "rule"


@dataclass
class Resolution:
    canonical: dict[str, str] = field(default_factory=dict)  # mention IRI -> canonical IRI
    decisions: list[Decision] = field(default_factory=list)

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for m, c in sorted(self.canonical.items()):
            out[c].append(m)
        return dict(out)


class Components:
    """Union-find over positive edges that refuses any merge a negative edge forbids."""

    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}
        self.members = {i: {i} for i in self.parent}
        self.negative: dict[str, set[str]] = defaultdict(set)

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def forbid(self, a: str, b: str) -> bool:
        """Record a negative edge; False when ``a`` and ``b`` are already one entity."""
        if self.find(a) == self.find(b):
            return False
        self.negative[a].add(b)
        self.negative[b].add(a)
        return True

    def blocked(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        other = self.members[rb]
        return any(self.negative[x] & other for x in self.members[ra])

    def union(self, a: str, b: str) -> bool:
        """Merge; False when already merged or a negative edge separates the two."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.blocked(a, b):
            return False
        ra, rb = sorted((ra, rb))
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True

    def groups(self) -> list[list[str]]:
        return sorted(sorted(m) for m in self.members.values())


def apply_edges(comp: Components, judged: list[Judgement], rules: list[Decision]) -> list[Decision]:
    """Apply judgements then rules in the fixed order; returns every decision taken, in order."""
    out: list[Decision] = []
    for j in judged:
        if j.verdict == "not same":
            comp.forbid(j.left, j.right)
            out.append(Decision(j.kind, *j.pair, "not same", j.note or "judged different", j.source))
    for j in judged:
        if j.verdict == "same":
            ok = comp.union(j.left, j.right)
            if not ok and comp.find(j.left) != comp.find(j.right):
                log.warning("judgement %s (same) conflicts with a 'not same' judgement; ignored", j.source)
            out.append(Decision(j.kind, *j.pair, "same" if ok else "not same",
                                (j.note or "judged same") + ("" if ok else " — blocked by a 'not same' judgement"),
                                j.source))
        elif j.verdict == "unsure":
            out.append(Decision(j.kind, *j.pair, "unsure", j.note or "judged unsure", j.source))
    judged_pairs = {j.pair for j in judged}
    rules = [d for d in rules if (d.left, d.right) not in judged_pairs]
    for d in rules:
        if d.verdict == "not same":
            kept = comp.forbid(d.left, d.right)
            out.append(d if kept else Decision(d.kind, d.left, d.right, "unsure",
                                               d.reason + " — but judgements join them"))
    for d in rules:
        if d.verdict == "same":
            if comp.union(d.left, d.right) or comp.find(d.left) == comp.find(d.right):
                out.append(d)
            else:
                out.append(Decision(d.kind, d.left, d.right, "not same", d.reason + " — blocked by 'not same'"))
        elif d.verdict == "unsure":
            out.append(d)
    return out


def choose_canonical(group: list[str], prior: set[str], preferred: set[str] | None = None) -> str:
    """Gazetteer node first, then the smallest member that was canonical before, then the smallest."""
    for pool in (set(group) & (preferred or set()), set(group) & prior):
        if pool:
            return min(pool)
    return min(group)


def _iri(text: str) -> NamedNode:
    return NamedNode(text)


def decision_quads(d: Decision) -> list[Quad]:
    digest = hashlib.sha1(f"{d.kind}|{d.left}|{d.right}".encode()).hexdigest()[:16]
    node = id_iri("decision", d.kind, digest)
    g = RESOLUTION_GRAPH
    return [Quad(node, RDF.type, VKG.IdentityDecision, g), Quad(node, RDF.type, PROV.Activity, g),
            Quad(node, PROV.used, _iri(d.left), g), Quad(node, PROV.used, _iri(d.right), g),
            Quad(node, RDF.value, Literal(d.verdict), g), Quad(node, VKG.reason, Literal(d.reason), g),
            Quad(node, DCT.source, Literal(d.source), g)]


def resolution_quads(res: Resolution) -> list[Quad]:
    quads = [Quad(_iri(m), VKG.sameAs, _iri(c), RESOLUTION_GRAPH) for m, c in sorted(res.canonical.items())]
    seen: set[tuple[str, str, str]] = set()
    for d in res.decisions:
        if (d.kind, d.left, d.right) not in seen:  # the first decision about a pair is the one in force
            seen.add((d.kind, d.left, d.right))
            quads.extend(decision_quads(d))
    return quads


def prior_canonicals(kg: KG) -> set[str]:
    rows = kg.select("SELECT ?c ?res WHERE { GRAPH ?res { ?c vkg:sameAs ?c } }", {"res": RESOLUTION_GRAPH}).rows
    return {r["c"] for r in rows if r["c"]}


def resolve(kg: KG, judgements: Path | None = None) -> Resolution:
    """Decide identities over the whole store and rewrite the resolution graph; returns them.

    ``judgements`` is a file read in addition to the store's own copy (see ``judgements.py``).
    """
    from vietkg.graph.resolve_orgs import resolve_orgs
    from vietkg.graph.resolve_people import resolve_people

    judged = load_for_store(kg.path, judgements)
    if judged:
        log.info("%d judgement(s) in force", len(judged))
    prior = prior_canonicals(kg)
    orgs = resolve_orgs(kg, [j for j in judged if j.kind == "org"], prior)
    people = resolve_people(kg, [j for j in judged if j.kind == "person"], prior, orgs.canonical)
    res = Resolution({**orgs.canonical, **people.canonical}, orgs.decisions + people.decisions)
    kg.replace_graph(RESOLUTION_GRAPH, resolution_quads(res))
    merged = sum(1 for m, c in res.canonical.items() if m != c)
    log.info("resolution: %d nodes, %d linked to another, %d decisions", len(res.canonical), merged,
             len(res.decisions))
    return res


def same_name_pairs(names: dict[str, set[str]]) -> list[tuple[str, str, str]]:
    """Pairs of distinct nodes sharing a name key, with that key, sorted."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for node, ns in names.items():
        for n in ns:
            by_key[key(n)].add(node)
    pairs: dict[tuple[str, str], str] = {}
    for k, nodes in sorted(by_key.items()):
        for a, b in itertools.combinations(sorted(nodes), 2):
            pairs.setdefault((a, b), k)
    return [(a, b, k) for (a, b), k in sorted(pairs.items())]


__all__ = ["ONTOLOGY_GRAPH", "RESOLUTION_GRAPH", "Components", "Decision", "Resolution", "org_key", "resolve"]
