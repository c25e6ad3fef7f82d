"""Operators can read what was refused and why: `GET /v1/dead-letters`, newest first, paged."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import redis

from services.api.app import create_app
from services.ingest.publish import dead_letter
from shared.settings import Settings
from tests.support.servers import ThreadedServer

AUTH = {"Authorization": "Bearer test-token"}


@pytest.fixture(name="api")
def _api(redis_client: redis.Redis, settings: Settings) -> Iterator[str]:
    server = ThreadedServer(create_app(settings, redis_client)).start()
    yield server.base
    server.stop()


def test_dead_letters_are_listed_newest_first_with_reasons_and_paged(
    api: str, redis_client: redis.Redis
) -> None:
    for i in range(3):
        dead_letter(redis_client, f'{{"id": "bad{i}"}}', f"text: Field required ({i})", "http")
    dead_letter(redis_client, "x" * 5_000, "article is not valid JSON", "stream")

    first = httpx.get(f"{api}/v1/dead-letters", params={"limit": 2}, headers=AUTH).json()
    assert [d["reason"] for d in first["dead_letters"]] == [
        "article is not valid JSON",
        "text: Field required (2)",
    ]
    assert first["dead_letters"][0]["payload_truncated"] is True
    assert first["next_cursor"]
    rest = httpx.get(
        f"{api}/v1/dead-letters", params={"limit": 2, "cursor": first["next_cursor"]}, headers=AUTH
    ).json()
    assert [d["origin"] for d in rest["dead_letters"]] == ["http", "http"]
    assert rest["dead_letters"][-1]["reason"].endswith("(0)")


def test_dead_letters_need_a_token_and_a_well_formed_cursor(api: str) -> None:
    assert httpx.get(f"{api}/v1/dead-letters").status_code == 401
    bad = httpx.get(f"{api}/v1/dead-letters", params={"cursor": "drop table"}, headers=AUTH)
    assert bad.status_code == 422


@pytest.mark.parametrize(
    ("cursor", "expected"),
    [
        ("5-3", "5-2"),
        ("5-0", f"4-{2**64 - 1}"),
        ("0-0", None),  # nothing can come before the first possible id
        ("99999999999999999999999-0", "+"),  # larger than any id: everything is before it
    ],
)
def test_the_cursor_steps_to_the_previous_stream_id(cursor: str, expected: str | None) -> None:
    from services.ingest.dead_letters import _previous_id

    assert _previous_id(cursor) == expected


def test_a_cursor_beyond_any_stream_id_is_answered_not_a_server_error(
    api: str, redis_client: redis.Redis
) -> None:
    dead_letter(redis_client, "{}", "text: Field required", "http")
    resp = httpx.get(
        f"{api}/v1/dead-letters", params={"cursor": "99999999999999999999999-0"}, headers=AUTH
    )
    assert resp.status_code == 200
    assert len(resp.json()["dead_letters"]) == 1
