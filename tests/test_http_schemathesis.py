"""Property-based tests over the OpenAPI (schemathesis): no input makes the server answer 5xx, and
the answers match the documented schemas, status codes and media types.

The number of examples per operation is small so this stays a few seconds; the app runs
in-process over a copy of the example store, with the write token so writes are exercised too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from http_support import TOKEN, make_app
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from vietkg.graph.store import KG

EXAMPLES = 10


@pytest.fixture(scope="module")
def app(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    store = tmp_path_factory.mktemp("schemathesis") / "kg"
    shutil.copytree(built_store, store)
    application, kg = make_app(store, timeout=2.0)
    yield application
    kg.close()


@pytest.fixture(scope="module")
def api_schema(app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_no_server_errors_and_documented_answers(api_schema: Any) -> None:
    """Every operation, a few generated requests each (schemathesis' pytest plugin does not run
    under this pytest, so the operations are driven with hypothesis directly)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)

        check()


def test_the_store_is_still_readable(app: Any) -> None:
    from fastapi.testclient import TestClient

    kg: KG = app.state.vietkg.kg
    assert len(kg) > 0
    with TestClient(app) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
