"""Bodies over time: finding a body by any of its names, its successors, and cluster membership changes.

``match_orgs`` finds bodies by name the way users write them: diacritics optional, aliases
(``skos:altLabel``), ``TP.HCM`` = ``TPHCM`` = ``Thành phố Hồ Chí Minh``, ``BTG`` = ``Ban Tuyên
giáo``; an exact match wins, else every body whose name contains the words. It answers canonical
IRIs (the resolution graph's ``vkg:sameAs``), so an article's node and the gazetteer's are one body.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from vietkg.graph.identity import org_key
from vietkg.graph.store import KG, QueryResult

log = logging.getLogger(__name__)

ORG_NAMES_Q = """
SELECT DISTINCT ?o ?label ?c WHERE {
  ?o a org:Organization .
  { ?o skos:prefLabel ?label } UNION { ?o skos:altLabel ?label }
  OPTIONAL { ?o vkg:sameAs ?c }
}"""
CLUSTER_COLUMNS = ["cluster", "year", "member", "change", "leader", "role", "compared_with", "organiser",
                   "cluster_iri", "member_iri", "sources"]
SUCCESSOR_COLUMNS = ["organization", "successor", "date", "kind", "organization_iri", "successor_iri"]
_RANK = {"leader": 0, "deputy": 1, "member": 2}


def match_orgs(kg: KG, text: str) -> set[str]:
    """Canonical IRIs of the bodies ``text`` names (exact name first, else containing its words)."""
    want = org_key(text)
    exact: set[str] = set()
    partial: set[str] = set()
    for r in kg.select(ORG_NAMES_Q).rows:
        if not r["o"] or not r["label"]:
            continue
        k, iri = org_key(r["label"]), r["c"] or r["o"]
        if k == want:
            exact.add(iri)
        elif f" {want} " in f" {k} ":
            partial.add(iri)
    return exact or partial


@dataclass
class _Year:
    members: dict[str, tuple[str, str]] = field(default_factory=dict)  # iri -> (label, role)
    sources: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        """A year with a member list; a year known only from "X làm Cụm trưởng năm sau" is partial."""
        return any(role == "member" for _, role in self.members.values())

    def add(self, iri: str, label: str, role: str) -> None:
        cur = self.members.get(iri)
        if cur is None or _RANK.get(role, 3) < _RANK.get(cur[1], 3) or (role == cur[1] and label < cur[0]):
            self.members[iri] = (label, role)


@dataclass
class _Cluster:
    number: str
    organiser: str | None
    iris: set[str] = field(default_factory=set)
    years: dict[str, _Year] = field(default_factory=lambda: defaultdict(_Year))


def _clusters(result: QueryResult, organisers: set[str] | None) -> dict[tuple[str, str], _Cluster]:
    out: dict[tuple[str, str], _Cluster] = {}
    for r in result.rows:
        if not r.get("cluster_iri") or not r.get("year") or not r.get("member_iri"):
            continue
        owner = r.get("organiser_iri") or r["cluster_iri"]
        if organisers is not None and owner not in organisers:
            continue
        c = out.setdefault((owner, r.get("n") or ""), _Cluster(r.get("n") or "", r.get("organiser")))
        c.iris.add(r["cluster_iri"])
        if r.get("organiser") and (c.organiser is None or r["organiser"] < c.organiser):
            c.organiser = r["organiser"]
        y = c.years[r["year"]]
        y.add(r["member_iri"], r.get("member") or r["member_iri"], r.get("role") or "member")
        if r.get("source"):
            y.sources.add(r["source"])
    return out


def _change(m: str, cur: _Year, old: _Year | None) -> str | None:
    if old is None:
        return None
    if m in cur.members:
        return "stayed" if m in old.members else "joined"
    return "left"


def _year_rows(c: _Cluster, year: str, prev: str | None) -> list[dict[str, str | None]]:
    cur, old = c.years[year], c.years[prev] if prev else None
    leader = ", ".join(sorted(label for label, role in cur.members.values() if role == "leader")) or None
    everyone = dict(old.members) if old and cur.complete else {}  # a partial year says nothing of who left
    everyone.update(cur.members)
    rows = []
    for m, (label, _) in sorted(everyone.items(), key=lambda kv: (kv[1][0], kv[0])):
        role = (cur.members.get(m) or everyone[m])[1]
        rows.append({"cluster": f"Cụm thi đua số {c.number}", "year": year, "member": label,
                     "change": _change(m, cur, old), "leader": leader, "role": role, "compared_with": prev,
                     "organiser": c.organiser, "cluster_iri": min(c.iris), "member_iri": m,
                     "sources": " | ".join(sorted(cur.sources))})
    return rows


def cluster_changes(kg: KG, result: QueryResult, params: dict[str, str]) -> QueryResult:
    """Members of the cluster per year against the previous year on record, and the cụm trưởng."""
    organisers = match_orgs(kg, params["organiser"]) if params.get("organiser") else None
    want = (params.get("year") or "").strip()
    rows: list[dict[str, str | None]] = []
    for _, c in sorted(_clusters(result, organisers).items()):
        years = sorted(c.years)
        for i, y in enumerate(years):
            if not want or y == want:
                prev = next((p for p in reversed(years[:i]) if c.years[p].complete), None)
                rows.extend(_year_rows(c, y, prev))
    return QueryResult(list(CLUSTER_COLUMNS), rows)


def successor(kg: KG, result: QueryResult, params: dict[str, str]) -> QueryResult:
    """The successor of each body the name matches, then the successor's successor, with dates."""
    steps: dict[str, dict[str, dict[str, str | None]]] = defaultdict(dict)
    for r in result.rows:
        o, s = r.get("o"), r.get("s")
        if not o or not s:
            continue
        date = (r.get("t") or r.get("until") or "")[:10] or None
        row = {"organization": r.get("organization"), "successor": r.get("successor"), "date": date,
               "kind": r.get("kind") or None, "organization_iri": o, "successor_iri": s}
        prev = steps[o].get(s)
        if prev is None or (row["kind"] or "~", row["organization"] or "") < (prev["kind"] or "~",
                                                                                prev["organization"] or ""):
            steps[o][s] = row
    rows: list[dict[str, str | None]] = []
    seen: set[str] = set()
    todo = sorted(match_orgs(kg, params.get("organization", "")))
    while todo:
        o = todo.pop(0)
        if o in seen:
            continue
        seen.add(o)
        for s, row in sorted(steps.get(o, {}).items()):
            rows.append(row)
            todo.append(s)
    return QueryResult(list(SUCCESSOR_COLUMNS), rows)
