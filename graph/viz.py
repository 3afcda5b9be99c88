"""Visualisation is an export: a networkx graph from :mod:`vietkg.graph.analytics` -> an HTML string.

Rendering goes through pyvis (``Network.generate_html``, never ``show``) with a template of our own:
pyvis 0.3.2's template links Bootstrap and vis-network from CDNs even in ``in_line`` mode, and its
Jinja environment does not escape. Ours is autoescaped and needs no network:

- :func:`render_html` — a standalone page, vis-network's JS and CSS (the copies bundled in the pyvis
  package) inlined; opens from a file with no internet;
- :func:`render_fragment` — a ``<div>`` and ``<script>`` for a page that loads vis-network itself
  (``vietkg serve`` serves it from :func:`vis_assets` at ``/static/``).

Nodes are coloured and shaped by ``kind`` with a legend in Vietnamese. Large graphs stay usable:
Barnes-Hut physics with a bounded stabilisation, turned off once stabilised, no smooth edges and no
edge labels past a few hundred edges, edges hidden while dragging. The page exposes the vis network
as ``window.network`` and sets ``window.vkgReady`` once the layout settled (tests read both).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import pyvis
from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

log = logging.getLogger(__name__)


class KindStyle(NamedTuple):
    label: str  # Vietnamese, for the legend and tooltips
    color: str
    shape: str


KINDS: dict[str, KindStyle] = {
    "organization": KindStyle("Cơ quan, đơn vị", "#2b6cb0", "dot"),
    "cluster": KindStyle("Cụm thi đua", "#c53030", "diamond"),
    "document": KindStyle("Văn bản", "#b7791f", "square"),
    "person": KindStyle("Cán bộ", "#2f855a", "dot"),
    "event": KindStyle("Sự kiện", "#6b46c1", "triangle"),
    "post": KindStyle("Chức vụ", "#dd6b20", "dot"),
    "article": KindStyle("Bài báo", "#718096", "dot"),
    "other": KindStyle("Khác", "#a0aec0", "dot"),
}

RELATIONS: dict[str, str] = {
    "organises": "tổ chức", "member": "thành viên", "carries-out": "cụ thể hóa", "implements": "thực hiện",
    "co-attended": "cùng dự", "holds": "giữ chức", "post-in": "thuộc", "mentions": "nêu",
}
MODES: dict[str, str] = {"committed": "cam kết", "directed": "chỉ đạo, triển khai", "reported": "báo cáo đã làm",
                         "reviewed": "sơ kết, tổng kết"}

BIG = 300  # past this many nodes or edges: no edge labels, straight edges, edges hidden on drag
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"

Linker = Callable[[str], str | None]


def vis_assets() -> dict[str, Path]:
    """The vis-network files bundled in the pyvis package: ``vis-network.min.js`` and ``.css``."""
    return {p.name: p for p in (VIS_DIR / "vis-network.min.js", VIS_DIR / "vis-network.css")}


@cache
def _asset_text(name: str) -> str:
    return vis_assets()[name].read_text(encoding="utf-8")


def _node_title(data: dict[str, Any]) -> str:
    style = KINDS.get(data.get("kind", "other"), KINDS["other"])
    lines = [f"{style.label}: {data.get('label', '')}"]
    if data.get("title"):
        lines.append(str(data["title"]))
    if data.get("date"):
        lines.append(f"Ngày: {data['date']}")
    if data.get("events"):
        lines.append(f"Số sự kiện đã dự: {data['events']}")
    return "\n".join(lines)


def _edge_text(data: dict[str, Any]) -> tuple[str, str]:
    """(short label, tooltip) of an edge, in Vietnamese."""
    rel = data.get("relation", "")
    label = RELATIONS.get(rel, rel)
    if rel == "member":
        label = str(data.get("role_label") or label)
        years = data.get("role_labels") or {}
        return label, "\n".join(f"{y}: {r}" for y, r in sorted(years.items())) or label
    if rel == "implements":
        modes = ", ".join(MODES.get(m, m) for m in data.get("modes", ()))
        dates = ", ".join(data.get("dates", ()))
        return label, f"{label}: {modes}" + (f" ({dates})" if dates else "")
    if rel == "co-attended":
        return f"{data.get('weight', 1)}", f"cùng dự {data.get('weight', 1)} sự kiện"
    if rel == "holds":
        span = " – ".join(x for x in (data.get("first"), data.get("last")) if x)
        return label, f"{label} {span}".strip()
    return label, label


def _iterations(n_nodes: int) -> int:
    """Stabilisation steps: enough for small graphs to settle, bounded for big ones (then frozen)."""
    return 600 if n_nodes <= BIG else 200 if n_nodes <= 1000 else 120


def options(n_nodes: int, n_edges: int, directed: bool) -> dict[str, Any]:
    """vis-network options tuned for the graph's size."""
    big = n_nodes > BIG or n_edges > BIG
    return {
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1,
                  "scaling": {"min": 8, "max": 24, "label": {"enabled": True, "min": 12, "max": 16,
                                                             "drawThreshold": 7}}},
        "edges": {"color": {"color": "#a0aec0", "highlight": "#2d3748"}, "width": 1,
                  "smooth": False if big else {"type": "continuous"},
                  "font": {"size": 11, "align": "middle", "color": "#4a5568"},
                  "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}}},
        "physics": {"solver": "barnesHut", "timestep": 0.5, "minVelocity": 1.0, "maxVelocity": 60,
                    "barnesHut": {"gravitationalConstant": -6000, "centralGravity": 0.25,
                                  "springLength": 110 if big else 170, "springConstant": 0.04, "damping": 0.4,
                                  "avoidOverlap": 0.1 if big else 0.4},
                    "stabilization": {"enabled": True, "iterations": _iterations(n_nodes),
                                      "updateInterval": 50, "fit": True}},
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "navigationButtons": False, "multiselect": False},
    }


def to_network(g: nx.Graph, *, link: Linker | None = None, height: str = "640px", heading: str = "") -> Network:
    """A pyvis network of ``g`` (styled by kind, labels kept as the store holds them)."""
    directed = g.is_directed()
    big = g.number_of_nodes() > BIG or g.number_of_edges() > BIG
    # pyvis only de-duplicates edges (in O(edges) per edge) for undirected networks; networkx
    # already did, so always build a "directed" one and switch arrows off in the options instead.
    net = Network(height=height, width="100%", directed=True, heading=heading)
    for node, data in g.nodes(data=True):
        style = KINDS.get(data.get("kind", "other"), KINDS["other"])
        extra: dict[str, Any] = {"kind": data.get("kind", "other"), "value": 1 + g.degree(node)}
        url = link(str(node)) if link else None
        if url:
            extra["url"] = url
        if data.get("root") or data.get("organiser"):
            extra.update(borderWidth=3, value=extra["value"] + 10)
        net.add_node(str(node), label=str(data.get("label", node)), shape=style.shape, color=style.color,
                     title=_node_title(data), **extra)
    for a, b, data in g.edges(data=True):
        label, title = _edge_text(data)
        extra = {"label": label} if not big and label else {}
        width = min(1 + (data.get("weight", 1) - 1) * 0.5, 8)
        net.add_edge(str(a), str(b), title=title, width=width, arrows="to" if directed else "", **extra)
    net.options = options(g.number_of_nodes(), g.number_of_edges(), directed)  # type: ignore[assignment]
    return net


def legend(g: nx.Graph) -> list[tuple[str, KindStyle, int]]:
    """(kind, style, how many) for every kind present, in the order of :data:`KINDS`."""
    counts = Counter(d.get("kind", "other") for _, d in g.nodes(data=True))
    return [(k, KINDS[k], counts[k]) for k in KINDS if counts.get(k)]


def _environment(**globals_: Any) -> Environment:
    env = Environment(loader=DictLoader({"vkg_graph.html": _TEMPLATE}),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(globals_)
    return env


def _render(g: nx.Graph, *, standalone: bool, link: Linker | None, height: str, heading: str,
            dom_id: str) -> str:
    net = to_network(g, link=link, height=height, heading=heading)
    net.templateEnv = _environment(
        standalone=standalone, dom_id=dom_id, legend=legend(g), n_nodes=g.number_of_nodes(),
        vis_js=Markup(_asset_text("vis-network.min.js")) if standalone else "",
        vis_css=Markup(_asset_text("vis-network.css")) if standalone else "")
    net.path = "vkg_graph.html"
    html: str = net.generate_html()
    log.debug("rendered %d nodes, %d edges: %d bytes", g.number_of_nodes(), g.number_of_edges(), len(html))
    return html


def render_html(g: nx.Graph, title: str = "", *, link: Linker | None = None, height: str = "85vh") -> str:
    """A complete HTML page showing ``g``; everything inline, so it works with no internet."""
    return _render(g, standalone=True, link=link, height=height, heading=title, dom_id="vkg-network")


def render_fragment(g: nx.Graph, *, link: Linker | None = None, height: str = "560px",
                    dom_id: str = "vkg-network") -> str:
    """The graph as a ``<div>`` + ``<script>``; the page must load ``vis-network.min.js`` first."""
    return _render(g, standalone=False, link=link, height=height, heading="", dom_id=dom_id)


_TEMPLATE = """\
{%- if standalone -%}
<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading or "vietkg" }}</title>
<style>{{ vis_css }}</style>
<style>body{font-family:system-ui,sans-serif;margin:1rem;color:#1a202c}h1{font-size:1.3rem;margin:0 0 .5rem}</style>
<script>{{ vis_js }}</script>
</head><body>
{% if heading %}<h1>{{ heading }}</h1>{% endif %}
{%- endif %}
<style>
.vkg-graph{position:relative;border:1px solid #cbd5e0;border-radius:6px;background:#fff}
.vkg-canvas{width:100%}
.vkg-legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;padding:.4rem .6rem;font-size:.85rem;
  border-bottom:1px solid #e2e8f0;background:#f7fafc;border-radius:6px 6px 0 0}
.vkg-legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.3rem;
  vertical-align:-1px}
.vkg-status{position:absolute;right:.6rem;bottom:.4rem;font-size:.8rem;color:#718096}
</style>
<div class="vkg-graph" id="{{ dom_id }}-wrap">
  <div class="vkg-legend" aria-label="Chú giải">
    {%- for kind, style, count in legend %}
    <span data-kind="{{ kind }}"><i style="background:{{ style.color }}"></i>{{ style.label }} ({{ count }})</span>
    {%- endfor %}
    <span>{{ n_nodes }} nút · {{ edges|length }} cạnh</span>
  </div>
  <div class="vkg-canvas" id="{{ dom_id }}" style="height:{{ height }}"></div>
  <div class="vkg-status" id="{{ dom_id }}-status">
    {%- if n_nodes %}Đang bố trí đồ thị…{% else %}Không có dữ liệu để vẽ.{% endif %}</div>
</div>
<script>
(function () {
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ options|safe }};  // built from constants, no article text
  var container = document.getElementById({{ dom_id|tojson }});
  var status = document.getElementById({{ (dom_id ~ "-status")|tojson }});
  var started = performance.now();
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  window.network = network;
  var done = false;
  function settled() {
    if (done) { return; }
    done = true;
    network.setOptions({physics: {enabled: false}});
    window.vkgLayoutMs = Math.round(performance.now() - started);
    window.vkgReady = true;
    if (nodes.length) { status.textContent = ""; }
  }
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  if (!nodes.length) { settled(); }
  setTimeout(settled, 20000);
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) { return; }
    var node = nodes.get(params.nodes[0]);
    if (node && typeof node.url === "string" && node.url.charAt(0) === "/") { window.location.href = node.url; }
  });
})();
</script>
{%- if standalone %}
</body></html>
{% endif -%}
"""
