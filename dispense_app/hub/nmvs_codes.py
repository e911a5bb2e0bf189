"""NMVS return codes as the adapter reads them, and the adapter's unconfirmed choices.

* :func:`classify`: an NMVS ``ReturnCode@code`` is the app's :class:`ReturnCode` (the open table of
  every real code, :mod:`dispense_app.core.return_codes`): the workflow and the outbox decide what a
  code means (alerts, twins, retries, follow-up). Credential codes (``*_AU_*``, ``*_PKI_*``) raise
  :class:`HubAuthError` instead, with what to do, as a REST hub's 401 does: the station's login
  must be fixed, and queued changes stay in the outbox.
* :data:`DEFAULT_CHOICES`: every fact the protocol notes mark unconfirmed and the adapter had to
  decide, overridable per national system with ``choices`` in the hub configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from dispense_app.core.model import HubAuthError, HubRequestError, HubUnavailable, ReturnCode
from dispense_app.core.return_codes import CodeFamily

SUCCESS = "NMVS_SUCCESS"
NOT_READY = "NMVS_FE_TX_02"  # bulk result not available yet: poll again

#: what the user does about a credential code (the meaning of every code is in the return-code table)
AUTH_ADVICE: dict[str, str] = {
    "NMVS_FE_AU_01": "the national system refused the user id / password",
    "NMVS_FE_AU_05": "too many failed logins: the account is blocked, contact the national organisation",
    "NMVS_FE_AU_11": "the password has expired (or is the initial one): change it with `dispense-app hub password`",
    "NMVS_FE_AU_23": "new terms and conditions were not accepted in time: accept them in the settings window "
    "or with `dispense-app hub terms --accept VERSION`",
    "NMVS_FE_PKI_01": "the client certificate has expired: renew it through the national organisation's PKI",
}


def classify(code: str, desc: str | None) -> ReturnCode:
    """The app's return code for an NMVS answer; HubAuthError for a credential code."""
    if not code or not code.strip():
        raise HubRequestError("the national system answered without a return code")
    rc = ReturnCode(code)
    if rc.family is CodeFamily.CREDENTIALS:
        text = f"{rc.value}: {desc or rc.meaning}"
        raise HubAuthError(f"{AUTH_ADVICE.get(rc.value, 'the national system refused the login')} ({text})")
    return rc


def refused(code: str, desc: str | None, what: str) -> Exception:
    """The error for a support or bulk answer that is not a success: technical codes are the
    offline path (try again later), others a refusal."""
    rc = classify(code, desc)
    text = f"{rc.value}: {desc or rc.meaning}"
    if rc.family is CodeFamily.TECHNICAL:
        return HubUnavailable(f"the national system could not {what} now ({text})")
    return HubRequestError(f"the national system refused to {what} ({text})", detail=rc.value)


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
