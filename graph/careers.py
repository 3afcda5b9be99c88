"""Careers: every post observation of a person, and the person -> posts -> organizations graph.

Each article's statement that a person holds a post is a ``vkg:PostObservation``; here they are
read with people and bodies canonical (:mod:`vietkg.graph.canonical`) and one post per role and
canonical body. Parameters reach SPARQL only through substitutions.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import TypedDict

import networkx as nx

from vietkg.graph.canonical import Canonical
from vietkg.graph.nodes import add_entity, canonical_map, mark_aliases, select_for
from vietkg.graph.store import KG

log = logging.getLogger(__name__)

# Each label lookup is a DISTINCT sub-select: the union of the article graphs repeats a name or a
# label once per graph, and joined directly the repeats multiply (minutes at 100 articles).
_OBSERVATIONS = """
SELECT DISTINCT ?obs ?person ?name ?role ?roleLabel ?post ?postLabel ?org ?orgLabel ?date ?earliest ?latest
                ?former ?title ?quote ?start ?end ?article ?p_person WHERE {
  { SELECT DISTINCT ?obs ?person ?role ?date ?earliest ?latest ?former ?title ?quote ?start ?end ?article WHERE {
      ?obs a vkg:PostObservation ; org:member ?person ; org:role ?role .
      OPTIONAL { ?obs vkg:dateText ?date }
      OPTIONAL { ?obs vkg:earliest ?earliest }
      OPTIONAL { ?obs vkg:latest ?latest }
      OPTIONAL { ?obs vkg:former ?former }
      OPTIONAL { ?obs vkg:titleAsWritten ?title }
      OPTIONAL { ?obs vkg:evidence ?ev . ?ev vkg:quote ?quote ; vkg:startOffset ?start ; vkg:endOffset ?end }
      OPTIONAL { ?obs vkg:observedIn ?article } } }
  FILTER(STR(?p_person) = "" || ?person = ?p_person)
  { SELECT DISTINCT ?person ?name WHERE { ?person foaf:name ?name } }
  OPTIONAL { SELECT DISTINCT ?role ?roleLabel WHERE {
      ?role skos:prefLabel ?roleLabel FILTER(LANG(?roleLabel) = "vi") } }
  OPTIONAL { SELECT DISTINCT ?obs ?post ?postLabel WHERE {
      ?obs a vkg:PostObservation ; vkg:post ?post . ?post skos:prefLabel ?postLabel } }
  OPTIONAL { SELECT DISTINCT ?obs ?org ?orgLabel WHERE {
      ?obs a vkg:PostObservation ; org:organization ?org . ?org skos:prefLabel ?orgLabel } }
}
"""


class PostObservation(TypedDict):
    """One article's statement that a person held a post in an organization on a date."""

    obs: str
    person: str
    name: str
    post: str  # the org:Post IRI, or the role concept when the organization is not known
    post_label: str
    role_label: str
    organization: str | None
    organization_label: str | None
    date: str | None
    earliest: str | None
    latest: str | None
    former: bool
    title: str | None
    quote: str | None
    evidence_start: str | None
    evidence_end: str | None
    article: str | None


def post_observations(kg: KG, person: str | None = None, canon: Canonical | None = None) -> list[PostObservation]:
    """Every post observation (of ``person``, or of everyone), in date order.

    People and organizations are canonical; a post is one per role and canonical organization
    (posts are minted per body as the article names it: the one of the canonical body wins).
    """
    canon = canonical_map(kg, canon)
    raw = select_for(kg, _OBSERVATIONS, canon, "p_person", person)
    posts = _post_of(raw, canon)
    # A role may carry several Vietnamese labels (the vocabulary's and an article's): the smallest wins,
    # whatever order the rows come in.
    role_labels: dict[str, str] = {}
    for r in raw:
        if r["roleLabel"]:
            role_labels[r["obs"] or ""] = min(r["roleLabel"], role_labels.get(r["obs"] or "", r["roleLabel"]))
    out: dict[str, PostObservation] = {}
    for r in canon.rows(raw, {"person": "name", "org": "orgLabel"}):
        obs = r["obs"] or ""
        if obs in out:
            continue
        role_label = role_labels.get(obs) or (r["role"] or "").rsplit("/", 1)[-1]
        post, post_label = posts.get(r["post"] or "", (r["post"], r["postLabel"]))
        out[obs] = PostObservation(
            obs=obs, person=r["person"] or "", name=r["name"] or "", post=post or r["role"] or "",
            post_label=post_label or role_label, role_label=role_label, organization=r["org"],
            organization_label=r["orgLabel"], date=r["date"], earliest=r["earliest"], latest=r["latest"],
            former=r["former"] == "true", title=r["title"], quote=r["quote"], evidence_start=r["start"],
            evidence_end=r["end"], article=r["article"])
    return sorted(out.values(), key=lambda o: (o["earliest"] or "9999", o["person"], o["post_label"]))


def _post_of(rows: list[dict[str, str | None]], canon: Canonical) -> dict[str, tuple[str, str | None]]:
    """Post IRI -> (IRI, label) of the post that stands for it: one per role and canonical body."""
    by_key: dict[tuple[str, str], list[tuple[bool, str, str | None]]] = defaultdict(list)
    for r in rows:
        if r["post"] and r["org"]:
            by_key[(r["role"] or "", canon(r["org"]))].append((canon.is_alias(r["org"]), r["post"], r["postLabel"]))
    out: dict[str, tuple[str, str | None]] = {}
    for found in by_key.values():
        _, post, label = min(found, key=lambda f: (f[0], f[1]))  # the canonical body's post, else the smallest
        out.update({p: (post, label) for _, p, _ in found})
    return out


def career_graph(kg: KG, person: str | None = None, canon: Canonical | None = None,
                 observations: list[PostObservation] | None = None) -> nx.DiGraph:
    """Person -> posts -> organizations; ``holds`` edges carry ``first``, ``last`` and ``seen``.

    ``observations``: what :func:`post_observations` already answered for ``person``, if at hand.
    """
    g = nx.DiGraph(name="careers")
    canon = canonical_map(kg, canon)
    for o in observations if observations is not None else post_observations(kg, person, canon):
        add_entity(g, o["person"], o["name"], "person")
        add_entity(g, o["post"], o["post_label"], "post")
        if o["organization"]:
            add_entity(g, o["organization"], o["organization_label"], "organization")
            g.add_edge(o["post"], o["organization"], relation="post-in")
        if not g.has_edge(o["person"], o["post"]):
            g.add_edge(o["person"], o["post"], relation="holds", seen=0, dates=[], former=o["former"])
        data = g.edges[o["person"], o["post"]]
        data["seen"] += 1
        data["former"] = data["former"] and o["former"]
        if o["date"] and o["date"] not in data["dates"]:
            data["dates"] = sorted([*data["dates"], o["date"]])
        if o["earliest"]:
            data["first"] = min(data.get("first", o["earliest"]), o["earliest"])
        if o["latest"]:
            data["last"] = max(data.get("last", o["latest"]), o["latest"])
    return mark_aliases(g, canon)
