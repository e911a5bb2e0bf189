"""Operators at the counter: sign-in with a PIN and the role's permissions (plain Python, no Qt).

The accounts are the workflow's (:class:`dispense_app.workflow.operators_store.OperatorDirectory`,
kept in the station's settings with only the scrypt hash of the PIN); the permission table is
:data:`dispense_app.core.operators.PERMISSIONS`. A station without accounts runs without sign-in
(everything allowed, as on the command line); once one exists, nothing that acts on packs or
settings is allowed until someone has signed in, and then only what their role allows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dispense_app.core.operators import Action, Operator, PermissionDenied, Role, can
from dispense_app.errors import NotAllowed

if TYPE_CHECKING:
    from dispense_app.store import Station


class SignInRequired(NotAllowed, PermissionError):
    """The station has operator accounts and nobody is signed in."""


@dataclass(frozen=True, slots=True)
class OperatorRow:
    """An account as the settings list it (never the hash)."""

    login: str
    name: str
    role: str
    active: bool


class SignedIn:
    """Who is at the counter (shared by the presenter and its alerts/adherence sources)."""

    def __init__(self, login: str | None = None) -> None:
        self.login = login  # --operator NAME when the station has no accounts
        self.role: Role | None = None


class StationOperators:
    """Accounts of one station and the signed-in operator. Every call may run on a worker."""

    def __init__(self, station: Station, signed_in: SignedIn, *, lock: threading.RLock | None = None) -> None:
        from dispense_app.workflow.operators_store import OperatorDirectory

        self.directory = OperatorDirectory(station)
        self.signed_in = signed_in
        self._lock = lock or threading.RLock()

    @property
    def enabled(self) -> bool:
        """Sign-in is required once any account exists."""
        with self._lock:
            return self.directory.enabled

    def permissions(self) -> tuple[str, ...] | None:
        """What the signed-in operator may do (action values); None when the station has no accounts."""
        with self._lock:
            if not self.directory.enabled:
                return None
            role = self.signed_in.role
            return tuple(sorted(a.value for a in Action if role is not None and can(role, a)))

    def require(self, action: Action) -> None:
        """Raise PermissionDenied unless the signed-in operator (or a station without accounts) may."""
        with self._lock:
            if not self.directory.enabled:
                return
            role = self.signed_in.role
            if role is None:
                raise SignInRequired("sign in first (F5): this station has operator accounts")
            if not can(role, action):
                raise PermissionDenied(self.signed_in.login or "?", role, action)

    def rows(self) -> list[OperatorRow]:
        with self._lock:
            return [OperatorRow(op.login, op.name, op.role.value, op.active) for op in self.directory.all()]

    def add(self, login: str, name: str, role: str, pin: str) -> list[OperatorRow]:
        """Add an account (a pharmacist's job once accounts exist; the first must be a pharmacist,
        so someone can manage the others). Raises CredentialError/PermissionDenied with a sentence."""
        from dispense_app.core.operators import CredentialError

        with self._lock:
            if self.directory.enabled:
                self.require(Action.MANAGE_OPERATORS)
            elif Role(role) is not Role.PHARMACIST:
                raise CredentialError("the first account must be a pharmacist's (who can then add the others)")
            self.directory.add(login, name, role, pin, actor=self.signed_in.login)
            return self.rows()

    def set_active(self, login: str, active: bool) -> list[OperatorRow]:
        """Deactivate (or reactivate) an account; a pharmacist's job. The last active pharmacist
        cannot be deactivated (nobody could manage the accounts any more)."""
        from dispense_app.core.operators import CredentialError

        with self._lock:
            self.require(Action.MANAGE_OPERATORS)
            op = self.directory.get(login)
            if op is None:
                raise CredentialError(f"no operator {login}")
            if not active and op.role is Role.PHARMACIST:
                others = [o for o in self.directory.all()
                          if o.active and o.role is Role.PHARMACIST and o.login != op.login]
                if not others:
                    raise CredentialError("the last active pharmacist cannot be deactivated")
            self.directory.set_active(op.login, active, actor=self.signed_in.login)
            return self.rows()

    def set_pin(self, login: str, pin: str) -> list[OperatorRow]:
        """Give an account a new PIN (a pharmacist's job; policy checked by the core)."""
        with self._lock:
            self.require(Action.MANAGE_OPERATORS)
            self.directory.set_secret(login.strip().lower(), pin, actor=self.signed_in.login)
            return self.rows()

    def sign_in(self, login: str, pin: str) -> Operator:
        """Check the PIN; from now on the workflow records ``login`` as the operator.
        Raises SignInError (one message for every failure: no account probing)."""
        with self._lock:
            op = self.directory.sign_in(login.strip().lower(), pin)
            self.signed_in.login = op.login
            self.signed_in.role = op.role
            return op

    def sign_out(self) -> None:
        with self._lock:
            self.signed_in.role = None
            self.signed_in.login = None
