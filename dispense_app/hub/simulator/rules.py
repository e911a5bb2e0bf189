"""The hub's decision rules (shared/DOMAIN.md section 4) as one pure function.

Given what the repository holds about a pack and what a request asks, :func:`decide` returns the
return code, the state the pack ends in and whether the hub raises an alert. No I/O here, so the
rules can be read (and tested) on their own; :mod:`.repository` applies the outcome.

Order of checks, for every transaction:

1. product code unknown -> NMVS_NC_PC_01 (no alert)
2. serial unknown for this product -> NMVS_NC_PC_02 (A3)
3. batch sent and different from the pack's: NMVS_FE_LOT_13 (A68) when the batch exists for the
   product (batch does not match the serial), else NMVS_FE_LOT_03 (A2, batch unknown)
4. expiry sent and different from the pack's batch expiry -> NMVS_FE_LOT_12 (A52)

then per transaction:

- verify: Recalled -> NMVS_FE_LOT_01; Active but past expiry -> NMVS_NC_PCK_02; otherwise inactive
  -> NMVS_NC_PCK_22 (informative, a verify raises no A24); else success.
- a decommission (supply, destroy, sample, free sample, lock, stolen, export, check-out):
  Recalled -> NMVS_FE_LOT_01; past expiry and handing the pack out (supply, sample, free sample,
  export, check-out) -> NMVS_NC_PCK_02; already in the target state -> NMVS_NC_PCK_19 (A7); inactive
  with another reason -> NMVS_NC_PCK_22 (A24, no alert for Expired/Recalled/Withdrawn); else done.
- a reactivation (undo supply, unlock, undo check-out): the pack must be in the matching state
  (Supplied, Locked, CheckedOut); otherwise NMVS_NC_PCK_06 (A24, but no alert when the pack is Active
  or Expired/Recalled/Withdrawn); past expiry -> NMVS_NC_PCK_02; undo supply only: other location
  -> NMVS_NC_PCK_21, more than 240 h after the supply -> NMVS_NC_PCK_20; else Active again.

The real NMVS rules on top (shared/protocols/nmvs-blueprint-soap.md sections 6-7), per market
(:class:`MarketRules`):

- double-dispense limit (default 2, GB 3): a supply repeated by the location that supplied the pack
  is tolerated (NMVS_NC_PCK_23, no alert) while the pack's identical supplies stay within the limit
  (the original counts: limit 2 tolerates one repeat); beyond it NMVS_NC_PCK_19 (A7).
- manual-entry typo tolerance (default 2, GB 5): N manual entries in a row of a product at one
  location that would raise a data alert (PC_02, LOT_03, LOT_12, LOT_13) raise none (a successful
  request for the product there starts the count again); the next one does.
- a v5 interface answers the no-alert twin (PC_14, LOT_15/17/18, PCK_28..31) wherever no alert is
  raised for a situation that has one; v4 answers the original code without an alert id.
- a pack of another market answers through the intermarket path (single requests); a bulk request
  never takes it: NMVS_NC_PC_01.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dispense_app.core.model import ART13_UNDOS, REACTIVATION_SOURCE, PackState, ReturnCode, Transaction
from dispense_app.core.return_codes import twin_for

UNDO_WINDOW = dt.timedelta(hours=240)


#: decommissions that hand the pack on: refused for an expired pack
HANDING_OUT = frozenset(
    {Transaction.SUPPLY, Transaction.SAMPLE, Transaction.FREE_SAMPLE, Transaction.EXPORT, Transaction.CHECK_OUT}
)

#: inactive reasons for which NMVS_NC_PCK_22 raises no alert
QUIET_REASONS = frozenset({PackState.EXPIRED, PackState.RECALLED, PackState.WITHDRAWN})


#: codes about the pack's data: the manual-entry typo tolerance applies to them
DATA_ALERTS = frozenset(
    {ReturnCode.SERIAL_UNKNOWN, ReturnCode.BATCH_UNKNOWN, ReturnCode.EXPIRY_MISMATCH, ReturnCode.BATCH_MISMATCH}
)


@dataclass(frozen=True, slots=True)
class MarketRules:
    """The national system's settings [SM-cfg]: its market code (alert id prefix), the
    double-dispense limit, the manual-entry typo tolerance and the interface version."""

    market: str = "XX"
    double_dispense_limit: int = 2
    typo_tolerance: int = 2
    interface: int = 4  # 5: the no-alert twin codes

    @classmethod
    def for_market(cls, market: str, *, interface: int = 4) -> MarketRules:
        """The published defaults: 2 and 2, the UK (GB) 3 and 5."""
        code = market.upper()
        if code in ("GB", "UK"):
            return cls(code, 3, 5, interface)
        return cls(code, 2, 2, interface)


@dataclass(frozen=True, slots=True)
class History:
    """What the repository counts for the real rules: ``repeats`` tolerated identical supplies of this
    pack by its supplier; ``manual_misses`` manual entries of this product at this location that raised
    no alert under the typo tolerance."""

    repeats: int = 0
    manual_misses: int = 0


@dataclass(frozen=True, slots=True)
class StoredPack:
    gtin: str
    serial: str
    lot: str
    expiry: dt.date
    state: PackState
    reason: str | None = None
    supplied_at: dt.datetime | None = None
    supplied_location: str | None = None
    market: str | None = None  # None: the simulator's own market
    repeats: int = 0  # tolerated identical supplies so far (double-dispense limit)
    recalled: bool = False  # its batch was recalled after it left Active: Recalled among its reasons

    @property
    def reasons(self) -> list[str]:
        """Every reason the pack is inactive (the real reply carries up to 20): e.g. Supplied and
        Recalled for a pack dispensed before its batch was recalled."""
        if self.state is PackState.ACTIVE:
            return []
        extra = [PackState.RECALLED.value] if self.recalled and self.state is not PackState.RECALLED else []
        return [self.state.value, *extra]


@dataclass(frozen=True, slots=True)
class Outcome:
    return_code: ReturnCode
    state: PackState | None  # the pack's state after the request (None: no such pack)
    changed: bool = False
    alert: bool = False
    message: str = ""
    repeat: bool = False  # a tolerated repeat (NMVS_NC_PCK_23): the pack's repeat count goes up
    manual_miss: bool = False  # a manual entry's data alert waived under the typo tolerance

    @property
    def alert_class(self) -> str | None:
        return self.return_code.alert_class if self.alert else None


def decide_real(
    transaction: Transaction,
    pack: StoredPack | None,
    *,
    product_known: bool,
    lot_known_for_product: bool,
    lot: str | None,
    expiry: dt.date | None,
    location: str | None,
    now: dt.datetime,
    rules: MarketRules,
    manual: bool = False,
    manual_misses: int = 0,
) -> Outcome:
    """:func:`decide` with the real NMVS rules of ``rules`` on top (see the module docstring)."""
    out = decide(
        transaction,
        pack,
        product_known=product_known,
        lot_known_for_product=lot_known_for_product,
        lot=lot,
        expiry=expiry,
        location=location,
        now=now,
    )
    rc = out.return_code
    if rc is ReturnCode.ALREADY_IN_STATE and transaction is Transaction.SUPPLY and pack is not None:
        same_supplier = pack.supplied_location is not None and pack.supplied_location == location
        if same_supplier and pack.repeats + 2 <= rules.double_dispense_limit:
            out = Outcome(ReturnCode.REPEAT_TOLERATED, out.state, repeat=True, message="repeat tolerated (double scan)")
    elif out.alert and manual and rc in DATA_ALERTS and manual_misses < rules.typo_tolerance:
        out = Outcome(rc, out.state, manual_miss=True, message=out.message + " (manual entry: typo tolerated)")
    if rules.interface >= 5 and not out.alert:
        twin = twin_for(out.return_code, alert=False)
        if twin is not out.return_code:
            out = Outcome(twin, out.state, out.changed, False, out.message, out.repeat, out.manual_miss)
    return out


def decide(
    transaction: Transaction,
    pack: StoredPack | None,
    *,
    product_known: bool,
    lot_known_for_product: bool,
    lot: str | None,
    expiry: dt.date | None,
    location: str | None,
    now: dt.datetime,
) -> Outcome:
    """Apply DOMAIN.md section 4 to one request. ``lot_known_for_product``: some pack of this
    product carries the batch ``lot`` that was sent."""
    if not product_known:
        return Outcome(ReturnCode.PRODUCT_UNKNOWN, None, message="product code unknown")
    if pack is None:
        return Outcome(ReturnCode.SERIAL_UNKNOWN, None, alert=True, message="serial unknown for this product")
    state = pack.state
    if lot is not None and lot != pack.lot:
        if lot_known_for_product:
            return Outcome(ReturnCode.BATCH_MISMATCH, state, alert=True, message="batch does not match the serial")
        return Outcome(ReturnCode.BATCH_UNKNOWN, state, alert=True, message="batch unknown")
    if expiry is not None and expiry != pack.expiry:
        return Outcome(ReturnCode.EXPIRY_MISMATCH, state, alert=True, message="expiry does not match the batch")
    past_expiry = now.date() > pack.expiry

    if transaction is Transaction.VERIFY:
        if state is PackState.RECALLED:
            return Outcome(ReturnCode.BATCH_RECALLED, state, message="batch recalled")
        if state is PackState.ACTIVE and past_expiry:
            return Outcome(ReturnCode.PACK_EXPIRED, state, message="pack expired")
        if state is not PackState.ACTIVE:
            return Outcome(ReturnCode.ALREADY_INACTIVE, state, message=f"pack inactive: {state.value}")
        return Outcome(ReturnCode.SUCCESS, state)

    source = REACTIVATION_SOURCE.get(transaction)
    if source is not None:
        if pack.recalled and state is source:  # recalled since: never back into circulation
            return Outcome(ReturnCode.BATCH_RECALLED, state, message="batch recalled after the pack left stock")
        if state is not source:
            # no alert when the pack is Active or inactive for a batch/product reason [REKS]
            return Outcome(
                ReturnCode.UNDO_STATE_MISMATCH,
                state,
                alert=state is not PackState.ACTIVE and state not in QUIET_REASONS,
                message=f"{transaction.value} needs a {source.value} pack, it is {state.value}",
            )
        if past_expiry:
            return Outcome(ReturnCode.PACK_EXPIRED, state, message="pack expired")
        if transaction in ART13_UNDOS:  # same location, within 10 days of the decommission (Art. 13)
            if pack.supplied_location is not None and location != pack.supplied_location:
                return Outcome(ReturnCode.UNDO_OTHER_LOCATION, state, message="undo from another location")
            if pack.supplied_at is not None and now - pack.supplied_at > UNDO_WINDOW:
                return Outcome(ReturnCode.UNDO_TOO_LATE, state, message="undo more than 10 days after the supply")
        return Outcome(ReturnCode.SUCCESS, PackState.ACTIVE, changed=True)

    target = transaction.target_state
    if target is None:  # pragma: no cover - every transaction but VERIFY has a target
        raise ValueError(f"no target state for {transaction}")
    if state is PackState.RECALLED:
        return Outcome(ReturnCode.BATCH_RECALLED, state, message="batch recalled")
    if past_expiry and transaction in HANDING_OUT and state in (PackState.ACTIVE, PackState.EXPIRED):
        return Outcome(ReturnCode.PACK_EXPIRED, state, message="pack expired")
    if state is target:
        return Outcome(ReturnCode.ALREADY_IN_STATE, state, alert=True, message=f"pack already {state.value}")
    if state is not PackState.ACTIVE:
        return Outcome(
            ReturnCode.ALREADY_INACTIVE,
            state,
            alert=state not in QUIET_REASONS and not pack.recalled,
            message=f"pack inactive: {state.value}",
        )
    return Outcome(ReturnCode.SUCCESS, target, changed=True)
