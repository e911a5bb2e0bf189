"""Which hub client a station talks to: ``--hub URL``, else ``hub.json``, else the ``hub.url`` setting."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dispense_app.core.model import HubClient, HubUnavailable
from dispense_app.errors import ConfigurationError

if TYPE_CHECKING:
    from dispense_app.store import Station


def make_hub_client(home: Path, station: Station, hub_url: str | None, hub_type: str | None = None) -> HubClient:
    """The station's hub client: ``hub_url`` (FMD REST, this station's location), else the
    configured hub (``hub.json``, secrets from the keyring), else the ``hub.url`` setting.
    ``hub_type`` (``--hub-type``) overrides the configured type; a type other than fmd-rest takes
    its other settings (user id, certificates ...) from ``hub.json``.
    Raises :class:`ConfigurationError` when none is set up or it cannot be used."""
    location = station.location
    if hub_type and hub_type != "fmd-rest":
        return _typed_client(home, station, hub_url, hub_type)
    if hub_url:
        if not hub_url.startswith(("http://", "https://")):
            raise ConfigurationError(f"--hub must be an http(s) URL, not {hub_url!r}")
        from dispense_app.hub.fmd_rest import FmdRestClient

        return _built(lambda: FmdRestClient(hub_url, location_id=location), f"--hub {hub_url}")
    from dispense_app.hub.config import load_hub_config
    from dispense_app.hub.factory import make_client

    try:
        config = load_hub_config(home)
    except (ValueError, TypeError, OSError) as exc:
        raise ConfigurationError(f"the hub configuration in {home} cannot be read: {exc}") from exc
    if config is not None:
        located = replace(config, location_id=config.location_id or location)
        return _built(lambda: make_client(located), f"the hub configuration ({home / 'hub.json'})")
    url = station.settings.get("hub.url")
    if isinstance(url, str) and url:
        from dispense_app.hub.fmd_rest import FmdRestClient

        return _built(lambda: FmdRestClient(url, location_id=location), "the station's hub.url setting")
    raise ConfigurationError("no hub configured for this station: pass --hub URL or configure one (`dispense-app hub`)")


def _built(build: Callable[[], HubClient], where: str) -> HubClient:
    """``build()``, with what can go wrong in it said as a configuration problem naming ``where``:
    a plain-http URL that is not loopback, a URL without a host, a CA bundle or client certificate
    that cannot be read, no secret in the keyring (issue 16: these were internal errors)."""
    try:
        return build()
    except HubUnavailable as exc:  # e.g. no secret in the keyring
        raise ConfigurationError(str(exc)) from exc
    except ssl.SSLError as exc:
        raise ConfigurationError(f"{where}: a certificate or key cannot be used ({exc.reason or exc}); "
                                 "check the file names and the passphrase") from exc
    except OSError as exc:
        name = f" {exc.filename}" if exc.filename else ""
        raise ConfigurationError(
            f"{where}: cannot read the file{name} ({exc.strerror or exc}); "
            "fix --ca-bundle / --client-cert / --client-key with `dispense-app hub configure`"
        ) from exc
    except ValueError as exc:
        raise ConfigurationError(
            f"{where}: {exc}; fix the hub URL (--hub, or `dispense-app hub configure --url`)"
        ) from exc


def client_url(client: HubClient | None) -> str | None:
    """The URL a hub client talks to (``base_url`` of the HTTP clients), if it says."""
    url = getattr(client, "base_url", None)
    return url if isinstance(url, str) and url else None


def _typed_client(home: Path, station: Station, hub_url: str | None, hub_type: str) -> HubClient:
    """``--hub-type`` other than fmd-rest: the configuration of hub.json with that type (and URL)."""
    from dispense_app.hub.config import HubConfig, load_hub_config
    from dispense_app.hub.factory import make_client

    try:
        config = load_hub_config(home)
        url = hub_url or (config.url if config else None) or station.settings.get("hub.url")
        if not isinstance(url, str) or not url:
            raise ConfigurationError("no hub URL: pass --hub URL or configure one (`dispense-app hub configure`)")
        base = config or HubConfig(url=url)
        typed = HubConfig.from_json({**base.to_json(), "type": hub_type, "url": url.rstrip("/")})
        return make_client(replace(typed, location_id=typed.location_id or station.location))
    except (ValueError, TypeError, OSError) as exc:
        raise ConfigurationError(f"cannot use a {hub_type} hub: {exc}") from exc
    except HubUnavailable as exc:
        raise ConfigurationError(str(exc)) from exc
