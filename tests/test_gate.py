"""The gate: profile applied, exact pack code or a stop with advice; lost-GS repair only when unambiguous."""

from __future__ import annotations

import datetime as dt

import pytest

from scanner.calibration import GS, SHEET, ControlForm, ScannerProfile, calibrate
from scanner.gate import admit
from scanner.keyboard_layouts import scanner_types

TODAY = dt.date(2026, 1, 15)
CODE = "0104150123456782" + "21" + "Zy/7-abQ" + GS + "10" + "LOT-z9" + GS + "17" + "280131"
IFA = "[)>\x1e06\x1d9N110375286414\x1d1TyZ-1\x1dD280100\x1dSabcXYZ12\x1e\x04"


def profile_for(host: str = "us", *, caps: bool = False, control: str = "real", aim: bool = True) -> ScannerProfile:
    typed = "\n".join(scanner_types(c.text, host, caps_lock=caps, control=control, aim=c.aim if aim else None)
                      for c in SHEET)
    result = calibrate(typed)
    assert result.ok and result.profile is not None
    return result.profile


@pytest.mark.parametrize(
    ("host", "caps", "control"),
    [("us", False, "real"), ("de", False, "ctrl"), ("de", True, "alt"), ("fr", False, "ctrl"),
     ("it", False, "substitute"), ("it", True, "real"), ("es", False, "alt"), ("gb", False, "ctrl"),
     ("de-nodeadkeys", True, "substitute")],
)
@pytest.mark.parametrize("code", [CODE, IFA])
def test_calibrated_scans_come_back_exactly(host: str, caps: bool, control: str, code: str) -> None:
    profile = profile_for(host, caps=caps, control=control)
    aim = "]d1" if code.startswith("[)>") else "]d2"
    typed = scanner_types(code, host, caps_lock=caps, control=control, aim=aim)
    res = admit(typed, profile, today=TODAY)
    assert res.admitted, res.message
    assert res.pack is not None and res.pack.ok
    assert res.recovered == aim + code
    assert res.repaired == () or control == "alt"  # Alt+0029 digits may also be data: flagged
    assert res.pack.serial in ("Zy/7-abQ", "abcXYZ12")


def test_german_y_z_swap_without_calibration_is_the_wrong_pack() -> None:
    # the point of the test sheet: without it the swapped serial parses as a valid, different pack
    typed = scanner_types(CODE.replace("/", "").replace("-", ""), "de")
    res = admit(typed, None, today=TODAY)
    assert res.admitted and res.pack is not None
    assert res.pack.serial == "Yz7abQ"  # not what is printed (Zy7abQ): a false alert at the hub
    res = admit(typed, profile_for("de", aim=False), today=TODAY)
    assert res.pack is not None and res.pack.serial == "Zy7abQ"


def test_profile_mismatch_stops_with_advice() -> None:
    profile = profile_for("de")
    res = admit("]d2" + CODE, profile, today=TODAY)  # "]" cannot come from this scanner on this host
    assert not res.admitted
    assert res.stop_code == "profile_mismatch"
    assert res.action == "check_scanner"
    assert "calibration" in (res.message or "")
    rec = res.event_record()
    assert rec["kind"] == "scanner_event" and rec["scan_raw_hex"]


def test_unreadable_scan_stops_before_the_hub() -> None:
    res = admit("]d2" + CODE.replace("82", "83", 1), None, today=TODAY)  # wrong GTIN check digit
    assert not res.admitted and res.stop_code == "parse_failed" and res.action == "rescan"
    res = admit("4006381333931", None, today=TODAY)
    assert not res.admitted and res.stop_code == "not_a_pack_code"


def test_dropped_gs_single_valid_split_is_used_and_flagged() -> None:
    profile = profile_for(control="dropped")
    typed = scanner_types(CODE, "us", control="dropped", aim="]d2")
    res = admit(typed, profile, today=TODAY)
    assert res.admitted and res.pack is not None
    assert (res.pack.serial, res.pack.lot) == ("Zy/7-abQ", "LOT-z9")
    assert res.repaired and "GS separator missing" in res.repaired[0]
    # without a profile saying GS is dropped, the same scan is stopped, never guessed
    res = admit(typed, None, today=TODAY)
    assert not res.admitted


def test_dropped_gs_several_valid_splits_stop() -> None:
    # serial "AB10CD" + lot "X": with GS dropped "21AB10CD10X17..." also reads as serial "AB", lot "CD10X"
    code = "0104150123456782" + "21AB10CD" + GS + "10X" + GS + "17280131"
    profile = profile_for(control="dropped")
    res = admit(scanner_types(code, "us", control="dropped", aim="]d2"), profile, today=TODAY)
    assert not res.admitted
    assert res.stop_code == "ambiguous" and res.action == "type_printed_code"
    assert len(res.readings) >= 2


def test_ambiguous_alt_text_token_uses_the_only_valid_reading() -> None:
    # "0029" inside the serial is data; only reading it as data gives a valid pack code
    code = "0104150123456782" + "21" + "A0029B" + GS + "10" + "LOT1" + GS + "17280131"
    profile = ScannerProfile(gs=ControlForm("alt_text", "0029"))
    res = admit(scanner_types(code, "us", control="alt", aim="]d2"), profile, today=TODAY)
    assert res.admitted and res.pack is not None and res.pack.serial == "A0029B"


def test_wedge_bytes_and_garbage_never_raise() -> None:
    profile = profile_for("de", caps=True, control="alt")
    for junk in ["", "\x00\xff", "+d2" + "0029" * 20, "é" * 500, "\x1d\x1e\x04", b"\xff\xfe\x00"]:
        res = admit(junk, profile, today=TODAY)
        assert not res.admitted
        assert res.message
