"""The DSCSA ATP credential a VRS request carries (shared/protocols/vrs-lms-1.3.md section 5).

OCI's model: a JWT Verifiable Presentation of the ``DSCSAATPCredential`` travels in a custom HTTP
header of every LMS request; the responder's VRS verifies it and answers 403 when it is expired,
revoked or badly signed. The station stores the presentation it got from its credential provider
(wallet) in the keyring (kind ``atp-credential``), never in a file.

The header's name is not stated in any public source found, so it is configurable
(``HubConfig.atp_header``); :data:`DEFAULT_HEADER` is this app's default. Only the expiry is read
here (no signature check: that is the responder's job), so that a 403 can say "expired on ..."
rather than guess.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

DEFAULT_HEADER = "X-DSCSA-ATP-VP"
"""Header carrying the ATP verifiable presentation (unconfirmed name; configurable)."""


class NotAJwt(ValueError):
    """The text is not a compact JWT (three base64url parts with a JSON payload)."""


def _payload(token: str) -> dict[str, Any]:
    token = token.strip()
    if not token.isascii() or not all(c.isalnum() or c in "-_.=" for c in token):
        raise NotAJwt("an ATP credential is a JWT: base64url characters and dots only")
    parts = token.split(".")
    if len(parts) != 3 or not all(parts[:2]):
        raise NotAJwt("an ATP credential is a JWT: three base64url parts separated by dots")
    padded = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        body = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, UnicodeError, ValueError):
        raise NotAJwt("the ATP credential's payload is not base64url JSON") from None
    if not isinstance(body, dict):
        raise NotAJwt("the ATP credential's payload is not a JSON object")
    return body


def _exp(body: dict[str, Any]) -> dt.datetime | None:
    exp = body.get("exp")
    if isinstance(exp, int | float) and not isinstance(exp, bool):
        return dt.datetime.fromtimestamp(exp, dt.UTC)
    return None


def expiry(token: str) -> dt.datetime | None:
    """When the presentation (or the earliest credential inside it) expires; None if it says not."""
    body = _payload(token)
    moments = [m for m in (_exp(body),) if m is not None]
    vp = body.get("vp")
    creds = vp.get("verifiableCredential") if isinstance(vp, dict) else None
    for cred in creds if isinstance(creds, list) else []:
        if isinstance(cred, str):
            try:
                inner = _exp(_payload(cred))
            except NotAJwt:
                continue
            if inner is not None:
                moments.append(inner)
        elif isinstance(cred, dict) and isinstance(cred.get("expirationDate"), str):
            try:
                moments.append(dt.datetime.fromisoformat(cred["expirationDate"].replace("Z", "+00:00")))
            except ValueError:
                continue
    return min(moments) if moments else None


def check(token: str) -> str:
    """The token, stripped, when it is a readable JWT (raises :class:`NotAJwt` otherwise)."""
    _payload(token)
    return token.strip()


def make_unsigned(payload: dict[str, Any]) -> str:
    """An unsigned JWT (``alg: none``) with ``payload``: for the simulator, tests and training mode."""

    def part(obj: dict[str, Any]) -> str:
        raw = json.dumps(obj, separators=(",", ":")).encode("utf-8")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(payload)}.unsigned"
