"""Tocsin's stages: ingest -> classify -> dedup (fold) -> deliver (slack, webhook), and the API."""

from services._native import install as _install_native
from services._native import status as native_status

_install_native()  # compiled classifier modules, only when built from the current sources

__all__ = ["native_status"]
