"""Step ``implementations`` (placeholder)."""

from __future__ import annotations

from vietkg.ingest.model import Doc


def implementations(doc: Doc) -> Doc:
    return doc
