"""Analytics: pure functions from the store to networkx graphs, rankings and Gephi exports.

Counts are checked on a hand-made graph written by the real RDF writer (``_vizdata``), where every
number is known, and on the store built from the shipped example articles against independent
SPARQL counts.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from _vizdata import EXPECTED, small_kg
from pyoxigraph import NamedNode

from vietkg.graph import analytics, export, rankings
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS

CLUSTER2 = ID_NS + "cluster/ban-tuyen-giao-thanh-uy-thanh-pho-ho-chi-minh/2"
NQ35 = ID_NS + "doc/tw/nq/xii/35"
TRUYEN = ID_NS + "person/nguyen-tho-truyen--thanh-pho-ho-chi-minh"
Q4 = ID_NS + "org/ban-tuyen-giao-quan-uy-quan-4"


@pytest.fixture(scope="module")
def kg() -> KG:
    return small_kg()


@pytest.fixture(scope="module")
def real(built_store: Path) -> KG:
    return KG(built_store, read_only=True)


def kinds(g: nx.Graph) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        out[d["kind"]] = out.get(d["kind"], 0) + 1
    return out


def test_cluster_graph_has_organiser_clusters_and_members(kg: KG) -> None:
    g = analytics.cluster_graph(kg)
    assert kinds(g) == {"cluster": EXPECTED["clusters"], "organization": EXPECTED["cluster_members_all"] + 1}
    assert analytics.cluster_years(g) == ["2021", "2022"]
    q4 = g.edges[CLUSTER2, Q4]
    assert q4["roles"] == {"2021": "leader", "2022": "member"} and q4["role"] == "member"
    assert q4["role_labels"]["2021"] == "Cụm trưởng"


@pytest.mark.parametrize(("year", "members"), [(2021, 3), ("2022", 2), (2030, 0)])
def test_cluster_graph_one_cluster_one_year(kg: KG, year: int | str, members: int) -> None:
    g = analytics.cluster_graph(kg, cluster=CLUSTER2, year=year)
    assert kinds(g) == {"cluster": 1, "organization": 1 + members}  # the organiser stays
    assert all(d["years"] == [str(year)] for _, _, d in g.edges(data=True) if d["relation"] == "member")


def test_trace_follows_documents_that_carry_out_the_root_transitively(kg: KG) -> None:
    g = analytics.trace_graph(kg, NQ35)
    docs = [n for n, d in g.nodes(data=True) if d["kind"] == "document"]
    assert len(docs) == EXPECTED["trace_documents"] and g.nodes[NQ35]["root"]
    assert g.nodes[NQ35]["label"] == "35-NQ/TW (khóa XII)"
    assert kinds(g)["organization"] == EXPECTED["trace_units"]
    assert nx.has_path(g, ID_NS + "org/ban-tuyen-giao-quan-uy-quan-8", NQ35)  # unit -> plan -> plan -> NQ
    impl = g.edges[Q4, NQ35]
    assert impl["modes"] == ["committed"] and impl["dates"] == ["2021-04-23"]
    assert impl["records"][0]["via_cluster"] == CLUSTER2


def test_trace_of_a_lower_document_leaves_out_its_parents(kg: KG) -> None:
    plan = ID_NS + "doc/tu-thanh-pho-ho-chi-minh/kh/xi/10"
    g = analytics.trace_graph(kg, plan)
    assert NQ35 not in g and plan in g
    assert len(analytics.implementation_records(kg, plan)) == 2


def test_trace_of_an_unknown_document_is_empty(kg: KG) -> None:
    assert analytics.trace_graph(kg, ID_NS + "doc/tw/nq/999").number_of_nodes() == 0


def test_coattendance_is_weighted_by_shared_events(kg: KG) -> None:
    g = analytics.coattendance_graph(kg)
    assert g.number_of_nodes() == EXPECTED["people"]
    assert g.nodes[TRUYEN]["events"] == 2 and g.degree(TRUYEN) == 2
    assert all(w == 1 for _, _, w in g.edges(data="weight"))
    assert analytics.coattendance_graph(kg, min_weight=2, isolates=False).number_of_nodes() == 0


def test_career_runs_person_post_organization_with_dates(kg: KG) -> None:
    g = analytics.career_graph(kg, TRUYEN)
    posts = [n for n, d in g.nodes(data=True) if d["kind"] == "post"]
    assert len(posts) == 2
    first = g.edges[TRUYEN, ID_NS + "post/pho-truong-ban--ban-tuyen-giao-thanh-uy-thanh-pho-ho-chi-minh"]
    assert (first["first"], first["last"], first["seen"]) == ("2021-04-23", "2021-04-23", 1)
    timeline = analytics.post_observations(kg, TRUYEN)
    assert [o["role_label"] for o in timeline] == ["Phó Trưởng Ban", "Trưởng Ban"]  # oldest first
    assert all(o["quote"] and o["article"] for o in timeline)


def test_rankings(kg: KG) -> None:
    r = rankings.rankings(kg, limit=3)
    assert r["documents"][0]["iri"] == NQ35 and r["documents"][0]["score"] == 2
    assert r["officials"][0]["iri"] == TRUYEN and r["officials"][0]["detail"] == {"attends": 2, "holds-post": 2}
    assert r["units"][0]["iri"] == Q4  # member in 2021 and 2022, implemented 35-NQ/TW
    assert rankings.brokers(analytics.coattendance_graph(kg))[0]["iri"] == TRUYEN


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_exports_open_again_with_the_same_shape(kg: KG, tmp_path: Path, suffix: str) -> None:
    g = analytics.trace_graph(kg, NQ35)
    path = tmp_path / f"trace{suffix}"
    export.write_graph(g, path)
    back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    assert "Ban Tuyên giáo Quận ủy Quận 4" in path.read_text(encoding="utf-8")


def test_export_refuses_other_suffixes(kg: KG, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml"):
        export.write_graph(nx.Graph(), tmp_path / "x.png")


def _count(kg: KG, sparql: str, **iris: str) -> int:
    subs = {k: NamedNode(v) for k, v in iris.items()}
    return int(kg.select(sparql, subs).rows[0]["n"] or 0)


def test_real_store_cluster_graphs_match_independent_counts(real: KG) -> None:
    g = analytics.cluster_graph(real)
    clusters = _count(real, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a vkg:EmulationCluster }")
    members = _count(real, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?s a vkg:ClusterMembership ; org:member ?m }")
    assert clusters >= 1 and kinds(g)["cluster"] == clusters
    assert sum(1 for _, _, d in g.edges(data=True) if d["relation"] == "member") >= members


def test_real_store_trace_of_the_most_implemented_document(real: KG) -> None:
    rows = real.select("""SELECT ?d (COUNT(DISTINCT ?u) AS ?n) WHERE { ?i a vkg:Implementation ; vkg:document ?d ;
                          vkg:unit ?u } GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1""").rows
    assert rows, "the example articles report no implementation"
    g = analytics.trace_graph(real, rows[0]["d"] or "")
    assert kinds(g)["organization"] >= int(rows[0]["n"] or 0)
