"""What the securPharm adapter puts on the wire, captured by a plain ``http.server`` and checked
against shared/protocols/securpharm-rest.md §2-§3 with expectations built here (stdlib base64 and
URL parsing), never with the adapter's own encoders.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.server
import json
import threading
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from dispense_app.core.model import HubRequest, PackRef, ProductScheme, Transaction
from dispense_app.hub.securpharm import SecurPharmClient

SID = "0d7cf3a0-2f53-4d5e-9a43-5e0c2d7e1111"
SERIAL = "??>???a"  # standard base64 "Pz8+Pz8/YQ==": "+", "/" and padding
LOT = "L1?>"


@dataclass
class Captured:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes


class _Capture(http.server.BaseHTTPRequestHandler):
    captured: list[Captured]

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        self.captured.append(
            Captured(
                self.command,
                path,
                urllib.parse.parse_qsl(query, keep_blank_values=True),
                {k.lower(): v for k, v in self.headers.items()},
                body,
            )
        )
        if path.endswith("/openid-connect/token"):
            reply: dict[str, Any] = {"access_token": "TOKEN-1", "expires_in": 300, "token_type": "bearer"}
        else:
            ctx = dict(urllib.parse.parse_qsl(query)).get("ctx", "")
            reply = {
                "res": {"cod": "SP-000", "mes": "ok", "hid": ""},
                "tx": {"ctx": ctx, "stx": "STX-1"},
                "prod": {"pc": "x", "pcs": "GTIN", "lot": LOT, "exp": "311200"},
                "pack": {"sn": SERIAL, "state": "ACTIVE", "reasons": None},
            }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = _record

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def capture() -> Iterator[tuple[str, list[Captured]]]:
    captured: list[Captured] = []
    handler = type("Handler", (_Capture,), {"captured": captured})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", captured
    finally:
        server.shutdown()
        server.server_close()


def unpadded_standard_b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def test_login_verify_decommission_undo_on_the_wire(capture: tuple[str, list[Captured]]) -> None:
    base, captured = capture
    client = SecurPharmClient(f"{base}/api", auth_url=f"{base}/authsrv", application_id=SID, retries=0)
    gtin = "04150037528643"
    pack = PackRef(ProductScheme.GTIN, gtin, SERIAL, LOT, dt.date(2031, 12, 31))
    trx = str(uuid.uuid4())
    try:
        client.verify(pack)
        client.transact(HubRequest(Transaction.SUPPLY, pack, trx))
        client.transact(HubRequest(Transaction.UNDO_SUPPLY, pack, str(uuid.uuid4()), ref_hub_trx_id="STX-1"))
    finally:
        client.close()
    token, verify, put, undo = captured

    # §2: the token call: form fields exactly, no user name/password, no Authorization header
    assert token.method == "POST"
    assert token.path == "/authsrv/auth/realms/testentity/protocol/openid-connect/token"
    assert token.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert urllib.parse.parse_qs(token.body.decode()) == {"grant_type": ["password"], "client_id": ["securPharm"]}
    assert "authorization" not in token.headers

    # §3: paths, B64 = standard alphabet without padding over UTF-8, pc in clear
    expected_path = f"/api/products/{gtin}/packs/{unpadded_standard_b64(SERIAL)}"
    for call in (verify, put, undo):
        assert urllib.parse.unquote(call.path) == expected_path
        assert call.headers["authorization"] == "Bearer TOKEN-1"
        assert call.headers["accept"] == "application/json"
        assert call.body == b""
    assert verify.method == "GET" and put.method == "PUT" and undo.method == "PUT"

    # parameter order as metasfresh builds it: GET lot, exp, pcs, ctx, sid; PUT lot, exp, pcs, sid, act, ctx[, trx]
    assert [k for k, _ in verify.query] == ["lot", "exp", "pcs", "ctx", "sid"]
    assert [k for k, _ in put.query] == ["lot", "exp", "pcs", "sid", "act", "ctx"]
    assert [k for k, _ in undo.query] == ["lot", "exp", "pcs", "sid", "act", "ctx", "trx"]
    v, p, u = dict(verify.query), dict(put.query), dict(undo.query)
    assert v["lot"] == unpadded_standard_b64(LOT) and v["exp"] == "311200" and v["pcs"] == "GTIN"
    assert v["sid"] == SID and uuid.UUID(v["ctx"]).version == 4 and str(uuid.UUID(v["ctx"])) == v["ctx"]
    assert p["act"] == "DECOMMISSION" and p["ctx"] == trx
    assert u["act"] == "UNDO_DECOMMISSION" and u["trx"] == "STX-1"


def test_ppn_pack_and_raw_code_on_the_wire(capture: tuple[str, list[Captured]]) -> None:
    base, captured = capture
    client = SecurPharmClient(base, application_id=SID, retries=0)
    raw = "[)>\x1e06\x1d9N111234568408\x1d1T47U5217\x1dD220800\x1dS18019731537612\x1e\x04"
    try:
        client.verify(PackRef(ProductScheme.PPN, "111234568408", "18019731537612", "47U5217", dt.date(2022, 8, 15)))
        client.decode(raw)
    finally:
        client.close()
    _token, verify, uis = captured
    serial_b64 = unpadded_standard_b64("18019731537612")
    assert urllib.parse.unquote(verify.path) == f"/products/111234568408/packs/{serial_b64}"
    assert dict(verify.query)["pcs"] == "PPN" and dict(verify.query)["exp"] == "220815"
    assert urllib.parse.unquote(uis.path) == f"/uis/{unpadded_standard_b64(raw)}"
    assert [k for k, _ in uis.query] == ["ctx", "sid"]
