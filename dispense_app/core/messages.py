"""Every pharmacist-facing sentence of the dispensing workflow, in one table.

Each message has a stable id (used in JSON output, tests and translations) and an English source
text with ``{named}`` placeholders. The UI translates the *source text* with Qt's
``QCoreApplication.translate(MESSAGE_CONTEXT, text)`` and then fills the placeholders, so a
translator sees whole sentences; the core never imports Qt and renders English by default.

Keep ids stable: they are a contract with the translations, the alert records and scripts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

MESSAGE_CONTEXT = "verdict"
"""The Qt translation context for every text here."""


@dataclass(frozen=True, slots=True)
class Message:
    """One entry: what happened (``text``) and what to do next (``action``)."""

    text: str
    action: str = ""


Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


MESSAGES: dict[str, Message] = {
    # --- fine ---------------------------------------------------------------------------------
    "ok.verified": Message(
        "Pack verified: genuine and active.",
        "You may hand it over; it is decommissioned when you dispense it.",
    ),
    "ok.supplied": Message("Pack verified and decommissioned (supplied).", "Hand the pack over."),
    "ok.undone": Message("Undo done: the pack is active again.", "Put the pack back into stock."),
    "ok.cancelled": Message(
        "The dispense had not reached the hub yet and was cancelled here; the pack stays active.",
        "Put the pack back into stock.",
    ),
    "ok.destroyed": Message("Pack decommissioned as destroyed.", "Put the pack in the destruction bin."),
    "ok.sample": Message("Pack decommissioned as a sample.", "Hand the pack to the authority."),
    "ok.transaction": Message("Done: the pack is now {state}.", ""),
    # --- input --------------------------------------------------------------------------------
    "input.parse_error": Message(
        "The code could not be read correctly: {detail}.",
        "Rescan the pack (another scanner if you have one) or type the printed code; nothing was sent to the hub.",
    ),
    # the parser's and the scanner gate's problems in plain words (their technical detail stays in the
    # reason's params, for logs and the JSON output; the counter never reads AI, DI or scheme names)
    "input.check_digit": Message(
        "The product code's check digit is wrong: the code was misread or mistyped.",
        "Rescan the pack, or type the printed code again; nothing was sent to the hub.",
    ),
    "input.invalid_date": Message(
        "A date in the code is not a real date (for example month 13).",
        "Compare the expiry printed on the pack, then rescan or type it again; nothing was sent to the hub.",
    ),
    "input.too_long": Message(
        "The code read is longer than a pack's code can be.",
        "Rescan the pack's square code alone; nothing was sent to the hub.",
    ),
    "input.bad_charset": Message(
        "The code read has characters a pack's code cannot have (often the scanner's keyboard layout).",
        "Check the scanner set-up (Settings, F10: calibrate), rescan, or type the printed code; nothing "
        "was sent to the hub.",
    ),
    "input.missing_field": Message(
        "A part every pack code has is missing (product code, serial, batch or expiry).",
        "Rescan the pack, or type the printed code; nothing was sent to the hub.",
    ),
    "input.unknown_ai": Message(
        "The code has a part that is not used on medicine packs.",
        "Rescan the pack's square code; if it fails again, type the printed code. Nothing was sent to the hub.",
    ),
    "input.duplicate_ai": Message(
        "The code gives the same item twice with different values (for example two serial numbers).",
        "Do not supply it on this code: type the printed code, and keep the pack aside if it repeats.",
    ),
    "input.separator_missing": Message(
        "A separator between two parts of the code was lost (scanner set-up).",
        "Check the scanner set-up (Settings, F10: calibrate), rescan, or type the printed code; nothing "
        "was sent to the hub.",
    ),
    "input.malformed": Message(
        "This is not a medicine pack's code.",
        "Scan the square DataMatrix code on the pack, or type the printed code; nothing was sent to the hub.",
    ),
    "input.scanner_setup": Message(
        "The scanner's input does not match this station's scanner set-up (keyboard layout or Caps Lock).",
        "Check the scanner set-up (Settings, F10: calibrate), rescan, or type the printed code; nothing "
        "was sent to the hub.",
    ),
    "input.gate_stop": Message(
        "The scanner's input was stopped before the hub: {detail}.",
        "Check the scanner set-up, rescan, or type the printed code; nothing was sent to the hub.",
    ),
    "input.wrong_barcode": Message(
        "This is the ordinary barcode (EAN or PZN), not the pack's verification code.",
        "Scan the square DataMatrix code.",
    ),
    "input.no_pack": Message(
        "No pack code to check.",
        "Scan the pack's DataMatrix code.",
    ),
    # --- local rules --------------------------------------------------------------------------
    "local.dispensed_here": Message(
        "Already dispensed here {ago}.",
        "Do not dispense it again. Undo available until {undo_until}.",
    ),
    "local.dispensed_here_no_undo": Message(
        "Already dispensed here {ago}; the 10-day undo window ended {undo_until}.",
        "Do not dispense it again; the pack cannot be returned to stock.",
    ),
    "local.dispensed_at_site": Message(
        "Already dispensed at this site ({counter}, {at}).",
        "Do not dispense it again. Undo available until {undo_until}, at any counter.",
    ),
    "local.dispensed_at_site_no_undo": Message(
        "Already dispensed at this site ({counter}, {at}); the 10-day undo window ended {undo_until}.",
        "Do not dispense it again; the pack cannot be returned to stock.",
    ),
    "local.queued_at_site": Message(
        "Already dispensed at this site ({counter}, {at}) and waiting to be sent to the hub.",
        "Do not dispense it again; it is decommissioned when the hub is back. Undo available until {undo_until}.",
    ),
    "local.queued_here": Message(
        "Already dispensed here {ago} and waiting to be sent to the hub.",
        "Do not dispense it again; it is decommissioned when the hub is back.",
    ),
    "local.decommissioned_here": Message(
        "Already decommissioned here as {state} {ago}.",
        "Do not supply it; quarantine the pack.",
    ),
    "local.expired": Message(
        "Pack expired on {expiry}.",
        "Do not supply; put it with the expired stock for destruction.",
    ),
    "local.recalled": Message(
        "Batch {lot} recalled: {reason}.",
        "Quarantine the pack, do not supply.",
    ),
    "local.withdrawn": Message(
        "Product withdrawn from the market: {reason}.",
        "Quarantine the pack, do not supply.",
    ),
    # --- the seal (anti-tampering device, Art. 25 of Regulation 2016/161): core/seal.py ----------
    "local.seal_broken": Message(
        "Seal broken: the anti-tampering device is damaged. The pack was not supplied.",
        "Do not hand it over; the alert is recorded here for follow-up (the hub raises none).",
    ),
    "seal.destroyed": Message(
        "Decommissioned as destroyed at the hub.",
        "Put the pack in the destruction bin.",
    ),
    "seal.destroy_queued": Message(
        "Recorded as destroyed; it is sent to the hub when the hub is back.",
        "Put the pack in the destruction bin.",
    ),
    "seal.destroy_refused": Message(
        "The destroy was not done (the reason follows).",
        "Keep the pack apart, never hand it over, and follow the alert up.",
    ),
    "seal.returned": Message(
        "Returned to stock: still active at the hub, nothing was sent.",
        "Set the pack aside for return to the supplier; never hand it over.",
    ),
    "local.not_dispensed_here": Message(
        "No dispense of this pack is recorded at this station.",
        "Only packs dispensed here can be returned to stock; check the pack.",
    ),
    "local.undo_too_late": Message(
        "Undo is no longer possible: dispensed {ago}, the 10-day window ended {undo_until}.",
        "Keep the pack out of stock; destroy it if it cannot be supplied.",
    ),
    "local.already_undone": Message(
        "This dispense was already undone {ago}.",
        "The pack is back in stock; nothing to do.",
    ),
    # --- offline ------------------------------------------------------------------------------
    "offline.queued": Message(
        "The hub cannot be reached: the pack is recorded and will be verified and decommissioned when it is back.",
        "You may hand the pack over. It is verified later, when the hub is back; if the hub then refuses it, "
        "this window says so.",
    ),
    "offline.queued_other": Message(
        "The hub cannot be reached: the {transaction} is recorded and will be sent when it is back.",
        "Keep the pack aside until it is confirmed.",
    ),
    "offline.not_verified": Message(
        "The hub cannot be reached: the pack could not be verified now.",
        "You may hand the pack over: Dispense (F9) records it and it is verified later, when the hub is back.",
    ),
    # --- the hub could not be used, and it is not the pack's fault (issue 16) -------------------
    "fault.misbehaved.not_verified": Message(
        "The hub misbehaved (its answer does not follow the protocol): the pack could not be verified now.",
        "Nothing here says the pack is at fault. Try again in a moment; if it keeps happening, call support "
        "(the hub or the hub settings need checking).",
    ),
    "fault.misbehaved.queued": Message(
        "The hub misbehaved (its answer does not follow the protocol): the pack is recorded and will be sent "
        "again until the hub confirms it.",
        "Nothing here says the pack is at fault. Hand it over as when the hub is down; if the hub then refuses "
        "it, this window says so. Call support if it keeps happening.",
    ),
    "fault.misbehaved.queued_other": Message(
        "The hub misbehaved (its answer does not follow the protocol): the {transaction} is recorded and will "
        "be sent again.",
        "Keep the pack aside until it is confirmed; call support if it keeps happening.",
    ),
    "fault.untrusted.not_verified": Message(
        "The hub's certificate is not trusted: nothing was sent, the pack could not be verified.",
        "Nothing here says the pack is at fault. Have the hub settings checked (hub URL, CA bundle): call "
        "support. Until then this station cannot verify packs.",
    ),
    "fault.untrusted.queued": Message(
        "The hub's certificate is not trusted: nothing reached the hub; the dispense is recorded and waits for a "
        "trusted connection.",
        "Keep the pack aside until the hub confirms it, and have the hub settings checked (hub URL, CA bundle): "
        "call support.",
    ),
    "fault.untrusted.queued_other": Message(
        "The hub's certificate is not trusted: nothing reached the hub; the {transaction} is recorded and waits "
        "for a trusted connection.",
        "Keep the pack aside until it is confirmed, and have the hub settings checked: call support.",
    ),
    "fault.wrong_url.not_verified": Message(
        "The hub URL looks wrong (the address answers, but not as a verification hub): the pack could not be "
        "verified.",
        "Nothing here says the pack is at fault. Check the hub URL in the settings, or call support.",
    ),
    "fault.wrong_url.queued": Message(
        "The hub URL looks wrong (the address answers, but not as a verification hub): the dispense is recorded "
        "and waits until the hub is reached.",
        "Keep the pack aside until the hub confirms it, and check the hub URL in the settings (or call support).",
    ),
    "fault.wrong_url.queued_other": Message(
        "The hub URL looks wrong (the address answers, but not as a verification hub): the {transaction} is "
        "recorded and waits until the hub is reached.",
        "Keep the pack aside until it is confirmed, and check the hub URL in the settings (or call support).",
    ),
    "offline.not_sent": Message(
        "Not checked with the hub.",
        "",
    ),
    # --- hub return codes ---------------------------------------------------------------------
    "hub.product_unknown": Message(
        "Product code unknown to the hub.",
        "Compare the printed product code with the scan and rescan; if it stays unknown, do not supply and "
        "contact the national organisation.",
    ),
    "hub.serial_unknown": Message(
        "Unknown serial for this product.",
        "Quarantine the pack. Compare the printed serial with the scan ({serial}), rescan or type it, then report.",
    ),
    "hub.batch_unknown": Message(
        "Batch {lot} unknown to the hub.",
        "Quarantine the pack. Compare the printed batch with the scan, rescan or type it, then report.",
    ),
    "hub.expiry_mismatch": Message(
        "Expiry date {expiry} does not match the batch.",
        "Quarantine the pack. Compare the printed expiry date with the scan, rescan, then report.",
    ),
    "hub.batch_mismatch": Message(
        "Batch {lot} does not match this serial.",
        "Quarantine the pack. Compare the printed batch and serial with the scan, rescan, then report.",
    ),
    "hub.already_inactive": Message(
        "Pack already inactive on the hub ({state}).",
        "Quarantine the pack, do not supply; report it.",
    ),
    "hub.undo_state_mismatch": Message(
        "Undo refused: the pack's state ({state}) does not allow it.",
        "Keep the pack out of stock and report it.",
    ),
    "hub.already_in_state": Message(
        "Pack already {state} on the hub.",
        "Do not supply it again. If it was dispensed here by mistake twice, check the records; otherwise report.",
    ),
    "hub.undo_too_late": Message(
        "Undo refused by the hub: more than 10 days since the pack was decommissioned.",
        "Keep the pack out of stock; destroy it if it cannot be supplied.",
    ),
    "hub.undo_other_location": Message(
        "Undo refused by the hub: the pack was decommissioned by another location or user.",
        "Only the pharmacy that decommissioned it can undo; keep the pack aside.",
    ),
    "hub.batch_recalled": Message(
        "Batch recalled: quarantine, do not supply.",
        "Quarantine the pack and follow the recall notice.",
    ),
    "hub.pack_expired": Message(
        "The hub reports the pack expired.",
        "Do not supply; put it with the expired stock for destruction.",
    ),
    "hub.trx_id_reused": Message(
        "The hub refused the request: its transaction id was already used for another request.",
        "Do not retry by hand; contact support with the alert id.",
    ),
    "hub.request_refused": Message(
        "The hub refused the request as malformed: {detail}.",
        "Compare the scan with the printed code and rescan or type it; contact support if it happens again.",
    ),
    "hub.repeat_tolerated": Message(
        "The hub says this pack was already decommissioned from this pharmacy; it took this as a double scan"
        " (no hub alert).",
        "Do not hand it over again: check whether it was dispensed at another counter, then follow up.",
    ),
    "hub.not_subject": Message(
        "The hub says this pack is not subject to verification (old stock); it may be supplied.",
        "You may hand it over; nothing is decommissioned.",
    ),
    "hub.status_change_failed": Message(
        "The hub could not change the pack's status ({return_code}).",
        "Keep the pack aside; rescan later or contact the national organisation.",
    ),
    "hub.wrong_reference": Message(
        "Undo refused: the hub does not know the referenced transaction ({return_code}).",
        "Keep the pack out of stock; contact support with the alert id.",
    ),
    "hub.fault": Message(
        "The hub had a technical fault ({return_code}: {meaning}).",
        "Do not supply yet; the request is kept and sent again later.",
    ),
    "hub.credentials": Message(
        "The hub refused this station's login or certificate ({return_code}: {meaning}).",
        "Do not supply yet; ask the person who manages the hub account to fix the credentials.",
    ),
    "hub.refused_code": Message(
        "The hub refused the request: {meaning} ({return_code}).",
        "Do not supply; keep the pack aside and follow up the alert record.",
    ),
    "hub.intermarket": Message(
        "Answered by another country's system ({market}): a pack of another market.",
        "",
    ),
    "hub.unexpected": Message(
        "The hub answered {return_code}.",
        "Do not supply; contact support with the alert id.",
    ),
    # --- pack states (hub said the pack is inactive) ------------------------------------------
    "state.supplied": Message(
        "Already supplied elsewhere (decommissioned as dispensed).",
        "Quarantine the pack, do not supply; compare with the printed code and report.",
    ),
    "state.supplied_recalled": Message(
        "Already supplied (decommissioned as dispensed), and its batch has been recalled since.",
        "Quarantine the pack, do not supply; follow the recall notice and report it.",
    ),
    "state.destroyed": Message(
        "Pack was decommissioned as destroyed.",
        "Quarantine the pack, do not supply; report it.",
    ),
    "state.exported": Message(
        "Pack was decommissioned as exported outside the EU.",
        "Quarantine the pack, do not supply; report it.",
    ),
    "state.sample": Message(
        "Pack was decommissioned as a sample for the authorities.",
        "Quarantine the pack, do not supply; report it.",
    ),
    "state.free_sample": Message(
        "Pack was decommissioned as a free sample.",
        "Do not supply; free samples are not for sale.",
    ),
    "state.locked": Message(
        "Pack is locked on the hub (under investigation).",
        "Quarantine the pack, do not supply; wait for the outcome.",
    ),
    "state.stolen": Message(
        "Pack is reported stolen.",
        "Quarantine the pack, do not supply; report it to the national organisation at once.",
    ),
    "state.checked_out": Message(
        "Pack is checked out of the repository (moved to another system).",
        "Do not supply; contact the supplier.",
    ),
    "state.expired": Message(
        "Pack expired (inactive on the hub).",
        "Do not supply; put it with the expired stock for destruction.",
    ),
    "state.recalled": Message(
        "Batch recalled: quarantine, do not supply.",
        "Quarantine the pack and follow the recall notice.",
    ),
    "state.withdrawn": Message(
        "Product withdrawn from the market.",
        "Quarantine the pack, do not supply.",
    ),
    # --- prescription -------------------------------------------------------------------------
    "rx.duplicate_scan": Message(
        "This pack was already scanned for this dispense.",
        "Scan the next pack; the same pack cannot count twice.",
    ),
    "rx.wrong_product": Message(
        "Not the prescribed product: {product} instead of {prescribed}.",
        "Do not supply; take the prescribed product.",
    ),
    "rx.wrong_strength": Message(
        "Wrong strength: {strength} instead of {prescribed_strength}.",
        "Do not supply; take the prescribed strength.",
    ),
    "rx.wrong_form": Message(
        "Wrong form: {form} instead of {prescribed_form}.",
        "Do not supply; take the prescribed form.",
    ),
    "rx.substitution_forbidden": Message(
        "Substitution not allowed: the prescription names {prescribed}, this is {product}.",
        "Do not supply; take exactly the prescribed product.",
    ),
    "rx.substituted": Message(
        "Generic substitute for {prescribed}: same ingredient, strength and form.",
        "Tell the patient the pack looks different.",
    ),
    "rx.too_many_packs": Message(
        "More packs than prescribed: {count} of {allowed}.",
        "Do not supply this pack; the prescription is already covered.",
    ),
    "rx.quantity_unknown": Message(
        "The pack size is unknown, so the prescribed quantity ({quantity}) cannot be checked.",
        "Check the quantity by hand.",
    ),
    "rx.expires_during_therapy": Message(
        "Pack expires on {expiry}, before the therapy ends on {therapy_end}.",
        "Prefer a pack with a later expiry date, or tell the patient when to stop using it.",
    ),
    "rx.product_unknown": Message(
        "No product data for this pack, so it cannot be matched to the prescription.",
        "Check by hand that it is the prescribed product, or update the product data.",
    ),
    "rx.not_active": Message(
        "The prescription is {status}.",
        "Do not supply on this prescription.",
    ),
    "rx.patient_mismatch": Message(
        "The prescription is for another patient ({prescribed_patient}).",
        "Do not supply; check the patient and the prescription.",
    ),
    # --- US VRS (GS1 US Lightweight Messaging 1.3; dispense_app.core.vrs) ---------------------
    "vrs.verified": Message(
        "Verified by the manufacturer (VRS): the product identifier matches.",
        "You may dispense it or return it to saleable stock; nothing is decommissioned in the US.",
    ),
    "vrs.no_match_serial": Message(
        "The manufacturer does not know serial {serial} for this GTIN (No_match_GTIN_Serial).",
        "Compare the printed GTIN and serial with the scan, rescan or type them. If it still does not match, "
        "treat the pack as suspect: keep it apart and quarantine it.",
    ),
    "vrs.no_match_lot": Message(
        "Serial known, but lot {lot} does not match the manufacturer's data (No_match_GTIN_Serial_Lot).",
        "Compare the printed lot with the scan and rescan. If it still does not match, treat the pack as suspect: "
        "keep it apart and quarantine it.",
    ),
    "vrs.no_match_expiry": Message(
        "Serial known, but expiry {expiry} does not match the manufacturer's data (No_match_GTIN_Serial_Expiry).",
        "Compare the printed expiry date with the scan and rescan. If it still does not match, treat the pack as "
        "suspect: keep it apart and quarantine it.",
    ),
    "vrs.no_match_lot_expiry": Message(
        "Serial known, but lot {lot} and expiry {expiry} do not match the manufacturer's data "
        "(No_match_GTIN_Serial_Lot_Expiry).",
        "Compare the printed lot and expiry date with the scan and rescan. If they still do not match, treat the "
        "pack as suspect: keep it apart and quarantine it.",
    ),
    "vrs.manufacturer_policy": Message(
        "Not verified under the manufacturer's own policy (Manufacturer_policy); this does not mean the pack "
        "was already dispensed.",
        "Do not dispense it or return it to saleable stock yet; keep it aside and ask the manufacturer why.",
    ),
    "vrs.no_reason": Message(
        "Not verified; the manufacturer gave no reason (No_reason_provided).",
        "Compare the printed data with the scan and rescan; if it still fails, treat the pack as suspect, "
        "quarantine it and contact the manufacturer.",
    ),
    "vrs.not_for_redistribution": Message(
        "The manufacturer says this pack is not for re-distribution (Not_for_re-distribution): suspect product, "
        "not an already dispensed pack.",
        "Do not dispense it or return it to saleable stock. It is quarantined as suspect: investigate it in the "
        "Quarantine window and contact the manufacturer.",
    ),
    "vrs.unknown_reason": Message(
        "Not verified: the VRS answered {vrs_reason}.",
        "Do not dispense it or return it to stock; contact the manufacturer or your VRS provider.",
    ),
    "vrs.expired": Message(
        "The manufacturer reports the product expired (Expired).",
        "Do not dispense; put it with the expired stock for destruction.",
    ),
    "vrs.expiration_extended": Message(
        "The FDA extended this product's expiry (ExpirationExtended): the printed date {expiry} does not stop "
        "this pack.",
        "You may use it; keep the manufacturer's extension notice with your records.",
    ),
    "vrs.recalled": Message(
        "The manufacturer reports the product recalled or withdrawn (Recalled).",
        "Quarantine the pack, do not dispense; follow the recall notice.",
    ),
    "vrs.suspect": Message(
        "The manufacturer reports this pack as suspect product (Suspect).",
        "It is quarantined (Quarantine window): keep it apart and verify at least 3 packs or 10 % of this "
        "product on hand, whichever is more.",
    ),
    "vrs.illegitimate": Message(
        "The manufacturer reports this pack as ILLEGITIMATE product (Illegitimate).",
        "It is quarantined (Quarantine window). Within 24 hours file FDA Form 3911 and notify your trading "
        "partners: the Quarantine window has the draft and the notice.",
    ),
    "vrs.unknown_info": Message(
        "The VRS added information this app does not know: {vrs_info}.",
        "Ask the manufacturer what it means before you dispense the pack.",
    ),
    "vrs.no_route": Message(
        "The manufacturer's verification service cannot be reached for this GTIN: it is not in the VRS Lookup "
        "Directory or its entry expired (HTTP 404). This does not mean the product is unknown.",
        "The pack is not verified. Ask your VRS provider to check the routing of this GTIN, or verify with the "
        "manufacturer directly before you dispense or restock it.",
    ),
    "vrs.atp_missing": Message(
        "The VRS refused the request (HTTP 403): this station sends no ATP credential.",
        "Store your DSCSA ATP credential with `dispense-app hub credentials set --atp-credential`. The pack is "
        "not verified.",
    ),
    "vrs.atp_expired": Message(
        "The VRS refused the request (HTTP 403): our ATP credential expired on {atp_expiry}.",
        "Get a renewed ATP credential from your credential provider and store it with "
        "`dispense-app hub credentials set --atp-credential`. The pack is not verified.",
    ),
    "vrs.forbidden": Message(
        "The VRS refused the request (HTTP 403): this requestor lacks permission, or its ATP credential was "
        "revoked or its signature is invalid.",
        "Ask your credential provider whether the ATP credential is still valid (renew it if revoked) and your "
        "VRS provider whether this GLN may verify. Retrying does not help. The pack is not verified.",
    ),
    "offline.vrs_not_verified": Message(
        "The VRS cannot be reached: the pack is not verified, and nothing is queued to verify it later.",
        "Scan it again when the VRS is back before you dispense a suspect pack or return it to saleable stock.",
    ),
    "vrs.not_authenticated": Message(
        "The VRS did not authenticate this station (HTTP 401).",
        "Check the VRS provider's client id and secret or client certificate (`dispense-app hub credentials "
        "set`). The pack is not verified.",
    ),
}


def render(message_id: str, params: Mapping[str, object] | None = None, translate: Translate = _identity) -> str:
    """The message's text with its placeholders filled (unknown placeholders are left visible)."""
    return _fill(translate(MESSAGES[message_id].text), params)


def render_action(message_id: str, params: Mapping[str, object] | None = None, translate: Translate = _identity) -> str:
    """The message's next-action text with its placeholders filled ("" if it has none)."""
    action = MESSAGES[message_id].action
    return _fill(translate(action), params) if action else ""


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, params: Mapping[str, object] | None) -> str:
    return template.format_map(_Keep(params or {}))


# --- time phrases used inside messages (also translated through MESSAGE_CONTEXT) ----------------
TIME_PHRASES: dict[str, str] = {
    "just_now": "just now",
    "minute": "1 minute ago",
    "minutes": "{n} minutes ago",
    "hour": "1 hour ago",
    "hours": "{n} hours ago",
    "day": "1 day ago",
    "days": "{n} days ago",
    "in_future": "in the future",
}

MONTHS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
