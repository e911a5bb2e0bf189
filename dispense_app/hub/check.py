"""``dispense-app hub check``: one support-readable line each for connectivity (ping), login,
certificate, password age and terms, for every hub type.

Connectivity and login go over the network through the adapter's own ``ping()`` / ``login()``;
certificate, password and terms come from :mod:`.lifecycle`. When the certificate has expired, a
failed ping or login says so: an expired credential never reads as "hub offline".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dispense_app.core.model import HubAuthError, HubClient, HubUnavailable
from dispense_app.errors import ConfigurationError

from .config import HubConfig
from .lifecycle import Finding, dated, lifecycle

#: the adapter methods each network line calls, first found first. connectivity: ``ping`` (securpharm,
#: fmd-rest, NMVS SupportPing) or VRS ``check_connectivity``; login: ``login`` (a fresh token) or an
#: authenticated support call (NMVS: the terms state, G482). Without any, the adapter's HTTP transport
#: is asked directly (any HTTP answer; a fresh token where credentials are configured).
METHODS = {"connectivity": ("ping", "check_connectivity"), "login": ("login", "terms_state")}


def _transport_call(client: Any, item: str) -> Any:
    from .support import http_ping, token_login
    from .transport import HubTransport

    transport = getattr(client, "_t", None)
    if not isinstance(transport, HubTransport):
        return None
    return (lambda: http_ping(transport)) if item == "connectivity" else (lambda: token_login(transport))


def _said(item: str, said: Any, name: str) -> Finding:
    """What a support method's answer means: text, a time in ms, None (no credentials), or a
    result object with ``ok`` and ``message`` (VRS checkConnectivity)."""
    if said is None:
        return Finding(item, "n/a", "no credentials configured (open hub)")
    if isinstance(said, str):
        return Finding(item, "ok", said)
    if isinstance(said, float):
        return Finding(item, "ok", f"answered in {said:.0f} ms")
    if isinstance(getattr(said, "ok", None), bool):
        return Finding(item, "ok" if said.ok else "fail", str(getattr(said, "message", said)))
    return Finding(item, "ok", f"{name} answered")


def _call(client: Any, item: str) -> Finding:
    names = METHODS[item]
    method = next((getattr(client, n) for n in names if callable(getattr(client, n, None))), None)
    method = method or _transport_call(client, item)
    if method is None:
        return Finding(item, "n/a", f"the {type(client).__name__} adapter offers no {' or '.join(names)}")
    try:
        said = method()
    except HubAuthError as exc:
        return Finding(item, "fail", f"refused: {exc}")
    except HubUnavailable as exc:
        return Finding(item, "fail", str(exc))
    return _said(item, said, getattr(method, "__name__", item))


def _credential_of(client: Any, now: dt.datetime) -> Finding | None:
    """An expiring credential the adapter itself knows (VRS: the ATP credential's expiry)."""
    expiry = getattr(client, "atp_credential_expiry", None)
    if not callable(expiry):
        return None
    when = expiry()
    if when is None:
        return Finding("credential", "unknown", "no ATP credential, or no expiry in it")
    return dated("credential", when, now, what="atp", renew="atp")


def run_check(
    config: HubConfig,
    *,
    make: Callable[[HubConfig], HubClient],
    now: dt.datetime | None = None,
) -> list[Finding]:
    """The findings, in order: connectivity, login, certificate, password, terms (and an adapter's
    own credential, e.g. VRS's ATP credential)."""
    life = lifecycle(config, now)
    try:
        client = make(config)
    except (HubUnavailable, ConfigurationError, ValueError, OSError) as exc:
        return [
            Finding("connectivity", "unknown", "not tried: the hub client cannot be set up"),
            Finding("login", "fail", str(exc)),
            *life,
        ]
    try:
        reach = _call(client, "connectivity")
        login = (
            _call(client, "login")
            if not reach.failed
            else Finding("login", "unknown", "not tried: the hub cannot be reached")
        )
        extra = _credential_of(client, now or dt.datetime.now(dt.UTC))
    finally:
        client.close()
    if extra is not None:
        life = [*life, extra]
    expired = [f for f in life if f.status == "expired"]
    if expired:
        why = f" (because: {expired[0].message})"
        reach, login = (Finding(f.item, f.status, f.message + why) if f.failed else f for f in (reach, login))
    return [reach, login, *life]
