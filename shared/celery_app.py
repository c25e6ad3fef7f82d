"""The Celery app: one place for task defaults. Configured from `Settings` at start, not import."""

from __future__ import annotations

from celery import Celery

from shared.settings import Settings, get_settings

# Queues: the pipeline (classify + fold), delivery and feed polling are separate so a slow
# partner endpoint or a slow feed can never hold back classification.
PIPELINE_QUEUE = "tocsin.pipeline"
DELIVER_QUEUE = "tocsin.deliver"
SOURCES_QUEUE = "tocsin.sources"
ALL_QUEUES = (PIPELINE_QUEUE, DELIVER_QUEUE, SOURCES_QUEUE)

TASK_MODULES = [
    "services.pipeline.tasks",
    "services.deliver.tasks",
    "services.sources.tasks",
]

app = Celery("tocsin")


def configure(settings: Settings | None = None) -> Celery:
    """Point the app at the settings' Redis and set every task default in one place."""
    settings = settings or get_settings()
    app.conf.update(
        broker_url=settings.redis_url,
        result_backend=None,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        timezone="UTC",
        enable_utc=True,
        # A SIGKILLed worker must lose nothing: ack after the task ran, and requeue on loss.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=4,
        broker_transport_options={
            "visibility_timeout": 300,
            "socket_timeout": settings.redis_socket_timeout,
            "socket_connect_timeout": settings.redis_socket_timeout,
        },
        broker_connection_retry_on_startup=True,
        task_default_queue=PIPELINE_QUEUE,
        task_routes={
            "tocsin.pipeline.*": {"queue": PIPELINE_QUEUE},
            "tocsin.deliver.*": {"queue": DELIVER_QUEUE},
            "tocsin.sources.*": {"queue": SOURCES_QUEUE},
        },
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        task_send_sent_event=False,
    )
    app.conf.include = TASK_MODULES
    return app
