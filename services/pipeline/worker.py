"""`tocsin worker`: a Celery worker for all queues, with the stream pump in its main process."""

from __future__ import annotations

import gc
import logging
import os
import socket
from typing import Any

from celery import signals

from services.ingest.stream import StreamPump
from shared.celery_app import ALL_QUEUES, PIPELINE_QUEUE, configure
from shared.logs import configure_logging
from shared.redisconn import connect
from shared.settings import get_settings

log = logging.getLogger("tocsin.worker")

_pump: StreamPump | None = None


def _start_pump(**_: Any) -> None:
    # Started once the pool has forked, so no child inherits the pump's thread or socket.
    global _pump
    from services.pipeline.tasks import submit

    settings = get_settings()
    consumer = f"{socket.gethostname()}-{os.getpid()}"
    _pump = StreamPump(connect(settings), settings, submit, consumer=consumer)
    _pump.start()
    log.info("stream pump started as consumer %s", consumer)


def _stop_pump(**_: Any) -> None:
    if _pump is not None:
        _pump.stop()


def run_worker(concurrency: int | None, queues: str | None, pump: bool = True) -> int:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    # The severity policy is data an operator edits: refuse to start on a broken one.
    from services.classify import policy_from_settings

    policy_from_settings(settings)
    app = configure(settings)
    # kombu's Redis transport with the fix a Redis restart needs (see services.pipeline.broker).
    from services.pipeline.broker import transport_for

    app.conf.broker_transport = transport_for(settings.redis_url)
    if pump:
        signals.worker_ready.connect(_start_pump, weak=False)
        signals.worker_shutdown.connect(_stop_pump, weak=False)
    if PIPELINE_QUEUE in (queues or PIPELINE_QUEUE).split(","):
        # Before the pool forks: the children share the classifier's tables (copy-on-write),
        # and the frozen objects are left out of every child's garbage collections, which
        # would otherwise touch, and so copy, each of their pages.
        from services.pipeline.batch import warm_up

        warm_up()
        gc.freeze()
        # A batch's objects are nearly all freed by reference counting; at the default (700)
        # a young collection ran every ~3 articles and a middle one every ~35 (bench data),
        # each scanning what was still alive. Every 10,000 still bounds uncollected cycles.
        gc.set_threshold(10_000, 10, 10)
    argv = [
        "worker",
        f"--loglevel={settings.log_level}",
        f"--queues={queues or ','.join(ALL_QUEUES)}",
        f"--hostname=tocsin-{os.getpid()}@{socket.gethostname()}",
        "--without-gossip",
        "--without-mingle",
    ]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    app.worker_main(argv)
    return 0
