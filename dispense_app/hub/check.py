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
from .lifecycle import Finding, lifecycle

#: the adapter methods each network line calls, first found first: ``login`` (REST adapters: a fresh
#: token), else an authenticated support call (NMVS: the terms-and-conditions state, G482)
METHODS = {"connectivity": ("ping",), "login": ("login", "terms_state")}


def _call(client: Any, item: str) -> Finding:
    names = METHODS[item]
    method = next((getattr(client, n) for n in names if callable(getattr(client, n, None))), None)
    if method is None:
        return Finding(item, "n/a", f"the {type(client).__name__} adapter offers no {' or '.join(names)}")
    try:
        said = method()
    except HubAuthError as exc:
        return Finding(item, "fail", f"refused: {exc}")
    except HubUnavailable as exc:
        return Finding(item, "fail", str(exc))
    if said is None:
        return Finding(item, "n/a", "no credentials configured (open hub)")
    if isinstance(said, float):
        return Finding(item, "ok", f"answered in {said:.0f} ms")
    return Finding(item, "ok", said if isinstance(said, str) else f"{method.__name__} answered")


def run_check(
    config: HubConfig,
    *,
    make: Callable[[HubConfig], HubClient],
    now: dt.datetime | None = None,
) -> list[Finding]:
    """The five findings, in order: connectivity, login, certificate, password, terms."""
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
    finally:
        client.close()
    expired = [f for f in life if f.status == "expired"]
    if expired:
        why = f" (because: {expired[0].message})"
        reach, login = (Finding(f.item, f.status, f.message + why) if f.failed else f for f in (reach, login))
    return [reach, login, *life]
