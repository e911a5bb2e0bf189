"""Operator accounts kept with the station (settings ``operators.<login>``, audited like every
setting). Only the scrypt hash of a PIN or password is stored, never the secret itself.

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

PREFIX = "operators."


class SignInError(Exception):
    """Unknown login, inactive account or wrong PIN (one message for all: no account probing)."""


def _to_json(op: Operator) -> dict[str, Any]:
    return {"login": op.login, "name": op.name, "role": op.role.value, "hash": op.secret_hash, "active": op.active}


def _from_json(data: Any) -> Operator | None:
    try:
        return Operator(
            str(data["login"]), str(data["name"]), Role(data["role"]), str(data["hash"]), bool(data["active"])
        )
    except (KeyError, TypeError, ValueError):
        return None


class OperatorDirectory:
    def __init__(self, station: Any) -> None:
        self.station = station

    def all(self) -> list[Operator]:
        out = []
        for key, value in self.station.settings.items():
            if key.startswith(PREFIX):
                op = _from_json(value)
                if op is not None:
                    out.append(op)
        return sorted(out, key=lambda o: o.login)

    def get(self, login: str) -> Operator | None:
        return _from_json(self.station.settings.get(PREFIX + login.strip().lower()))

    @property
    def enabled(self) -> bool:
        """Sign-in is required once any account exists."""
        return any(True for _ in self.all())

    def add(self, login: str, name: str, role: Role | str, secret: str, *, actor: str | None = None) -> Operator:
        op = new_operator(login, name, role, secret)
        if self.get(op.login) is not None:
            raise CredentialError(f"operator {op.login} exists already")
        self.station.settings.set(PREFIX + op.login, _to_json(op), actor=actor)
        return op

    def set_secret(self, login: str, secret: str, *, actor: str | None = None) -> Operator:
        op = self._existing(login)
        new = Operator(op.login, op.name, op.role, hash_secret(secret), op.active)
        self.station.settings.set(PREFIX + op.login, _to_json(new), actor=actor)
        return new

    def set_active(self, login: str, active: bool, *, actor: str | None = None) -> Operator:
        op = self._existing(login)
        new = Operator(op.login, op.name, op.role, op.secret_hash, active)
        self.station.settings.set(PREFIX + op.login, _to_json(new), actor=actor)
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
