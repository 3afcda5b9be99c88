"""``POST /api/articles``: ingest articles over HTTP (needs the write token).

The server owns the store, so this is how articles reach a running server (``vietkg ingest
--server URL`` uses it). The body is either JSON — one record ``{url, title, date, text | html}``
or a list of them — or ``multipart/form-data`` with files (``.txt``, ``.html``, ``.jsonl``,
``.warc``) under the field ``file``. Records and files go through the same readers as ``vietkg
ingest`` (:mod:`vietkg.ingest.readers`) and :func:`vietkg.api.loader.store_article`; each article
replaces its own named graph, so good ones are stored even when others fail. After a batch that
stored anything, the resolution graphs (people and bodies across articles, documents cited with and
without their term) are rebuilt by :func:`vietkg.api.loader.resolve_identities`, as after ``vietkg
ingest``, so the new articles' people join the ones already known. All stored: ``201``; any failure:
``422 bad_articles`` with the shared error shape, plus ``stored`` and ``failed``.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from vietkg.api.errors import ApiError, error_body, error_responses
from vietkg.api.guards import ServerState, read_body, require_length, require_token, state
from vietkg.api.loader import IngestReport, resolve_identities, store_article
from vietkg.api.negotiate import media_type_of
from vietkg.api.schemas import ArticleIn, ErrorBody, FailedArticle, IngestResponse, StoredArticle
from vietkg.ingest.model import IngestError, RawArticle
from vietkg.ingest.rdf import article_graph
from vietkg.ingest.readers import article_from_bytes, kind_of, read, read_jsonl

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["Ingest"])

MAX_RECORDS = 1000
Item = tuple[int, RawArticle | IngestError]

BODY_DOC = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"anyOf": [
        {"$ref": "#/components/schemas/ArticleIn"},
        {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}, "maxItems": MAX_RECORDS}]}},
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "file": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "url": {"type": "string", "description": "the article's URL, when one .txt/.html file is sent"}}}}}}}


def _records(body: bytes) -> list[Any]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ApiError("bad_request", f"the body is not JSON: {e}") from e
    records = data if isinstance(data, list) else [data]
    if not records:
        raise ApiError("bad_request", "no articles in the body")
    if len(records) > MAX_RECORDS:
        raise ApiError("payload_too_large", f"send at most {MAX_RECORDS} articles per request")
    return records


def _from_records(records: list[Any]) -> Iterator[Item]:
    """Each record validated, then read by the JSON-lines reader (one line per record)."""
    lines: list[tuple[int, bytes]] = []
    for i, record in enumerate(records):
        try:
            article = ArticleIn.model_validate(record)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "record"
            yield i, IngestError(f"record {i}: {where}: {first.get('msg')}")
            continue
        lines.append((i, json.dumps(article.model_dump(exclude_none=True), ensure_ascii=False).encode()))
    data = b"\n".join(line for _, line in lines)
    for (i, _), item in zip(lines, read_jsonl(data, Path("record")), strict=True):
        if isinstance(item, IngestError):  # the reader counts lines; name the record by its index
            item = IngestError(re.sub(r"^record:\d+", f"record {i}", str(item)))
        yield i, item


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _from_file(index: int, name: str, data: bytes, url: str | None) -> Iterable[Item]:
    kind = kind_of(Path(name))
    if kind is None:
        return [(index, IngestError(f"{name}: unsupported file type"))]
    if kind == "jsonl":
        return [(index, item) for item in read_jsonl(data, Path(name))]
    if kind == "warc":
        with tempfile.TemporaryDirectory(prefix="vietkg-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            return [(index, item) for item in read(path)]
    try:
        return [(index, article_from_bytes(data, kind, url or f"upload:{name}", name))]
    except IngestError as e:
        return [(index, e)]


def _store_all(st: ServerState, items: Iterable[Item]) -> IngestResponse:
    out = IngestResponse(stored=[], failed=[])
    with st.write_lock:
        for index, item in items:
            if isinstance(item, IngestError):
                out.failed.append(FailedArticle(index=index, error=ErrorBody(code="bad_article", message=str(item))))
                continue
            quads = store_article(st.kg, item)
            out.stored.append(StoredArticle(index=index, source=item.source,
                                            graph=article_graph(item.source).value, quads=quads))
        if out.stored:  # a bad judgements file in the store is the operator's to fix: logged, not the client's
            resolve_identities(st.kg, IngestReport(), lambda line: log.error("identity resolution: %s", line))
        st.kg.flush()
    return out


async def _uploads(request: Request) -> list[Item]:
    form = await request.form(max_files=MAX_RECORDS)
    files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
    if not files:
        raise ApiError("bad_request", "send the articles as files under the form field `file`")
    raw_url = form.get("url")
    url = raw_url if isinstance(raw_url, str) and raw_url and len(files) == 1 else None
    items: list[Item] = []
    for i, f in enumerate(files):
        name = _SAFE_NAME.sub("_", Path(f.filename or f"file{i}").name) or f"file{i}"
        data = await f.read()
        items.extend(await run_in_threadpool(lambda: list(_from_file(i, name, data, url))))  # noqa: B023
    return items


@router.post("/articles", summary="Ingest articles (JSON records or uploaded files)",
             response_model=IngestResponse, status_code=201, dependencies=[Depends(require_token)],
             openapi_extra=BODY_DOC,
             responses=error_responses("bad_request", "unauthorized", "read_only", "payload_too_large",
                                       "unsupported_media_type", "bad_articles"))
async def post_articles(request: Request) -> JSONResponse:
    """Extract each article and replace its named graph. Bad records are listed in `failed` with
    the error shape; the good ones are stored regardless."""
    media = media_type_of(request.headers.get("content-type"))
    if media == "application/json":
        records = _records(await read_body(request))
        items: list[Item] = sorted(_from_records(records), key=lambda item: item[0])
    elif media == "multipart/form-data":
        require_length(request)
        items = await _uploads(request)
    else:
        raise ApiError("unsupported_media_type", "send application/json records or multipart/form-data files")
    result = await run_in_threadpool(_store_all, state(request), items)
    body = result.model_dump(mode="json")
    if not result.failed:
        return JSONResponse(body, status_code=201)
    message = f"{len(result.failed)} article(s) could not be ingested, {len(result.stored)} stored"
    return JSONResponse({**error_body("bad_articles", message), **body}, status_code=422)
