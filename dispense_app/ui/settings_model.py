"""What the settings view reads and writes: plain Python, no Qt, run on worker threads.

- The hub (type, URL, location id, client id) goes to ``hub.json`` in the home folder through
  :mod:`dispense_app.hub.config`; its client secret goes to the OS keyring through
  :mod:`dispense_app.hub.credentials`, never to a file. The secret is stored first: when no keyring
  can take it, nothing is written and the error says why.
- The window's own preferences (language, sounds) go to ``ui.json`` beside it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

UI_FILE = "ui.json"
LANGUAGES = ("en", "de")


@dataclass(frozen=True, slots=True)
class UiPreferences:
    language: str | None = None  # None: the system's
    sounds: bool = True


@dataclass(frozen=True, slots=True)
class HubForm:
    """The hub part of the settings as the view shows it (never the secret itself)."""

    url: str = ""
    type: str = "fmd-rest"
    location_id: str = ""
    client_id: str = ""
    has_secret: bool = False
    keyring_problem: str | None = None  # why secrets cannot be stored here, if they cannot


def load_ui_preferences(home: Path) -> UiPreferences:
    """The saved preferences (defaults when there are none or the file is unreadable)."""
    try:
        data = json.loads((home / UI_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UiPreferences()
    if not isinstance(data, dict):
        return UiPreferences()
    language = data.get("language")
    return UiPreferences(
        language=language if language in LANGUAGES else None,
        sounds=bool(data.get("sounds", True)),
    )


class StationSettings:
    """Settings of the station in ``home``."""

    def __init__(self, home: Path) -> None:
        self.home = home

    def load_hub(self) -> HubForm:
        from dispense_app.hub.config import load_hub_config
        from dispense_app.hub.credentials import KeyringUnavailable, get_secret

        try:
            config = load_hub_config(self.home)
        except (ValueError, TypeError) as exc:
            return HubForm(keyring_problem=f"hub.json cannot be read: {exc}")
        if config is None:
            return HubForm()
        has_secret = False
        problem = None
        if config.client_id:
            try:
                has_secret = get_secret("client-secret", config.url, config.client_id) is not None
            except KeyringUnavailable as exc:
                problem = str(exc)
        return HubForm(
            url=config.url,
            type=config.type,
            location_id=config.location_id or "",
            client_id=config.client_id or "",
            has_secret=has_secret,
            keyring_problem=problem,
        )

    def save_hub(self, form: HubForm, secret: str | None) -> HubForm:
        """Check and save the hub; ``secret`` (if given) goes to the keyring first. Raises ValueError
        (bad values) or KeyringUnavailable (no safe place for the secret); nothing is written then."""
        from dispense_app.hub.config import HubConfig, load_hub_config, save_hub_config
        from dispense_app.hub.credentials import set_secret

        url = form.url.strip()
        client_id = form.client_id.strip() or None
        previous = load_hub_config(self.home)
        kept: dict[str, Any] = asdict(previous) if previous is not None else {}
        kept.update(
            url=url,
            type=form.type,
            location_id=form.location_id.strip() or None,
            client_id=client_id,
        )
        config = HubConfig(**kept)  # validates (type, URL scheme)
        if secret:
            if client_id is None:
                raise ValueError("a client secret needs a client id")
            set_secret("client-secret", config.url, client_id, secret)
        save_hub_config(self.home, config)
        return self.load_hub()

    def load_ui(self) -> UiPreferences:
        return load_ui_preferences(self.home)

    def save_ui(self, prefs: UiPreferences) -> UiPreferences:
        if prefs.language is not None and prefs.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
        path = self.home / UI_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(prefs), indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
        return prefs
