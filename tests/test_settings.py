"""Settings: read once from the environment, checked with one clear line per bad value, documented in
the README; ``VIETKG_QUERY_WORKERS`` sizes the SPARQL worker pool and ``VIETKG_CORS_ORIGINS`` opens
``/sparql`` and ``/api`` (only those) to web pages on the listed origins."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from vietkg.api.app import create_app, make_runner
from vietkg.api.settings import Settings, SettingsError, describe
from vietkg.api.sparql_exec import ProcessRunner, ThreadRunner
from vietkg.graph.store import KG

YASGUI = "https://yasgui.example.org"


def test_new_settings_from_the_environment() -> None:
    s = Settings.from_env({"VIETKG_QUERY_WORKERS": "3",
                           "VIETKG_CORS_ORIGINS": f" {YASGUI}/ , http://localhost:3000,{YASGUI}"})
    assert s.query_workers == 3
    assert s.cors_origins == (YASGUI, "http://localhost:3000")
    assert Settings.from_env({}).cors_origins == () and Settings.from_env({}).query_workers is None
    assert Settings.from_env({"VIETKG_CORS_ORIGINS": "*"}).cors_origins == ("*",)


@pytest.mark.parametrize(("env", "value", "says"), [
    ("VIETKG_QUERY_WORKERS", "0", "from 1 to 64"),
    ("VIETKG_QUERY_WORKERS", "four", "whole number"),
    ("VIETKG_CORS_ORIGINS", "yasgui.org", "not an origin"),
    ("VIETKG_CORS_ORIGINS", "https://a.org/sparql", "no path"),
    ("VIETKG_QUERY_TIMEOUT", "-1", "from 0.1"),
    ("VIETKG_PORT", "http", "whole number"),
    ("VIETKG_LOG_LEVEL", "LOUD", "WARNING"),
])
def test_bad_values_name_the_variable(env: str, value: str, says: str) -> None:
    with pytest.raises(SettingsError) as info:
        Settings.from_env({env: value})
    message = str(info.value)
    assert message.startswith(f"{env}={value!r}: ") and says in message and "\n" not in message


def test_bad_value_is_one_line_from_the_command_line(run_vietkg, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("VIETKG_QUERY_WORKERS", "0")
    done = run_vietkg("serve", "--store", tmp_path / "kg")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == "vietkg: VIETKG_QUERY_WORKERS='0': expected a value from 1 to 64"
    monkeypatch.delenv("VIETKG_QUERY_WORKERS")
    done = run_vietkg("serve", "--store", tmp_path / "kg", "--port", "0")
    assert done.returncode == 2 and done.stderr.strip().startswith("vietkg: --port='0'")


def test_readme_documents_every_setting(repo: Path) -> None:
    readme = repo.joinpath("README.md").read_text(encoding="utf-8")
    table = readme.split("### Configuration", 1)[1].split("\n## ", 1)[0]
    for env, _, _ in describe():
        assert f"| `{env}` |" in table, env
    assert len(describe()) == len(fields(Settings))


def test_query_workers_size_the_pool(tmp_path: Path) -> None:
    kg = KG(tmp_path / "kg")
    try:
        runner = make_runner(kg, Settings(query_workers=3))
        assert isinstance(runner, ProcessRunner) and runner.size == 3  # not started: no process spawned
        assert make_runner(kg, Settings(query_workers=3), workers=1).size == 1  # type: ignore[attr-defined]
    finally:
        kg.close()
    assert isinstance(make_runner(KG(None), Settings(query_workers=3)), ThreadRunner)


@pytest.fixture
def kg(store_copy: Path) -> Iterator[KG]:
    kg = KG(store_copy)
    yield kg
    kg.close()


def client_for(kg: KG, settings: Settings) -> TestClient:
    return TestClient(create_app(kg, settings, runner=ThreadRunner(kg, 10)))


@pytest.fixture
def cors(kg: KG) -> Iterator[TestClient]:
    with client_for(kg, Settings(cors_origins=(YASGUI,))) as c:
        yield c


def test_cors_preflight_and_answers_on_sparql_and_api(cors: TestClient) -> None:
    pre = cors.options("/sparql", headers={"Origin": YASGUI, "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "content-type, authorization"})
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] == YASGUI
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "authorization" in pre.headers["access-control-allow-headers"].lower()
    r = cors.post("/sparql", content="ASK {}", headers={"Origin": YASGUI, "Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == YASGUI
    assert "x-vietkg-max-rows" in r.headers["access-control-expose-headers"].lower()
    r = cors.get("/api/search", params={"q": "truyen"}, headers={"Origin": YASGUI})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == YASGUI
    r = cors.get("/sparql", params={"query": "SELECT ?x WHERE {"}, headers={"Origin": YASGUI})
    assert r.status_code == 400 and r.headers["access-control-allow-origin"] == YASGUI  # errors too


def test_cors_only_for_listed_origins_and_paths(cors: TestClient, kg: KG) -> None:
    other = cors.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    page = cors.get("/", headers={"Origin": YASGUI})
    assert page.status_code == 200 and "access-control-allow-origin" not in page.headers
    with client_for(kg, Settings()) as plain:  # VIETKG_CORS_ORIGINS unset: no CORS at all
        r = plain.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": YASGUI})
        assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
