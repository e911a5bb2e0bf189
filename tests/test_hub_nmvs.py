"""The nmvs-soap adapter and the simulator's /nmvs/soap face: message structure, strictness,
bulk polling, support services (ping, G445, G482/G483), notifications, the command line."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_fixtures import GTIN_A
from lxml import etree

from dispense_app.core.model import (
    EntryMode,
    HubAuthError,
    HubRequest,
    HubRequestError,
    HubUnavailable,
    PackRef,
    ProductScheme,
    Transaction,
)
from dispense_app.hub.nmvs_codes import NmvsChoices
from dispense_app.hub.nmvs_soap import Credentials, NmvsSoapClient

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
FAR = dt.date(2031, 12, 31)
LOGIN, USER, PASSWORD = "PHARMACY-1", "USER01", "s3cret-pass"


def pack(serial: str, lot: str | None = "L1", expiry: dt.date | None = FAR) -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, lot, expiry)


def make(sim: Any, *, password: str = PASSWORD, **kw: Any) -> NmvsSoapClient:
    return NmvsSoapClient(
        sim.url + "/nmvs/soap", credentials=Credentials(LOGIN, USER, password), retries=0, backoff_s=0.01, **kw
    )


@pytest.fixture
def nmvs(hub_sim: Any) -> Iterator[NmvsSoapClient]:
    c = make(hub_sim)
    try:
        yield c
    finally:
        c.close()


def captured(client: NmvsSoapClient) -> list[bytes]:
    """The bytes of every request the client sends (an httpx event hook on its connection)."""
    sent: list[bytes] = []
    client._t._http.event_hooks["request"].append(lambda request: sent.append(request.read()))
    return sent


# --- the message on the wire, against the notes' skeleton -------------------------------------------------

# The G110 skeleton of shared/protocols/nmvs-blueprint-soap.md section 3, values filled in (typed
# here, not produced by the adapter): element order, namespaces and qualified attributes.
NOTES_G110 = """<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"
 xmlns:urn="urn:wsdltypes.nmvs.eu:{v}.0" xmlns:urn1="urn:types.nmvs.eu:{v}.0"><soap:Header/><soap:Body>
<urn:{code}Request>
<urn1:Header><urn1:Auth><urn1:ClientLoginId>PHARMACY-1</urn1:ClientLoginId><urn1:UserId>USER01</urn1:UserId>
<urn1:Password>s3cret-pass</urn1:Password></urn1:Auth>
<urn1:UserSoftware urn1:name="*" urn1:supplier="*" urn1:version="*"/>
<urn1:Transaction><urn1:ClientTrxId>{trx}</urn1:ClientTrxId><urn1:Language>eng</urn1:Language></urn1:Transaction></urn1:Header>
<urn1:Body>{product}<urn1:Pack urn1:sn="{sn}"/>{ref}</urn1:Body>
</urn:{code}Request></soap:Body></soap:Envelope>"""
PRODUCT = (
    '<urn1:Product><urn1:ProductCode urn1:scheme="GTIN">{gtin}</urn1:ProductCode>'
    "<urn1:Batch><urn1:Id>L1</urn1:Id><urn1:ExpDate>311231</urn1:ExpDate></urn1:Batch></urn1:Product>"
)
PRODUCT_MANUAL = '<urn1:Product><urn1:ProductCode urn1:scheme="GTIN">{gtin}</urn1:ProductCode></urn1:Product>'


def shape(xml: bytes) -> list[tuple[str, dict[str, str], str]]:
    """Document order of (qualified tag, qualified attributes, text); "*" in the expected matches anything."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    return [
        (el.tag, dict(sorted(el.attrib.items())), (el.text or "").strip())
        for el in root.iter()
        if isinstance(el.tag, str)
    ]


def matches(expected: list[Any], actual: list[Any]) -> bool:
    if len(expected) != len(actual):
        return False
    for (etag, eattr, etext), (atag, aattr, atext) in zip(expected, actual, strict=True):
        if etag != atag or etext not in ("*", atext) or set(eattr) != set(aattr):
            return False
        if any(v != "*" and aattr[k] != v for k, v in eattr.items()):
            return False
    return True


@pytest.mark.parametrize(
    ("transaction", "mode", "code", "product", "version"),
    [
        (Transaction.VERIFY, EntryMode.SCAN, "G110", PRODUCT, "v5"),
        (Transaction.SUPPLY, EntryMode.SCAN, "G120", PRODUCT, "v5"),
        (Transaction.SUPPLY, EntryMode.MANUAL, "G122", PRODUCT_MANUAL, "v5"),
        (Transaction.UNDO_SUPPLY, EntryMode.SCAN, "G121", PRODUCT, "v5"),
        (Transaction.UNDO_SUPPLY, EntryMode.MANUAL, "G123", PRODUCT_MANUAL, "v4"),
        (Transaction.VERIFY, EntryMode.MANUAL, "G112", PRODUCT_MANUAL, "v4"),
    ],
)
def test_the_message_sent_has_the_structure_of_the_notes(
    hub_sim: Any, transaction: Transaction, mode: EntryMode, code: str, product: str, version: str
) -> None:
    client = make(hub_sim, choices=NmvsChoices(schema_version=version))
    sent = captured(client)
    trx = str(uuid.uuid4())
    ref = str(uuid.uuid4()) if transaction is Transaction.UNDO_SUPPLY else None
    try:
        client.transact(HubRequest(transaction, pack("ACT01"), trx, mode, ref_client_trx_id=ref))
    except HubRequestError:
        pass  # an undo of an active pack may be refused: the message is what is checked here
    finally:
        client.close()
    expected_trx = trx.replace("-", "") if transaction.changes_state else "*"
    expected = NOTES_G110.format(
        v=version,
        code=code,
        trx=expected_trx,
        sn="ACT01",
        product=product.format(gtin=GTIN_A),
        ref=f"<urn1:RefClientTrxId>{ref.replace('-', '')}</urn1:RefClientTrxId>" if ref else "",
    )
    assert len(sent) == 1
    assert matches(shape(expected.encode()), shape(sent[0])), (shape(expected.encode()), shape(sent[0]))
    # the attributes are namespace-qualified, never plain "sn" / "scheme"
    assert b' sn="' not in sent[0] and b' scheme="' not in sent[0]


def test_the_client_transaction_id_fits_nmvs_and_is_stable(nmvs: NmvsSoapClient) -> None:
    from dispense_app.hub.nmvs_soap import nmvs_trx_id

    trx = str(uuid.uuid4())
    assert nmvs_trx_id(trx) == trx.replace("-", "") and len(nmvs_trx_id(trx)) == 32
    assert nmvs_trx_id("ABCDEFGH-1") == "ABCDEFGH-1"
    with pytest.raises(HubRequestError):
        nmvs_trx_id("short")
    with pytest.raises(HubRequestError):
        nmvs_trx_id("x" * 40)


# --- the simulator is as strict as a national system ----------------------------------------------------


def post(sim: Any, xml: str | bytes) -> httpx.Response:
    data = xml.encode() if isinstance(xml, str) else xml
    return httpx.post(sim.url + "/nmvs/soap", content=data, headers={"Content-Type": "text/xml; charset=utf-8"})


def return_code(resp: httpx.Response) -> str:
    root = etree.fromstring(resp.content)
    codes = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("}ReturnCode")]
    assert codes, resp.text
    (value,) = [v for k, v in codes[-1].attrib.items() if k.endswith("}code")]
    return value


def g110(trx: str = "ABCDEFGH12345678", *, v: str = "v5", sn: str = 'urn1:sn="ACT01"', extra: str = "") -> str:
    return (
        NOTES_G110.format(v=v, code="G110", trx=trx, sn="ACT01", product=PRODUCT.format(gtin=GTIN_A) + extra, ref="")
        .replace('urn1:sn="ACT01"', sn)
        .replace('urn1:name="*" urn1:supplier="*" urn1:version="*"', 'urn1:name="t" urn1:supplier="t" urn1:version="1"')
    )


def test_a_well_formed_request_is_answered(hub_sim: Any) -> None:
    resp = post(hub_sim, g110())
    assert resp.status_code == 200 and return_code(resp) == "NMVS_SUCCESS"
    assert resp.headers["content-type"].startswith("application/soap+xml")
    assert "server-timing" in resp.headers


@pytest.mark.parametrize(
    ("mutate", "code", "status"),
    [
        (lambda x: x.replace("</soap:Envelope>", ""), "NMVS_TE_XM_01", 400),  # not well formed
        (lambda x: x.replace("G110Request", "G999Request"), "NMVS_TE_XM_02", 400),  # unknown operation
        (lambda x: x.replace("wsdltypes.nmvs.eu:v5.0", "wsdltypes.nmvs.eu:v3.0"), "NMVS_TE_XM_02", 200),
        (lambda x: x.replace('urn1:sn="ACT01"', 'sn="ACT01"'), "NMVS_TE_XM_02", 200),  # attribute not qualified
        (lambda x: x.replace("ABCDEFGH12345678", "ABCDEFG"), "NMVS_TE_XM_02", 200),  # ClientTrxId too short
        (lambda x: x.replace("ABCDEFGH12345678", "A" * 33), "NMVS_TE_XM_02", 200),  # too long
        (lambda x: x.replace("<urn1:Language>eng</urn1:Language>", ""), "NMVS_TE_XM_02", 200),  # missing
        (lambda x: x.replace("</urn1:Batch>", "<urn1:Colour>red</urn1:Colour></urn1:Batch>"), "NMVS_TE_XM_02", 200),
        (lambda x: x.replace("urn:types.nmvs.eu:v5.0", "urn:types.nmvs.eu:v9.0"), "NMVS_TE_XM_02", 200),
    ],
)
def test_malformed_and_invalid_requests(hub_sim: Any, mutate: Any, code: str, status: int) -> None:
    resp = post(hub_sim, mutate(g110()))
    assert (resp.status_code, return_code(resp)) == (status, code)


def test_reused_client_transaction_id_and_accounts(hub_sim: Any, tmp_path: Path) -> None:
    assert return_code(post(hub_sim, g110("REUSED-ID-000001"))) == "NMVS_SUCCESS"
    assert return_code(post(hub_sim, g110("REUSED-ID-000001"))) == "NMVS_TE_TX_01"
    hub_sim.state.nmvs.accounts = {(LOGIN, USER): "another-password"}
    assert return_code(post(hub_sim, g110("FRESH-ID-0000001"))) == "NMVS_FE_AU_01"
    client = make(hub_sim)
    with pytest.raises(HubAuthError, match="refused the user id"):
        client.verify(pack("ACT01"))
    client.close()


def test_an_undo_must_refer_to_its_decommission(nmvs: NmvsSoapClient, hub_sim: Any) -> None:
    supply, lock = str(uuid.uuid4()), str(uuid.uuid4())
    assert nmvs.transact(HubRequest(Transaction.SUPPLY, pack("ACT02"), supply)).ok
    wrong = nmvs.transact(HubRequest(Transaction.UNDO_SUPPLY, pack("ACT02"), str(uuid.uuid4()), ref_client_trx_id=lock))
    assert wrong.return_code.value == "NMVS_FE_TX_01" and not wrong.ok
    assert nmvs.transact(HubRequest(Transaction.LOCK, pack("ACT03"), lock)).ok
    wrong = nmvs.transact(HubRequest(Transaction.UNLOCK, pack("ACT03"), str(uuid.uuid4()), ref_client_trx_id=supply))
    assert wrong.return_code.value == "NMVS_FE_TX_05" and not wrong.ok
    undo = nmvs.transact(
        HubRequest(Transaction.UNDO_SUPPLY, pack("ACT02"), str(uuid.uuid4()), ref_client_trx_id=supply)
    )
    assert undo.ok and undo.state is not None and undo.state.value == "Active"
    assert hub_sim.admin.pack(GTIN_A, "ACT02")["history"][-1]["code"] == "G121"


def test_bulk_polls_until_ready_within_its_deadline(hub_sim: Any) -> None:
    hub_sim.state.nmvs.bulk_polls = 3
    client = make(hub_sim, choices=NmvsChoices(bulk_state_changes="per-batch"))
    requests = [HubRequest(Transaction.SUPPLY, pack(f"ACT{i:02d}"), str(uuid.uuid4())) for i in (4, 5, 6)]
    sent = captured(client)
    replies = client.bulk(requests)
    assert [r.return_code.value for r in replies] == ["NMVS_SUCCESS"] * 3
    roots = [etree.QName(etree.fromstring(b)[1][0]).localname for b in sent]
    assert roots == ["G125Request"] + ["G188Request"] * 4  # three "not ready" answers, then the result
    assert hub_sim.admin.pack(GTIN_A, "ACT04")["history"][0]["code"] == "G125"
    # the same run again (a resend after a lost answer): replayed, nothing twice
    again = client.bulk(requests)
    assert [r.return_code.value for r in again] == ["NMVS_SUCCESS"] * 3
    assert len(hub_sim.admin.pack(GTIN_A, "ACT04")["history"]) == 1
    hub_sim.state.nmvs.bulk_polls = 10_000
    client.bulk_deadline_s = 0.3
    with pytest.raises(HubUnavailable, match="not ready"):
        client.bulk([HubRequest(Transaction.VERIFY, pack(f"ACT{i:02d}"), "") for i in (7, 8)])
    client.close()


def test_a_mixed_tote_goes_as_one_g195(nmvs: NmvsSoapClient, hub_sim: Any) -> None:
    sent = captured(nmvs)
    requests = [
        HubRequest(Transaction.SUPPLY, pack("ACT09"), str(uuid.uuid4())),
        HubRequest(Transaction.DESTROY, pack("B0001", "BL1"), str(uuid.uuid4())),
        HubRequest(Transaction.SUPPLY, pack("ACT10", None, None), str(uuid.uuid4()), EntryMode.MANUAL),
        HubRequest(Transaction.SUPPLY, pack("SUPPLIED1"), str(uuid.uuid4())),
    ]
    requests[1] = HubRequest(
        Transaction.DESTROY, PackRef(ProductScheme.GTIN, "05901234123457", "B0001", "BL1", FAR), str(uuid.uuid4())
    )
    replies = nmvs.bulk(requests)
    assert [r.return_code.value for r in replies] == ["NMVS_SUCCESS", "NMVS_SUCCESS", "NMVS_SUCCESS", "NMVS_NC_PCK_19"]
    assert replies[3].alert_id and replies[3].extra["alert_class"] == "A7"
    roots = [etree.QName(etree.fromstring(b)[1][0]).localname for b in sent]
    assert roots[0] == "G195Request" and set(roots[1:]) == {"G196Request"}
    assert hub_sim.admin.pack(GTIN_A, "ACT10")["history"][0]["code"] == "G122"


def test_support_services(nmvs: NmvsSoapClient, hub_sim: Any) -> None:
    assert nmvs.ping() > 0 and nmvs.ping("single") > 0 and nmvs.ping("bulk") > 0
    hub_sim.state.nmvs.accounts = {(LOGIN, USER): PASSWORD}
    nmvs.change_password("brand-new-pass-1")
    assert hub_sim.state.nmvs.accounts[(LOGIN, USER)] == "brand-new-pass-1"
    assert nmvs.verify(pack("ACT11")).ok  # the client now sends the new password
    stale = make(hub_sim)
    with pytest.raises(HubAuthError):
        stale.verify(pack("ACT11"))
    stale.close()
    with pytest.raises((HubAuthError, HubRequestError), match="FE_PMS_02"):
        nmvs.change_password("brand-new-pass-1")
    hub_sim.state.nmvs.terms_required = True
    with pytest.raises(HubAuthError, match="terms"):
        nmvs.verify(pack("ACT11"))
    terms = nmvs.load_terms()
    assert terms is not None and terms.accepted_by_user is False and nmvs.terms_state() == (terms.version, False)
    nmvs.accept_terms(terms.version)
    assert nmvs.terms_state() == (terms.version, True)
    assert nmvs.verify(pack("ACT11")).ok


def test_notifications_are_surfaced(nmvs: NmvsSoapClient, hub_sim: Any) -> None:
    hub_sim.state.nmvs.notifications = [("NMVS_NOTIFY_AU_02", "your password expires in 5 days")]
    reply = nmvs.verify(pack("ACT12"))
    assert reply.extra["notifications"] == "NMVS_NOTIFY_AU_02: your password expires in 5 days"
    assert [str(n) for n in nmvs.notifications] == ["NMVS_NOTIFY_AU_02: your password expires in 5 days"]


def test_notifications_reach_the_verify_answer(hub_sim: Any, tmp_path: Path) -> None:
    from dispense_app.store import Station
    from dispense_app.workflow import ScanInput, Workflow

    hub_sim.state.nmvs.notifications = [("NMVS_NOTIFY_PMS_01", "new terms and conditions")]
    station = Station.open(tmp_path / "home")
    client = make(hub_sim)
    try:
        out = Workflow(station, client, operator="anna").verify(
            ScanInput(f"01{GTIN_A}21ACT16\x1d10L1\x1d17311231".encode())
        )
        assert out.to_json()["hub_notifications"] == ["NMVS_NOTIFY_PMS_01: new terms and conditions"]
    finally:
        client.close()
        station.close()


def test_password_age_for_a_check(hub_sim: Any) -> None:
    client = make(hub_sim, password_changed_on=dt.date(2026, 1, 1), password_validity_days=90)
    assert client.password_age_days(dt.date(2026, 3, 2)) == 60
    assert client.password_expires_on() == dt.date(2026, 4, 1)
    client.close()


def test_the_wsdl_is_served_and_loads_in_zeep(hub_sim: Any) -> None:
    import zeep

    for version in ("v5", "v4"):
        client = zeep.Client(f"{hub_sim.url}/nmvs/soap?wsdl&version={version}")
        ops = {
            op
            for service in client.wsdl.services.values()
            for port in service.ports.values()
            for op in port.binding._operations
        }
        assert {
            "G110Verify",
            "G120Dispense",
            "G121UndoDispense",
            "G188RequestBulkPackResult",
            "G195SubmitBulkTransaction",
            "G445ChangePassword",
            "G483ConfirmTermsAndConditions",
        } <= ops
        assert f"urn:services.nmvs.eu:{version}.0" in str(client.wsdl.services)
        port = next(iter(next(iter(client.wsdl.services.values())).ports.values()))
        assert port.binding_options["address"] == f"{hub_sim.url}/nmvs/soap"


def test_outage_and_rate_limit_are_the_offline_path(nmvs: NmvsSoapClient, hub_sim: Any) -> None:
    hub_sim.admin.faults(outage=True)
    with pytest.raises(HubUnavailable):
        nmvs.verify(pack("ACT13"))


# --- the command line ----------------------------------------------------------------------------------


def cli(*args: str, stdin: str | None = None, capsys: Any, monkeypatch: Any) -> tuple[int, str, str]:
    import io

    from dispense_app.cli import main

    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_configure_credentials_password_terms_and_hub_type(
    hub_sim: Any, tmp_path: Path, memory_keyring: Any, capsys: Any, monkeypatch: Any
) -> None:
    home = str(tmp_path / "home")
    url = hub_sim.url + "/nmvs/soap"
    code, _, err = cli(
        "hub",
        "configure",
        "--home",
        home,
        "--type",
        "nmvs-soap",
        "--url",
        url,
        "--client-id",
        LOGIN,
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 2 and "--user-id" in err
    code, out, _ = cli(
        "hub",
        "configure",
        "--home",
        home,
        "--type",
        "nmvs-soap",
        "--url",
        url,
        "--client-id",
        LOGIN,
        "--user-id",
        USER,
        "--json",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0 and json.loads(out)["hub"]["type"] == "nmvs-soap"
    code, out, _ = cli(
        "hub",
        "credentials",
        "set",
        "--home",
        home,
        "--stdin",
        "--json",
        stdin=PASSWORD + "\n",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0 and json.loads(out)["password_changed_on"] == dt.date.today().isoformat()
    assert PASSWORD in memory_keyring.store.values()
    code, out, _ = cli(
        "verify",
        "--home",
        home,
        "--json",
        f"01{GTIN_A}21ACT14\\x1d10L1\\x1d17311231",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0 and json.loads(out)["return_code"] == "NMVS_SUCCESS"
    assert hub_sim.admin.stats()["requests"] >= 1
    code, out, _ = cli(
        "hub",
        "password",
        "--home",
        home,
        "--stdin",
        "--json",
        stdin="next-pass-2026\n",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "next-pass-2026" in memory_keyring.store.values()
    code, out, _ = cli("hub", "terms", "--home", home, "--json", capsys=capsys, monkeypatch=monkeypatch)
    terms = json.loads(out)
    assert code == 0 and terms["accepted_by_user"] is False
    code, out, _ = cli(
        "hub",
        "terms",
        "--home",
        home,
        "--accept",
        terms["version"],
        "--operator",
        "anna",
        "--json",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0 and json.loads(out)["by"] == "anna"
    saved = json.loads((tmp_path / "home" / "hub.json").read_text())
    assert saved["terms_accepted_version"] == terms["version"] and saved["terms_accepted_by"] == "anna"
    code, out, _ = cli("hub", "show", "--home", home, "--json", capsys=capsys, monkeypatch=monkeypatch)
    shown = json.loads(out)["nmvs"]
    assert code == 0 and shown["password_age_days"] == 0 and shown["password_days_left"] == 90
    assert shown["terms_accepted_by"] == "anna"
    code, out, _ = cli("hub", "credentials", "show", "--home", home, "--json", capsys=capsys, monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["password"] == "set"
    code, out, _ = cli("hub", "credentials", "delete", "--home", home, "--json", capsys=capsys, monkeypatch=monkeypatch)
    assert code == 0 and "password" in json.loads(out)["removed"]
    assert "next-pass-2026" not in memory_keyring.store.values()
    # --hub-type on a hub command: the same station through fmd-rest at the simulator's root
    code, out, _ = cli(
        "verify",
        "--home",
        home,
        "--hub",
        hub_sim.url,
        "--hub-type",
        "fmd-rest",
        "--json",
        f"01{GTIN_A}21ACT15\\x1d10L1\\x1d17311231",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0 and json.loads(out)["return_code"] == "NMVS_SUCCESS"


def test_cli_hub_sim_accounts_file_errors(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    bad = tmp_path / "accounts.json"
    bad.write_text('{"not": "a list"}')
    code, _, err = cli("hub-sim", "--accounts", str(bad), capsys=capsys, monkeypatch=monkeypatch)
    assert code == 2 and "--accounts" in err and "Traceback" not in err


def test_mutual_tls_with_the_station_certificate_and_keyring_secrets(tmp_path: Path, memory_keyring: Any) -> None:
    """make_client builds the NMVS client from hub.json: password and key passphrase from the keyring,
    the station's client certificate for mutual TLS; without it the hub cannot be reached."""
    import trustme
    from cryptography.hazmat.primitives import serialization
    from hub_fixtures import SIM_PACKS

    from dispense_app.hub import credentials
    from dispense_app.hub.config import HubConfig
    from dispense_app.hub.factory import make_client, password_account
    from dispense_app.hub.simulator import TlsConfig, start_simulator

    server_ca, client_ca = trustme.CA(), trustme.CA()
    leaf = server_ca.issue_cert("127.0.0.1")
    chain, skey = tmp_path / "chain.pem", tmp_path / "skey.pem"
    chain.write_bytes(b"".join(b.bytes() for b in leaf.cert_chain_pems))
    skey.write_bytes(leaf.private_key_pem.bytes())
    ca_file, client_ca_file = tmp_path / "ca.pem", tmp_path / "client-ca.pem"
    server_ca.cert_pem.write_to_path(str(ca_file))
    client_ca.cert_pem.write_to_path(str(client_ca_file))
    user = client_ca.issue_cert("user01@pharmacy-1")
    cert_file, key_file = tmp_path / "user.pem", tmp_path / "user-key.pem"
    cert_file.write_bytes(b"".join(b.bytes() for b in user.cert_chain_pems))
    key = serialization.load_pem_private_key(user.private_key_pem.bytes(), password=None)
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"key pass 1"),
        )
    )
    tls = TlsConfig(chain, skey, client_ca=client_ca_file, require_client_cert=True)
    with start_simulator(packs=SIM_PACKS, tls=tls, accounts={(LOGIN, USER): PASSWORD}) as sim:
        config = HubConfig(
            url=sim.url + "/nmvs/soap",
            type="nmvs-soap",
            client_id=LOGIN,
            user_id=USER,
            ca_bundle=str(ca_file),
            client_cert=str(cert_file),
            client_key=str(key_file),
        )
        with pytest.raises(HubAuthError, match="no NMVS password"):
            make_client(config)
        credentials.set_secret("password", config.url, password_account(config), PASSWORD)
        credentials.set_secret("cert-passphrase", config.url, LOGIN, "key pass 1")
        client = make_client(config, retries=0)
        try:
            assert client.verify(pack("ACT01")).ok
        finally:
            client.close()
        anonymous = NmvsSoapClient(
            config.url, credentials=Credentials(LOGIN, USER, PASSWORD), ca_bundle=str(ca_file), retries=0
        )
        with pytest.raises(HubUnavailable):
            anonymous.verify(pack("ACT01"))
        anonymous.close()


def test_accounts_file(tmp_path: Path) -> None:
    from dispense_app.hub.simulator.nmvs_state import AccountsError, load_accounts

    good = tmp_path / "accounts.json"
    good.write_text(json.dumps([{"client_login_id": LOGIN, "user_id": USER, "password": PASSWORD}]))
    assert load_accounts(good) == {(LOGIN, USER): PASSWORD}
    for text in ("[1]", "not json", '[{"client_login_id": "A", "user_id": "B"}]'):
        good.write_text(text)
        with pytest.raises(AccountsError):
            load_accounts(good)
    with pytest.raises(AccountsError, match="cannot read"):
        load_accounts(tmp_path / "missing.json")
