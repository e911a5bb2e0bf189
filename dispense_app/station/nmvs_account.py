"""The station's account at an NMVS (``nmvs-soap`` hubs): password change (G445) and terms and
conditions (G482/G483), used by ``dispense-app hub password|terms`` and the settings window.

The password lives in the keyring only; ``hub.json`` records when it was last set (its age is
checked against the national system's validity, 90 days by default) and which terms version a
pharmacist accepted, when and under which operator login.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dispense_app.core.model import HubRequestError, HubUnavailable
from dispense_app.errors import ConfigurationError

if TYPE_CHECKING:
    from dispense_app.hub.config import HubConfig
    from dispense_app.hub.nmvs_soap import NmvsSoapClient, Terms


def nmvs_config(home: Path) -> HubConfig:
    """The configured hub, which must be an ``nmvs-soap`` one."""
    from dispense_app.hub.config import load_hub_config

    try:
        config = load_hub_config(home)
    except (ValueError, TypeError, OSError) as exc:
        raise ConfigurationError(f"the hub configuration in {home} cannot be read: {exc}") from exc
    if config is None or config.type != "nmvs-soap":
        raise ConfigurationError(
            "no NMVS configured: run `dispense-app hub configure --type nmvs-soap --url URL "
            "--client-id CLIENT_LOGIN_ID --user-id USER_ID` first"
        )
    return config


def _client(config: HubConfig) -> NmvsSoapClient:
    from dispense_app.hub.factory import make_client
    from dispense_app.hub.nmvs_soap import NmvsSoapClient

    try:
        client = make_client(config)
    except HubUnavailable as exc:
        raise ConfigurationError(str(exc)) from exc
    assert isinstance(client, NmvsSoapClient)
    return client


def store_password(home: Path, password: str, *, today: dt.date | None = None) -> HubConfig:
    """Put the NMVS password in the keyring and note the day (its age starts now)."""
    from dispense_app.hub import credentials
    from dispense_app.hub.config import save_hub_config
    from dispense_app.hub.factory import password_account

    config = nmvs_config(home)
    credentials.set_secret("password", config.url, password_account(config), password)
    updated = replace(config, password_changed_on=(today or dt.date.today()).isoformat())
    save_hub_config(home, updated)
    return updated


def change_password(home: Path, new_password: str) -> HubConfig:
    """G445 at the national system, then the keyring and hub.json. Raises ConfigurationError with
    the national system's reason when it refuses (old password wrong, policy, reuse)."""
    from dispense_app.core.model import HubAuthError

    if not 8 <= len(new_password) <= 60:
        raise ConfigurationError("an NMVS password has 8 to 60 characters")
    config = nmvs_config(home)
    with _client(config) as client:
        try:
            client.change_password(new_password)
        except (HubRequestError, HubAuthError) as exc:
            raise ConfigurationError(f"the password was not changed: {exc}") from exc
    return store_password(home, new_password)


def load_terms(home: Path) -> Terms | None:
    """G482: the national system's current terms and conditions (None: it has none). Terms this
    user has not accepted are noted in hub.json (version, start date), so the status bar, ``hub
    show`` and ``hub check`` count down to their start (hub.lifecycle.STAGES)."""
    from dispense_app.hub.config import save_hub_config

    config = nmvs_config(home)
    with _client(config) as client:
        terms = client.load_terms()
    pending = terms is not None and not terms.accepted_by_user and terms.version != config.terms_accepted_version
    version = terms.version if pending and terms is not None else None
    start = terms.start_date.isoformat() if pending and terms is not None and terms.start_date else None
    if (version, start) != (config.terms_pending_version, config.terms_pending_start):
        save_hub_config(home, replace(config, terms_pending_version=version, terms_pending_start=start))
    return terms


def accept_terms(home: Path, version: str, *, operator: str | None, now: dt.datetime | None = None) -> HubConfig:
    """G483: record that a pharmacist (``operator``) accepted terms ``version``."""
    from dispense_app.hub.config import save_hub_config

    config = nmvs_config(home)
    with _client(config) as client:
        try:
            client.accept_terms(version)
        except HubRequestError as exc:
            raise ConfigurationError(f"the terms were not accepted: {exc}") from exc
    moment = now or dt.datetime.now(dt.UTC)
    updated = replace(
        config,
        terms_accepted_version=version,
        terms_accepted_at=moment.isoformat(timespec="seconds"),
        terms_accepted_by=operator,
        terms_pending_version=None if version == config.terms_pending_version else config.terms_pending_version,
        terms_pending_start=None if version == config.terms_pending_version else config.terms_pending_start,
    )
    save_hub_config(home, updated)
    return updated


def lifecycle(config: HubConfig, today: dt.date | None = None) -> dict[str, object]:
    """Password age and terms state of an NMVS account, for ``hub show`` and checks."""
    day = today or dt.date.today()
    changed = dt.date.fromisoformat(config.password_changed_on) if config.password_changed_on else None
    expires = changed + dt.timedelta(days=config.password_validity_days) if changed else None
    return {
        "password_changed_on": changed.isoformat() if changed else None,
        "password_age_days": (day - changed).days if changed else None,
        "password_validity_days": config.password_validity_days,
        "password_expires_on": expires.isoformat() if expires else None,
        "password_days_left": (expires - day).days if expires else None,
        "terms_accepted_version": config.terms_accepted_version,
        "terms_accepted_at": config.terms_accepted_at,
        "terms_accepted_by": config.terms_accepted_by,
        "terms_pending_version": config.terms_pending_version,
        "terms_pending_start": config.terms_pending_start,
    }
