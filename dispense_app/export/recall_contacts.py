"""The recall contact list: who received an affected pack, and what to tell them (CSV and PDF).

CSV: UTF-8 with BOM (spreadsheets open it with the right characters), every cell through
:func:`~dispense_app.export.cells.safe_cell`, so a patient reference or note that starts with ``=``
cannot run as a formula. PDF: A4 landscape with the app's embedded Unicode font
(:mod:`dispense_app.export.pdf_report`). Both written atomically (:func:`atomic_output`).

The station keeps patient references; the ``name`` column comes from the station's patient list
(``<home>/patients.csv``, :mod:`dispense_app.station.patients`: name and birth date) where it names
the patient. ``contact`` stays empty: no telephone numbers are kept, the pharmacist looks them up in the
pharmacy's own patient records.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dispense_app import __version__
from dispense_app.core.recall import RecallNotice, advice
from dispense_app.export.base import ExportSummary, atomic_output
from dispense_app.export.cells import safe_cell
from dispense_app.export.fonts import find_font
from dispense_app.export.pdf_report import PdfText, _new_pdf

if TYPE_CHECKING:
    from dispense_app.station.recalls import ContactLine

CSV_COLUMNS = (
    "patient", "name", "contact", "gtin", "serial", "lot", "expiry", "dispensed_at", "status", "prescription",
    "counter", "operator", "dispense_id", "notice_id", "tell_them", "contacted_at", "contacted_by", "note",
)


def _values(notice: RecallNotice, line: ContactLine) -> list[str]:
    p, c = line.pack, line.contact
    values = [
        p.patient, line.name, None, p.gtin, p.serial, p.lot, p.expiry, p.dispensed_at, p.status, p.prescription,
        p.counter, p.operator, p.dispense_id, notice.notice_id, advice(notice.reason),
        c.contacted_at if c else None, c.contacted_by if c else None, c.note if c else None,
    ]
    return ["" if v is None else str(v) for v in values]


def write_contacts_csv(
    notice: RecallNotice, lines: Sequence[ContactLine], path: str | os.PathLike[str]
) -> ExportSummary:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow([safe_cell(v) for v in _values(notice, line)])
    data = ("\ufeff" + buf.getvalue()).encode("utf-8")
    with atomic_output(path) as (sink, target):
        sink.write(data)
    return ExportSummary(path=target, format="csv", rows=len(lines), sha256=sink.hexdigest(), bytes=sink.size)


_PDF_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("patient", "Patient", 60),
    ("serial", "Pack serial", 36),
    ("lot", "Batch", 20),
    ("dispensed_at", "Dispensed (UTC)", 28),
    ("status", "Status", 20),
    ("prescription", "Prescription", 30),
    ("counter", "Counter", 24),
    ("contacted", "Contacted", 59),
)


def write_contacts_pdf(
    notice: RecallNotice, lines: Sequence[ContactLine], path: str | os.PathLike[str], *, station: str | None = None
) -> ExportSummary:
    font = find_font()
    text = PdfText(font)
    pdf = _new_pdf(font, "L", "Recall contact list")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font(pdf.body_font, "B", 13)
    pdf.cell(0, 7, text(f"Recall contact list  {notice.notice_id}")[:150], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.body_font, "", 9)
    now = dt.datetime.now(dt.UTC)
    batches = "; ".join(f"{g} batch {lot}: {s.describe()}" for (g, lot), s in sorted(notice.batches.items()))
    for row in (
        f"Reason: {notice.reason or '-'}    Issued: {notice.issued or '-'}",
        f"Scope: {batches}",
        f"What to tell each patient: {advice(notice.reason)}",
        f"{len(lines)} pack(s) to follow up. dispense-app {__version__} · {station or 'station'} · "
        f"generated {now:%Y-%m-%d %H:%M} UTC",
    ):
        pdf.multi_cell(0, 4.8, text(row), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(pdf.body_font, "B", 8.5)
    pdf.set_fill_color(225, 225, 225)
    for _, head, w in _PDF_COLUMNS:
        pdf.cell(w, 6, head, border="B", fill=True)
    pdf.ln(6)
    pdf.set_font(pdf.body_font, "", 8.5)
    for line in lines:
        p, c = line.pack, line.contact
        cells = {
            "patient": line.name or p.patient or "(no reference)", "serial": p.serial, "lot": p.lot or "",
            "dispensed_at": (p.dispensed_at or "")[:16].replace("T", " "), "status": p.status,
            "prescription": p.prescription or "", "counter": p.counter or "",
            "contacted": (f"{c.contacted_at[:16].replace('T', ' ')} {c.contacted_by or ''}: {c.note}"
                          if c else "not yet"),
        }
        for key, _, w in _PDF_COLUMNS:
            value = text(cells[key])
            while value and pdf.get_string_width(value) > w - 1.5:
                value = value[:-2] + "…"
            pdf.cell(w, 6, value, border="B")
        pdf.ln(6)
    data = bytes(pdf.output())
    with atomic_output(path) as (sink, target):
        sink.write(data)
    return ExportSummary(path=target, format="pdf", rows=len(lines), sha256=sink.hexdigest(), bytes=sink.size)
