"""Typed domain values shared by the hub client, the simulator, the store and the workflow.

The vocabulary follows shared/DOMAIN.md section 4 and the DESIGN.md contract: a pack's ``state`` is
one word (``Active`` or the reason it is inactive), return codes use the Arvato "Blueprint" NMVS
naming, and a hub's answer to any transaction is a :class:`HubReply`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from dispense_app.core.return_codes import AlertLevel as AlertLevel  # re-exported
from dispense_app.core.return_codes import ReturnCode as ReturnCode  # re-exported: an open value, see there
from scanner.entry_mode import EntryMode as EntryMode  # re-exported: the one entry-mode type


class PackState(StrEnum):
    """A pack's state on the hub: Active, or the reason it is inactive."""

    ACTIVE = "Active"
    SUPPLIED = "Supplied"
    DESTROYED = "Destroyed"
    EXPORTED = "Exported"
    SAMPLE = "Sample"
    FREE_SAMPLE = "FreeSample"
    LOCKED = "Locked"
    STOLEN = "Stolen"
    CHECKED_OUT = "CheckedOut"
    EXPIRED = "Expired"
    RECALLED = "Recalled"
    WITHDRAWN = "Withdrawn"

    @classmethod
    def _missing_(cls, value: object) -> PackState | None:
        """The same word in another case or spelling (``supplied``, ``FREE_SAMPLE``, ``checked-out``,
        as hand-made packs CSVs and some national systems write it) is that state; anything else is
        still a ValueError. What the app writes is always the canonical word."""
        if not isinstance(value, str):
            return None
        key = value.strip().replace("_", "").replace("-", "").replace(" ", "").casefold()
        return next((state for state in cls if state.value.casefold() == key), None)

    @property
    def is_final(self) -> bool:
        """Recalled, Withdrawn, Destroyed and Stolen can never be undone."""
        return self in FINAL_STATES


FINAL_STATES = frozenset({PackState.RECALLED, PackState.WITHDRAWN, PackState.DESTROYED, PackState.STOLEN})


class Transaction(StrEnum):
    """A hub transaction. Everything but VERIFY changes state and goes through the outbox."""

    VERIFY = "verify"
    SUPPLY = "supply"
    UNDO_SUPPLY = "undo-supply"
    DESTROY = "destroy"
    SAMPLE = "sample"
    FREE_SAMPLE = "free-sample"
    LOCK = "lock"
    UNLOCK = "unlock"
    STOLEN = "stolen"
    EXPORT = "export"
    CHECK_OUT = "check-out"
    UNDO_CHECK_OUT = "undo-check-out"
    UNDO_SAMPLE = "undo-sample"
    UNDO_FREE_SAMPLE = "undo-free-sample"
    UNDO_EXPORT = "undo-export"

    @property
    def changes_state(self) -> bool:
        return self is not Transaction.VERIFY

    @property
    def target_state(self) -> PackState | None:
        """The state a successful transaction leaves the pack in (None for VERIFY)."""
        return _TARGET_STATE.get(self)


DECOMMISSIONS = frozenset(
    {
        Transaction.SUPPLY,
        Transaction.DESTROY,
        Transaction.SAMPLE,
        Transaction.FREE_SAMPLE,
        Transaction.EXPORT,
        Transaction.STOLEN,
        Transaction.LOCK,
        Transaction.CHECK_OUT,
    }
)
"""The transactions that take a pack out of circulation (a dispense record each)."""

_TARGET_STATE: dict[Transaction, PackState] = {
    Transaction.SUPPLY: PackState.SUPPLIED,
    Transaction.UNDO_SUPPLY: PackState.ACTIVE,
    Transaction.DESTROY: PackState.DESTROYED,
    Transaction.SAMPLE: PackState.SAMPLE,
    Transaction.FREE_SAMPLE: PackState.FREE_SAMPLE,
    Transaction.LOCK: PackState.LOCKED,
    Transaction.UNLOCK: PackState.ACTIVE,
    Transaction.STOLEN: PackState.STOLEN,
    Transaction.EXPORT: PackState.EXPORTED,
    Transaction.CHECK_OUT: PackState.CHECKED_OUT,
    Transaction.UNDO_CHECK_OUT: PackState.ACTIVE,
    Transaction.UNDO_SAMPLE: PackState.ACTIVE,
    Transaction.UNDO_FREE_SAMPLE: PackState.ACTIVE,
    Transaction.UNDO_EXPORT: PackState.ACTIVE,
}

UNDO_OF: dict[Transaction, Transaction] = {
    Transaction.SUPPLY: Transaction.UNDO_SUPPLY,
    Transaction.SAMPLE: Transaction.UNDO_SAMPLE,
    Transaction.FREE_SAMPLE: Transaction.UNDO_FREE_SAMPLE,
    Transaction.EXPORT: Transaction.UNDO_EXPORT,
    Transaction.LOCK: Transaction.UNLOCK,
    Transaction.CHECK_OUT: Transaction.UNDO_CHECK_OUT,
}
"""The decommissions the national system lets undo, and the undo of each (no undo of destroy or
stolen since v4: shared/protocols/nmvs-blueprint-soap.md section 4)."""

UNDONE_BY: dict[Transaction, Transaction] = {undo: trx for trx, undo in UNDO_OF.items()}
"""An undo -> the decommission it reverses."""

REACTIVATION_SOURCE: dict[Transaction, PackState] = {
    undo: _TARGET_STATE[trx] for trx, undo in UNDO_OF.items()
}
"""An undo -> the state the pack must be in (the state its decommission left it in)."""

ART13_UNDOS = frozenset(
    {Transaction.UNDO_SUPPLY, Transaction.UNDO_SAMPLE, Transaction.UNDO_FREE_SAMPLE, Transaction.UNDO_EXPORT}
)
"""Undos of a decommission (Art. 13): same location, within 10 days of it."""


class ProductScheme(StrEnum):
    GTIN = "GTIN"
    PPN = "PPN"


@dataclass(frozen=True, slots=True)
class PackRef:
    """What is sent to the hub about one pack: product code + serial (+ batch and expiry)."""

    scheme: ProductScheme
    product_code: str
    serial: str
    lot: str | None = None
    expiry: dt.date | None = None

    @property
    def key(self) -> tuple[str, str]:
        """Identity of the pack (product code, serial)."""
        return (self.product_code, self.serial)


@dataclass(frozen=True, slots=True)
class HubRequest:
    transaction: Transaction
    pack: PackRef
    client_trx_id: str
    entry_mode: EntryMode = EntryMode.SCAN
    #: an undo: the client transaction id of the decommission it undoes (NMVS ``RefClientTrxId``)
    ref_client_trx_id: str | None = None
    #: an undo: the hub's transaction id of the decommission it undoes (securPharm ``trx`` = its ``tx.stx``)
    ref_hub_trx_id: str | None = None


@dataclass(frozen=True, slots=True)
class HubReply:
    """A hub's answer for one pack.

    ``ok`` is True when the requested transaction was carried out (or, for VERIFY, the pack
    exists and its data match). ``state`` is the pack's state after the request, where known.
    """

    return_code: ReturnCode
    state: PackState | None = None
    reason: str | None = None
    alert_id: str | None = None
    hub_trx_id: str | None = None
    client_trx_id: str | None = None
    product_name: str | None = None
    lot: str | None = None
    expiry: dt.date | None = None
    http_status: int = 200
    server_ms: float | None = None  # hub's own processing time (Server-Timing)
    total_ms: float | None = None  # full round trip seen by the client
    extra: dict[str, str] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()  # every reason the pack is inactive (e.g. Supplied, Recalled)

    @property
    def recalled_after(self) -> bool:
        """Inactive for another reason (e.g. Supplied) and its batch recalled since."""
        return "Recalled" in self.reasons and self.state is not None and self.state.value != "Recalled"

    @property
    def ok(self) -> bool:
        return self.return_code is ReturnCode.SUCCESS

    @property
    def intermarket(self) -> bool:
        """The answer came from another country's system (NMVS ``IntermarketFlag``)."""
        return self.extra.get("intermarket") == "true"


@dataclass(frozen=True, slots=True)
class ProductInfo:
    """Product master data, from the hub or an import file."""

    gtin: str
    name: str | None = None
    strength: str | None = None
    form: str | None = None
    pack_size: str | None = None
    pzn: str | None = None
    ingredient: str | None = None
    nhrn: dict[str, str] = field(default_factory=dict)


class HubUnavailable(Exception):
    """The hub could not be reached or answered (network error, timeout, 503 outage, 5xx).

    The caller treats the hub as offline: state-changing requests stay in the outbox.
    """

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        status: int | None = None,
        maybe_applied: bool = False,
    ):
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status
        #: the request may have reached the hub and been carried out (timeout, dropped reply, 5xx
        #: other than 503): its answer is lost, so the pack is verified before anything is resent
        self.maybe_applied = maybe_applied


class HubClient(Protocol):
    """One configured hub. Adapters: FMD REST and US VRS (verify only).

    State changes must be sent with the client transaction id that the outbox recorded, so a retry
    can never decommission twice. Transport failures raise :class:`HubUnavailable`; every answer the
    hub gives (including refusals) comes back as a :class:`HubReply`.
    """

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply: ...

    def transact(self, request: HubRequest) -> HubReply: ...

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        """Several state changes in one request; replies in request order."""
        ...

    def product(self, gtin: str) -> ProductInfo | None: ...

    def close(self) -> None: ...


# --- added by the hub client (issue 5): typed hub errors beyond HubUnavailable -------------------


class HubAuthError(HubUnavailable):
    """The hub refused our credentials (401/403 after a token refresh, or the token endpoint said no).

    A subclass of :class:`HubUnavailable` on purpose: queued state changes stay in the outbox until
    the credentials are fixed, they are never dropped.
    """


class HubRequestError(Exception):
    """The hub refused the request itself as malformed (400/413/422...). Retrying cannot help."""

    def __init__(self, message: str, *, status: int | None = None, detail: str | None = None):
        super().__init__(message)
        self.status = status
        self.detail = detail


# --- added for issue 16: say what went wrong, never blame the pack ------------------------------


class HubFault(HubUnavailable):
    """The hub (or whatever answers at its URL) did not answer as a hub does. ``kind``:

    - ``"misbehaved"``: an answer that breaks the protocol (not JSON, nested beyond reason, larger
      than any real reply, a bulk reply that does not match its request);
    - ``"untrusted"``: the hub's TLS certificate is not trusted (nothing was sent);
    - ``"wrong-url"``: the address answers, but not as a hub (404 without a hub reply, a redirect).

    A :class:`HubUnavailable` on purpose: state changes stay in the outbox, and the answer is
    never read as a verdict on the pack.
    """

    KINDS = ("misbehaved", "untrusted", "wrong-url")

    def __init__(self, message: str, *, kind: str = "misbehaved", status: int | None = None) -> None:
        if kind not in self.KINDS:
            raise ValueError(f"kind must be one of {self.KINDS}")
        super().__init__(message, status=status)
        self.kind = kind


class HubProtocolError(HubRequestError):
    """A reply the hub sent that breaks the protocol in a way that concerns one request (an unknown
    return code, a result without a usable status). A :class:`HubRequestError` so that the outbox
    keeps such a request pending (never dropped); the verdict says the hub misbehaved."""


def fault_kind(exc: BaseException) -> str | None:
    """The :class:`HubFault` kind of ``exc`` ("misbehaved" for a :class:`HubProtocolError`), else None."""
    if isinstance(exc, HubFault):
        return exc.kind
    if isinstance(exc, HubProtocolError):
        return "misbehaved"
    return None


class TransactionNotSupported(HubRequestError):
    """The configured hub adapter does not offer this transaction (e.g. US VRS is verify only)."""
