"""The securPharm adapter against the simulator's real ``/securpharm`` face (loopback HTTP).

Login (token endpoint, renewal before expiry), verify / decommission / undo with ``trx``, PPN
packs, the raw-code ``/uis`` variant, the reasons list, SP-901 on the offline path, the choices
table and the simulator's leniency. The wire format itself is checked independently of the adapter
in tests/test_hub_securpharm_wire.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hub_fixtures import GTIN_A, PPN_A, far_date

from dispense_app.core.model import (
    HubRequest,
    HubRequestError,
    HubUnavailable,
    PackRef,
    PackState,
    ProductScheme,
    ReturnCode,
    Transaction,
    TransactionNotSupported,
)
from dispense_app.hub.securpharm import SecurPharmClient, expiry_text, parse_expiry
from dispense_app.hub.securpharm_choices import EMERGENCY_PROCEDURE_DE, SecurPharmChoices

SID = "5b1e0c1a-0000-4000-8000-000000000001"


def make(url: str, **kw: Any) -> SecurPharmClient:
    return SecurPharmClient(f"{url}/securpharm", application_id=SID, retries=1, backoff_s=0.01, **kw)


@pytest.fixture
def sp(hub_sim: Any) -> Iterator[SecurPharmClient]:
    client = make(hub_sim.url)
    try:
        yield client
    finally:
        client.close()


def pack(serial: str, lot: str | None = "L1", expiry: dt.date | None = None) -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, lot, expiry or far_date())


def test_verify_active_pack(sp: SecurPharmClient) -> None:
    reply = sp.verify(pack("ACT01"))
    assert reply.ok and reply.state is PackState.ACTIVE
    assert reply.extra["res.cod"] == "SP-000" and reply.extra["pack.state"] == "ACTIVE"
    assert reply.hub_trx_id and reply.client_trx_id  # tx{ctx, stx}
    assert reply.lot == "L1" and reply.expiry == far_date()


@pytest.mark.parametrize(
    ("serial", "lot", "code", "state"),
    [
        ("SUPPLIED1", "L1", ReturnCode.ALREADY_INACTIVE, PackState.SUPPLIED),
        ("CHECKEDOUT1", "L1", ReturnCode.ALREADY_INACTIVE, PackState.CHECKED_OUT),
        ("RECALL1", "RC1", ReturnCode.BATCH_RECALLED, PackState.RECALLED),
        ("NOSUCH", "L1", ReturnCode.SERIAL_UNKNOWN, None),
        ("ACT02", "WRONG", ReturnCode.BATCH_UNKNOWN, PackState.ACTIVE),
        ("ACT02", "L2", ReturnCode.BATCH_MISMATCH, PackState.ACTIVE),
    ],
)
def test_verify_inactive_and_refused(
    sp: SecurPharmClient, serial: str, lot: str, code: ReturnCode, state: PackState | None
) -> None:
    reply = sp.verify(pack(serial, lot))
    assert reply.return_code is code
    assert reply.state is state
    if state not in (None, PackState.ACTIVE):
        assert reply.extra["pack.state"] == "INACTIVE"
        assert reply.extra["reasons"].split(",")[0] == state.value.upper().replace("CHECKEDOUT", "CHECKED_OUT")


def test_reasons_beyond_the_state_word_are_the_reply_reason(sp: SecurPharmClient, hub_sim: Any) -> None:
    hub_sim.admin.recall(GTIN_A, "L2")
    reply = sp.verify(pack("OTHERLOT1", "L2"))
    assert reply.return_code is ReturnCode.BATCH_RECALLED and reply.state is PackState.RECALLED
    assert reply.reason == "batch L2 recalled"
    assert reply.extra["reasons"] == "RECALLED,batch L2 recalled"


def test_decommission_then_undo_with_trx(sp: SecurPharmClient, hub_sim: Any) -> None:
    trx = str(uuid.uuid4())
    done = sp.transact(HubRequest(Transaction.SUPPLY, pack("ACT03"), trx))
    assert done.ok and done.state is PackState.SUPPLIED and done.hub_trx_id
    assert hub_sim.admin.pack(GTIN_A, "ACT03")["state"] == "Supplied"
    # a retry with the same ctx is answered idempotently, with the same server transaction id
    again = sp.transact(HubRequest(Transaction.SUPPLY, pack("ACT03"), trx))
    assert again.ok and again.hub_trx_id == done.hub_trx_id
    undo = HubRequest(Transaction.UNDO_SUPPLY, pack("ACT03"), str(uuid.uuid4()), ref_hub_trx_id=done.hub_trx_id)
    back = sp.transact(undo)
    assert back.ok and back.state is PackState.ACTIVE
    history = hub_sim.admin.pack(GTIN_A, "ACT03")["history"]
    assert [h["transaction"] for h in history] == ["supply", "undo-supply"]


def test_undo_needs_the_decommissions_trx(sp: SecurPharmClient, hub_sim: Any) -> None:
    done = sp.transact(HubRequest(Transaction.SUPPLY, pack("ACT04"), str(uuid.uuid4())))
    with pytest.raises(HubRequestError, match="trx"):
        sp.transact(HubRequest(Transaction.UNDO_SUPPLY, pack("ACT04"), str(uuid.uuid4())))
    other = sp.transact(HubRequest(Transaction.SUPPLY, pack("ACT05"), str(uuid.uuid4())))
    with pytest.raises(HubRequestError, match=r"SP-140|refused|trx"):
        sp.transact(
            HubRequest(Transaction.UNDO_SUPPLY, pack("ACT04"), str(uuid.uuid4()), ref_hub_trx_id=other.hub_trx_id)
        )
    assert done.ok and hub_sim.admin.pack(GTIN_A, "ACT04")["state"] == "Supplied"


def test_undo_after_ten_days_is_refused(sp: SecurPharmClient, hub_sim: Any) -> None:
    done = sp.transact(HubRequest(Transaction.SUPPLY, pack("ACT06"), str(uuid.uuid4())))
    hub_sim.admin.advance_clock(241)
    reply = sp.transact(
        HubRequest(Transaction.UNDO_SUPPLY, pack("ACT06"), str(uuid.uuid4()), ref_hub_trx_id=done.hub_trx_id)
    )
    assert reply.return_code is ReturnCode.UNDO_TOO_LATE


def test_undo_from_another_application_is_another_location(sp: SecurPharmClient, hub_sim: Any) -> None:
    done = sp.transact(HubRequest(Transaction.SUPPLY, pack("ACT07"), str(uuid.uuid4())))
    other = SecurPharmClient(f"{hub_sim.url}/securpharm", application_id="other-app", retries=0)
    try:
        reply = other.transact(
            HubRequest(Transaction.UNDO_SUPPLY, pack("ACT07"), str(uuid.uuid4()), ref_hub_trx_id=done.hub_trx_id)
        )
    finally:
        other.close()
    assert reply.return_code is ReturnCode.UNDO_OTHER_LOCATION


def test_ppn_pack_is_first_class(sp: SecurPharmClient, hub_sim: Any) -> None:
    ppn = PackRef(ProductScheme.PPN, PPN_A, "ACT08", "L1", far_date())
    assert sp.verify(ppn).ok
    done = sp.transact(HubRequest(Transaction.SUPPLY, ppn, str(uuid.uuid4())))
    assert done.ok and hub_sim.admin.pack(GTIN_A, "ACT08")["state"] == "Supplied"
    # supplied through /securpharm is supplied through /v1 too
    resp = httpx.get(
        f"{hub_sim.url}/v1/packs/GTIN/{GTIN_A}/ACT08", headers={"X-Data-Entry-Mode": "scan"}, params={"batch": "L1"}
    )
    assert resp.json()["state"] == "Supplied"


def test_raw_code_variant_uis(sp: SecurPharmClient) -> None:
    raw = "[)>\x1e06\x1d9N111234568408\x1d1T47U5217\x1dD220800\x1dS18019731537612\x1e\x04"
    reply = sp.decode(raw)
    assert reply.extra["res.cod"] == "SP-030" and reply.ok
    assert reply.lot == "47U5217" and reply.expiry == dt.date(2022, 8, 31)


def test_sp901_goes_the_offline_path_with_the_emergency_procedure(sp: SecurPharmClient, hub_sim: Any) -> None:
    hub_sim.admin.faults(outage=True)
    with pytest.raises(HubUnavailable) as err:
        sp.verify(pack("ACT09"))
    assert "not available" in str(err.value) and "securpharm-status.de" in str(err.value)
    assert EMERGENCY_PROCEDURE_DE in str(err.value)


def test_sp901_on_a_200_is_offline_too() -> None:
    from dispense_app.hub.securpharm import reply_from_json

    body = {"res": {"cod": "SP-901", "mes": "System nicht verfügbar"}}
    with pytest.raises(HubUnavailable, match="SP-901"):
        reply_from_json(body, http_status=200, timing=None, choices=SecurPharmChoices())


def test_token_is_renewed_before_it_expires(hub_sim: Any) -> None:
    hub_sim.state.securpharm_token_ttl_s = 40  # renewed 20 s before the end (margin min(30, ttl/2))
    client = make(hub_sim.url)
    try:
        client.verify(pack("ACT10"))
        client.verify(pack("ACT10"))
        assert client._t.logins == 1
        hub_sim.admin.advance_clock(25 / 3600)  # the server's clock; the client's margin is monotonic
        client._t._token_expires = 0.0  # as if 20 s had passed on the client's clock
        client.verify(pack("ACT10"))
        assert client._t.logins == 2
    finally:
        client.close()


def test_an_expired_token_is_fetched_again_once(hub_sim: Any) -> None:
    client = make(hub_sim.url)
    try:
        client.verify(pack("ACT10"))
        hub_sim.admin.advance_clock(1)  # the server's token expired, the client does not know yet
        assert client.verify(pack("ACT10")).ok
        assert client._t.logins == 2
    finally:
        client.close()


def test_login_is_refused_without_the_form_fields(hub_sim: Any) -> None:
    resp = httpx.post(
        f"{hub_sim.url}/securpharm/auth/realms/any/protocol/openid-connect/token", data={"grant_type": "x"}
    )
    assert resp.status_code == 400 and resp.json()["error"] == "invalid_request"


def test_any_realm_is_accepted(hub_sim: Any) -> None:
    client = make(hub_sim.url, choices=SecurPharmChoices.from_options({"realm": "apotheken"}))
    try:
        assert client.token_url.endswith("/auth/realms/apotheken/protocol/openid-connect/token")
        assert client.verify(pack("ACT11")).ok
    finally:
        client.close()


def test_calls_without_a_token_are_refused(hub_sim: Any) -> None:
    resp = httpx.get(f"{hub_sim.url}/securpharm/products/{GTIN_A}/packs/QUNUMTE", params={"ctx": "x", "sid": "y"})
    assert resp.status_code == 401


@pytest.mark.parametrize(
    "options",
    [{}, {"alphabet": "urlsafe"}, {"padding": "true"}, {"alphabet": "urlsafe", "padding": "true"}],
)
def test_simulator_takes_every_base64_variant(hub_sim: Any, options: dict[str, str]) -> None:
    # a serial whose base64 has "+" and "/" in the standard alphabet and needs padding
    hub_sim.admin.seed([{"gtin": GTIN_A, "serial": "??>???a", "lot": "L1?>", "expiry": "2031-12-31"}])
    client = make(hub_sim.url, choices=SecurPharmChoices.from_options(options))
    try:
        encoded = client.choices.b64("??>???a")
        assert ("=" in encoded) == (options.get("padding") == "true")
        assert client.verify(PackRef(ProductScheme.GTIN, GTIN_A, "??>???a", "L1?>", far_date())).ok
    finally:
        client.close()


def test_act_vocabulary_is_configurable(hub_sim: Any) -> None:
    client = make(hub_sim.url, choices=SecurPharmChoices.from_options({"act.supply": "DISPENSE", "act.destroy": ""}))
    try:
        assert client.transact(HubRequest(Transaction.SUPPLY, pack("ACT12"), str(uuid.uuid4()))).ok
        with pytest.raises(TransactionNotSupported):
            client.transact(HubRequest(Transaction.DESTROY, pack("ACT13"), str(uuid.uuid4())))
    finally:
        client.close()


def test_bad_options_are_refused() -> None:
    for bad in ({"alphabet": "base32"}, {"act.fly": "X"}, {"nonsense": "1"}, {"code.SP-5": "NOPE"}):
        with pytest.raises(ValueError):
            SecurPharmChoices.from_options(bad)


def test_result_codes_of_a_real_server_can_be_mapped() -> None:
    from dispense_app.hub.securpharm import reply_from_json

    choices = SecurPharmChoices.from_options({"code.SP-777": "NMVS_NC_PCK_22"})
    body = {"res": {"cod": "SP-777"}, "pack": {"sn": "X", "state": "FRAUD", "reasons": ["SUPPLIED"]}}
    reply = reply_from_json(body, http_status=200, timing=None, choices=choices)
    assert reply.return_code is ReturnCode.ALREADY_INACTIVE and reply.state is PackState.SUPPLIED
    # an unlisted code on a 200: the pack state speaks
    body = {"res": {"cod": "SP-555"}, "pack": {"sn": "X", "state": "ACTIVE", "reasons": None}}
    assert reply_from_json(body, http_status=200, timing=None, choices=SecurPharmChoices()).ok
    with pytest.raises(HubRequestError):
        reply_from_json({"res": {"cod": "SP-555"}}, http_status=400, timing=None, choices=SecurPharmChoices())


def test_expiry_formats() -> None:
    choices = SecurPharmChoices()
    assert expiry_text(dt.date(2031, 12, 31), choices) == "311200"
    assert expiry_text(dt.date(2031, 12, 30), choices) == "311230"
    assert expiry_text(dt.date(2028, 2, 29), SecurPharmChoices.from_options({"month_end_day00": "no"})) == "280229"
    assert parse_expiry("220800") == dt.date(2022, 8, 31)
    assert parse_expiry("2022-08-15") == dt.date(2022, 8, 15)
    assert parse_expiry("22-08") is None


def test_b64_is_standard_unpadded_by_default() -> None:
    assert SecurPharmChoices().b64("??>???a") == base64.b64encode(b"??>???a").decode().rstrip("=")


def test_product_lookups_cost_no_request_while_the_server_answers(sp: SecurPharmClient, hub_sim: Any) -> None:
    """No product master data at securPharm: while it is known to answer, product() is free (a
    prescription's product lookup on every scan must not cost a round trip); unknown or after a
    failure it pings, so the station's probe sees SP-901 and the return."""
    assert sp.product(GTIN_A) is None  # not known yet: one ping
    before = hub_sim.admin.stats()["requests"]
    assert sp.verify(pack("ACT14")).ok
    after_verify = hub_sim.admin.stats()["requests"]
    assert sp.product(GTIN_A) is None and sp.product(GTIN_A) is None
    assert hub_sim.admin.stats()["requests"] == after_verify > before
    hub_sim.admin.faults(outage=True)
    with pytest.raises(HubUnavailable, match="not available"):
        sp.verify(pack("ACT14"))
    with pytest.raises(HubUnavailable, match="SP-901"):
        sp.product(GTIN_A)
    hub_sim.admin.faults(outage=False)
    assert sp.product(GTIN_A) is None and sp.reachable is True


def test_securpharm_needs_no_client_secret_from_the_keyring() -> None:
    """The application id is no OAuth client: without a certificate nothing is read from the keyring
    (a station without a keyring backend still works)."""
    import keyring
    from keyring.backends import fail

    from dispense_app.hub.config import HubConfig
    from dispense_app.hub.factory import make_client

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        client = make_client(HubConfig(url="https://sp.example.de/api", type="securpharm", client_id="app-1"))
    finally:
        keyring.set_keyring(previous)
    assert isinstance(client, SecurPharmClient) and client.application_id == "app-1"
    client.close()
