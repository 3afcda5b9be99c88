"""The SPARQL tokenizer behind SERVICE/LOAD refusal and the row cap, and Accept negotiation."""

from __future__ import annotations

import pyoxigraph
import pytest

from vietkg.api.negotiate import GRAPH_OFFERS, RESULT_OFFERS, choose
from vietkg.api.sparql_guard import analyse, with_row_limit

REFUSED = [
    ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("select * { service silent <http://x/> {} }", "SERVICE"),
    ("SELECT * { ?s ?p ?o.SERVICE <http://x/> {} }", "SERVICE"),
    ("SELECT * { ?s ?p 1.SERVICE <http://x/> {} }", "SERVICE"),
    ("SELECT * { \\u0053ERVICE <http://x/> {} }", "SERVICE"),
    ("SELECT * {\n# a comment\nSERVICE <http://x/> {} }", "SERVICE"),
    ("LOAD <http://x/> INTO GRAPH <http://g/>", "LOAD"),
    ("CLEAR ALL ; load silent <http://x/>", "LOAD"),
]
ALLOWED = [
    'SELECT * { ?s ?p "SERVICE <http://x/> {}" }',
    "SELECT * { ?s ?p '''multi\nline SERVICE''' }",
    "SELECT * { ?s ?p ?o } # SERVICE <http://x/> {}",
    "SELECT ?service { ?service ?p <http://example.org/SERVICE> }",
    "PREFIX service: <http://x/> SELECT * { ?s service:load ?o }",
    "SELECT * { ?s <http://x/p> \"a \\\" SERVICE\" }",
    "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
]


@pytest.mark.parametrize(("text", "keyword"), REFUSED)
def test_refused(text: str, keyword: str) -> None:
    assert analyse(text).refused == keyword


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed(text: str) -> None:
    assert analyse(text).refused is None


@pytest.mark.parametrize(("text", "form"), [
    ("PREFIX ex: <http://x/> SELECT * {}", "SELECT"), ("BASE <http://x/> ASK {}", "ASK"),
    ("# CONSTRUCT\nDESCRIBE <http://x/>", "DESCRIBE"), ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("INSERT DATA { <a> <b> <c> }", "UPDATE"), ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
    ("SELECT * { ?s ?p 'unterminated }", ""),
])
def test_form(text: str, form: str) -> None:
    assert analyse(text).form == form


@pytest.mark.parametrize(("text", "rows"), [
    ("SELECT * WHERE { ?s ?p ?o }", 3),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 100", 3),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 2", 2),
    ("SELECT * WHERE { ?s ?p ?o } OFFSET 1", 3),
    ("SELECT * WHERE { { SELECT * { ?s ?p ?o } LIMIT 5 } } # trailing comment", 3),
    ("SELECT * WHERE { ?s ?p ?o } VALUES ?p { <http://x/p> }", 3),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?n", 3),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 3),
    ("DESCRIBE ?s WHERE { ?s ?p ?o }", 3),
])
def test_row_limit_keeps_the_query_valid(text: str, rows: int) -> None:
    store = pyoxigraph.Store()
    for i in range(10):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"http://x/{i}"), pyoxigraph.NamedNode("http://x/p"),
                                  pyoxigraph.Literal(str(i))))
    limited = with_row_limit(analyse(text), 3)
    result = list(store.query(limited))
    assert len(result) <= rows and (len(result) == rows or "DESCRIBE" in text or "CONSTRUCT" in text)


@pytest.mark.parametrize(("accept", "key"), [
    (None, "json"), ("", "json"), ("*/*", "json"), ("application/sparql-results+xml", "xml"),
    ("text/csv;q=0.5, text/tab-separated-values", "tsv"), ("application/*;q=0.2, text/csv;q=0.1", "json"),
    ("application/sparql-results+json;q=0, */*", "xml"), ("image/png", None),
])
def test_accept_for_results(accept: str | None, key: str | None) -> None:
    offer = choose(accept, RESULT_OFFERS)
    assert (offer.key if offer else None) == key


def test_accept_for_graphs() -> None:
    assert choose("application/rdf+xml, text/turtle;q=0.5", GRAPH_OFFERS).key == "rdfxml"  # type: ignore[union-attr]
    assert choose("application/sparql-results+xml, application/rdf+xml", GRAPH_OFFERS).key == "rdfxml"  # type: ignore[union-attr]
    assert choose("text/*", GRAPH_OFFERS).key == "turtle"  # type: ignore[union-attr]
