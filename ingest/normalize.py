"""Text normalisation (placeholder until the readers land)."""

from __future__ import annotations

from vietkg.ontology.text import nfc


def normalize_text(text: str) -> str:
    return nfc(text)
