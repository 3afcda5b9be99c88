"""Shared fixtures. Tests use real articles and a real on-disk store; nothing touches the network.

Fixtures:
- ``repo``: the repository root.
- ``shared``: the read-only ``../shared`` folder beside the repository (eval set, seeds).
- ``example_articles``: the example articles shipped in the package (``vietkg.api.examples``).
- ``built_store``: a store folder built once per session from the example articles (closed, so
  tests may open it read-only or run ``vietkg`` commands on a copy).
- ``store_copy``: a private copy of ``built_store`` a test may write to.
- ``run_vietkg``: run the ``vietkg`` command line in a subprocess, as a user would.
- ``multi_store``: a store built once from ``tests/fixtures/multi`` (several articles about the
  same people, bodies and clusters across years), for identity and tenure tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    path = REPO.parent / "shared"
    if not path.is_dir():
        pytest.skip("../shared is not beside the repository")
    return path


@pytest.fixture(scope="session")
def example_articles() -> list[Path]:
    from vietkg.api.commands import example_files

    files = example_files()
    assert files, "the package ships no example articles"
    return files


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, example_articles: list[Path]) -> Path:
    from vietkg.api.loader import ingest_paths
    from vietkg.graph.store import KG

    path = tmp_path_factory.mktemp("store") / "kg"
    kg = KG(path)
    errors: list[str] = []
    report = ingest_paths(kg, example_articles, errors.append)
    kg.close()
    assert report.ok, errors
    return path


@pytest.fixture
def store_copy(built_store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "kg"
    shutil.copytree(built_store, target)
    return target


Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def run_vietkg() -> Runner:
    def run(*args: str | Path, check: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "vietkg.api.cli", *map(str, args)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if check and done.returncode != 0:
            raise AssertionError(f"{cmd} exited {done.returncode}: {done.stderr}")
        return done

    return run


@pytest.fixture(scope="session")
def multi_store(tmp_path_factory: pytest.TempPathFactory, run_vietkg: Runner) -> Path:
    store = tmp_path_factory.mktemp("multi") / "kg"
    run_vietkg("ingest", REPO / "tests" / "fixtures" / "multi", "--store", store, check=True)
    return store

