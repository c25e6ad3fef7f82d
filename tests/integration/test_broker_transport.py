"""The worker's broker transport survives Redis going away in the state that stopped workers.

A worker's broker connection holds a task channel with a BRPOP in flight and a message taken
but not acknowledged (acks_late), and a remote-control mailbox channel (an auto-delete fanout
queue). Redis goes away; Celery's consumer then does what it does on a lost connection:
`collect()` the connection, then close it, ignoring connection errors. Anything else escaping
is an "unrecoverable error" that shuts the whole worker down (services.pipeline.broker).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from kombu import Connection, Consumer, Exchange, Producer, Queue
from kombu.message import Message

from services.pipeline.broker import TRANSPORT, transport_for
from tests.support.procs import RedisServer


@pytest.fixture(name="own_redis")
def _own_redis() -> Iterator[RedisServer]:
    server = RedisServer().start()  # this test stops it: not the session's server
    yield server
    server.cleanup()


def _lose_redis_mid_poll(server: RedisServer, transport: str | None) -> Exception | None:
    """Build the worker's state, stop Redis, clean up as Celery does; what escaped, if anything."""
    conn = Connection(server.url, transport=transport)
    tasks = conn.default_channel
    queue = Queue("t.tasks", routing_key="t.tasks")
    Producer(tasks).publish({"n": 1}, routing_key="t.tasks", declare=[queue])
    taken: list[Message] = []
    Consumer(tasks, [queue], callbacks=[lambda _b, m: taken.append(m)], accept=["json"]).consume()
    mailbox = conn.channel()
    fanout = Queue("t.pidbox", Exchange("t.pidbox", type="fanout"), auto_delete=True)
    Consumer(mailbox, [fanout], callbacks=[lambda _b, _m: None], accept=["json"]).consume()
    for _ in range(10):  # until the queue is empty: the next BRPOP stays in flight
        try:
            conn.drain_events(timeout=0.3)
        except TimeoutError:
            if taken:
                break
    assert len(taken) == 1 and not taken[0].acknowledged
    assert tasks._in_poll, "a BRPOP must be in flight for this test to mean anything"

    server.stop()
    with contextlib.suppress(Exception):  # Celery ignores whatever collect() raises
        conn.collect(socket_timeout=0.5)
    try:
        conn.close()
    except conn.connection_errors:
        return None  # Celery's ignore_errors() swallows these: the worker reconnects
    except Exception as exc:
        return exc
    return None


def test_the_worker_transport_closes_cleanly_when_redis_goes_away_mid_poll(
    own_redis: RedisServer,
) -> None:
    assert _lose_redis_mid_poll(own_redis, TRANSPORT) is None


def test_kombus_own_transport_still_needs_the_fix(own_redis: RedisServer) -> None:
    escaped = _lose_redis_mid_poll(own_redis, None)
    if escaped is None:
        pytest.skip("kombu's Redis transport closes cleanly now: services.pipeline.broker can go")
    assert isinstance(escaped, AttributeError)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://127.0.0.1:6379/0", TRANSPORT),
        ("rediss://redis.example:6380/0", TRANSPORT),
        ("sentinel://10.0.0.1:26379", None),  # kombu's own transport for anything else
    ],
)
def test_the_fixed_transport_is_used_for_redis_urls_only(url: str, expected: str | None) -> None:
    assert transport_for(url) == expected
