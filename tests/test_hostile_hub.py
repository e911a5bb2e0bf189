"""Issue 16: a slow or broken hub against the real simulator over loopback (fault modes of
dispense_app/hub/simulator/hostile.py). No timed assertions: each test asserts what the client
did (an error, what was stored), and the hub's misbehaviour is long enough that the old code
could not have produced that answer."""

from __future__ import annotations

import pytest
from hub_fixtures import GTIN_A, far_date

from dispense_app.core.model import HubUnavailable, PackRef, ProductScheme
from dispense_app.hub.fmd_rest import FmdRestClient


def ref(serial: str = "ACT01") -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, "L1", far_date())


def test_a_trickling_reply_is_cut_off_at_the_deadline(hub_sim) -> None:
    """A ~300-byte reply at 10 bytes/s takes ~30 s; each read returns within the read timeout,
    so only a deadline over the whole body stops it (before: the call returned the reply)."""
    hub_sim.admin.faults(trickle_bytes_per_s=10)
    with FmdRestClient(hub_sim.url, deadline_s=1.0) as client, pytest.raises(HubUnavailable, match="too slow"):
        client.verify(ref())


def test_a_trickling_bulk_reply_is_cut_off_at_the_bulk_deadline(hub_sim) -> None:
    """Bulk had no deadline at all; now it has its own."""
    from dispense_app.core.model import HubRequest, Transaction

    hub_sim.admin.faults(trickle_bytes_per_s=10)
    reqs = [HubRequest(Transaction.SUPPLY, ref("ACT01"), client_trx_id="t-1")]
    with FmdRestClient(hub_sim.url, bulk_deadline_s=1.0) as client, pytest.raises(HubUnavailable, match="too slow"):
        client.bulk(reqs)


def test_a_healthy_reply_still_arrives_whole(hub_sim) -> None:
    with FmdRestClient(hub_sim.url, deadline_s=6.0) as client:
        reply = client.verify(ref())
    assert reply.ok and reply.state is not None


def test_an_oversized_reply_is_a_hub_fault_and_not_read_whole(hub_sim) -> None:
    hub_sim.admin.faults(oversize_bytes=2 * 1024 * 1024)
    with FmdRestClient(hub_sim.url) as client, pytest.raises(HubUnavailable, match="larger than"):
        client.verify(ref())


def test_a_slightly_long_reason_is_still_a_reply(hub_sim) -> None:
    hub_sim.admin.faults(oversize_bytes=100_000)
    with FmdRestClient(hub_sim.url) as client:
        reply = client.verify(ref())
    assert reply.reason is not None and len(reply.reason) == 100_000


# --- the CLI against a hostile hub: what the pharmacist is told (defect 10), bulk (6), 429 (7) --------

import json  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from dispense_app.cli import main  # noqa: E402

GS = "\x1d"
BLAME_THE_PACK = ("malformed", "rescan", "compare the scan")


def code(serial: str) -> str:
    return f"01{GTIN_A}21{serial}{GS}10L1{GS}17311231"


def cli(capsys: pytest.CaptureFixture[str], home: Path, hub: str, *args: str) -> tuple[int, list[dict[str, Any]]]:
    status = main([*args, "--home", str(home), "--json", "--hub", hub])
    out, _ = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines() if line.strip()]


def _said(line: dict[str, Any]) -> str:
    return " ".join(m if isinstance(m, str) else json.dumps(m) for m in line.get("messages", [])).lower()


@pytest.mark.parametrize(
    ("mode", "ids"),
    [
        ({"garbage": True}, "fault.misbehaved"),
        ({"nest_depth": 200_000}, "fault.misbehaved"),
        ({"redirect": 302}, "fault.wrong_url"),
        ({"redirect": 307}, "fault.wrong_url"),
    ],
)
def test_a_broken_answer_never_blames_the_pack(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any, mode: dict[str, Any], ids: str
) -> None:
    """Before: STOP "the hub refused the request as malformed ... rescan" (a false alert)."""
    hub_sim.admin.faults(**mode)
    _, (line,) = cli(capsys, home, hub_sim.url, "verify", code("ACT01"))
    assert line["verdict"] == "warn" and line["offline"] and not line["alert_id"]
    assert line["message_ids"] == [f"{ids}.not_verified"]
    assert not any(word in _said(line) for word in BLAME_THE_PACK)
    _, (line,) = cli(capsys, home, hub_sim.url, "dispense", code("ACT02"))
    assert line["verdict"] == "warn" and line["queued"] and line["message_ids"] == [f"{ids}.queued"]
    assert not any(word in _said(line) for word in BLAME_THE_PACK)


def test_an_unknown_return_code_never_blames_the_pack(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    """Unknown codes are classified by issue 18's return-code table; whatever it decides, the
    pharmacist is never told the scan was malformed and to rescan."""
    hub_sim.admin.faults(return_code="NMVS_XX_99")
    _, (line,) = cli(capsys, home, hub_sim.url, "verify", code("ACT01"))
    assert not any(word in _said(line) for word in BLAME_THE_PACK)
    _, (line,) = cli(capsys, home, hub_sim.url, "dispense", code("ACT02"))
    assert not any(word in _said(line) for word in BLAME_THE_PACK)


def test_a_wrong_hub_path_says_so_on_verify_and_dispense_alike(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    """Before: STOP on verify (404 read as "malformed"), a queued "hub cannot be reached" on dispense."""
    wrong = hub_sim.url + "/not-the-api"
    _, (line,) = cli(capsys, home, wrong, "verify", code("ACT01"))
    assert line["verdict"] == "warn" and line["message_ids"] == ["fault.wrong_url.not_verified"]
    _, (line,) = cli(capsys, home, wrong, "dispense", code("ACT02"))
    assert line["message_ids"] == ["fault.wrong_url.queued"] and "hub url" in _said(line)


def test_reversed_bulk_results_are_matched_by_client_trx_id(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    """Before: results taken by position, so the Stolen pack's refusal went to the good pack
    (recorded confirmed: the stolen one; a conflict: the good one)."""
    hub_sim.admin.faults(reverse_bulk=True)
    status, lines = cli(capsys, home, hub_sim.url, "dispense", "--bulk", code("ACT03"), code("STOLEN1"))
    by_serial = {line["pack"]["serial"]: line for line in lines}
    assert by_serial["ACT03"]["verdict"] == "ok" and by_serial["ACT03"]["state"] == "Supplied"
    assert by_serial["STOLEN1"]["verdict"] == "stop" and by_serial["STOLEN1"]["state"] == "Stolen"
    assert status == 1


def test_a_success_reporting_another_state_is_not_confirmed(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    """Before: NMVS_SUCCESS with state Active was recorded as supplied."""
    hub_sim.admin.faults(state="Active")
    _, (line,) = cli(capsys, home, hub_sim.url, "dispense", code("ACT04"))
    assert line["queued"] and line["verdict"] == "warn" and line["message_ids"] == ["fault.misbehaved.queued"]
    hub_sim.admin.clear_faults()
    status = main(["sync", "--home", str(home), "--hub", hub_sim.url, "--json"])
    out, _ = capsys.readouterr()
    assert status == 0 and json.loads(out.splitlines()[-1])["confirmed"] == 1


@pytest.mark.parametrize("retry_after", ["3600", "inf", "Wed, 21 Oct 2037 07:28:00 GMT"])
def test_a_long_retry_after_is_not_waited_for_at_the_counter(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any, retry_after: str
) -> None:
    """Before: the sender slept 3 x 10 s on the online path, asking the hub four times; now the
    deadline wins: one request, queued, next."""
    hub_sim.admin.faults(retry_after=retry_after)
    before = int(hub_sim.admin.stats()["requests"])
    _, (line,) = cli(capsys, home, hub_sim.url, "dispense", code("ACT05"))
    assert line["queued"] and int(hub_sim.admin.stats()["requests"]) - before == 1
    before = int(hub_sim.admin.stats()["requests"])
    main(["sync", "--home", str(home), "--hub", hub_sim.url, "--json"])
    out, _ = capsys.readouterr()
    assert json.loads(out.splitlines()[-1])["remaining"] == 1
    assert int(hub_sim.admin.stats()["requests"]) - before == 1  # an hour's wait is not waited out


def test_an_untrusted_certificate_is_said_and_never_hand_it_over(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    """Before: "the hub cannot be reached" and, on dispense, "you may hand the pack over"."""
    import trustme
    from hub_fixtures import SIM_PACKS

    from dispense_app.hub.simulator import TlsConfig, start_simulator

    cert = trustme.CA().issue_cert("127.0.0.1")  # a CA this station does not trust
    chain, key = tmp_path / "chain.pem", tmp_path / "key.pem"
    chain.write_bytes(b"".join(blob.bytes() for blob in cert.cert_chain_pems))
    key.write_bytes(cert.private_key_pem.bytes())
    with start_simulator(packs=SIM_PACKS, tls=TlsConfig(chain, key)) as sim:
        _, (line,) = cli(capsys, home, sim.url, "verify", code("ACT01"))
        assert line["message_ids"] == ["fault.untrusted.not_verified"] and "not trusted" in _said(line)
        _, (line,) = cli(capsys, home, sim.url, "dispense", code("ACT02"))
        assert line["message_ids"] == ["fault.untrusted.queued"]
        assert "hand" not in _said(line).replace("keep the pack aside", "")
        assert "not trusted" in _said(line) and "keep the pack aside" in _said(line)
        assert sim.admin.stats()["requests"] == 0  # nothing reached the hub
