"""Which document nodes denote one document: a citation without a term and the termed one.

Party document numbers restart for each kind in each term of the issuing committee, so a
document's IRI carries the term (or the year, for state documents) where the article gives it:
``id/doc/tw/nq/xii/35`` for "Nghị quyết số 35-NQ/TW ngày 22/10/2018", ``id/doc/tw/nq/35`` when an
article only prints "35-NQ/TW". After each ingest :func:`resolve_documents` links every termless
node to the termed one when exactly one termed node shares its issuer, kind and number
(``vkg:sameAs``, with a ``vkg:IdentityDecision`` giving the reason), in the named graph
``https://vietkg.org/graph/documents``. With two or more termed candidates (35-CT/TW of 2019 and
of 2024) the termless citation stays apart: the article does not say which it means.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict

from pyoxigraph import Literal, NamedNode, Quad

from vietkg.graph.store import KG
from vietkg.ontology.terms import GRAPH_NS, ID_NS, PROV, RDF, VKG

log = logging.getLogger(__name__)

DOCUMENTS_GRAPH = NamedNode(GRAPH_NS + "documents")
DOC_PREFIX = ID_NS + "doc/"


def _parts(iri: str) -> list[str]:
    return iri[len(DOC_PREFIX):].split("/")


def equivalences(iris: list[str]) -> dict[str, str]:
    """termless IRI -> the single termed IRI with the same issuer, kind and number."""
    termed: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    termless: list[tuple[tuple[str, str, str], str]] = []
    for iri in iris:
        parts = _parts(iri)
        if len(parts) == 4:
            termed[(parts[0], parts[1], parts[3])].add(iri)
        elif len(parts) == 3:
            termless.append(((parts[0], parts[1], parts[2]), iri))
    return {iri: next(iter(termed[k])) for k, iri in termless if len(termed.get(k, ())) == 1}


def resolve_documents(kg: KG) -> int:
    """Rewrite the documents graph; returns the number of termless nodes linked."""
    rows = kg.select("SELECT DISTINCT ?d WHERE { ?d a eli:LegalResource }").rows
    links = equivalences(sorted(r["d"] for r in rows if r["d"] and r["d"].startswith(DOC_PREFIX)))
    quads: list[Quad] = []
    for a, b in sorted(links.items()):
        s, t = NamedNode(a), NamedNode(b)
        decision = NamedNode(ID_NS + "decision/doc/" + hashlib.sha1(f"{a} {b}".encode()).hexdigest()[:16])
        quads += [
            Quad(s, VKG.sameAs, t, DOCUMENTS_GRAPH),
            Quad(decision, RDF.type, VKG.IdentityDecision, DOCUMENTS_GRAPH),
            Quad(decision, PROV.used, s, DOCUMENTS_GRAPH),
            Quad(decision, PROV.used, t, DOCUMENTS_GRAPH),
            Quad(decision, RDF.value, Literal("same"), DOCUMENTS_GRAPH),
            Quad(decision, VKG.reason, Literal(
                "the citation gives no term or date; exactly one cited document has this issuer, kind and number"),
                DOCUMENTS_GRAPH),
        ]
    kg.replace_graph(DOCUMENTS_GRAPH, quads)
    log.info("documents: %d termless citations linked to their termed document", len(links))
    return len(links)


def same_documents(kg: KG, iri: str) -> list[str]:
    """``iri`` and every document node resolved to the same document (both directions)."""
    rows = kg.select(
        "SELECT DISTINCT ?o ?x WHERE { { ?x vkg:sameAs ?o } UNION { ?o vkg:sameAs ?x } "
        "UNION { ?x vkg:sameAs ?c . ?o vkg:sameAs ?c } FILTER(?o != ?x) }",
        substitutions={"x": NamedNode(iri)},
    ).rows
    return [iri, *sorted({r["o"] for r in rows if r["o"] and r["o"].startswith(DOC_PREFIX)})]
