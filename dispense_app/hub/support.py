"""Support calls every HTTP adapter offers for ``dispense-app hub check``: ping and login."""

from __future__ import annotations

import httpx

from dispense_app.core.model import HubUnavailable

from .transport import HubTransport


def http_ping(transport: HubTransport, path: str = "/") -> str:
    """Is the hub there? Any HTTP answer counts (TLS included); no credentials are sent."""
    try:
        resp = transport._http.get(path, timeout=transport._timeout)
    except httpx.HTTPError as exc:
        raise HubUnavailable(f"{transport.base_url} unreachable: {type(exc).__name__}: {str(exc)[:200]}") from None
    return f"{transport.base_url} answered HTTP {resp.status_code}"


def token_login(transport: HubTransport) -> str | None:
    """Fetch a fresh token now; None when the hub is configured without credentials."""
    if transport._client_id is None:
        return None
    transport._bearer(force=True)
    return f"token issued for {transport._client_id}"
