"""Benchmark: how ingest, resolution, the questions, analytics and the HTTP views grow with the store.

    python bench/scale.py [--small 100] [--factor 10] [FOLDER ...]

Builds two on-disk stores side by side in one run, one of ``--small`` articles and one
``--factor`` times larger, from the articles in FOLDER (default: the package's examples, the
multi-article and held-out fixtures, and ``../shared/eval/dev`` when it is beside the project).
Copies are varied so the larger store is not the small one repeated: in every other copy the
people's given names are changed (a new official with the same title and body), so identity
resolution sees many distinct people and many mentions of the same ones, as a real corpus does.

Prints, for each step, the time at both sizes and the ratio. With ``--factor 10``, a ratio near 10
is linear growth; near 100 is quadratic (a step to look at). Each timing is the best of
``--repeat`` runs (ingest and resolution run once).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from vietkg.api.app import create_app
from vietkg.api.loader import IngestReport, ingest_articles, resolve_identities
from vietkg.api.settings import Settings
from vietkg.api.sparql_exec import ThreadRunner
from vietkg.graph import analytics, rankings
from vietkg.graph.questions import ask, questions
from vietkg.graph.store import KG
from vietkg.ingest.model import IngestError, RawArticle
from vietkg.ingest.pipeline import extract
from vietkg.ingest.readers import iter_inputs, read

ROOT = Path(__file__).resolve().parents[1]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Lâm", "Minh", "Nam", "Phúc", "Quang",
         "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến"]
PARAMS = {"career": {"person": "Nguyen"}, "holders": {"post": "Bí thư", "date": "2023"},
          "cluster-changes": {"cluster": "3"}, "successor": {"organization": "Quận ủy Quận 3"}}


def load(folders: list[Path]) -> list[RawArticle]:
    out: list[RawArticle] = []
    for item in iter_inputs(folders):
        if not isinstance(item, IngestError):
            out.extend(raw for raw in read(item) if isinstance(raw, RawArticle))
    return out


def variant(raw: RawArticle, copy: int) -> RawArticle:
    """Copy ``copy`` of an article: its own source, and in odd copies new given names."""
    text = raw.text
    if copy % 2:
        for i, name in enumerate(sorted({p.name for p in extract(raw).facts.people}, key=len, reverse=True)):
            parts = name.split()
            if len(parts) >= 2:
                given = GIVEN[(copy + i) % len(GIVEN)] + GIVEN[(copy // 2 + i) % len(GIVEN)].lower()
                new = " ".join([*parts[:-1], given])
                text = re.sub(re.escape(name), new, text)
    return dataclasses.replace(raw, source=f"{raw.source}#copy{copy}", text=text, content_hash="")


def corpus(base: list[RawArticle], n: int) -> list[RawArticle]:
    return [variant(base[i % len(base)], i // len(base)) for i in range(n)]


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(articles: list[RawArticle], folder: Path, repeat: int) -> dict[str, float]:
    kg = KG(folder)
    report = IngestReport(quads_before=0)
    out: dict[str, float] = {}
    start = time.perf_counter()
    ingest_articles(kg, articles, report, print)
    out["ingest (extract + store)"] = time.perf_counter() - start
    start = time.perf_counter()
    resolve_identities(kg, report, print)
    out["resolution pass"] = time.perf_counter() - start
    for name in sorted(questions()):
        out[f"ask {name}"] = best(lambda name=name: ask(kg, name, PARAMS.get(name, {})), repeat)  # type: ignore[misc]
    out["analytics cluster graph"] = best(lambda: analytics.cluster_graph(kg), repeat)
    out["analytics co-attendance"] = best(lambda: analytics.coattendance_graph(kg), repeat)
    out["analytics rankings"] = best(lambda: rankings.rankings(kg), repeat)
    app = create_app(kg, Settings(store=folder), runner=ThreadRunner(kg, 60.0))
    with TestClient(app) as client:
        for path in ("/", "/api/search?q=ban+tuyen+giao", "/api/people?q=nguyen", "/search?q=nguyen"):
            out[f"GET {path}"] = best(lambda path=path: client.get(path).raise_for_status(), repeat)  # type: ignore[misc]
    out["quads"] = float(len(kg))
    kg.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", type=Path, nargs="*")
    ap.add_argument("--small", type=int, default=100, help="articles in the small store")
    ap.add_argument("--factor", type=int, default=10, help="the large store is this many times larger")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (the best is kept)")
    args = ap.parse_args()
    folders = args.folders or [p for p in (ROOT / "api" / "examples", ROOT / "tests" / "fixtures" / "multi",
                                           ROOT / "tests" / "fixtures" / "heldout",
                                           ROOT.parent / "shared" / "eval" / "dev") if p.is_dir()]
    base = load(folders)
    sizes = (args.small, args.small * args.factor)
    print(f"{len(base)} distinct articles from {', '.join(map(str, folders))}; stores of {sizes[0]} and {sizes[1]}")
    tmp = Path(tempfile.mkdtemp(prefix="vietkg-scale-"))
    try:
        small, large = (measure(corpus(base, n), tmp / f"kg{n}", args.repeat) for n in sizes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'step':34} {sizes[0]:>9} {sizes[1]:>9}  ratio (linear = {args.factor})")
    for step in small:
        a, b = small[step], large[step]
        if step == "quads":
            print(f"{step:34} {a:9.0f} {b:9.0f}  {b / a:5.1f}")
            continue
        flag = "  <- grows faster than the store" if b / max(a, 1e-4) > 2 * args.factor and b > 0.5 else ""
        print(f"{step:34} {a:8.3f}s {b:8.3f}s  {b / max(a, 1e-4):5.1f}{flag}")
    for n, m in zip(sizes, (small, large), strict=True):
        print(f"ingest at {n} articles: {n / m['ingest (extract + store)']:.0f} articles/s")


if __name__ == "__main__":
    main()
