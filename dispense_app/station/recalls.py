"""Serialized recall for the command line and the Recalls view: import a notice, trace it, list the
patients to contact, mark them contacted, export the contact list (audited). Plain Python, no Qt.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dispense_app.core.recall import (
    NoticeError,
    RecallNotice,
    RecallScope,
    TracedPack,
    TraceResult,
    content_hash,
    parse_notice,
    product_codes,
    product_gtin,
    trace_status,
)
from dispense_app.errors import InputError

if TYPE_CHECKING:
    from dispense_app.export.base import ExportSummary
    from dispense_app.store import Station
    from dispense_app.store.recall_notices import Contact

MAX_NOTICE_BYTES = 20 * 1024 * 1024


class NoticeFileError(InputError):
    """A notice file that cannot be imported (nothing was imported)."""


def read_notice_file(path: str | os.PathLike[str]) -> list[RecallNotice]:
    """The notices in a CSV file (UTF-8 with or without BOM; comma, semicolon or tab)."""
    p = Path(path)
    if not p.is_file():
        raise NoticeFileError(f"no such file: {p}")
    data = p.read_bytes()
    if len(data) > MAX_NOTICE_BYTES:
        raise NoticeFileError(f"{p.name}: larger than {MAX_NOTICE_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NoticeFileError(f"{p.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if reader.fieldnames is None:
        raise NoticeFileError(f"{p.name}: the file is empty")
    names = [(n or "").strip().lower() for n in reader.fieldnames]
    if "lot" not in names or not ({"gtin", "pzn"} & set(names)):
        raise NoticeFileError(f"{p.name}: needs the columns gtin (or pzn) and lot; found {', '.join(names)}")
    rows = (
        (i + 2, {names[j]: (v or "") for j, v in enumerate(r.values()) if j < len(names) and isinstance(v, str)})
        for i, r in enumerate(reader)
    )
    try:
        return parse_notice(rows, p.name, content_hash(data))
    except NoticeError as exc:
        raise NoticeFileError(str(exc)) from None


def trace(station: Station, notice: RecallNotice) -> TraceResult:
    """Every pack of the notice's batches this station (or site) has seen that the notice covers, with
    its latest supply; and how many packs of those batches it does not cover."""
    packs: list[TracedPack] = []
    not_affected = 0
    for (gtin, lot), scope in sorted(notice.batches.items()):
        found, spared = _trace_batch(station, gtin, lot, scope, notice.notice_id)
        packs.extend(found)
        not_affected += spared
    return TraceResult(packs, not_affected)


def _trace_batch(
    station: Station, gtin: str, lot: str, scope: RecallScope, notice_id: str | None
) -> tuple[list[TracedPack], int]:
    latest: dict[str, TracedPack] = {}
    seen: dict[str, str | None] = {}
    for code in product_codes(gtin):
        for rec in station.recall_notices.supplies(code, lot):  # oldest first: the last one wins
            serial = rec["serial"]
            seen[serial] = rec["expiry"]
            if not scope.covers(serial):
                continue
            latest[serial] = TracedPack(
                gtin, serial, lot, rec["expiry"], trace_status(rec["status"], bool(rec["anyway"])),
                dispensed_at=rec["created_at"], patient=rec["patient_ref"], prescription=rec["prescription_ref"],
                operator=rec["operator"], counter=rec["station"], dispense_id=rec["id"], notice_id=notice_id,
            )
        for serial, expiry in station.recall_notices.seen(code, lot):
            seen.setdefault(serial, expiry)
            if serial not in latest and scope.covers(serial):
                latest[serial] = TracedPack(gtin, serial, lot, expiry, "checked", notice_id=notice_id)
    spared = sum(1 for s in seen if not scope.covers(s))
    return sorted(latest.values(), key=lambda p: (p.status != "dispensed", p.dispensed_at or "", p.serial)), spared


def adhoc_notice(station: Station, gtin: str | None, pzn: str | None, lot: str | None,
                 serials: Iterable[str]) -> RecallNotice:
    """A notice for ``recalls trace`` (not stored): a product, a batch (else every batch seen) and
    optionally serials."""
    g = product_gtin(gtin, pzn)
    if g is None:
        raise NoticeFileError(f"not a valid {'GTIN' if gtin else 'PZN'}: {gtin or pzn!r}")
    scope = RecallScope(frozenset(serials))
    lots = [lot] if lot else sorted({x for c in product_codes(g) for x in station.recall_notices.lots(c)})
    return RecallNotice("", None, None, {(g, x): scope for x in lots})


def stored_notice(station: Station, notice_id: str) -> RecallNotice:
    row = station.recall_notices.notice(notice_id)
    if row is None:
        raise NoticeFileError(f"no recall notice {notice_id!r} on this station")
    return RecallNotice(row.notice_id, row.reason, row.issued, {(g, lot): s for g, lot, s in row.batches})


@dataclass(frozen=True, slots=True)
class ContactLine:
    """One line of the contact list: a patient who received an affected pack."""

    pack: TracedPack
    contact: Contact | None
    name: str | None = None  # from the station's patient list (station.patients), where it has one


def contact_lines(station: Station, notice: RecallNotice) -> list[ContactLine]:
    """The dispensed (or queued) affected packs with a patient, with their contact notes."""
    from dispense_app.station.patients import PATIENTS_FILE, read_patients

    contacts = station.recall_notices.contacts(notice.notice_id) if notice.notice_id else {}
    patients = read_patients(station.path.parent / PATIENTS_FILE)
    lines = []
    for p in trace(station, notice).packs:
        if p.status in ("dispensed", "queued"):
            known = patients.get(p.patient or "")
            lines.append(ContactLine(p, contacts.get(p.dispense_id or ""), known.label if known else None))
    return lines


def export_contacts(
    station: Station, notice: RecallNotice, fmt: str, path: str | os.PathLike[str], *, actor: str | None
) -> ExportSummary:
    """Write the contact list as CSV or PDF and audit it (``export``, what: recall-contacts)."""
    from dispense_app.export.recall_contacts import write_contacts_csv, write_contacts_pdf

    lines = contact_lines(station, notice)
    if fmt == "csv":
        summary = write_contacts_csv(notice, lines, path)
    elif fmt == "pdf":
        summary = write_contacts_pdf(notice, lines, path, station=station.station_id)
    else:
        raise NoticeFileError("the contact list is written as csv or pdf")
    station.audit.append(
        "export", actor, {**summary.to_json(), "format": fmt, "what": "recall-contacts", "notice_id": notice.notice_id}
    )
    return summary
