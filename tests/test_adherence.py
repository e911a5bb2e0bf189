"""Adherence: PDC with overlap shifting and carry-in, refill flags, notes, the report."""

from __future__ import annotations

import datetime as dt

import pytest

from dispense_app.core.adherence import (
    MIN_PERIOD_DAYS,
    Fill,
    RefillFlag,
    new_note,
    pdc,
    refills,
    report,
    run_out_date,
)

D0 = dt.date(2026, 1, 1)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def fills(*spec: tuple[int, int], med: str = "metformin 500 mg") -> list[Fill]:
    return [Fill(day(d), s, med) for d, s in spec]


def test_perfect_adherence() -> None:
    r = pdc(fills((0, 30), (30, 30), (60, 30)), day(89), 180)
    assert (r.start, r.period_days, r.covered_days, r.pdc, r.adherent) == (D0, 90, 90, 1.0, True)


def test_gap_lowers_pdc() -> None:
    r = pdc(fills((0, 30), (45, 30)), day(74), 180)
    assert r.period_days == 75 and r.covered_days == 60 and r.pdc == pytest.approx(0.8) and r.adherent


def test_early_refill_is_shifted_not_double_counted() -> None:
    # refilled 10 days early twice: the stockpile covers later days
    r = pdc(fills((0, 30), (20, 30), (40, 30)), day(99), 180)
    assert r.covered_days == 90 and r.period_days == 100 and r.pdc == pytest.approx(0.9)
    assert run_out_date(fills((0, 30), (20, 30), (40, 30))) == day(90)


def test_carry_in_from_before_the_window() -> None:
    # 90-day fill 30 days before a 180-day window starts: 60 days carried in
    as_of = day(209)
    r = pdc(fills((0, 90)), as_of, 180)
    assert r.start == day(30) and r.period_days == 180 and r.covered_days == 60
    assert r.pdc == pytest.approx(1 / 3) and r.adherent is False


def test_supply_beyond_as_of_is_not_counted_and_future_fills_ignored() -> None:
    r = pdc(fills((0, 90), (100, 30)), day(9), 180)
    assert r.period_days == 10 and r.covered_days == 10


def test_no_fills_gives_no_pdc() -> None:
    r = pdc([], day(10), 365)
    assert r.pdc is None and r.adherent is None and r.start is None
    old = pdc(fills((0, 30)), day(400), 180)  # ran out long before the window
    assert old.pdc is None


def test_180_and_365_differ() -> None:
    f = fills((0, 30), *[(d, 30) for d in range(200, 380, 30)])
    as_of = day(379)
    r180, r365 = pdc(f, as_of, 180), pdc(f, as_of, 365)
    assert r180.pdc == pytest.approx(1.0)
    # the window starts on day 15: 15 days of the first fill are carried in, then 180 days
    assert r365.start == day(15) and r365.period_days == 365 and r365.covered_days == 15 + 180
    assert r365.pdc == pytest.approx(195 / 365)


def test_refill_flags() -> None:
    out = refills(fills((0, 30), (10, 30), (60, 30), (95, 30), (170, 30)))
    assert [r.flag for r in out] == [
        RefillFlag.FIRST,
        RefillFlag.EARLY,  # 20 of 30 days left
        RefillFlag.ON_TIME,  # the stockpile lasted to day 60
        RefillFlag.ON_TIME,  # 5 days late, within the 7-day grace
        RefillFlag.LATE,  # 45 days without supply
    ]
    assert out[1].remaining_days == 20 and out[3].gap_days == 5 and out[4].gap_days == 45
    assert out[2].expected == day(60)


def test_fill_validation() -> None:
    with pytest.raises(ValueError):
        Fill(D0, 0, "x")
    with pytest.raises(ValueError):
        pdc([], D0, 0)


def test_notes_and_report() -> None:
    at = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
    n = new_note("Patient/p1", "metformin 500 mg", "anna", "  GI side effects; talked to GP  ", at)
    assert n.text == "GI side effects; talked to GP"
    other = new_note("Patient/p2", "metformin 500 mg", "anna", "other patient", at)
    for bad in ("", "x" * 2001):
        with pytest.raises(ValueError):
            new_note("Patient/p1", "m", "anna", bad, at)
    with pytest.raises(ValueError):
        new_note("Patient/p1", "m", "anna", "text", at.replace(tzinfo=None))
    f = fills((0, 30), (30, 30)) + fills((0, 10), med="ibuprofen 400 mg")
    rep = report("Patient/p1", f, day(90), [n, other])
    doc = rep.to_json()
    assert doc["patient"] == "Patient/p1" and [m["medication"] for m in doc["medications"]] == [
        "ibuprofen 400 mg",
        "metformin 500 mg",
    ]
    met = doc["medications"][1]
    assert met["pdc_180"]["pdc"] == pytest.approx(60 / 91, abs=1e-4) and met["overdue"] is True
    assert met["notes"][0]["author"] == "anna" and len(met["notes"]) == 1
    assert met["run_out"] == day(60).isoformat()


def test_packs_handed_over_together_are_one_fill_not_an_early_refill() -> None:
    """Issue 15 finding 13: two packs of one prescription dispensed together counted as an early
    refill (shown in red)."""
    together_day = fills((0, 30), (0, 30), (60, 30))
    rep = report("Patient/p", together_day, day(89))
    med = rep.medications[0]
    assert [r.flag for r in med.refills] == [RefillFlag.FIRST, RefillFlag.ON_TIME]
    assert med.refills[0].fill.days_supply == 60
    assert med.run_out == day(90)


def test_a_pdc_from_a_few_days_says_not_enough_data() -> None:
    """Issue 15 finding 13: "PDC 180 d 100 % ✔" from one day of data."""
    one_day = pdc(fills((0, 30)), day(0), 180)
    assert one_day.pdc == 1.0 and not one_day.enough_data and one_day.adherent is None
    assert one_day.to_json()["enough_data"] is False
    short = pdc(fills((0, 30), (30, 30)), day(MIN_PERIOD_DAYS - 2), 180)
    assert not short.enough_data and short.adherent is None
    enough = pdc(fills((0, 30), (30, 30)), day(MIN_PERIOD_DAYS - 1), 180)
    assert enough.enough_data and enough.history_days == MIN_PERIOD_DAYS and enough.adherent is True
