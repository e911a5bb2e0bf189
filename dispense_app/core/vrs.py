"""What a US VRS answer (GS1 US Lightweight Messaging 1.3) means at the counter. Pure Python.

The VRS adapter (:mod:`dispense_app.hub.vrs`) keeps the VRS's own words in ``HubReply.extra``
(``protocol`` = ``vrs``, ``verified``, ``verificationFailureReason``, ``additionalInfo``, and for a
refused request ``vrs_status`` / ``vrs_403``). Here every value of shared/protocols/vrs-lms-1.3.md
gets a verdict level and a next action (:data:`FAILURE_RULES`, :data:`INFO_RULES`), and the two
answers that start the suspect-product workflow (21 U.S.C. 360eee-1(d)) are named
(:func:`suspect_kind`).

Rules worth knowing:

* ``Not_for_re-distribution`` and ``Manufacturer_policy`` are not "already inactive": the US has no
  decommissioning; the first marks suspect product, the second a manufacturer's own decision.
* ``ExpirationExtended`` (the FDA extended the expiry) lifts the local "expired" STOP for that pack
  only (:func:`extends_expiry`), and the note says so.
* 403 and 404 are not answers about the pack: the ATP credential or permission (403), and the
  routing through the Lookup Directory (404). The pack is "not verified" (WARN, no alert), with the
  reason and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from dispense_app.core.model import HubReply

PROTOCOL = "vrs"

FAILURE_REASONS: tuple[str, ...] = (
    "No_match_GTIN_Serial",
    "No_match_GTIN_Serial_Lot",
    "No_match_GTIN_Serial_Expiry",
    "No_match_GTIN_Serial_Lot_Expiry",
    "Manufacturer_policy",
    "No_reason_provided",
    "Not_for_re-distribution",
)
"""``data.verificationFailureReason`` values of LMS 1.3."""

ADDITIONAL_INFO: tuple[str, ...] = ("Expired", "ExpirationExtended", "Recalled", "Suspect", "Illegitimate")
"""``data.additionalInfo`` values of LMS 1.3."""

SuspectKind = Literal["suspect", "illegitimate"]


@dataclass(frozen=True, slots=True)
class VrsRule:
    """The verdict for one VRS value: message id, level (``ok``/``warn``/``stop``), whether it is
    recorded as an alert, and whether it starts the suspect-product workflow."""

    message: str
    level: str
    alert: bool = True
    suspect: SuspectKind | None = None


FAILURE_RULES: Mapping[str, VrsRule] = {
    "No_match_GTIN_Serial": VrsRule("vrs.no_match_serial", "stop"),
    "No_match_GTIN_Serial_Lot": VrsRule("vrs.no_match_lot", "stop"),
    "No_match_GTIN_Serial_Expiry": VrsRule("vrs.no_match_expiry", "stop"),
    "No_match_GTIN_Serial_Lot_Expiry": VrsRule("vrs.no_match_lot_expiry", "stop"),
    "Manufacturer_policy": VrsRule("vrs.manufacturer_policy", "stop"),
    "No_reason_provided": VrsRule("vrs.no_reason", "stop"),
    "Not_for_re-distribution": VrsRule("vrs.not_for_redistribution", "stop", suspect="suspect"),
}
UNKNOWN_FAILURE = VrsRule("vrs.unknown_reason", "stop")

INFO_RULES: Mapping[str, VrsRule] = {
    "Expired": VrsRule("vrs.expired", "stop"),
    "ExpirationExtended": VrsRule("vrs.expiration_extended", "warn", alert=False),
    "Recalled": VrsRule("vrs.recalled", "stop"),
    "Suspect": VrsRule("vrs.suspect", "stop", suspect="suspect"),
    "Illegitimate": VrsRule("vrs.illegitimate", "stop", suspect="illegitimate"),
}
UNKNOWN_INFO = VrsRule("vrs.unknown_info", "warn", alert=False)

VERIFIED = VrsRule("vrs.verified", "ok", alert=False)

REFUSAL_RULES: Mapping[str, VrsRule] = {
    "404": VrsRule("vrs.no_route", "warn", alert=False),
    "401": VrsRule("vrs.not_authenticated", "warn", alert=False),
    "403:atp-missing": VrsRule("vrs.atp_missing", "warn", alert=False),
    "403:atp-expired": VrsRule("vrs.atp_expired", "warn", alert=False),
    "403:refused": VrsRule("vrs.forbidden", "warn", alert=False),
}
"""The VRS refused to answer about the pack (no JSON body): not verified, the reason and what to do."""


def is_vrs(reply: HubReply | None) -> bool:
    return reply is not None and reply.extra.get("protocol") == PROTOCOL


def _case_fold(value: str, known: tuple[str, ...]) -> str:
    """A known value in another case (QU4RTET's 1.0-era ``recalled``) is that value."""
    return next((k for k in known if k.casefold() == value.casefold()), value)


def failure_reason(reply: HubReply) -> str | None:
    value = reply.extra.get("verificationFailureReason")
    return _case_fold(value, FAILURE_REASONS) if value else None


def additional_info(reply: HubReply) -> str | None:
    value = reply.extra.get("additionalInfo")
    return _case_fold(value, ADDITIONAL_INFO) if value else None


def rules(reply: HubReply) -> list[tuple[VrsRule, dict[str, str]]]:
    """Every finding of one VRS reply, most specific first, with extra message parameters."""
    status = reply.extra.get("vrs_status")
    if status == "403":
        key = f"403:{reply.extra.get('vrs_403', 'refused')}"
        return [
            (REFUSAL_RULES.get(key, REFUSAL_RULES["403:refused"]), {"atp_expiry": reply.extra.get("atp_expiry", "")})
        ]
    if status is not None and status in REFUSAL_RULES:
        return [(REFUSAL_RULES[status], {})]
    out: list[tuple[VrsRule, dict[str, str]]] = []
    info = additional_info(reply)
    if info:
        out.append((INFO_RULES.get(info, UNKNOWN_INFO), {"vrs_info": info}))
    if reply.extra.get("verified") != "true":
        reason = failure_reason(reply) or "No_reason_provided"
        out.append((FAILURE_RULES.get(reason, UNKNOWN_FAILURE), {"vrs_reason": reason}))
    elif all(rule.level != "stop" for rule, _ in out):
        out.append((VERIFIED, {}))
    return out


def extends_expiry(reply: HubReply | None) -> bool:
    """The manufacturer says the FDA extended this product's expiry: the local expiry STOP is lifted
    for this pack (only when the pack is also verified)."""
    return (
        is_vrs(reply)
        and reply is not None
        and reply.extra.get("verified") == "true"
        and (additional_info(reply) == "ExpirationExtended")
    )


def suspect_kind(reply: HubReply | None) -> SuspectKind | None:
    """``illegitimate`` or ``suspect`` when this answer starts the suspect-product workflow, else None."""
    if not is_vrs(reply) or reply is None or reply.extra.get("vrs_status"):
        return None
    kinds = {rule.suspect for rule, _ in rules(reply) if rule.suspect}
    if "illegitimate" in kinds:
        return "illegitimate"
    return "suspect" if kinds else None


def describe(reply: HubReply) -> str:
    """The VRS's own words, for records: ``verified=false No_match_GTIN_Serial Suspect``."""
    status = reply.extra.get("vrs_status")
    if status:
        return f"HTTP {status}" + (
            f" ({reply.extra['vrs_403']})" if status == "403" and "vrs_403" in reply.extra else ""
        )
    parts = [f"verified={reply.extra.get('verified', '?')}"]
    parts += [v for v in (failure_reason(reply), additional_info(reply)) if v]
    return " ".join(parts)
