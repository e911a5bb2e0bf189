"""PDF alert report and one-page alert dossiers (fpdf2, an embedded Unicode TrueType font).

*Report* (A4 landscape): page 1 is the summary (filter, period, counts by return code, cause and
status), then one table row per alert, the header row repeated on every page. The alerts are read
once, streamed: the summary page is reserved first and drawn at the end, when the counts are known.

*Dossier* (A4 portrait): one page per alert with every field of the record, grouped for an
investigator (alert, transaction, station, scan with its time, a one-line summary of a wedge scan's
key timings and the raw bytes decoded and GS/RS/EOT shown as ``<GS>``/``<RS>``/``<EOT>``, pack,
dispensing, follow-up with every comment). A value too long for one page is shortened, marked
``…[+N characters]``, and the page says so; the JSON Lines export keeps the full text.

Text handling: characters the embedded font cannot show, control characters and invisible
formatting characters (bidi marks, zero-width characters) are written visibly as ``<U+XXXX>`` or
their ASCII names; nothing a user typed or scanned can crash the rendering. Right-to-left scripts
are shown in logical order (no bidi reordering: fpdf2 needs uharfbuzz for shaping).

fpdf2 keeps the whole document in memory until it is written, so a report is capped at
:data:`MAX_PDF_ROWS` alerts (CSV and JSON Lines have no cap).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dispense_app import __version__
from dispense_app.core.alerts import ALERT_FIELDS, AlertCause, AlertRecord, AlertStatus
from dispense_app.export.base import (
    PROGRESS_EVERY,
    CancelCheck,
    ExportCancelled,
    ExportError,
    ExportSummary,
    ProgressCallback,
    Ticker,
    atomic_output,
)
from dispense_app.export.fonts import FontChoice, find_font
from scanner.key_log import summary as key_summary

MAX_PDF_ROWS = 50_000
"""Most alerts in one PDF report (memory: fpdf2 builds the document in memory)."""

_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
)

LABELS: dict[str, str] = {
    "alert_id": "Alert id",
    "created_at": "Time (UTC)",
    "source": "Source",
    "return_code": "Hub return code",
    "alert_class": "Hub alert class",
    "reason": "Reason shown",
    "request": "Request type",
    "client_trx_id": "Client transaction id",
    "hub_trx_id": "Hub transaction id",
    "operator": "User",
    "station": "Workstation",
    "location": "Location",
    "raw_hex": "Raw scan (hex)",
    "aim_id": "AIM symbology id",
    "entry_mode": "Entry mode",
    "scheme": "Code scheme",
    "gtin": "GTIN",
    "ppn": "PPN",
    "pzn": "PZN",
    "serial": "Serial number",
    "lot": "Batch",
    "expiry": "Expiry",
    "nhrn": "NHRN",
    "state": "Pack state (hub)",
    "app_version": "App version",
    "scanner_profile": "Scanner profile",
    "dispense_id": "Dispense record",
    "patient_ref": "Patient reference",
    "supplied_anyway": "Supplied anyway",
    "supplied_anyway_reason": "Why supplied anyway",
    "supplied_anyway_by": "Supplied anyway by",
    "status": "Follow-up status",
    "cause": "Cause",
    "comments": "Comments",
    "scanned_at": "Scanned at (UTC)",
    "scan_keys": "Key timings",
}
"""Dossier label of each AlertRecord field (a field missing here is shown under its own name)."""

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Alert", ("alert_id", "created_at", "source", "return_code", "alert_class", "reason", "request", "state")),
    ("Transaction", ("client_trx_id", "hub_trx_id")),
    ("Station", ("operator", "station", "location", "app_version", "scanner_profile")),
    ("Scan", ("entry_mode", "scanned_at", "scan_keys", "aim_id", "scheme", "raw_hex")),
    ("Pack", ("gtin", "ppn", "pzn", "serial", "lot", "expiry", "nhrn")),
    ("Dispensing", ("dispense_id", "patient_ref", "supplied_anyway", "supplied_anyway_reason", "supplied_anyway_by")),
    ("Follow-up", ("status", "cause", "comments")),
)


class PdfText:
    """Makes any string safe and visible in the chosen font."""

    def __init__(self, font: FontChoice) -> None:
        self._points = font.codepoints

    def __call__(self, text: str, *, newlines: bool = False) -> str:
        if text.isascii() and text.isprintable():
            return text
        out: list[str] = []
        points = self._points
        for ch in text:
            o = ord(ch)
            if ch == "\n" and newlines:
                out.append(ch)
            elif o < 0x20:
                out.append(f"<{_C0_NAMES[o]}>")
            elif o == 0x7F:
                out.append("<DEL>")
            elif 0xD800 <= o <= 0xDFFF or o not in points or unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn"):
                out.append(f"<U+{o:04X}>")
            else:
                out.append(ch)
        return "".join(out)


def raw_as_text(raw_hex: str) -> str:
    """The scanned bytes as text: printable ASCII as is, control bytes as <GS>, others as <xHH>."""
    try:
        raw = bytes.fromhex(raw_hex)
    except ValueError:
        return "(not valid hex)"
    out = []
    for b in raw:
        if 0x20 <= b < 0x7F:
            out.append(chr(b))
        elif b < 0x20:
            out.append(f"<{_C0_NAMES[b]}>")
        else:
            out.append(f"<x{b:02X}>")
    return "".join(out)


_PLAIN_HEX = re.compile(r"^(?:[0-9A-Fa-f]{2})+$")


def _value_text(name: str, value: Any) -> str:
    if value is None:
        return "—"
    if name in ("created_at", "scanned_at"):
        return f"{value:%Y-%m-%d %H:%M:%S} UTC ({value.isoformat()})"
    if name == "scan_keys":
        return f"{key_summary(value)} (every key: JSON Lines export)" if value else "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "raw_hex" and isinstance(value, str) and _PLAIN_HEX.match(value):
        return " ".join(value[i : i + 2] for i in range(0, len(value), 2))  # byte by byte
    if name == "nhrn":
        return ", ".join(f"{k}: {v}" for k, v in value.items()) if value else "—"
    if name == "comments":
        if not value:
            return "—"
        return "\n".join(f"{c.get('at', '')} {c.get('by', '')}: {c.get('text', '')}".strip() for c in value)
    text = str(value)
    return text if text else "(empty)"


RAW_SCAN_MIN_CAP = 600
"""The raw scan is what investigators need most: it is shortened only beyond this many characters."""


def _shorten(text: str, cap: int | None, *, raw: bool = False) -> tuple[str, bool]:
    if cap is not None and raw:
        cap = max(cap, RAW_SCAN_MIN_CAP)
    if cap is None or len(text) <= cap:
        return text, False
    return f"{text[:cap]}…[+{len(text) - cap} characters]", True


@dataclass
class ReportCounts:
    rows: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    by_return_code: Counter[str] = field(default_factory=Counter)
    by_cause: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)

    def add(self, rec: AlertRecord) -> None:
        self.rows += 1
        if self.first is None or rec.created_at < self.first:
            self.first = rec.created_at
        if self.last is None or rec.created_at > self.last:
            self.last = rec.created_at
        code = rec.return_code or "(local rule, no hub code)"
        self.by_return_code[f"{code}  {rec.alert_class or ''}".rstrip()] += 1
        self.by_cause[rec.cause.value if rec.cause else "(not closed yet)"] += 1
        self.by_status[rec.status.value] += 1


def _new_pdf(font: FontChoice, orientation: str, title: str) -> Any:
    from fpdf import FPDF

    pdf: Any = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_creator(f"dispense-app {__version__}")
    pdf.set_author("dispense-app")
    pdf.set_margins(10, 12, 10)
    if font.regular is not None:
        pdf.add_font("Body", "", str(font.regular))
        pdf.add_font("Body", "B", str(font.bold or font.regular))
        pdf.body_font = "Body"
    else:
        pdf.body_font = "Helvetica"
        pdf.core_fonts_encoding = "cp1252"
    pdf.alias_nb_pages()
    return pdf


class _ReportPdf:
    """The table pages of a report, drawn row by row."""

    COLUMNS: tuple[tuple[str, str, float], ...] = (
        ("created_at", "Time (UTC)", 28),
        ("alert_id", "Alert id", 32),
        ("return_code", "Return code", 28),
        ("alert_class", "Class", 9),
        ("request", "Request", 17),
        ("product", "GTIN / PPN", 27),
        ("serial", "Serial", 30),
        ("lot", "Batch", 18),
        ("expiry", "Expiry", 17),
        ("entry_mode", "Entry", 12),
        ("status", "Status", 19),
        ("cause", "Cause", 22),
        ("operator", "User", 18),
    )
    ROW_H = 4.6
    FONT_SIZE = 7.0
    ROWS_PER_PAGE = 36
    """Fixed, so the page count is known in advance: 1 + ceil(alerts / 36) (at least 2 pages)."""

    def __init__(self, pdf: Any, text: PdfText, title: str, subtitle: str, generated: str) -> None:
        self.pdf = pdf
        self.text = text
        self.title = title
        self.subtitle = subtitle
        self.generated = generated
        self.on_page = 0
        # the widest glyph is about 1 em: a text of at most this many characters always fits
        em = self.FONT_SIZE * 25.4 / 72
        self._safe_chars = {key: int((w - 1.2) / em) for key, _, w in self.COLUMNS}

    def header(self) -> None:
        pdf = self.pdf
        pdf.set_font(pdf.body_font, "B", 10)
        pdf.cell(0, 5, self.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.body_font, "", 7.5)
        pdf.cell(0, 4, self.subtitle, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font(pdf.body_font, "B", self.FONT_SIZE)
        pdf.set_fill_color(225, 225, 225)
        for _, head, w in self.COLUMNS:
            pdf.cell(w, self.ROW_H + 0.4, head, border="B", fill=True)
        pdf.ln(self.ROW_H + 0.4)
        pdf.set_font(pdf.body_font, "", self.FONT_SIZE)

    def footer(self) -> None:
        pdf = self.pdf
        pdf.set_y(-10)
        pdf.set_font(pdf.body_font, "", 6.5)
        pdf.cell(0, 4, f"{self.generated}  ·  page {pdf.page_no()} of {{nb}}", align="R")

    def fit(self, key: str, text: str, width: float) -> str:
        if len(text) <= self._safe_chars[key]:
            return text
        pdf = self.pdf
        limit = width - 1.2
        if pdf.get_string_width(text) <= limit:
            return text
        lo, hi = 0, len(text)
        while lo < hi:  # longest prefix that fits with the ellipsis
            mid = (lo + hi + 1) // 2
            if pdf.get_string_width(text[:mid] + "…") <= limit:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo] + "…"

    def row(self, rec: AlertRecord, shade: bool) -> None:
        pdf = self.pdf
        if self.on_page == self.ROWS_PER_PAGE:
            self.footer()
            pdf.add_page()
            self.header()
            self.on_page = 0
        self.on_page += 1
        values = {
            "created_at": f"{rec.created_at.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S}",
            "product": rec.gtin or rec.ppn or rec.pzn or "",
            "expiry": rec.expiry.isoformat() if rec.expiry else "",
            "status": rec.status.value,
            "cause": rec.cause.value if rec.cause else "",
        }
        if shade:
            pdf.set_fill_color(244, 244, 244)
        for key, _, w in self.COLUMNS:
            raw = values[key] if key in values else (getattr(rec, key) or "")
            text = self.fit(key, self.text(str(raw).replace("\n", " ")), w)
            pdf.cell(w, self.ROW_H, text, fill=shade)
        pdf.ln(self.ROW_H)


def _draw_summary(
    pdf: Any, counts: ReportCounts, title: str, filter_text: str, generated: str, pdf_text: PdfText
) -> None:
    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    pdf.set_font(pdf.body_font, "B", 14)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.body_font, "", 9)
    period = (
        f"{counts.first:%Y-%m-%d %H:%M} to {counts.last:%Y-%m-%d %H:%M} UTC"
        if counts.first and counts.last
        else "no alerts"
    )
    for label, value in (
        ("Filter", filter_text),
        ("Alerts", f"{counts.rows}"),
        ("Period", period),
        ("Generated", generated),
    ):
        pdf.set_font(pdf.body_font, "B", 9)
        pdf.cell(28, 5.5, label)
        pdf.set_font(pdf.body_font, "", 9)
        pdf.multi_cell(0, 5.5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    top = pdf.y
    status_order = [s.value for s in AlertStatus]
    cause_order = [c.value for c in AlertCause] + ["(not closed yet)"]
    blocks = (
        ("By return code", sorted(counts.by_return_code.items(), key=lambda kv: (-kv[1], kv[0])), 10, 95),
        ("By cause", [(c, counts.by_cause[c]) for c in cause_order if counts.by_cause[c]], 110, 80),
        ("By status", [(s, counts.by_status[s]) for s in status_order if counts.by_status[s]], 195, 80),
    )
    for heading, raw_items, x, width in blocks:
        items = [(pdf_text(label), n) for label, n in raw_items]
        shown = items[:24]
        if len(items) > 24:
            shown.append((f"{len(items) - 24} other values", sum(n for _, n in items[24:])))
        pdf.set_xy(x, top)
        pdf.set_font(pdf.body_font, "B", 10)
        pdf.cell(width, 6, heading, border="B")
        pdf.set_font(pdf.body_font, "", 9)
        for label, n in shown:
            pdf.set_xy(x, pdf.y + 6 if pdf.get_y() == top else pdf.y + 5)
            pdf.cell(width - 22, 5, label[:60])
            pdf.cell(22, 5, f"{n}", align="R")
        pdf.set_xy(x, pdf.y + 5)
        pdf.set_font(pdf.body_font, "B", 9)
        pdf.cell(width - 22, 5.5, "Total", border="T")
        pdf.cell(22, 5.5, f"{sum(n for _, n in items)}", border="T", align="R")
    pdf.set_y(-10)
    pdf.set_font(pdf.body_font, "", 6.5)
    pdf.cell(0, 4, f"{generated}  ·  page 1 of {{nb}}", align="R")


def write_pdf_report(
    records: Iterable[AlertRecord],
    path: str | os.PathLike[str],
    *,
    filter_text: str = "all alerts",
    title: str = "Alert log",
    station: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    max_rows: int = MAX_PDF_ROWS,
    font: FontChoice | None = None,
) -> ExportSummary:
    """Summary page, then one row per alert (see the module docstring)."""
    font = font or find_font()
    text = PdfText(font)
    ticker = Ticker(progress, cancel)
    ticker.start()
    now = dt.datetime.now(dt.UTC)
    generated = text(f"dispense-app {__version__}  ·  {station or 'station'}  ·  generated {now:%Y-%m-%d %H:%M} UTC")
    full_title = text(f"{title} — {station}" if station else title)
    pdf = _new_pdf(font, "L", full_title)
    pdf.set_auto_page_break(False)
    counts = ReportCounts()
    filt = text(filter_text)
    pdf.add_page()  # page 1: the summary, drawn by fpdf2 at output time when the counts are known
    pdf.insert_toc_placeholder(lambda p, _outline: _draw_summary(p, counts, full_title, filt, generated, text), pages=1)
    table = _ReportPdf(pdf, text, full_title, f"Filter: {filt}", generated)
    table.header()
    pending = 0
    for rec in records:
        if counts.rows >= max_rows:
            raise ExportError(
                f"more than {max_rows} alerts for one PDF report: narrow the filter (--since/--until) "
                "or export CSV / JSON Lines"
            )
        counts.add(rec)
        table.row(rec, shade=counts.rows % 2 == 0)
        pending += 1
        if pending == PROGRESS_EVERY // 4:
            ticker.tick(pending)
            pending = 0
    if counts.rows == 0:
        pdf.set_font(pdf.body_font, "", 9)
        pdf.cell(0, 8, "No alerts match the filter.")
    table.footer()
    if cancel is not None and cancel():
        raise ExportCancelled(ticker.rows + pending)
    data = bytes(pdf.output())
    with atomic_output(path) as (sink, target):
        sink.write(data)
    if pending:
        ticker.tick(pending)
    ticker.finish()
    return ExportSummary(path=target, format="pdf", rows=counts.rows, sha256=sink.hexdigest(), bytes=sink.size)


# ---------------------------------------------------------------------------------------------- dossier


class _Dossier:
    LABEL_W = 46.0
    LINE_H = 4.3
    FONT_SIZE = 8.5
    CAPS: tuple[int, ...] = (3000, 1500, 600, 250, 100, 50)  # a longer value never fits one page

    def __init__(self, pdf: Any, text: PdfText, generated: str,
                 signals: Mapping[str, list[str]] | None = None) -> None:
        self.pdf = pdf
        self.text = text
        self.generated = generated
        self.signals = signals or {}

    def _items(self, rec: AlertRecord) -> list[tuple[str | None, str, str]]:
        """(group heading or None, label, value) in page order; every field exactly once."""
        values: Mapping[str, Any] = {name: getattr(rec, name) for name in ALERT_FIELDS}
        items: list[tuple[str | None, str, str]] = []
        placed: set[str] = set()
        for heading, names in GROUPS:
            first = True
            for name in names:
                if name not in values:
                    continue
                placed.add(name)
                items.append((heading if first else None, LABELS.get(name, name), _value_text(name, values[name])))
                first = False
                if name == "raw_hex":
                    items.append((None, "Raw scan (decoded)", raw_as_text(rec.raw_hex)))
        rest = [n for n in ALERT_FIELDS if n not in placed]  # fields added to AlertRecord later
        for i, name in enumerate(rest):
            items.append(("Other" if i == 0 else None, LABELS.get(name, name), _value_text(name, values[name])))
        for i, finding in enumerate(self.signals.get(rec.alert_id, ())):  # counterfeit signals it is evidence of
            items.append(("Signals (informational)" if i == 0 else None, "Signal", finding))
        return items

    def _height(self, items: list[tuple[str | None, str, str]], cap: int) -> float:
        """A slightly pessimistic estimate of the page height the items need (fpdf2's own dry run is
        far too slow for 10 KB values): each line's width over the column width, 12 % for word wrap."""
        pdf = self.pdf
        pdf.set_font(pdf.body_font, "", self.FONT_SIZE)
        width = pdf.epw - self.LABEL_W - 2
        lines = 0
        total = 0.0
        for heading, label, value in items:
            if heading:
                total += 7.0
            shown, _ = _shorten(value, cap, raw=label.startswith("Raw scan"))
            for line in self.text(shown, newlines=True).split("\n"):
                lines += max(1, math.ceil(pdf.get_string_width(line) * 1.12 / width))
        return total + lines * self.LINE_H

    def page(self, rec: AlertRecord) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font(pdf.body_font, "B", 13)
        pdf.multi_cell(0, 7, self.text(f"Alert dossier  {rec.alert_id}")[:200], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.body_font, "", 8)
        pdf.cell(0, 4.5, "For the national medicines verification organisation. All times UTC.",
                 new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        items = self._items(rec)
        available = pdf.h - 16 - pdf.y - 8
        cap = self.CAPS[-1]
        for candidate in self.CAPS:
            if self._height(items, candidate) <= available:
                cap = candidate
                break
        shortened = False
        value_w = pdf.epw - self.LABEL_W
        for heading, label, value in items:
            if heading:
                pdf.ln(1.5)
                pdf.set_font(pdf.body_font, "B", 9.5)
                pdf.cell(0, 5.5, heading, border="B", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(pdf.body_font, "B", self.FONT_SIZE)
            pdf.cell(self.LABEL_W, self.LINE_H, label)
            pdf.set_font(pdf.body_font, "", self.FONT_SIZE)
            shown, cut = _shorten(value, cap, raw=label.startswith("Raw scan"))
            shortened |= cut
            pdf.multi_cell(value_w, self.LINE_H, self.text(shown, newlines=True), new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-14)
        pdf.set_font(pdf.body_font, "", 6.5)
        if shortened:
            pdf.cell(0, 3.5, "Values marked …[+N characters] are shortened to keep this dossier on one page; "
                     "the JSON Lines export holds them in full.", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3.5)
        pdf.cell(0, 3.5, f"{self.generated}  ·  page {pdf.page_no()} of {{nb}}", align="R")


def write_pdf_dossiers(
    records: Iterable[AlertRecord],
    path: str | os.PathLike[str],
    *,
    station: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    max_rows: int = MAX_PDF_ROWS,
    font: FontChoice | None = None,
    signals: Mapping[str, list[str]] | None = None,
) -> ExportSummary:
    """One A4 page per alert with every field (see the module docstring); ``signals``: per alert id,
    the counterfeit and diversion signals it is evidence of (one line each), in their own group."""
    font = font or find_font()
    text = PdfText(font)
    ticker = Ticker(progress, cancel)
    ticker.start()
    now = dt.datetime.now(dt.UTC)
    generated = text(f"dispense-app {__version__}  ·  {station or 'station'}  ·  generated {now:%Y-%m-%d %H:%M} UTC")
    pdf = _new_pdf(font, "P", "Alert dossier")
    pdf.set_auto_page_break(False)
    dossier = _Dossier(pdf, text, generated, signals)
    rows = 0
    for rec in records:
        if rows >= max_rows:
            raise ExportError(f"more than {max_rows} dossiers in one PDF: narrow the filter")
        dossier.page(rec)
        rows += 1
        if rows % 100 == 0:
            ticker.tick(100)
    if rows == 0:
        raise ExportError("no alert matches: there is nothing to put in a dossier")
    data = bytes(pdf.output())
    with atomic_output(path) as (sink, target):
        sink.write(data)
    ticker.tick(rows - ticker.rows)
    ticker.finish()
    return ExportSummary(path=target, format="pdf", rows=rows, sha256=sink.hexdigest(), bytes=sink.size)
