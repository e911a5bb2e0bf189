"""Local operator accounts, their roles and what each role may do.

Secrets (a PIN or a password) are stored only as ``scrypt$N$r$p$salt$hash`` (stdlib
:func:`hashlib.scrypt`, 16-byte random salt, base64) and checked with a constant-time compare.
N = 2^16 (64 MiB, r = 8): one guess costs an attacker with a copy of the database about 0.2-0.5 s
of a counter PC's CPU (``bench/scrypt_cost.py``); hashes made with the older N = 2^14 still verify
and are replaced at the next successful sign-in (:func:`needs_rehash`). New PINs have at least 6
digits; a shorter PIN set before that rule still signs in. At the counter, failed sign-ins are
slowed down and then locked out per login (:func:`wait_after`).
The permission table :data:`PERMISSIONS` is the one place that says which role may do what;
:func:`authorize` raises :class:`PermissionDenied` with a sentence for the counter.

Persistence is the store's job; this module is pure.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from dispense_app.errors import NotAllowed


class Role(StrEnum):
    PHARMACIST = "pharmacist"
    TECHNICIAN = "technician"  # pharmacy technician / assistant (PTA)
    SUPPORT = "support"  # IT support: diagnostics and exports, never patient-facing actions


class Action(StrEnum):
    VERIFY = "verify"
    DISPENSE = "dispense"
    UNDO = "undo"
    SUPPLY_ANYWAY = "supply-anyway"  # hand over a pack despite a STOP (with a reason)
    DESTROY = "destroy"
    SAMPLE = "sample"
    BULK = "bulk"
    ALERT_FOLLOW_UP = "alert-follow-up"  # change an alert's status, comment
    ALERT_CLOSE = "alert-close"
    EXPORT = "export"  # alert log / audit exports
    SYNC = "sync"
    SETTINGS = "settings"
    MANAGE_OPERATORS = "manage-operators"
    ADHERENCE_VIEW = "adherence-view"
    ADHERENCE_NOTE = "adherence-note"
    CALIBRATE = "calibrate"


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.PHARMACIST: frozenset(Action),
    Role.TECHNICIAN: frozenset(
        {
            Action.VERIFY,
            Action.DISPENSE,
            Action.UNDO,
            Action.DESTROY,
            Action.SAMPLE,
            Action.BULK,
            Action.ALERT_FOLLOW_UP,
            Action.SYNC,
            Action.ADHERENCE_VIEW,
            Action.ADHERENCE_NOTE,
            Action.CALIBRATE,
        }
    ),
    Role.SUPPORT: frozenset(
        {Action.VERIFY, Action.EXPORT, Action.SYNC, Action.SETTINGS, Action.CALIBRATE, Action.ALERT_FOLLOW_UP}
    ),
}
"""Who may do what. Only a pharmacist may supply a pack despite a STOP, close an alert or manage
operators; destroying and sampling (hospital dispensary) is open to technicians; support staff
verify, export and configure but never hand medicine over."""


def can(role: Role, action: Action) -> bool:
    return action in PERMISSIONS.get(role, frozenset())


class PermissionDenied(NotAllowed):
    """The operator's role does not allow the action (a known condition: sign in as someone who may)."""

    def __init__(self, operator: str, role: Role, action: Action) -> None:
        allowed = sorted(r.value for r, acts in PERMISSIONS.items() if action in acts)
        super().__init__(f"{operator} ({role.value}) may not {action.value}; allowed: {', '.join(allowed)}")
        self.operator = operator
        self.role = role
        self.action = action


class CredentialError(ValueError):
    """A PIN or password that does not meet the policy."""


# --- secrets ------------------------------------------------------------------------------------

SCRYPT_N = 2**16  # was 2**14 until issue 16 (an offline guess cost ~40 ms)
SCRYPT_R = 8
SCRYPT_P = 1
_SALT_BYTES = 16
_KEY_BYTES = 32
MIN_PIN = 6  # was 4 until issue 16; shorter PINs set before still sign in
MIN_PASSWORD = 8
MAX_SECRET = 256


def check_policy(secret: str) -> None:
    """A new PIN is 6 to 12 digits; anything else is a password of at least 8 characters."""
    if len(secret) > MAX_SECRET:
        raise CredentialError("too long")
    if secret.isdigit():
        if not MIN_PIN <= len(secret) <= 12:
            raise CredentialError(f"a PIN has {MIN_PIN} to 12 digits")
        if len(set(secret)) == 1:
            raise CredentialError("a PIN must not repeat one digit")
        return
    if len(secret) < MIN_PASSWORD:
        raise CredentialError(f"a password has at least {MIN_PASSWORD} characters (or use a PIN of digits)")


def hash_secret(secret: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """``scrypt$N$r$p$salt$key`` with a fresh random salt (policy checked first)."""
    check_policy(secret)
    return _hash(secret, n, r, p)


def rehash_secret(secret: str) -> str:
    """A hash with today's parameters of a secret that has just verified against an older hash (no
    policy check: a PIN set under an older, shorter rule keeps working)."""
    return _hash(secret, SCRYPT_N, SCRYPT_R, SCRYPT_P)


def _hash(secret: str, n: int, r: int, p: int) -> str:
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _derive(secret, salt, n, r, p)
    return "$".join(("scrypt", str(n), str(r), str(p), _b64(salt), _b64(key)))


def verify_secret(secret: str, stored: str) -> bool:
    """True when ``secret`` matches the stored hash (constant-time compare; malformed hashes are False)."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt" or len(secret) > MAX_SECRET:
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt = base64.b64decode(parts[4], validate=True)
        expected = base64.b64decode(parts[5], validate=True)
    except ValueError:
        return False
    if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16 and salt and expected):
        return False
    return hmac.compare_digest(_derive(secret, salt, n, r, p, len(expected)), expected)


def needs_rehash(stored: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[1:4] != [str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P)]


# --- throttling failed sign-ins ------------------------------------------------------------------

LOCKOUT_AFTER = 6
"""Failed sign-ins in a row after which a login is locked for :data:`LOCKOUT`."""
LOCKOUT = dt.timedelta(minutes=15)


def wait_after(failures: int) -> dt.timedelta:
    """How long the next sign-in attempt of a login waits after ``failures`` failed ones in a row:
    none after the first (a typo), then 2, 4, 8, 16 s, and from the 6th on 15 minutes each time.
    Six guesses per quarter hour make a 6-digit PIN last years; the person at the counter who
    mistyped twice waits two seconds."""
    if failures >= LOCKOUT_AFTER:
        return LOCKOUT
    if failures <= 1:
        return dt.timedelta(0)
    return dt.timedelta(seconds=2 ** (failures - 1))


def _derive(secret: str, salt: bytes, n: int, r: int, p: int, length: int = _KEY_BYTES) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=length)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# --- accounts -----------------------------------------------------------------------------------

_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,31}$")


@dataclass(frozen=True, slots=True)
class Operator:
    """A local account. ``login`` is what records and alerts carry as the operator."""

    login: str
    name: str
    role: Role
    secret_hash: str
    active: bool = True

    def check(self, secret: str) -> bool:
        return self.active and verify_secret(secret, self.secret_hash)

    def may(self, action: Action) -> bool:
        return self.active and can(self.role, action)

    def to_public_json(self) -> dict[str, object]:
        """Everything but the hash."""
        return {"login": self.login, "name": self.name, "role": self.role.value, "active": self.active}


def new_operator(login: str, name: str, role: Role | str, secret: str) -> Operator:
    login = login.strip().lower()
    if not _LOGIN.match(login):
        raise CredentialError("a login is 1-32 characters: lower-case letters, digits, dot, dash, underscore")
    if not name.strip() or len(name) > 100:
        raise CredentialError("a name is 1-100 characters")
    return Operator(login, name.strip(), Role(role), hash_secret(secret))


def authorize(operator: Operator, action: Action) -> None:
    """Raise :class:`PermissionDenied` unless the operator is active and the role allows the action."""
    if not operator.may(action):
        raise PermissionDenied(operator.login, operator.role, action)
