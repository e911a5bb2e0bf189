"""The fast path for the common case: a valid GS1 element string.

It does the same work as :func:`scanner.parsing.gs1.split_element_string` plus
:func:`scanner.parsing.gs1.validate`, in one pass with precompiled per-AI checks, and gives up
(returns None) at the first sign of anything unusual: an unknown AI, a duplicate, a value that
fails its format or linter, a missing association or pack field. The general path then produces
the precise errors. So the fast path can only make valid codes faster, never change a result;
``tests/test_parse_properties.py::test_fast_path_agrees_with_general_path`` checks both agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from scanner.ai_table import AI_LENGTH_BY_PREFIX, AI_TABLE
from scanner.parsing import checks
from scanner.parsing.elements import compile_spec
from scanner.parsing.gs1 import NHRN_AIS, associations
from scanner.parsing.ifa import IFA_SPECS

GS = "\x1d"
# What the fast path returns for a valid code: (elements, gtin, ppn, pzn, serial, lot, expiry, nhrn).
# A plain tuple: building a Reading or any object here costs a noticeable share of a parse.
Fast = tuple[dict[str, str], str | None, str | None, str | None, str, str, dt.date | None, dict[str, str]]
_Check = Callable[[str, dt.date], bool]
_Fast = tuple[bool, int, _Check]
_X82 = "".join(sorted(checks.CSET82))


def _generic(spec_match: Callable[[str], re.Match[str] | None], linters: tuple[tuple[int, str], ...]) -> _Check:
    def check(value: str, today: dt.date) -> bool:
        m = spec_match(value)
        if m is None:
            return False
        for idx, name in linters:
            part = m.group(idx)
            if part is not None and checks.lint(name, part, today) is not None:
                return False
        return True

    return check


def _gtin(value: str, today: dt.date) -> bool:
    return len(value) == 14 and checks.gs1_check_ok(value)


def _date0(value: str, today: dt.date) -> bool:
    return checks.parse_yymmdd(value, today, day_zero=True) is not None


def _x20(value: str, today: dt.date) -> bool:
    return 0 < len(value) <= 20 and not value.strip(_X82)  # every character in CSET 82


# Hand-written checks for the AIs of nearly every pack code; each is exactly its generic check.
_SPECIAL: dict[str, _Check] = {"01": _gtin, "17": _date0, "11": _date0, "10": _x20, "21": _x20,
                               **{ai: _x20 for ai in NHRN_AIS}}


def _build() -> dict[str, _Fast]:
    table: dict[str, _Fast] = {}
    for ai, spec in AI_TABLE.items():
        special = _SPECIAL.get(ai)
        table[ai] = (spec.predefined, spec.max_len, special or _generic(*compile_spec(spec)))
    return table


_FAST = _build()
_LEN = AI_LENGTH_BY_PREFIX


def element_string(s: str, today: dt.date) -> Fast | None:
    """The fields of a valid GS1 element string (leading GS removed), or None to use the general path."""
    el: dict[str, str] = {}
    n = len(s)
    i = 0
    while i < n:
        if s[i] == GS:
            i += 1
            continue
        two = s[i : i + 2]
        # the four AIs of nearly every pack code, inline (the same checks as _SPECIAL)
        if two == "01":
            value = s[i + 2 : i + 16]
            if "01" in el or len(value) != 14 or not checks.gs1_check_ok(value):
                return None
            el["01"] = value
            i += 16
            continue
        if two == "17":
            value = s[i + 2 : i + 8]
            if "17" in el or checks.parse_yymmdd(value, today, day_zero=True) is None:
                return None
            el["17"] = value
            i += 8
            continue
        if two == "10" or two == "21":
            end = s.find(GS, i + 2)
            if end < 0:
                end = n
            value = s[i + 2 : end]
            if two in el or not 0 < len(value) <= 20 or value.strip(_X82):
                return None
            el[two] = value
            i = end
            continue
        length = _LEN.get(two)
        if length is None:
            return None
        ai = s[i : i + length]
        fast = _FAST.get(ai)
        if fast is None or ai in el:
            return None
        start = i + length
        if fast[0]:
            end = start + fast[1]
        else:
            end = s.find(GS, start)
            if end < 0:
                end = n
        value = s[start:end]
        if not fast[2](value, today):
            return None
        el[ai] = value
        i = end
    return _pack(el, today)


def element_list(elements: list[tuple[str, str, int]], today: dt.date) -> Fast | None:
    """The fields of valid, already split GS1 elements (bracketed form, Digital Link), or None."""
    el: dict[str, str] = {}
    for ai, value, _ in elements:
        fast = _FAST.get(ai)
        if fast is None or ai in el or not fast[2](value, today):
            return None
        el[ai] = value
    return _pack(el, today)


def _pack(el: dict[str, str], today: dt.date) -> Fast | None:
    if associations(tuple(el)):
        return None
    serial = el.get("21")
    gtin = el.get("01")
    lot = el.get("10")
    exp = el.get("17")
    if serial is None or gtin is None or lot is None or exp is None:
        return None
    pzn: str | None = None
    if gtin.startswith("04150"):
        pzn = gtin[5:13]
        if not checks.pzn_check_ok(pzn):
            return None
    nhrn: dict[str, str] = {}
    if len(el) > 4:
        for ai in el:
            if ai in NHRN_AIS:
                nhrn[ai] = el[ai]
        pzn710 = nhrn.get("710")
        if pzn710 is not None:
            pzn710 = pzn710 if len(pzn710) == 8 else "0" + pzn710
            if not checks.pzn_check_ok(pzn710) or (pzn is not None and pzn != pzn710):
                return None
            pzn = pzn710
    return el, gtin, None, pzn, serial, lot, checks.parse_yymmdd(exp, today, day_zero=True), nhrn


_UPPER_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _ppn(value: str, today: dt.date) -> bool:
    return 3 <= len(value) <= 22 and not value.strip(_UPPER_ALNUM) and checks.ppn_check_ok(value)


def _date8(value: str, today: dt.date) -> bool:
    return checks.parse_yyyymmdd(value) is not None


# Each is exactly the general path's element check for that data identifier (see ifa.IFA_SPECS).
_IFA_FAST: dict[str, _Check] = {"9N": _ppn, "8P": _gtin, "1T": _x20, "D": _date0, "S": _x20, "16D": _date8}
assert set(_IFA_FAST) == set(IFA_SPECS)


def ifa(body: str, today: dt.date) -> Fast | None:
    """The fields of valid IFA format-06 data (envelope removed), or None for the general path."""
    el: dict[str, str] = {}
    for part in body.split(GS):
        if not part:
            continue
        c = part[0]
        if "A" <= c <= "Z":
            di = c
        elif "A" <= part[1:2] <= "Z":
            di = part[:2]
        elif "A" <= part[2:3] <= "Z":
            di = part[:3]
        else:
            return None
        check = _IFA_FAST.get(di)
        if check is None or di in el:
            return None
        value = part[len(di) :]
        if not check(value, today):
            return None
        el[di] = value
    ppn = el.get("9N")
    serial = el.get("S")
    lot = el.get("1T")
    exp = el.get("D")
    gtin = el.get("8P")
    if serial is None or lot is None or exp is None or (ppn is None and gtin is None):
        return None
    pzn: str | None = None
    if ppn is not None and len(ppn) == 12 and ppn.startswith("11"):
        pzn = ppn[2:10]
        if not checks.pzn_check_ok(pzn):
            return None
    if gtin is not None and gtin.startswith("04150"):
        ntin_pzn = gtin[5:13]
        if not checks.pzn_check_ok(ntin_pzn) or (pzn is not None and pzn != ntin_pzn):
            return None
        pzn = ntin_pzn
    return el, gtin, ppn, pzn, serial, lot, checks.parse_yymmdd(exp, today, day_zero=True), {}
