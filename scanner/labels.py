"""Printable DataMatrix labels (PDF): demo pack labels and the scanner test sheet.

Codes come from zxing-cpp's writer (zint inside): GS1 DataMatrix with FNC1 in first position for
GS1 element strings, plain ECC200 for IFA (ISO/IEC 15434 format 06) codes and the test sheet's
plain codes. Every code is checked right after encoding: the symbol's content must be the expected
payload byte for byte, or nothing is printed. Square symbols only (DMRE rectangles are not
ISO/IEC 16022 and many scanners refuse them).

The PDF (fpdf2, no Qt) draws each module as a filled rectangle, so the code stays sharp at any
printer resolution. Default module size 0.5 mm (an ordinary 300 dpi office printer gives ~6 dots
per module), with a quiet zone of two modules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from scanner.parsing.checks import ppn_from_pzn

GS = "\x1d"
RS = "\x1e"
EOT = "\x04"

LabelFormat = Literal["gs1", "ifa"]

A4_W, A4_H = 210.0, 297.0
MARGIN = 10.0
QUIET_MODULES = 2
MIN_MODULE_MM, MAX_MODULE_MM = 0.25, 2.0

_CSET82 = re.compile(r"""^[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]{1,20}$""")


class LabelError(ValueError):
    """A pack cannot be printed as asked (bad field, unknown format, code too big for the label)."""


@dataclass(frozen=True, slots=True)
class LabelPack:
    """What a label shows. ``pzn`` (8 digits) is the German NHRN; printed, and encoded as AI 710 in
    GS1 codes whose GTIN is not the NTIN of that PZN, or as the PPN in IFA codes."""

    gtin: str
    serial: str
    lot: str
    expiry: dt.date
    product_name: str | None = None
    strength: str | None = None
    form: str | None = None
    pack_size: str | None = None
    pzn: str | None = None
    extra_lines: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class LabelCode:
    """An encoded symbol: the exact payload a decoder must return, and its module matrix (True = dark)."""

    payload: bytes
    gs1: bool
    modules: npt.NDArray[np.bool_]

    @property
    def symbology(self) -> str:
        return "]d2" if self.gs1 else "]d1"

    @property
    def size(self) -> tuple[int, int]:
        rows, cols = self.modules.shape
        return rows, cols


# --------------------------------------------------------------------------- payloads


def _check_pack(pack: LabelPack) -> None:
    if not (len(pack.gtin) == 14 and pack.gtin.isascii() and pack.gtin.isdigit()):
        raise LabelError(f"gtin {pack.gtin!r} must be 14 digits")
    for name, value in (("serial", pack.serial), ("lot", pack.lot)):
        if not _CSET82.match(value):
            raise LabelError(f"{name} {value!r} must be 1-20 characters of GS1 set 82")
    if pack.pzn is not None and not (len(pack.pzn) == 8 and pack.pzn.isascii() and pack.pzn.isdigit()):
        raise LabelError(f"pzn {pack.pzn!r} must be 8 digits")


def _yymmdd(date: dt.date) -> str:
    return date.strftime("%y%m%d")


def _needs_710(pack: LabelPack) -> bool:
    return pack.pzn is not None and pack.gtin != "0" + "4150" + pack.pzn + pack.gtin[-1:]


def gs1_brackets(pack: LabelPack) -> str:
    """The pack's GS1 element string in zint's bracket notation (brackets are not in set 82, so a
    serial holding parentheses cannot be misread as an AI)."""
    _check_pack(pack)
    parts = [("01", pack.gtin), ("17", _yymmdd(pack.expiry)), ("10", pack.lot), ("21", pack.serial)]
    if _needs_710(pack):
        parts.append(("710", pack.pzn or ""))
    return "".join(f"[{ai}]{value}" for ai, value in parts)


def gs1_payload(pack: LabelPack) -> bytes:
    """What a decoder returns for the pack's GS1 code: fixed-length fields first, GS after variable ones."""
    _check_pack(pack)
    text = f"01{pack.gtin}17{_yymmdd(pack.expiry)}10{pack.lot}{GS}21{pack.serial}"
    if _needs_710(pack):
        text += f"{GS}710{pack.pzn}"
    return text.encode("ascii")


def ifa_payload(pack: LabelPack) -> bytes:
    """The pack's IFA code (securPharm): ``[)>RS06GS9N<PPN>GS1T<lot>GSD<YYMMDD>GSS<serial>RSEOT``."""
    _check_pack(pack)
    if pack.pzn is None:
        raise LabelError("an IFA code needs the PZN (pzn column, or a German NTIN as gtin)")
    fields = [f"9N{ppn_from_pzn(pack.pzn)}", f"1T{pack.lot}", f"D{_yymmdd(pack.expiry)}", f"S{pack.serial}"]
    return f"[)>{RS}06{GS}{GS.join(fields)}{RS}{EOT}".encode("ascii")


# --------------------------------------------------------------------------- encoding


def _create(text: str, *, gs1: bool) -> Any:
    import zxingcpp

    try:
        return zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.DataMatrix, gs1=gs1, forceSquare=True)
    except Exception as exc:  # zint's message says what is wrong with the data
        raise LabelError(f"cannot encode {text!r}: {exc}") from None


def _finish(barcode: Any, payload: bytes, gs1: bool) -> LabelCode:
    if bytes(barcode.bytes) != payload:
        raise LabelError(f"encoder produced {bytes(barcode.bytes)!r}, expected {payload!r}")
    if gs1 != (str(barcode.symbology_identifier) == "]d2"):
        raise LabelError(f"encoder produced symbology {barcode.symbology_identifier}, expected GS1={gs1}")
    image = np.asarray(barcode.to_image(scale=1, add_quiet_zones=False), dtype=np.uint8)
    return LabelCode(payload, gs1, image < 128)


def encode_pack(pack: LabelPack, fmt: LabelFormat = "gs1") -> LabelCode:
    """Encode a pack's code (GS1 or IFA) and check it carries exactly the expected bytes."""
    if fmt == "gs1":
        return _finish(_create(gs1_brackets(pack), gs1=True), gs1_payload(pack), True)
    if fmt == "ifa":
        payload = ifa_payload(pack)
        return _finish(_create(payload.decode("ascii"), gs1=False), payload, False)
    raise LabelError(f"unknown label format {fmt!r} (gs1 or ifa)")


def encode_payload(payload: bytes, *, gs1: bool) -> LabelCode:
    """Encode raw payload bytes (as a decoder would return them).

    For GS1 the element string is split into AIs with :func:`scanner.parse` and handed to the writer
    in bracket notation; the result is checked byte for byte, so a wrong split cannot go unnoticed.
    Plain payloads must be ASCII (control characters such as GS, RS, EOT included).
    """
    if not payload:
        raise LabelError("empty payload")
    if not payload.isascii():
        raise LabelError("payload must be ASCII")
    if not gs1:
        return _finish(_create(payload.decode("ascii"), gs1=False), payload, False)
    from scanner.parsing import parse

    elements = parse(payload).elements
    if not elements:
        raise LabelError(f"not a GS1 element string: {payload!r}")
    brackets = "".join(f"[{ai}]{value}" for ai, value in elements.items())
    return _finish(_create(brackets, gs1=True), payload, True)


def code_image(code: LabelCode, *, module_px: int = 8, quiet_modules: int = QUIET_MODULES) -> npt.NDArray[np.uint8]:
    """The symbol as a grayscale image (black on white), e.g. for a preview or a test."""
    img = np.where(code.modules, 0, 255).astype(np.uint8)
    img = np.kron(img, np.ones((module_px, module_px), dtype=np.uint8))
    return np.ascontiguousarray(np.pad(img, quiet_modules * module_px, constant_values=255))


# --------------------------------------------------------------------------- PDF


def _latin1(text: str) -> str:
    """fpdf2's core fonts are Latin-1: anything else prints as '?' rather than failing."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _new_pdf(title: str) -> Any:
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    pdf.set_creator("dispense-app")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    return pdf


def _draw_code(pdf: Any, code: LabelCode, x: float, y: float, module_mm: float) -> float:
    """Draw the symbol with its top-left module at (x, y) mm; return its side length in mm."""
    pdf.set_fill_color(0, 0, 0)
    rows, cols = code.size
    for r in range(rows):
        row = code.modules[r]
        c = 0
        while c < cols:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < cols and row[c]:
                c += 1
            pdf.rect(x + start * module_mm, y + r * module_mm, (c - start) * module_mm, module_mm, style="F")
    return max(rows, cols) * module_mm


def _check_module(module_mm: float) -> None:
    if not MIN_MODULE_MM <= module_mm <= MAX_MODULE_MM:
        raise LabelError(f"module size must be {MIN_MODULE_MM}-{MAX_MODULE_MM} mm (got {module_mm})")


def label_lines(pack: LabelPack, fmt: LabelFormat) -> list[str]:
    """The human-readable lines beside the code (EU 2016/161 Art. 7: product code, serial, NHRN)."""
    name = pack.product_name or ""
    parts = [name] + [p for p in (pack.strength, pack.form) if p and p.lower() not in name.lower()]
    if pack.pack_size:
        parts.append(f"pack of {pack.pack_size}" if pack.pack_size.isdigit() else pack.pack_size)
    lines = [" ".join(p for p in parts if p) or "Demo pack"]
    if fmt == "ifa" and pack.pzn:
        lines.append(f"PPN: {ppn_from_pzn(pack.pzn)}")
    else:
        lines.append(f"PC: {pack.gtin}")
    lines.append(f"SN: {pack.serial}")
    lines.append(f"Batch: {pack.lot}   Exp: {pack.expiry.isoformat()}")
    if pack.pzn:
        lines.append(f"PZN: {pack.pzn}" if fmt == "ifa" or not _needs_710(pack) else f"NHRN (710): {pack.pzn}")
    lines.extend(pack.extra_lines)
    return lines


def render_labels_pdf(
    packs: Sequence[LabelPack],
    out: str | Path,
    *,
    fmt: LabelFormat = "gs1",
    module_mm: float = 0.5,
    columns: int = 2,
    rows: int = 7,
) -> list[LabelCode]:
    """Write an A4 PDF with one label per pack (``columns`` x ``rows`` per page).

    ``fmt="ifa"`` prints IFA codes for packs that have a PZN and GS1 codes for the others.
    Returns the codes in label order (their payloads are what a scanner must read back).
    """
    _check_module(module_mm)
    if not packs:
        raise LabelError("no packs to print")
    if columns < 1 or rows < 1:
        raise LabelError("columns and rows must be >= 1")
    codes = [encode_pack(p, "ifa" if fmt == "ifa" and p.pzn else "gs1") for p in packs]
    cell_w = (A4_W - 2 * MARGIN) / columns
    cell_h = (A4_H - 2 * MARGIN) / rows
    pad = 3.0
    pdf = _new_pdf("dispense-app demo pack labels")
    per_page = columns * rows
    for i, (pack, code) in enumerate(zip(packs, codes, strict=True)):
        if i % per_page == 0:
            pdf.add_page()
        slot = i % per_page
        x = MARGIN + (slot % columns) * cell_w
        y = MARGIN + (slot // columns) * cell_h
        side = (max(code.size) + 2 * QUIET_MODULES) * module_mm
        if side > cell_h - 2 * pad or side > cell_w / 2:
            raise LabelError(f"a {code.size[0]}x{code.size[1]} code at {module_mm} mm modules does not fit the label")
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.1)
        pdf.rect(x, y, cell_w, cell_h)  # cut line
        quiet = QUIET_MODULES * module_mm
        _draw_code(pdf, code, x + pad + quiet, y + (cell_h - side) / 2 + quiet, module_mm)
        tx = x + pad + side + 3.0
        ty = y + pad + 3.5
        fmt_used: LabelFormat = "gs1" if code.gs1 else "ifa"
        for n, line in enumerate(label_lines(pack, fmt_used)):
            pdf.set_font("Helvetica", style="B" if n == 0 else "", size=8.5 if n == 0 else 8)
            pdf.set_text_color(0, 0, 0)
            pdf.text(tx, ty, _fit(pdf, _latin1(line), x + cell_w - tx - 1.5))
            ty += 4.2
        pdf.set_font("Helvetica", size=6)
        pdf.set_text_color(110, 110, 110)
        pdf.text(tx, y + cell_h - pad, "GS1 DataMatrix" if code.gs1 else "IFA DataMatrix (PPN)")
    pdf.output(str(out))
    return codes


def _fit(pdf: Any, text: str, width: float) -> str:
    """Shorten ``text`` with an ellipsis so it fits ``width`` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "...") > width:
        text = text[:-1]
    return text + "..."


def render_test_sheet_pdf(
    codes: Sequence[tuple[str, bytes, bool]],
    out: str | Path,
    *,
    module_mm: float = 0.7,
    title: str = "Scanner test sheet",
) -> list[LabelCode]:
    """Write the scanner test sheet: every code large, numbered and named, with instructions."""
    _check_module(module_mm)
    if not codes:
        raise LabelError("the test sheet has no codes")
    encoded = [encode_payload(payload, gs1=gs1) for _, payload, gs1 in codes]
    pdf = _new_pdf(f"dispense-app {title.lower()}")
    instructions = [
        "1. Set the scanner up as it is used at the counter (same computer, same keyboard layout).",
        "2. In a terminal run:  dispense-app calibrate --stdin",
        "3. Scan each code below once, in order (1, 2, 3 ...): one scan per line.",
        "4. The app saves the scanner profile it infers and tells you what to change, if anything.",
        "Print at 100 % (no 'fit to page'); keep the sheet flat and clean.",
    ]
    columns = 2
    cell_w = (A4_W - 2 * MARGIN) / columns
    biggest = max(max(c.size) for c in encoded)
    side = (biggest + 2 * QUIET_MODULES) * module_mm
    cell_h = side + 14.0

    def header() -> float:
        pdf.add_page()
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", style="B", size=16)
        pdf.text(MARGIN, MARGIN + 6, _latin1(f"dispense-app: {title}"))
        pdf.set_font("Helvetica", size=9.5)
        y = MARGIN + 13
        for line in instructions:
            pdf.text(MARGIN, y, line)
            y += 5
        return y + 3

    y0 = header()
    slot = 0
    for n, ((name, _, gs1), code) in enumerate(zip(codes, encoded, strict=True), start=1):
        row, col = divmod(slot, columns)
        y = y0 + row * cell_h
        if y + cell_h > A4_H - MARGIN:
            y0 = header()
            slot = 0
            row, col = 0, 0
            y = y0
        x = MARGIN + col * cell_w
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.1)
        pdf.rect(x, y, cell_w - 2, cell_h - 2)
        pdf.set_font("Helvetica", style="B", size=12)
        pdf.set_text_color(0, 0, 0)
        kind = "GS1 DataMatrix" if gs1 else "DataMatrix"
        pdf.text(x + 3, y + 6, _latin1(f"{n}. {name}"))
        pdf.set_font("Helvetica", size=8)
        pdf.set_text_color(90, 90, 90)
        pdf.text(x + 3, y + 10, f"{kind}, {code.size[0]}x{code.size[1]} modules")
        quiet = QUIET_MODULES * module_mm
        _draw_code(pdf, code, x + (cell_w - 2 - side) / 2 + quiet, y + 11 + quiet, module_mm)
        slot += 1
    pdf.output(str(out))
    return encoded
