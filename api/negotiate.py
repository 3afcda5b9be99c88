"""Content negotiation: pick a media type from a table by the request's Accept header.

Accept is parsed with q-values and wildcards (``*/*``, ``text/*``); each offered type takes the q
of the most specific range that matches it (RFC 9110 §12.5.1), ``q=0`` refuses it. The best q wins;
ties go to the table's order, so the first entry is the default (also with no Accept at all).
No acceptable type -> ``None`` (the caller answers 406).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat


@dataclass(frozen=True)
class Offer:
    media_type: str  # what we match against Accept
    content_type: str  # what we answer with
    key: str  # a short name: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml


# SELECT / ASK results, served natively by pyoxigraph; aliases after the canonical types.
RESULT_OFFERS: tuple[Offer, ...] = (
    Offer("application/sparql-results+json", "application/sparql-results+json", "json"),
    Offer("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
    Offer("text/csv", "text/csv; charset=utf-8", "csv"),
    Offer("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "tsv"),
    Offer("application/json", "application/sparql-results+json", "json"),
    Offer("application/xml", "application/sparql-results+xml", "xml"),
)
BOOLEAN_OFFERS = tuple(o for o in RESULT_OFFERS if o.key in ("json", "xml"))
# CONSTRUCT / DESCRIBE (and the Graph Store Protocol) graphs.
GRAPH_OFFERS: tuple[Offer, ...] = (
    Offer("text/turtle", "text/turtle; charset=utf-8", "turtle"),
    Offer("application/n-triples", "application/n-triples", "ntriples"),
    Offer("application/ld+json", "application/ld+json", "jsonld"),
    Offer("application/rdf+xml", "application/rdf+xml", "rdfxml"),
    Offer("application/x-turtle", "text/turtle; charset=utf-8", "turtle"),
    Offer("text/plain", "application/n-triples", "ntriples"),
    Offer("application/xml", "application/rdf+xml", "rdfxml"),
)
JSON_OFFERS: tuple[Offer, ...] = (
    Offer("application/json", "application/json", "json"),
    Offer("application/ld+json", "application/ld+json", "jsonld"),
)

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD, "rdfxml": RdfFormat.RDF_XML,
}
# Request bodies the Graph Store Protocol takes, by media type.
GRAPH_INPUTS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE, "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES, "text/plain": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD, "application/rdf+xml": RdfFormat.RDF_XML,
    "application/n-quads": RdfFormat.N_QUADS, "application/trig": RdfFormat.TRIG,
}


def parse_accept(header: str) -> list[tuple[str, float]]:
    """``(range, q)`` pairs of an Accept header; malformed q-values count as 1."""
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else f"{media}/*"
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    q = 1.0
        ranges.append((media, q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    kind = media_type.split("/")[0]
    best_rank, best_q = -1, 0.0
    for rng, q in ranges:
        if rng == media_type:
            rank = 2
        elif rng == f"{kind}/*":
            rank = 1
        elif rng == "*/*":
            rank = 0
        else:
            continue
        if rank > best_rank:
            best_rank, best_q = rank, q
    return best_q


def choose(accept: str | None, offers: Sequence[Offer]) -> Offer | None:
    """The offer the client prefers; the first offer when Accept is absent or empty."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best: Offer | None = None
    best_q = 0.0
    for offer in offers:
        q = _quality(offer.media_type, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


def media_type_of(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None
