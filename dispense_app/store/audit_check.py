"""Records cross-checked against their audit entries (issue 16, item 4).

The hash chain proves the entries were not changed; it says nothing about the records themselves.
Here the chain is replayed into what the records must be, and the tables are compared with it:

* **alerts**: each ``alert`` entry holds the alert's fields (and, since issue 16, its status, cause
  and number of comments); ``alert-status`` and ``alert-comment`` entries move it on;
  ``alert-purge`` removes it. An alert row without an entry is *unrecorded*, an entry without its
  row (not purged) *deleted*, a row whose fields differ from the replay *altered*.
* **dispense records**: each ``dispense`` entry holds the pack, patient, prescription and request;
  an ``undo`` entry must exist for a record whose undo was asked for; a confirmed record needs the
  hub's answer in a ``replay`` entry (written since issue 16).
* **outbox**: every row is the request of a ``dispense`` or ``undo`` entry, and a finished row's
  outcome is the one its ``replay`` entry recorded.

What a replay cannot tell: fields no entry holds (e.g. the time of the last send attempt), and
records of a database that was rewritten together with a recomputed chain: that is what the anchor
outside the database is for (:mod:`.audit_anchor`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: alert fields an ``alert`` entry holds: entry key -> how to read it from the row
ALERT_FIELDS = ("source", "return_code", "request", "reason", "product_code", "serial", "dispense_id",
                "patient_ref", "raw_hex")
DISPENSE_FIELDS = ("transaction", "client_trx_id", "product_code", "serial", "lot", "expiry", "patient_ref",
                   "prescription_ref", "entry_mode", "raw_hex")
_DISPENSE_COLUMNS = {"transaction": "transaction_type"}
MAX_FINDINGS = 20


@dataclass(frozen=True, slots=True)
class Finding:
    """One record that does not match the audit trail."""

    problem: str  # altered / deleted / unrecorded
    seq: int | None  # the audit entry concerned (None: a record no entry names)
    message: str


@dataclass
class _Replay:
    alerts: dict[str, dict[str, Any]] = field(default_factory=dict)
    purged: set[str] = field(default_factory=set)
    dispenses: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)  # outbox client_trx_id -> entry seq
    undone: set[str] = field(default_factory=set)  # dispense ids an undo was asked for
    answers: dict[str, str] = field(default_factory=dict)  # client_trx_id -> outcome
    legacy_replay: bool = False  # a replay entry from before issue 16 (no per-request answers)


def cross_check(conn: sqlite3.Connection) -> list[Finding]:
    """The first :data:`MAX_FINDINGS` records that do not match the chain (empty: all match)."""
    replay = _replay(conn)
    found: list[Finding] = []
    for finding in _check_alerts(conn, replay):
        found.append(finding)
        if len(found) >= MAX_FINDINGS:
            return found
    for finding in _check_dispenses(conn, replay):
        found.append(finding)
        if len(found) >= MAX_FINDINGS:
            return found
    for finding in _check_outbox(conn, replay):
        found.append(finding)
        if len(found) >= MAX_FINDINGS:
            break
    return found


def _replay(conn: sqlite3.Connection) -> _Replay:
    r = _Replay()
    rows = conn.execute(
        "SELECT seq, kind, details FROM audit WHERE kind IN "
        "('alert', 'alert-status', 'alert-comment', 'alert-purge', 'dispense', 'undo', 'replay') ORDER BY seq"
    )
    for seq, kind, text in rows:
        d = json.loads(text)
        if kind == "alert":
            r.alerts[d["alert_id"]] = {"seq": seq, **{k: d.get(k) for k in ALERT_FIELDS},
                                       **{k: d[k] for k in ("status", "cause", "comments") if k in d}}
        elif kind in ("alert-status", "alert-comment"):
            _alert_moved(r, kind, d)
        elif kind == "alert-purge":
            r.purged.update(d.get("alert_ids") or ())
        elif kind == "dispense":
            r.dispenses[d["dispense_id"]] = {"seq": seq, **{k: d.get(k) for k in DISPENSE_FIELDS}}
            r.requests[d["client_trx_id"]] = seq
        elif kind == "undo":
            r.undone.add(d.get("dispense_id"))
            if d.get("client_trx_id"):
                r.requests[d["client_trx_id"]] = seq
        elif "answers" in d:
            r.answers.update({trx: outcome for trx, outcome in d["answers"]})
        else:
            r.legacy_replay = True
    return r


def _alert_moved(r: _Replay, kind: str, d: dict[str, Any]) -> None:
    alert = r.alerts.get(d.get("alert_id", ""))
    if alert is None:
        return  # an entry for an alert the chain never recorded: reported with the row
    if kind == "alert-status":
        alert["status"], alert["cause"] = d.get("to"), d.get("cause")
    if (kind == "alert-comment" or d.get("comment")) and "comments" in alert:
        alert["comments"] += 1


def _check_alerts(conn: sqlite3.Connection, r: _Replay) -> Iterator[Finding]:
    seen: set[str] = set()
    rows = conn.execute(
        "SELECT alert_id, source, return_code, request, reason, coalesce(gtin, ppn), serial, dispense_id, "
        "patient_ref, raw_hex, status, cause, comments FROM alerts ORDER BY created_at"
    )
    for row in rows:
        alert_id = row[0]
        seen.add(alert_id)
        expected = r.alerts.get(alert_id)
        if expected is None:
            yield Finding("unrecorded", None, f"alert {alert_id} is not in the audit trail (added behind the app)")
            continue
        actual = dict(zip(ALERT_FIELDS, row[1:10], strict=True))
        actual.update(status=row[10], cause=row[11], comments=len(json.loads(row[12] or "[]")))
        differ = [k for k in (*ALERT_FIELDS, "status", "cause", "comments")
                  if k in expected and expected[k] != actual[k]]
        if differ:
            yield Finding("altered", expected["seq"],
                          f"alert {alert_id} was changed behind the app: {', '.join(differ)} differ from audit "
                          f"entry {expected['seq']} and its follow-ups")
    for alert_id, expected in r.alerts.items():
        if alert_id not in seen and alert_id not in r.purged:
            yield Finding("deleted", expected["seq"],
                          f"alert {alert_id} (audit entry {expected['seq']}) was deleted without a purge")


def _check_dispenses(conn: sqlite3.Connection, r: _Replay) -> Iterator[Finding]:
    columns = ", ".join(_DISPENSE_COLUMNS.get(k, k) for k in DISPENSE_FIELDS)
    seen: set[str] = set()
    rows = conn.execute(
        f"SELECT id, {columns}, status, undo_requested_at FROM dispense ORDER BY created_at"  # noqa: S608
    )
    for row in rows:
        dispense_id = row[0]
        seen.add(dispense_id)
        expected = r.dispenses.get(dispense_id)
        if expected is None:
            yield Finding("unrecorded", None, f"dispense record {dispense_id} is not in the audit trail")
            continue
        actual = dict(zip(DISPENSE_FIELDS, row[1 : 1 + len(DISPENSE_FIELDS)], strict=True))
        status, undo_asked = row[1 + len(DISPENSE_FIELDS)], row[2 + len(DISPENSE_FIELDS)]
        differ = [k for k in DISPENSE_FIELDS if expected[k] != actual[k]]
        if (status in ("undo_queued", "undone") or undo_asked) and dispense_id not in r.undone:
            differ.append("status (an undo no entry asked for)")
        if status == "confirmed" and not r.legacy_replay and expected["client_trx_id"] not in r.answers:
            differ.append("status (confirmed without the hub's answer on record)")
        if differ:
            yield Finding("altered", expected["seq"],
                          f"dispense record {dispense_id} was changed behind the app: {', '.join(differ)} "
                          f"differ from audit entry {expected['seq']}")
    for dispense_id, expected in r.dispenses.items():
        if dispense_id not in seen:
            yield Finding("deleted", expected["seq"],
                          f"dispense record {dispense_id} (audit entry {expected['seq']}) was deleted")


def _check_outbox(conn: sqlite3.Connection, r: _Replay) -> Iterator[Finding]:
    seen: set[str] = set()
    for trx, state, outcome in conn.execute("SELECT client_trx_id, state, outcome FROM outbox ORDER BY seq"):
        seen.add(trx)
        seq = r.requests.get(trx)
        if seq is None:
            yield Finding("unrecorded", None, f"outbox request {trx} is not in the audit trail (queued behind the app)")
            continue
        if state == "done" and trx in r.answers and r.answers[trx] != outcome:
            yield Finding("altered", seq, f"outbox request {trx}: its outcome {outcome} is not the recorded "
                                          f"{r.answers[trx]}")
        elif state == "done" and trx not in r.answers and not r.legacy_replay:
            yield Finding("altered", seq, f"outbox request {trx} is marked answered ({outcome}) but no answer "
                                          "is on record")
    for trx, seq in r.requests.items():
        if trx not in seen:
            yield Finding("deleted", seq, f"outbox request {trx} (audit entry {seq}) was deleted")
