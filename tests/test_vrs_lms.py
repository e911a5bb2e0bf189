"""US VRS, GS1 US Lightweight Messaging 1.3 (issue 19): every reason code, additional-info value and
HTTP status of shared/protocols/vrs-lms-1.3.md against the simulator's /vrs face, through the adapter
and the verdict; the ATP credential and 403; 404 as routing; ExpirationExtended; checkConnectivity;
the suspect-product workflow started by a VRS answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_fixtures import GTIN_A, GTIN_B, GTIN_UNKNOWN

from dispense_app.core.model import HubRequestError, HubUnavailable, PackRef, ProductScheme, ReturnCode
from dispense_app.core.verdict import Level, VerdictInput, decide
from dispense_app.hub import atp
from dispense_app.hub.simulator import RunningSimulator
from dispense_app.hub.vrs import VrsClient
from dispense_app.workflow import ScanInput, Workflow

GLN = "0614141000005"
FAR = dt.date(2031, 12, 31)
GS = "\x1d"
NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)

REASONS = [
    # (verificationFailureReason, return code, message id)
    ("No_match_GTIN_Serial", ReturnCode.SERIAL_UNKNOWN, "vrs.no_match_serial"),
    ("No_match_GTIN_Serial_Lot", ReturnCode.BATCH_MISMATCH, "vrs.no_match_lot"),
    ("No_match_GTIN_Serial_Expiry", ReturnCode.EXPIRY_MISMATCH, "vrs.no_match_expiry"),
    ("No_match_GTIN_Serial_Lot_Expiry", ReturnCode.BATCH_MISMATCH, "vrs.no_match_lot_expiry"),
    ("Manufacturer_policy", ReturnCode.VRS_MANUFACTURER_POLICY, "vrs.manufacturer_policy"),
    ("No_reason_provided", ReturnCode.VRS_NO_REASON, "vrs.no_reason"),
    ("Not_for_re-distribution", ReturnCode.VRS_NOT_FOR_REDISTRIBUTION, "vrs.not_for_redistribution"),
]
INFOS = [
    # (additionalInfo, return code, verdict level, message id)
    ("Expired", ReturnCode.PACK_EXPIRED, Level.STOP, "vrs.expired"),
    ("ExpirationExtended", ReturnCode.SUCCESS, Level.WARN, "vrs.expiration_extended"),
    ("Recalled", ReturnCode.BATCH_RECALLED, Level.STOP, "vrs.recalled"),
    ("Suspect", ReturnCode.VRS_SUSPECT, Level.STOP, "vrs.suspect"),
    ("Illegitimate", ReturnCode.VRS_ILLEGITIMATE, Level.STOP, "vrs.illegitimate"),
]


def seed(sim: RunningSimulator, packs: list[dict[str, str]]) -> None:
    """Through the documented admin endpoint, so the seed columns are exercised as a user sends them."""
    with httpx.Client(base_url=sim.url) as raw:
        r = raw.post("/_admin/packs", json=packs)
        assert r.status_code == 200, r.text


def vpack(serial: str, gtin: str = GTIN_B, lot: str = "V1", expiry: dt.date = FAR) -> PackRef:
    return PackRef(ProductScheme.GTIN, gtin, serial, lot, expiry)


def row(serial: str, gtin: str = GTIN_B, lot: str = "V1", expiry: str = "2031-12-31", **vrs: str) -> dict[str, str]:
    return {"gtin": gtin, "serial": serial, "lot": lot, "expiry": expiry, **vrs}


@pytest.fixture
def vrs(hub_sim: RunningSimulator) -> Iterator[VrsClient]:
    with VrsClient(hub_sim.url + "/vrs", requester_gln=GLN, retries=0) as client:
        yield client


def verdict_of(reply: Any, pack_expiry: dt.date = FAR) -> Any:
    class P:
        ok = True
        gtin, ppn, pzn, serial, lot, expiry, errors = GTIN_B, None, None, "S", "V1", pack_expiry, []

    return decide(VerdictInput(now=NOW, pack=P(), hub=reply))  # type: ignore[arg-type]


# --- every verificationFailureReason ------------------------------------------------------------


@pytest.mark.parametrize(("reason", "code", "message"), REASONS)
def test_every_failure_reason(
    hub_sim: RunningSimulator, vrs: VrsClient, reason: str, code: ReturnCode, message: str
) -> None:
    seed(hub_sim, [row("R-" + reason[:15], vrs_reason=reason)])
    reply = vrs.verify(vpack("R-" + reason[:15]))
    assert reply.return_code is code and reply.http_status == 200
    assert reply.extra["verified"] == "false" and reply.extra["verificationFailureReason"] == reason
    v = verdict_of(reply)
    assert v.level is Level.STOP and v.reasons[0].id == message and v.alert_needed
    assert not v.may_dispense
    # Not_for_re-distribution and Manufacturer_policy are not "already inactive"
    assert "hub.already_inactive" not in v.message_ids and v.reasons[0].action()


# --- every additionalInfo -----------------------------------------------------------------------


@pytest.mark.parametrize(("info", "code", "level", "message"), INFOS)
def test_every_additional_info(
    hub_sim: RunningSimulator, vrs: VrsClient, info: str, code: ReturnCode, level: Level, message: str
) -> None:
    seed(hub_sim, [row("I-" + info, vrs_info=info)])
    reply = vrs.verify(vpack("I-" + info))
    assert reply.return_code is code and reply.extra["verified"] == "true" and reply.extra["additionalInfo"] == info
    v = verdict_of(reply)
    assert v.level is level and v.reasons[0].id == message


def test_info_with_a_failure_reason_says_both(hub_sim: RunningSimulator, vrs: VrsClient) -> None:
    seed(hub_sim, [row("BOTH1", vrs_reason="No_match_GTIN_Serial", vrs_info="Illegitimate")])
    reply = vrs.verify(vpack("BOTH1"))
    assert reply.return_code is ReturnCode.VRS_ILLEGITIMATE
    assert verdict_of(reply).message_ids == ["vrs.illegitimate", "vrs.no_match_serial"]


def test_verified_and_unseeded_answers(hub_sim: RunningSimulator, vrs: VrsClient) -> None:
    seed(hub_sim, [row("PLAIN1")])
    ok = vrs.verify(vpack("PLAIN1"))
    assert ok.ok and verdict_of(ok).message_ids == ["vrs.verified"] and verdict_of(ok).level is Level.OK
    # the pack's own data: a wrong lot is No_match_GTIN_Serial_Lot
    assert vrs.verify(vpack("PLAIN1", lot="V9")).extra["verificationFailureReason"] == "No_match_GTIN_Serial_Lot"


def test_expiration_extended_lifts_the_local_expiry_stop(hub_sim: RunningSimulator, vrs: VrsClient) -> None:
    past = dt.date(2026, 1, 31)
    seed(
        hub_sim, [row("EXT1", expiry=past.isoformat(), vrs_info="ExpirationExtended"), row("OLD1", expiry="2026-01-31")]
    )
    extended = verdict_of(vrs.verify(vpack("EXT1", expiry=past)), pack_expiry=past)
    assert extended.level is Level.WARN and extended.may_dispense
    assert "local.expired" not in extended.message_ids and extended.message_ids[0] == "vrs.expiration_extended"
    assert "31 Jan 2026" in extended.reasons[0].text()  # the note names the printed date
    # only that pack: another expired pack of the product stays a STOP
    other = verdict_of(vrs.verify(vpack("OLD1", expiry=past)), pack_expiry=past)
    assert other.level is Level.STOP and "local.expired" in other.message_ids


# --- every HTTP status --------------------------------------------------------------------------


def _gtin(status: int) -> str:
    from hub_fixtures import gtin_with_check

    return gtin_with_check(f"07{status}00000000")


@pytest.mark.parametrize("status", [400, 405])
def test_status_our_request_is_wrong(hub_sim: RunningSimulator, vrs: VrsClient, status: int) -> None:
    seed(hub_sim, [row("ST1", gtin=_gtin(status), vrs_status=str(status))])
    with pytest.raises(HubRequestError, match=str(status)) as err:
        vrs.verify(vpack("ST1", gtin=_gtin(status)))
    assert err.value.status == status


@pytest.mark.parametrize("status", [408, 500, 502, 503, 504])
def test_status_hub_trouble_is_offline(hub_sim: RunningSimulator, vrs: VrsClient, status: int) -> None:
    seed(hub_sim, [row("ST1", gtin=_gtin(status), vrs_status=str(status))])
    with pytest.raises(HubUnavailable) as err:
        vrs.verify(vpack("ST1", gtin=_gtin(status)))
    assert err.value.status == status and "VRS" in str(err.value)


def test_status_404_is_routing_not_unknown_product(hub_sim: RunningSimulator, vrs: VrsClient) -> None:
    for pack in (vpack("X", gtin=GTIN_UNKNOWN), vpack("ST1", gtin=_gtin(404))):
        seed(hub_sim, [row("ST1", gtin=_gtin(404), vrs_status="404")])
        reply = vrs.verify(pack)
        assert reply.return_code is ReturnCode.VRS_NO_ROUTE and reply.http_status == 404
        v = verdict_of(reply)
        assert v.message_ids == ["vrs.no_route"] and v.level is Level.WARN and not v.alert_needed
        text = v.reasons[0].text()
        assert "Lookup Directory" in text and "does not mean the product is unknown" in text
        assert "hub.product_unknown" not in v.message_ids


def test_status_401_and_403_are_replies_that_say_why(hub_sim: RunningSimulator, vrs: VrsClient) -> None:
    seed(hub_sim, [row("ST1", gtin=_gtin(401), vrs_status="401"), row("ST1", gtin=_gtin(403), vrs_status="403")])
    r401 = vrs.verify(vpack("ST1", gtin=_gtin(401)))
    assert r401.return_code is ReturnCode.VRS_NOT_AUTHENTICATED and verdict_of(r401).message_ids == [
        "vrs.not_authenticated"
    ]
    r403 = vrs.verify(vpack("ST1", gtin=_gtin(403)))  # this client has no ATP credential
    assert r403.return_code is ReturnCode.VRS_CREDENTIAL_REFUSED and r403.extra["vrs_403"] == "atp-missing"
    assert verdict_of(r403).message_ids == ["vrs.atp_missing"]
    assert "hub credentials set --atp-credential" in verdict_of(r403).next_action()


def test_200_is_the_only_status_with_a_body_and_405_for_other_methods(hub_sim: RunningSimulator) -> None:
    url = f"/vrs/verify/gtin/{GTIN_A}/lot/L1/ser/ACT01"
    h = {"GS1US-Version": "1.3.0"}
    with httpx.Client(base_url=hub_sim.url) as raw:
        assert raw.post(url, headers=h).status_code == 405
        assert raw.post(url, headers=h).content == b""
        assert raw.get(url, params={"context": "somethingElse"}, headers=h).status_code == 400
        assert raw.get(url, params={"linkType": "gs1:pip"}, headers=h).status_code == 400
        assert raw.get("/vrs/verify/gtin/123/lot/L1/ser/ACT01", headers=h).status_code == 400
        for context in ("dscsaSaleableReturn", "dscsaExceptionVerification"):
            assert raw.get(url, params={"context": context}, headers=h).status_code == 200


# --- the ATP credential -------------------------------------------------------------------------


def _vp(exp: dt.datetime) -> str:
    return atp.make_unsigned({"iss": "did:web:pharmacy.example", "exp": int(exp.timestamp()), "vp": {}})


def test_403_names_the_atp_problem(hub_sim: RunningSimulator) -> None:
    with httpx.Client(base_url=hub_sim.url) as raw:
        assert raw.post("/_admin/vrs", json={"atp_required": True}).json()["atp_required"] is True
    seed(hub_sim, [row("ATP1")])
    now = dt.datetime.now(dt.UTC)
    good, old = _vp(now + dt.timedelta(days=30)), _vp(now - dt.timedelta(days=1))
    with VrsClient(hub_sim.url + "/vrs", requester_gln=GLN, atp_credential=good, retries=0) as client:
        assert client.verify(vpack("ATP1")).ok  # sent in the header, accepted
    with VrsClient(hub_sim.url + "/vrs", requester_gln=GLN, retries=0) as client:
        assert client.verify(vpack("ATP1")).extra["vrs_403"] == "atp-missing"
    with VrsClient(hub_sim.url + "/vrs", requester_gln=GLN, atp_credential=old, retries=0) as client:
        reply = client.verify(vpack("ATP1"))
        assert reply.extra["vrs_403"] == "atp-expired" and reply.extra["atp_expiry"] == old_day(now)
        v = verdict_of(reply)
        assert v.message_ids == ["vrs.atp_expired"] and reply.extra["atp_expiry"] in v.reason()
    with httpx.Client(base_url=hub_sim.url) as raw:
        raw.post("/_admin/vrs", json={"revoke": [good]})
    with VrsClient(hub_sim.url + "/vrs", requester_gln=GLN, atp_credential=good, retries=0) as client:
        reply = client.verify(vpack("ATP1"))
        assert reply.extra["vrs_403"] == "refused" and verdict_of(reply).message_ids == ["vrs.forbidden"]
        assert "revoked" in verdict_of(reply).reason() and "Retrying does not help" in verdict_of(reply).next_action()
    assert hub_sim.state.tokens == {}  # no token refresh was attempted for a 403


def old_day(now: dt.datetime) -> str:
    return (now - dt.timedelta(days=1)).date().isoformat()


def test_atp_credential_from_the_keyring(hub_sim: RunningSimulator, memory_keyring: Any) -> None:
    from dispense_app.hub import credentials
    from dispense_app.hub.config import HubConfig
    from dispense_app.hub.factory import make_client

    url = hub_sim.url + "/vrs"
    vp = _vp(dt.datetime.now(dt.UTC) + dt.timedelta(days=5))
    credentials.set_secret("atp-credential", url, None, vp)
    client = make_client(HubConfig(url=url, type="vrs", requester_gln=GLN, atp_header="X-Custom-ATP"))
    try:
        assert isinstance(client, VrsClient) and client.atp_credential == vp and client.atp_header == "X-Custom-ATP"
        assert "***" in repr(credentials.load_secrets(url, None, want_atp=True))
    finally:
        client.close()


def test_atp_credential_must_be_a_jwt() -> None:
    with pytest.raises(atp.NotAJwt):
        atp.check("not-a-jwt")
    with pytest.raises(atp.NotAJwt):  # it travels in an HTTP header: nothing but base64url and dots
        atp.check(atp.make_unsigned({"exp": 1}) + "é")
    inner = atp.make_unsigned({"exp": 1_900_000_000})
    outer = atp.make_unsigned({"exp": 2_000_000_000, "vp": {"verifiableCredential": [inner]}})
    assert atp.expiry(outer) == dt.datetime.fromtimestamp(1_900_000_000, dt.UTC)  # the earliest inside


# --- checkConnectivity --------------------------------------------------------------------------


def test_check_connectivity(hub_sim: RunningSimulator, vrs: VrsClient) -> None:
    ok = vrs.check_connectivity(GTIN_A)
    assert ok.ok and ok.status == 200 and ok.responder_gln == hub_sim.state.responder_gln
    routing = vrs.check_connectivity(GTIN_UNKNOWN)
    assert not routing.ok and routing.status == 404 and "Lookup Directory" in routing.message
    assert vrs.check_connectivity().ok  # no GTIN configured: the VRS itself answers
    assert vrs.atp_credential_expiry() is None  # none stored
    when = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    with VrsClient(hub_sim.url + "/vrs", atp_credential=_vp(when), retries=0) as with_atp:
        assert with_atp.atp_credential_expiry() == when
    with VrsClient("http://127.0.0.1:9/vrs", retries=0, connect_timeout=0.5) as down:
        gone = down.check_connectivity(GTIN_A)
        assert not gone.ok and gone.status is None and gone.to_json()["ok"] is False


# --- context by what the user does, and the suspect workflow ----------------------------------


def scan(serial: str, gtin: str = GTIN_B, lot: str = "V1") -> ScanInput:
    return ScanInput(f"01{gtin}21{serial}{GS}10{lot}{GS}17311231".encode())


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Any]:
    from dispense_app.store import Station

    st = Station.open(tmp_path / "home")
    try:
        yield st
    finally:
        st.close()


def test_illegitimate_answer_starts_the_suspect_workflow(
    hub_sim: RunningSimulator, vrs: VrsClient, station: Any
) -> None:
    seed(hub_sim, [row("BAD1", vrs_info="Illegitimate")] + [row(f"SHELF{i}") for i in range(1, 5)])
    wf = Workflow(station, vrs, operator="anna", clock=lambda: NOW, tz=dt.UTC)
    out = wf.verify(scan("BAD1"))
    assert out.stop and out.reply is not None and out.reply.return_code is ReturnCode.VRS_ILLEGITIMATE
    doc = out.to_json()
    assert doc["return_code"] == "VRS_Illegitimate" and doc["alert_id"]
    (q,) = doc["quarantine"]
    assert q["status"] == "illegitimate" and q["this_pack"] and q["checks_required"] == 3
    assert q["report_due"] == (NOW + dt.timedelta(hours=24)).isoformat()
    rec = station.quarantine.get(q["id"])
    assert rec.alert_id == doc["alert_id"] and rec.corr_uuid == out.reply.extra["corrUUID"]
    # the other packs of the product and lot count as they are scanned (each once)
    for serial in ("SHELF1", "SHELF2", "SHELF2"):
        wf.verify(scan(serial))
    assert station.quarantine.get(q["id"]).checks_done == 2
    assert wf.verify(scan("SHELF3")).to_json()["quarantine"][0]["checks_done"] == 3
    kinds = [e.kind for e in station.audit.entries()]
    assert kinds.count("quarantine") == 1 and kinds.count("quarantine-check") == 3 and "alert" in kinds


def test_suspect_answers_quarantine_as_suspect(hub_sim: RunningSimulator, vrs: VrsClient, station: Any) -> None:
    seed(
        hub_sim,
        [
            row("SUS1", vrs_info="Suspect"),
            row("NFR1", vrs_reason="Not_for_re-distribution"),
            row("POL1", vrs_reason="Manufacturer_policy"),
        ],
    )
    wf = Workflow(station, vrs, operator="anna", clock=lambda: NOW, tz=dt.UTC)
    for serial in ("SUS1", "NFR1"):
        assert wf.verify(scan(serial)).to_json()["quarantine"][-1]["status"] == "suspect"
    assert "quarantine" not in wf.verify(scan("POL1", lot="ZZ")).to_json()  # a policy answer: no record
    assert {r.serial for r in station.quarantine.records()} == {"SUS1", "NFR1"}


def test_context_follows_what_the_user_does(hub_sim: RunningSimulator, station: Any) -> None:
    seen: list[str] = []

    class Spy(VrsClient):
        def request_for(self, pack: PackRef, *, purpose: str = "check", corr: str | None = None) -> Any:
            path, params = super().request_for(pack, purpose=purpose, corr=corr)
            seen.append(params["context"])
            return path, params

    seed(hub_sim, [row("CTX1")])
    with Spy(hub_sim.url + "/vrs", requester_gln=GLN, retries=0) as client:
        wf = Workflow(station, client, operator="anna", clock=lambda: NOW, tz=dt.UTC)
        wf.verify(scan("CTX1"))
        wf.dispense([scan("CTX1")])
        back = wf.undo(scan("CTX1"))  # a pack taken back into saleable stock
    assert seen == ["dscsaExceptionVerification", "dscsaExceptionVerification", "dscsaSaleableReturn"]
    assert back.verdict.level is Level.OK and back.extra["verify_only_hub"]


def test_seed_refuses_unknown_vrs_values(hub_sim: RunningSimulator) -> None:
    with httpx.Client(base_url=hub_sim.url) as raw:
        for bad in ({"vrs_reason": "Because"}, {"vrs_info": "recalled!"}, {"vrs_status": "418"}):
            r = raw.post("/_admin/packs", json=[row("BADSEED", **bad)])
            assert r.status_code in (400, 422) and "vrs_" in r.text


# --- the command line, end to end ---------------------------------------------------------------


def test_cli_verify_on_a_vrs_station_quarantines(
    hub_sim: RunningSimulator, home: Path, memory_keyring: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from dispense_app.cli import main

    seed(hub_sim, [row("CLI-BAD", vrs_info="Illegitimate"), row("CLI-OK")])
    assert main(["hub", "configure", "--type", "vrs", "--url", hub_sim.url + "/vrs", "--gln", GLN]) == 0
    capsys.readouterr()
    assert main(["verify", "--json", f"01{GTIN_B}21CLI-BAD\\x1d10V1\\x1d17311231"]) == 1  # STOP
    doc = json.loads(capsys.readouterr().out)
    assert doc["verdict"] == "stop" and doc["return_code"] == "VRS_Illegitimate" and doc["alert_id"]
    assert doc["quarantine"][0]["status"] == "illegitimate" and doc["message_ids"] == ["vrs.illegitimate"]
    assert main(["verify", "--json", f"01{GTIN_B}21CLI-OK\\x1d10V1\\x1d17311231"]) == 0
    ok = json.loads(capsys.readouterr().out)
    assert ok["verdict"] == "ok" and ok["quarantine"][0]["checks_done"] == 1  # counted for the open record
    assert main(["quarantine", "list", "--json"]) == 0
    (listed,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert listed["serial"] == "CLI-BAD" and listed["checked_serials"] == ["CLI-OK"] and listed["report_due"]


def test_packs_csv_carries_the_vrs_columns(tmp_path: Path) -> None:
    from dispense_app.hub.simulator.seed import load_packs_csv

    csv_file = tmp_path / "packs.csv"
    csv_file.write_text(
        "gtin,serial,lot,expiry,state,vrs_reason,vrs_info,vrs_status\n"
        f"{GTIN_B},A1,V1,2031-12-31,Active,No_match_GTIN_Serial_Lot,Suspect,\n"
        f"{GTIN_A},A2,V1,2031-12-31,Active,,,404\n",
        encoding="utf-8",
    )
    first, second = load_packs_csv(csv_file)
    assert (first.vrs_reason, first.vrs_info, first.vrs_status) == ("No_match_GTIN_Serial_Lot", "Suspect", None)
    assert second.vrs_status == 404


def test_cli_configures_the_vrs_and_its_atp_credential(
    home: Path, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import json

    from dispense_app.cli import main
    from dispense_app.hub import credentials

    url = "https://vrs.example.org/api"
    assert main(["hub", "configure", "--type", "vrs", "--url", url, "--gln", "0614141000006"]) == 2  # check digit
    assert "GLN" in capsys.readouterr().err
    assert main(["hub", "configure", "--type", "vrs", "--url", url, "--gln", GLN, "--atp-header", "X-ATP"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("not a jwt\n"))
    assert main(["hub", "credentials", "set", "--atp-credential", "--stdin"]) == 2
    assert "JWT" in capsys.readouterr().err and memory_keyring.store == {}
    vp = _vp(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    monkeypatch.setattr("sys.stdin", io.StringIO(vp + "\n"))
    assert main(["hub", "credentials", "set", "--atp-credential", "--stdin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stored"] == "atp-credential"
    assert credentials.get_secret("atp-credential", url, None) == vp
    assert main(["hub", "credentials", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["atp_credential"] == "set" and vp not in json.dumps(shown)
    assert vp not in (home / "hub.json").read_text(encoding="utf-8")  # the secret never in a file


def test_offline_vrs_says_nothing_is_queued(hub_sim: RunningSimulator, station: Any) -> None:
    with VrsClient("http://127.0.0.1:9/vrs", retries=0, connect_timeout=0.5) as down:
        wf = Workflow(station, down, operator="anna", clock=lambda: NOW, tz=dt.UTC)
        out = wf.verify(scan("ANY1"))
        (dispensed,) = wf.dispense([scan("ANY2")])
    assert out.verdict.offline and out.verdict.message_ids == ["offline.vrs_not_verified"]
    assert "nothing is queued" in out.verdict.reason() and not out.verdict.queue
    assert dispensed.verdict.message_ids == ["offline.vrs_not_verified"] and station.pending_count() == 0
