"""Hub credentials and their lifecycle: client certificate expiry, password age, terms acceptance.

Read without the network, so the status bar, ``hub show`` and ``hub check`` can warn early:

- the **client certificate**'s expiry is read from the certificate itself (``client_cert`` PEM);
- the **password**'s (or client secret's) age from the day it was stored (``hub.json``
  ``password_changed_on``, the date only, never the secret) against the national system's validity
  (``password_validity_days``, default 90);
- the **terms and conditions** acceptance recorded in ``hub.json`` (NMVS G483: version, when, by whom).

Warnings follow :data:`STAGES` (30 days ahead, then 14, 7 and 1 day; from 7 days urgent), for the
certificate, the password and terms not yet accepted (their start date, from G482) alike. An expired certificate or
password is never reported as "hub offline": :func:`notice` names what expired and how to renew it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .config import HubConfig

Status = Literal["ok", "warn", "expired", "fail", "unknown", "n/a"]


@dataclass(frozen=True, slots=True)
class Stage:
    """One warning step before a credential expires (or new terms take effect)."""

    days: int  # from this many days left
    urgent: bool  # the status bar shows it in the stop colour, not the warning colour


#: The warning stages, for the client certificate, the password (or client secret) age and the
#: terms and conditions alike: the status bar, ``hub show`` and ``hub check`` warn from 30 days
#: ahead and again at 14, 7 and 1 day; from 7 days on urgently. The only place these numbers live.
STAGES: tuple[Stage, ...] = (Stage(30, False), Stage(14, False), Stage(7, True), Stage(1, True))
WARN_DAYS: tuple[int, ...] = tuple(s.days for s in STAGES)  # kept for importers

#: the words of every finding, by key (English; the window shows them in its language through
#: dispense_app.ui.credential_words, which holds the same texts for the translation catalogue).
#: ``{what}`` and ``{renew}`` are themselves keys of :data:`WHAT` and :data:`RENEW`.
TEXTS: dict[str, str] = {
    "expired": "{what} EXPIRED on {when}: the hub refuses this station; {renew}",
    "warn": "{what} expires in {days} day(s), on {when}: {renew}",
    "ok": "{what} valid until {when} ({days} days)",
    "terms-due": "{what} take effect in {days} day(s), on {when}, and are not accepted yet: {renew}",
    "terms-overdue": "{what} in force since {when} and NOT accepted: the national system may refuse "
    "this station; {renew}",
    "terms-accepted": "version {version} accepted by {by} on {at}",
    "terms-unrecorded": "no terms-and-conditions acceptance recorded: `dispense-app hub terms`",
    "terms-none": "{type} has no terms-and-conditions service",
    "cert-missing-nident": "no N-Ident client certificate configured (--client-cert)",
    "cert-none": "no client certificate configured (none needed for this hub)",
    "cert-unreadable": "{what} cannot be read: {error}",
    "password-nident": "securPharm logs in with the N-Ident certificate, no password",
    "password-open": "no client secret configured (open hub)",
    "password-unknown": "{what} age unknown: set it with `dispense-app hub credentials set` to track it",
}
WHAT: dict[str, str] = {
    "nident": "N-Ident client certificate ({path})",
    "certificate": "client certificate ({path})",
    "password": "password (set {changed}, valid {valid} days)",
    "client-secret": "client secret (set {changed}, valid {valid} days)",
    "password-bare": "password",
    "client-secret-bare": "client secret",
    "terms": "new terms and conditions (version {version})",
    "atp": "ATP credential",
}
#: how each credential is renewed (the text after the finding), by key
RENEW: dict[str, str] = {
    "nident": "renew the N-Ident certificate with NGDA (re-legitimation); renewal takes weeks, start at once, "
    "then point `dispense-app hub configure --client-cert` at the new file",
    "nmvs-cert": "download a new client certificate from the national system's PKI (G615 with a TAN from your "
    "national organisation), then `dispense-app hub configure --client-cert` the new file",
    "cert": "ask the hub's operator for a new client certificate, then `dispense-app hub configure "
    "--client-cert` the new file",
    "password": "change it (`dispense-app hub password` or the settings window) and store the new one",
    "terms": "a pharmacist reads and accepts them (`dispense-app hub terms` or the settings window)",
    "atp": "ask the credential provider for a new ATP credential and store it (`dispense-app hub credentials set`)",
}
#: the translation context of TEXTS, WHAT, RENEW, ITEM_WORDS and STATUS_WORDS (tools/update_translations.py
#: puts them in the catalogue; dispense_app.ui.credential_words translates them at run time)
TEXT_CONTEXT = "HubCredentials"
#: the words for a finding's item and status where the window shows a whole line
ITEM_WORDS: dict[str, str] = {
    "connectivity": "connectivity",
    "login": "login",
    "certificate": "certificate",
    "password": "password",
    "terms": "terms",
    "credential": "credential",
}
STATUS_WORDS: dict[str, str] = {
    "ok": "OK",
    "warn": "WARN",
    "expired": "EXPIRED",
    "fail": "FAIL",
    "unknown": "UNKNOWN",
    "n/a": "N/A",
}
#: hub type -> how its client certificate is renewed (a key of RENEW)
CERT_RENEWAL = {"securpharm": "nident", "nmvs-soap": "nmvs-cert"}
#: hub types whose login is a user password (others: an OAuth2 client secret, or none)
EXPIRING_PASSWORDS = frozenset({"nmvs-soap"})
#: hub types with a terms-and-conditions service
HAS_TERMS = frozenset({"nmvs-soap"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of ``hub check``: what was checked, how it stands, in words a supporter can read.

    ``key``/``params`` say the same as ``message`` in a form the window words in its own language
    (:data:`TEXTS`); ``stage``: the warning stage reached (30, 14, 7, 1; see :data:`STAGES`)."""

    item: str  # connectivity | login | certificate | password | terms | credential
    status: Status
    message: str
    days_left: int | None = None
    key: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    stage: int | None = None
    expires_on: str | None = None

    @property
    def failed(self) -> bool:
        return self.status in ("expired", "fail")

    @property
    def urgent(self) -> bool:
        """Expired, failed, or at an urgent warning stage (7 days or fewer)."""
        return self.failed or any(s.days == self.stage and s.urgent for s in STAGES)

    def line(self) -> str:
        return f"{self.item + ':':<14}{self.status.upper():<8} {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "status": self.status,
            "message": self.message,
            "days_left": self.days_left,
            "stage": self.stage,
            "expires_on": self.expires_on,
        }


def words(key: str, params: dict[str, str], texts: dict[str, str] | None = None,
          what: dict[str, str] | None = None, renew: dict[str, str] | None = None) -> str:  # fmt: skip
    """The text of finding ``key`` with ``params`` (``what``/``renew`` name entries of WHAT/RENEW),
    from the given tables (the window passes its translated ones)."""
    texts, what, renew = texts or TEXTS, what or WHAT, renew or RENEW
    values = dict(params)
    if "what" in values:
        values["what"] = what[values["what"]].format(**params)
    if "renew" in values:
        values["renew"] = renew[values["renew"]]
    return texts[key].format(**values)


def finding(item: str, status: Status, key: str, days_left: int | None = None, *, stage: int | None = None,
            expires_on: str | None = None, values: dict[str, str] | None = None, **params: str) -> Finding:  # fmt: skip
    """A finding worded from :data:`TEXTS` with ``params`` (and ``values``)."""
    params = {**params, **(values or {})}
    return Finding(item, status, words(key, params), days_left, key, tuple(sorted(params.items())), stage, expires_on)


def warn_threshold(days_left: int) -> int | None:
    """The warning stage ``days_left`` has reached (30, 14, 7, 1), or None (not yet)."""
    reached = [s.days for s in STAGES if days_left <= s.days]
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
    what = "nident" if config.type == "securpharm" else "certificate"
    if not config.client_cert:
        if config.type == "securpharm":
            return finding("certificate", "fail", "cert-missing-nident")
        return finding("certificate", "n/a", "cert-none")
    try:
        expires = certificate_expiry(config.client_cert)
    except (OSError, ValueError) as exc:
        return finding("certificate", "fail", "cert-unreadable", what=what, path=config.client_cert, error=str(exc))
    renew = CERT_RENEWAL.get(config.type, "cert")
    return dated("certificate", expires, now, what=what, renew=renew, path=config.client_cert)


def password_finding(config: HubConfig, now: dt.datetime) -> Finding:
    if config.type == "securpharm":
        return finding("password", "n/a", "password-nident")
    nmvs = config.type in EXPIRING_PASSWORDS
    if not nmvs and not config.client_id:
        return finding("password", "n/a", "password-open")
    label = "password" if nmvs else "client-secret"
    try:
        changed = dt.date.fromisoformat(config.password_changed_on) if config.password_changed_on else None
    except ValueError:
        changed = None
    if changed is None:
        return finding("password", "unknown", "password-unknown", what=f"{label}-bare")
    expires = dt.datetime.combine(changed, dt.time(), dt.UTC) + dt.timedelta(days=config.password_validity_days)
    return dated("password", expires, now, what=label, renew="password", changed=changed.isoformat(),
                 valid=str(config.password_validity_days))  # fmt: skip


def terms_finding(config: HubConfig, now: dt.datetime | None = None) -> Finding:
    """Accepted, not recorded, or (NMVS G482 told of a version not accepted yet) the days until it
    takes effect, with the same warning stages as a credential's expiry."""
    if config.type not in HAS_TERMS:
        return finding("terms", "n/a", "terms-none", type=config.type)
    pending = config.terms_pending_version
    if pending and pending != config.terms_accepted_version and config.terms_pending_start:
        try:
            start = dt.date.fromisoformat(config.terms_pending_start)
        except ValueError:
            start = None
        if start is not None:
            moment = now or dt.datetime.now(dt.UTC)
            takes_effect = dt.datetime.combine(start, dt.time(), dt.UTC)
            return dated("terms", takes_effect, moment, what="terms", renew="terms", version=pending,
                         keys=("terms-overdue", "terms-due", "terms-due"))  # fmt: skip
    if config.terms_accepted_version:
        return finding("terms", "ok", "terms-accepted", version=config.terms_accepted_version,
                       by=config.terms_accepted_by or "?", at=config.terms_accepted_at or "?")  # fmt: skip
    return finding("terms", "unknown", "terms-unrecorded")


def dated(
    item: str,
    expires: dt.datetime,
    now: dt.datetime,
    *,
    keys: tuple[str, str, str] = ("expired", "warn", "ok"),
    **params: str,
) -> Finding:
    """EXPIRED, WARN (at a :data:`STAGES` step) or OK, with how to renew it. ``keys``: the texts
    of the three (:data:`TEXTS`)."""
    days = (expires - now).days if expires > now else -1
    when = expires.date().isoformat()
    if expires <= now:
        return finding(item, "expired", keys[0], days, expires_on=when, values={**params, "when": when})
    values = {**params, "when": when, "days": str(days)}
    stage = warn_threshold(days)
    if stage is not None:
        return finding(item, "warn", keys[1], days, stage=stage, expires_on=when, values=values)
    return finding(item, "ok", keys[2], days, expires_on=when, values=values)


def lifecycle(config: HubConfig, now: dt.datetime | None = None) -> list[Finding]:
    """Certificate, password and terms, without the network (all read from ``config``)."""
    moment = now or dt.datetime.now(dt.UTC)
    return [certificate_finding(config, moment), password_finding(config, moment), terms_finding(config, moment)]


def most_urgent(findings: list[Finding]) -> Finding | None:
    """The credential problem the status bar shows: the first expired one, else the warning with
    the fewest days left, else None."""
    expired = [f for f in findings if f.status == "expired"]
    if expired:
        return expired[0]
    warned = sorted((f for f in findings if f.status == "warn"), key=lambda f: f.days_left or 0)
    return warned[0] if warned else None


def notice(findings: list[Finding]) -> tuple[str, str] | None:
    """The most urgent credential problem for the status bar: ("expired"|"warn", text), or None."""
    found = most_urgent(findings)
    return None if found is None else ("expired" if found.status == "expired" else "warn", found.message)
