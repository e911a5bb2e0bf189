"""What the status bar says about the hub beyond online/offline (Qt-free; the window only shows it).

- a credential that has **expired** (client certificate, password): named, with how to renew it;
  shown instead of "Hub OFFLINE", because the hub refuses the station, it is not away;
- the adapter's **offline notice** while the hub is offline (securPharm: the German emergency
  procedure, :data:`dispense_app.hub.securpharm_choices.EMERGENCY_PROCEDURE_DE`);
- a credential that expires soon (the stages of :data:`dispense_app.hub.lifecycle.STAGES`: 30, 14, 7
  and 1 day ahead), or terms not accepted before they take effect: a warning beside "Hub online".

Credentials are read from the configured hub (``hub.json``) at most every :data:`RECHECK_S`.
"""

from __future__ import annotations

import time
from pathlib import Path

from dispense_app.core.model import HubClient
from dispense_app.hub.lifecycle import Finding

RECHECK_S = 600.0


class HubNotices:
    def __init__(self, home: Path, client: HubClient | None, hub_url: str | None) -> None:
        self.home = home
        self.client = client
        self.hub_url = hub_url
        self._checked_at: float | None = None
        self._credential: tuple[str, str] | None = None
        #: the credential finding behind a "expired"/"warn" notice (the window words it in its language)
        self.credential: Finding | None = None

    def _credentials(self) -> tuple[str, str] | None:
        now = time.monotonic()
        if self._checked_at is not None and now - self._checked_at < RECHECK_S:
            return self._credential
        self._checked_at = now
        self._credential = None
        self.credential = None
        from dispense_app.hub.config import load_hub_config
        from dispense_app.hub.lifecycle import lifecycle, most_urgent, notice

        try:
            config = load_hub_config(self.home)
        except (OSError, ValueError, TypeError):
            return None
        if config is None or (self.hub_url and self.hub_url.rstrip("/") != config.url.rstrip("/")):
            return None  # another hub than the configured one (--hub): nothing known of its credentials
        findings = lifecycle(config)
        self._credential = notice(findings)
        self.credential = most_urgent(findings)
        return self._credential

    def current(self, online: bool | None) -> tuple[str, str] | None:
        """("expired"|"offline"|"warn", text) for the status bar, or None."""
        if self.client is None:
            return None
        credential = self._credentials()
        if credential is not None and credential[0] == "expired":
            return credential
        offline_notice = getattr(self.client, "offline_notice", None)
        if online is False and isinstance(offline_notice, str) and offline_notice:
            return "offline", offline_notice
        return credential
