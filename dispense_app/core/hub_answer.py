"""What a hub's answer to a state-changing request means for the request it answers. Pure Python.

One home for the rule, used by the sender (:mod:`dispense_app.workflow.sender`) for every outbox
entry it sends, online or at replay; the store only records the :class:`Outcome` it is handed.
"""

from __future__ import annotations

from enum import StrEnum

from dispense_app.core.model import DECOMMISSIONS, HubReply, ReturnCode, Transaction


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
    if reply.ok:
        return Outcome.CONFIRMED
    if reply.return_code in (ReturnCode.ALREADY_INACTIVE, ReturnCode.ALREADY_IN_STATE):
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


__all__ = ["DECOMMISSIONS", "Outcome", "carried_out", "classify"]
