"""Check digits, dates and character sets (GS1 General Specifications, IFA specification).

All functions are pure and never raise on any string.
"""

from __future__ import annotations

import calendar
import datetime as dt
import operator

# CSET 82 (GS1 GenSpecs 7.11, figure 7.11-1): A-Z a-z 0-9 and ! " % & ' ( ) * + , - . / : ; < = > ? _
CSET82 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!\"%&'()*+,-./:;<=>?_")
# CSET 39: A-Z 0-9 # - /
CSET39 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#-/")
# CSET 64 (file-safe base64, with "=" padding as used by AI 8030)
CSET64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
DIGITS = frozenset("0123456789")

CSETS: dict[str, frozenset[str]] = {"N": DIGITS, "X": CSET82, "Y": CSET39, "Z": CSET64}


def first_bad_char(value: str, allowed: frozenset[str]) -> int:
    """Index of the first character of ``value`` not in ``allowed``, or -1."""
    for i, c in enumerate(value):
        if c not in allowed:
            return i
    return -1


# weights 3, 1, 3, 1 ... counted from the right, by body length; and 48 * their sum (ASCII "0")
_GS1_WEIGHTS = {n: tuple(3 if (n - 1 - i) % 2 == 0 else 1 for i in range(n)) for n in range(1, 18)}
_GS1_OFFSET = {n: 48 * sum(w) for n, w in _GS1_WEIGHTS.items()}


def gs1_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for ``body`` (digits only, without the check digit)."""
    weights = _GS1_WEIGHTS.get(len(body))
    if weights is not None and body.isascii():
        total: int = sum(map(operator.mul, body.encode("ascii"), weights)) - _GS1_OFFSET[len(body)]
    else:
        total = 0
        weight = 3  # 3, 1, 3, 1 ... from the right
        for c in reversed(body):
            total += (ord(c) - 48) * weight
            weight = 4 - weight
    return (10 - total % 10) % 10


def gs1_check_ok(value: str) -> bool:
    """True if ``value`` is all digits and its last digit is the GS1 mod-10 check digit."""
    if len(value) < 2 or not value.isascii() or not value.isdigit():
        return False
    return gs1_check_digit(value[:-1]) == ord(value[-1]) - 48


_PPN_WEIGHTS = tuple(range(2, 40))
_PZN_WEIGHTS = (1, 2, 3, 4, 5, 6, 7)


def ppn_check_digits(body: str) -> str:
    """PPN check (IFA): sum(ASCII(char_i) * (i + 2)) mod 97, i from 0, as two digits."""
    if len(body) <= len(_PPN_WEIGHTS) and body.isascii():
        total = sum(map(operator.mul, body.encode("ascii"), _PPN_WEIGHTS))
    else:
        total = sum(ord(c) * (i + 2) for i, c in enumerate(body))
    return f"{total % 97:02d}"


def ppn_check_ok(ppn: str) -> bool:
    return len(ppn) >= 3 and ppn[-2:] == ppn_check_digits(ppn[:-2])


def pzn_check_digit(body: str) -> int:
    """PZN8 check digit: sum(digit_i * i), i = 1..7, mod 11 (10 is never issued)."""
    if len(body) == 7 and body.isascii():
        total: int = sum(map(operator.mul, body.encode("ascii"), _PZN_WEIGHTS))
        return (total - 48 * 28) % 11
    total = 0
    for i, c in enumerate(body, start=1):
        total += (ord(c) - 48) * i
    return total % 11


def pzn_check_ok(pzn: str) -> bool:
    """True for a valid 8-digit PZN (a PZN7 must be given with its leading 0)."""
    if len(pzn) != 8 or not pzn.isascii() or not pzn.isdigit():
        return False
    check = pzn_check_digit(pzn[:7])
    return check != 10 and check == ord(pzn[7]) - 48


def ppn_from_pzn(pzn: str) -> str:
    """The PPN of a PZN8: "11" + PZN + two mod-97 check digits."""
    body = "11" + pzn
    return body + ppn_check_digits(body)


NTIN_PREFIX = "04150"
"""A German NTIN is a GTIN-14: 0 + 4150 + PZN8 + GS1 check digit (the one place this is written)."""


def ntin_from_pzn(pzn: str) -> str:
    """Germany's NTIN of a PZN (a PZN7 gets its leading 0): 0 4150 + PZN8 + GS1 check digit."""
    body = NTIN_PREFIX + pzn.zfill(8)
    return body + str(gs1_check_digit(body))


def pzn_in_ntin(gtin: str | None) -> str | None:
    """The PZN8 inside a German NTIN, else None (the PZN's own check digit is not checked here)."""
    if gtin is not None and len(gtin) == 14 and gtin.startswith(NTIN_PREFIX):
        return gtin[5:13]
    return None


def pzn_in_ppn(ppn: str | None) -> str | None:
    """The PZN8 inside a PPN ("11" + PZN8 + 2 check characters, IFA coding), else None."""
    if ppn is not None and len(ppn) == 12 and ppn.startswith("11") and ppn[2:10].isdigit():
        return ppn[2:10]
    return None


def century_year(yy: int, today: dt.date) -> int:
    """Full year for a two-digit year by the GS1 sliding window (GenSpecs 7.12: -49/+50 years)."""
    current = today.year
    century = current - current % 100
    diff = yy - current % 100
    if diff >= 51:
        century -= 100
    elif diff <= -50:
        century += 100
    return century + yy


_DATE_CACHE: dict[tuple[str, int, bool], dt.date | None] = {}


def parse_yymmdd(value: str, today: dt.date, *, day_zero: bool) -> dt.date | None:
    """A YYMMDD date, or None if invalid. With ``day_zero``, day 00 means the month's last day."""
    key = (value, today.year, day_zero)
    try:
        return _DATE_CACHE[key]
    except KeyError:
        pass
    if len(_DATE_CACHE) > 20000:
        _DATE_CACHE.clear()
    result = _DATE_CACHE[key] = _parse_yymmdd(value, today, day_zero)
    return result


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _parse_yymmdd(value: str, today: dt.date, day_zero: bool) -> dt.date | None:
    if len(value) != 6 or not value.isascii() or not value.isdigit():
        return None
    month = int(value[2:4])
    day = int(value[4:6])
    if not 1 <= month <= 12:
        return None
    year = century_year(int(value[0:2]), today)
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
    if day == 0:
        if not day_zero:
            return None
        day = last
    elif day > last:
        return None
    return dt.date(year, month, day)


def parse_yyyymmdd(value: str) -> dt.date | None:
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _hhmi(v: str) -> bool:
    return len(v) == 4 and int(v[:2]) <= 23 and int(v[2:]) <= 59


def _pcenc(v: str) -> bool:
    i = v.find("%")
    while i != -1:
        pair = v[i + 1 : i + 3]
        if len(pair) != 2 or any(c not in "0123456789ABCDEFabcdef" for c in pair):
            return False
        i = v.find("%", i + 3)
    return True


def _piece_of_total(v: str) -> bool:
    if len(v) % 2 or not v.isdigit():
        return False
    half = len(v) // 2
    piece, total = int(v[:half]), int(v[half:])
    return 0 < piece <= total


def _posinseqslash(v: str) -> bool:
    """"pos/end": two numbers without zero prefix (so not zero), pos <= end (AI 7258)."""
    pos, slash, end = v.partition("/")
    if not slash or not pos.isdigit() or not end.isdigit() or not pos.isascii() or not end.isascii():
        return False
    return pos[0] != "0" and end[0] != "0" and int(pos) <= int(end)


# GS1 alphanumeric check character pair (GenSpecs 7.9.5, AIs 8013, 8014): CSET 82 values weighted
# by primes from the right, mod 1021, written as two CSET 32 characters.
_CSUMALPHA_VALUES = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
_CSET32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _primes(n: int) -> list[int]:
    out: list[int] = []
    k = 2
    while len(out) < n:
        if all(k % q for q in out if q * q <= k):
            out.append(k)
        k += 1
    return out


_PRIMES = _primes(97)


def csumalpha_ok(v: str) -> bool:
    body, pair = v[:-2], v[-2:]
    if len(v) < 2 or len(body) > len(_PRIMES) or any(c not in _CSUMALPHA_VALUES for c in body):
        return False
    total = sum(_CSUMALPHA_VALUES.index(c) * _PRIMES[len(body) - 1 - i] for i, c in enumerate(body)) % 1021
    return pair == _CSET32[total >> 5] + _CSET32[total & 31]


_IMPORTER_INDEX = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_")


def lint(name: str, value: str, today: dt.date) -> str | None:
    """Run one Syntax Dictionary linter on a component value (charset already checked).

    Returns None if the value passes, else the error code (``check_digit`` or ``invalid_date``,
    ``malformed`` for other rules). Linters this module does not implement (company prefix
    look-ups, ISO code lists, coupon formats) pass: they need data the station does not have.
    """
    if name == "csum":
        return None if gs1_check_ok(value) else "check_digit"
    if name == "yymmd0":
        return None if parse_yymmdd(value, today, day_zero=True) else "invalid_date"
    if name == "yymmdd":
        return None if parse_yymmdd(value, today, day_zero=False) else "invalid_date"
    if name == "yyyymmdd":
        return None if parse_yyyymmdd(value) else "invalid_date"
    if name == "hhmi":
        return None if _hhmi(value) else "invalid_date"
    if name == "hh":
        return None if int(value) <= 23 else "invalid_date"
    if name in ("mi", "ss"):
        return None if int(value) <= 59 else "invalid_date"
    if name == "nonzero":
        return None if int(value) != 0 else "malformed"
    if name == "zero":
        return None if int(value) == 0 else "malformed"
    if name == "yesno":
        return None if value in ("0", "1") else "malformed"
    if name == "iso5218":
        return None if value in ("0", "1", "2", "9") else "malformed"
    if name == "winding":
        return None if value in ("0", "1", "9") else "malformed"
    if name == "hyphen":
        return None if value == "-" else "malformed"
    if name == "nozeroprefix":
        return None if value == "0" or not value.startswith("0") else "malformed"
    if name == "hasnondigit":
        return None if not value.isdigit() else "malformed"
    if name == "pcenc":
        return None if _pcenc(value) else "malformed"
    if name == "pieceoftotal":
        return None if _piece_of_total(value) else "malformed"
    if name == "csumalpha":
        return None if csumalpha_ok(value) else "check_digit"
    if name == "latitude":
        return None if int(value) <= 1_800_000_000 else "malformed"
    if name == "longitude":
        return None if int(value) <= 3_600_000_000 else "malformed"
    if name == "posinseqslash":
        return None if _posinseqslash(value) else "malformed"
    if name == "importeridx":
        return None if value in _IMPORTER_INDEX else "malformed"
    return None
