"""CSV export: Excel-safe cells in every field, exact round trip, streaming, atomic output."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dispense_app.core.alerts import ALERT_FIELDS, AlertCause, AlertRecord, AlertStatus
from dispense_app.export.base import ExportCancelled, ExportError
from dispense_app.export.cells import restore_cell, safe_cell
from dispense_app.export.codec import OPTIONAL_STR, REQUIRED_STR
from dispense_app.export.csv_writer import (
    LineFormatter,
    _fast_cells,
    _generic_cells,
    comments_json,
    iter_csv,
    nhrn_json,
    write_csv,
)
from dispense_app.export.samples import HOSTILE_TEXTS, sample_alert, synthetic_alerts

TEXT_FIELDS = sorted(REQUIRED_STR | OPTIONAL_STR)

# -- an independent model of what a spreadsheet evaluates (not the code under test) -------------------
_INVISIBLE = ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn", "Cs")


def evaluable(cell: str) -> bool:
    """Whether any spreadsheet could treat ``cell`` as a formula: it starts with TAB/CR, or, after any
    white space and invisible characters, with a character that NFKC-normalises to = + - @."""
    if cell[:1] in ("\t", "\r"):
        return True
    stripped = cell.lstrip()
    while stripped and unicodedata.category(stripped[0]) in _INVISIBLE:
        stripped = stripped[1:].lstrip()
    return bool(stripped) and unicodedata.normalize("NFKC", stripped[0])[:1] in ("=", "+", "-", "@")


def read_cells(path: Path) -> tuple[list[str], list[list[str]]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM first"
    text = raw.decode("utf-8")[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    return rows[0], rows[1:]


def assert_no_formula(path: Path) -> None:
    header, rows = read_cells(path)
    for row in [header, *rows]:
        for cell in row:
            assert not evaluable(cell), f"evaluable cell: {cell[:40]!r}"
            assert "\x00" not in cell


def _expected_after_csv(rec: AlertRecord) -> AlertRecord:
    """CSV cannot tell an empty text from an absent one: optional '' comes back as None."""
    changes = {name: None for name in OPTIONAL_STR if getattr(rec, name) == ""}
    return dataclasses.replace(rec, **changes)


# -- format ------------------------------------------------------------------------------------------


def test_header_bom_crlf_and_iso_dates(tmp_path: Path) -> None:
    recs = list(synthetic_alerts(5))
    out = tmp_path / "a.csv"
    summary = write_csv(recs, out)
    assert summary.rows == 5 and summary.path == out and summary.format == "csv"
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbfsep=")
    body = raw[3:]
    assert body.count(b"\r\n") == 6 and b"\n" not in body.replace(b"\r\n", b"")
    header, rows = read_cells(out)
    assert header == list(ALERT_FIELDS)
    created = rows[0][ALERT_FIELDS.index("created_at")]
    assert dt.datetime.fromisoformat(created) == recs[0].created_at and created.startswith("2025-01-01T08:00:00")
    assert rows[0][ALERT_FIELDS.index("expiry")] == recs[0].expiry.isoformat()  # type: ignore[union-attr]
    assert rows[0][ALERT_FIELDS.index("raw_hex")] == recs[0].raw_hex
    assert "1D" in recs[0].raw_hex


def test_sha256_and_size_match_the_file(tmp_path: Path) -> None:
    import hashlib

    out = tmp_path / "a.csv"
    summary = write_csv(synthetic_alerts(4500), out)  # more than one chunk
    data = out.read_bytes()
    assert summary.sha256 == hashlib.sha256(data).hexdigest() and summary.bytes == len(data)
    assert summary.rows == 4500


def test_semicolon_delimiter_round_trips(tmp_path: Path) -> None:
    recs = list(synthetic_alerts(20))
    out = tmp_path / "a.csv"
    write_csv(recs, out, delimiter=";")
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith('"alert_id";"created_at"')
    assert list(iter_csv(out)) == recs
    with pytest.raises(ValueError):
        write_csv(recs, out, delimiter="|")


def test_line_formatter_equals_csv_module_quote_all() -> None:
    rows = [[t, "plain", "", t[::-1]] for t in HOSTILE_TEXTS if "\x00" not in t and not t.startswith(("=", "'"))]
    for row in rows:
        buf = io.StringIO()
        csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow([safe_cell(c) for c in row])
        assert LineFormatter().line(row) == buf.getvalue()


def test_fast_cells_equal_generic_cells() -> None:
    for rec in [*synthetic_alerts(50), sample_alert(cause=AlertCause.DATA_ERROR, supplied_anyway=True, expiry=None)]:
        assert _fast_cells(rec) == _generic_cells(rec)


# -- safety: every field, every hostile text -----------------------------------------------------------


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_hostile_text_in_each_field_is_inert_and_round_trips(tmp_path: Path, field: str) -> None:
    recs = [sample_alert(**{"alert_id": f"id-{i}", field: text}) for i, text in enumerate(HOSTILE_TEXTS)]
    out = tmp_path / f"{field}.csv"
    summary = write_csv(recs, out)
    assert summary.rows == len(HOSTILE_TEXTS)
    assert_no_formula(out)
    _, rows = read_cells(out)
    assert len(rows) == len(recs), "no row was split or merged"
    assert list(iter_csv(out)) == recs


@pytest.mark.parametrize("part", ["at", "by", "text", "nhrn-key", "nhrn-value"])
def test_hostile_text_in_comments_and_nhrn(tmp_path: Path, part: str) -> None:
    recs = []
    for i, text in enumerate(HOSTILE_TEXTS):
        comment = {"at": "2025-01-02T10:00:00+00:00", "by": "qa", "text": "ok"}
        nhrn = {"710": "1234567"}
        if part in comment:
            comment[part] = text
        elif part == "nhrn-key":
            nhrn = {text: "1"}
        else:
            nhrn = {"710": text}
        recs.append(sample_alert(alert_id=f"id-{i}", comments=[comment], nhrn=nhrn, status=AlertStatus.INVESTIGATING))
    out = tmp_path / "c.csv"
    write_csv(recs, out)
    assert_no_formula(out)
    assert list(iter_csv(out)) == recs


def test_neutralised_cells_keep_the_text_visible(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    write_csv([sample_alert(reason="=1+1", lot="-5", operator="'quoted", serial="NUL\x00GS\x1d")], out)
    _, rows = read_cells(out)
    row = dict(zip(ALERT_FIELDS, rows[0], strict=True))
    assert row["reason"] == "'=1+1" and row["lot"] == "'-5" and row["operator"] == "''quoted"
    assert row["serial"] == "NUL\u2400GS\u241d"


def test_lone_surrogate_does_not_crash(tmp_path: Path) -> None:
    bad = b"caf\xe9".decode("utf-8", "surrogateescape")
    out = tmp_path / "a.csv"
    write_csv([sample_alert(reason=bad)], out)
    (rec,) = iter_csv(out)
    assert rec.reason == "caf\ufffd"


def test_absent_and_empty_optional_text_read_back_as_none(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    rec = sample_alert(lot="", reason="")
    write_csv([rec], out)
    (back,) = iter_csv(out)
    assert back.lot is None and back.reason == ""
    assert back == _expected_after_csv(rec)


_alphabet = st.characters(exclude_categories=("Cs",)).filter(lambda c: not 0x2400 <= ord(c) <= 0x2421)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(TEXT_FIELDS), text=st.text(_alphabet, max_size=40))
def test_any_text_in_any_field_is_inert_and_round_trips(tmp_path: Path, field: str, text: str) -> None:
    rec = sample_alert(**{field: text})
    out = tmp_path / "h.csv"
    write_csv([rec], out)
    assert_no_formula(out)
    assert list(iter_csv(out)) == [_expected_after_csv(rec)]


@given(st.text(_alphabet))
def test_safe_cell_round_trips_and_is_never_evaluable(text: str) -> None:
    cell = safe_cell(text)
    assert not evaluable(cell)
    assert restore_cell(cell) == text


# -- streaming, progress, cancel, atomicity --------------------------------------------------------------


def test_progress_reports_rows_and_ends_with_total(tmp_path: Path) -> None:
    seen: list[int] = []
    summary = write_csv(synthetic_alerts(5001), tmp_path / "a.csv", progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 5001 == summary.rows
    assert len(seen) >= 3


def test_cancel_leaves_no_file_and_keeps_an_earlier_one(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    out.write_bytes(b"earlier export")
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(ExportCancelled) as info:
        write_csv(synthetic_alerts(10_000), out, cancel=cancel)
    assert 0 < info.value.rows < 10_000
    assert out.read_bytes() == b"earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_failing_source_leaves_no_file(tmp_path: Path) -> None:
    def broken() -> object:
        yield from synthetic_alerts(3000)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_csv(broken(), tmp_path / "a.csv")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_bad_target_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        write_csv([], tmp_path / "missing" / "a.csv")
    with pytest.raises(ExportError):
        write_csv([], tmp_path)


def test_empty_export_has_the_header_only(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert write_csv(iter(()), out).rows == 0
    header, rows = read_cells(out)
    assert header == list(ALERT_FIELDS) and rows == []


_json_text = st.text(st.characters(exclude_categories=()))


@given(
    comments=st.lists(st.dictionaries(_json_text, _json_text, max_size=4), max_size=4),
    nhrn=st.dictionaries(_json_text, _json_text, max_size=4),
)
def test_fast_json_cells_equal_json_dumps(comments: list[dict[str, str]], nhrn: dict[str, str]) -> None:
    assert comments_json(comments) == json.dumps(comments, ensure_ascii=False)
    assert nhrn_json(nhrn) == json.dumps(nhrn, ensure_ascii=False)


def test_fast_json_cells_fall_back_for_other_shapes() -> None:
    odd: list[object] = [{"n": 1}, "text", {"x": None}]
    assert comments_json(odd) == json.dumps(odd, ensure_ascii=False)  # type: ignore[arg-type]
    assert nhrn_json({"710": 5}) == json.dumps({"710": 5})  # type: ignore[dict-item]


def test_stored_row_with_a_number_in_a_text_column(tmp_path: Path) -> None:
    from dispense_app.export.csv_writer import stored_row_cells, write_csv_cells

    rec = sample_alert(lot="12345")
    row = list(_fast_cells(rec))
    row[ALERT_FIELDS.index("lot")] = 12345  # type: ignore[call-overload]
    row[ALERT_FIELDS.index("ppn")] = None  # type: ignore[call-overload]
    row[ALERT_FIELDS.index("supplied_anyway")] = 0  # type: ignore[call-overload]
    out = tmp_path / "a.csv"
    write_csv_cells([stored_row_cells(row)], out)
    (back,) = iter_csv(out)
    assert back.lot == "12345" and back.ppn is None and back.supplied_anyway is False
