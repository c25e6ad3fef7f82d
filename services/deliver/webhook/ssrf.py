"""SSRF guard: which webhook URLs and resolved addresses Tocsin refuses to call, and why.

The check runs twice: when a subscription is made (a clear 4xx) and at connect time, on the
addresses DNS actually returned (a name that resolved publicly yesterday may point at
169.254.169.254 today). `GuardedBackend` is the connect-time half, plugged under httpx.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from shared.errors import InvalidInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Cloud metadata endpoints that are not all covered by the link-local range.
METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack
        ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    }
)
# Carrier-grade NAT space: not "private" to Python, never a partner's public endpoint.
SHARED_SPACE = ipaddress.ip_network("100.64.0.0/10")


class TargetRefused(InvalidInput):
    """A webhook URL or address Tocsin will not call; the message says why."""


def refusal(address: IPAddress) -> str | None:
    """Why an address is refused as a webhook target, or None if it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refusal(address.ipv4_mapped)
    if address in METADATA_ADDRESSES:
        return "cloud metadata address"
    if address.is_loopback:
        return "loopback address"
    if address.is_link_local:
        return "link-local address"
    if address.is_unspecified:
        return "unspecified address"
    if address.is_multicast:
        return "multicast address"
    if isinstance(address, ipaddress.IPv4Address) and address in SHARED_SPACE:
        return "shared (carrier-grade NAT) address"
    if address.is_private:
        return "private address"
    if address.is_reserved or not address.is_global:
        return "reserved address"
    return None


def parse_target(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) URL we could call, or `TargetRefused` with the reason."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefused(f"invalid URL: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise TargetRefused("the URL must start with http:// or https://")
    if not parts.hostname:
        raise TargetRefused("the URL has no host")
    if parts.username or parts.password:
        raise TargetRefused("credentials in the URL are not allowed; the signature authenticates")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def system_resolver(host: str, port: int) -> list[str]:
    """Addresses of `host` from the system resolver."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TargetRefused(f"cannot resolve host {host!r}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_addresses(host: str, addresses: Iterable[str]) -> list[str]:
    """The addresses, if every one is public; otherwise `TargetRefused` naming the first bad one.

    Every address must pass, not just one: the connection may use any of them.
    """
    out = []
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        reason = refusal(address)
        if reason is not None:
            raise TargetRefused(f"{host} resolves to {address}, a {reason}")
        out.append(text)
    if not out:
        raise TargetRefused(f"cannot resolve host {host!r}")
    return out


def check_url(url: str, allow_private: bool, resolve: Resolver = system_resolver) -> None:
    """Refuse a subscription URL that is malformed or (unless allowed) points at a private host."""
    host, port = parse_target(url)
    if allow_private:
        return
    check_addresses(host, resolve(host, port))


class GuardedBackend(httpcore.SyncBackend):
    """A network backend that resolves, checks, then connects to the checked address.

    Connecting to the address we checked (not re-resolving the name) closes the DNS
    rebinding gap; TLS still verifies the certificate against the original host name.
    """

    def __init__(self, allow_private: bool, resolve: Resolver = system_resolver) -> None:
        self.allow_private = allow_private
        self.resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if self.allow_private:
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses = check_addresses(host, self.resolve(host, port))
        except TargetRefused as exc:
            raise httpcore.ConnectError(f"refused: {exc}") from exc
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


def guarded_client(timeout: float, allow_private: bool, max_connections: int = 200) -> httpx.Client:
    """An httpx client that never follows redirects and connects only to allowed addresses."""
    transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=max_connections))
    # httpx exposes no network-backend option; swap its pool for one built with our backend.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=max_connections,
        max_keepalive_connections=max_connections,
        keepalive_expiry=30.0,
        network_backend=GuardedBackend(allow_private),
    )
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        follow_redirects=False,
        headers={"user-agent": "Tocsin-Webhooks/1"},
    )
