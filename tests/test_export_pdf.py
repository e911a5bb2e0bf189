"""PDF report and dossiers: they open, have the right pages and text, survive hostile content."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pypdf
import pytest

from dispense_app.core.alerts import ALERT_FIELDS, AlertCause, AlertStatus
from dispense_app.export.base import ExportCancelled, ExportError
from dispense_app.export.codec import OPTIONAL_STR, REQUIRED_STR
from dispense_app.export.fonts import CP1252, FontChoice, find_font
from dispense_app.export.pdf_report import (
    LABELS,
    PdfText,
    _ReportPdf,
    raw_as_text,
    write_pdf_dossiers,
    write_pdf_report,
)
from dispense_app.export.samples import HOSTILE_TEXTS, sample_alert, synthetic_alerts

PER_PAGE = _ReportPdf.ROWS_PER_PAGE


def pages_text(path: Path) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    return [page.extract_text() or "" for page in reader.pages]


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("n", [0, 1, PER_PAGE, PER_PAGE + 1, 100])
def test_report_page_count(tmp_path: Path, n: int) -> None:
    out = tmp_path / "r.pdf"
    summary = write_pdf_report(synthetic_alerts(n), out)
    assert summary.rows == n
    assert summary.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert len(pypdf.PdfReader(str(out)).pages) == 1 + max(1, math.ceil(n / PER_PAGE))


def test_report_summary_counts_and_rows(tmp_path: Path) -> None:
    recs = list(synthetic_alerts(90))
    out = tmp_path / "r.pdf"
    write_pdf_report(recs, out, filter_text="since 2025-01-01, status closed", station="ST-TEST")
    pages = pages_text(out)
    first = pages[0]
    assert "Alert log" in first and "ST-TEST" in first and "since 2025-01-01, status closed" in first
    for status in AlertStatus:
        n = sum(r.status is status for r in recs)
        assert f"{status.value}{n}" in squash(first)
    n_closed_cause = sum(r.cause is AlertCause.SCANNER_SETUP for r in recs)
    assert f"scanner-setup{n_closed_cause}" in squash(first)
    code = recs[0].return_code
    assert code is not None and code in first
    # every alert id appears in the table, page by page in order
    for i, rec in enumerate(recs):
        assert rec.alert_id in pages[1 + i // PER_PAGE]
    assert "page 2 of 4" in pages[1]


def test_dossier_one_page_each_with_every_field(tmp_path: Path) -> None:
    recs = [
        *synthetic_alerts(3),
        sample_alert(alert_id="closed-1", status=AlertStatus.CLOSED, cause=AlertCause.DOUBLE_DECOMMISSION,
                     comments=[{"at": "2025-01-02T09:00:00+00:00", "by": "qa", "text": "undone within 10 days"}],
                     supplied_anyway=True, supplied_anyway_reason="emergency", supplied_anyway_by="dr-x",
                     patient_ref="P-77", dispense_id="D-1"),
    ]
    out = tmp_path / "d.pdf"
    summary = write_pdf_dossiers(recs, out)
    pages = pages_text(out)
    assert summary.rows == len(recs) == len(pages)
    for rec, text in zip(recs, pages, strict=True):
        for name in ALERT_FIELDS:
            assert LABELS[name] in text, name
        flat = squash(text)
        for name in ("alert_id", "serial", "lot", "gtin", "return_code", "operator", "client_trx_id"):
            assert squash(str(getattr(rec, name))) in flat, name
        assert " ".join(rec.raw_hex[i : i + 2] for i in range(0, 40, 2)) in text  # hex byte by byte
        assert "<GS>" in text  # the GS separators of the raw scan, made visible
    last = pages[-1]
    assert "double-decommission" in last and "undone within 10 days" in last and "emergency" in last


def test_hostile_text_in_every_field_renders(tmp_path: Path) -> None:
    fields = sorted(REQUIRED_STR | OPTIONAL_STR)
    recs = [
        sample_alert(
            **{name: text for name in fields},
            comments=[{"at": text, "by": text, "text": text}],
            nhrn={text: text},
        )
        for text in HOSTILE_TEXTS
    ]
    report = tmp_path / "r.pdf"
    write_pdf_report(recs, report)
    assert len(pypdf.PdfReader(str(report)).pages) == 1 + math.ceil(len(recs) / PER_PAGE)
    dossiers = tmp_path / "d.pdf"
    write_pdf_dossiers(recs, dossiers)
    pages = pages_text(dossiers)
    assert len(pages) == len(recs), "one page per alert, even with 10 KB in every field"
    by_text = dict(zip(HOSTILE_TEXTS, pages, strict=True))
    assert "<NUL>" in by_text["NUL\x00inside"] and "<U+200F>" in by_text["\u200f=1+1"]


def test_every_field_10kb_still_one_page(tmp_path: Path) -> None:
    big = {name: ("=" + "w" * 10240 if i % 2 else "שלום " * 2000) for i, name in enumerate(sorted(OPTIONAL_STR))}
    rec = sample_alert(reason="r" * 10240, comments=[{"at": "x", "by": "y", "text": "z" * 10240}] * 30, **big)
    out = tmp_path / "d.pdf"
    write_pdf_dossiers([rec], out)
    (text,) = pages_text(out)
    assert "characters]" in text and "JSON Lines export holds them in full" in text


def test_invisible_and_missing_glyphs_are_shown_as_code_points() -> None:
    text = PdfText(FontChoice(None, None, CP1252))
    assert text("a\x00b\x1dc\x7f") == "a<NUL>b<GS>c<DEL>"
    assert text("\u200f=1") == "<U+200F>=1"
    assert text("日本") == "<U+65E5><U+672C>"
    assert text("Grüße") == "Grüße"
    assert text(b"\xe9".decode("utf-8", "surrogateescape")) == "<U+DCE9>"
    assert text("a\nb") == "a<LF>b" and text("a\nb", newlines=True) == "a\nb"


def test_builtin_font_fallback_renders_non_latin(tmp_path: Path) -> None:
    latin_only = FontChoice(None, None, CP1252)
    recs = [sample_alert(alert_id=f"x{i}", reason=t) for i, t in enumerate(HOSTILE_TEXTS)]
    out = tmp_path / "r.pdf"
    write_pdf_report(recs, out, font=latin_only)
    write_pdf_dossiers(recs, tmp_path / "d.pdf", font=latin_only)
    assert "<U+05E9>" in squash(pages_text(tmp_path / "d.pdf")[HOSTILE_TEXTS.index("שלום \u200fעולם")])


def test_unicode_font_is_found_here() -> None:
    font = find_font()
    if font.regular is None:
        pytest.skip("no Unicode TrueType font on this machine (install fonts-dejavu-core)")
    assert 0x05E9 in font.codepoints and 0x0416 in font.codepoints  # Hebrew, Cyrillic


def test_raw_as_text() -> None:
    assert raw_as_text("30 31 1D 41 1E 04 FF") == "01<GS>A<RS><EOT><xFF>"
    assert raw_as_text("zz") == "(not valid hex)"


def test_cap_cancel_and_empty_dossier_leave_no_file(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    with pytest.raises(ExportError, match="more than 10"):
        write_pdf_report(synthetic_alerts(11), out, max_rows=10)
    with pytest.raises(ExportCancelled):
        write_pdf_report(synthetic_alerts(5), out, cancel=lambda: True)
    calls = iter(range(1000))
    with pytest.raises(ExportCancelled):
        write_pdf_report(synthetic_alerts(2000), out, cancel=lambda: next(calls) > 1)
    with pytest.raises(ExportError, match="nothing"):
        write_pdf_dossiers([], out)
    assert list(tmp_path.iterdir()) == []
