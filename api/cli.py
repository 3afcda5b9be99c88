"""The ``vietkg`` command line: ingest, ask, query, export, serve, demo.

User mistakes (a missing file, a malformed query, an unknown question, a locked store) end in one
line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from vietkg.api.output import print_rows
from vietkg.api.settings import Settings, SettingsError, describe
from vietkg.api.viz_cli import add_viz_commands
from vietkg.graph.questions import QuestionError, ask, get_question, questions
from vietkg.graph.store import KG, QueryError, StoreError

log = logging.getLogger(__name__)

EPILOG = "settings (environment variables):\n" + "\n".join(
    f"  {env:22} {help_text} [default: {default}]" for env, default, help_text in describe())


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vietkg", description="A knowledge graph of Vietnamese political news.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--log-level", help="DEBUG, INFO, WARNING (default) or ERROR")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_store(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--store", type=Path,
                        help="store folder (default: $VIETKG_STORE or ~/.local/share/vietkg/store)")
        return sp

    sp = with_store(sub.add_parser("ingest", help="read articles (.txt .html .jsonl .warc) into the store"))
    sp.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (recursive)")
    sp.add_argument("--judgements", type=Path, metavar="FILE",
                    help="CSV/JSONL of same / not same judgements about people and bodies; kept in the store "
                         "folder, so every later ingest respects them")
    sp.add_argument("--server", help="send the articles to a running `vietkg serve` at this URL instead")
    sp.add_argument("--token", help="write token of that server (default: $VIETKG_TOKEN)")

    sp = with_store(sub.add_parser("ask", help="run a competency question (`vietkg ask --list`)"))
    sp.add_argument("question", nargs="?", help="question name")
    sp.add_argument("--list", action="store_true", help="list the questions and their parameters")
    sp.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter (repeatable)")
    sp.add_argument("--format", choices=["table", "json", "csv"], default="table")

    sp = with_store(sub.add_parser("query", help="run a SPARQL query (text or @FILE)"))
    sp.add_argument("sparql", help="the query, or @path/to/query.rq")
    sp.add_argument("--format", choices=["table", "json", "csv"], default="table")

    sp = with_store(sub.add_parser("export", help="write the whole graph (or one article graph)"))
    sp.add_argument("--format", choices=["nquads", "trig", "turtle", "ntriples", "jsonld", "rdfxml"],
                    default="nquads")
    sp.add_argument("--graph", help="only this named graph (IRI)")
    sp.add_argument("--out", type=Path, help="output file (default: standard output)")

    sp = with_store(sub.add_parser("serve", help="serve SPARQL, REST and pages over HTTP"))
    sp.add_argument("--host")
    sp.add_argument("--port", type=int)

    sp = sub.add_parser("demo", help="load the bundled example articles into a fresh store and serve them")
    sp.add_argument("--store", type=Path, help="store folder for the demo (default: a fresh temporary folder)")
    sp.add_argument("--host")
    sp.add_argument("--port", type=int)
    sp.add_argument("--no-serve", action="store_true", help="load the examples and stop")
    add_viz_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env().with_overrides(
            store=getattr(args, "store", None), host=getattr(args, "host", None),
            port=getattr(args, "port", None), log_level=args.log_level)
    except SettingsError as e:
        return _fail(str(e))
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    from vietkg.api import commands, viz_cli  # imported late: keeps `vietkg --help` fast

    handlers = {"ingest": commands.ingest, "ask": cmd_ask, "query": commands.query, "export": commands.export,
                "serve": commands.serve, "demo": commands.demo, "viz": viz_cli.viz, "analyze": viz_cli.analyze}
    try:
        return handlers[args.command](args, settings)
    except (UsageError, QuestionError, QueryError, StoreError) as e:
        return _fail(str(e))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _fail(message: str) -> int:
    print(f"vietkg: {message}", file=sys.stderr)
    return 2


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    if args.list:
        for name, q in questions().items():
            print(f"{name}: {q.title}" + (f" — {q.title_vi}" if q.title_vi else ""))
            for prm in q.params:
                flag = "required" if prm.required else "optional"
                print(f"    --param {prm.name}=...  ({flag}) {prm.help}")
        return 0
    if not args.question:
        raise UsageError("ask: name a question, or use --list to see them")
    get_question(args.question)
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: expected NAME=VALUE")
        params[name.strip()] = value
    kg = KG(settings.store, read_only=True)
    result = ask(kg, args.question, params)
    print_rows(result, args.format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
