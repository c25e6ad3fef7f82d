"""Tocsin's shared kernel: wire models, settings, Redis keys, the Celery app, errors."""
