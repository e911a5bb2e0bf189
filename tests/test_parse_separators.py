"""A lost separator is detected, never guessed silently (issue 2, the most important parser rule)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scanner import PackCode, parse
from scanner.parsing.checks import ntin_from_pzn

GS, RS, EOT = "\x1d", "\x1e", "\x04"
TODAY = dt.date(2026, 1, 15)
PZN = "03752864"
PPN = "110375286414"
NTIN = ntin_from_pzn(PZN)
GTIN = "09506000134352"


def p(data: str | bytes) -> PackCode:
    return parse(data, today=TODAY)


def lost(pc: PackCode) -> dict[str, Any]:
    assert not pc.ok
    errs = [e for e in pc.errors if e.code == "separator_missing"]
    assert errs, pc.errors
    assert errs[0].detail is not None
    return errs[0].detail


def test_lot_swallowed_serial() -> None:
    pc = p(f"01{GTIN}17251231" + "10ABC21XYZ")
    assert pc.lot == "ABC21XYZ" and pc.serial is None  # the strict reading, as transmitted
    assert lost(pc)["candidates"] == [{"01": GTIN, "17": "251231", "10": "ABC", "21": "XYZ"}]
    assert lost(pc)["valid"] is True
    assert [e.code for e in pc.errors] == ["separator_missing"]  # no not_a_pack_code noise


def test_serial_swallowed_lot_and_the_issue_example() -> None:
    # serial "12345172501" followed by a lot, GS lost: "17" + "250110" could be an expiry
    pc = p(f"01{GTIN}" + "2112345172501" + "10LOT")
    cands = lost(pc)["candidates"]
    assert {"01": GTIN, "21": "12345172501", "10": "LOT"} in cands


def test_lot_swallowed_serial_and_expiry() -> None:
    pc = p(f"01{GTIN}10LOT1" + "21SER123" + "17251231")
    assert lost(pc)["candidates"] == [{"01": GTIN, "10": "LOT1", "21": "SER123", "17": "251231"}]


def test_several_readings_are_all_listed() -> None:
    # "10A21B21C" can be lot "A" + serial "B21C", or lot "A21B" + serial "C"
    pc = p(f"01{GTIN}17251231" + "10A21B21C")
    cands = lost(pc)["candidates"]
    assert {"01": GTIN, "17": "251231", "10": "A", "21": "B21C"} in cands
    assert {"01": GTIN, "17": "251231", "10": "A21B", "21": "C"} in cands


def test_gs_missing_between_some_fields_only() -> None:
    # GS present after the lot but lost after the serial, swallowing the NHRN
    pc = p(f"01{NTIN}17251231" + f"10LOT{GS}21SER71003752864")
    cands = lost(pc)["candidates"]
    assert {"01": NTIN, "17": "251231", "10": "LOT", "21": "SER", "710": PZN} in cands
    # GS present before the serial, lost before the expiry in the lot
    pc = p(f"01{GTIN}10LOT17251231{GS}21SER")
    assert {"01": GTIN, "10": "LOT", "17": "251231", "21": "SER"} in lost(pc)["candidates"]


def test_too_long_field_reports_both_facts() -> None:
    pc = p(f"01{GTIN}17251231" + "10LOT0000000000000000" + "21S")  # lot would be 22 characters
    assert [e.code for e in pc.errors] == ["separator_missing", "too_long"]


@pytest.mark.parametrize(
    "code",
    [
        # real codes with separators present are never flagged, whatever their values contain
        f"01{GTIN}17251231" + f"10LOT21{GS}21SER10ABC",  # lot ending in "21", serial containing "10"
        f"01{GTIN}17251231" + f"10LOT17251231{GS}21SER17251231",  # "17"+date inside both
        f"01{GTIN}17251231" + f"10ABC{GS}211725123110XYZ",
        f"01{GTIN}17251231" + f"10ABC{GS}2112345172501",  # the issue's serial, with 17 present
        f"01{GTIN}17251231" + f"10ABC{GS}2100614141123452",  # a serial that happens to be digits
        f"01{GTIN}17251231" + f"10ABC{GS}2191X240Y30Z",  # "91", "240", "30" inside: not evidence
        f"01{GTIN}" + f"21SER{GS}1725123110LOT",  # serial then fixed then lot last
        f"[)>{RS}06{GS}9N{PPN}{GS}1TLOTD251231{GS}D251231{GS}SSER1TS{RS}{EOT}",
        f"[)>{RS}06{GS}9N{PPN}{GS}1TS1TD{GS}D251231{GS}SD251231{RS}{EOT}",
    ],
)
def test_valid_codes_with_separators_are_not_flagged(code: str) -> None:
    pc = p(code)
    assert pc.ok, pc.errors


def test_nhrn_split_off_a_valid_reading_is_flagged() -> None:
    # both readings are valid GS1; the PZN check makes the split the likelier one: never ok silently
    pc = p(f"01{NTIN}17251231" + f"10LOT{GS}21SER71003752864")
    detail = lost(pc)
    assert detail["candidates"][0] == {"01": NTIN, "17": "251231", "10": "LOT", "21": "SER71003752864"}
    assert detail["valid"] is True


def test_710_inside_a_serial_without_a_valid_pzn_is_not_evidence() -> None:
    assert p(f"01{GTIN}17251231" + f"10LOT{GS}21SER71012345670").ok  # 12345670 is no PZN


def test_appended_ean13_is_two_codes_not_one() -> None:
    pc = p(f"01{NTIN}17251231" + f"10LOT{GS}21SER" + NTIN[1:])
    detail = lost(pc)
    assert detail["trailing"] == NTIN[1:]
    assert detail["candidates"] == [{"01": NTIN, "17": "251231", "10": "LOT", "21": "SER"}]


def test_appended_ean13_to_the_batch() -> None:
    pc = p(f"01{GTIN}17251231" + f"21SER{GS}10LOT" + GTIN[1:])
    assert lost(pc)["candidates"][0]["10"] == "LOT"


def test_appended_pzn_to_an_ifa_serial() -> None:
    pc = p(f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT{GS}D251231{GS}SSER-{PZN}{RS}{EOT}")
    assert lost(pc)["candidates"][0]["S"] == "SER"


def test_ifa_gs_lost_between_batch_and_expiry() -> None:
    pc = p(f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT1D251200{GS}SSER1{RS}{EOT}")
    assert lost(pc)["candidates"] == [{"9N": PPN, "1T": "LOT1", "D": "251200", "S": "SER1"}]


def test_ifa_all_control_characters_lost() -> None:
    # a keyboard wedge that drops GS, RS and EOT
    pc = p(f"[)>069N{PPN}1TLOT1D251200SSER1")
    assert lost(pc)["candidates"] == [{"9N": PPN, "1T": "LOT1", "D": "251200", "S": "SER1"}]
    assert pc.scheme == "ifa"


def test_ifa_gs_lost_after_expiry() -> None:
    pc = p(f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT1{GS}D251200SSER1{RS}{EOT}")
    assert lost(pc)["candidates"] == [{"9N": PPN, "1T": "LOT1", "D": "251200", "S": "SER1"}]


def test_no_candidate_when_nothing_fits() -> None:
    pc = p(f"01{GTIN}17251231" + "10LOTONLY")
    assert [e.code for e in pc.errors] == ["not_a_pack_code"]


def test_candidates_only_with_valid_elements() -> None:
    # "17" + "251332" is no date: the split is not offered
    pc = p(f"01{GTIN}21SER" + "17251332" + f"{GS}10LOT")
    assert all("17" not in c for c in lost(pc)["candidates"]) if any(
        e.code == "separator_missing" for e in pc.errors) else not pc.ok


def test_search_is_bounded_on_long_digit_runs() -> None:
    pc = p(f"01{GTIN}17251231" + "10" + "1" * 150)
    assert not pc.ok
    pc = p(f"01{GTIN}" + "21" + "17251231" * 19)
    assert not pc.ok


def test_candidate_codes_are_parsed_readings() -> None:
    from scanner.parsing import candidate_codes

    pc = p(f"01{GTIN}17251231" + "10ABC21XYZ")
    readings = candidate_codes(pc, today=TODAY)
    assert len(readings) == 1 and readings[0].ok
    assert (readings[0].lot, readings[0].serial) == ("ABC", "XYZ")
    ifa_pc = p(f"[)>069N{PPN}1TLOT1D251200SSER1")
    (reading,) = candidate_codes(ifa_pc, today=TODAY)
    assert reading.ok and reading.scheme == "ifa" and reading.serial == "SER1"
    assert candidate_codes(p(f"01{GTIN}17251231" + f"10ABC{GS}21XYZ"), today=TODAY) == []


def test_too_long_field_ending_with_another_barcode() -> None:
    # some other product's EAN-13 read into the serial: the serial is too long; the tail checks out
    pc = p(f"01{GTIN}17251231" + f"10LOT{GS}21ABCDEFGHIJ4006381333931")
    detail = lost(pc)
    assert detail["trailing"] == "4006381333931" and detail["valid"] is True
    assert detail["candidates"][0]["21"] == "ABCDEFGHIJ"
    assert "too_long" in [e.code for e in pc.errors]
