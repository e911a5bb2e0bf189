"""The securPharm part of bench/hub.py: the adapter's verify overhead beside bare httpx.

:class:`SecurPharmClient` (token cached, base64 path and query, JSON reply mapped to a HubReply)
against ``/securpharm`` of the simulator, interleaved with a bare ``httpx.Client`` sending the
same GET (path and query built beforehand, the same bearer token, the same TCP_NODELAY), so only
the adapter's own work differs. Overhead = round trip minus the simulator's Server-Timing.
Bar (issue 23): <= 5 ms p95 for REST adapters.
"""

from __future__ import annotations

import datetime as dt
import socket
import time
import urllib.parse
import uuid

import httpx

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.hub.securpharm import SecurPharmClient
from dispense_app.hub.timing import parse_server_timing, percentile

BAR_P95_MS = 5.0
EXPIRY = dt.date(2031, 12, 31)
SID = "00000000-0000-4000-8000-000000000b0c"

Samples = dict[str, list[float]]


def _p(values: list[float], q: float) -> float:
    value = percentile(values, q)
    assert value is not None
    return value


def measure(url: str, gtin: str, n: int) -> tuple[Samples, Samples]:
    totals: Samples = {"client": [], "httpx": [], "client_cpu": [], "httpx_cpu": []}
    overheads: Samples = {"client": [], "httpx": []}
    nodelay = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
    with (
        SecurPharmClient(url + "/securpharm", application_id=SID, retries=0) as client,
        httpx.Client(base_url=url, transport=nodelay) as raw,
    ):
        token = raw.post(
            "/securpharm/auth/realms/testentity/protocol/openid-connect/token",
            data={"grant_type": "password", "client_id": "securPharm"},
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

        def prebuilt(serial: str) -> str:
            pack = PackRef(ProductScheme.GTIN, gtin, serial, "L1", EXPIRY)
            params = {"lot": client.choices.b64("L1"), "exp": "311200", "pcs": "GTIN", "ctx": str(uuid.uuid4()),
                      "sid": SID}  # fmt: skip
            return f"/securpharm{client.pack_path(pack)}?{urllib.parse.urlencode(params)}"

        paths = [prebuilt(f"P{i % 5000:06d}") for i in range(n + 1)]
        client.verify(PackRef(ProductScheme.GTIN, gtin, "P000000", "L1", EXPIRY))  # connect + log in untimed
        raw.get(paths[n], headers=headers)
        for i in range(n):
            pack = PackRef(ProductScheme.GTIN, gtin, f"P{i % 5000:06d}", "L1", EXPIRY)
            started, cpu = time.perf_counter(), time.thread_time()
            reply = client.verify(pack)
            total = (time.perf_counter() - started) * 1000
            totals["client_cpu"].append((time.thread_time() - cpu) * 1000)
            assert reply.ok and reply.server_ms is not None, reply
            totals["client"].append(total)
            overheads["client"].append(total - reply.server_ms)

            started, cpu = time.perf_counter(), time.thread_time()
            resp = raw.get(paths[i], headers=headers)
            total = (time.perf_counter() - started) * 1000
            totals["httpx_cpu"].append((time.thread_time() - cpu) * 1000)
            server = parse_server_timing(resp.headers.get("server-timing"))
            assert resp.status_code == 200 and resp.json()["res"]["cod"] == "SP-000" and server is not None
            totals["httpx"].append(total)
            overheads["httpx"].append(total - server)
    return totals, overheads


def report(totals: Samples, overheads: Samples) -> tuple[float, float, float]:
    """Print the table; return the p95s of round trip - Server-Timing (adapter, bare httpx) and the
    adapter's CPU time per call."""
    print(f"verify round trip via securPharm (/securpharm), {len(totals['client'])} calls each, interleaved")
    print(f"  {'':32}{'trip p50':>10}{'trip p95':>10}{'trip-hub p50':>14}{'trip-hub p95':>14}")
    for key, name in (("client", "SecurPharmClient"), ("httpx", "bare httpx, same request")):
        print(
            f"  {name:32}{_p(totals[key], 50):>10.2f}{_p(totals[key], 95):>10.2f}"
            f"{_p(overheads[key], 50):>14.2f}{_p(overheads[key], 95):>14.2f}"
        )
    c95, h95 = _p(overheads["client"], 95), _p(overheads["httpx"], 95)
    print(f"  ratio p95 (trip - hub): adapter/bare httpx {c95 / h95:.2f}; adapter's own share {c95 - h95:.2f} ms")
    print(
        f"  client CPU time per call (thread_time): adapter p50 {_p(totals['client_cpu'], 50):.2f} ms, "
        f"p95 {_p(totals['client_cpu'], 95):.2f} ms (bare httpx p50 {_p(totals['httpx_cpu'], 50):.2f}, "
        f"p95 {_p(totals['httpx_cpu'], 95):.2f})"
    )
    return c95, h95, _p(totals["client_cpu"], 95)
