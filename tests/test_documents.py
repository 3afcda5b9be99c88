"""Documents cited without their term resolve to the termed document when only one exists."""

from __future__ import annotations

from pathlib import Path

from vietkg.graph.documents import equivalences, resolve_documents, same_documents
from vietkg.graph.store import KG

D = "https://vietkg.org/id/doc/"


def test_a_termless_citation_joins_the_single_termed_document() -> None:
    links = equivalences([D + "tw/nq/35", D + "tw/nq/xii/35", D + "tw/ct/35", D + "tw/ct/xii/35",
                          D + "tw/ct/xiii/35", D + "tu-ha-noi/kh/9"])
    assert links == {D + "tw/nq/35": D + "tw/nq/xii/35"}  # 35-CT/TW of two terms stays ambiguous


def test_dev_store_links_citations(shared: Path, tmp_path: Path) -> None:
    from vietkg.api.loader import ingest_paths

    kg = KG(tmp_path / "kg")
    ingest_paths(kg, [shared / "eval" / "dev"], lambda line: None)
    assert resolve_documents(kg) >= 1
    same = same_documents(kg, D + "tw/nq/35")
    assert D + "tw/nq/xii/35" in same
