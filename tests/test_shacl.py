"""The graph built from the evaluation articles conforms to the ontology's SHACL shapes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import rdflib

from vietkg.api.loader import ingest_paths
from vietkg.graph.store import KG
from vietkg.ontology import HERE


@pytest.fixture(scope="module")
def dev_graph(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    kg = KG(tmp_path_factory.mktemp("dev") / "kg")
    errors: list[str] = []
    report = ingest_paths(kg, [shared / "eval" / "dev"], errors.append)
    assert report.ok and report.articles >= 20, errors
    out = io.BytesIO()
    kg.export(out, "nquads")
    kg.close()
    ds = rdflib.Dataset()
    ds.parse(data=out.getvalue(), format="nquads")
    union = rdflib.Graph()
    for quad in ds.quads((None, None, None, None)):
        union.add(quad[:3])
    return union


def test_dev_graph_conforms_to_the_shapes(dev_graph: rdflib.Graph) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    shapes = rdflib.Graph().parse(HERE / "shapes.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(dev_graph, shacl_graph=shapes, inference="none",
                                         allow_warnings=True)
    assert conforms, text[:4000]


def test_dev_graph_has_every_kind_of_fact(dev_graph: rdflib.Graph) -> None:
    vkg = rdflib.Namespace("https://vietkg.org/ontology#")
    for cls in ("Article", "Evidence", "Citation", "PostObservation", "ClusterMembership", "Implementation"):
        assert any(dev_graph.subjects(rdflib.RDF.type, vkg[cls])), cls
