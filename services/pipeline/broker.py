"""Celery's Redis transport for `tocsin worker`, with one fix: a Redis restart must not stop it.

kombu's Redis channel reads the reply of a BRPOP still in flight first when it closes. When
Redis has gone away, that read raises, and the close stops there: the channel is not marked
closed. Celery's consumer, on losing the broker, first `collect()`s the connection (which
swallows that error and detaches the transport), then closes it again; the second close now
reaches the restore of unacknowledged messages, which needs the detached transport and raises
AttributeError. Celery treats that as an unrecoverable error and the whole worker exits, stream
pump included, so the entries it had read stay pending with nobody left to reclaim them.

It takes a BRPOP in flight (the worker had room for more tasks), messages taken but not yet
acknowledged (acks_late tasks) and a second channel, such as the remote-control mailbox's,
whose close fails first: a race a loaded machine loses now and then (seen with kombu 5.7.0).
Here the in-flight reply is read as kombu does, but a connection error from it no longer cuts
the close short; the rest of the close (and its own errors) is kombu's.
"""

from __future__ import annotations

from queue import Empty
from urllib.parse import urlsplit

from kombu.transport import redis as kombu_redis

TRANSPORT = "services.pipeline.broker:Transport"


class Channel(kombu_redis.Channel):
    def close(self) -> None:
        if self._in_poll:
            try:
                self._brpop_read()  # type: ignore[no-untyped-call]
            except Empty:
                pass
            except self.connection_errors:
                pass  # Redis is gone: there is no reply to read; close the rest all the same
        super().close()  # type: ignore[no-untyped-call]


class Transport(kombu_redis.Transport):
    Channel = Channel


def transport_for(broker_url: str) -> str | None:
    """The transport to configure for this broker URL: ours for plain Redis, else kombu's."""
    return TRANSPORT if urlsplit(broker_url).scheme in ("redis", "rediss") else None
