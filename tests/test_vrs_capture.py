"""The VRS request as it leaves the app, captured on the wire by a plain stdlib HTTP server and
checked against shared/protocols/vrs-lms-1.3.md section 2.1 with literals copied from the notes:
nothing here comes from the adapter's own constants or helpers (issue 19)."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import urllib.parse
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.hub.vrs import VrsClient

# From the notes, section 2.1: the URI template, the query names, the version header (1.3 client)
TEMPLATE = re.compile(r"^/base/verify/gtin/(?P<gtin>[0-9]{14})/lot/(?P<lot>[^/]+)/ser/(?P<ser>[^/?]+)$")
QUERY_NAMES = {"exp", "linkType", "context", "reqGLN", "corrUUID"}
OPTIONAL_13 = {"ctrlPossessAtt", "email", "telephone"}
CONTEXT_VALUES = {"dscsaSaleableReturn", "dscsaExceptionVerification"}
GLN = "0614141000005"
VP = "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.sig"  # {"alg":"none"} . {"exp":4102444800}


class Capture(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, Any]]] = []

    def do_GET(self) -> None:
        Capture.seen.append(
            {"method": "GET", "target": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}
        )
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        body = json.dumps(
            {
                "verificationTimestamp": "2026-12-06T09:00:00.000Z",
                "responderGLN": "0614141999996",
                "corrUUID": query.get("corrUUID", [""])[0],
                "data": {"verified": True},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def wire() -> Iterator[str]:
    Capture.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/base"
    finally:
        server.shutdown()
        server.server_close()


def test_captured_verify_request_matches_the_notes(wire: str) -> None:
    pack = PackRef(ProductScheme.GTIN, "00614141000012", "SER/1 .x", "LOT-7", dt.date(2027, 3, 31))
    with VrsClient(wire, requester_gln=GLN, atp_credential=VP, contact_email="rx@pharmacy.example", retries=0) as c:
        c.verify(pack)
        c.verify(pack, purpose="return")
    check, ret = Capture.seen
    for req, context in ((check, "dscsaExceptionVerification"), (ret, "dscsaSaleableReturn")):
        assert req["method"] == "GET"
        path, _, query_text = req["target"].partition("?")
        m = TEMPLATE.match(path)
        assert m is not None, path
        assert m["gtin"] == "00614141000012" and urllib.parse.unquote(m["lot"]) == "LOT-7"
        assert urllib.parse.unquote(m["ser"]) == "SER/1 .x"  # '/' and ' ' percent-encoded in one segment
        query = urllib.parse.parse_qs(query_text, keep_blank_values=True)
        assert set(query) >= QUERY_NAMES and set(query) <= QUERY_NAMES | OPTIONAL_13
        assert all(len(v) == 1 for v in query.values())
        assert query["exp"] == ["270331"]  # YYMMDD
        assert query["linkType"] == ["verificationService"]
        assert query["context"] == [context] and context in CONTEXT_VALUES
        assert query["reqGLN"] == [GLN]
        assert uuid.UUID(query["corrUUID"][0]).version == 4
        assert query["ctrlPossessAtt"] == ["true"] and query["email"] == ["rx@pharmacy.example"]
        assert req["headers"]["gs1us-version"] == "1.3.0"
        assert req["headers"]["x-dscsa-atp-vp"] == VP  # the ATP presentation in its own header
        assert "authorization" not in req["headers"]  # no OAuth2 client configured: nothing invented
    assert check["target"].split("corrUUID=")[1][:36] != ret["target"].split("corrUUID=")[1][:36]


def test_captured_check_connectivity_matches_the_notes(wire: str) -> None:
    with VrsClient(wire, requester_gln=GLN, retries=0) as c:
        c.check_connectivity("00614141000012")
    (req,) = Capture.seen
    path, _, query_text = req["target"].partition("?")
    assert path == "/base/checkConnectivity"
    query = urllib.parse.parse_qs(query_text)
    assert query["gtin"] == ["00614141000012"] and query["reqGLN"] == [GLN]
