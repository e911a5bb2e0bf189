"""Hub secrets in the OS keyring, and only there.

Two secrets per hub: the OAuth2 client secret and the client certificate's passphrase. They are
stored under the service ``dispense-app`` with an account name made of the kind of secret, the
client id and the hub URL. Where no usable keyring backend exists (headless Linux without a Secret
Service: ``keyring.backends.fail`` or ``null``), :class:`KeyringUnavailable` is raised: the app says
so and never falls back to writing the secret anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from dispense_app.errors import ConfigurationError

SERVICE = "dispense-app"
SecretKind = Literal["client-secret", "cert-passphrase", "password", "atp-credential"]
KINDS: tuple[SecretKind, ...] = ("client-secret", "cert-passphrase", "password", "atp-credential")
"""``atp-credential``: the US VRS's DSCSA ATP verifiable presentation (a JWT; hub/atp.py)."""


class KeyringUnavailable(ConfigurationError, RuntimeError):
    """No usable keyring backend: secrets cannot be stored safely on this machine (a known
    condition: the message says what to install or configure)."""


def account(kind: SecretKind, hub_url: str, client_id: str | None) -> str:
    return f"{kind}:{client_id or '-'}@{hub_url.rstrip('/')}"


def usable_backend() -> Any:
    """The active keyring backend, or KeyringUnavailable with advice."""
    import keyring
    from keyring.backends import chainer, fail, null

    backend = keyring.get_keyring()
    unusable = isinstance(backend, fail.Keyring | null.Keyring) or (
        isinstance(backend, chainer.ChainerBackend) and not backend.backends
    )
    if unusable:
        raise KeyringUnavailable(
            "no usable keyring backend on this machine (found "
            f"{type(backend).__module__}.{type(backend).__name__}); secrets are never stored in plain text. "
            "Install and unlock an OS keyring (Windows Credential Manager, macOS Keychain, "
            "GNOME Keyring / KWallet via Secret Service) and try again"
        )
    return backend


def set_secret(kind: SecretKind, hub_url: str, client_id: str | None, secret: str) -> None:
    if not secret:
        raise ValueError("an empty secret is not stored")
    usable_backend().set_password(SERVICE, account(kind, hub_url, client_id), secret)


def get_secret(kind: SecretKind, hub_url: str, client_id: str | None) -> str | None:
    value = usable_backend().get_password(SERVICE, account(kind, hub_url, client_id))
    return str(value) if value is not None else None


def delete_secret(kind: SecretKind, hub_url: str, client_id: str | None) -> bool:
    import keyring.errors

    try:
        usable_backend().delete_password(SERVICE, account(kind, hub_url, client_id))
    except keyring.errors.PasswordDeleteError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class HubSecrets:
    """Secrets read for one client construction; never logged (repr hides them)."""

    client_secret: str | None = None
    cert_passphrase: str | None = None
    atp_credential: str | None = None

    def __repr__(self) -> str:
        def shown(v: str | None) -> str:
            return "None" if v is None else "'***'"

        return (
            f"HubSecrets(client_secret={shown(self.client_secret)}, cert_passphrase={shown(self.cert_passphrase)}, "
            f"atp_credential={shown(self.atp_credential)})"
        )


def load_secrets(
    hub_url: str, client_id: str | None, *, need_cert_passphrase: bool = False, want_atp: bool = False
) -> HubSecrets:
    """Read the secrets a hub needs. Only touches the keyring when something is needed.

    ``want_atp`` (US VRS): the ATP credential too, if one is stored; without a usable keyring it is
    simply absent (the VRS's 403 then says that none is configured)."""
    atp = None
    if want_atp:
        try:
            atp = get_secret("atp-credential", hub_url, client_id)
        except KeyringUnavailable:
            atp = None
    if client_id is None and not need_cert_passphrase:
        return HubSecrets(atp_credential=atp)
    return HubSecrets(
        client_secret=get_secret("client-secret", hub_url, client_id) if client_id else None,
        cert_passphrase=get_secret("cert-passphrase", hub_url, client_id) if need_cert_passphrase else None,
        atp_credential=atp,
    )
