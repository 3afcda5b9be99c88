"""Article in, facts out: normalise, split sentences, run the extraction steps in order.

The steps are listed in one place, ``vietkg.ingest.steps.STEPS``; each is a function
``doc -> doc`` of ~50 lines. A step that fails on one article is logged with its name and the
article's source, and the article goes on with the other steps.
"""

from __future__ import annotations

import logging
import re

from vietkg.ingest.model import Doc, RawArticle
from vietkg.ingest.normalize import normalize_text
from vietkg.ingest.steps import STEPS

log = logging.getLogger(__name__)

# A sentence ends at . ! ? or a line break; not inside "TP.HCM", "TP. Hồ Chí Minh", "Q. 1",
# numbers ("1.284"), list markers ("1. Trường ...") or abbreviations ("đ/c.", "TS.").
_SENT_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])|\n+")
_NO_BREAK_BEFORE = re.compile(r"(?:\b(?:TP|Q|P|H|Tp|TS|ThS|GS|PGS|Th\.S|St|đ/c)\.|\b[A-ZĐ]\.|^\s*\d{1,3}\.)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``; line breaks always end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if "\n" not in m.group(0) and _NO_BREAK_BEFORE.search(text[start:m.start()]):
            continue
        _push(text, start, m.start(), spans)
        start = m.end()
    _push(text, start, len(text), spans)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def make_doc(raw: RawArticle) -> Doc:
    """The document the steps work on: title and body, normalised, split into sentences."""
    title = normalize_text(raw.title).strip()
    body = normalize_text(raw.text).strip()
    text = f"{title}\n\n{body}" if title else body
    doc = Doc(article=raw, text=text)
    doc.notes["title_end"] = len(title)
    doc.sentences = split_sentences(text)
    return doc


def extract(raw: RawArticle) -> Doc:
    """Run every extraction step over one article; a failing step is logged and skipped."""
    doc = make_doc(raw)
    for step in STEPS:
        try:
            doc = step(doc)
        except Exception:  # a bug in one step must not lose the whole batch
            log.exception("step %s failed on %s", getattr(step, "__name__", step), raw.source)
    return doc
