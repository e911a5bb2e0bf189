"""Operator accounts kept with the station (the store's ``operators`` table, every change in the
audit trail). Only the scrypt hash of a PIN or password is stored, never the secret itself.

When a station has no accounts, the command line runs without sign-in (the operator is just a
name); once one exists, commands that act on packs need ``--operator`` naming an active account,
and its PIN (``DISPENSE_APP_PIN`` or ``--pin-stdin``); the role must allow the action.
"""

from __future__ import annotations

from typing import Any

from dispense_app.core.operators import (
    Action,
    CredentialError,
    Operator,
    PermissionDenied,
    Role,
    authorize,
    hash_secret,
    new_operator,
)


class SignInError(Exception):
    """Unknown login, inactive account or wrong PIN (one message for all: no account probing)."""


class OperatorDirectory:
    def __init__(self, station: Any) -> None:
        self.station = station

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
        op = self.get(login) if login else None
        if op is None or secret is None or not op.check(secret):
            raise SignInError("sign-in failed: unknown or inactive operator, or wrong PIN/password")
        return op

    def require(self, login: str | None, secret: str | None, action: Action) -> Operator | None:
        """None when the station has no accounts; else the signed-in operator allowed to do ``action``."""
        if not self.enabled:
            return None
        op = self.sign_in(login, secret)
        authorize(op, action)
        return op


__all__ = ["OperatorDirectory", "PermissionDenied", "SignInError"]
