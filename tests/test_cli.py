"""The command line as a user meets it: clear one-line errors, JSON rows, exit codes."""

from __future__ import annotations

import json
from pathlib import Path


def test_bad_inputs_are_reported_and_the_rest_goes_in(run_vietkg, example_articles: list[Path],
                                                       tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK\x03\x04")
    done = run_vietkg("ingest", missing, odd, example_articles[0], "--store", tmp_path / "kg")
    assert done.returncode == 1
    lines = [x for x in done.stderr.splitlines() if x.startswith("vietkg: skipped")]
    assert len(lines) == 2
    assert any("no-such-article.txt" in x for x in lines) and any("notes.docx" in x for x in lines)
    assert "Traceback" not in done.stderr
    assert "1 article(s) ingested" in done.stderr


def test_ask_json_prints_an_array_of_row_objects(run_vietkg, store_copy: Path) -> None:
    done = run_vietkg("ask", "documents", "--store", store_copy, "--format", "json", check=True)
    rows = json.loads(done.stdout)
    assert isinstance(rows, list) and rows
    assert {"source", "number", "kind", "issuer"} <= set(rows[0])
    assert all(isinstance(v, str) or v is None for r in rows for v in r.values())


def test_ask_list_shows_parameters(run_vietkg) -> None:
    done = run_vietkg("ask", "--list", check=True)
    assert "attendance:" in done.stdout and "--param name=" in done.stdout


def test_ask_csv_and_table(run_vietkg, store_copy: Path) -> None:
    csv_out = run_vietkg("ask", "events", "--store", store_copy, "--format", "csv", check=True).stdout
    assert csv_out.splitlines()[0].startswith("source,date,kind")
    table = run_vietkg("ask", "events", "--store", store_copy, check=True).stdout
    assert "row" in table.splitlines()[-1]


def test_malformed_query_is_one_line(run_vietkg, store_copy: Path) -> None:
    done = run_vietkg("query", "SELECT ?x WHERE { ?x", "--store", store_copy)
    assert done.returncode == 2
    assert done.stderr.startswith("vietkg: malformed query")
    assert len(done.stderr.strip().splitlines()) == 1


def test_query_from_file_and_export(run_vietkg, store_copy: Path, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a vkg:Article } }", encoding="utf-8")
    done = run_vietkg("query", f"@{q}", "--store", store_copy, "--format", "json", check=True)
    assert int(json.loads(done.stdout)[0]["n"]) >= 1
    out = tmp_path / "kg.trig"
    run_vietkg("export", "--store", store_copy, "--format", "trig", "--out", out, check=True)
    assert out.stat().st_size > 1000


def test_unknown_question_and_missing_store(run_vietkg, tmp_path: Path) -> None:
    done = run_vietkg("ask", "people", "--store", tmp_path / "none")
    assert done.returncode == 2 and "vietkg ingest" in done.stderr
    done = run_vietkg("ask", "nobody-knows", "--store", tmp_path / "none")
    assert done.returncode == 2 and "unknown question" in done.stderr
