"""The seal check at the counter (issue 18, item 5; Art. 25 of Regulation 2016/161), without Qt: the
station session against the real hub simulator over loopback. "Seal intact" goes into the dispense's
audit entry; "seal broken" stops the pack, records a local alert (never a hub alert) and destroys the
pack or returns it to stock; the setting ``counter.seal_check`` turns the recording off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A

from dispense_app.core.alerts import AlertSource
from dispense_app.core.model import Transaction
from dispense_app.core.seal import SealDisposal, parse_disposal, seal_broken_verdict
from dispense_app.core.verdict import Level
from dispense_app.errors import InputError
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.station import StationSession, open_station
from dispense_app.workflow import ScanInput
from dispense_app.workflow.seal import SEAL_AUDIT_KIND, SEAL_CHECK_SETTING

GS = "\x1d"


def scan(serial: str, lot: str = "L1") -> ScanInput:
    return ScanInput(f"01{GTIN_A}21{serial}{GS}10{lot}{GS}17311231".encode())


def key(serial: str) -> str:
    return f"{GTIN_A}/{serial}"


@pytest.fixture
def session(tmp_path: Path, hub_sim: Any) -> Iterator[StationSession]:
    def client(station: Any) -> FmdRestClient:
        return FmdRestClient(hub_sim.url, location_id=station.location, retries=0)

    with open_station(tmp_path / "home", client=client, operator="anna") as s:
        yield s


def audit(session: StationSession, kind: str) -> list[dict[str, Any]]:
    return [e.details for e in session.station.audit.entries(kind=kind)]


def test_seal_intact_is_recorded_with_the_dispense(session: StationSession, hub_sim: Any) -> None:
    assert session.seal_check and session.status().seal_check  # on by default
    assert session.check(scan("ACT01")).verdict.level is Level.OK
    done = session.dispense([key("ACT01")])
    (outcome,) = [o for _, o in done.packs]
    assert outcome.verdict.may_dispense and hub_sim.admin.pack(GTIN_A, "ACT01")["state"] == "Supplied"
    (entry,) = audit(session, "dispense")
    assert entry["seal"] == "intact" and entry["serial"] == "ACT01" and entry["dispense_id"] == outcome.dispense_id


def test_with_the_seal_check_off_nothing_is_recorded_about_the_seal(session: StationSession) -> None:
    assert session.set_seal_check(False) is False
    assert session.station.settings.get(SEAL_CHECK_SETTING) is False
    assert not session.status().seal_check
    changes = [d for d in audit(session, "settings") if d["key"] == SEAL_CHECK_SETTING]
    assert changes == [{"key": SEAL_CHECK_SETTING, "old": None, "new": False}]  # who turned it off is audited
    session.check(scan("ACT02"))
    session.dispense([key("ACT02")])
    (entry,) = audit(session, "dispense")
    assert "seal" not in entry


@pytest.mark.parametrize("disposal", list(SealDisposal))
def test_a_broken_seal_stops_the_pack_with_a_local_alert_and_no_hub_alert(
    session: StationSession, hub_sim: Any, disposal: SealDisposal
) -> None:
    assert session.check(scan("ACT03")).verdict.may_dispense
    hub_alerts = hub_sim.admin.stats()["alerts"]
    done = session.seal_broken(key("ACT03"), disposal)
    ((k, outcome),) = done.packs
    verdict = outcome.verdict
    assert k == key("ACT03") and not verdict.may_dispense and verdict.level is Level.WARN
    assert verdict.message_ids[0] == "local.seal_broken"
    alert = outcome.alert
    assert alert is not None and alert.alert_id.startswith("L-") and alert.source is AlertSource.LOCAL
    assert alert.return_code is None and alert.alert_class is None and alert.serial == "ACT03"
    assert "anti-tampering device is damaged" in alert.reason
    assert session.station.alert(alert.alert_id).status.value == "new"  # for follow-up
    assert hub_sim.admin.stats()["alerts"] == hub_alerts  # never a hub alert
    state = hub_sim.admin.pack(GTIN_A, "ACT03")["state"]
    if disposal is SealDisposal.DESTROY:
        assert state == "Destroyed" and verdict.message_ids[1] == "seal.destroyed"
        assert outcome.dispense_id and alert.dispense_id == outcome.dispense_id
        assert "destroyed" in alert.reason
    else:
        assert state == "Active" and verdict.message_ids[1] == "seal.returned"
        assert outcome.dispense_id is None and "Returned to stock" in alert.reason
    (entry,) = audit(session, SEAL_AUDIT_KIND)
    assert entry["disposal"] == disposal.value and entry["alert_id"] == alert.alert_id and entry["seal"] == "broken"
    # never dispensed: F9 skips it, a rescan shows the broken seal again, and nothing is supplied
    assert session.dispense([key("ACT03")]).packs == []
    again = session.check(scan("ACT03"))
    assert not again.verdict.may_dispense and again.extra.get("repeat")
    assert session.dispense([key("ACT03")]).packs == []
    assert hub_sim.admin.pack(GTIN_A, "ACT03")["state"] == state
    assert all(d["transaction"] != Transaction.SUPPLY.value for d in audit(session, "dispense"))
    with pytest.raises(InputError):  # once is enough
        session.seal_broken(key("ACT03"), disposal)


def test_the_destroy_offline_is_queued_and_said_so(session: StationSession, hub_sim: Any) -> None:
    session.check(scan("ACT04"))
    hub_sim.admin.faults(outage=True)
    outcome = session.seal_broken(key("ACT04"), SealDisposal.DESTROY).packs[0][1]
    assert outcome.verdict.level is Level.WARN and outcome.verdict.queue
    assert outcome.verdict.message_ids[1] == "seal.destroy_queued"
    assert session.station.pending_count() == 1
    hub_sim.admin.clear_faults()
    session.sync()
    assert hub_sim.admin.pack(GTIN_A, "ACT04")["state"] == "Destroyed"


def test_a_destroy_the_hub_refuses_is_red(session: StationSession, hub_sim: Any) -> None:
    session.check(scan("ACT05"))
    hub_sim.admin.seed([{"gtin": GTIN_A, "serial": "ACT05", "lot": "L1", "expiry": "2031-12-31",
                         "state": "Supplied"}])  # someone else supplied it after the check
    outcome = session.seal_broken(key("ACT05"), SealDisposal.DESTROY).packs[0][1]
    assert outcome.verdict.level is Level.STOP and not outcome.verdict.may_dispense
    assert outcome.verdict.message_ids[:2] == ["local.seal_broken", "seal.destroy_refused"]
    assert outcome.alert is not None and outcome.alert.alert_id.startswith("L-")


def test_only_a_checked_dispensable_pack_takes_a_broken_seal(session: StationSession) -> None:
    with pytest.raises(InputError):
        session.seal_broken(key("ACT06"), SealDisposal.RETURN)  # never checked
    session.check(scan("SUPPLIED1"))  # a STOP: not dispensable anyway
    with pytest.raises(InputError):
        session.seal_broken(key("SUPPLIED1"), SealDisposal.RETURN)
    session.check(scan("ACT07"))
    session.dispense([key("ACT07")])
    with pytest.raises(InputError):  # handed over already: that is an undo
        session.seal_broken(key("ACT07"), SealDisposal.RETURN)


def test_the_pure_rules() -> None:
    assert parse_disposal(" Destroy ") is SealDisposal.DESTROY and parse_disposal("return") is SealDisposal.RETURN
    with pytest.raises(ValueError, match="destroy"):
        parse_disposal("keep")
    returned = seal_broken_verdict(SealDisposal.RETURN)
    assert returned.level is Level.WARN and returned.alert_needed and returned.alert_class is None
    assert not returned.may_dispense and not returned.hub_asked and returned.transaction is Transaction.VERIFY
    assert seal_broken_verdict(SealDisposal.DESTROY, None).level is Level.STOP  # no destroy done
