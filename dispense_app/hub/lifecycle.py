"""Hub credentials and their lifecycle: client certificate expiry, password age, terms acceptance.

Read without the network, so the status bar, ``hub show`` and ``hub check`` can warn early:

- the **client certificate**'s expiry is read from the certificate itself (``client_cert`` PEM);
- the **password**'s age from when ``hub credentials set`` stored it (``hub-credentials.json`` in
  the home folder keeps the dates, never a secret), against the national system's validity
  (``password_validity_days``; default 90 days where the hub has passwords that expire: NMVS);
- the **terms and conditions** state: a version the hub announced, and who accepted it when.

Warnings start :data:`WARN_DAYS` ahead (30, then 14, 7 and 1 day). An expired certificate or
password is never reported as "hub offline": :func:`notice` names what expired and how to renew it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .config import DEFAULT_PASSWORD_VALIDITY_DAYS, HubConfig

WARN_DAYS: tuple[int, ...] = (30, 14, 7, 1)
STATE_FILE = "hub-credentials.json"
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
#: hub types whose passwords expire by default (others only with ``password_validity_days``)
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


def _state_path(home: Path) -> Path:
    return home / STATE_FILE


def _load(home: Path) -> dict[str, Any]:
    path = _state_path(home)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(home: Path, data: dict[str, Any]) -> None:
    path = _state_path(home)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


def _key(hub_url: str) -> str:
    return hub_url.rstrip("/")


def record_secret_set(home: Path, hub_url: str, kind: str, when: dt.datetime | None = None) -> None:
    """Remember when a secret of ``kind`` was stored for this hub (the date only, never the secret)."""
    data = _load(home)
    entry = data.setdefault(_key(hub_url), {})
    entry.setdefault("secrets", {})[kind] = (when or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    _save(home, data)


def secret_set_at(home: Path, hub_url: str, kind: str) -> dt.datetime | None:
    value = _load(home).get(_key(hub_url), {}).get("secrets", {}).get(kind)
    try:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def record_terms(
    home: Path, hub_url: str, version: str, *, accepted_by: str | None = None, when: dt.datetime | None = None
) -> None:
    """A terms-and-conditions version the hub announced (``accepted_by`` None) or a pharmacist accepted."""
    data = _load(home)
    terms = data.setdefault(_key(hub_url), {}).setdefault("terms", {})
    stamp = (when or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    if accepted_by is None:
        if terms.get("accepted_version") != version:
            terms["pending_version"] = version
            terms["announced_at"] = stamp
    else:
        terms.update(accepted_version=version, accepted_by=accepted_by, accepted_at=stamp)
        if terms.get("pending_version") == version:
            terms.pop("pending_version", None)
    _save(home, data)


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
    return _dated("certificate", f"{name} ({config.client_cert})", expires, now, renew)


def password_finding(config: HubConfig, home: Path, now: dt.datetime) -> Finding:
    if config.type == "securpharm":
        return Finding("password", "n/a", "securPharm logs in with the N-Ident certificate, no password")
    kind = "password" if config.type in EXPIRING_PASSWORDS else "client-secret"  # NMVS: a user password
    if kind == "client-secret" and not config.client_id:
        return Finding("password", "n/a", "no client secret configured (open hub)")
    validity = config.password_validity_days
    if validity is None and config.type in EXPIRING_PASSWORDS:
        validity = DEFAULT_PASSWORD_VALIDITY_DAYS
    label = "password" if kind == "password" else "client secret"
    set_at = secret_set_at(home, config.url, kind)
    if set_at is None:
        return Finding(
            "password", "unknown", f"{label} age unknown: set it with `dispense-app hub credentials set` to track it"
        )
    age = (now - set_at).days
    if validity is None:
        return Finding("password", "ok", f"{label} set {age} days ago (no expiry configured for this hub)")
    renew = "change it (`dispense-app hub password` or the settings window) and store the new one"
    return _dated("password", f"{label} (set {set_at.date().isoformat()})", set_at + dt.timedelta(days=validity),
                  now, renew)  # fmt: skip


def terms_finding(config: HubConfig, home: Path) -> Finding:
    if config.type not in HAS_TERMS:
        return Finding("terms", "n/a", f"{config.type} has no terms-and-conditions service")
    terms = _load(home).get(_key(config.url), {}).get("terms", {})
    pending, accepted = terms.get("pending_version"), terms.get("accepted_version")
    if pending:
        return Finding(
            "terms", "fail", f"new terms and conditions {pending} not accepted: a pharmacist accepts them in Settings"
        )
    if accepted:
        return Finding(
            "terms", "ok", f"version {accepted} accepted by {terms.get('accepted_by')} on {terms.get('accepted_at')}"
        )
    return Finding("terms", "unknown", "no terms-and-conditions version seen yet")


def _dated(item: str, what: str, expires: dt.datetime, now: dt.datetime, renew: str) -> Finding:
    days = (expires - now).days if expires > now else -1
    when = expires.date().isoformat()
    if expires <= now:
        return Finding(item, "expired", f"{what} EXPIRED on {when}: the hub refuses this station; {renew}", days)
    if warn_threshold(days) is not None:
        return Finding(item, "warn", f"{what} expires in {days} day(s), on {when}: {renew}", days)
    return Finding(item, "ok", f"{what} valid until {when} ({days} days)", days)


def lifecycle(config: HubConfig, home: Path, now: dt.datetime | None = None) -> list[Finding]:
    """Certificate, password and terms, without the network."""
    moment = now or dt.datetime.now(dt.UTC)
    return [certificate_finding(config, moment), password_finding(config, home, moment), terms_finding(config, home)]


def notice(findings: list[Finding]) -> tuple[str, str] | None:
    """The most urgent credential problem for the status bar: ("expired"|"warn", text), or None."""
    expired = [f for f in findings if f.status == "expired"]
    if expired:
        return "expired", expired[0].message
    warned = sorted((f for f in findings if f.status == "warn"), key=lambda f: f.days_left or 0)
    if warned:
        return "warn", warned[0].message
    return None
