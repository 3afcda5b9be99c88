"""Helpers for the HTTP tests: in-process apps over a real store, and real ``vietkg serve`` servers.

- :func:`make_app` builds an app over a store folder (SPARQL jobs in threads, which is quick to
  start; :class:`ProcessRunner` is exercised by the real servers).
- :func:`add_trace` adds a handmade article graph with one ``vkg:implementsDocument`` link and
  implementation records, so ``/trace`` has something to follow (the example articles have none).
- :class:`LiveServer` starts ``vietkg serve --store DIR --port P`` on 127.0.0.1 and stops it.
- :func:`assert_error` checks the one error shape.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from pyoxigraph import Literal, NamedNode, Quad

from vietkg.api.app import create_app
from vietkg.api.settings import Settings
from vietkg.api.sparql_exec import ThreadRunner
from vietkg.graph.store import KG
from vietkg.ontology.terms import ID_NS, PROV, RDF, VKG, graph_iri

TOKEN = "s3cret-token"
PERSON = "nguyen-tho-truyen--thanh-pho-ho-chi-minh"
NQ25 = "tw/nq/xi/25"
CTRHD10 = "tu-thanh-pho-ho-chi-minh/ctrhd/10"
TRACE_GRAPH = graph_iri("test-trace")
TRACE_UNIT = ID_NS + "org/ban-tuyen-giao-quan-uy-binh-thanh"


def make_app(store: Path, *, token: str | None = TOKEN, timeout: float = 10.0,
             max_rows: int = 10000) -> tuple[Any, KG]:
    kg = KG(store)
    settings = Settings(store=store, token=token, query_timeout=timeout, max_rows=max_rows)
    return create_app(kg, settings, runner=ThreadRunner(kg, timeout)), kg


def add_trace(kg: KG) -> None:
    """CTrHĐ 10 carries out NQ 25; a unit reports doing CTrHĐ 10 (in a graph of its own)."""
    doc, parent = NamedNode(ID_NS + "doc/" + CTRHD10), NamedNode(ID_NS + "doc/" + NQ25)
    impl = NamedNode(ID_NS + "impl/test-trace/0")
    g = TRACE_GRAPH
    quads = [
        Quad(doc, VKG.implementsDocument, parent, g),
        Quad(impl, RDF.type, VKG.Implementation, g),
        Quad(impl, RDF.type, PROV.Activity, g),
        Quad(impl, VKG.unit, NamedNode(TRACE_UNIT), g),
        Quad(impl, VKG.document, doc, g),
        Quad(impl, VKG.mode, NamedNode("https://vietkg.org/vocab/implementation-mode/reported"), g),
        Quad(impl, VKG.dateText, Literal("2022-03"), g),
    ]
    kg.replace_graph(g, quads)


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert set(body) >= {"error"}, body
    error = body["error"]
    assert isinstance(error["code"], str) and isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code, body
    return body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """``vietkg serve`` in a subprocess; ``url`` is its base URL."""

    def __init__(self, store: Path, *, token: str | None = TOKEN, timeout: float = 10.0,
                 max_rows: int = 10000) -> None:
        self.store = store
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "VIETKG_QUERY_TIMEOUT": str(timeout), "VIETKG_MAX_ROWS": str(max_rows),
               "VIETKG_LOG_LEVEL": "WARNING"}
        env.pop("VIETKG_TOKEN", None)
        if token:
            env["VIETKG_TOKEN"] = token
        self.log = store.parent / f"server-{self.port}.log"
        self._log = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "vietkg.api.cli", "serve", "--store", str(store), "--port", str(self.port)],
            env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def wait(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(self.url + "/sparql?query=ASK%7B%7D", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"server did not start: {self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self._log.close()


@contextmanager
def live_server(store: Path, **kwargs: Any) -> Iterator[LiveServer]:
    server = LiveServer(store, **kwargs)
    try:
        server.wait()
        yield server
    finally:
        server.stop()
