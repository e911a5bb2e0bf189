"""Manual entry: typed human-readable fields get the same checks as a scan, flagged manual."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.keyboard_layouts import CSET82
from scanner.manual_entry import normalise_expiry, validate_manual

TODAY = dt.date(2026, 1, 15)


def test_gtin_entry_builds_a_gs1_pack_code() -> None:
    r = validate_manual("GTIN: 04150123456782", " Zy/7-abQ ", "LOT-z9", "2028-01-31", today=TODAY)
    assert r.ok, r.errors
    assert r.pack is not None
    assert (r.pack.gtin, r.pack.serial, r.pack.lot, r.pack.expiry) == (
        "04150123456782", "Zy/7-abQ", "LOT-z9", dt.date(2028, 1, 31))
    assert r.entry_mode == "manual" and r.scan is not None and r.scan.entry_mode == "manual"
    assert r.to_json()["entry_mode"] == "manual"


def test_pzn_and_ppn_entry_build_an_ifa_pack_code() -> None:
    r = validate_manual("PZN-03752864", "ABC123", "L1", "05/2028", today=TODAY)
    assert r.ok and r.pack is not None
    assert (r.pack.scheme, r.pack.ppn, r.pack.pzn) == ("ifa", "110375286414", "03752864")
    assert r.pack.expiry == dt.date(2028, 5, 31)  # month only: the last day of the month
    r2 = validate_manual("110375286414", "ABC123", "L1", "2028-05", today=TODAY)
    assert r2.ok and r2.pack is not None and r2.pack.ppn == "110375286414"


@pytest.mark.parametrize(
    ("product", "serial", "lot", "expiry", "field", "code"),
    [
        ("04150123456783", "A1", "L1", "2028-01-31", "product_code", "check_digit"),
        ("03752865", "A1", "L1", "2028-01-31", "product_code", "check_digit"),
        ("110375286415", "A1", "L1", "2028-01-31", "product_code", "check_digit"),
        ("04150123456782", "", "L1", "2028-01-31", "serial", "missing_field"),
        ("04150123456782", "A b", "L1", "2028-01-31", "serial", "bad_charset"),
        ("04150123456782", "A" * 21, "L1", "2028-01-31", "serial", "too_long"),
        ("04150123456782", "A1", "L\x1d1", "2028-01-31", "lot", "bad_charset"),
        ("04150123456782", "A1", "L1", "31.02.2028", "expiry", "invalid_date"),
        ("04150123456782", "A1", "L1", "soon", "expiry", "invalid_date"),
        ("hello", "A1", "L1", "2028-01-31", "product_code", "missing_field"),
    ],
)
def test_errors_name_the_field(product: str, serial: str, lot: str, expiry: str, field: str, code: str) -> None:
    r = validate_manual(product, serial, lot, expiry, today=TODAY)
    assert not r.ok
    assert any(e.field == field and e.code == code for e in r.errors), r.errors


def test_expiry_formats() -> None:
    assert normalise_expiry("2027-05-31") == "270531"
    assert normalise_expiry("05/2027") == "270500"
    assert normalise_expiry("05/27") == "270500"
    assert normalise_expiry("EXP 2027-05") == "270500"
    assert normalise_expiry("31.05.2027") == "270531"
    assert normalise_expiry("270531") == "270531"
    assert normalise_expiry("May 2027") is None


@settings(max_examples=200, deadline=None)
@given(serial=st.text(alphabet=CSET82, min_size=1, max_size=20), lot=st.text(alphabet=CSET82, min_size=1, max_size=20))
def test_any_valid_serial_and_lot_come_back_exactly(serial: str, lot: str) -> None:
    r = validate_manual("04150123456782", serial, lot, "2028-01-31", today=TODAY)
    assert r.ok, r.errors
    assert r.pack is not None and (r.pack.serial, r.pack.lot) == (serial, lot)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
def test_nothing_typed_crashes(a: str, b: str, c: str, d: str) -> None:
    r = validate_manual(a, b, c, d, today=TODAY)
    assert r.ok or r.errors
