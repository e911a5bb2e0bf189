"""The credential lifecycle's warning stages (issue 23 §3): one STAGES table (30, 14, 7, 1 days
ahead) for the client certificate, the password age and terms not yet accepted; the stage in
``hub show`` and ``hub check``; the status bar and settings window wording the findings in German."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import trustme

from dispense_app.cli import main
from dispense_app.hub.config import HubConfig, load_hub_config, save_hub_config
from dispense_app.hub.lifecycle import (
    STAGES,
    TEXTS,
    Finding,
    certificate_finding,
    lifecycle,
    most_urgent,
    password_finding,
    terms_finding,
)

NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
NMVS = HubConfig(url="https://nmvs.example.org/soap", type="nmvs-soap", client_id="ORG1", user_id="USER01")


def _cert(path: Path, expires: dt.datetime) -> str:
    cert = trustme.CA().issue_cert("apotheke@example.de", not_after=expires,
                                   not_before=expires - dt.timedelta(days=800))  # fmt: skip
    path.write_bytes(cert.private_key_and_cert_chain_pem.bytes())
    return str(path)


def _at(days: int) -> dt.datetime:
    """An expiry ``days`` whole days (and an hour) after NOW."""
    return NOW + dt.timedelta(days=days, hours=1)


# days left -> (status, stage, urgent)
EXPECTED = {
    45: ("ok", None, False),
    30: ("warn", 30, False),
    20: ("warn", 30, False),
    14: ("warn", 14, False),
    8: ("warn", 14, False),
    7: ("warn", 7, True),
    2: ("warn", 7, True),
    1: ("warn", 1, True),
    0: ("warn", 1, True),
}


def test_one_stages_table() -> None:
    assert [(s.days, s.urgent) for s in STAGES] == [(30, False), (14, False), (7, True), (1, True)]


@pytest.mark.parametrize("days", sorted(EXPECTED))
def test_certificate_password_and_terms_share_the_stages(days: int, tmp_path: Path) -> None:
    expires = _at(days)
    cert = certificate_finding(replace(NMVS, client_cert=_cert(tmp_path / "c.pem", expires)), NOW)
    changed = (expires - dt.timedelta(days=89)).date()  # valid until midnight after the expiry day
    password = password_finding(replace(NMVS, password_changed_on=changed.isoformat()), NOW)
    start = (expires + dt.timedelta(days=1)).date().isoformat()
    pending = replace(NMVS, terms_accepted_version="1.0", terms_pending_version="2.0", terms_pending_start=start)
    terms = terms_finding(pending, NOW)
    for f in (cert, password, terms):
        assert (f.status, f.stage, f.urgent) == EXPECTED[days], (f.item, f.message)
        assert f.to_json()["stage"] == EXPECTED[days][1]
        assert f.days_left in (days, days + 1)  # the password and terms count whole days


def test_past_the_date() -> None:
    old = replace(NMVS, password_changed_on=(NOW - dt.timedelta(days=91)).date().isoformat())
    f = password_finding(old, NOW)
    assert (f.status, f.stage, f.urgent, f.key) == ("expired", None, True, "expired")
    late = replace(NMVS, terms_pending_version="2.0", terms_pending_start="2026-12-01")
    f = terms_finding(late, NOW)
    assert f.status == "expired" and "NOT accepted" in f.message and "2026-12-01" in f.message
    # accepted since: no longer pending
    done = replace(late, terms_accepted_version="2.0", terms_accepted_by="anna", terms_accepted_at="2026-12-02")
    assert terms_finding(done, NOW).status == "ok"


def test_most_urgent_prefers_expired_then_fewest_days(tmp_path: Path) -> None:
    config = replace(
        NMVS,
        client_cert=_cert(tmp_path / "c.pem", _at(12)),
        password_changed_on=(_at(3) - dt.timedelta(days=90)).date().isoformat(),
    )
    found = most_urgent(lifecycle(config, NOW))
    assert found is not None and found.item == "password" and found.stage == 7


def test_every_text_has_its_placeholders() -> None:
    """A finding's words come from TEXTS: the command line's English is the same as before."""
    f = password_finding(replace(NMVS, password_changed_on="2026-11-01"), NOW)
    assert f.message == (
        "password (set 2026-11-01, valid 90 days) valid until 2027-01-30 (54 days)"
    )
    assert f.key in TEXTS and dict(f.params)["changed"] == "2026-11-01"


def test_hub_show_and_check_give_the_stage(
    hub_sim: Any, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = _cert(tmp_path / "c.pem", dt.datetime.now(dt.UTC) + dt.timedelta(days=6, hours=1))
    save_hub_config(home, HubConfig(url=hub_sim.url, client_cert=cert))
    assert main(["hub", "show", "--home", str(home), "--json"]) == 0
    shown = {c["item"]: c for c in json.loads(capsys.readouterr().out)["credentials"]}
    assert shown["certificate"]["stage"] == 7 and shown["certificate"]["status"] == "warn"
    assert main(["hub", "check", "--home", str(home), "--json"]) == 0
    checked = {c["item"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checked["certificate"]["stage"] == 7 and checked["certificate"]["expires_on"]


def test_terms_announced_by_the_national_system_count_down(
    hub_sim: Any, home: Path, memory_keyring: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """``hub terms`` (G482) notes terms not accepted yet with their StartDate; ``hub show`` warns
    from 30 days ahead; accepting them (G483) ends the countdown."""
    from dispense_app.hub import credentials
    from dispense_app.hub.factory import password_account

    url = hub_sim.url + "/nmvs/soap"
    config = replace(NMVS, url=url)
    save_hub_config(home, config)
    credentials.set_secret("password", url, password_account(config), "s3cret-pass")
    start = dt.date.today() + dt.timedelta(days=10)
    hub_sim.state.nmvs.terms_version = "2.0"
    hub_sim.state.nmvs.terms_start = start.isoformat()
    assert main(["hub", "terms", "--home", str(home), "--json"]) == 0
    capsys.readouterr()
    saved = load_hub_config(home)
    assert saved is not None and (saved.terms_pending_version, saved.terms_pending_start) == ("2.0", start.isoformat())
    assert main(["hub", "show", "--home", str(home), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    terms = {c["item"]: c for c in doc["credentials"]}["terms"]
    assert (terms["status"], terms["stage"]) == ("warn", 14)
    assert "take effect in" in doc["warning"]
    from dispense_app.station.nmvs_account import accept_terms

    accepted = accept_terms(home, "2.0", operator="anna")
    assert accepted.terms_pending_version is None
    assert terms_finding(accepted).status == "ok"


# ---------------------------------------------------------------------- the window, in German


@pytest.fixture
def german(qapp: Any) -> Iterator[None]:
    from dispense_app.ui import i18n

    assert i18n.install_translators(qapp, "de") == "de"
    try:
        yield
    finally:
        i18n.install_translators(qapp, "en")


def _warning(tmp_path: Path, days: int) -> Finding:
    config = replace(NMVS, type="securpharm", client_cert=_cert(tmp_path / "n.pem", _at(days)))
    f = certificate_finding(config, NOW)
    assert f.status == "warn"
    return f


def test_findings_in_german(german: None, tmp_path: Path) -> None:
    from dispense_app.ui.credential_words import describe, line

    f = _warning(tmp_path, 6)
    text = describe(f)
    assert text.startswith("N-Ident-Client-Zertifikat (") and "läuft in 6 Tag(en) ab" in text
    assert "NGDA" in text and "expires" not in text
    assert line(f).startswith("Zertifikat: WARNUNG ")
    expired = password_finding(replace(NMVS, password_changed_on="2026-01-01"), NOW)
    assert "ABGELAUFEN" in describe(expired) and "Passwort" in describe(expired)
    # a network line of hub check has no key: its own words
    assert describe(Finding("connectivity", "ok", "answered in 3 ms")) == "answered in 3 ms"


def test_findings_in_english_are_the_command_lines(tmp_path: Path, qapp: Any) -> None:
    from dispense_app.ui.credential_words import describe

    f = _warning(tmp_path, 6)
    assert describe(f) == f.message


@pytest.mark.parametrize(("days", "urgent"), [(20, False), (6, True)])
def test_status_bar_words_and_colours_the_stage(
    german: None, qtbot: Any, tmp_path: Path, days: int, urgent: bool
) -> None:
    from dispense_app.ui import palette
    from dispense_app.ui.status_bar import StationStatusBar
    from dispense_app.ui.viewmodel import StationStatus

    f = _warning(tmp_path, days)
    bar = StationStatusBar()
    qtbot.addWidget(bar)
    bar.show_status(StationStatus(hub_online=True, hub_notice_level="warn", hub_notice=f.message, hub_credential=f))
    label = bar.hub_label.text()
    assert f"läuft in {days} Tag(en) ab" in label and "expires" not in label
    colour = palette.STOP if urgent else palette.WARN_TEXT
    assert bar.hub_label.styleSheet() == palette.text_style(colour, bold=True, padded=True)
    bar.close()
    bar.deleteLater()


def test_session_hands_the_finding_to_the_window(hub_sim: Any, home: Path, tmp_path: Path) -> None:
    from dispense_app.station import open_station

    cert = _cert(tmp_path / "c.pem", dt.datetime.now(dt.UTC) + dt.timedelta(days=3, hours=1))
    save_hub_config(home, HubConfig(url=hub_sim.url, client_cert=cert))
    with open_station(home) as session:
        status = session.status()
    assert status.hub_notice_level == "warn" and status.hub_credential is not None
    assert status.hub_credential.stage == 7 and status.hub_notice == status.hub_credential.message
