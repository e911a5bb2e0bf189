"""Build the configured hub's client: ``fmd-rest``, ``vrs``, ``nmvs-soap`` or ``securpharm``, behind
the :class:`HubClient` protocol."""

from __future__ import annotations

from dispense_app.core.model import HubAuthError, HubClient
from dispense_app.errors import ConfigurationError

from .config import HubConfig
from .credentials import HubSecrets, get_secret, load_secrets


def make_client(config: HubConfig, *, secrets: HubSecrets | None = None, **overrides: float) -> HubClient:
    """A client for ``config``. Secrets come from the keyring unless given (tests).

    ``overrides``: retries, backoff_s, max_retry_wait (numbers only, nothing secret).
    """
    if config.type == "securpharm":
        return _securpharm(config, secrets, **overrides)
    if config.type == "nmvs-soap":
        if secrets is None:
            secrets = load_nmvs_secrets(config)
    elif secrets is None:
        secrets = load_secrets(
            config.url, config.client_id, need_cert_passphrase=bool(config.client_cert), want_atp=config.type == "vrs"
        )
    if config.client_id and not secrets.client_secret and config.type != "nmvs-soap":
        raise HubAuthError(
            f"no client secret in the keyring for {config.client_id} at {config.url}: "
            "set it with `dispense-app hub credentials set`"
        )
    common = {
        "client_id": config.client_id if config.client_id else None,
        "client_secret": secrets.client_secret if config.client_id else None,
        "ca_bundle": config.ca_bundle,
        "client_cert": config.client_cert,
        "client_key": config.client_key,
        "cert_passphrase": secrets.cert_passphrase,
        "connect_timeout": config.connect_timeout,
        "read_timeout": config.read_timeout,
        "deadline_s": config.deadline_s,
    }
    retries = int(overrides.get("retries", 2))
    backoff_s = float(overrides.get("backoff_s", 0.1))
    max_retry_wait = float(overrides.get("max_retry_wait", 5.0))
    if config.type == "nmvs-soap":
        return _nmvs_client(config, secrets, retries=retries, backoff_s=backoff_s, max_retry_wait=max_retry_wait)
    if config.type == "vrs":
        from .vrs import VrsClient

        return VrsClient(
            config.url,
            requester_gln=config.requester_gln,
            atp_credential=secrets.atp_credential,
            atp_header=config.atp_header,
            contact_email=config.contact_email,
            contact_phone=config.contact_phone,
            check_gtin=config.check_gtin,
            retries=retries,
            backoff_s=backoff_s,
            max_retry_wait=max_retry_wait,
            **common,  # type: ignore[arg-type]
        )
    from .fmd_rest import FmdRestClient

    return FmdRestClient(
        config.url,
        location_id=config.location_id,
        retries=retries,
        backoff_s=backoff_s,
        max_retry_wait=max_retry_wait,
        **common,  # type: ignore[arg-type]
    )


def password_account(config: HubConfig) -> str:
    """The keyring account part of an NMVS password: ClientLoginId/UserId."""
    return f"{config.client_id}/{config.user_id}"


def load_nmvs_secrets(config: HubConfig) -> HubSecrets:
    """The NMVS password (and the client key's passphrase) from the keyring."""
    password = get_secret("password", config.url, password_account(config))
    passphrase = get_secret("cert-passphrase", config.url, config.client_id) if config.client_cert else None
    return HubSecrets(client_secret=password, cert_passphrase=passphrase)


def _nmvs_client(
    config: HubConfig, secrets: HubSecrets, *, retries: int, backoff_s: float, max_retry_wait: float
) -> HubClient:
    import datetime as dt

    from .nmvs_codes import NmvsChoices
    from .nmvs_soap import Credentials, NmvsSoapClient

    if not secrets.client_secret:
        raise HubAuthError(
            f"no NMVS password in the keyring for user {config.user_id} at {config.url}: "
            "set it with `dispense-app hub credentials set`"
        )
    assert config.client_id and config.user_id  # HubConfig checks it for nmvs-soap
    changed = dt.date.fromisoformat(config.password_changed_on) if config.password_changed_on else None
    return NmvsSoapClient(
        config.url,
        credentials=Credentials(config.client_id, config.user_id, secrets.client_secret),
        endpoints=config.endpoints,
        choices=NmvsChoices.with_overrides(config.choices),
        language=config.language,
        ca_bundle=config.ca_bundle,
        client_cert=config.client_cert,
        client_key=config.client_key,
        cert_passphrase=secrets.cert_passphrase,
        connect_timeout=config.connect_timeout,
        read_timeout=config.read_timeout,
        deadline_s=config.deadline_s,
        retries=retries,
        backoff_s=backoff_s,
        max_retry_wait=max_retry_wait,
        password_changed_on=changed,
        password_validity_days=config.password_validity_days,
    )


def _securpharm(config: HubConfig, secrets: HubSecrets | None, **overrides: float) -> HubClient:
    """securPharm: the identity is the N-Ident client certificate (no client secret); ``client_id``
    is the application id sent as ``sid``; the certificate's passphrase comes from the keyring."""
    from .securpharm import SecurPharmClient
    from .securpharm_choices import SecurPharmChoices

    if secrets is None:  # no client secret here: only the certificate's passphrase, if there is a certificate
        from .credentials import get_secret

        passphrase = get_secret("cert-passphrase", config.url, config.client_id) if config.client_cert else None
        secrets = HubSecrets(cert_passphrase=passphrase)
    try:
        choices = SecurPharmChoices.from_options(config.choices or {})
    except ValueError as exc:
        raise ConfigurationError(f"hub configuration: {exc}") from None
    return SecurPharmClient(
        config.url,
        application_id=config.client_id,
        auth_url=config.auth_url,
        choices=choices,
        ca_bundle=config.ca_bundle,
        client_cert=config.client_cert,
        client_key=config.client_key,
        cert_passphrase=secrets.cert_passphrase,
        connect_timeout=config.connect_timeout,
        read_timeout=config.read_timeout,
        deadline_s=config.deadline_s,
        retries=int(overrides.get("retries", 2)),
        backoff_s=float(overrides.get("backoff_s", 0.1)),
        max_retry_wait=float(overrides.get("max_retry_wait", 5.0)),
    )
