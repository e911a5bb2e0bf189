"""The securPharm choices the public sources leave open, in one named place.

shared/protocols/securpharm-rest.md (§0) marks these facts **unconfirmed**: the ``act`` vocabulary,
the literal the server sends for a non-active pack, the production auth realm, the base64 alphabet
(and padding) of the encoded path and query values, and every result code but SP-030/SP-901. Each
choice below is the default the notes support best (what metasfresh, the one open-source client,
sends); a national system that answers differently is configured, never patched:
``hub.json`` ``"choices": {"realm": "...", "act.supply": "...", ...}`` (``dispense-app hub configure
--option KEY=VALUE``). docs/hub-protocol.md ("securPharm: unconfirmed choices") says why each
default was chosen.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from dispense_app.core.model import ReturnCode, Transaction

Alphabet = Literal["standard", "urlsafe"]

#: what metasfresh sends today (``DECOMMISSION`` / ``UNDO_DECOMMISSION``; its 2019 enum had
#: ``DESTROY`` and ``UNDO_DISPENSE``). A pharmacy's decommission is the supply to the patient.
DEFAULT_ACTS: dict[Transaction, str] = {
    Transaction.SUPPLY: "DECOMMISSION",
    Transaction.UNDO_SUPPLY: "UNDO_DECOMMISSION",
    Transaction.DESTROY: "DESTROY",
}

#: ``res.cod`` -> our return code. Only SP-030 (decode done) and SP-901 (not available) are
#: public; the pack answers are the simulator's own numbering (a real server's codes go into
#: ``choices`` as ``code.SP-xxx = NMVS_...``). A ``res.cod`` that already is an NMVS code name is
#: taken as it is.
DEFAULT_RESULT_CODES: dict[str, ReturnCode] = {
    "SP-000": ReturnCode.SUCCESS,
    "SP-030": ReturnCode.SUCCESS,
    "SP-101": ReturnCode.PRODUCT_UNKNOWN,
    "SP-102": ReturnCode.SERIAL_UNKNOWN,
    "SP-103": ReturnCode.BATCH_UNKNOWN,
    "SP-106": ReturnCode.UNDO_STATE_MISMATCH,
    "SP-112": ReturnCode.EXPIRY_MISMATCH,
    "SP-113": ReturnCode.BATCH_MISMATCH,
    "SP-119": ReturnCode.ALREADY_IN_STATE,
    "SP-120": ReturnCode.UNDO_TOO_LATE,
    "SP-121": ReturnCode.UNDO_OTHER_LOCATION,
    "SP-122": ReturnCode.ALREADY_INACTIVE,
    "SP-201": ReturnCode.BATCH_RECALLED,
    "SP-202": ReturnCode.PACK_EXPIRED,
    "SP-301": ReturnCode.TRX_ID_REUSED,
}

#: the pharmacy server is down for maintenance, or the manufacturers' database is (press reports)
UNAVAILABLE_CODES = frozenset({"SP-901"})

#: what the German pharmacy does while securPharm is unavailable (shown in the offline banner)
EMERGENCY_PROCEDURE_DE = (
    "securPharm nicht erreichbar (Wartung oder Störung). Notfallverfahren: Erstöffnungsschutz prüfen "
    "und abgeben; die App speichert jeden Scan und verifiziert bzw. bucht automatisch aus, sobald das "
    "System zurück ist (Art. 29 DelVO 2016/161). Status: securpharm-status.de; "
    "manuelle Ausbuchung im Notfall: securPharm-gui.ngda.de"
)


@dataclass(frozen=True, slots=True)
class SecurPharmChoices:
    """One national system's answers to the open questions (defaults: what metasfresh does)."""

    realm: str = "testentity"  # metasfresh hard-codes it; production realm unknown
    token_client_id: str = "securPharm"  # noqa: S105 - the confirmed form field value, not a secret
    alphabet: Alphabet = "standard"  # metasfresh: Base64.getEncoder() (``+``, ``/``) ...
    padding: bool = False  # ... withoutPadding()
    month_end_day00: bool = True  # metasfresh sends YYMM00 for a last-day-of-month expiry
    active_state: str = "ACTIVE"
    #: non-active literals read as "inactive"; metasfresh knows FRAUD (renamed from INACTIVE)
    inactive_states: tuple[str, ...] = ("INACTIVE", "FRAUD")
    acts: dict[Transaction, str] = field(default_factory=lambda: dict(DEFAULT_ACTS))
    result_codes: dict[str, ReturnCode] = field(default_factory=lambda: dict(DEFAULT_RESULT_CODES))

    def act(self, transaction: Transaction) -> str | None:
        return self.acts.get(transaction)

    def b64(self, text: str) -> str:
        """The encoding of a serial, batch or raw code in a request (UTF-8 bytes)."""
        raw = text.encode("utf-8")
        out = base64.urlsafe_b64encode(raw) if self.alphabet == "urlsafe" else base64.b64encode(raw)
        encoded = out.decode("ascii")
        return encoded if self.padding else encoded.rstrip("=")

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> SecurPharmChoices:
        """Defaults overridden by a hub configuration's ``choices`` (ValueError on a bad one)."""
        options = {str(k): str(v).lower() if isinstance(v, bool) else str(v) for k, v in options.items()}
        choices = cls()
        acts = dict(choices.acts)
        codes = dict(choices.result_codes)
        simple: dict[str, object] = {}
        for key, value in options.items():
            if key in ("realm", "token_client_id", "active_state"):
                if not value.strip():
                    raise ValueError(f"option {key} must not be empty")
                simple[key] = value.strip()
            elif key == "alphabet":
                if value not in ("standard", "urlsafe"):
                    raise ValueError("option alphabet must be standard or urlsafe")
                simple[key] = value
            elif key in ("padding", "month_end_day00"):
                simple[key] = _flag(key, value)
            elif key == "inactive_states":
                simple[key] = tuple(v.strip() for v in value.split(",") if v.strip())
            elif key.startswith("act."):
                try:
                    trx = Transaction(key.removeprefix("act."))
                except ValueError:
                    raise ValueError(f"option {key}: unknown transaction") from None
                if value.strip():
                    acts[trx] = value.strip()
                else:
                    acts.pop(trx, None)  # "act.destroy=" switches a transaction off
            elif key.startswith("code."):
                code = ReturnCode(value.strip())  # open since issue 18: any text is a code...
                if not code.known:  # ...but a mapping chosen by hand must name a real one
                    raise ValueError(f"option {key}: {value!r} is not a known return code")
                codes[key.removeprefix("code.")] = code
            else:
                raise ValueError(f"unknown securpharm option {key!r}")
        return replace(choices, acts=acts, result_codes=codes, **simple)  # type: ignore[arg-type]


def _flag(key: str, value: str) -> bool:
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"option {key} must be true or false")
