"""The command handlers behind ``vietkg ingest | query | export | serve | demo``."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from importlib import resources
from pathlib import Path

from vietkg.api.output import print_rows
from vietkg.api.settings import Settings
from vietkg.graph.store import KG, QueryError, StoreError, StoreLockedError

log = logging.getLogger(__name__)


class CommandError(StoreError):
    """A command cannot proceed for a reason the user can fix."""


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    from vietkg.api.loader import ingest_paths

    if not args.paths and not args.judgements:
        raise CommandError("ingest: name files or folders to read (or --judgements FILE)")
    if args.server:
        if args.judgements:
            raise CommandError("--judgements works on a local store; give it to the server's own ingest")
        from vietkg.api.remote import send_articles

        return send_articles(args.server, args.token or settings.token, args.paths)
    try:
        kg = KG(settings.store)
    except StoreLockedError as e:
        raise CommandError(f"{e}; stop it, or send the articles to it with `vietkg ingest --server URL`") from e

    def on_error(line: str) -> None:
        print(f"vietkg: skipped {line}", file=sys.stderr)

    if args.judgements:
        from vietkg.graph.judgements import JudgementError, merge_into_store

        try:
            merge_into_store(settings.store, args.judgements)
        except JudgementError as e:
            kg.close()
            raise CommandError(str(e)) from e
    report = ingest_paths(kg, args.paths, on_error)
    kg.close()
    print(report.summary(), file=sys.stderr)
    return 0 if report.ok else 1


def query(args: argparse.Namespace, settings: Settings) -> int:
    text = args.sparql
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise CommandError(f"cannot read the query file {path}: {e.strerror or e}") from e
    kg = KG(settings.store, read_only=True)
    result = kg.raw_query(text)
    from pyoxigraph import QueryBoolean, QuerySolutions

    if isinstance(result, QueryBoolean):
        print("true" if bool(result) else "false")
        return 0
    if isinstance(result, QuerySolutions):
        from vietkg.graph.store import QueryResult, term_value

        cols = [v.value for v in result.variables]
        rows = [{c: term_value(s[c]) for c in cols} for s in result]
        print_rows(QueryResult(cols, rows), args.format)
        return 0
    from pyoxigraph import RdfFormat

    sys.stdout.buffer.write(result.serialize(format=RdfFormat.TURTLE) or b"")  # CONSTRUCT / DESCRIBE
    return 0


def export(args: argparse.Namespace, settings: Settings) -> int:
    kg = KG(settings.store, read_only=True)
    if args.out:
        try:
            with args.out.open("wb") as out:
                kg.export(out, args.format, args.graph)
        except OSError as e:
            raise CommandError(f"cannot write {args.out}: {e.strerror or e}") from e
    else:
        kg.export(sys.stdout.buffer, args.format, args.graph)
    return 0


def serve(args: argparse.Namespace, settings: Settings) -> int:
    try:
        kg = KG(settings.store)
    except StoreLockedError as e:
        raise CommandError(str(e)) from e
    return _run_server(kg, settings)


def _run_server(kg: KG, settings: Settings) -> int:
    import uvicorn

    from vietkg.api.app import create_app

    app = create_app(kg, settings)
    print(f"vietkg: serving {settings.store} at http://{settings.host}:{settings.port}/", file=sys.stderr)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=settings.log_level.lower())
    kg.close()
    return 0


def example_files() -> list[Path]:
    folder = resources.files("vietkg.api") / "examples"
    return sorted(Path(str(e)) for e in folder.iterdir() if e.name.endswith((".txt", ".html", ".jsonl")))


def demo(args: argparse.Namespace, settings: Settings) -> int:
    from vietkg.api.loader import ingest_paths

    store = args.store or Path(tempfile.mkdtemp(prefix="vietkg-demo-")) / "store"
    settings = settings.with_overrides(store=store)
    try:
        kg = KG(store)
    except StoreLockedError as e:
        raise CommandError(str(e)) from e
    report = ingest_paths(kg, example_files(), lambda line: print(f"vietkg: skipped {line}", file=sys.stderr))
    print(f"vietkg demo: {report.summary()}", file=sys.stderr)
    if args.no_serve:
        kg.close()
        return 0 if report.ok else 1
    return _run_server(kg, settings)


__all__ = ["QueryError", "demo", "export", "ingest", "query", "serve"]
