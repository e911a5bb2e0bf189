"""What the station tells the status bar about the hub beyond online/offline (issue 23): the
securPharm emergency procedure while it is unavailable (SP-901), an expired certificate named as
such (never "offline"), a warning ahead of expiry; and the status bar showing those words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import trustme

from dispense_app.hub.config import HubConfig, save_hub_config
from dispense_app.hub.securpharm_choices import EMERGENCY_PROCEDURE_DE
from dispense_app.station import open_station

NOW = dt.datetime.now(dt.UTC)


def _cert(path: Path, days: float) -> str:
    cert = trustme.CA().issue_cert("apotheke@example.de", not_after=NOW + dt.timedelta(days=days),
                                   not_before=NOW - dt.timedelta(days=400))  # fmt: skip
    path.write_bytes(cert.private_key_and_cert_chain_pem.bytes())
    return str(path)


def test_securpharm_outage_shows_the_emergency_procedure(hub_sim: Any, home: Path) -> None:
    save_hub_config(home, HubConfig(url=f"{hub_sim.url}/securpharm", type="securpharm", client_id="app-1"))
    hub_sim.admin.faults(outage=True)
    with open_station(home) as session:
        status = session.status()
        assert status.hub_online is False
        assert status.hub_notice_level == "offline" and status.hub_notice == EMERGENCY_PROCEDURE_DE
        hub_sim.admin.faults(outage=False)
        session.probe()
        status = session.status()
        assert status.hub_online is True and status.hub_notice is None


def test_expired_certificate_is_the_notice_not_offline(hub_sim: Any, home: Path, memory_keyring: Any) -> None:
    cert = _cert(home / "old.pem", -3)
    save_hub_config(home, HubConfig(url=f"{hub_sim.url}/securpharm", type="securpharm", client_cert=cert))
    from dispense_app.hub import credentials

    credentials.set_secret("cert-passphrase", f"{hub_sim.url}/securpharm", None, "unused")
    with open_station(home) as session:
        status = session.status()
        assert status.hub_notice_level == "expired"
        text = status.hub_notice or ""
        assert "N-Ident client certificate" in text and "EXPIRED" in text


def test_certificate_expiring_soon_warns(hub_sim: Any, home: Path, memory_keyring: Any) -> None:
    cert = _cert(home / "soon.pem", 6.5)
    save_hub_config(home, HubConfig(url=f"{hub_sim.url}/v1".removesuffix("/v1"), client_cert=cert))
    from dispense_app.hub import credentials

    credentials.set_secret("cert-passphrase", hub_sim.url, None, "unused")
    with open_station(home) as session:
        status = session.status()
        assert status.hub_notice_level == "warn" and "expires in 6 day(s)" in (status.hub_notice or "")


@pytest.mark.parametrize(
    ("online", "level", "expect", "absent"),
    [
        (False, "expired", "✖ N-Ident client certificate EXPIRED", "OFFLINE"),
        (False, "offline", "✖ Hub OFFLINE — securPharm nicht erreichbar", "local cache"),
        (True, "warn", "● Hub online — ⚠ N-Ident client certificate expires in 6 day(s)", "OFFLINE"),
    ],
)
def test_status_bar_shows_the_notice(qtbot: Any, online: bool, level: str, expect: str, absent: str) -> None:
    from dispense_app.ui.counter_window import CounterWindow
    from dispense_app.ui.viewmodel import StationStatus
    from tests.test_ui_counter_window import ScriptedPresenter

    text = {
        "expired": "N-Ident client certificate EXPIRED on 2026-12-01: renew it",
        "offline": EMERGENCY_PROCEDURE_DE,
        "warn": "N-Ident client certificate expires in 6 day(s), on 2026-12-12",
    }[level]
    w = CounterWindow(ScriptedPresenter(), poll_status=False)
    qtbot.addWidget(w)
    w.status_bar.show_status(StationStatus(hub_online=online, hub_notice_level=level, hub_notice=text))
    label = w.status_bar.hub_label.text()
    assert label.startswith(expect) and absent not in label
