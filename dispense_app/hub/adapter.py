"""What every HTTP hub adapter (fmd-rest, nmvs-soap, securpharm, vrs) shares, so each adapter holds
only its protocol:

- :class:`ConnectionOptions` (:class:`TransportOptions` with the bulk deadline): the connection
  settings every adapter takes as keyword arguments (TLS files, timeouts, retries, deadlines),
  passed on to :class:`~.transport.HubTransport` by :func:`transport_kwargs` (the four TLS
  settings become one :class:`~.transport.TlsSettings`);
- :class:`TransportAdapter`: the timing an adapter exposes (``stats``, ``bulk_stats``), its
  ``base_url``, closing and the context manager, all from its transport ``_t``;
- :func:`with_timing` and :func:`json_or_none`: the plumbing from an HTTP reply to a
  :class:`~dispense_app.core.model.HubReply` (the round trip and the hub's own time; a body that is
  not JSON read as None).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Self, TypedDict

from dispense_app.core.model import HubReply

from .timing import CallStats, CallTiming
from .transport import HubTransport, TlsSettings

TLS_KEYS = ("ca_bundle", "client_cert", "client_key", "cert_passphrase")


class ConnectionOptions(TypedDict, total=False):
    """Connection settings of an adapter (defaults: :class:`~.transport.HubTransport`'s)."""

    ca_bundle: str | None
    client_cert: str | None
    client_key: str | None
    cert_passphrase: str | None  # from the keyring, never a file
    connect_timeout: float
    read_timeout: float
    retries: int
    backoff_s: float
    max_retry_wait: float
    deadline_s: float | None


class TransportOptions(ConnectionOptions, total=False):
    """The same, for an adapter whose bulk requests go through the transport's bulk deadline."""

    bulk_deadline_s: float | None


def transport_kwargs(options: ConnectionOptions) -> dict[str, Any]:
    """``HubTransport``'s keyword arguments for ``options``: the TLS files as one TlsSettings."""
    kwargs: dict[str, Any] = {k: v for k, v in options.items() if k not in TLS_KEYS}
    kwargs["tls"] = TlsSettings(*(options.get(k) for k in TLS_KEYS))  # type: ignore[arg-type]
    return kwargs


class TransportAdapter:
    """The part of a hub adapter that is its transport's: timing, base URL, closing."""

    _t: HubTransport

    @property
    def stats(self) -> CallStats:
        """Timing of every call: ``stats.p95_ms`` (round trip), ``stats.server_p95_ms`` (hub)."""
        return self._t.stats

    @property
    def bulk_stats(self) -> CallStats:
        """Timing of bulk requests, kept apart from ``stats``."""
        return self._t.bulk_stats

    @property
    def base_url(self) -> str:
        return self._t.base_url

    def close(self) -> None:
        self._t.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def with_timing(reply: HubReply, timing: CallTiming | None) -> HubReply:
    """``reply`` with the call's round trip and the hub's own time (Server-Timing), where timed."""
    if timing is None:
        return reply
    return dataclasses.replace(reply, server_ms=timing.server_ms, total_ms=timing.total_ms)


def json_or_none(resp: Any) -> Any:
    """The reply's JSON body, or None when it is not JSON."""
    try:
        return resp.json()
    except ValueError:
        return None
