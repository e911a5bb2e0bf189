"""A pre-filled FDA Form 3911 draft ("Drug Notification", DSCSA illegitimate product) for one
quarantine record, as a PDF (fpdf2, like the alert reports; the same embedded Unicode font).

Form 3911 itself is filed through the FDA's online portal; this draft gathers everything the form
asks for that the app knows (reporter, notification type, product with NDC, lot, serial, expiry,
the trading partner, dates, what the manufacturer's VRS answered and the investigation so far), so
the pharmacist can copy it in within the 24 hours. Fields the app cannot know are marked
"(fill in)". The trading-partner notice (:func:`dispense_app.core.quarantine.notification_text`) is
printed on the second page.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from dispense_app import __version__
from dispense_app.core.quarantine import REPORT_WITHIN, QuarantineRecord, notification_text
from dispense_app.export.base import atomic_output
from dispense_app.export.fonts import find_font
from dispense_app.export.pdf_report import PdfText

TITLE = "FDA Form 3911 - Drug Notification (DRAFT)"
FILL_IN = "(fill in)"


@dataclass(frozen=True, slots=True)
class Reporter:
    """Who reports: the pharmacy (the dispenser) and its contact."""

    name: str
    gln: str | None = None
    address: str | None = None
    contact: str | None = None  # name, phone, e-mail


def ndc_from_gtin(gtin: str) -> str | None:
    """The 10-digit NDC inside a US pharmaceutical GTIN-14 (``0`` ``03`` NDC10 check), else None."""
    if len(gtin) == 14 and gtin.isdigit() and gtin[1:3] == "03":
        return gtin[3:13]
    return None


def form_fields(rec: QuarantineRecord, reporter: Reporter) -> list[tuple[str, list[tuple[str, str]]]]:
    """The draft's sections and their (label, value) rows: what the PDF shows (and tests read)."""
    determined = rec.determined_at or rec.created_at

    def day(value: dt.datetime | None) -> str:
        return f"{value.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC" if value else FILL_IN

    return [
        (
            "1. Reporter",
            [
                ("Company / pharmacy", reporter.name or FILL_IN),
                ("GLN", reporter.gln or FILL_IN),
                ("Address", reporter.address or FILL_IN),
                ("Contact (name, phone, e-mail)", reporter.contact or FILL_IN),
                ("Type of trading partner", "Dispenser"),
            ],
        ),
        (
            "2. Notification",
            [
                ("Notification type", "Initial notification"),
                ("Classification", "Illegitimate product"),
                ("Date the company determined the product illegitimate", day(determined)),
                ("Notification due (24 hours)", day(determined + REPORT_WITHIN)),
                ("Reason", rec.reason),
            ],
        ),
        (
            "3. Product",
            [
                ("Product name", rec.product_name or FILL_IN),
                ("NDC", ndc_from_gtin(rec.gtin) or FILL_IN),
                ("GTIN (product identifier)", rec.gtin),
                ("Serial number", rec.serial),
                ("Lot number", rec.lot or FILL_IN),
                ("Expiration date", rec.expiry.isoformat() if rec.expiry else FILL_IN),
                ("Quantity on hand of this product", str(rec.on_hand) if rec.on_hand is not None else FILL_IN),
            ],
        ),
        (
            "4. Trading partner and evidence",
            [
                ("Received from (trading partner)", rec.trading_partner or FILL_IN),
                ("Manufacturer's VRS responder GLN", rec.responder_gln or "-"),
                ("VRS correlation id", rec.corr_uuid or "-"),
                ("Other packs verified", f"{rec.checks_done} (guidance: {rec.required})"),
                ("Quarantined since", day(rec.created_at)),
                ("Our reference", f"{rec.id}" + (f", alert {rec.alert_id}" if rec.alert_id else "")),
            ],
        ),
    ]


def write_form3911(path: str | os.PathLike[str], rec: QuarantineRecord, reporter: Reporter) -> None:
    """Write the draft atomically (two pages: the form fields, then the trading-partner notice)."""
    from fpdf import FPDF

    font = find_font()
    text = PdfText(font)
    pdf: Any = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(TITLE)
    pdf.set_creator(f"dispense-app {__version__}")
    pdf.set_author(reporter.name or "dispense-app")
    pdf.set_margins(15, 15, 15)
    family = "Helvetica"
    if font.regular is not None:
        pdf.add_font("Body", "", str(font.regular))
        pdf.add_font("Body", "B", str(font.bold or font.regular))
        family = "Body"
    else:
        pdf.core_fonts_encoding = "cp1252"
    pdf.add_page()
    pdf.set_font(family, "B", 15)
    pdf.cell(0, 9, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    pdf.multi_cell(
        0,
        5,
        "Pre-filled by dispense-app. File it through the FDA's online Form 3911 portal within 24 hours of the "
        "determination, then mark the quarantine record submitted.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for heading, rows in form_fields(rec, reporter):
        pdf.ln(3)
        pdf.set_font(family, "B", 11)
        pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        for label, value in rows:
            pdf.set_font(family, "B", 9)
            pdf.cell(70, 6, text(label))
            pdf.set_font(family, "", 9)
            pdf.multi_cell(0, 6, text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font(family, "B", 13)
    pdf.cell(0, 8, "Notification to trading partners", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    notice = notification_text(rec, pharmacy=reporter.name, contact=reporter.contact)
    pdf.multi_cell(0, 5, text(notice, newlines=True), new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    with atomic_output(path) as (sink, _target):
        sink.write(data)
