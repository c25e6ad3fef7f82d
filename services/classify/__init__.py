"""Classify news articles: ACLED sub-event types, severity by policy, tolls, places, actors."""

from __future__ import annotations

from functools import lru_cache

from services.classify.classifier import Classifier
from services.classify.severity import (
    SeverityPolicy,
    default_policy,
    load_policy,
    parse_policy,
    policy_from_settings,
)
from shared.models import Article, Classification
from shared.settings import get_settings


@lru_cache(maxsize=1)
def _default() -> Classifier:
    return Classifier(policy_from_settings(get_settings()))


def classify(article: Article) -> Classification:
    """Classify one article under the process's severity policy: `TOCSIN_SEVERITY_POLICY_FILE`
    if set, else the bundled policy v1 (read and validated once, on first use)."""
    return _default().classify(article)


__all__ = [
    "Classifier",
    "SeverityPolicy",
    "classify",
    "default_policy",
    "load_policy",
    "parse_policy",
    "policy_from_settings",
]
