"""NMVS return codes as the app reads them, and the adapter's unconfirmed choices.

Two tables, each in one place:

* :data:`CODE_MAP` / :func:`classify`: what an NMVS ``ReturnCode@code`` means to the app. Codes with
  an equivalent in :class:`dispense_app.core.model.ReturnCode` become that value (the v5 "no-alert
  twins" map onto the code they twin: the hub's ``alertId`` tells whether an alert was raised);
  credential codes raise :class:`HubAuthError`, load/availability codes :class:`HubUnavailable`,
  everything else :class:`HubRequestError`. (Branch issue-18 opens ``ReturnCode`` into the full
  table of real codes; this mapping is where that table plugs in.)
* :data:`DEFAULT_CHOICES`: every fact the protocol notes mark unconfirmed and the adapter had to
  decide, overridable per national system with ``choices`` in the hub configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from dispense_app.core.model import HubAuthError, HubRequestError, HubUnavailable, ReturnCode

SUCCESS = "NMVS_SUCCESS"
NOT_READY = "NMVS_FE_TX_02"  # bulk result not available yet: poll again

CODE_MAP: dict[str, ReturnCode] = {
    "NMVS_SUCCESS": ReturnCode.SUCCESS,
    "NMVS_NC_PCK_23": ReturnCode.SUCCESS,  # tolerated repeat ("re-set via double scan registered")
    "NMVS_NC_PC_01": ReturnCode.PRODUCT_UNKNOWN,
    "NMVS_NC_PC_06": ReturnCode.PRODUCT_UNKNOWN,
    "NMVS_NC_PC_02": ReturnCode.SERIAL_UNKNOWN,
    "NMVS_NC_PC_14": ReturnCode.SERIAL_UNKNOWN,  # v5 twin, no alert
    "NMVS_FE_LOT_03": ReturnCode.BATCH_UNKNOWN,
    "NMVS_FE_LOT_15": ReturnCode.BATCH_UNKNOWN,
    "NMVS_FE_LOT_12": ReturnCode.EXPIRY_MISMATCH,
    "NMVS_FE_LOT_17": ReturnCode.EXPIRY_MISMATCH,
    "NMVS_FE_LOT_13": ReturnCode.BATCH_MISMATCH,
    "NMVS_FE_LOT_18": ReturnCode.BATCH_MISMATCH,
    "NMVS_NC_PCK_22": ReturnCode.ALREADY_INACTIVE,
    "NMVS_NC_PCK_30": ReturnCode.ALREADY_INACTIVE,
    "NMVS_NC_PCK_06": ReturnCode.UNDO_STATE_MISMATCH,
    "NMVS_NC_PCK_29": ReturnCode.UNDO_STATE_MISMATCH,
    "NMVS_NC_PCK_19": ReturnCode.ALREADY_IN_STATE,
    "NMVS_NC_PCK_28": ReturnCode.ALREADY_IN_STATE,
    "NMVS_NC_PCK_20": ReturnCode.UNDO_TOO_LATE,
    "NMVS_NC_PCK_05": ReturnCode.UNDO_TOO_LATE,
    "NMVS_NC_PCK_21": ReturnCode.UNDO_OTHER_LOCATION,
    "NMVS_FE_LOT_01": ReturnCode.BATCH_RECALLED,
    "NMVS_FE_LOT_08": ReturnCode.BATCH_RECALLED,
    "NMVS_NC_PCK_02": ReturnCode.PACK_EXPIRED,
    "NMVS_TE_TX_01": ReturnCode.TRX_ID_REUSED,
}

#: credentials: the user must act (wrong password, locked, expired password, terms not accepted)
AUTH_CODES: dict[str, str] = {
    "NMVS_FE_AU_01": "the national system refused the user id / password",
    "NMVS_FE_AU_02": "the user is locked at the national system",
    "NMVS_FE_AU_04": "the client login id is unknown to the national system",
    "NMVS_FE_AU_05": "too many failed logins: the account is blocked, contact the national organisation",
    "NMVS_FE_AU_06": "the national system refused the user id / password",
    "NMVS_FE_AU_10": "the password differs from the one stored at the national system",
    "NMVS_FE_AU_11": "the password has expired (or is the initial one): change it with `dispense-app hub password`",
    "NMVS_FE_AU_17": "the login data are invalid: contact the national organisation",
    "NMVS_FE_AU_23": "new terms and conditions were not accepted in time: accept them in the settings window",
    "NMVS_TI_AU_01": "authentication failed at the national system",
}

#: the national system is busy or down: the offline path (queued changes stay in the outbox)
UNAVAILABLE_CODES = frozenset(
    {
        "NMVS_TE_REQ_01",
        "NMVS_TE_REQ_02",
        "NMVS_TE_REQ_03",
        "NMVS_TE_REQ_04",
        "NMVS_TE_REQ_05",
        "NMVS_TE_TX_03",
        "NMVS_TI_TO_01",
        "NMVS_TI_RT_02",
        "NMVS_TI_RT_03",
        "NMVS_FI_SE_CLI_01",
        "NMVS_ERROR",
    }
)


def classify(code: str, desc: str | None) -> ReturnCode:
    """The app's return code for an NMVS code, or the typed error it stands for."""
    mapped = CODE_MAP.get(code)
    if mapped is not None:
        return mapped
    text = f"{code}: {desc}" if desc else code
    if code in AUTH_CODES:
        raise HubAuthError(f"{AUTH_CODES[code]} ({text})")
    if code in UNAVAILABLE_CODES:
        raise HubUnavailable(f"the national system is not available now ({text})")
    raise HubRequestError(f"the national system refused the request ({text})", detail=code)


@dataclass(frozen=True, slots=True)
class NmvsChoices:
    """What the adapter decided where shared/protocols/nmvs-blueprint-soap.md is unconfirmed.

    Each field can be overridden per national system: ``"choices": {"name": value}`` in hub.json.
    docs/hub-protocol.md ("NMVS: unconfirmed choices") says why each default was chosen.
    """

    #: the v5 XSD is not public: the v4 field formats are used with the v5 namespace
    schema_version: str = "v5"
    #: content type of requests: SOAP 1.2's own type (clients seen also send text/xml)
    content_type: str = "application/soap+xml; charset=utf-8"
    #: how state changes of the outbox go out in bulk: "mixed" (G195, a client transaction id per
    #: pack, so a resend can never decommission twice) or "per-batch" (G1x5, one product+batch per
    #: request with one header transaction id derived from the packs' ids)
    bulk_state_changes: str = "mixed"
    #: smallest run of same product+batch packs worth a G1x5 / G115 request instead of single calls
    min_bulk_run: int = 2
    #: free sample has no manual-entry code (no G162 in the v4 catalogue): send G160 for typed packs
    free_sample_manual_code: str = "G160"
    #: ping answers echo their input (inferred from clients that compare it)
    ping_echoes_input: bool = True
    #: undo sends RefClientTrxId (optional in every XSD; one client omits it)
    send_ref_client_trx_id: bool = True
    #: G482 takes an optional Version; the reply layout (TermsAndConditions{Version, Text, ...}) is v2's
    terms_layout: str = "v2-O11"

    @classmethod
    def with_overrides(cls, overrides: dict[str, Any] | None) -> NmvsChoices:
        base = cls()
        if not overrides:
            return base
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(overrides) - set(known))
        if unknown:
            raise ValueError(f"unknown NMVS choices: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return replace(base, **overrides)


DEFAULT_CHOICES = NmvsChoices()
