"""The store wrapper: atomic replacement, idempotent ingest, ontology, locks, export."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad

from vietkg.graph.store import KG, QueryError, StoreError, StoreLockedError
from vietkg.ontology.terms import ONTOLOGY_GRAPH


def test_replace_graph_swaps_the_whole_graph(tmp_path: Path) -> None:
    kg = KG(tmp_path / "kg")
    g = NamedNode("https://vietkg.org/graph/t")
    s, p = NamedNode("https://vietkg.org/id/x"), NamedNode("https://vietkg.org/ontology#quote")
    kg.replace_graph(g, [Quad(s, p, Literal("một"), g), Quad(s, p, Literal("hai"), g)])
    before = len(kg)
    kg.replace_graph(g, [Quad(s, p, Literal('ba "} ; DROP ALL ; {'), g)])
    assert len(kg) == before - 1
    rows = kg.select("SELECT ?o WHERE { GRAPH <https://vietkg.org/graph/t> { ?s ?p ?o } }").rows
    assert rows == [{"o": 'ba "} ; DROP ALL ; {'}]


def test_ontology_is_loaded_once(tmp_path: Path) -> None:
    kg = KG(tmp_path / "kg")
    n = len(kg)
    assert n > 100
    assert ONTOLOGY_GRAPH in kg.named_graphs()
    kg.close()
    assert len(KG(tmp_path / "kg")) == n


def test_ingesting_twice_changes_nothing(run_vietkg, example_articles: list[Path], tmp_path: Path) -> None:
    store = tmp_path / "kg"
    folder = example_articles[0].parent
    run_vietkg("ingest", folder, "--store", store, check=True)
    first = sorted(KG(store, read_only=True).quads(), key=str)
    run_vietkg("ingest", folder, "--store", store, check=True)
    second = sorted(KG(store, read_only=True).quads(), key=str)
    assert len(first) == len(second) > 0
    assert first == second


def test_a_second_writer_gets_a_clear_lock_error(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    kg = KG(store)
    code = ("import sys\nfrom pathlib import Path\nfrom vietkg.graph.store import KG, StoreLockedError\n"
            f"try:\n    KG(Path({str(store)!r}))\nexcept StoreLockedError as e:\n    print(e); sys.exit(3)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    kg.close()
    assert done.returncode == 3, done.stderr
    assert "in use by another process" in done.stdout


def test_read_only_open_of_a_missing_store_explains(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="vietkg ingest"):
        KG(tmp_path / "nothing", read_only=True)


def test_malformed_query_raises_query_error(built_store: Path) -> None:
    with pytest.raises(QueryError):
        KG(built_store, read_only=True).select("SELECT ?x WHERE { ?x ")


@pytest.mark.parametrize("fmt,rdflib_format", [("nquads", "nquads"), ("trig", "trig"),
                                              ("turtle", "turtle"), ("jsonld", "json-ld")])
def test_export_parses_back(built_store: Path, fmt: str, rdflib_format: str) -> None:
    out = io.BytesIO()
    KG(built_store, read_only=True).export(out, fmt)
    data = out.getvalue()
    assert data
    ds = rdflib.Dataset()
    ds.parse(data=data, format=rdflib_format)
    assert len(ds) > 100 or sum(len(g) for g in ds.graphs()) > 100


def test_lock_is_not_taken_by_readers(built_store: Path) -> None:
    assert isinstance(KG(built_store, read_only=True), KG)
    with pytest.raises(StoreLockedError):
        a = KG(built_store)
        try:
            KG(built_store)
        finally:
            a.close()
