"""One alert as a support engineer reads it: labelled fields in the window's language, times to the
minute in local time, words instead of field names (``entry_mode: manual`` becomes "Entry: typed by
hand"). Every field of the record is there; :func:`alert_text` keeps the plain ``name: value`` dump
for *Copy all fields* (what a support ticket or an investigator's script wants).
"""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtCore import QCoreApplication

from dispense_app.core.alerts import ALERT_FIELDS, AlertRecord
from scanner.key_log import summary as key_summary

translate = QCoreApplication.translate  # context "AlertDetail", written out so lupdate finds the texts


def minute(moment: dt.datetime | None) -> str:
    """A moment in local time, to the minute (no microseconds, no offset noise)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _joined(*values: str | None, sep: str = " · ") -> str:
    return sep.join(v for v in values if v)


def _entry_word(entry_mode: str) -> str:
    words = {
        "scan": translate("AlertDetail", "scanned"),
        "manual": translate("AlertDetail", "typed by hand"),
        "camera": translate("AlertDetail", "camera"),
    }
    return words.get(entry_mode, entry_mode)


def _product(rec: AlertRecord, name: str | None) -> str:
    codes = [f"GTIN {rec.gtin}" if rec.gtin else "", f"PPN {rec.ppn}" if rec.ppn else "",
             f"PZN {rec.pzn}" if rec.pzn else ""]
    code = " · ".join(c for c in codes if c)
    return f"{name} ({code})" if name and code else (name or code)


def detail_rows(rec: AlertRecord, status: str, product_name: str | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs, most useful first; empty values are left out. ``status``: the status
    (and cause) in words, as the alerts view says them."""
    hub = _joined(rec.return_code, rec.alert_class, rec.state)
    rows: list[tuple[str, str | None]] = [
        (translate("AlertDetail", "What happened"), rec.reason),
        (translate("AlertDetail", "Status"), status),
        (translate("AlertDetail", "When"), minute(rec.created_at)),
        (translate("AlertDetail", "Scanned"), minute(rec.scanned_at)),
        (translate("AlertDetail", "Product"), _product(rec, product_name)),
        (translate("AlertDetail", "Serial"), rec.serial),
        (translate("AlertDetail", "Batch"), rec.lot),
        (translate("AlertDetail", "Expiry"), rec.expiry.isoformat() if rec.expiry else ""),
        (translate("AlertDetail", "National numbers"), ", ".join(f"{k} {v}" for k, v in sorted(rec.nhrn.items()))),
        (translate("AlertDetail", "Hub answer"), hub),
        (translate("AlertDetail", "Action"), rec.request),
        (translate("AlertDetail", "Entry"), _entry_word(rec.entry_mode)),
        (translate("AlertDetail", "Scanner profile"), rec.scanner_profile),
        (translate("AlertDetail", "Key timings"), key_summary(rec.scan_keys) if rec.scan_keys else ""),
        (translate("AlertDetail", "Code read (hex)"), rec.raw_hex),
        (translate("AlertDetail", "Symbology"), _joined(rec.aim_id, rec.scheme, sep=" ")),
        (translate("AlertDetail", "Patient"), rec.patient_ref),
        (translate("AlertDetail", "Supplied anyway"),
         f"{rec.supplied_anyway_reason or ''} ({rec.supplied_anyway_by or ''})" if rec.supplied_anyway else ""),
        (translate("AlertDetail", "Operator"), rec.operator),
        (translate("AlertDetail", "Station"), _joined(rec.station, rec.location)),
        (translate("AlertDetail", "Dispense record"), rec.dispense_id),
        (translate("AlertDetail", "Transaction ids"), _joined(rec.client_trx_id, rec.hub_trx_id)),
        (translate("AlertDetail", "Alert id"), rec.alert_id),
        (translate("AlertDetail", "App version"), rec.app_version),
    ]
    shown: list[tuple[str, str]] = [(label, value) for label, value in rows if value]
    for comment in rec.comments:
        at = comment.get("at", "")
        with contextlib.suppress(ValueError):  # an old comment's time as it was written
            at = minute(dt.datetime.fromisoformat(at))
        shown.append((translate("AlertDetail", "Comment"), f"{at} {comment.get('by', '')}: {comment.get('text', '')}"))
    return shown


def detail_text(rec: AlertRecord, status: str, product_name: str | None = None) -> str:
    """The detail pane's text: one labelled field per line."""
    return "\n".join(f"{label}: {value}" for label, value in detail_rows(rec, status, product_name))


def alert_text(rec: AlertRecord) -> str:
    """Every field of an alert by its record name, one per line (*Copy all fields*, for support)."""
    data = rec.to_json()
    lines = []
    for name in ALERT_FIELDS:
        value = data.get(name)
        if name == "comments":
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in sorted(value.items())) or "—"
        elif name == "scan_keys" and value:
            value = f"{key_summary(value)}: " + " ".join(f"{ms}:{key}" for ms, key in value)
        lines.append(f"{name}: {'—' if value in (None, '') else value}")
    comments = data.get("comments") or []
    lines.append(f"comments: {len(comments)}")
    lines += [f"  {c.get('at', '')} {c.get('by', '')}: {c.get('text', '')}" for c in comments]
    return "\n".join(lines)
