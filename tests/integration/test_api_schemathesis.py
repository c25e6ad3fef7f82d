"""schemathesis against a real `tocsin api` (uvicorn subprocess) on the test redis-server.

Every operation in the served OpenAPI document is called with generated input and the admin
bearer token: no answer may be a 5xx, and every answer must match the document (status code
declared, content type, body schema). Examples are few per operation to keep the run bounded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import checks
from schemathesis.generation import GenerationMode

from tests.support.procs import RedisServer, free_port, running, tocsin_cmd, tocsin_env, wait_for

TOKEN = "schemathesis-admin-token"
MAX_EXAMPLES = 10
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture(name="api_url", scope="module")
def _api_url(redis_server: RedisServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    client = redis_server.client()
    client.flushall()
    client.close()
    port = free_port()
    env = tocsin_env(redis_server.url, TOCSIN_API_TOKEN=TOKEN, TOCSIN_LOG_LEVEL="WARNING")
    log: Path = tmp_path_factory.mktemp("schemathesis") / "api.log"
    cmd = tocsin_cmd("api", "--host", "127.0.0.1", "--port", str(port))
    with running(cmd, env, log) as proc:
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: httpx.get(f"{url}/healthz").status_code == 200, 30, what="the API")
        yield url
        assert proc.poll() is None, log.read_text()
        print(log.read_text()[-3000:])


def _fuzz(operation: Any, api_url: str, mode: GenerationMode) -> None:
    """Call one operation with generated cases; hypothesis shrinks a failure to its smallest."""

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(
            base_url=api_url,
            headers={"Authorization": f"Bearer {TOKEN}"},
            checks=CHECKS,
            timeout=10,
        )

    run()


def test_no_operation_answers_5xx_or_off_schema(api_url: str) -> None:
    # Loaded from the running server, as a client would (schemathesis' pytest fixture loader
    # does not run on pytest 9, so operations are walked here).
    schema = schemathesis.openapi.from_url(f"{api_url}/openapi.json")
    failures: list[str] = []
    tried: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        tried.append(operation.label)
        # Positive: valid input per the document; negative: input the document forbids.
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, api_url, mode)
            except Unsatisfiable:
                continue  # nothing in this operation can be made invalid (no params, no body)
            except Exception as exc:  # collect every operation's failure, then report them all
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert len(tried) >= 20, tried
    assert not failures, "\n\n".join(failures)


def test_the_openapi_document_is_served_and_lists_the_v1_operations(api_url: str) -> None:
    document = httpx.get(f"{api_url}/openapi.json", timeout=10).json()
    paths = set(document["paths"])
    assert {"/v1/articles", "/v1/alerts", "/v1/webhooks", "/v1/silences"} <= paths
    assert "/v1/silences/{silence_id}" in paths
