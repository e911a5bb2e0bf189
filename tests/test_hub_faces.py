"""One suite, every hub face: the same pack states and return codes through each adapter and its
face of the simulator must give the same verdicts, alerts and records.

``FACES`` names the faces; :data:`FACE_CLIENTS` builds a client of that face for a station (add a
face by adding a builder: the securPharm adapter plugs in here). Everything runs through the real
workflow (station store, outbox, verdicts) against the real simulator over loopback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, GTIN_UNKNOWN

from dispense_app.workflow import ScanInput, Workflow

GS = "\x1d"
T0 = dt.datetime.now(dt.UTC).replace(microsecond=0)
NMVS_USER = "USER01"
NMVS_PASSWORD = "s3cret-pass"


def _fmd_rest(sim: Any, location: str, **kw: Any) -> Any:
    from dispense_app.hub.fmd_rest import FmdRestClient

    return FmdRestClient(sim.url, location_id=location, retries=kw.get("retries", 1), backoff_s=0.01)


def _nmvs_soap(sim: Any, location: str, **kw: Any) -> Any:
    from dispense_app.hub.nmvs_codes import NmvsChoices
    from dispense_app.hub.nmvs_soap import Credentials, NmvsSoapClient

    return NmvsSoapClient(
        sim.url + "/nmvs/soap",
        credentials=Credentials(location, NMVS_USER, NMVS_PASSWORD),
        choices=NmvsChoices.with_overrides(kw.get("choices")),
        retries=kw.get("retries", 1),
        backoff_s=0.01,
    )


#: face -> builder(simulator, location, **options) of a HubClient talking to that face
def _securpharm(sim: Any, location: str, **kw: Any) -> Any:
    from dispense_app.hub.securpharm import SecurPharmClient

    return SecurPharmClient(sim.url + "/securpharm", application_id=location, retries=kw.get("retries", 1),
                            backoff_s=0.01)


FACE_CLIENTS: dict[str, Callable[..., Any]] = {"fmd-rest": _fmd_rest, "nmvs-soap": _nmvs_soap,
                                               "securpharm": _securpharm}
FACES = list(FACE_CLIENTS)


def scan(serial: str, lot: str = "L1", gtin: str = GTIN_A, expiry: str = "311231", **kw: Any) -> ScanInput:
    return ScanInput(f"01{gtin}21{serial}{GS}10{lot}{GS}17{expiry}".encode(), **kw)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Any]:
    from dispense_app.store import Station

    st = Station.open(tmp_path / "home")
    st.settings.set("station.location", "PHARMACY-1")
    try:
        yield st
    finally:
        st.close()


@pytest.fixture(params=FACES)
def face(request: Any) -> str:
    return str(request.param)


@pytest.fixture
def client(face: str, hub_sim: Any, station: Any) -> Iterator[Any]:
    c = FACE_CLIENTS[face](hub_sim, station.location)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture
def wf(station: Any, client: Any) -> Workflow:
    return Workflow(station, client, operator="anna", clock=Clock(), tz=dt.UTC)


def seen(out: Any) -> tuple[Any, ...]:
    """What must not depend on the face: verdict, message ids, return code, state, alert class,
    whether an alert was recorded and with the hub's alert id."""
    doc = out.to_json()
    alert = out.alert
    return (
        doc["verdict"],
        tuple(doc["message_ids"]),
        doc["return_code"],
        doc["state"],
        doc["alert_class"],
        None if alert is None else (alert.return_code, alert.alert_class, alert.alert_id.startswith("L-")),
    )


# (serial, lot, expiry, gtin) -> the verdict, message ids, return code, state, alert class and alert
VERIFY_CASES: list[tuple[str, str, str, str, tuple[Any, ...]]] = [
    ("ACT01", "L1", "311231", GTIN_A, ("ok", "NMVS_SUCCESS", "Active", None, False)),
    ("SUPPLIED1", "L1", "311231", GTIN_A, ("stop", "NMVS_NC_PCK_22", "Supplied", None, False)),
    ("RECALL1", "RC1", "311231", GTIN_A, ("stop", "NMVS_FE_LOT_01", "Recalled", None, False)),
    ("WITHDRAWN1", "L1", "311231", GTIN_A, ("stop", "NMVS_NC_PCK_22", "Withdrawn", None, False)),
    ("DESTROYED1", "L1", "311231", GTIN_A, ("stop", "NMVS_NC_PCK_22", "Destroyed", None, False)),
    ("STOLEN1", "L1", "311231", GTIN_A, ("stop", "NMVS_NC_PCK_22", "Stolen", None, False)),
    ("LOCKED1", "L1", "311231", GTIN_A, ("stop", "NMVS_NC_PCK_22", "Locked", None, False)),
    ("NOSUCHSERIAL", "L1", "311231", GTIN_A, ("stop", "NMVS_NC_PC_02", None, "A3", True)),
    ("ACT02", "L1", "311231", GTIN_UNKNOWN, ("stop", "NMVS_NC_PC_01", None, None, False)),
    ("OTHERLOT1", "L1", "311231", GTIN_A, ("stop", "NMVS_FE_LOT_13", "Active", "A68", True)),
    ("ACT03", "ZZ9", "311231", GTIN_A, ("stop", "NMVS_FE_LOT_03", "Active", "A2", True)),
    ("ACT04", "L1", "301231", GTIN_A, ("stop", "NMVS_FE_LOT_12", "Active", "A52", True)),
]


@pytest.mark.parametrize(("serial", "lot", "expiry", "gtin", "expected"), VERIFY_CASES)
def test_verify_gives_the_same_answer_on_every_face(
    wf: Workflow, serial: str, lot: str, expiry: str, gtin: str, expected: tuple[Any, ...]
) -> None:
    out = wf.verify(scan(serial, lot, gtin, expiry))
    verdict, _ids, code, state, alert_class, alert = seen(out)
    assert (verdict, code, state, alert_class) == expected[:4]
    if expected[4]:
        assert alert is not None and alert[:2] == (code, alert_class)
        assert alert[2] is False  # the hub's alert id, not a local one
    else:
        assert alert is None or alert[1] is None  # no hub alert


DISPENSE_CASES: list[tuple[str, str, tuple[Any, ...]]] = [
    ("ACT05", "L1", ("ok", "NMVS_SUCCESS", "Supplied", None)),
    ("SUPPLIED1", "L1", ("stop", "NMVS_NC_PCK_19", "Supplied", "A7")),
    ("DESTROYED1", "L1", ("stop", "NMVS_NC_PCK_22", "Destroyed", "A24")),
    ("WITHDRAWN1", "L1", ("stop", "NMVS_NC_PCK_22", "Withdrawn", None)),
    ("RECALL1", "RC1", ("stop", "NMVS_FE_LOT_01", "Recalled", None)),
    ("NOSUCHSERIAL", "L1", ("stop", "NMVS_NC_PC_02", None, "A3")),
]


@pytest.mark.parametrize(("serial", "lot", "expected"), DISPENSE_CASES)
def test_dispense_gives_the_same_answer_and_record_on_every_face(
    wf: Workflow, station: Any, serial: str, lot: str, expected: tuple[Any, ...]
) -> None:
    (out,) = wf.dispense([scan(serial, lot)])
    verdict, _ids, code, state, alert_class, _alert = seen(out)
    assert (verdict, code, state, alert_class) == expected
    (record,) = [r for r in station.dispense_records(serial=serial)]
    assert record.return_code == code
    assert record.status.value == ("confirmed" if code == "NMVS_SUCCESS" else record.status.value)
    if code != "NMVS_SUCCESS":
        assert record.status.value in ("conflict", "rejected")


def test_every_face_records_the_same(hub_sim: Any, tmp_path: Path) -> None:
    """The whole scenario once per face, each on a fresh simulator: identical fingerprints."""
    from hub_fixtures import SIM_PACKS

    from dispense_app.store import Station

    prints: dict[str, list[Any]] = {}
    for name in FACES:
        hub_sim.reset(packs=SIM_PACKS, db_path=tmp_path / f"{name}.sqlite")
        st = Station.open(tmp_path / name)
        st.settings.set("station.location", "PHARMACY-1")
        client = FACE_CLIENTS[name](hub_sim, st.location)
        try:
            w = Workflow(st, client, operator="anna", clock=Clock(), tz=dt.UTC)
            outs = [wf_out for wf_out in w.dispense([scan("ACT06"), scan("SUPPLIED1"), scan("ACT07")])]
            outs.append(w.undo(scan("ACT06")))
            outs.append(w.verify(scan("ACT06")))
            outs.append(w.verify(scan("NOSUCHSERIAL")))
            records = [(r.pack.serial, r.status.value, r.return_code, r.hub_state) for r in st.dispense_records()]
            alerts = [(a.return_code, a.alert_class, a.request, a.serial) for a in st.alerts()]
            packs = [hub_sim.admin.pack(GTIN_A, s)["state"] for s in ("ACT06", "ACT07", "SUPPLIED1")]
            prints[name] = [[seen(o) for o in outs], records, alerts, packs, hub_sim.admin.stats()["alerts"]]
        finally:
            client.close()
            st.close()
    first = prints[FACES[0]]
    for name in FACES[1:]:
        assert prints[name] == first, name


def test_offline_dispenses_replay_through_the_face(
    face: str, wf: Workflow, station: Any, hub_sim: Any, client: Any
) -> None:
    from dispense_app.workflow.sender import replay

    hub_sim.admin.faults(outage=True)
    outs = wf.dispense([scan("ACT08"), scan("ACT09"), scan("ACT10")])
    assert [o.to_json()["queued"] for o in outs] == [True, True, True]
    # meanwhile another pharmacy supplies ACT10: the replay finds it Supplied (a conflict)
    hub_sim.admin.faults(outage=False)
    other = FACE_CLIENTS[face](hub_sim, "PHARMACY-2")
    try:
        from dispense_app.core.model import HubRequest, PackRef, ProductScheme, Transaction

        ref = PackRef(ProductScheme.GTIN, GTIN_A, "ACT10", "L1", dt.date(2031, 12, 31))
        assert other.transact(HubRequest(Transaction.SUPPLY, ref, "OTHER-PHARMACY-TRX-0001")).ok
    finally:
        other.close()
    report = replay(station, client)
    assert (report.sent, report.confirmed, report.conflicts, report.remaining) == (3, 2, 1, 0)
    statuses = {r.pack.serial: r.status.value for r in station.dispense_records()}
    assert statuses == {"ACT08": "confirmed", "ACT09": "confirmed", "ACT10": "conflict"}
    history = hub_sim.admin.pack(GTIN_A, "ACT08")["history"]
    assert [(h["transaction"], h["face"]) for h in history] == [("supply", face)]
    if face == "nmvs-soap":
        assert history[0]["code"] == "G120"  # sent in a mixed bulk G195 with reqType G120
    elif face == "securpharm":
        assert history[0]["code"] == "DECOMMISSION"  # the act as sent


def test_a_lost_answer_during_replay_never_decommissions_twice(
    wf: Workflow, station: Any, hub_sim: Any, client: Any
) -> None:
    from dispense_app.workflow.sender import replay

    hub_sim.admin.faults(outage=True)
    wf.dispense([scan("ACT11"), scan("ACT12")])
    hub_sim.admin.faults(outage=False, drop_responses=5)  # answers lost (carried out, 502)
    first = replay(station, client)
    assert first.remaining == 2 or first.confirmed == 2
    hub_sim.admin.faults(drop_responses=0)
    second = replay(station, client)
    assert second.remaining == 0
    assert {r.status.value for r in station.dispense_records()} == {"confirmed"}
    assert hub_sim.admin.stats()["alerts"] == 0  # no A7 from a double decommission
    for serial in ("ACT11", "ACT12"):
        assert len(hub_sim.admin.pack(GTIN_A, serial)["history"]) == 1


def test_bulk_destroy_and_undo_after_the_window(
    face: str, wf: Workflow, station: Any, hub_sim: Any, client: Any
) -> None:
    outs = wf.destroy([scan(f"ACT{i:02d}") for i in (13, 14, 15)], bulk=True)
    assert [seen(o)[:4] for o in outs] == [("ok", seen(outs[0])[1], "NMVS_SUCCESS", "Destroyed")] * 3
    (supplied,) = wf.dispense([scan("ACT16")])
    assert supplied.verdict.level.value == "ok"
    # the hub's clock is 11 days on, the station's only 9: the hub refuses the undo (NC_PCK_20)
    hub_sim.admin.advance_clock(11 * 24)
    assert isinstance(wf.clock, Clock)
    wf.clock.now = T0 + dt.timedelta(days=9)
    out = wf.undo(scan("ACT16"))
    verdict, _ids, code, state, _cls, _alert = seen(out)
    assert (verdict, code, state) == ("stop", "NMVS_NC_PCK_20", "Supplied")


def test_undo_within_the_window_refers_to_the_dispense(face: str, wf: Workflow, station: Any, hub_sim: Any) -> None:
    (done,) = wf.dispense([scan("ACT17")])
    out = wf.undo(scan("ACT17"))
    assert out.verdict.message_ids == ["ok.undone"]
    history = hub_sim.admin.pack(GTIN_A, "ACT17")["history"]
    assert [h["transaction"] for h in history] == ["supply", "undo-supply"]
    if face == "nmvs-soap":
        assert [h["code"] for h in history] == ["G120", "G121"]
    entry = station.outbox.entry(history[1]["client_trx_id"]) or station.outbox.entry(
        next(r.undo_client_trx_id for r in station.dispense_records(serial="ACT17"))
    )
    assert entry is not None and entry.ref_client_trx_id == done.client_trx_id


def test_undo_after_ten_days_is_refused_before_any_face_is_asked(wf: Workflow, hub_sim: Any) -> None:
    (done,) = wf.dispense([scan("ACT18")])
    assert done.verdict.level.value == "ok"
    assert isinstance(wf.clock, Clock)
    wf.clock.now = T0 + dt.timedelta(days=10, minutes=1)
    before = hub_sim.admin.stats()["requests"]
    out = wf.undo(scan("ACT18"))
    assert out.verdict.message_ids == ["local.undo_too_late"]
    assert hub_sim.admin.stats()["requests"] == before
    assert hub_sim.admin.pack(GTIN_A, "ACT18")["state"] == "Supplied"


def test_undo_queued_offline_behind_its_decommission_sends_the_right_trx(
    face: str, wf: Workflow, station: Any, hub_sim: Any, client: Any
) -> None:
    """Both queued while the hub is away: the undo's trx (securPharm) is only known once the
    decommission is answered, in the same replay: it is taken when the undo is claimed."""
    from dispense_app.workflow.sender import replay

    hub_sim.admin.faults(outage=True)
    (out,) = wf.dispense([scan("ACT18")])
    assert out.to_json()["queued"] is True
    undo = wf.undo(scan("ACT18"))
    assert undo.to_json()["queued"] is True
    hub_sim.admin.faults(outage=False)
    report = replay(station, client)
    assert (report.confirmed, report.conflicts, report.remaining) == (2, 0, 0)
    history = hub_sim.admin.pack(GTIN_A, "ACT18")["history"]
    assert [h["transaction"] for h in history] == ["supply", "undo-supply"]
    assert hub_sim.admin.pack(GTIN_A, "ACT18")["state"] == "Active"
