"""Tocsin's stages: ingest -> classify -> dedup (fold) -> deliver (slack, webhook), and the API."""
