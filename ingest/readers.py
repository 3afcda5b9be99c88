"""Readers: files in, :class:`RawArticle` out (``.txt``, ``.html``/``.htm``, ``.jsonl``, ``.warc[.gz]``).

Two generators make the protocol, and both hand bad input back as :class:`IngestError` *items*
(one clear line naming the input and the reason) instead of raising, so one bad file, JSON line
or WARC record never stops the rest::

    for item in iter_inputs(paths):          # Path | IngestError
        if isinstance(item, IngestError): report(item); continue
        for art in read(item):               # RawArticle | IngestError
            ...

``iter_inputs`` walks folders recursively in sorted order and yields the supported files only
(``*.gold.json`` beside the articles is skipped silently); a path named explicitly that does not
exist or has another extension becomes an ``IngestError``. ``read`` yields one article for a
``.txt`` or ``.html`` file, one per JSON line, one per HTML or text response record of a WARC.

``source`` is the article's URL when known, else the file's URI (``path.resolve().as_uri()``; the
scorer names an article by the last path segment of its source). ``content_hash`` is the sha256 of
the raw bytes of the file, JSON line or WARC payload.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from vietkg.ingest.boilerplate import Page, clean_body, parse_date, site_tag, split_page
from vietkg.ingest.encoding import decode, repair
from vietkg.ingest.htmlpage import extract_html
from vietkg.ingest.model import IngestError, RawArticle
from vietkg.ingest.normalize import normalize_text

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def kind_of(path: Path) -> str | None:
    """The reader for ``path`` by its extension (case-insensitive), or None when unsupported."""
    name = path.name.lower()
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return {".htm": "html", ".warc.gz": "warc"}.get(suffix, suffix[1:])
    return None


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path | IngestError]:
    """Supported files under ``paths`` (folders walked recursively, sorted); bad paths as errors."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and kind_of(child) and not any(p.startswith(".") for p in rel):
                    yield child
        elif not path.exists():
            yield IngestError(f"{path}: no such file or directory")
        elif not path.is_file():
            yield IngestError(f"{path}: not a regular file")
        elif kind_of(path) is None:
            yield IngestError(f"{path}: unsupported file type (expected one of {', '.join(SUFFIXES)})")
        else:
            yield path


def read(path: Path) -> Iterator[RawArticle | IngestError]:
    """The articles in one file; a bad file or record is yielded as an :class:`IngestError`."""
    kind = kind_of(path)
    if kind is None:
        yield IngestError(f"{path}: unsupported file type (expected one of {', '.join(SUFFIXES)})")
        return
    if kind == "warc":
        yield from read_warc(path)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield IngestError(f"{path}: cannot read ({e.strerror or e})")
        return
    if kind == "jsonl":
        yield from read_jsonl(data, path)
        return
    try:
        yield article_from_bytes(data, kind, path.resolve().as_uri(), str(path))
    except IngestError as e:
        yield e


def article_from_bytes(data: bytes, kind: str, source: str, name: str = "",
                       charset: str | None = None, retrieved: str | None = None) -> RawArticle:
    """One article from the bytes of a text (``kind="txt"``) or HTML page (``kind="html"``)."""
    name = name or source
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    text = decode(data, name, declared=charset)
    page = extract_html(text, name) if kind == "html" else split_page(normalize_text(text))
    if not page.body.strip():
        raise IngestError(f"{name}: no article text found")
    return _article(page, source, hashlib.sha256(data).hexdigest(), retrieved)


def _article(page: Page, source: str, content_hash: str, retrieved: str | None) -> RawArticle:
    return RawArticle(source=source, text=page.body, title=page.title, display_date=page.display_date,
                      site=page.site, author=page.author, header=page.header, retrieved=retrieved,
                      content_hash=content_hash)


def read_jsonl(data: bytes, path: Path) -> Iterator[RawArticle | IngestError]:
    """One article per line: ``{"url", "title", "date", "text" | "html"}``; bad lines as errors."""
    base = path.resolve().as_uri()
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            yield _jsonl_record(raw, f"{base}#{number}", f"{path}:{number}")
        except IngestError as e:
            yield e


def _field(record: dict[str, object], *names: str) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _jsonl_record(raw: bytes, fallback_source: str, where: str) -> RawArticle:
    try:
        record = json.loads(decode(raw, where))
    except json.JSONDecodeError as e:
        raise IngestError(f"{where}: bad JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(record, dict):
        raise IngestError(f"{where}: a JSON object was expected, got {type(record).__name__}")
    html, text = _field(record, "html", "raw_html"), _field(record, "text", "content", "body")
    if not (html or text):
        raise IngestError(f"{where}: the record has neither 'text' nor 'html'")
    title = repair(normalize_text(_field(record, "title")), where)
    if html:
        page = extract_html(repair(html, where), where)
    elif title:  # the text is the body already: no header or title line to find
        lines = normalize_text(repair(text, where)).split("\n")
        if lines and lines[0].strip() == title.strip():
            lines = lines[1:]
        body, author = clean_body(lines)
        page = Page(title=title, body=body, author=author, site=site_tag(body))
    else:
        page = split_page(normalize_text(repair(text, where)))
    if not page.body.strip():
        raise IngestError(f"{where}: no article text found")
    page.title = title or page.title
    page.display_date = parse_date(_field(record, "date", "published", "display_date")) or page.display_date
    page.site = _field(record, "site") or page.site
    page.author = _field(record, "author") or page.author
    source = _field(record, "url", "source") or fallback_source
    retrieved = _field(record, "retrieved", "retrieved_at", "fetched") or None
    return _article(page, source, hashlib.sha256(raw).hexdigest(), retrieved)


def read_warc(path: Path) -> Iterator[RawArticle | IngestError]:
    """One article per HTML or text response (or resource) record; other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        if not _looks_like_warc(path):
            yield IngestError(f"{path}: not a WARC file (it does not start with a WARC record header)")
            return
        with path.open("rb") as f:
            for number, record in enumerate(ArchiveIterator(f), start=1):
                item = _warc_record(record, f"{path}: record {number}")
                if item is not None:
                    yield item
        if number == 0:
            yield IngestError(f"{path}: not a readable WARC file (no record found)")
    except ArchiveLoadFailed as e:
        yield IngestError(f"{path}: not a readable WARC file ({str(e).strip() or 'bad header'})")
    except (OSError, EOFError) as e:  # includes a truncated gzip member
        yield IngestError(f"{path}: cannot read ({e.strerror or e})")


def _looks_like_warc(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(64)
    if head.startswith(b"\x1f\x8b"):
        with gzip.open(path, "rb") as g:
            head = g.read(64)
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _warc_record(record: ArcWarcRecord, where: str) -> RawArticle | IngestError | None:
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    if http is not None and record.rec_type == "response":
        status = http.get_statuscode() or "0"
        if not status.isdigit() or not 200 <= int(status) < 300:
            log.debug("%s: %s skipped (HTTP %s)", where, url, status)
            return None
    ctype = (http.get_header("Content-Type") if http is not None else None) \
        or record.rec_headers.get_header("Content-Type") or ""
    mime, _, params = ctype.partition(";")
    mime = mime.strip().lower()
    kind = "html" if mime in _HTML_TYPES else "txt" if mime == "text/plain" else None
    if kind is None:
        return None
    charset = params.partition("charset=")[2].strip(" \"'") or None
    try:
        payload = record.content_stream().read()
        return article_from_bytes(payload, kind, url or where, f"{where} ({url})", _codec(charset),
                                  record.rec_headers.get_header("WARC-Date"))
    except IngestError as e:
        return e
    except (OSError, ValueError, EOFError) as e:
        return IngestError(f"{where} ({url}): cannot decode the payload ({e})")


def _codec(charset: str | None) -> str | None:
    """A Python codec name for an HTTP charset, or None when Python does not know it."""
    if not charset:
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None
