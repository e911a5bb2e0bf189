"""OAuth2 client credentials (token caching, expiry, refresh) and the US VRS verify endpoint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
from hub_fixtures import GTIN_A, GTIN_UNKNOWN, SIM_PACKS

from dispense_app.core.model import (
    HubAuthError,
    HubRequest,
    HubRequestError,
    PackRef,
    ProductScheme,
    ReturnCode,
    Transaction,
    TransactionNotSupported,
)
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.simulator import AuthConfig, RunningSimulator, start_simulator
from dispense_app.hub.vrs import VrsClient

CLIENT_ID, SECRET = "pharmacy-1", "correct horse battery staple"
FAR = dt.date(2031, 12, 31)


@pytest.fixture
def auth_sim() -> Iterator[RunningSimulator]:
    with start_simulator(packs=SIM_PACKS, auth=AuthConfig(CLIENT_ID, SECRET, token_ttl_s=600)) as sim:
        yield sim


def pack(serial: str = "ACT01", lot: str | None = "L1", expiry: dt.date | None = FAR) -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, lot, expiry)


def token_requests(sim: RunningSimulator) -> int:
    return len(sim.state.tokens)


def test_token_cached_and_refreshed_after_expiry(auth_sim: RunningSimulator) -> None:
    with FmdRestClient(auth_sim.url, client_id=CLIENT_ID, client_secret=SECRET, location_id="P1") as client:
        for _ in range(3):
            assert client.verify(pack()).ok
        assert token_requests(auth_sim) == 1
        auth_sim.admin.advance_clock(1)  # the hub's token expired (the client's cache does not know yet)
        assert client.transact(HubRequest(Transaction.SUPPLY, pack("ACT02"), "t1")).ok  # 401 -> new token -> ok
        assert token_requests(auth_sim) == 2
    assert len(auth_sim.admin.pack(GTIN_A, "ACT02")["history"]) == 1


def test_missing_or_bad_token_is_401(auth_sim: RunningSimulator) -> None:
    with httpx.Client(base_url=auth_sim.url) as raw:
        h = {"X-Data-Entry-Mode": "scan"}
        r = raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01", headers=h)
        assert r.status_code == 401 and "Bearer" in r.headers["www-authenticate"]
        r = raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01", headers={**h, "Authorization": "Bearer nope"})
        assert r.status_code == 401
        tok = raw.post(
            "/oauth/token", data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": SECRET}
        )
        assert tok.status_code == 200 and tok.json()["token_type"] == "Bearer" and tok.json()["expires_in"] == 600
        bearer = {"Authorization": f"Bearer {tok.json()['access_token']}"}
        assert raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01", headers={**h, **bearer}).status_code == 200
        auth_sim.admin.advance_clock(0.2)  # 12 minutes > 600 s
        expired = raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01", headers={**h, **bearer})
        assert expired.status_code == 401 and "expired" in expired.json()["detail"]
        bad_grant = raw.post("/oauth/token", data={"grant_type": "password"}, auth=(CLIENT_ID, SECRET))
        assert bad_grant.status_code == 400


def test_wrong_secret_or_no_credentials_is_auth_error(auth_sim: RunningSimulator) -> None:
    with (
        FmdRestClient(auth_sim.url, client_id=CLIENT_ID, client_secret="wrong") as client,
        pytest.raises(HubAuthError, match="credentials"),
    ):
        client.verify(pack())
    with FmdRestClient(auth_sim.url) as anonymous, pytest.raises(HubAuthError):
        anonymous.verify(pack())


# --- VRS -------------------------------------------------------------------------------------------


@pytest.fixture
def vrs(hub_sim: RunningSimulator) -> Iterator[VrsClient]:
    with VrsClient(hub_sim.url + "/vrs", requester_gln="4000001000005", retries=0) as client:
        yield client


def test_vrs_verified(vrs: VrsClient) -> None:
    r = vrs.verify(pack())
    assert r.ok and r.extra["verified"] == "true" and r.extra["responderGLN"]
    assert r.server_ms is not None


@pytest.mark.parametrize(
    ("serial", "lot", "expiry", "code", "reason"),
    [
        ("NOSUCH", "L1", FAR, ReturnCode.SERIAL_UNKNOWN, "No_match_GTIN_Serial"),
        ("ACT01", "L2", FAR, ReturnCode.BATCH_MISMATCH, "No_match_GTIN_Serial_Lot"),
        ("ACT01", "L1", dt.date(2030, 1, 31), ReturnCode.EXPIRY_MISMATCH, "No_match_GTIN_Serial_Expiry"),
        ("ACT01", "L2", dt.date(2030, 1, 31), ReturnCode.BATCH_MISMATCH, "No_match_GTIN_Serial_Lot_Expiry"),
        # not "already inactive" (issue 19): suspect product the manufacturer does not want redistributed
        ("DESTROYED1", "L1", FAR, ReturnCode.VRS_NOT_FOR_REDISTRIBUTION, "Not_for_re-distribution"),
    ],
)
def test_vrs_failures(vrs: VrsClient, serial: str, lot: str, expiry: dt.date, code: ReturnCode, reason: str) -> None:
    r = vrs.verify(pack(serial, lot, expiry))
    assert r.return_code is code
    assert r.extra["verified"] == "false" and r.extra["verificationFailureReason"] == reason


def test_vrs_additional_info(vrs: VrsClient) -> None:
    recalled = vrs.verify(pack("RECALL1", "RC1"))
    assert recalled.return_code is ReturnCode.BATCH_RECALLED and recalled.extra["additionalInfo"] == "Recalled"
    expired = vrs.verify(pack("EXPIRED1", "LX", dt.date(2020, 1, 31)))
    assert expired.return_code is ReturnCode.PACK_EXPIRED and expired.extra["additionalInfo"] == "Expired"
    stolen = vrs.verify(pack("STOLEN1"))
    assert stolen.extra["additionalInfo"] == "Suspect" and stolen.extra["verified"] == "false"
    assert stolen.return_code is ReturnCode.VRS_SUSPECT


def test_vrs_unknown_gtin_404(vrs: VrsClient) -> None:
    r = vrs.verify(PackRef(ProductScheme.GTIN, GTIN_UNKNOWN, "X", "L1", FAR))
    # a routing problem (not in the Lookup Directory), not "product unknown" (issue 19)
    assert r.return_code is ReturnCode.VRS_NO_ROUTE and r.http_status == 404 and r.extra["vrs_status"] == "404"


def test_vrs_is_verify_only(vrs: VrsClient, hub_sim: RunningSimulator) -> None:
    with pytest.raises(TransactionNotSupported, match="verify only"):
        vrs.transact(HubRequest(Transaction.SUPPLY, pack(), "t1"))
    with pytest.raises(TransactionNotSupported):
        vrs.bulk([HubRequest(Transaction.VERIFY, pack(), ""), HubRequest(Transaction.DESTROY, pack(), "t2")])
    assert hub_sim.admin.pack(GTIN_A, "ACT01")["state"] == "Active"
    assert vrs.transact(HubRequest(Transaction.VERIFY, pack(), "")).ok
    with pytest.raises(HubRequestError, match="batch"):
        vrs.verify(pack(lot=None))


def test_vrs_raw_protocol(hub_sim: RunningSimulator) -> None:
    url = f"/vrs/verify/gtin/{GTIN_A}/lot/L1/ser/ACT01"
    params = {
        "exp": "311231",
        "linkType": "verificationService",
        "context": "dscsaSaleableReturn",
        "reqGLN": "4000001000005",
        "corrUUID": "c0ffee00-0000-4000-8000-000000000001",
    }
    with httpx.Client(base_url=hub_sim.url) as raw:
        assert raw.get(url, params=params).status_code == 400  # no GS1US-Version header
        r = raw.get(url, params=params, headers={"GS1US-Version": "1.3.0"})
        body = r.json()
        assert r.status_code == 200 and body["corrUUID"] == params["corrUUID"] and body["data"] == {"verified": True}
        assert body["verificationTimestamp"].endswith("Z")
        missing = raw.get(
            f"/vrs/verify/gtin/{GTIN_UNKNOWN}/lot/L1/ser/X", params=params, headers={"GS1US-Version": "1.3.0"}
        )
        assert missing.status_code == 404 and missing.content == b""
    assert hub_sim.admin.stats()["vrs"] == {"verified": 1, "404": 1}


def test_vrs_expired_token_is_401_then_refresh(auth_sim: RunningSimulator) -> None:
    """An expired OAuth2 token is a 401 (one refresh); 403 is kept for permission/ATP problems."""
    with VrsClient(auth_sim.url + "/vrs", client_id=CLIENT_ID, client_secret=SECRET) as client:
        assert client.verify(pack()).ok
        auth_sim.admin.advance_clock(1)
        assert client.verify(pack()).ok  # 401 (expired) -> new token
    assert token_requests(auth_sim) == 2
    with httpx.Client(base_url=auth_sim.url) as raw:
        r = raw.get(f"/vrs/verify/gtin/{GTIN_A}/lot/L1/ser/ACT01", headers={"GS1US-Version": "1.3.0"})
        assert r.status_code == 401 and r.content == b""


def test_make_client_picks_the_adapter(hub_sim: RunningSimulator, memory_keyring) -> None:
    from dispense_app.hub.config import HubConfig
    from dispense_app.hub.factory import make_client

    fmd = make_client(HubConfig(url=hub_sim.url, location_id="P9"))
    vrs = make_client(HubConfig(url=hub_sim.url + "/vrs", type="vrs", requester_gln="4000001000005"))
    try:
        assert isinstance(fmd, FmdRestClient) and isinstance(vrs, VrsClient)
        assert fmd.transact(HubRequest(Transaction.SUPPLY, pack("ACT03"), "mk-1")).ok
        assert hub_sim.admin.pack(GTIN_A, "ACT03")["history"][0]["location"] == "P9"
        assert vrs.verify(pack("ACT04")).ok
    finally:
        fmd.close()
        vrs.close()
    assert memory_keyring.store == {}  # no credentials configured, none looked up or stored
