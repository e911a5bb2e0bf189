"""What a hub's answer to a state-changing request means for the request it answers. Pure Python.

One home for the rule, used by the sender (:mod:`dispense_app.workflow.sender`) for every outbox
entry it sends, online or at replay; the store only records the :class:`Outcome` it is handed.
"""

from __future__ import annotations

import re
from enum import StrEnum

from dispense_app.core.model import DECOMMISSIONS, REACTIVATION_SOURCE, HubReply, PackState, ReturnCode, Transaction
from dispense_app.core.return_codes import Handling


class Outcome(StrEnum):
    """What became of one outbox entry."""

    CONFIRMED = "confirmed"  # the hub carried it out (or had already carried out our own transaction)
    CONFLICT = "conflict"  # the hub says someone else made the pack inactive first
    REJECTED = "rejected"  # the hub refused it for another reason (unknown serial, recalled, ...)
    REFUSED = "refused"  # refused locally, never sent (an undo whose 10-day window closed in the outbox)


def classify(transaction: Transaction, reply: HubReply, own_location: str | None) -> Outcome:
    """What the hub's ``reply`` to our ``transaction`` means.

    Success is confirmed; that includes the hub's idempotent answer to a resent client transaction
    id it has already applied (our own transaction). "Already inactive / already in that state" is
    someone else's transaction (a conflict), unless the hub names our location as the one that
    made the change (``extra["location"]``, for hubs that report it). Any other refusal is rejected.
    """
    if reply.ok or reply.return_code.handling is Handling.CONFIRM:  # PCK_26 old stock: nothing is owed
        return Outcome.CONFIRMED
    already = (ReturnCode.ALREADY_INACTIVE, ReturnCode.ALREADY_IN_STATE, ReturnCode.REPEAT_TOLERATED)
    if reply.return_code.alerting_original in already:
        target = transaction.target_state
        reported = reply.extra.get("location")
        if reply.state is not None and reply.state is target and reported and reported == own_location:
            return Outcome.CONFIRMED
        if transaction in DECOMMISSIONS:
            return Outcome.CONFLICT
    return Outcome.REJECTED


def carried_out(transaction: Transaction, client_trx_id: str) -> HubReply:
    """The success a confirmed outcome stands for, where the hub's own words were not a success:
    its answer to a repeat of our own transaction ("already in that state", from our location), or
    an entry another sender had already answered."""
    return HubReply(ReturnCode.SUCCESS, state=transaction.target_state, client_trx_id=client_trx_id)


# --- lost answers: verify first, then reconcile --------------------------------------------------



class Reconcile(StrEnum):
    """What a verify says about a state change whose answer was lost (or refused as a reused id)."""

    CONFIRMED = "confirmed"  # the pack is already in the target state: our change went through
    RESEND = "resend"  # the pack is still where the change starts from: resend, same client trx id
    CONFLICT = "conflict"  # the pack is in another state (or unknown): someone else's change; follow up
    UNKNOWN = "unknown"  # the verify gave no usable answer (hub fault, credentials): try again later


def reconcile(transaction: Transaction, verify: HubReply, own_location: str | None) -> Reconcile:
    """Decide from a verify of the pack what became of ``transaction`` (German pharmacies are
    advised exactly this: a blind resend of a buffered request is how double decommissions happen).
    Where the hub names the location that made the change (``extra["location"]``), the target state
    counts as ours only if it names our location."""
    rc = verify.return_code
    if rc.handling in (Handling.RETRY, Handling.CREDENTIALS, Handling.RECONCILE):
        return Reconcile.UNKNOWN
    state = verify.state
    if state is None:
        return Reconcile.CONFLICT  # unknown pack/product, or a refusal without a state
    reported = verify.extra.get("location")
    if state is transaction.target_state:
        return Reconcile.CONFIRMED if not reported or reported == own_location else Reconcile.CONFLICT
    source = REACTIVATION_SOURCE.get(transaction, PackState.ACTIVE)
    return Reconcile.RESEND if state is source else Reconcile.CONFLICT


# The outbox keeps why an entry is still pending in its ``last_error`` text; an entry whose answer
# may have been lost (or that the hub answered with a fault) carries this mark, so the next send
# verifies the pack before anything else, and the hub faults it met are counted across runs.
VERIFY_FIRST_MARK = "[verify first"
_MARK = re.compile(r"^\[verify first(?:; hub faults (\d+))?\] ")
MAX_HUB_FAULTS = 5
"""Technical answers (TE/TI/FI) to one entry before it becomes a conflict for follow-up."""


def needs_verify_first(last_error: str | None) -> bool:
    return bool(last_error) and bool(_MARK.match(last_error or ""))


def hub_faults(last_error: str | None) -> int:
    m = _MARK.match(last_error or "")
    return int(m.group(1)) if m and m.group(1) else 0


def lost_note(detail: str, faults: int = 0) -> str:
    """The pending entry's note after a call whose answer may be lost (timeout, dropped reply)."""
    mark = f"{VERIFY_FIRST_MARK}; hub faults {faults}] " if faults else f"{VERIFY_FIRST_MARK}] "
    return f"{mark}answer lost ({detail}): the pack is verified before anything is sent again"


def fault_note(reply: HubReply, faults: int) -> str:
    """The pending entry's note after a technical answer (the change may or may not have been made)."""
    rc = reply.return_code
    return (
        f"{VERIFY_FIRST_MARK}; hub faults {faults}] hub fault {rc.value}: {rc.meaning}"
        f"{' (' + reply.reason + ')' if reply.reason else ''}; verified and sent again later"
    )


__all__ = [
    "DECOMMISSIONS",
    "MAX_HUB_FAULTS",
    "REACTIVATION_SOURCE",
    "Outcome",
    "Reconcile",
    "carried_out",
    "classify",
    "fault_note",
    "hub_faults",
    "lost_note",
    "needs_verify_first",
    "reconcile",
]
