"""Step ``clusters`` (placeholder)."""

from __future__ import annotations

from vietkg.ingest.model import Doc


def clusters(doc: Doc) -> Doc:
    return doc
