"""Ingest orchestration: inputs -> readers -> extraction -> quads -> one named graph per article.

Used by ``vietkg ingest``, ``vietkg demo`` and ``POST /api/articles``. A bad input becomes one
line in the report (naming the input and the reason) and the run goes on with the rest; an
article already stored is replaced atomically, so nothing stored is lost when a later one fails.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vietkg.graph.store import KG
from vietkg.ingest.model import IngestError, RawArticle
from vietkg.ingest.pipeline import extract
from vietkg.ingest.rdf import article_graph, to_quads
from vietkg.ingest.readers import iter_inputs, read

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    articles: int = 0
    failed: list[str] = field(default_factory=list)
    quads_before: int = 0
    quads_after: int = 0
    seconds: float = 0.0
    sources: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        line = (f"{self.articles} article(s) ingested, {len(self.failed)} input(s) failed; "
                f"store holds {self.quads_after} quads ({self.quads_after - self.quads_before:+d}); "
                f"{self.seconds:.2f} s ({rate:.0f} articles/s)")
        return line


def store_article(kg: KG, raw: RawArticle) -> int:
    """Extract one article and replace its named graph; returns the number of quads written."""
    doc = extract(raw)
    quads = to_quads(doc)
    kg.replace_graph(article_graph(raw.source), quads)
    return len(quads)


def ingest_articles(kg: KG, articles: Iterable[RawArticle | IngestError],
                    report: IngestReport, on_error: Callable[[str], None]) -> None:
    for item in articles:
        if isinstance(item, IngestError):
            report.failed.append(str(item))
            on_error(str(item))
            continue
        store_article(kg, item)
        report.articles += 1
        report.sources.append(item.source)


def ingest_paths(kg: KG, paths: Iterable[Path], on_error: Callable[[str], None]) -> IngestReport:
    """Ingest files and folders (recursively); ``on_error`` gets one line per bad input.

    After the batch, identities are resolved again (``resolve_identities``).
    """
    report = IngestReport(quads_before=len(kg))
    start = time.perf_counter()
    for item in iter_inputs(paths):
        if isinstance(item, IngestError):
            report.failed.append(str(item))
            on_error(str(item))
            continue
        ingest_articles(kg, _read_safely(item), report, on_error)
    resolve_identities(kg, report, on_error)
    kg.flush()
    report.seconds = time.perf_counter() - start
    report.quads_after = len(kg)
    return report


def resolve_identities(kg: KG, report: IngestReport, on_error: Callable[[str], None]) -> None:
    """Rebuild the resolution graphs: documents cited with and without their term; people and
    bodies across articles (judgements respected)."""
    from vietkg.graph.documents import resolve_documents
    from vietkg.graph.identity import resolve
    from vietkg.graph.judgements import JudgementError

    resolve_documents(kg)
    try:
        resolve(kg)
    except JudgementError as e:
        report.failed.append(f"judgements: {e}")
        on_error(f"judgements: {e}")


def _read_safely(path: Path) -> Iterable[RawArticle | IngestError]:
    try:
        yield from read(path)
    except IngestError as e:
        yield e
    except OSError as e:
        yield IngestError(f"{path}: cannot read ({e.strerror or e})")
