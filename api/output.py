"""Printing query rows as a table, JSON (an array of row objects) or CSV."""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from typing import TextIO

from vietkg.graph.store import QueryResult


def print_rows(result: QueryResult, fmt: str, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        json.dump(result.rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=result.columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in result.rows)
    else:
        out.write(table(result))


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def table(result: QueryResult, max_cell: int = 60) -> str:
    cells = [[_clip(r.get(c), max_cell) for c in result.columns] for r in result.rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(result.columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(list(result.columns)), line(["-" * w for w in widths])] + [line(r) for r in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _clip(value: str | None, limit: int) -> str:
    if value is None:
        return ""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
