"""Tocsin's exceptions, as one tree.

TocsinError
├── ConfigError          settings, policy or routes files that do not validate
├── InvalidInput         an article or request we refuse (becomes a 4xx or a dead letter)
└── DeliveryError        a notifier could not deliver
    ├── RetryableDelivery    try again later (5xx, 429, timeout); carries `retry_after`
    └── PermanentDelivery    do not retry (4xx other than 408/429; 410 disables the target)
"""

from __future__ import annotations


class TocsinError(Exception):
    """Base of every error Tocsin raises on purpose."""


class ConfigError(TocsinError, ValueError):
    """A setting, policy file or routes file is invalid."""


class InvalidInput(TocsinError, ValueError):
    """Input we refuse, with a reason a producer can act on."""


class DeliveryError(TocsinError):
    """A notifier could not deliver."""


class RetryableDelivery(DeliveryError):
    """`unsent`: the receiver answered that it did nothing (a 429), as opposed to a timeout or
    a 5xx, after which the request may or may not have taken effect."""

    def __init__(
        self, message: str, retry_after: float | None = None, unsent: bool = False
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.unsent = unsent


class PermanentDelivery(DeliveryError):
    def __init__(self, message: str, disable_target: bool = False) -> None:
        super().__init__(message)
        self.disable_target = disable_target
