"""``vietkg ingest --server URL``: read articles locally, send them to a running server.

The files are read with the same readers as a local ingest; the articles go to
``POST {URL}/api/articles`` as JSON records in batches. Each failure (a bad file, a record the
server refused) is one line on ``err``; a summary line ends the run. A refused token or an
unreachable server is one clear line. Exit code: 0 when everything went in, 1 otherwise.
"""

from __future__ import annotations

import json
import logging
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from vietkg.ingest.model import IngestError, RawArticle
from vietkg.ingest.readers import iter_inputs, read

log = logging.getLogger(__name__)

BATCH = 20
TIMEOUT = 300.0  # seconds for one batch (extraction runs on the server)


class RemoteError(Exception):
    """The server cannot be used at all (unreachable, token refused, not a vietkg server)."""


@dataclass
class Tally:
    sent: int = 0
    stored: int = 0
    failed: int = 0


def record(article: RawArticle) -> dict[str, str]:
    """The JSON record ``POST /api/articles`` takes for one article read locally."""
    out = {"url": article.source, "title": article.title, "text": article.text}
    if article.display_date:
        out["date"] = article.display_date
    if article.site:
        out["site"] = article.site
    return out


def _articles(paths: Iterable[Path], tally: Tally, err: TextIO) -> Iterator[RawArticle]:
    for item in iter_inputs(paths):
        if isinstance(item, IngestError):
            tally.failed += 1
            err.write(f"vietkg: skipped {item}\n")
            continue
        for article in read(item):
            if isinstance(article, IngestError):
                tally.failed += 1
                err.write(f"vietkg: skipped {article}\n")
            else:
                yield article


def _post(url: str, token: str | None, records: list[dict[str, str]]) -> tuple[int, dict[str, Any]]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(f"{url.rstrip('/')}/api/articles", method="POST", headers=headers,
                                 data=json.dumps(records, ensure_ascii=False).encode("utf-8"))
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            return resp.status, _json(resp.read())
    except urllib.error.HTTPError as e:
        body = _json(e.read())
        if e.code in (401, 403):
            raise RemoteError(f"{url} refused the token: {_message(body) or e.reason}") from e
        if e.code == 422:
            return e.code, body
        raise RemoteError(f"{url} answered {e.code}: {_message(body) or e.reason}") from e
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise RemoteError(f"cannot reach {url}: {reason}") from e


def _json(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _message(body: dict[str, Any]) -> str:
    error = body.get("error")
    return str(error.get("message", "")) if isinstance(error, dict) else ""


def _send_batch(url: str, token: str | None, batch: list[RawArticle], tally: Tally, err: TextIO) -> None:
    _, body = _post(url, token, [record(a) for a in batch])
    tally.sent += len(batch)
    tally.stored += len(body.get("stored", []))
    for failure in body.get("failed", []):
        tally.failed += 1
        index = failure.get("index", -1)
        source = batch[index].source if isinstance(index, int) and 0 <= index < len(batch) else "?"
        message = (failure.get("error") or {}).get("message", "refused")
        err.write(f"vietkg: skipped {source}: {message}\n")


def send_articles(url: str, token: str | None, paths: Iterable[Path], err: TextIO | None = None) -> int:
    """Read ``paths`` and send the articles to the server at ``url``; returns the exit code."""
    err = err or sys.stderr
    tally = Tally()
    batch: list[RawArticle] = []
    try:
        for article in _articles(paths, tally, err):
            batch.append(article)
            if len(batch) >= BATCH:
                _send_batch(url, token, batch, tally, err)
                batch = []
        if batch:
            _send_batch(url, token, batch, tally, err)
    except RemoteError as e:
        err.write(f"vietkg: {e}\n")
        return 1
    err.write(f"{tally.stored} article(s) sent to {url} and stored, {tally.failed} input(s) failed\n")
    return 0 if tally.failed == 0 else 1
