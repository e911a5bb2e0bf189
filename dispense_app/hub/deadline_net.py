"""A deadline under every socket operation of a hub call (issue 16).

httpx's timeouts are per socket read: a hub that dribbles its status line and headers one byte at
a time never trips them, and the deadline checks between body chunks (:mod:`.transport`) start
only once the headers are in. This network backend for httpcore cuts the timeout of every connect,
read and write to what is left before the calling thread's current deadline (:func:`deadline`,
a context variable set by :class:`~.transport.HubTransport` for one call) and raises
:class:`DeadlinePassed` when nothing is left, so a call ends within its deadline wherever the hub
stalls: connecting, TLS, headers or body.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("hub_deadline", default=None)


class DeadlinePassed(Exception):
    """The call's deadline passed while the hub was still connecting, sending headers or body."""


@contextlib.contextmanager
def deadline(at: float | None) -> Iterator[None]:
    """Socket operations in this block end by ``at`` (``time.monotonic()``; None: no deadline)."""
    token = _DEADLINE.set(at)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _cut(timeout: float | None) -> tuple[float | None, bool]:
    """``timeout`` cut to the time left; True when the deadline is what limits it."""
    at = _DEADLINE.get()
    if at is None:
        return timeout, False
    left = at - time.monotonic()
    if left <= 0:
        raise DeadlinePassed
    if timeout is None or left < timeout:
        return left, True
    return timeout, False


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        cut, by_deadline = _cut(timeout)
        try:
            return self._inner.read(max_bytes, cut)
        except httpcore.ReadTimeout:
            if by_deadline:
                raise DeadlinePassed from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        cut, by_deadline = _cut(timeout)
        try:
            self._inner.write(buffer, cut)
        except httpcore.WriteTimeout:
            if by_deadline:
                raise DeadlinePassed from None
            raise

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        cut, _ = _cut(timeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, cut))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's synchronous backend with every operation bounded by the current deadline."""

    def __init__(self, inner: httpcore.NetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        cut, _ = _cut(timeout)
        return _Stream(self._inner.connect_tcp(host, port, cut, local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        cut, _ = _cut(timeout)
        return _Stream(self._inner.connect_unix_socket(path, cut, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def install(transport: Any) -> None:
    """Put the deadline backend under an ``httpx.HTTPTransport`` (its httpcore pool)."""
    pool = transport._pool
    if not hasattr(pool, "_network_backend"):
        raise RuntimeError("httpcore's connection pool changed: the hub deadline cannot be installed")
    pool._network_backend = DeadlineBackend(pool._network_backend)
