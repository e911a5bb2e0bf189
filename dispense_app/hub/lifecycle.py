"""Hub credentials and their lifecycle: client certificate expiry, password age, terms acceptance.

Read without the network, so the status bar, ``hub show`` and ``hub check`` can warn early:

- the **client certificate**'s expiry is read from the certificate itself (``client_cert`` PEM);
- the **password**'s (or client secret's) age from the day it was stored (``hub.json``
  ``password_changed_on``, the date only, never the secret) against the national system's validity
  (``password_validity_days``, default 90);
- the **terms and conditions** acceptance recorded in ``hub.json`` (NMVS G483: version, when, by whom).

Warnings start :data:`WARN_DAYS` ahead (30, then 14, 7 and 1 day). An expired certificate or
password is never reported as "hub offline": :func:`notice` names what expired and how to renew it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .config import HubConfig

WARN_DAYS: tuple[int, ...] = (30, 14, 7, 1)
Status = Literal["ok", "warn", "expired", "fail", "unknown", "n/a"]

#: how each kind of hub's client certificate is renewed (the text after "renew it: ")
CERT_RENEWAL = {
    "securpharm": (
        "renew the N-Ident certificate with NGDA (re-legitimation); renewal takes weeks, start at once, "
        "then point `dispense-app hub configure --client-cert` at the new file"
    ),
    "nmvs-soap": (
        "download a new client certificate from the national system's PKI (G615 with a TAN from your "
        "national organisation), then `dispense-app hub configure --client-cert` the new file"
    ),
}
CERT_RENEWAL_DEFAULT = (
    "ask the hub's operator for a new client certificate, then `dispense-app hub configure --client-cert` the new file"
)
#: hub types whose login is a user password (others: an OAuth2 client secret, or none)
EXPIRING_PASSWORDS = frozenset({"nmvs-soap"})
#: hub types with a terms-and-conditions service
HAS_TERMS = frozenset({"nmvs-soap"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of ``hub check``: what was checked, how it stands, in words a supporter can read."""

    item: str  # connectivity | login | certificate | password | terms
    status: Status
    message: str
    days_left: int | None = None

    @property
    def failed(self) -> bool:
        return self.status in ("expired", "fail")

    def line(self) -> str:
        return f"{self.item + ':':<14}{self.status.upper():<8} {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "status": self.status, "message": self.message, "days_left": self.days_left}


def warn_threshold(days_left: int) -> int | None:
    """The warning step ``days_left`` has reached (30, 14, 7, 1), or None (not yet)."""
    reached = [d for d in WARN_DAYS if days_left <= d]
    return min(reached) if reached else None


# ---------------------------------------------------------------------- the recorded dates


def note_secret_changed(home: Path, hub_url: str, client_id: str | None, today: dt.date | None = None) -> bool:
    """The configured hub's client secret was just stored: its age starts today (``hub.json``
    ``password_changed_on``; the date only, never the secret). False when ``hub_url``/``client_id``
    are not the configured hub's."""
    from dataclasses import replace

    from .config import load_hub_config, save_hub_config

    config = load_hub_config(home)
    if config is None or config.url.rstrip("/") != hub_url.rstrip("/") or config.client_id != client_id:
        return False
    save_hub_config(home, replace(config, password_changed_on=(today or dt.date.today()).isoformat()))
    return True


# ---------------------------------------------------------------------- findings


def certificate_expiry(path: str | Path) -> dt.datetime:
    """When the (first) certificate in this PEM file stops being valid. OSError/ValueError if unreadable."""
    from cryptography import x509

    certs = x509.load_pem_x509_certificates(Path(path).read_bytes())
    return certs[0].not_valid_after_utc


def certificate_finding(config: HubConfig, now: dt.datetime) -> Finding:
    name = "N-Ident client certificate" if config.type == "securpharm" else "client certificate"
    if not config.client_cert:
        if config.type == "securpharm":
            return Finding("certificate", "fail", "no N-Ident client certificate configured (--client-cert)")
        return Finding("certificate", "n/a", "no client certificate configured (none needed for this hub)")
    try:
        expires = certificate_expiry(config.client_cert)
    except (OSError, ValueError) as exc:
        return Finding("certificate", "fail", f"{name} {config.client_cert} cannot be read: {exc}")
    renew = CERT_RENEWAL.get(config.type, CERT_RENEWAL_DEFAULT)
    return dated("certificate", f"{name} ({config.client_cert})", expires, now, renew)


def password_finding(config: HubConfig, now: dt.datetime) -> Finding:
    if config.type == "securpharm":
        return Finding("password", "n/a", "securPharm logs in with the N-Ident certificate, no password")
    nmvs = config.type in EXPIRING_PASSWORDS
    if not nmvs and not config.client_id:
        return Finding("password", "n/a", "no client secret configured (open hub)")
    label = "password" if nmvs else "client secret"
    try:
        changed = dt.date.fromisoformat(config.password_changed_on) if config.password_changed_on else None
    except ValueError:
        changed = None
    if changed is None:
        return Finding(
            "password", "unknown", f"{label} age unknown: set it with `dispense-app hub credentials set` to track it"
        )
    renew = "change it (`dispense-app hub password` or the settings window) and store the new one"
    expires = dt.datetime.combine(changed, dt.time(), dt.UTC) + dt.timedelta(days=config.password_validity_days)
    return dated("password", f"{label} (set {changed.isoformat()}, valid {config.password_validity_days} days)",
                  expires, now, renew)  # fmt: skip


def terms_finding(config: HubConfig) -> Finding:
    if config.type not in HAS_TERMS:
        return Finding("terms", "n/a", f"{config.type} has no terms-and-conditions service")
    if config.terms_accepted_version:
        return Finding(
            "terms",
            "ok",
            f"version {config.terms_accepted_version} accepted by {config.terms_accepted_by or '?'}"
            f" on {config.terms_accepted_at or '?'}",
        )
    return Finding("terms", "unknown", "no terms-and-conditions acceptance recorded: `dispense-app hub terms`")


def dated(item: str, what: str, expires: dt.datetime, now: dt.datetime, renew: str) -> Finding:
    """OK, WARN (30/14/7/1 days ahead) or EXPIRED, with how to renew it."""
    days = (expires - now).days if expires > now else -1
    when = expires.date().isoformat()
    if expires <= now:
        return Finding(item, "expired", f"{what} EXPIRED on {when}: the hub refuses this station; {renew}", days)
    if warn_threshold(days) is not None:
        return Finding(item, "warn", f"{what} expires in {days} day(s), on {when}: {renew}", days)
    return Finding(item, "ok", f"{what} valid until {when} ({days} days)", days)


def lifecycle(config: HubConfig, now: dt.datetime | None = None) -> list[Finding]:
    """Certificate, password and terms, without the network (all read from ``config``)."""
    moment = now or dt.datetime.now(dt.UTC)
    return [certificate_finding(config, moment), password_finding(config, moment), terms_finding(config)]


def notice(findings: list[Finding]) -> tuple[str, str] | None:
    """The most urgent credential problem for the status bar: ("expired"|"warn", text), or None."""
    expired = [f for f in findings if f.status == "expired"]
    if expired:
        return "expired", expired[0].message
    warned = sorted((f for f in findings if f.status == "warn"), key=lambda f: f.days_left or 0)
    if warned:
        return "warn", warned[0].message
    return None
