"""Check digits and dates: GS1 General Specifications and IFA facts (shared/DOMAIN.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from scanner.parsing import checks

TODAY = dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    "number",
    [
        "09506000134352",  # GS1 Digital Link standard's example GTIN
        "00614141123452",  # GS1 General Specifications example GTIN
        "106141411234567897",  # GS1 General Specifications example SSCC
        "4006381333931",  # EAN-13
        "5901234123457",  # EAN-13 (GS1 Poland example)
        "96385074",  # EAN-8
        "036000291452",  # UPC-A
    ],
)
def test_gs1_check_digit_valid(number: str) -> None:
    assert checks.gs1_check_ok(number)
    for wrong in range(10):
        if str(wrong) != number[-1]:
            assert not checks.gs1_check_ok(number[:-1] + str(wrong))


@pytest.mark.parametrize("bad", ["", "1", "0950600013435X", "0950600013435²", "09506000 34352"])
def test_gs1_check_digit_rejects_non_digits(bad: str) -> None:
    assert not checks.gs1_check_ok(bad)


def test_ppn_from_pzn_domain_example() -> None:
    # DOMAIN.md 3: PZN 03752864 -> PPN 110375286414
    assert checks.ppn_from_pzn("03752864") == "110375286414"
    assert checks.ppn_check_ok("110375286414")
    assert not checks.ppn_check_ok("110375286415")
    assert not checks.ppn_check_ok("110375286514")


def test_ppn_check_is_the_ifa_formula() -> None:
    body = "1103752864"
    expected = sum(ord(c) * (i + 2) for i, c in enumerate(body)) % 97
    assert checks.ppn_check_digits(body) == f"{expected:02d}" == "14"


def test_pzn_check_digit() -> None:
    assert checks.pzn_check_ok("03752864")
    assert not checks.pzn_check_ok("03752865")
    assert not checks.pzn_check_ok("3752864")  # PZN8 only; a PZN7 must get its leading 0
    # a body whose check digit would be 10 is never issued as a PZN
    body = next(f"{n:07d}" for n in range(10**6) if sum(int(d) * i for i, d in enumerate(f"{n:07d}", 1)) % 11 == 10)
    assert checks.pzn_check_digit(body) == 10
    assert not any(checks.pzn_check_ok(body + str(d)) for d in range(10))


def test_ntin_from_pzn() -> None:
    ntin = checks.ntin_from_pzn("03752864")
    assert ntin.startswith("04150") and ntin[5:13] == "03752864" and checks.gs1_check_ok(ntin)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("251231", dt.date(2025, 12, 31)),
        ("251200", dt.date(2025, 12, 31)),  # day 00 = last day of the month
        ("240200", dt.date(2024, 2, 29)),  # leap year
        ("230200", dt.date(2023, 2, 28)),
        ("000229", dt.date(2000, 2, 29)),
        ("260430", dt.date(2026, 4, 30)),
        ("260431", None),
        ("250229", None),
        ("251301", None),
        ("250001", None),
        ("25123", None),
        ("2512311", None),
        ("25I231", None),
    ],
)
def test_yymmd0(value: str, expected: dt.date | None) -> None:
    assert checks.parse_yymmdd(value, TODAY, day_zero=True) == expected


def test_day_zero_only_where_allowed() -> None:
    assert checks.parse_yymmdd("251200", TODAY, day_zero=False) is None


@pytest.mark.parametrize(
    ("today", "yy", "year"),
    [
        # GS1 GenSpecs 7.12: the year is within -49/+50 years of the current year
        (dt.date(2026, 6, 1), 76, 2076),
        (dt.date(2026, 6, 1), 77, 1977),
        (dt.date(2026, 6, 1), 0, 2000),
        (dt.date(2026, 6, 1), 99, 1999),
        (dt.date(2060, 1, 1), 10, 2110),
        (dt.date(2060, 1, 1), 11, 2011),
        (dt.date(1999, 1, 1), 49, 2049),
        (dt.date(1999, 1, 1), 50, 1950),
        (dt.date(2051, 1, 1), 0, 2100),
    ],
)
def test_century_window(today: dt.date, yy: int, year: int) -> None:
    assert checks.century_year(yy, today) == year
    assert -49 <= year - today.year <= 50


def test_yyyymmdd() -> None:
    assert checks.parse_yyyymmdd("20240229") == dt.date(2024, 2, 29)
    assert checks.parse_yyyymmdd("20230229") is None
    assert checks.parse_yyyymmdd("2023022") is None


@pytest.mark.parametrize(
    ("linter", "good", "bad"),
    [
        ("hhmi", "2359", "2460"),
        ("csum", "09506000134352", "09506000134353"),
        ("yesno", "1", "2"),
        ("nonzero", "001", "000"),
        ("pieceoftotal", "0102", "0302"),
        ("pcenc", "a%20b", "a%2"),
    ],
)
def test_linters(linter: str, good: str, bad: str) -> None:
    assert checks.lint(linter, good, TODAY) is None
    assert checks.lint(linter, bad, TODAY) is not None


def test_unknown_linters_pass() -> None:
    assert checks.lint("gcppos2", "anything", TODAY) is None
    assert checks.lint("no-such-linter", "", TODAY) is None


# ---------------------------------------------------------------- linters added for issue 17
@pytest.mark.parametrize(
    "name, good, bad",
    [
        # the GS1 reference linter's own cases (gs1-syntax-engine lint_csumalpha.c unit tests)
        ("csumalpha", ["22", "!22", "1987654Ad4X4bL5ttr2310c2K", "12345678901234567890123NT", "00000!HV",
                       "99999zzzzzzzzzzzzzzzzzzT2", "12345_0123456789:;<=>?62"],
         ["2", "33", "1987654Ad4X4bL5ttr2310cXK", "1987654Ad4X4bL5ttr2310c2X"]),
        ("posinseqslash", ["1/1", "2/3", "9/10", "100/100", "998/999"],
         ["/", "1/", "1//2", "0/1", "1/02", "2/1", "10/9", "x/y"]),
        ("latitude", ["0000000000", "1800000000"], ["1800000001", "9999999999"]),
        ("longitude", ["0000000000", "3600000000"], ["3600000001"]),
        ("importeridx", ["0", "A", "z", "-", "_"], ["!", "/"]),
    ],
)
def test_issue17_linters(name: str, good: list[str], bad: list[str]) -> None:
    from scanner.parsing.checks import lint

    today = dt.date(2026, 1, 15)
    assert [lint(name, v, today) for v in good] == [None] * len(good)
    assert all(lint(name, v, today) is not None for v in bad)
