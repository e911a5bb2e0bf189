"""AlertRecord <-> JSON: a fast ``to_json`` for bulk exports and the strict inverse, ``alert_from_json``.

:func:`alert_to_json` returns exactly what :meth:`AlertRecord.to_json` returns (a test holds them
equal) without ``dataclasses.asdict``'s deep copy, which dominates the cost of a million-row export.
:func:`alert_from_json` turns such a dict back into an equal AlertRecord and raises
:class:`RecordError` (naming the field) for anything that is not a valid alert.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from dispense_app.core.alerts import ALERT_FIELDS, AlertCause, AlertRecord, AlertSource, AlertStatus
from scanner.key_log import is_key_timings

_values = attrgetter(*ALERT_FIELDS)
_IDX = {name: i for i, name in enumerate(ALERT_FIELDS)}
I_CREATED = _IDX["created_at"]
I_EXPIRY = _IDX["expiry"]
I_SOURCE = _IDX["source"]
I_STATUS = _IDX["status"]
I_CAUSE = _IDX["cause"]
I_NHRN = _IDX["nhrn"]
I_COMMENTS = _IDX["comments"]
I_SUPPLIED = _IDX["supplied_anyway"]
I_SCANNED = _IDX["scanned_at"]
I_SCAN_KEYS = _IDX["scan_keys"]

REQUIRED_STR = frozenset({"alert_id", "reason", "request", "raw_hex", "entry_mode"})
"""Text fields that are never None (the others may be)."""
OPTIONAL_STR = frozenset(ALERT_FIELDS) - REQUIRED_STR - {
    "created_at", "source", "expiry", "nhrn", "supplied_anyway", "status", "cause", "comments", "scanned_at",
    "scan_keys",
}


class RecordError(ValueError):
    """Data that is not a valid alert record; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def record_values(rec: AlertRecord) -> tuple[Any, ...]:
    """The record's field values in :data:`ALERT_FIELDS` order (no copies)."""
    values: tuple[Any, ...] = _values(rec)
    return values


def _generic_to_json(rec: AlertRecord) -> dict[str, Any]:
    v = list(_values(rec))
    v[I_CREATED] = rec.created_at.isoformat()
    exp = v[I_EXPIRY]
    v[I_EXPIRY] = exp.isoformat() if exp else None
    v[I_SOURCE] = rec.source.value
    v[I_STATUS] = rec.status.value
    cause = v[I_CAUSE]
    v[I_CAUSE] = cause.value if cause else None
    scanned = v[I_SCANNED]
    v[I_SCANNED] = scanned.isoformat() if scanned else None
    return dict(zip(ALERT_FIELDS, v, strict=True))


KNOWN_FIELDS = (
    "alert_id", "created_at", "source", "return_code", "alert_class", "reason", "request", "client_trx_id",
    "hub_trx_id", "operator", "station", "location", "raw_hex", "aim_id", "entry_mode", "scheme", "gtin", "ppn",
    "pzn", "serial", "lot", "expiry", "nhrn", "state", "app_version", "scanner_profile", "dispense_id",
    "patient_ref", "supplied_anyway", "supplied_anyway_reason", "supplied_anyway_by", "status", "cause", "comments",
    "scanned_at", "scan_keys",
)
"""ALERT_FIELDS as the fast paths below were written for; if the shared record changes, the generic
(slower, always complete) paths are used until the fast ones are updated."""

_str_of = str.__str__  # the plain str of a StrEnum member, without the enum descriptor's cost


def _fast_to_json(r: AlertRecord) -> dict[str, Any]:
    exp = r.expiry
    cause = r.cause
    scanned = r.scanned_at
    return {
        "alert_id": r.alert_id, "created_at": r.created_at.isoformat(), "source": _str_of(r.source),
        "return_code": r.return_code, "alert_class": r.alert_class, "reason": r.reason, "request": r.request,
        "client_trx_id": r.client_trx_id, "hub_trx_id": r.hub_trx_id, "operator": r.operator,
        "station": r.station, "location": r.location, "raw_hex": r.raw_hex, "aim_id": r.aim_id,
        "entry_mode": r.entry_mode, "scheme": r.scheme, "gtin": r.gtin, "ppn": r.ppn, "pzn": r.pzn,
        "serial": r.serial, "lot": r.lot, "expiry": exp.isoformat() if exp else None, "nhrn": r.nhrn,
        "state": r.state, "app_version": r.app_version, "scanner_profile": r.scanner_profile,
        "dispense_id": r.dispense_id, "patient_ref": r.patient_ref, "supplied_anyway": r.supplied_anyway,
        "supplied_anyway_reason": r.supplied_anyway_reason, "supplied_anyway_by": r.supplied_anyway_by,
        "status": _str_of(r.status), "cause": _str_of(cause) if cause else None, "comments": r.comments,
        "scanned_at": scanned.isoformat() if scanned else None, "scan_keys": r.scan_keys,
    }


alert_to_json: Callable[[AlertRecord], dict[str, Any]] = (
    _fast_to_json if ALERT_FIELDS == KNOWN_FIELDS else _generic_to_json
)
"""Same result as ``rec.to_json()``, several times faster (no ``asdict`` deep copy). The nhrn dict and
comments and scan_keys lists are the record's own objects, not copies: serialise the result, don't mutate it."""


def _str(d: dict[str, Any], name: str, *, optional: bool) -> str | None:
    value = d.get(name)
    if value is None:
        if optional:
            return None
        raise RecordError(name, "missing")
    if not isinstance(value, str):
        raise RecordError(name, f"expected text, got {type(value).__name__}")
    return value


def _datetime(value: Any, name: str = "created_at") -> dt.datetime:
    if not isinstance(value, str):
        raise RecordError(name, "missing or not text")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise RecordError(name, f"not an ISO 8601 date-time: {value!r}") from exc
    if parsed.tzinfo is None:
        raise RecordError(name, "has no time zone (must be UTC)")
    return parsed


def _scan_keys(value: Any) -> list[list[float | str]] | None:
    if value is None:
        return None
    if not is_key_timings(value):
        raise RecordError("scan_keys", "must be a list of [milliseconds, key] pairs")
    return [list(entry) for entry in value]


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError("expiry", "not text")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise RecordError("expiry", f"not an ISO date: {value!r}") from exc


def _nhrn(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise RecordError("nhrn", "must be an object of text values")
    return dict(value)


def _comments(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError("comments", "must be a list")
    out: list[dict[str, str]] = []
    for item in value:
        if not isinstance(item, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in item.items()):
            raise RecordError("comments", "each comment must be an object of text values")
        out.append(dict(item))
    return out


def alert_from_json(d: dict[str, Any]) -> AlertRecord:
    """The AlertRecord a ``to_json()`` dict describes. Unknown keys are ignored (a newer app may
    add fields); a missing or malformed field raises :class:`RecordError`."""
    if not isinstance(d, dict):
        raise RecordError("(record)", "not a JSON object")
    kw: dict[str, Any] = {}
    for name in REQUIRED_STR:
        kw[name] = _str(d, name, optional=False)
    for name in OPTIONAL_STR:
        kw[name] = _str(d, name, optional=True)
    kw["created_at"] = _datetime(d.get("created_at"))
    kw["expiry"] = _date(d.get("expiry"))
    try:
        kw["source"] = AlertSource(str(d.get("source")))
    except ValueError as exc:
        raise RecordError("source", f"unknown value {d.get('source')!r}") from exc
    try:
        kw["status"] = AlertStatus(str(d.get("status", AlertStatus.NEW.value)))
    except ValueError as exc:
        raise RecordError("status", f"unknown value {d.get('status')!r}") from exc
    cause = d.get("cause")
    try:
        kw["cause"] = AlertCause(cause) if cause is not None else None
    except ValueError as exc:
        raise RecordError("cause", f"unknown value {cause!r}") from exc
    supplied = d.get("supplied_anyway", False)
    if not isinstance(supplied, bool):
        raise RecordError("supplied_anyway", "must be true or false")
    kw["supplied_anyway"] = supplied
    kw["nhrn"] = _nhrn(d.get("nhrn"))
    kw["comments"] = _comments(d.get("comments"))
    scanned = d.get("scanned_at")
    kw["scanned_at"] = _datetime(scanned, "scanned_at") if scanned is not None else None
    kw["scan_keys"] = _scan_keys(d.get("scan_keys"))
    return AlertRecord(**kw)


def alert_from_json_line(line: str | bytes) -> AlertRecord:
    """One JSON Lines line -> AlertRecord."""
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise RecordError("(line)", f"not JSON: {exc}") from exc
    return alert_from_json(data)
