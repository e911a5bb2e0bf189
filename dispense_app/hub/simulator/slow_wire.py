"""A hub that dribbles its reply *headers* (issue 16): the hostile mode ``trickle_headers_bytes_per_s``.

An ASGI app cannot pace its status line and headers (the server writes them in one go), so the
mode works one level down: every connection's transport is wrapped, and a response head carrying
:data:`MARKER` (set by :func:`.hostile.mangle`) is written a few bytes at a time, the body queued
behind it. Without the marker a write goes straight through.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

MARKER = b"x-sim-header-trickle"
TICK_S = 0.1


class DribbleTransport:
    """An asyncio transport that can pace what is written through it."""

    def __init__(self, inner: asyncio.Transport) -> None:
        self._inner = inner
        self._queue: deque[bytes] = deque()
        self._task: asyncio.Task[None] | None = None
        self._close_when_done = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def write(self, data: bytes) -> None:
        if self._task is None and not (data[:5] == b"HTTP/" and MARKER in data.lower()):
            self._inner.write(data)
            return
        self._queue.append(bytes(data))
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._drain(_rate(bytes(data))))

    def close(self) -> None:
        if self._task is not None:
            self._close_when_done = True
            return
        self._inner.close()

    async def _drain(self, per_s: float) -> None:
        step = max(1, int(per_s * TICK_S))
        try:
            while self._queue and not self._inner.is_closing():
                data = self._queue.popleft()
                for start in range(0, len(data), step):
                    if self._inner.is_closing():
                        return
                    self._inner.write(data[start : start + step])
                    await asyncio.sleep(step / per_s)
        finally:
            self._task = None
            if self._close_when_done:
                self._inner.close()


def _rate(head: bytes) -> float:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == MARKER:
            try:
                return max(0.1, float(value.strip()))
            except ValueError:
                break
    return 1.0


def trickling(protocol_cls: type[Any]) -> type[Any]:
    """``protocol_cls`` (uvicorn's HTTP protocol) whose transport is a :class:`DribbleTransport`."""

    class Trickling(protocol_cls):  # type: ignore[misc]
        def connection_made(self, transport: asyncio.Transport) -> None:
            super().connection_made(DribbleTransport(transport))

    Trickling.__name__ = f"Trickling{protocol_cls.__name__}"
    return Trickling
