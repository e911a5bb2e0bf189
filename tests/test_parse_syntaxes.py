"""scanner.parse on every syntax, every error code, the JSON contract (DESIGN.md "parse --json")."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from scanner import PackCode, parse
from scanner.parsing import ERROR_CODES, ParseError
from scanner.parsing.checks import ntin_from_pzn

GS, RS, EOT = "\x1d", "\x1e", "\x04"
TODAY = dt.date(2026, 1, 15)
PZN = "03752864"
PPN = "110375286414"  # DOMAIN.md: PZN 03752864 -> PPN 110375286414
NTIN = ntin_from_pzn(PZN)  # 04150037528643
GTIN = "09506000134352"
PACK = f"01{NTIN}17251200" + f"10LOT42{GS}21SER123"
IFA = f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT42{GS}D251200{GS}SSER123{RS}{EOT}"

CONTRACT_KEYS = ["ok", "scheme", "symbology", "gtin", "ppn", "pzn", "serial", "lot", "expiry", "nhrn", "errors",
                 "warnings"]


def p(data: str | bytes) -> PackCode:
    return parse(data, today=TODAY)


def codes(pc: PackCode) -> list[str]:
    return [e.code for e in pc.errors]


def fields(pc: PackCode) -> tuple[str | None, ...]:
    return (pc.gtin, pc.serial, pc.lot, pc.expiry.isoformat() if pc.expiry else None)


# ---------------------------------------------------------------- valid codes in every syntax

VALID = [
    # (input, scheme, symbology, gtin, serial, lot, expiry)
    (PACK, "gs1", None),
    (GS + PACK, "gs1", None),  # leading GS as FNC1
    ("]d2" + PACK, "gs1", "]d2"),
    ("]d2" + GS + PACK, "gs1", "]d2"),
    ("]Q3" + PACK, "gs1", "]Q3"),
    ("]C1" + PACK, "gs1", "]C1"),
    ("]e0" + PACK, "gs1", "]e0"),
    (f"01{NTIN}21SER123{GS}17251200" + "10LOT42", "gs1", None),  # any order
    (f"10LOT42{GS}21SER123{GS}01{NTIN}17251200", "gs1", None),
    (f"01{NTIN}17251200" + f"10LOT42{GS}21SER123{GS}", "gs1", None),  # a trailing GS is harmless
    (f"01{NTIN}{GS}17251200{GS}10LOT42{GS}21SER123", "gs1", None),  # GS after predefined-length AIs
    (f"(01){NTIN}(17)251200(10)LOT42(21)SER123", "gs1", None),
    (f"(01) {NTIN} (17) 251200 (10) LOT42 (21) SER123", "gs1", None),
    (f"https://id.gs1.org/01/{NTIN}/10/LOT42/21/SER123?17=251200", "gs1-dl", None),
    (f"https://example.com/some/resolver/01/{NTIN}/10/LOT42/21/SER123?17=251200&linkType=all", "gs1-dl", None),
    (f"]Q1https://example.com/01/{NTIN}/10/LOT42/21/SER123?17=251200", "gs1-dl", "]Q1"),
    (f"HTTPS://EXAMPLE.COM/01/{NTIN}/10/LOT42/21/SER123?17=251200", "gs1-dl", None),
    (f"https://example.com/01/{NTIN}/10/LOT42/21/SER123?17=251200#fragment", "gs1-dl", None),
    (f"https://example.com/01/{NTIN[1:]}/10/LOT42/21/SER123?17=251200", "gs1-dl", None),  # GTIN-13 padded
]


@pytest.mark.parametrize(("code", "scheme", "symbology"), VALID)
def test_valid_gs1_codes(code: str, scheme: str, symbology: str | None) -> None:
    pc = p(code)
    assert pc.ok, pc.errors
    assert (pc.scheme, pc.symbology) == (scheme, symbology)
    assert fields(pc) == (NTIN, "SER123", "LOT42", "2025-12-31")
    assert pc.pzn == PZN  # derived from the German NTIN
    assert pc.errors == [] and pc.elements["01"] == NTIN


@pytest.mark.parametrize(
    "code",
    [
        IFA,
        f"]d1{IFA}",
        f"[)>{RS}06{GS}SSER123{GS}D251200{GS}1TLOT42{GS}9N{PPN}{RS}{EOT}",  # any order
        f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT42{GS}D251200{GS}SSER123{GS}8P{NTIN}{RS}{EOT}",
        f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT42{GS}D251200{GS}SSER123{GS}16D20240115{RS}{EOT}",
    ],
)
def test_valid_ifa_codes(code: str) -> None:
    pc = p(code)
    assert pc.ok, pc.errors
    assert pc.scheme == "ifa"
    assert (pc.ppn, pc.pzn, pc.serial, pc.lot, pc.expiry) == (PPN, PZN, "SER123", "LOT42", dt.date(2025, 12, 31))
    assert pc.warnings == []


def test_ifa_gtin_from_8p() -> None:
    pc = p(f"[)>{RS}06{GS}8P{NTIN}{GS}1TLOT42{GS}D251231{GS}SSER123{RS}{EOT}")
    assert pc.ok and pc.gtin == NTIN and pc.pzn == PZN and pc.ppn is None


def test_ifa_missing_trailer_is_lenient_with_a_warning() -> None:
    pc = p(f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT42{GS}D251200{GS}SSER123")
    assert pc.ok and pc.serial == "SER123"
    assert [w.code for w in pc.warnings] == ["malformed"] and "trailer" in pc.warnings[0].message


def test_ifa_eot_missing_after_rs() -> None:
    pc = p(f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT42{GS}D251200{GS}SSER123{RS}")
    assert pc.ok and "EOT" in pc.warnings[0].message


def test_ifa_unsupported_format() -> None:
    pc = p(f"[)>{RS}07{GS}anything{RS}{EOT}")
    assert codes(pc) == ["malformed"]


def test_gs1_in_iso15434_format_05() -> None:
    pc = p(f"[)>{RS}05{GS}{PACK}{RS}{EOT}")
    assert pc.ok and pc.scheme == "gs1" and pc.serial == "SER123"


def test_nhrn_and_pzn_from_ai_710() -> None:
    pc = p(f"01{GTIN}17251231" + f"10L1{GS}21S1{GS}710{PZN}")
    assert pc.ok and pc.nhrn == {"710": PZN} and pc.pzn == PZN
    pc = p(f"01{GTIN}17251231" + f"10L1{GS}21S1{GS}714ABC1234{GS}716012345678")
    assert pc.ok and pc.nhrn == {"714": "ABC1234", "716": "012345678"} and pc.pzn is None


def test_expiry_from_7003_when_17_is_absent() -> None:
    pc = p(f"01{GTIN}" + f"70032512312359{GS}10L1{GS}21S1")
    assert pc.ok and pc.expiry == dt.date(2025, 12, 31)


def test_fixed_length_ai_that_needs_a_separator() -> None:
    # 7003 has a fixed length but is not in the predefined-length table: FNC1 must follow it
    pc = p(f"01{GTIN}17251231" + f"10L1{GS}7003251231235921S1")
    assert codes(pc) == ["separator_missing", "too_long"]
    assert pc.errors[0].detail
    assert {"7003": "2512312359", "21": "S1"}.items() <= pc.errors[0].detail["candidates"][0].items()


@pytest.mark.parametrize(
    ("code", "elements"),
    [
        # AIs the parser has no special meaning for are still split by the dictionary's rules
        (f"01{GTIN}17251231" + f"10L1{GS}70032512312359{GS}21S1", {"7003": "2512312359", "21": "S1"}),
        (f"01{GTIN}17251231" + f"240ADD-1{GS}3012{GS}10L1{GS}21S1", {"240": "ADD-1", "30": "12"}),
        (f"01{GTIN}17251231" + f"10L1{GS}714PT1234{GS}715NDC123{GS}716AIC1{GS}21S1",
         {"714": "PT1234", "715": "NDC123", "716": "AIC1"}),
        (f"01{GTIN}17251231" + "3103001234" + f"10L1{GS}21S1", {"3103": "001234"}),
        (f"01{GTIN}17251231" + f"10L1{GS}21S1{GS}91internal{GS}99x", {"91": "internal", "99": "x"}),
    ],
)
def test_unknown_to_us_but_valid_ais_split(code: str, elements: dict[str, str]) -> None:
    pc = p(code)
    assert pc.ok, pc.errors
    for ai, value in elements.items():
        assert pc.elements[ai] == value
    assert pc.serial == "S1" and pc.lot == "L1"


def test_whitespace_and_line_ends_are_stripped_raw_is_kept() -> None:
    raw = b"  " + PACK.encode() + b"\r\n\t"
    pc = p(raw)
    assert pc.ok and pc.raw == raw and pc.serial == "SER123"
    pc = p(PACK + "\n")
    assert pc.ok and pc.raw == (PACK + "\n").encode()


def test_str_and_bytes_give_the_same_result() -> None:
    assert p(PACK).to_json() == p(PACK.encode("latin-1")).to_json()
    assert p(IFA).to_json() == p(IFA.encode("latin-1")).to_json()


def test_percent_decoding_in_digital_link() -> None:
    pc = p(f"https://example.com/01/{NTIN}/10/A%2FB/21/X%25Y%26Z?17=251231")
    assert pc.ok and pc.lot == "A/B" and pc.serial == "X%Y&Z"


def test_digital_link_query_ais_and_nhrn() -> None:
    pc = p(f"https://example.com/01/{NTIN}/10/L/21/S?17=251231&710={PZN}&linkType=gs1:pip")
    assert pc.ok and pc.nhrn == {"710": PZN}


# ---------------------------------------------------------------- the JSON contract


def test_json_contract_keys_and_types() -> None:
    doc = p("]d2" + PACK).to_json()
    assert list(doc)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert doc["expiry"] == "2025-12-31" and doc["symbology"] == "]d2" and doc["scheme"] == "gs1"
    assert doc["nhrn"] is None and doc["ppn"] is None and doc["errors"] == [] and doc["warnings"] == []
    json.dumps(doc)


def test_json_errors_have_code_message_field() -> None:
    doc = p(f"01{NTIN[:-1]}9" + "17251231" + f"10L{GS}21S").to_json()
    assert doc["ok"] is False
    err = doc["errors"][0]
    assert {"code", "message", "field"} <= set(err) and err["code"] == "check_digit" and err["field"] == "gtin"


def test_packcode_is_frozen() -> None:
    pc = p(PACK)
    with pytest.raises(AttributeError):
        pc.ok = False  # type: ignore[misc]


# ---------------------------------------------------------------- one test per error code


def test_check_digit_gtin() -> None:
    pc = p(f"01{GTIN[:-1]}3" + "17251231" + f"10L{GS}21S")
    assert codes(pc) == ["check_digit"] and pc.errors[0].field == "gtin" and not pc.ok


def test_check_digit_ppn() -> None:
    pc = p(IFA.replace(PPN, PPN[:-1] + "5"))
    assert codes(pc) == ["check_digit"] and pc.errors[0].field == "ppn"


def test_check_digit_pzn_in_710() -> None:
    pc = p(f"01{GTIN}17251231" + f"10L{GS}21S{GS}71003752865")
    assert codes(pc) == ["check_digit"] and pc.errors[0].field == "710"


def test_check_digit_pzn_inside_ntin() -> None:
    body = "04150" + "03752865"
    from scanner.parsing.checks import gs1_check_digit

    ntin = body + str(gs1_check_digit(body))  # a valid GTIN whose PZN part is not a valid PZN
    pc = p(f"01{ntin}17251231" + f"10L{GS}21S")
    assert codes(pc) == ["check_digit"] and pc.errors[0].field == "pzn"


def test_check_digit_8p() -> None:
    pc = p(f"[)>{RS}06{GS}8P{NTIN[:-1]}0{GS}1TL{GS}D251231{GS}SS{RS}{EOT}")
    assert codes(pc) == ["check_digit"] and pc.errors[0].field == "gtin"


@pytest.mark.parametrize("date", ["251301", "250230", "25123A"[:5] + "X", "251232"])
def test_invalid_date_gs1(date: str) -> None:
    pc = p(f"01{GTIN}17{date}" + f"10L{GS}21S")
    assert "invalid_date" in codes(pc) or "bad_charset" in codes(pc)
    if date.isdigit():
        assert codes(pc) == ["invalid_date"] and pc.errors[0].field == "expiry" and pc.expiry is None


def test_invalid_date_ifa_and_production_date() -> None:
    assert codes(p(IFA.replace("D251200", "D251301"))) == ["invalid_date"]
    bad16 = IFA.replace(f"{RS}{EOT}", f"{GS}16D20230229{RS}{EOT}")
    pc = p(bad16)
    assert codes(pc) == ["invalid_date"] and pc.errors[0].field == "16D"


def test_too_long() -> None:
    pc = p(f"01{GTIN}17251231" + f"10L{GS}21ABCDEFGHIJKLMNOPQRSTU")  # 21 characters
    assert codes(pc) == ["too_long"] and pc.errors[0].field == "serial"
    pc = p(IFA.replace("SSER123", "S" + "X" * 21))
    assert codes(pc) == ["too_long"]


def test_bad_charset_names_character_and_position() -> None:
    pc = p(f"01{GTIN}17251231" + f"10L{GS}21AB#CD")
    assert codes(pc) == ["bad_charset"]
    err = pc.errors[0]
    assert err.field == "serial" and err.detail and err.detail["char"] == "#" and err.detail["position"] == 3
    assert "'#'" in err.message and "position 3" in err.message


def test_bad_charset_non_ascii_and_control_bytes() -> None:
    pc = p(f"01{GTIN}17251231".encode() + b"10L\x1d21AB\xe4C")
    assert codes(pc) == ["bad_charset"] and pc.errors[0].detail["char"] == "\xe4"  # type: ignore[index]
    pc = p(f"01{GTIN}17251231".encode() + b"10L\x1d21AB\x00C")
    assert codes(pc) == ["bad_charset"] and "U+0000" in pc.errors[0].message


def test_missing_field_product_code() -> None:
    pc = p("17251231" + f"10L{GS}21SER")
    assert "missing_field" in codes(pc) and any(e.field == "gtin" for e in pc.errors)


def test_missing_field_lot_and_expiry() -> None:
    pc = p(f"01{GTIN}21SER")
    assert sorted(codes(pc)) == ["missing_field", "missing_field"]
    assert {e.field for e in pc.errors} == {"lot", "expiry"}


def test_associations_from_the_dictionary() -> None:
    assert p(f"01{GTIN}17251231" + f"10L{GS}21S{GS}250X").ok  # 250 needs (01 or 8006) and 21: present
    pc = p(f"01{GTIN}17251231" + f"10L{GS}21S{GS}254X")  # 254 needs 414
    assert codes(pc) == ["missing_field"] and pc.errors[0].field == "254"
    assert pc.errors[0].detail and pc.errors[0].detail["requires"] == ["414"]
    pc = p(f"01{GTIN}17251231" + f"10L{GS}21S{GS}422276{GS}426276")  # 422 excludes 426
    assert codes(pc) == ["malformed"] and pc.errors[0].detail and pc.errors[0].detail["excludes"] == "426"


def test_missing_field_ifa() -> None:
    pc = p(f"[)>{RS}06{GS}1TL{GS}D251231{GS}SSER{RS}{EOT}")
    assert codes(pc) == ["missing_field"] and pc.errors[0].field == "ppn"


def test_unknown_ai() -> None:
    pc = p(f"01{GTIN}17251231" + f"10L{GS}21S{GS}89123")
    assert "unknown_ai" in codes(pc)
    pc = p(f"(01){GTIN}(17)251231(10)L(21)S(245)X")
    assert codes(pc) == ["unknown_ai"] and pc.errors[0].field == "245"
    pc = p(f"https://example.com/01/{GTIN}/10/L/21/S?17=251231&999=1")
    assert codes(pc) == ["unknown_ai"]


def test_unknown_ifa_di() -> None:
    pc = p(f"[)>{RS}06{GS}9N{PPN}{GS}1TL{GS}D251231{GS}SSER{GS}4LXX{RS}{EOT}")
    assert codes(pc) == ["unknown_ai"] and pc.errors[0].field == "4L"


def test_duplicate_ai_conflicting_is_an_error() -> None:
    pc = p(f"01{GTIN}17251231" + "17261231" + f"10L{GS}21S")
    assert codes(pc) == ["duplicate_ai"] and not pc.ok


def test_duplicate_ai_identical_is_a_warning() -> None:
    pc = p(f"01{GTIN}17251231" + "17251231" + f"10L{GS}21S")
    assert pc.ok and [w.code for w in pc.warnings] == ["duplicate_ai"]


def test_duplicate_di_ifa() -> None:
    pc = p(IFA.replace(f"{RS}{EOT}", f"{GS}SOTHER{RS}{EOT}"))
    assert codes(pc) == ["duplicate_ai"]


def test_separator_missing_basic() -> None:
    pc = p(f"01{NTIN}17251200" + "10LOT4221SER123")
    assert codes(pc) == ["separator_missing"] and not pc.ok
    assert pc.errors[0].detail and pc.errors[0].detail["candidates"] == [
        {"01": NTIN, "17": "251200", "10": "LOT42", "21": "SER123"}
    ]


@pytest.mark.parametrize(
    "code",
    [
        "4006381333931",  # EAN-13
        "09506000134352",  # GTIN-14 digits
        "96385074",  # EAN-8
        "036000291452",  # UPC-A
        "]E04006381333931",
        f"01{GTIN}17251231",  # GTIN + expiry, no serial
        f"01{GTIN}17251231" + "10LOT",
        f"https://id.gs1.org/01/{GTIN}",
        f"(01){GTIN}",
    ],
)
def test_not_a_pack_code(code: str) -> None:
    pc = p(code)
    assert codes(pc) == ["not_a_pack_code"] and not pc.ok
    assert pc.gtin == GTIN or pc.gtin == "0" + code[-13:] or pc.gtin is not None


def test_web_address_without_product_key() -> None:
    pc = p("https://example.com/hello?a=b")
    assert codes(pc) == ["not_a_pack_code"]


@pytest.mark.parametrize(
    "code",
    ["", "   \r\n", "hello world", "]d2", "[)>", "ABC\x1dDEF", "(x)", "\x00\x01\x02", "\x1d\x1d", "]d2\x1d"],
)
def test_malformed(code: str) -> None:
    pc = p(code)
    assert not pc.ok and codes(pc) and codes(pc)[0] in ("malformed", "unknown_ai")


def test_plain_gtin_with_wrong_check_digit() -> None:
    assert codes(p("4006381333932")) == ["check_digit"]


def test_unknown_symbology_identifier_is_reported() -> None:
    pc = p("]z9" + PACK)
    assert pc.symbology == "]z9" and pc.ok and pc.warnings and pc.warnings[0].detail == {"symbology": "]z9"}


def test_gs1_data_in_plain_datamatrix_is_read_with_a_warning() -> None:
    pc = p("]d1" + PACK)
    assert pc.ok and pc.symbology == "]d1" and "FNC1" in pc.warnings[0].message


def test_every_error_code_is_reachable_and_typed() -> None:
    seen = set()
    samples = [
        f"01{GTIN[:-1]}3" + "17251231" + f"10L{GS}21S",
        f"01{GTIN}17251301" + f"10L{GS}21S",
        f"01{GTIN}17251231" + f"10L{GS}21ABCDEFGHIJKLMNOPQRSTU",
        f"01{GTIN}17251231" + f"10L{GS}21A#",
        f"01{GTIN}21S",
        f"01{GTIN}17251231" + f"10L{GS}21S{GS}89123",
        f"01{GTIN}17251231" + "17261231" + f"10L{GS}21S",
        f"01{NTIN}17251200" + "10LOT4221SER123",
        "4006381333931",
        "hello",
    ]
    for s in samples:
        for e in p(s).errors:
            assert isinstance(e, ParseError)
            seen.add(e.code)
    assert seen == set(ERROR_CODES)
