"""Idempotent retries, rate limits, outages, slow hubs, bulk and the admin endpoints, against the
real simulator over loopback."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest
from hub_fixtures import GTIN_A, LOCATION, far_date

from dispense_app.core.model import (
    HubRequest,
    HubRequestError,
    HubUnavailable,
    PackRef,
    PackState,
    ProductScheme,
    ReturnCode,
    Transaction,
)
from dispense_app.hub.fmd_rest import FmdRestClient


def ref(serial: str, lot: str | None = "L1") -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, lot, far_date())


def supply(serial: str, trx_id: str) -> HubRequest:
    return HubRequest(Transaction.SUPPLY, ref(serial), trx_id)


def wait_for(predicate, timeout: float = 5.0) -> None:
    """Poll an observable condition (not a timed assertion: the deadline only avoids hanging)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.01)


# --- idempotency ---------------------------------------------------------------------------------


def test_same_trx_id_same_payload_same_answer_one_transition(hub_client: FmdRestClient, hub_sim) -> None:
    first = hub_client.transact(supply("ACT01", "idem-1"))
    again = hub_client.transact(supply("ACT01", "idem-1"))
    assert first.ok and again.ok
    assert again.hub_trx_id == first.hub_trx_id
    assert again.extra.get("replayed") == "true"
    assert len(hub_sim.admin.pack(GTIN_A, "ACT01")["history"]) == 1
    # a new id for the same pack is a real second supply: refused with an alert
    third = hub_client.transact(supply("ACT01", "idem-2"))
    assert third.return_code is ReturnCode.ALREADY_IN_STATE


def test_lost_answer_is_retried_with_the_same_trx_id(hub_client: FmdRestClient, hub_sim) -> None:
    hub_sim.admin.faults(drop_responses=1)  # the hub supplies the pack, but its answer is lost (502)
    reply = hub_client.transact(supply("ACT02", "lost-1"))
    assert reply.ok and reply.state is PackState.SUPPLIED
    assert reply.extra.get("replayed") == "true"  # the retry got the stored answer
    history = hub_sim.admin.pack(GTIN_A, "ACT02")["history"]
    assert len(history) == 1 and history[0]["client_trx_id"] == "lost-1"
    assert hub_sim.admin.stats()["alerts"] == 0


def test_timeout_then_replay_never_decommissions_twice(hub_sim) -> None:
    hub_sim.admin.faults(latency_ms=400)
    with (
        FmdRestClient(hub_sim.url, location_id=LOCATION, read_timeout=0.05, retries=0) as slow,
        pytest.raises(HubUnavailable, match="Timeout"),
    ):
        slow.transact(supply("ACT03", "slow-1"))
    # the hub carried the request out after the client gave up
    wait_for(lambda: hub_sim.admin.pack(GTIN_A, "ACT03")["state"] == "Supplied")
    hub_sim.admin.clear_faults()
    with FmdRestClient(hub_sim.url, location_id=LOCATION, retries=0) as client:
        replay = client.transact(supply("ACT03", "slow-1"))
    assert replay.ok and replay.extra.get("replayed") == "true"
    assert len(hub_sim.admin.pack(GTIN_A, "ACT03")["history"]) == 1


def test_bulk_replay_is_idempotent(hub_client: FmdRestClient, hub_sim) -> None:
    reqs = [supply(f"ACT{i:02d}", f"b-{i}") for i in range(4, 10)]
    first = hub_client.bulk(reqs)
    assert all(r.ok for r in first)
    again = hub_client.bulk(reqs)
    assert [r.hub_trx_id for r in again] == [r.hub_trx_id for r in first]
    assert all(len(hub_sim.admin.pack(GTIN_A, f"ACT{i:02d}")["history"]) == 1 for i in range(4, 10))


# --- rate limit, outage, errors, latency -----------------------------------------------------------


def test_rate_limit_429_retry_after_honoured(hub_sim) -> None:
    hub_sim.admin.faults(rate_limit_per_s=1)
    with FmdRestClient(hub_sim.url, retries=0) as impatient:
        impatient.verify(ref("ACT01"))
        with pytest.raises(HubUnavailable) as err:
            impatient.verify(ref("ACT01"))
    assert err.value.status == 429 and err.value.retry_after == 1.0
    with FmdRestClient(hub_sim.url, retries=2) as patient:
        before = hub_sim.admin.stats()["requests"]
        reply = patient.verify(ref("ACT01"))  # 429 (the window is still full), waits Retry-After, succeeds
        assert reply.ok
        assert hub_sim.admin.stats()["requests"] - before == 2


def test_outage_503_is_hub_unavailable_at_once(hub_client: FmdRestClient, hub_sim) -> None:
    hub_sim.admin.faults(outage=True)
    before = hub_sim.admin.stats()["requests"]
    with pytest.raises(HubUnavailable) as err:
        hub_client.transact(supply("ACT01", "out-1"))
    assert err.value.status == 503 and err.value.retry_after == 30
    # Retry-After (30 s) exceeds the client's patience: no retry was made
    assert hub_sim.admin.stats()["requests"] - before == 1
    assert hub_sim.admin.pack(GTIN_A, "ACT01")["state"] == "Active"
    hub_sim.admin.faults(outage=False)
    assert hub_client.transact(supply("ACT01", "out-1")).ok


def test_server_errors_retried_with_backoff_then_unavailable(hub_sim) -> None:
    hub_sim.admin.faults(error_rate=1.0)
    before = hub_sim.admin.stats()["requests"]
    with FmdRestClient(hub_sim.url, retries=2, backoff_s=0.001) as client, pytest.raises(HubUnavailable) as err:
        client.verify(ref("ACT01"))
    assert err.value.status == 500
    assert hub_sim.admin.stats()["requests"] - before == 3


def test_slow_hub_times_out_as_unavailable(hub_sim) -> None:
    hub_sim.admin.faults(latency_ms=300)
    with FmdRestClient(hub_sim.url, read_timeout=0.05, retries=1, backoff_s=0.001) as client:
        with pytest.raises(HubUnavailable, match="ReadTimeout"):
            client.verify(ref("ACT01"))
        assert client.stats.count == 0  # no answer, nothing timed


def test_latency_is_reported_in_server_timing(hub_sim) -> None:
    hub_sim.admin.faults(latency_ms=30)
    with FmdRestClient(hub_sim.url) as client:
        reply = client.verify(ref("ACT01"))
        assert reply.server_ms is not None and reply.server_ms >= 30
        assert reply.total_ms is not None and reply.total_ms >= reply.server_ms
        assert client.stats.p95_ms is not None and client.stats.server_p95_ms is not None


def test_unreachable_hub_is_unavailable() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with (
        FmdRestClient(f"http://127.0.0.1:{port}", retries=1, backoff_s=0.001) as client,
        pytest.raises(HubUnavailable, match="ConnectError"),
    ):
        client.verify(ref("ACT01"))


def test_plain_http_refused_off_loopback() -> None:
    with pytest.raises(ValueError, match="https"):
        FmdRestClient("http://hub.example.org")


# --- protocol --------------------------------------------------------------------------------------


def test_entry_mode_header_required_422(hub_sim) -> None:
    with httpx.Client(base_url=hub_sim.url) as raw:
        r = raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01")
        assert r.status_code == 422 and "x-data-entry-mode" in r.json()["detail"]
        r = raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01", headers={"X-Data-Entry-Mode": "telepathy"})
        assert r.status_code == 422
        ok = raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01", headers={"X-Data-Entry-Mode": "manual"})
        assert ok.status_code == 200 and "app;dur=" in ok.headers["server-timing"]
        assert hub_sim.admin.alerts() == []


def test_patch_needs_trx_and_location_and_answers_409_with_state(hub_sim) -> None:
    h = {"X-Data-Entry-Mode": "scan"}
    url = f"/v1/packs/GTIN/{GTIN_A}/SUPPLIED1"
    with httpx.Client(base_url=hub_sim.url) as raw:
        assert raw.patch(url, json={"state": "Supplied"}, headers=h).status_code == 422
        h["X-Location-Id"] = "P1"
        assert raw.patch(url, json={"state": "Supplied"}, headers=h).status_code == 422
        h["X-Client-Trx-Id"] = "r1"
        r = raw.patch(url, json={"state": "Supplied"}, headers=h)
        assert r.status_code == 409 and r.json()["state"] == "Supplied"
        assert raw.patch(url, json={"state": "Bogus"}, headers={**h, "X-Client-Trx-Id": "r2"}).status_code == 422
        assert raw.patch(url, content=b"{not json", headers={**h, "X-Client-Trx-Id": "r3"}).status_code == 422
        # a target state with its transaction inferred: Active on a supplied pack is an undo
        undo = raw.patch(url, json={"state": "Active"}, headers={**h, "X-Client-Trx-Id": "r4"})
        assert undo.json()["transaction"] == "undo-supply"
        # ...and on a locked pack an unlock, also when retried after the pack became active
        locked = f"/v1/packs/GTIN/{GTIN_A}/LOCKED1"
        first = raw.patch(locked, json={"state": "Active"}, headers={**h, "X-Client-Trx-Id": "r5"})
        again = raw.patch(locked, json={"state": "Active"}, headers={**h, "X-Client-Trx-Id": "r5"})
        assert first.json()["transaction"] == "unlock" and first.status_code == 200
        assert again.status_code == 200 and again.headers["x-idempotent-replay"] == "true"
        bad_path = raw.get(f"/v1/packs/GTIN/{GTIN_A}/%FF%FE", headers=h)
        assert bad_path.status_code == 422


def test_serial_with_slash_and_malformed_input(hub_sim, hub_client: FmdRestClient) -> None:
    hub_sim.admin.seed([{"gtin": GTIN_A, "serial": "A/B%C?1", "lot": "L1", "expiry": "2031-12-31"}])
    assert hub_client.verify(ref("A/B%C?1")).ok
    with pytest.raises(HubRequestError) as err:
        hub_client.verify(ref("x" * 21))
    assert err.value.status == 422
    with pytest.raises(HubRequestError):
        hub_client.verify(ref("ACT01", lot="bad lot with spaces"))


def test_bulk_per_pack_results_in_order(hub_client: FmdRestClient, hub_sim) -> None:
    reqs = [
        supply("ACT10", "m-1"),
        HubRequest(Transaction.VERIFY, ref("ACT11"), ""),
        supply("SUPPLIED1", "m-2"),
        supply("NOSUCH", "m-3"),
        supply("ACT10", "m-4"),  # the same pack again in the same request: already supplied
        HubRequest(Transaction.UNDO_SUPPLY, ref("ACT10"), "m-5"),
    ]
    replies = hub_client.bulk(reqs)
    assert [r.return_code for r in replies] == [
        ReturnCode.SUCCESS,
        ReturnCode.SUCCESS,
        ReturnCode.ALREADY_IN_STATE,
        ReturnCode.SERIAL_UNKNOWN,
        ReturnCode.ALREADY_IN_STATE,
        ReturnCode.SUCCESS,
    ]
    assert [r.http_status for r in replies] == [200, 200, 409, 404, 409, 200]
    assert [h["transaction"] for h in hub_sim.admin.pack(GTIN_A, "ACT10")["history"]] == ["supply", "undo-supply"]


def test_bulk_limits(hub_sim) -> None:
    items = [{"transaction": "verify", "scheme": "GTIN", "product_code": GTIN_A, "serial": "ACT01"}] * 10_001
    with httpx.Client(base_url=hub_sim.url) as raw:
        r = raw.post("/v1/bulk", json={"items": items}, headers={"X-Data-Entry-Mode": "scan"})
        assert r.status_code == 413
        r = raw.post(
            "/v1/bulk",
            json={"items": [{"transaction": "supply", "scheme": "GTIN", "product_code": GTIN_A, "serial": "ACT01"}]},
            headers={"X-Data-Entry-Mode": "scan", "X-Location-Id": "P"},
        )
        assert r.status_code == 422 and "client_trx_id" in r.json()["detail"]


def test_bulk_of_thousands(hub_sim, hub_client: FmdRestClient) -> None:
    n = 3000
    hub_sim.admin.seed(
        [{"gtin": GTIN_A, "serial": f"BULK{i:05d}", "lot": "L1", "expiry": "2031-12-31"} for i in range(n)]
    )
    replies = hub_client.bulk([supply(f"BULK{i:05d}", f"bulk-{i}") for i in range(n)])
    assert len(replies) == n and all(r.ok for r in replies)
    assert hub_client.bulk_stats.count == 1 and hub_client.stats.count == 0
    assert hub_sim.admin.stats()["by_return_code"]["NMVS_SUCCESS"] == n


def test_product_master_data(hub_client: FmdRestClient) -> None:
    info = hub_client.product(GTIN_A)
    assert info is not None
    assert (info.name, info.strength, info.form, info.pack_size, info.pzn) == (
        "Ibuprofen 400 mg",
        "400 mg",
        "tablet",
        "20",
        "03752864",
    )
    assert hub_client.product("00000000000000") is None


# --- admin -----------------------------------------------------------------------------------------


def test_admin_endpoints_over_http(hub_sim, hub_client: FmdRestClient) -> None:
    with httpx.Client(base_url=hub_sim.url) as raw:
        seeded = raw.post(
            "/_admin/packs",
            json=[{"gtin": GTIN_A, "serial": "ADM1", "lot": "L9", "expiry": "2030-06-30", "state": "Locked"}],
        )
        assert seeded.json() == {"seeded": 1}
        assert raw.post("/_admin/packs", json=[{"gtin": "123", "serial": "x"}]).status_code == 422
        view = raw.get(f"/_admin/packs/{GTIN_A}/ADM1").json()
        assert view["state"] == "Locked" and view["history"] == []
        assert raw.get(f"/_admin/packs/{GTIN_A}/NOPE").status_code == 404

        unlock = PackRef(ProductScheme.GTIN, GTIN_A, "ADM1", "L9")
        assert hub_client.transact(HubRequest(Transaction.UNLOCK, unlock, "adm-t1")).ok
        (entry,) = raw.get(f"/_admin/packs/{GTIN_A}/ADM1").json()["history"]
        # the contract's keys, plus the face and transaction code it came through (issue 23)
        assert set(entry) == {"at", "transaction", "from", "to", "client_trx_id", "location", "face", "code"}
        assert (entry["face"], entry["code"]) == ("fmd-rest", "unlock")
        assert (entry["from"], entry["to"], entry["client_trx_id"], entry["location"]) == (
            "Locked",
            "Active",
            "adm-t1",
            LOCATION,
        )

        faults = raw.post(
            "/_admin/faults", json={"latency_ms": 5, "error_rate": 0, "outage": False, "rate_limit_per_s": 0}
        )
        assert faults.json()["latency_ms"] == 5
        assert raw.post("/_admin/faults", json={"error_rate": 2}).status_code == 422
        raw.post("/_admin/faults", json={"latency_ms": 0})

        before = raw.get("/_admin/clock").json()["offset_hours"]
        assert raw.post("/_admin/clock", json={"advance_hours": 48}).json()["offset_hours"] == before + 48
        assert raw.post("/_admin/clock", json={}).status_code == 422

        stats = raw.get("/_admin/stats").json()
        assert stats["requests"] == 1 and stats["by_return_code"] == {"NMVS_SUCCESS": 1} and stats["alerts"] == 0


def test_admin_refuses_non_loopback_clients(hub_sim) -> None:
    import asyncio

    from dispense_app.hub.simulator import create_app

    app = create_app(hub_sim.state)

    async def call(client_host: str, method: str, path: str, **kw) -> int:
        transport = httpx.ASGITransport(app=app, client=(client_host, 5555))
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as c:
            return (await c.request(method, path, **kw)).status_code

    assert asyncio.run(call("192.0.2.7", "GET", "/_admin/stats")) == 403
    assert asyncio.run(call("192.0.2.7", "POST", "/_admin/faults", json={"outage": True})) == 403
    assert asyncio.run(call("192.0.2.7", "GET", "/openapi.json")) == 200
    assert asyncio.run(call("127.0.0.1", "GET", "/_admin/stats")) == 200
    assert asyncio.run(call("::1", "GET", "/_admin/stats")) == 200
    assert asyncio.run(call("::ffff:127.0.0.1", "GET", "/_admin/stats")) == 200
    assert asyncio.run(call("::ffff:10.0.0.1", "GET", "/_admin/stats")) == 403
    assert asyncio.run(call("not-an-address", "GET", "/_admin/stats")) == 403
    assert hub_sim.state.faults.outage is False


# --- the command -----------------------------------------------------------------------------------


def test_hub_sim_command_first_line_and_packs_csv(tmp_path) -> None:
    csv_path = tmp_path / "packs.csv"
    csv_path.write_text(
        "gtin,serial,lot,expiry,state,product_name\n"
        f"{GTIN_A},CSV1,L1,2031-12-31,,Demo pack\n"
        f"{GTIN_A},CSV2,L1,2031-12-31,Supplied,\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "dispense_app", "hub-sim", "--port", "0", "--packs", str(csv_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().rstrip("\n")
        assert line.startswith("listening on http://127.0.0.1:")
        url = line.removeprefix("listening on ")
        port = int(url.rsplit(":", 1)[1])
        assert port > 0
        with FmdRestClient(url, retries=3, backoff_s=0.05) as client:
            assert client.verify(ref("CSV1")).product_name == "Demo pack"
            assert client.verify(ref("CSV2")).state is PackState.SUPPLIED
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_hub_sim_command_bad_csv_exit_2(tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("gtin,serial,lot,expiry\n123456,S,L,2031-12-31\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "dispense_app", "hub-sim", "--packs", str(bad)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 2 and "gtin" in out.stderr


def test_trailing_newline_is_not_a_valid_serial(hub_sim) -> None:
    with httpx.Client(base_url=hub_sim.url) as raw:
        r = raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01%0A", headers={"X-Data-Entry-Mode": "scan"})
        assert r.status_code == 422
        r = raw.get(f"/v1/packs/GTIN/{GTIN_A}/ACT01", params={"batch": "L1\n"}, headers={"X-Data-Entry-Mode": "scan"})
        assert r.status_code == 422


def test_gtin_13_is_the_same_product(hub_client: FmdRestClient) -> None:
    short = PackRef(ProductScheme.GTIN, GTIN_A.lstrip("0"), "ACT01", "L1")
    assert len(short.product_code) == 13
    assert hub_client.verify(short).ok


def test_concurrent_retries_of_the_same_trx_ids_decommission_once(hub_sim, hub_client: FmdRestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    serials = [f"ACT{i:02d}" for i in range(1, 21)]
    jobs = [supply(s, f"conc-{s}") for s in serials] * 6  # every request sent six times, from 6 threads

    with ThreadPoolExecutor(max_workers=6) as pool:
        replies = list(pool.map(hub_client.transact, jobs))
    assert all(r.ok for r in replies)
    assert sum(1 for r in replies if r.extra.get("replayed") == "true") == len(jobs) - len(serials)
    for s in serials:
        assert len(hub_sim.admin.pack(GTIN_A, s)["history"]) == 1
    assert hub_sim.admin.stats()["alerts"] == 0


@pytest.mark.slow
def test_bulk_of_ten_thousand(hub_sim, hub_client: FmdRestClient) -> None:
    n = 10_000
    hub_sim.admin.seed([{"gtin": GTIN_A, "serial": f"T{i:06d}", "lot": "L1", "expiry": "2031-12-31"} for i in range(n)])
    replies = hub_client.bulk([supply(f"T{i:06d}", f"ten-{i}") for i in range(n)])
    assert len(replies) == n and all(r.ok for r in replies)
    assert hub_client.bulk_stats.count == 1
    assert hub_sim.admin.pack(GTIN_A, "T009999")["state"] == "Supplied"
