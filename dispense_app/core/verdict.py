"""The verdict: may this pack go to this patient, and what should the pharmacist do next?

:func:`decide` is a pure function of everything known about one scanned pack: the parsed code (or
its parse errors and the scanner gate's findings), the hub's answer (or that the hub is offline, or
that it was not asked), this station's own history of the pack, the cached recall list, the
prescription match and "now". It does no I/O, so every rule is covered by table tests.

:func:`precheck` runs the local rules alone: the workflow calls it *before* the hub, and when it
returns a STOP for a state-changing request (supply, destroy, ...), the hub is not asked at all.
That is what keeps a double scan at the counter from decommissioning twice and raising a false alert.

Levels: OK (hand it over), WARN (hand it over, but read this), STOP (do not hand it over).
Every text comes from :mod:`dispense_app.core.messages` by a stable id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

from dispense_app.core import vrs
from dispense_app.core.alerts import AlertSource
from dispense_app.core.messages import MONTHS, TIME_PHRASES, Translate, render, render_action
from dispense_app.core.model import DECOMMISSIONS, UNDONE_BY, AlertLevel, HubReply, PackState, ReturnCode, Transaction
from dispense_app.core.return_codes import Handling

UNDO_WINDOW = dt.timedelta(hours=240)
"""Art. 13: an undo is possible within 10 days of the decommission, same premises."""


class Level(StrEnum):
    """Verdict level; ordered OK < WARN < STOP."""

    OK = "ok"
    WARN = "warn"
    STOP = "stop"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Level.OK: 0, Level.WARN: 1, Level.STOP: 2}


class ReasonSource(StrEnum):
    """Where a finding comes from. It decides who raised an alert (the hub or this station), and
    only prescription findings may be overridden by a pharmacist."""

    INPUT = "input"  # the scan itself: parse error, scanner gate (nothing reached the hub)
    LOCAL = "local"  # this station's history, expiry, the cached recall list
    HUB = "hub"  # the national system's answer
    PRESCRIPTION = "prescription"  # the match against the open prescription
    OFFLINE = "offline"  # the hub could not be asked (queued, not verified)


# --- inputs -------------------------------------------------------------------------------------


class ParseErrorLike(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...


class ParsedPack(Protocol):
    """What the verdict reads from a parsed pack code (``scanner.PackCode`` fits)."""

    @property
    def ok(self) -> bool: ...

    @property
    def gtin(self) -> str | None: ...

    @property
    def ppn(self) -> str | None: ...

    @property
    def pzn(self) -> str | None: ...

    @property
    def serial(self) -> str | None: ...

    @property
    def lot(self) -> str | None: ...

    @property
    def expiry(self) -> dt.date | None: ...

    @property
    def errors(self) -> Sequence[Any]: ...


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A reason the scanned input must not go to the hub (parse error or scanner gate stop)."""

    code: str
    message: str
    source: str = "parse"  # "parse", "gate", or "hub" (the hub refused the request itself as malformed)


@dataclass(frozen=True, slots=True)
class LocalRecord:
    """This station's record of one state change of the pack (from the store)."""

    transaction: Transaction
    at: dt.datetime
    queued: bool = False  # still in the outbox, not yet confirmed by the hub
    undone_at: dt.datetime | None = None
    undo_until: dt.datetime | None = None  # default: at + 10 days
    record_id: str | None = None
    counter: str | None = None  # on a site store: the OTHER counter that made it (None: this one)

    @property
    def deadline(self) -> dt.datetime:
        return self.undo_until or (self.at + UNDO_WINDOW)

    @property
    def open(self) -> bool:
        """The decommission still stands (not undone)."""
        return self.undone_at is None and self.transaction.changes_state and self.transaction not in _REACTIVATING


_REACTIVATING = frozenset(UNDONE_BY)


@dataclass(frozen=True, slots=True)
class RecallEntry:
    """A cached recall (product code + batch) or withdrawal (product code, any batch)."""

    product_code: str  # GTIN, PPN or PZN
    lot: str | None = None  # None: the whole product is withdrawn
    reason: str = ""
    state: PackState = PackState.RECALLED

    def matches(self, codes: set[str], lot: str | None) -> bool:
        if self.product_code not in codes:
            return False
        return self.lot is None or (lot is not None and self.lot == lot)


@dataclass(frozen=True, slots=True)
class VerdictInput:
    """Everything the verdict depends on. ``now`` is timezone-aware; ``tz`` is the display zone."""

    now: dt.datetime
    transaction: Transaction = Transaction.VERIFY
    pack: ParsedPack | None = None
    problems: Sequence[InputProblem] = ()
    hub: HubReply | None = None
    offline: bool = False
    #: why the hub could not be used, where it is not plain unreachability (:class:`HubFault` kinds:
    #: "misbehaved", "untrusted", "wrong-url"); the verdict says so instead of "cannot be reached"
    offline_cause: str | None = None
    local: Sequence[LocalRecord] = ()
    recalls: Sequence[RecallEntry] = ()
    prescription: Sequence[Reason] = ()  # findings of the prescription match
    supply_anyway: bool = False  # a pharmacist supplies past the overridable STOPs (see Verdict.overridden)
    tz: dt.tzinfo = dt.UTC
    cancelled_locally: bool = False  # undo: the dispense never left the station and was withdrawn
    verify_only_hub: bool = False  # US VRS: nothing is queued offline, so a pack is verified again by hand


# --- outputs ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ago:
    """A past moment shown relative to now ("3 minutes ago")."""

    at: dt.datetime
    now: dt.datetime


@dataclass(frozen=True, slots=True)
class Moment:
    """A moment shown as day, month and time in the display zone ("1 Dec 14:02")."""

    at: dt.datetime
    tz: dt.tzinfo


def format_value(value: object, translate: Translate = lambda s: s) -> str:
    """How a message parameter is shown: dates as "31 Dec 2026", moments and "ago" phrases."""
    if isinstance(value, Ago):
        seconds = (value.now - value.at).total_seconds()
        if seconds < -60:
            return translate(TIME_PHRASES["in_future"])
        if seconds < 60:
            return translate(TIME_PHRASES["just_now"])
        for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
            n = int(seconds // size)
            if n >= 1:
                key = unit if n == 1 else unit + "s"
                return translate(TIME_PHRASES[key]).replace("{n}", str(n))
    if isinstance(value, Moment):
        local = value.at.astimezone(value.tz)
        return f"{local.day} {translate(MONTHS[local.month - 1])} {local:%H:%M}"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return f"{value.day} {translate(MONTHS[value.month - 1])} {value.year}"
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Reason:
    """One finding: a message id, its level and parameters. ``alert`` is False for findings that
    never create an alert record (input problems: nothing reached the hub, no pack identity)."""

    id: str
    level: Level
    params: Mapping[str, object] = field(default_factory=dict)
    alert: bool = True
    source: ReasonSource = ReasonSource.LOCAL
    overridable: bool = False
    """A pharmacist may supply the pack anyway past this STOP, with a reason (prescription
    findings only; never the hub, the local safety rules or a duplicate scan)."""

    def text(self, translate: Translate = lambda s: s) -> str:
        return render(self._wording(), self._formatted(translate), translate)

    def action(self, translate: Translate = lambda s: s) -> str:
        return render_action(self._wording(), self._formatted(translate), translate)

    def _wording(self) -> str:
        """The message the text comes from: a parser or scanner-gate problem is said in plain words
        for its code (``input.check_digit``, ...); the id itself (``input.parse_error``,
        ``input.gate_stop``) stays as it is for scripts reading ``message_ids``."""
        if self.id in ("input.parse_error", "input.gate_stop"):
            return _PLAIN_INPUT_MESSAGE.get(str(self.params.get("code", "")), self.id)
        return self.id

    def _formatted(self, translate: Translate) -> dict[str, str]:
        return {k: format_value(v, translate) for k, v in self.params.items()}

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "level": self.level.value, "text": self.text(), "action": self.action()}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer shown at the counter for one pack and one requested transaction."""

    level: Level
    reasons: tuple[Reason, ...]
    transaction: Transaction
    may_dispense: bool  # the pack may be handed over (OK/WARN); for undo/destroy: the request went through
    alert_needed: bool  # an AlertRecord must be created (every STOP but input problems)
    alert_class: str | None  # the hub alert class raised (A3, A24...), where the hub raised one
    alert_source: AlertSource | None
    return_code: ReturnCode | None
    state: PackState | None
    offline: bool
    queue: bool  # record the request in the outbox for later sending (offline)
    hub_asked: bool
    undo_until: dt.datetime | None = None
    overridden: tuple[Reason, ...] = ()
    """The prescription STOPs a pharmacist supplied anyway past (``VerdictInput.supply_anyway``);
    they are shown as warnings in ``reasons`` and recorded on the supplied-anyway alert."""

    @property
    def overridable(self) -> bool:
        """A STOP that only the prescription raised: a pharmacist may supply anyway, with a reason."""
        stops = [r for r in self.reasons if r.level is Level.STOP]
        return bool(stops) and all(r.overridable for r in stops)

    @property
    def primary(self) -> Reason | None:
        return self.reasons[0] if self.reasons else None

    def reason(self, translate: Translate = lambda s: s) -> str:
        """The main sentence (the most serious finding)."""
        return self.primary.text(translate) if self.primary else ""

    def next_action(self, translate: Translate = lambda s: s) -> str:
        return self.primary.action(translate) if self.primary else ""

    def messages(self, translate: Translate = lambda s: s) -> list[str]:
        """Every finding as "text action", most serious first."""
        out = []
        for r in self.reasons:
            action = r.action(translate)
            out.append(f"{r.text(translate)} {action}".strip())
        return out

    @property
    def message_ids(self) -> list[str]:
        return [r.id for r in self.reasons]

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "transaction": self.transaction.value,
            "may_dispense": self.may_dispense,
            "alert_needed": self.alert_needed,
            "alert_class": self.alert_class,
            "alert_source": self.alert_source.value if self.alert_source else None,
            "return_code": self.return_code.value if self.return_code else None,
            "state": self.state.value if self.state else None,
            "offline": self.offline,
            "queue": self.queue,
            "hub_asked": self.hub_asked,
            "undo_until": self.undo_until.isoformat() if self.undo_until else None,
            "reason": self.reason(),
            "next_action": self.next_action(),
            "reasons": [r.to_json() for r in self.reasons],
        }


# --- tables -------------------------------------------------------------------------------------

STATE_MESSAGE: dict[PackState, str] = {
    PackState.SUPPLIED: "state.supplied",
    PackState.DESTROYED: "state.destroyed",
    PackState.EXPORTED: "state.exported",
    PackState.SAMPLE: "state.sample",
    PackState.FREE_SAMPLE: "state.free_sample",
    PackState.LOCKED: "state.locked",
    PackState.STOLEN: "state.stolen",
    PackState.CHECKED_OUT: "state.checked_out",
    PackState.EXPIRED: "state.expired",
    PackState.RECALLED: "state.recalled",
    PackState.WITHDRAWN: "state.withdrawn",
}
"""Why an inactive pack must not be supplied, by state (Active is the only fine state)."""

RETURN_CODE_MESSAGE: dict[ReturnCode, str] = {
    ReturnCode.PRODUCT_UNKNOWN: "hub.product_unknown",
    ReturnCode.SERIAL_UNKNOWN: "hub.serial_unknown",
    ReturnCode.BATCH_UNKNOWN: "hub.batch_unknown",
    ReturnCode.EXPIRY_MISMATCH: "hub.expiry_mismatch",
    ReturnCode.BATCH_MISMATCH: "hub.batch_mismatch",
    ReturnCode.ALREADY_INACTIVE: "hub.already_inactive",
    ReturnCode.UNDO_STATE_MISMATCH: "hub.undo_state_mismatch",
    ReturnCode.ALREADY_IN_STATE: "hub.already_in_state",
    ReturnCode.UNDO_TOO_LATE: "hub.undo_too_late",
    ReturnCode.UNDO_OTHER_LOCATION: "hub.undo_other_location",
    ReturnCode.BATCH_RECALLED: "hub.batch_recalled",
    ReturnCode.PACK_EXPIRED: "hub.pack_expired",
    ReturnCode.TRX_ID_REUSED: "hub.trx_id_reused",
    ReturnCode.REPEAT_TOLERATED: "hub.repeat_tolerated",
    ReturnCode.NOT_SUBJECT_TO_VERIFICATION: "hub.not_subject",
    ReturnCode.STATUS_CHANGE_FAILED: "hub.status_change_failed",
    ReturnCode.PRODUCT_OR_BATCH_WITHDRAWN: "hub.batch_recalled",
    ReturnCode.UNDO_DISPENSE_TOO_LATE: "hub.undo_too_late",
    ReturnCode.UNDO_DESTROY_TOO_LATE: "hub.undo_too_late",
    ReturnCode.WRONG_REF_DISPENSE: "hub.wrong_reference",
    ReturnCode.WRONG_REF_DESTROY: "hub.wrong_reference",
    ReturnCode.WRONG_REF_OTHER: "hub.wrong_reference",
    # US VRS codes; a VRS reply (extra["protocol"] == "vrs") is read by core/vrs.py in full
    ReturnCode.VRS_NOT_FOR_REDISTRIBUTION: "vrs.not_for_redistribution",
    ReturnCode.VRS_MANUFACTURER_POLICY: "vrs.manufacturer_policy",
    ReturnCode.VRS_NO_REASON: "vrs.no_reason",
    ReturnCode.VRS_SUSPECT: "vrs.suspect",
    ReturnCode.VRS_ILLEGITIMATE: "vrs.illegitimate",
    ReturnCode.VRS_NO_ROUTE: "vrs.no_route",
    ReturnCode.VRS_CREDENTIAL_REFUSED: "vrs.forbidden",
    ReturnCode.VRS_NOT_AUTHENTICATED: "vrs.not_authenticated",
}
"""The codes with a message of their own (a v5 no-alert twin uses its original's; every other code
gets one by what it is about: :func:`return_code_message`)."""

SUCCESS_MESSAGE: dict[Transaction, str] = {
    Transaction.VERIFY: "ok.verified",
    Transaction.SUPPLY: "ok.supplied",
    Transaction.UNDO_SUPPLY: "ok.undone",
    Transaction.UNDO_SAMPLE: "ok.undone",
    Transaction.UNDO_FREE_SAMPLE: "ok.undone",
    Transaction.UNDO_EXPORT: "ok.undone",
    Transaction.DESTROY: "ok.destroyed",
    Transaction.SAMPLE: "ok.sample",
}



# --- the rules ----------------------------------------------------------------------------------


def _pack_params(pack: ParsedPack | None) -> dict[str, object]:
    if pack is None:
        return {}
    return {
        "serial": pack.serial or "",
        "lot": pack.lot or "",
        "expiry": pack.expiry,
        "product": pack.gtin or pack.ppn or pack.pzn or "",
    }


def _pack_codes(pack: ParsedPack) -> set[str]:
    return {c for c in (pack.gtin, pack.ppn, pack.pzn) if c}


NOT_A_PACK_CODE = "not_a_pack_code"
"""The parse error (and scanner gate stop) of a valid barcode that is no pack code: an EAN, a PZN."""


def _wrong_barcode() -> Reason:
    """The ordinary EAN/PZN barcode was scanned: a wrong barcode, not a suspect pack (amber, no alert,
    nothing to the hub; the pack may not be dispensed on it)."""
    return Reason("input.wrong_barcode", Level.WARN, alert=False, source=ReasonSource.INPUT)


_PLAIN_INPUT_MESSAGE = {
    code: f"input.{code}"
    for code in ("check_digit", "invalid_date", "too_long", "bad_charset", "missing_field", "unknown_ai",
                 "duplicate_ai", "separator_missing", "malformed")
} | {"parse_failed": "input.malformed", "profile_mismatch": "input.scanner_setup", "ambiguous": "input.scanner_setup"}
"""The parser's and the scanner gate's problem codes, each with its plain-language message
(:meth:`Reason._wording`)."""


def _input_reasons(inp: VerdictInput) -> list[Reason]:
    out: list[Reason] = []
    for p in inp.problems:
        if p.code == NOT_A_PACK_CODE and p.source != "hub":
            out.append(_wrong_barcode())
            continue
        msg = {"gate": "input.gate_stop", "hub": "hub.request_refused"}.get(p.source, "input.parse_error")
        source = ReasonSource.HUB if p.source == "hub" else ReasonSource.INPUT
        out.append(Reason(msg, Level.STOP, {"detail": p.message, "code": p.code}, alert=False, source=source))
    pack = inp.pack
    if pack is not None and not pack.ok and not inp.problems:
        for e in pack.errors:
            if getattr(e, "code", "") == NOT_A_PACK_CODE:
                out.append(_wrong_barcode())
                continue
            detail = getattr(e, "message", None) or str(e)
            code = getattr(e, "code", "")
            params = {"detail": detail, "code": code}
            out.append(Reason("input.parse_error", Level.STOP, params, alert=False, source=ReasonSource.INPUT))
        if not pack.errors:
            params = {"detail": "not a valid pack code"}
            out.append(Reason("input.parse_error", Level.STOP, params, alert=False, source=ReasonSource.INPUT))
    if pack is None and not inp.problems:
        out.append(Reason("input.no_pack", Level.STOP, alert=False, source=ReasonSource.INPUT))
    return out


def _latest_open(local: Sequence[LocalRecord]) -> LocalRecord | None:
    opened = [r for r in local if r.open]
    return max(opened, key=lambda r: r.at) if opened else None


def _local_history_reasons(inp: VerdictInput) -> list[Reason]:
    """Already decommissioned here (supply, destroy...), or queued here."""
    rec = _latest_open(inp.local)
    if rec is None:
        return []
    params: dict[str, object] = {
        "ago": Ago(rec.at, inp.now),
        "undo_until": Moment(rec.deadline, inp.tz),
        "state": rec.transaction.target_state.value if rec.transaction.target_state else rec.transaction.value,
    }
    if rec.counter is not None and rec.transaction is Transaction.SUPPLY:
        # another counter of this site dispensed it: name the counter and when (issue 20)
        site = {**params, "counter": rec.counter, "at": Moment(rec.at, inp.tz)}
        if rec.queued:
            return [Reason("local.queued_at_site", Level.STOP, site)]
        if inp.now <= rec.deadline:
            return [Reason("local.dispensed_at_site", Level.STOP, site)]
        return [Reason("local.dispensed_at_site_no_undo", Level.STOP, site)]
    if rec.queued:
        return [Reason("local.queued_here", Level.STOP, params)]
    if rec.transaction is Transaction.SUPPLY:
        if inp.now <= rec.deadline:
            return [Reason("local.dispensed_here", Level.STOP, params)]
        return [Reason("local.dispensed_here_no_undo", Level.STOP, params)]
    return [Reason("local.decommissioned_here", Level.STOP, params)]


def _expiry_reasons(inp: VerdictInput) -> list[Reason]:
    pack = inp.pack
    if pack is None or pack.expiry is None:
        return []
    today = inp.now.astimezone(inp.tz).date()
    if pack.expiry < today:
        return [Reason("local.expired", Level.STOP, {"expiry": pack.expiry})]
    return []


def _recall_reasons(inp: VerdictInput) -> list[Reason]:
    pack = inp.pack
    if pack is None:
        return []
    codes = _pack_codes(pack)
    for entry in inp.recalls:
        if entry.matches(codes, pack.lot):
            msg = "local.withdrawn" if entry.lot is None or entry.state is PackState.WITHDRAWN else "local.recalled"
            return [Reason(msg, Level.STOP, {"lot": pack.lot or "", "reason": entry.reason or entry.state.value})]
    return []


def _undo_reasons(inp: VerdictInput) -> list[Reason]:
    """Local rules for an undo: it must undo a decommission of ours (of its kind) still within 10 days."""
    kind = UNDONE_BY.get(inp.transaction, Transaction.SUPPLY)
    supplies = [r for r in inp.local if r.transaction is kind]
    if not supplies:
        # an undo goes through the outbox like every state change, so it needs our own record
        return [Reason("local.not_dispensed_here", Level.STOP, alert=False)]
    rec = max(supplies, key=lambda r: r.at)
    params: dict[str, object] = {"ago": Ago(rec.at, inp.now), "undo_until": Moment(rec.deadline, inp.tz)}
    if rec.undone_at is not None:
        return [Reason("local.already_undone", Level.WARN, {"ago": Ago(rec.undone_at, inp.now)}, alert=False)]
    if inp.now > rec.deadline:
        return [Reason("local.undo_too_late", Level.STOP, params)]
    return []


def _prescription_reasons(inp: VerdictInput) -> list[Reason]:
    """The prescription findings; with ``supply_anyway``, overridable STOPs count as warnings
    (only when every prescription STOP is overridable: a duplicate scan is never supplied)."""
    findings = list(inp.prescription)
    if inp.supply_anyway and _overridden(inp):
        return [replace(r, level=Level.WARN) if r.level is Level.STOP else r for r in findings]
    return findings


def _overridden(inp: VerdictInput) -> tuple[Reason, ...]:
    if not inp.supply_anyway:
        return ()
    stops = tuple(r for r in inp.prescription if r.level is Level.STOP)
    return stops if stops and all(r.overridable for r in stops) else ()


def local_reasons(inp: VerdictInput) -> list[Reason]:
    """The rules that need no hub: input problems, history here, expiry, recall list, prescription."""
    problems = _input_reasons(inp)
    if problems:
        return problems
    t = inp.transaction
    out: list[Reason] = []
    if t in UNDONE_BY:
        out += _undo_reasons(inp)
    elif t in (Transaction.VERIFY, Transaction.SUPPLY):
        out += _local_history_reasons(inp)
        out += _expiry_reasons(inp)
        out += _recall_reasons(inp)
        out += _prescription_reasons(inp)
    elif t in DECOMMISSIONS:
        out += _local_history_reasons(inp)  # destroying or sampling twice is refused here too
    return out


def precheck(inp: VerdictInput) -> Verdict | None:
    """The verdict before the hub is asked, when local rules already settle it.

    Returns a verdict (with ``hub_asked`` False) when the hub must not be asked: input problems
    always; for state-changing requests, any local STOP; for an undo that was already done, its
    WARN. Returns None when the hub should be asked (or the request queued, if offline).
    """
    reasons = local_reasons(inp)
    if any(r.source is ReasonSource.INPUT for r in reasons) or any(
        not r.alert and r.level is Level.STOP for r in reasons
    ):
        return _assemble(inp, reasons, hub_asked=False)
    stops = any(r.level is Level.STOP for r in reasons)
    if inp.transaction.changes_state and stops:
        return _assemble(inp, reasons, hub_asked=False)
    if inp.transaction in UNDONE_BY and any(r.id == "local.already_undone" for r in reasons):
        return _assemble(inp, reasons, hub_asked=False)
    return None


def _hub_reasons(inp: VerdictInput, reply: HubReply) -> list[Reason]:
    """What the hub's answer says, plus a note when another country's system answered it."""
    reasons = _hub_findings(inp, reply)
    if reply.intermarket and reasons:
        params = {"market": reply.extra.get("market") or "?"}
        reasons.append(Reason("hub.intermarket", Level.OK, params, alert=False, source=ReasonSource.HUB))
    return reasons


def _hub_findings(inp: VerdictInput, reply: HubReply) -> list[Reason]:
    params = _pack_params(inp.pack)
    state = reply.state
    params["state"] = state.value if state else ""
    params["return_code"] = reply.return_code.value
    rc = reply.return_code
    if vrs.is_vrs(reply):  # US VRS: its own reason codes and additional info (core/vrs.py)
        return [
            Reason(rule.message, Level(rule.level), {**params, **extra}, alert=rule.alert, source=ReasonSource.HUB)
            for rule, extra in vrs.rules(reply)
        ]
    here = _latest_open(inp.local)
    if state is PackState.SUPPLIED and reply.recalled_after and inp.transaction is not Transaction.UNDO_SUPPLY:
        # a recall after supply: the pack stays Supplied with the recall among its reasons; say both
        return [Reason("state.supplied_recalled", Level.STOP, params, source=ReasonSource.HUB)]
    if (
        state is PackState.SUPPLIED
        and here is not None
        and here.transaction is Transaction.SUPPLY
        and rc.alerting_original
        in (ReturnCode.SUCCESS, ReturnCode.ALREADY_INACTIVE, ReturnCode.ALREADY_IN_STATE, ReturnCode.REPEAT_TOLERATED)
        and inp.transaction is not Transaction.UNDO_SUPPLY
    ):
        return []  # our own dispense: the local "already dispensed here" reason says it better
    if rc is ReturnCode.SUCCESS:
        if inp.transaction is Transaction.VERIFY and state is not None and state is not PackState.ACTIVE:
            return [Reason(STATE_MESSAGE[state], Level.STOP, params, source=ReasonSource.HUB)]
        msg = SUCCESS_MESSAGE.get(inp.transaction, "ok.transaction")
        if msg == "ok.transaction" and not params["state"]:
            target = inp.transaction.target_state
            params["state"] = target.value if target else inp.transaction.value
        return [Reason(msg, Level.OK, params, source=ReasonSource.HUB)]
    original = rc.alerting_original  # a v5 no-alert twin reads as its situation
    if original is ReturnCode.ALREADY_INACTIVE and state is not None and state in STATE_MESSAGE:
        return [Reason(STATE_MESSAGE[state], Level.STOP, params, source=ReasonSource.HUB)]
    if rc is ReturnCode.NOT_SUBJECT_TO_VERIFICATION:
        return [Reason(RETURN_CODE_MESSAGE[rc], Level.WARN, params, alert=False, source=ReasonSource.HUB)]
    params["meaning"] = rc.meaning
    return [Reason(return_code_message(rc), Level.STOP, params, source=ReasonSource.HUB)]


def return_code_message(rc: ReturnCode) -> str:
    """The message id for a non-success answer: the code's own, its situation's (a no-alert twin),
    else one by what the code is about (hub fault, credentials, a refusal), else "unexpected"."""
    own = RETURN_CODE_MESSAGE.get(rc) or RETURN_CODE_MESSAGE.get(rc.alerting_original)
    if own:
        return own
    if rc.handling is Handling.RETRY:
        return "hub.fault"
    if rc.handling is Handling.CREDENTIALS:
        return "hub.credentials"
    return "hub.refused_code" if rc.known else "hub.unexpected"


FAULT_CAUSES = ("misbehaved", "untrusted", "wrong-url")


def decide(inp: VerdictInput) -> Verdict:
    """The full verdict: local rules, then the hub's answer (or the offline path)."""
    early = precheck(inp)
    if early is not None:
        return early
    reasons = local_reasons(inp)
    if inp.cancelled_locally:
        return _assemble(inp, [Reason("ok.cancelled", Level.OK, alert=False)], hub_asked=False)
    if inp.hub is not None:
        hub = _hub_reasons(inp, inp.hub)
        if vrs.extends_expiry(inp.hub):  # the FDA extended the expiry: no local expiry STOP for this pack
            reasons = [r for r in reasons if r.id != "local.expired"]
        # a hub STOP is the main news; a hub OK comes after local warnings (sorted by level anyway)
        reasons = hub + reasons if hub and hub[0].level is Level.STOP else reasons + hub
        if not reasons:  # the hub's answer was fully explained by our own history
            reasons = _local_history_reasons(inp)
        return _assemble(inp, reasons, hub_asked=True)
    if inp.offline:
        prefix = f"fault.{inp.offline_cause.replace('-', '_')}" if inp.offline_cause in FAULT_CAUSES else "offline"
        if inp.transaction is Transaction.VERIFY:
            msg = "offline.vrs_not_verified" if inp.verify_only_hub else f"{prefix}.not_verified"
            reasons = [*reasons, Reason(msg, Level.WARN, alert=False, source=ReasonSource.OFFLINE)]
        elif inp.transaction is Transaction.SUPPLY:
            reasons = [*reasons, Reason(f"{prefix}.queued", Level.WARN, alert=False, source=ReasonSource.OFFLINE)]
        else:
            params = {"transaction": inp.transaction.value}
            queued = Reason(f"{prefix}.queued_other", Level.WARN, params, alert=False, source=ReasonSource.OFFLINE)
            reasons = [*reasons, queued]
        return _assemble(inp, reasons, hub_asked=False)
    reasons = [*reasons, Reason("offline.not_sent", Level.WARN, alert=False, source=ReasonSource.OFFLINE)]
    return _assemble(inp, reasons, hub_asked=False)


def _assemble(inp: VerdictInput, reasons: list[Reason], *, hub_asked: bool) -> Verdict:
    ordered = tuple(sorted(reasons, key=lambda r: -r.level.rank))  # stable: keeps order within a level
    level = ordered[0].level if ordered else Level.OK
    reply = inp.hub if hub_asked else None
    stop = level is Level.STOP
    alert_needed = stop and any(_raises_alert(r, inp.transaction) for r in ordered if r.level is Level.STOP)
    alert_class: str | None = None
    source: AlertSource | None = None
    if reply is not None and not reply.ok and reply.return_code.alert_level(reply.state) is AlertLevel.ALERT:
        alert_class = reply.return_code.alert_class
        if inp.transaction is Transaction.VERIFY and reply.return_code.alerting_original is ReturnCode.ALREADY_INACTIVE:
            alert_class = None  # informative on a verify: the hub raises A24 only when decommissioning
    if alert_needed:
        hub_stop = reply is not None and any(r.source is ReasonSource.HUB for r in ordered if r.level is Level.STOP)
        source = AlertSource.HUB if hub_stop else AlertSource.LOCAL
    wrong_input = any(r.source is ReasonSource.INPUT for r in ordered)  # a wrong barcode is a WARN
    queue = (
        inp.offline
        and not hub_asked
        and inp.transaction.changes_state
        and not stop
        and not wrong_input
        and not any(r.id == "local.already_undone" for r in ordered)
    )
    undo_until: dt.datetime | None = None
    supplied_now = (reply is not None and reply.ok) or queue
    if supplied_now and inp.transaction is Transaction.SUPPLY:
        undo_until = inp.now + UNDO_WINDOW
    else:
        rec = _latest_open(inp.local)
        if rec is not None and rec.transaction is Transaction.SUPPLY and stop:
            undo_until = rec.deadline
    state = reply.state if reply is not None else None
    if state is None and reply is None:
        state = _local_state(ordered)
    return Verdict(
        level=level,
        reasons=ordered,
        transaction=inp.transaction,
        may_dispense=not stop and not wrong_input,
        alert_needed=alert_needed,
        alert_class=alert_class,
        alert_source=source,
        return_code=reply.return_code if reply is not None else None,
        state=state,
        offline=inp.offline and not hub_asked,
        queue=queue,
        hub_asked=hub_asked,
        undo_until=undo_until,
        overridden=_overridden(inp),
    )


def _raises_alert(reason: Reason, transaction: Transaction) -> bool:
    """A STOP finding that creates an alert record. A prescription mismatch seen while only
    checking a pack (the scan before Dispense) is advice for the counter, not yet an event: the
    alert is recorded when someone tries to dispense it."""
    if reason.source is ReasonSource.PRESCRIPTION and transaction is Transaction.VERIFY:
        return False
    if reason.id in _OWN_DOUBLE_SCAN:
        return False
    return reason.alert


# A pack this counter supplied (or queued) within the undo window, scanned again: the counter's own
# double scan or a pack brought back, not a suspect pack. It is a STOP (never handed over twice) that
# says when it was dispensed and until when it can be undone, but no alert for follow-up (issue 15).
_OWN_DOUBLE_SCAN = frozenset(
    {"local.dispensed_here", "local.queued_here", "local.dispensed_at_site", "local.queued_at_site"}
)


_LOCAL_STATE = {
    "local.dispensed_here": PackState.SUPPLIED,
    "local.dispensed_here_no_undo": PackState.SUPPLIED,
    "local.queued_here": PackState.SUPPLIED,
    "local.dispensed_at_site": PackState.SUPPLIED,
    "local.dispensed_at_site_no_undo": PackState.SUPPLIED,
    "local.queued_at_site": PackState.SUPPLIED,
    "local.expired": PackState.EXPIRED,
    "local.recalled": PackState.RECALLED,
    "local.withdrawn": PackState.WITHDRAWN,
}


def _local_state(reasons: Sequence[Reason]) -> PackState | None:
    """The pack's state as far as local knowledge tells, for a verdict the hub was not asked for."""
    for r in reasons:
        if r.id in _LOCAL_STATE:
            return _LOCAL_STATE[r.id]
        if r.id == "local.decommissioned_here":
            try:
                return PackState(str(r.params.get("state")))
            except ValueError:
                return None
    return None
