"""Rendering (an offline HTML string, escaped, styled by kind) and the ``viz`` / ``analyze`` commands."""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import networkx as nx
import pytest
from _vizdata import bulk_docs, load, small_kg

from vietkg.api.commands import CommandError
from vietkg.api.settings import Settings
from vietkg.api.viz_cli import VIZ_HANDLERS, add_viz_commands
from vietkg.graph import analytics, viz
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS

NQ35 = ID_NS + "doc/tw/nq/xii/35"
# src= / href= / url( / @import pointing off the page: what an offline page must not have
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def kg() -> KG:
    return small_kg()


def test_standalone_page_is_offline_and_inlines_vis_network(kg: KG) -> None:
    html = viz.render_html(analytics.trace_graph(kg, NQ35), "Truy vết 35-NQ/TW")
    assert html.startswith("<!doctype html>") and "<title>Truy vết 35-NQ/TW</title>" in html
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "node_modules" not in html and "bootstrap" not in html
    assert viz.vis_assets()["vis-network.min.js"].read_text(encoding="utf-8")[:200] in html
    assert "new vis.Network(" in html and "window.network = network" in html


def test_article_text_is_escaped_everywhere(kg: KG) -> None:
    html = viz.render_html(analytics.coattendance_graph(kg), "<b>x</b>")
    assert "<Script>" not in html and "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html  # the heading
    assert "L\\u00ea V\\u0103n \\u003cScript\\u003e" in html  # node data, as JSON inside the script


def test_nodes_are_coloured_by_kind_with_a_vietnamese_legend(kg: KG) -> None:
    g = analytics.trace_graph(kg, NQ35)
    net = viz.to_network(g, link=lambda iri: "/x/" + iri.rsplit("/", 1)[-1])
    colours = {n["kind"]: n["color"] for n in net.nodes}
    assert colours == {"document": viz.KINDS["document"].color, "organization": viz.KINDS["organization"].color}
    assert all(n["url"].startswith("/x/") for n in net.nodes)
    html = viz.render_fragment(g)
    assert "<html" not in html and "Văn bản (3)" in html and "Cơ quan, đơn vị (3)" in html
    labels = {e["label"] for e in net.edges}
    assert labels == {"thực hiện", "cụ thể hóa"}


def test_empty_graph_renders_a_message() -> None:
    html = viz.render_fragment(nx.Graph())
    assert "Không có dữ liệu để vẽ" in html


def test_two_thousand_nodes_render_fast_with_bounded_layout() -> None:
    big = load(KG(None), bulk_docs())
    g = analytics.cluster_graph(big)
    assert g.number_of_nodes() >= 2000
    start = time.perf_counter()
    html = viz.render_html(g, "2000")
    assert time.perf_counter() - start < 5
    assert len(html) < 3_000_000
    opts = viz.options(g.number_of_nodes(), g.number_of_edges(), True)
    assert opts["physics"]["stabilization"]["iterations"] <= 200
    assert opts["layout"]["improvedLayout"] is False and opts["edges"]["smooth"] is False
    assert opts["interaction"]["hideEdgesOnDrag"] is True


# -- the commands ---------------------------------------------------------------------------------
def run(*argv: str) -> int:
    p = argparse.ArgumentParser(prog="vietkg")
    add_viz_commands(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(argv)
    return VIZ_HANDLERS[args.command](args, Settings().with_overrides(store=args.store))


@pytest.mark.parametrize("suffix", [".html", ".graphml", ".gexf"])
def test_viz_cluster_writes_each_format(built_store: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"c{suffix}"
    assert run("viz", "cluster", "--store", str(built_store), "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert "Cụm thi đua" in text
    if suffix == ".html":
        assert not EXTERNAL.search(text)


def test_viz_trace_by_symbol_id_and_errors(built_store: Path, tmp_path: Path) -> None:
    kg = KG(built_store, read_only=True)
    doc = kg.select("SELECT ?d ?s WHERE { ?i a vkg:Implementation ; vkg:document ?d . ?d eli:id_local ?s } "
                    "ORDER BY ?d LIMIT 1").rows[0]
    key = (doc["d"] or "").split("/id/doc/", 1)[1]
    out = tmp_path / "t.html"
    assert run("viz", "trace", key, "--store", str(built_store), "--out", str(out)) == 0
    assert json.dumps(doc["s"])[1:-1] in out.read_text(encoding="utf-8")  # in the node data
    with pytest.raises(CommandError, match="no document"):
        run("viz", "trace", "999-NQ/TW", "--store", str(built_store), "--out", str(out))
    with pytest.raises(CommandError, match=r"\.html"):
        run("viz", "people", "--store", str(built_store), "--out", str(tmp_path / "p.png"))


def test_analyze_prints_rankings_as_json(built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("analyze", "--store", str(built_store), "--limit", "2", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["ranking"] for r in rows} >= {"documents", "units", "officials"}
    assert all(int(r["rank"]) <= 2 for r in rows)
