"""Helpers shared by tests that drive ``vietkg ask`` in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def ask(run_vietkg: Any, store: Path, question: str, **params: str) -> list[dict[str, str | None]]:
    """Rows of ``vietkg ask QUESTION --param k=v ... --format json`` on ``store``."""
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    done = run_vietkg("ask", question, *args, "--store", store, "--format", "json", check=True)
    rows: list[dict[str, str | None]] = json.loads(done.stdout)
    return rows
