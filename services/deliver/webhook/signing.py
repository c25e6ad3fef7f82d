"""Standard Webhooks signing: `whsec_` secrets and `v1,<base64 HMAC-SHA256>` signatures."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping, Sequence

# A format prefix from the spec, not a secret.
SECRET_PREFIX = "whsec_"  # noqa: S105  # nosec B105
# The spec allows 24 to 64 bytes of key material.
MIN_SECRET_BYTES = 24
MAX_SECRET_BYTES = 64


def format_secret(key: bytes) -> str:
    """A `whsec_` secret from raw random bytes (the caller supplies the randomness)."""
    if not MIN_SECRET_BYTES <= len(key) <= MAX_SECRET_BYTES:
        raise ValueError(f"a secret needs {MIN_SECRET_BYTES}-{MAX_SECRET_BYTES} bytes")
    return SECRET_PREFIX + base64.b64encode(key).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The raw key of a `whsec_` secret."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("a webhook secret starts with whsec_")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except binascii.Error as exc:
        raise ValueError("a webhook secret is whsec_ followed by base64") from exc
    if not MIN_SECRET_BYTES <= len(key) <= MAX_SECRET_BYTES:
        raise ValueError(f"a secret needs {MIN_SECRET_BYTES}-{MAX_SECRET_BYTES} bytes")
    return key


def sign(secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: one `v1,<sig>` per secret, space-separated.

    Several secrets are signed during a rotation grace period so receivers holding either the
    old or the new secret verify the same request.
    """
    signed = f"{msg_id}.{timestamp}.".encode() + body
    parts = []
    for secret in secrets:
        digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
        parts.append("v1," + base64.b64encode(digest).decode("ascii"))
    return " ".join(parts)


def headers(secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes) -> Mapping[str, str]:
    """Every header of a signed request, JSON content type included."""
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secrets, msg_id, timestamp, body),
    }
