"""Which store a command uses: ``--store URL`` / env ``DISPENSE_APP_STORE``.

* ``sqlite`` (the default): the single-counter database ``<home>/station.db``;
* ``postgresql://user@host:port/dbname`` (or ``postgres://``; libpq's ``?host=/run/postgresql``
  for a Unix socket, ``?sslmode=verify-full`` for TLS): a site store shared by several counters.

A password is never accepted in the URL (it would end up in shell histories, unit files and the
settings): it comes from the OS keyring (``dispense-app store credentials set``, kept under the
service ``dispense-app`` and the account ``store-password:<URL>``) or the server authenticates the
counter itself (peer, client certificate, ``.pgpass`` managed by IT).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from dispense_app.errors import ConfigurationError
from dispense_app.store.errors import StoreEnvironmentError

ENV_STORE = "DISPENSE_APP_STORE"
SERVICE = "dispense-app"
Kind = Literal["sqlite", "postgresql"]


class StoreURLError(StoreEnvironmentError, ConfigurationError):
    """``--store`` names no store this program can use (a configuration error: CLI exit status 2)."""


@dataclass(frozen=True, slots=True)
class StoreURL:
    """A parsed ``--store`` value; ``url`` never holds a password."""

    kind: Kind
    url: str = "sqlite"

    @property
    def is_site(self) -> bool:
        return self.kind == "postgresql"

    @property
    def keyring_account(self) -> str:
        return f"store-password:{self.url}"

    def __str__(self) -> str:
        return self.url


def parse(text: str) -> StoreURL:
    """Parse a ``--store`` value (see the module docstring); :class:`StoreURLError` otherwise."""
    value = text.strip()
    if value in ("", "sqlite"):
        return StoreURL("sqlite")
    parts = urlsplit(value)
    if parts.scheme not in ("postgresql", "postgres"):
        raise StoreURLError(
            f"--store {value!r}: not a store; give `sqlite` (the default) or postgresql://user@host:port/dbname"
        )
    if parts.password is not None:
        raise StoreURLError(
            "--store: the URL holds a password; give it without one and keep the password in the keyring "
            "(`dispense-app store credentials set --store URL`) or let the server authenticate the counter"
        )
    if not parts.path.strip("/"):
        raise StoreURLError(f"--store {value!r}: name the database (postgresql://user@host:port/dbname)")
    if "password" in parts.query.lower():
        raise StoreURLError("--store: the URL holds a password parameter; keep the password in the keyring")
    return StoreURL("postgresql", "postgresql" + value[len(parts.scheme) :])


_selected: StoreURL | None = None


def select(store: StoreURL | None) -> StoreURL | None:
    """Make ``store`` the one :func:`resolve` gives when nothing is named (the command line's
    ``--store``, for the whole command, its threads included); returns the previous choice."""
    global _selected
    previous, _selected = _selected, store
    return previous


def resolve(explicit: str | StoreURL | None = None) -> StoreURL:
    """The store to use: ``explicit``, else the command's ``--store`` (:func:`select`), else env
    ``DISPENSE_APP_STORE``, else sqlite."""
    if isinstance(explicit, StoreURL):
        return explicit
    if explicit is not None:
        return parse(explicit)
    if _selected is not None:
        return _selected
    return parse(os.environ.get(ENV_STORE, ""))


def _backend() -> Any:
    import keyring
    from keyring.backends import chainer, fail, null

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring) or (
        isinstance(backend, chainer.ChainerBackend) and not backend.backends
    ):
        raise StoreEnvironmentError(
            "no usable keyring backend on this machine: the site store's password is never stored in plain "
            "text. Install and unlock an OS keyring, or let the server authenticate the counter (peer or "
            "client certificate, docs/site.md)"
        )
    return backend


def set_password(store: StoreURL, password: str) -> None:
    """Keep the site store's password in the OS keyring (never in a file)."""
    if not store.is_site:
        raise StoreURLError("only a postgresql:// store has a password")
    if not password:
        raise StoreURLError("an empty password is not stored")
    _backend().set_password(SERVICE, store.keyring_account, password)


def get_password(store: StoreURL) -> str | None:
    """The keyring's password for this store, or None (server auth). A machine without a usable
    keyring has none to give: None, and the server decides."""
    try:
        value = _backend().get_password(SERVICE, store.keyring_account)
    except StoreEnvironmentError:
        return None
    return str(value) if value is not None else None


def delete_password(store: StoreURL) -> bool:
    import keyring.errors

    try:
        _backend().delete_password(SERVICE, store.keyring_account)
    except keyring.errors.PasswordDeleteError:
        return False
    return True
