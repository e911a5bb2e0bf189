"""Operator accounts kept with the station (the store's ``operators`` table, every change in the
audit trail). Only the scrypt hash of a PIN or password is stored, never the secret itself.

When a station has no accounts, the command line runs without sign-in (the operator is just a
name); once one exists, commands that act on packs need ``--operator`` naming an active account,
and its PIN (``DISPENSE_APP_PIN`` or ``--pin-stdin``); the role must allow the action.

Every sign-in, from the window or the command line (``operators check`` included), is throttled per
login: failures in a row are counted in the store (:mod:`dispense_app.store.sign_in`, counted before
the PIN is checked, so parallel guesses count too), each audited; after the second the next attempt
waits 2, 4, 8, 16 s, after the sixth the login is locked for 15 minutes each time
(:func:`~dispense_app.core.operators.wait_after`). The refusal says how long to wait. A successful
sign-in, or a new PIN set by a pharmacist, clears the count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from dispense_app.core.operators import (
    LOCKOUT_AFTER,
    Action,
    CredentialError,
    Operator,
    PermissionDenied,
    Role,
    authorize,
    hash_secret,
    needs_rehash,
    new_operator,
    rehash_secret,
    verify_secret,
    wait_after,
)
from dispense_app.errors import NotAllowed

FAILED = "sign-in failed: unknown or inactive operator, or wrong PIN/password"


class SignInError(NotAllowed):
    """Unknown login, inactive account or wrong PIN (one message for all: no account probing). A
    known condition (:class:`~dispense_app.errors.NotAllowed`), never logged as a bug.

    ``failures`` (in a row, this one included) and ``not_before`` (when the next attempt of this
    login will be checked) say how long to wait; the same for unknown and known logins."""

    def __init__(
        self, message: str = FAILED, *, login: str = "", failures: int = 0, not_before: dt.datetime | None = None
    ) -> None:
        super().__init__(message)
        self.login = login
        self.failures = failures
        self.not_before = not_before

    @property
    def locked(self) -> bool:
        """The login is locked for 15 minutes (not just slowed down)."""
        return self.failures >= LOCKOUT_AFTER

    def wait_seconds(self, now: dt.datetime) -> int:
        """Whole seconds until the next attempt is checked (0: at once)."""
        if self.not_before is None:
            return 0
        return max(0, math.ceil((self.not_before - now).total_seconds()))


class SignInThrottled(SignInError):
    """The attempt came too soon after failed ones: refused without checking the PIN."""


def wait_text(seconds: int) -> str:
    """``"8 s"``, ``"14 min 30 s"``, ``"15 min"``."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _clock_text(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def _failure_message(login: str, failures: int, not_before: dt.datetime, now: dt.datetime) -> str:
    wait = max(0, math.ceil((not_before - now).total_seconds()))
    if failures >= LOCKOUT_AFTER:
        return (f"{FAILED}; {failures} failed attempts in a row: sign-in as {login} is locked for "
                f"{wait_text(wait)} (until {_clock_text(not_before)})")
    if wait:
        return f"{FAILED}; {failures} failed attempts in a row: wait {wait_text(wait)} before the next one"
    return FAILED


def _throttled_message(login: str, failures: int, not_before: dt.datetime, now: dt.datetime) -> str:
    wait = wait_text(max(1, math.ceil((not_before - now).total_seconds())))
    if failures >= LOCKOUT_AFTER:
        return (f"sign-in as {login} is locked after {failures} failed attempts in a row: "
                f"try again in {wait} (at {_clock_text(not_before)}), or ask a pharmacist to set a new PIN")
    return f"sign-in as {login} refused: {failures} failed attempts in a row; wait {wait}, then try again"


_DUMMY: list[str] = []


def _spend_a_check(secret: str) -> None:
    """Check ``secret`` against a hash of nothing (made once, today's parameters)."""
    if not _DUMMY:
        _DUMMY.append(rehash_secret("no account has this secret"))
    verify_secret(secret, _DUMMY[0])


class OperatorDirectory:
    def __init__(self, station: Any, *, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.station = station
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def now(self) -> dt.datetime:
        """The directory's clock (UTC; a test's fake one)."""
        return self._clock()

    def all(self) -> list[Operator]:
        return list(self.station.operators.all())

    def get(self, login: str) -> Operator | None:
        found: Operator | None = self.station.operators.get(login.strip().lower())
        return found

    @property
    def enabled(self) -> bool:
        """Sign-in is required once any account exists."""
        return bool(self.station.operators.any())

    def add(self, login: str, name: str, role: Role | str, secret: str, *, actor: str | None = None) -> Operator:
        from dispense_app.store import InvalidInputError

        op = new_operator(login, name, role, secret)
        if self.get(op.login) is not None:
            raise CredentialError(f"operator {op.login} exists already")
        try:
            self.station.operators.add(op, actor=actor)
        except InvalidInputError as exc:  # added by another process a moment ago
            raise CredentialError(str(exc)) from exc
        return op

    def set_secret(self, login: str, secret: str, *, actor: str | None = None) -> Operator:
        op = self._existing(login)
        new = Operator(op.login, op.name, op.role, hash_secret(secret), op.active)
        self.station.operators.update(new, actor=actor)
        self.station.sign_in_failures.clear(op.login)  # a new PIN ends a lockout
        return new

    def set_active(self, login: str, active: bool, *, actor: str | None = None) -> Operator:
        op = self._existing(login)
        new = Operator(op.login, op.name, op.role, op.secret_hash, active)
        self.station.operators.update(new, actor=actor)
        return new

    def _existing(self, login: str) -> Operator:
        op = self.get(login)
        if op is None:
            raise CredentialError(f"no operator {login}")
        return op

    def sign_in(self, login: str | None, secret: str | None) -> Operator:
        """The account, when ``secret`` is its PIN/password. Raises :class:`SignInThrottled` while the
        login must wait, else :class:`SignInError` on any failure (counted and audited first)."""
        if not login or secret is None:
            raise SignInError()
        failures = self.station.sign_in_failures
        now = self._clock()
        attempt = failures.reserve(login, now, wait_after)
        key = attempt.login
        if not attempt.allowed:
            message = _throttled_message(key, attempt.failures, attempt.not_before, now)
            raise SignInThrottled(message, login=key, failures=attempt.failures, not_before=attempt.not_before)
        op = self.get(login) if key == login.strip().lower() else None  # control characters: no account
        if op is None:
            _spend_a_check(secret)  # as long as a wrong PIN takes: the time tells no account apart
        if op is None or not op.check(secret):
            failures.failed(attempt, locked=attempt.failures >= LOCKOUT_AFTER)
            message = _failure_message(key, attempt.failures, attempt.not_before, now)
            raise SignInError(message, login=key, failures=attempt.failures, not_before=attempt.not_before)
        failures.clear(op.login)
        if needs_rehash(op.secret_hash):  # made with older scrypt parameters: today's, same secret
            new_hash = rehash_secret(secret)
            if self.station.operators.rehash(op.login, op.secret_hash, new_hash):
                op = Operator(op.login, op.name, op.role, new_hash, op.active)
        return op

    def require(self, login: str | None, secret: str | None, action: Action) -> Operator | None:
        """None when the station has no accounts; else the signed-in operator allowed to do ``action``."""
        if not self.enabled:
            return None
        op = self.sign_in(login, secret)
        authorize(op, action)
        return op


__all__ = ["OperatorDirectory", "PermissionDenied", "SignInError", "SignInThrottled", "wait_text"]
