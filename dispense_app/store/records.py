"""Typed rows of the station database: dispense records, outbox entries, and the answers the sender
hands back to be recorded (:class:`Answer`)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from dispense_app.core.alerts import AlertRecord
from dispense_app.core.hub_answer import Outcome
from dispense_app.core.model import UNDO_OF as UNDO_OF  # re-exported: the store undoes these
from dispense_app.core.model import EntryMode, HubReply, HubRequest, PackRef, ProductScheme, Transaction

UNDO_WINDOW = dt.timedelta(hours=240)
"""Art. 13 of Delegated Regulation 2016/161: undo within 10 days of the decommission."""


class DispenseStatus(StrEnum):
    """Where a dispense (decommission) record stands.

    ``queued`` -> (``sent``) -> ``confirmed`` | ``conflict`` | ``rejected``; a confirmed record can go
    ``undo-queued`` -> ``undone`` (or back to ``confirmed`` when the hub refuses the undo); a record
    whose request never left the station can be ``cancelled`` instead of undone.
    """

    QUEUED = "queued"  # in the outbox, never sent
    SENT = "sent"  # sent at least once, no answer recorded yet (resent with the same client trx id)
    CONFIRMED = "confirmed"  # the hub carried it out
    CONFLICT = "conflict"  # the hub says someone else made the pack inactive first
    REJECTED = "rejected"  # the hub refused it for another reason (unknown serial, expired, recalled, ...)
    UNDO_QUEUED = "undo-queued"  # an undo is in the outbox
    UNDONE = "undone"  # the hub reactivated the pack
    CANCELLED = "cancelled"  # withdrawn locally before the request ever left the station

    @property
    def is_open(self) -> bool:
        """Open decommissions block a second one of the same pack at this station."""
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset(
    {DispenseStatus.QUEUED, DispenseStatus.SENT, DispenseStatus.CONFIRMED, DispenseStatus.UNDO_QUEUED}
)

# The undo of each decommission that can be undone (DECOMMISSIONS: dispense_app.core.hub_answer).


class OutboxState(StrEnum):
    QUEUED = "queued"  # waiting, never sent
    SENDING = "sending"  # handed to the hub client at least once; the answer was not recorded yet
    DONE = "done"  # the hub's answer is recorded (see ``outcome``)
    CANCELLED = "cancelled"  # withdrawn before it was ever sent
    REFUSED = "refused"  # refused locally at replay (undo past the 10-day window), never sent


# SQL fragments built from the constants above (no user input ever goes into them).
OPEN_SQL = "(" + ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES)) + ")"
PENDING_SQL = f"('{OutboxState.QUEUED.value}', '{OutboxState.SENDING.value}')"
DISPENSE_COLUMNS = (
    "id, created_at, updated_at, status, transaction_type, client_trx_id, hub_trx_id, patient_ref, prescription_ref,"
    " product_scheme, product_code, serial, lot, expiry, code_scheme, nhrn, raw_hex, aim_id, entry_mode, operator,"
    " station, location, undo_deadline, confirmed_at, return_code, hub_state, reason, alert_id, undo_client_trx_id,"
    " undo_requested_at, undo_by, undo_reason, undone_at"
)
DISPENSE_NAMES = tuple(c.strip() for c in DISPENSE_COLUMNS.split(","))
OUTBOX_COLUMNS = (
    "seq, client_trx_id, transaction_type, dispense_id, product_scheme, product_code, serial, lot, expiry,"
    " entry_mode, created_at, state, attempts, last_error, outcome, return_code, payload"
)
OUTBOX_NAMES = tuple(c.strip() for c in OUTBOX_COLUMNS.split(","))


#: hub reply text kept in records, alerts, the outbox and the pack-state cache (issue 16): a hub may
#: answer up to 1 MiB, but what is stored (four times over) is a readable sentence, not a dump
STORED_TEXT_MAX = 2000


def bounded(text: str | None, limit: int = STORED_TEXT_MAX) -> str | None:
    """``text`` cut to ``limit`` characters with a marker saying how long it was (None stays None)."""
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]}… [cut: {len(text)} characters in all]"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with microseconds, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the store only takes timezone-aware times")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse_iso(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class DispenseRecord:
    """One decommission (supply, destroy, ...) recorded at this station, and its undo if any."""

    id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    status: DispenseStatus
    transaction: Transaction
    client_trx_id: str
    pack: PackRef
    raw_hex: str
    entry_mode: EntryMode
    undo_deadline: dt.datetime
    hub_trx_id: str | None = None
    patient_ref: str | None = None
    prescription_ref: str | None = None
    code_scheme: str | None = None
    nhrn: dict[str, str] = field(default_factory=dict)
    aim_id: str | None = None
    operator: str | None = None
    station: str | None = None
    location: str | None = None
    confirmed_at: dt.datetime | None = None
    return_code: str | None = None
    hub_state: str | None = None
    reason: str | None = None
    alert_id: str | None = None
    undo_client_trx_id: str | None = None
    undo_requested_at: dt.datetime | None = None
    undo_by: str | None = None
    undo_reason: str | None = None
    undone_at: dt.datetime | None = None

    @property
    def queued(self) -> bool:
        """True while the decommission has not been confirmed by the hub."""
        return self.status in (DispenseStatus.QUEUED, DispenseStatus.SENT)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DispenseRecord:
        return cls(
            id=row["id"],
            created_at=_dt(row["created_at"]),
            updated_at=_dt(row["updated_at"]),
            status=DispenseStatus(row["status"]),
            transaction=Transaction(row["transaction_type"]),
            client_trx_id=row["client_trx_id"],
            pack=PackRef(
                scheme=ProductScheme(row["product_scheme"]),
                product_code=row["product_code"],
                serial=row["serial"],
                lot=row["lot"],
                expiry=parse_date(row["expiry"]),
            ),
            raw_hex=row["raw_hex"],
            entry_mode=EntryMode(row["entry_mode"]),
            undo_deadline=_dt(row["undo_deadline"]),
            hub_trx_id=row["hub_trx_id"],
            patient_ref=row["patient_ref"],
            prescription_ref=row["prescription_ref"],
            code_scheme=row["code_scheme"],
            nhrn=json.loads(row["nhrn"] or "{}"),
            aim_id=row["aim_id"],
            operator=row["operator"],
            station=row["station"],
            location=row["location"],
            confirmed_at=parse_iso(row["confirmed_at"]),
            return_code=row["return_code"],
            hub_state=row["hub_state"],
            reason=row["reason"],
            alert_id=row["alert_id"],
            undo_client_trx_id=row["undo_client_trx_id"],
            undo_requested_at=parse_iso(row["undo_requested_at"]),
            undo_by=row["undo_by"],
            undo_reason=row["undo_reason"],
            undone_at=parse_iso(row["undone_at"]),
        )

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "id": self.id,
            "created_at": iso(self.created_at),
            "status": self.status.value,
            "transaction": self.transaction.value,
            "client_trx_id": self.client_trx_id,
            "hub_trx_id": self.hub_trx_id,
            "patient_ref": self.patient_ref,
            "prescription_ref": self.prescription_ref,
            "product_scheme": self.pack.scheme.value,
            "product_code": self.pack.product_code,
            "serial": self.pack.serial,
            "lot": self.pack.lot,
            "expiry": self.pack.expiry.isoformat() if self.pack.expiry else None,
            "code_scheme": self.code_scheme,
            "nhrn": dict(self.nhrn),
            "raw_hex": self.raw_hex,
            "aim_id": self.aim_id,
            "entry_mode": self.entry_mode.value,
            "operator": self.operator,
            "station": self.station,
            "location": self.location,
            "undo_deadline": iso(self.undo_deadline),
            "confirmed_at": iso(self.confirmed_at) if self.confirmed_at else None,
            "return_code": self.return_code,
            "hub_state": self.hub_state,
            "reason": self.reason,
            "alert_id": self.alert_id,
            "undo_client_trx_id": self.undo_client_trx_id,
            "undone_at": iso(self.undone_at) if self.undone_at else None,
        }


def _dt(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One state-changing hub request waiting in (or done with) the outbox."""

    seq: int
    client_trx_id: str
    transaction: Transaction
    dispense_id: str
    pack: PackRef
    entry_mode: EntryMode
    created_at: dt.datetime
    state: OutboxState
    attempts: int
    last_error: str | None = None
    outcome: str | None = None
    return_code: str | None = None
    #: an undo: the client transaction id of the decommission it undoes (NMVS ``RefClientTrxId``)
    ref_client_trx_id: str | None = None
    #: an undo: the hub's transaction id of the decommission (securPharm ``trx``), filled in when it is
    #: claimed (the decommission's answer may arrive after the undo was queued)
    ref_hub_trx_id: str | None = None

    @property
    def request(self) -> HubRequest:
        """The request exactly as it is (re)sent: always with the recorded client trx id."""
        return HubRequest(
            self.transaction,
            self.pack,
            self.client_trx_id,
            self.entry_mode,
            self.ref_client_trx_id,
            self.ref_hub_trx_id,
        )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> OutboxEntry:
        return cls(
            seq=int(row["seq"]),
            client_trx_id=row["client_trx_id"],
            transaction=Transaction(row["transaction_type"]),
            dispense_id=row["dispense_id"],
            pack=PackRef(
                scheme=ProductScheme(row["product_scheme"]),
                product_code=row["product_code"],
                serial=row["serial"],
                lot=row["lot"],
                expiry=parse_date(row["expiry"]),
            ),
            entry_mode=EntryMode(row["entry_mode"]),
            created_at=_dt(row["created_at"]),
            state=OutboxState(row["state"]),
            attempts=int(row["attempts"]),
            last_error=row["last_error"],
            outcome=row["outcome"],
            return_code=row["return_code"],
            ref_client_trx_id=_ref_of(row.get("payload")),
        )


@dataclass(frozen=True, slots=True)
class DispenseFill:
    """Days of therapy a supply gives, for adherence: written with the dispense record, in its transaction."""

    days_supply: int
    medication: str
    rx_id: str | None = None
    item_id: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.days_supply, bool) or not isinstance(self.days_supply, int) or self.days_supply < 1:
            raise ValueError("days_supply must be a whole number of days, at least 1")


@dataclass(frozen=True, slots=True)
class LateUndo:
    """A queued undo :meth:`OutboxStore.claim` did not claim: its 10-day window closed in the outbox.
    It stays pending until an :class:`Answer` with ``Outcome.REFUSED`` is applied for it."""

    entry: OutboxEntry
    deadline: dt.datetime
    record: DispenseRecord


@dataclass(frozen=True, slots=True)
class Claim:
    """What :meth:`OutboxStore.claim` did: ``sending`` are marked as being sent (send them now), ``late``
    are undos past their window (never send them), entries answered or cancelled meanwhile are in neither."""

    sending: list[OutboxEntry] = field(default_factory=list)
    late: list[LateUndo] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Answer:
    """What to record for one outbox entry (:meth:`OutboxStore.apply`): the hub's ``reply`` and the
    ``outcome`` the sender read in it (``dispense_app.core.hub_answer.classify``), or ``Outcome.REFUSED``
    without a reply for a late undo. ``reason`` is kept on the dispense record when the request was
    not carried out; ``alert``, if any, is stored with the answer (and only if the answer is)."""

    entry: OutboxEntry
    outcome: Outcome
    reply: HubReply | None = None
    reason: str | None = None
    alert: AlertRecord | None = None

    def __post_init__(self) -> None:
        if (self.reply is None) != (self.outcome is Outcome.REFUSED):
            raise ValueError("an answer has a hub reply unless it is a local refusal")
        if self.reason is not None and len(self.reason) > STORED_TEXT_MAX:  # the hub's words, stored
            object.__setattr__(self, "reason", bounded(self.reason))


@dataclass(frozen=True, slots=True)
class Recorded:
    """One answer :meth:`OutboxStore.apply` recorded; ``alert_id`` as stored (a clash gets a local id)."""

    client_trx_id: str
    outcome: Outcome
    alert_id: str | None = None


@dataclass(frozen=True, slots=True)
class Applied:
    """What :meth:`OutboxStore.apply` recorded, in the order given. Answers for entries no longer
    pending (answered by another sender meanwhile) are not in ``recorded``: nothing is recorded twice.
    ``cancelled`` are undos that were queued behind a decommission the hub did not carry out."""

    recorded: list[Recorded] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)


def _ref_of(payload: Any) -> str | None:
    """The undone decommission's client trx id, kept in the outbox row's payload (None before it was)."""
    if not isinstance(payload, str):
        return None
    try:
        value = json.loads(payload).get("ref_client_trx_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None
