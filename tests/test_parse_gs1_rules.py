"""Issue 17: the four GS1 reference rules the parser must agree with, tested from the rules.

1. a repeated AI (or IFA DI) must carry the same value: any different repeat, anywhere, is
   ``duplicate_ai``;
2. data under ]d2 ]C1 ]e0 ]Q3 ]J1 or after FNC1 in first position is GS1 element strings, never a
   plain EAN/UPC/GTIN;
3. Digital Link path qualifiers and their order come from the dictionary's ``dlpkey`` attribute;
4. the Digital Link primary key is the right-most one (custom stems may contain anything).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.ai_table import AI_TABLE, DL_KEY_QUALIFIERS
from scanner.parsing import PackCode, gs1, parse
from scanner.parsing.checks import gs1_check_digit, ppn_from_pzn, pzn_check_digit

GS, RS, EOT = "\x1d", "\x1e", "\x04"
TODAY = dt.date(2026, 1, 15)
DIGITS = "0123456789"
# letters only: no AI or DI can start inside such a value, so the lost-separator search stays out
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
REPO = Path(__file__).resolve().parents[1]
DICTIONARY = REPO.parent / "shared" / "data" / "gs1" / "gs1-syntax-dictionary.txt"


def p(data: str | bytes) -> PackCode:
    return parse(data, today=TODAY)


def codes(pc: PackCode) -> list[str]:
    return [e.code for e in pc.errors]


def detail(e: Any) -> dict[str, Any]:
    assert e.detail is not None
    return dict(e.detail)


def rule_errors(pc: PackCode, rule: str) -> list[Any]:
    return [e for e in pc.errors if e.detail and e.detail.get("rule") == rule]


# ---------------------------------------------------------------- rule 1: repeated AIs / DIs

@st.composite
def gtins(draw: st.DrawFn) -> str:
    body = draw(st.text(DIGITS, min_size=13, max_size=13))
    return body + str(gs1_check_digit(body))


@st.composite
def yymmdd(draw: st.DrawFn) -> str:
    return draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))).strftime("%y%m%d")


@st.composite
def ppns(draw: st.DrawFn) -> str:
    body = draw(st.text(DIGITS, min_size=7, max_size=7).filter(lambda b: pzn_check_digit(b) != 10))
    return ppn_from_pzn(body + str(pzn_check_digit(body)))


TEXT = st.text(LETTERS, min_size=1, max_size=20)
GS1_VALUES = {"01": gtins(), "17": yymmdd(), "10": TEXT, "21": TEXT, "11": yymmdd()}
IFA_VALUES = {"9N": ppns(), "1T": TEXT, "D": yymmdd(), "S": TEXT}


@st.composite
def repeated_lists(draw: st.DrawFn, values: dict[str, Any]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """A complete pack's elements plus 1-4 repeats of random keys, each with the same or another
    valid value, shuffled into any order. Returns (first value by key, the list as written)."""
    keys = list(values)
    first = {k: draw(values[k]) for k in keys}
    items = list(first.items())
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.sampled_from(keys))
        items.append((k, first[k] if draw(st.booleans()) else draw(values[k])))
    shuffled = draw(st.permutations(items))
    # the first occurrence of each key is the value read: recompute it after shuffling
    first = {}
    for k, v in shuffled:
        first.setdefault(k, v)
    return first, shuffled


def _expect_repeats(pc: PackCode, first: dict[str, str], items: list[tuple[str, str]]) -> None:
    distinct: dict[str, list[str]] = {}
    count: dict[str, int] = {}
    for k, v in items:
        count[k] = count.get(k, 0) + 1
        if v not in distinct.setdefault(k, []):
            distinct[k].append(v)
    differing = {k for k, vs in distinct.items() if len(vs) > 1}
    same_repeat = {k for k, v in items if count[k] > 1 and items.count((k, first[k])) > 1}
    dup_errors = {detail(e)["ai"]: detail(e)["values"] for e in pc.errors if e.code == "duplicate_ai"}
    dup_warnings = [detail(e)["ai"] for e in pc.warnings if e.code == "duplicate_ai"]
    assert dup_errors == {k: distinct[k] for k in differing}
    assert sorted(dup_warnings) == sorted(same_repeat)  # once per key, even after a different value
    assert pc.ok == (not differing), pc.errors
    assert pc.elements == first  # the first value of each key is the one read


@settings(max_examples=150)
@given(data=repeated_lists(GS1_VALUES), form=st.sampled_from(["bracketed", "fnc1", "]d2"]))
def test_repeated_gs1_ai_any_order(data: tuple[dict[str, str], list[tuple[str, str]]], form: str) -> None:
    first, items = data
    if form == "bracketed":
        text = "".join(f"({k}){v}" for k, v in items)
    else:  # GS after every element (allowed after predefined-length AIs too)
        text = ("]d2" if form == "]d2" else GS) + GS.join(k + v for k, v in items)
    _expect_repeats(p(text), first, items)


@settings(max_examples=100)
@given(data=repeated_lists({"01": gtins(), "17": yymmdd(), "11": yymmdd()}))
def test_repeated_ai_in_digital_link_query(data: tuple[dict[str, str], list[tuple[str, str]]]) -> None:
    """The path holds 01/10/21; the query every element of the list (01 again is a repeat of the key)."""
    first, items = data
    gtin = first["01"]
    pc = p(f"https://example.com/01/{gtin}/10/LOT/21/SER?" + "&".join(f"{k}={v}" for k, v in items))
    path = [("01", gtin), ("10", "LOT"), ("21", "SER")]
    _expect_repeats(pc, {"01": gtin, "10": "LOT", "21": "SER"} | first, path + items)


@settings(max_examples=150)
@given(data=repeated_lists(IFA_VALUES))
def test_repeated_ifa_di_any_order(data: tuple[dict[str, str], list[tuple[str, str]]]) -> None:
    first, items = data
    pc = p(f"[)>{RS}06{GS}" + GS.join(k + v for k, v in items) + f"{RS}{EOT}")
    _expect_repeats(pc, first, items)


@pytest.mark.parametrize(
    "code, ai",
    [
        ("(01)09506000134352(21)SER1(21)SER1(21)SER2(10)L1(17)271231", "21"),
        ("(01)09506000134352(21)SER1(10)L1(17)271231(17)271231(17)281231", "17"),
        ("(01)09506000134352(01)09506000134352(01)04150037528643(21)S(10)L(17)271231", "01"),
        (f"[)>{RS}06{GS}9N110375286414{GS}1TL{GS}D271231{GS}SSER1{GS}SSER1{GS}SSER2{RS}{EOT}", "S"),
        (f"{GS}010950600013435217271231" + f"10L1{GS}21A{GS}21A{GS}21B", "21"),
    ],
)
def test_issue_examples_third_different_repeat(code: str, ai: str) -> None:
    pc = p(code)
    assert not pc.ok and "duplicate_ai" in codes(pc)
    assert [detail(e)["ai"] for e in pc.errors if e.code == "duplicate_ai"] == [ai]
    assert [detail(e)["ai"] for e in pc.warnings if e.code == "duplicate_ai"] == [ai]


# ---------------------------------------------------------------- rule 2: symbology identifiers

ELEMENT_STRING_PREFIXES = ["]d2", "]C1", "]e0", "]Q3", "]J1", GS, "]d2" + GS, "]Q3" + GS]


def _strict_elements(digits: str) -> dict[str, str]:
    elements, _ = gs1.split_element_string(digits)
    out: dict[str, str] = {}
    for ai, value, _ in elements:
        out.setdefault(ai, value)
    return out


@pytest.mark.parametrize("prefix", ELEMENT_STRING_PREFIXES)
@pytest.mark.parametrize("length", range(1, 41))
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_gs1_symbology_digits_are_element_strings(prefix: str, length: int, data: st.DataObject) -> None:
    digits = data.draw(st.text(DIGITS, min_size=length, max_size=length))
    pc = p(prefix + digits)
    assert pc.scheme == "gs1"
    assert pc.symbology == (prefix[:3] if prefix.startswith("]") else None)
    assert pc.elements == _strict_elements(digits)  # the AI reading, never {"01": digits.zfill(14)}
    assert not any(re.match(r"(EAN-8|UPC-A|EAN-13|GTIN-14) \d+: wrong", e.message)
                   or re.match(r"a plain (EAN-8|UPC-A|EAN-13|GTIN-14) product number", e.message) for e in pc.errors)


@pytest.mark.parametrize("prefix", ["", "]d1", "]Q1", "]E0", "]E4", "]I1"])
@pytest.mark.parametrize("length", [8, 12, 13, 14])
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_plain_digits_without_gs1_symbology_are_a_gtin(prefix: str, length: int, data: st.DataObject) -> None:
    digits = data.draw(st.text(DIGITS, min_size=length, max_size=length))
    pc = p(prefix + digits)
    assert pc.elements == {"01": digits.zfill(14)}
    assert codes(pc) in (["not_a_pack_code"], ["check_digit"])


@pytest.mark.parametrize(
    "code, elements, error",
    [
        ("]d281111234", {"8111": "1234"}, "missing_field"),
        ("]d211120230", {"11": "120230"}, "invalid_date"),  # 2012-02-30
        ("]d280080001021415", {"8008": "0001021415"}, "missing_field"),
        (GS + "81111234", {"8111": "1234"}, "missing_field"),
        (GS + "11120230", {"11": "120230"}, "invalid_date"),
        (GS + "80080001021415", {"8008": "0001021415"}, "missing_field"),
    ],
)
def test_issue_examples_symbology(code: str, elements: dict[str, str], error: str) -> None:
    pc = p(code)
    assert pc.elements == elements and pc.gtin is None
    assert error in codes(pc) and not pc.ok


# ---------------------------------------------------------------- rules 3 and 4: Digital Link

def test_qualifier_table_is_the_dictionary_dlpkey_attribute() -> None:
    """DL_KEY_QUALIFIERS is generated from the dictionary, not hand-written: every dlpkey there is here."""
    text = DICTIONARY.read_text(encoding="utf-8")
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in text.splitlines():
        m = re.match(r"^(\d+)\s.*\bdlpkey(?:=(\S+))?", line.split("#")[0])
        if m:
            found[m.group(1)] = tuple(tuple(a.split(",")) for a in m.group(2).split("|")) if m.group(2) else ()
    assert found == DL_KEY_QUALIFIERS
    assert DL_KEY_QUALIFIERS["01"] == (("22", "10", "21"), ("235",))


def _valid_order(key: str, seq: list[str]) -> bool:
    """The rule restated: the AIs of one alternative, each once, in the alternative's order."""
    if len(set(seq)) != len(seq):
        return False
    return not seq or any([a for a in alt if a in seq] == seq for alt in DL_KEY_QUALIFIERS[key])


def _sequences(key: str) -> list[list[str]]:
    pool = sorted({a for alt in DL_KEY_QUALIFIERS[key] for a in alt} | {"99"})  # 99: never a qualifier
    return [list(perm) for n in range(len(pool) + 1) for perm in itertools.permutations(pool, n)]


ALL_SEQUENCES = [(key, seq) for key in sorted(DL_KEY_QUALIFIERS) for seq in _sequences(key)]


@pytest.mark.parametrize("key, seq", ALL_SEQUENCES, ids=["/".join([k, *s]) for k, s in ALL_SEQUENCES])
def test_every_key_every_qualifier_permutation(key: str, seq: list[str]) -> None:
    uri = f"https://example.com/{key}/K1" + "".join(f"/{ai}/V{i}" for i, ai in enumerate(seq))
    pc = p(uri)
    assert pc.scheme == "gs1-dl"
    assert next(iter(pc.elements)) == key
    assert bool(rule_errors(pc, "dl_path_qualifier")) == (not _valid_order(key, seq)), (uri, pc.errors)


GTIN = "09506000134352"
GTIN_VALUES = {"22": "CPV1", "10": "LOT1", "21": "SER1", "235": "TPX1"}


@pytest.mark.parametrize("seq", [s for k, s in ALL_SEQUENCES if k == "01"], ids=lambda s: "/".join(s) or "-")
def test_gtin_path_permutations_end_to_end(seq: list[str]) -> None:
    if "99" in seq:
        return
    pc = p(f"https://id.gs1.org/01/{GTIN}" + "".join(f"/{ai}/{GTIN_VALUES[ai]}" for ai in seq) + "?17=271231")
    assert pc.ok == (_valid_order("01", seq) and "10" in seq and "21" in seq), (seq, pc.errors)


def test_issue_example_bad_order_and_stray_ai() -> None:
    pc = p("https://id.gs1.org/01/01234567890128/21/12345XYZ/10/ABC123?17=271231")
    assert not pc.ok and rule_errors(pc, "dl_path_qualifier")
    pc = p("https://id.gs1.org/01/01234567890128/10/ABC123/99/X/21/12345XYZ?17=271231")
    errs = rule_errors(pc, "dl_path_qualifier")
    assert not pc.ok and errs and errs[0].detail["ai"] == "99" and errs[0].field == "99"
    assert p("https://id.gs1.org/01/01234567890128/10/ABC123/21/12345XYZ?17=271231").ok


STEM_SEGMENTS = st.one_of(st.sampled_from(["00", "01", "21", "10", "8006", "faux", "99", "235", "414", "x"]),
                          st.text("abcXYZ0123456789-._~", min_size=1, max_size=8))


@settings(max_examples=200)
@given(stem=st.lists(STEM_SEGMENTS, max_size=6), query=st.sampled_from(["?17=271231", "?17=271231&linkType=all"]))
def test_primary_key_is_right_most(stem: list[str], query: str) -> None:
    dl = f"/01/{GTIN}/10/LOT1/21/SER1{query}"
    with_stem = p("https://example.com" + "".join("/" + s for s in stem) + dl)
    assert with_stem.ok, (stem, with_stem.errors)
    assert with_stem.elements == p("https://example.com" + dl).elements


def test_issue_example_fake_ai_in_stem() -> None:
    pc = p("https://a/00/faux/00/006141411234567890")
    assert pc.elements == {"00": "006141411234567890"}
    assert codes(pc) == ["not_a_pack_code"]  # an SSCC: valid, but no pack


# the ?21= decision: a serial given only in the query is the pack's serial, read with a warning
def test_serial_only_in_query_is_read_with_a_warning() -> None:
    pc = p(f"https://id.gs1.org/01/{GTIN}/10/LOT1?17=271231&21=SER1")
    assert pc.ok and pc.serial == "SER1"
    assert [w.detail["rule"] for w in pc.warnings if w.detail and "rule" in w.detail] == ["dl_qualifier_in_query"]


@pytest.mark.parametrize("path", [[], ["22"], ["10"], ["22", "10"], ["21"], ["10", "21"], ["235"]])
@pytest.mark.parametrize("qualifier", ["22", "10", "21", "235"])
def test_qualifier_in_query(path: list[str], qualifier: str) -> None:
    """A query AI that fits the path as a qualifier is read with a warning; one that cannot
    (repeated, or from the other alternative) and is not a data attribute is an error."""
    uri = f"https://id.gs1.org/01/{GTIN}" + "".join(f"/{ai}/{GTIN_VALUES[ai]}" for ai in path)
    pc = p(uri + f"?17=271231&{qualifier}={GTIN_VALUES[qualifier]}")
    fits = any(_valid_order("01", [*path[:j], qualifier, *path[j:]]) for j in range(len(path) + 1))
    in_query = [w for w in pc.warnings if w.detail and w.detail.get("rule") == "dl_qualifier_in_query"]
    attr = rule_errors(pc, "dl_attribute")
    assert bool(in_query) == fits
    assert bool(attr) == (not fits and not AI_TABLE[qualifier].dl_attr)
    if fits:
        assert pc.elements[qualifier] == GTIN_VALUES[qualifier]


# ---------------------------------------------------------------- linters: implemented or documented as left out

LEFT_OUT = {"gcppos1", "gcppos2", "iso3166", "iso3166999", "iso3166alpha2", "iso4217", "iban", "mediatype",
            "packagetype", "couponcode", "couponposoffer"}


def test_every_dictionary_linter_is_implemented_or_documented() -> None:
    from scanner.parsing.elements import _LINTERS_RUN

    used = {name for spec in AI_TABLE.values() for comp in spec.components for name in comp.linters}
    assert used == (used & _LINTERS_RUN) | LEFT_OUT
    assert not LEFT_OUT & _LINTERS_RUN
    doc = (REPO / "docs" / "parsing.md").read_text(encoding="utf-8")
    section = doc[doc.index("### GS1 linters") :]
    for name in used:
        assert f"`{name}`" in section, f"docs/parsing.md does not list the linter {name}"
