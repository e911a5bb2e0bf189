"""Which hub client a station talks to: ``--hub URL``, else ``hub.json``, else the ``hub.url`` setting."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dispense_app.core.model import HubClient, HubUnavailable
from dispense_app.errors import ConfigurationError

if TYPE_CHECKING:
    from dispense_app.store import Station


def make_hub_client(home: Path, station: Station, hub_url: str | None, hub_type: str | None = None) -> HubClient:
    """The station's hub client: ``hub_url`` (this station's location; ``hub_type`` its protocol,
    default FMD REST), else the configured hub (``hub.json``, secrets from the keyring; ``hub_type``
    overrides its type), else the ``hub.url`` setting.
    Raises :class:`ConfigurationError` when none is set up or it cannot be used."""
    location = station.location
    if hub_url and not hub_url.startswith(("http://", "https://")):
        raise ConfigurationError(f"--hub must be an http(s) URL, not {hub_url!r}")
    if hub_url and hub_type in (None, "fmd-rest"):
        from dispense_app.hub.fmd_rest import FmdRestClient

        return FmdRestClient(hub_url, location_id=location)
    from dispense_app.hub.config import HubConfig, load_hub_config
    from dispense_app.hub.factory import make_client

    try:
        config = load_hub_config(home)
    except (ValueError, TypeError, OSError) as exc:
        raise ConfigurationError(f"the hub configuration in {home} cannot be read: {exc}") from exc
    if hub_url or hub_type:
        url = hub_url or (config.url if config else station.settings.get("hub.url"))
        if not isinstance(url, str) or not url:
            raise ConfigurationError("--hub-type needs a hub: pass --hub URL or configure one (`dispense-app hub`)")
        try:
            if config is not None and config.url == url:
                config = replace(config, type=hub_type or config.type)  # type: ignore[arg-type]
            else:
                config = HubConfig(url=url, type=hub_type or "fmd-rest")  # type: ignore[arg-type]
        except ValueError as exc:
            raise ConfigurationError(str(exc)) from exc
    if config is not None:
        try:
            return make_client(replace(config, location_id=config.location_id or location))
        except HubUnavailable as exc:  # e.g. no secret in the keyring
            raise ConfigurationError(str(exc)) from exc
    url = station.settings.get("hub.url")
    if isinstance(url, str) and url:
        from dispense_app.hub.fmd_rest import FmdRestClient

        return FmdRestClient(url, location_id=location)
    raise ConfigurationError("no hub configured for this station: pass --hub URL or configure one (`dispense-app hub`)")


def client_url(client: HubClient | None) -> str | None:
    """The URL a hub client talks to (``base_url`` of the HTTP clients), if it says."""
    url = getattr(client, "base_url", None)
    return url if isinstance(url, str) and url else None
