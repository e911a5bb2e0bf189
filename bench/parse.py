"""Parser throughput: ``scanner.parse`` against ``biip.parse`` on the same mixed corpus, in one run.

    .venv/bin/python bench/parse.py [--codes 2000] [--rounds 5] [--seed 1]

The corpus (deterministic for a seed) mixes what a counter sees: GS1 element strings with GS
(with and without the ]d2 prefix, leading GS), the bracketed human-readable form, GS1 Digital
Link URIs, IFA format 06 codes, and invalid input (wrong check digits, lost separators, plain
EAN-13s, impossible dates, garbage). Each parser gets the same list, several rounds, best round
counted (the machine is shared and noisy). Then every code where the two parsers disagree on
the pack fields (GTIN, serial, lot, expiry) or on validity is listed with the reason.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import string
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import biip

from scanner import parse
from scanner.parsing.checks import gs1_check_digit, ppn_from_pzn, pzn_check_digit

GS, RS, EOT = "\x1d", "\x1e", "\x04"
SAFE = string.ascii_uppercase + string.digits


def _pzn(rng: random.Random) -> str:
    while True:
        body = "".join(rng.choice(string.digits) for _ in range(7))
        c = pzn_check_digit(body)
        if c != 10:
            return body + str(c)


def _gtin(rng: random.Random) -> str:
    german = rng.random() < 0.4
    body = "04150" + _pzn(rng) if german else "0" + "".join(rng.choice(string.digits) for _ in range(12))
    return body + str(gs1_check_digit(body))


def _date(rng: random.Random) -> str:
    return f"{rng.randint(26, 35):02d}{rng.randint(1, 12):02d}{rng.choice([0, rng.randint(1, 28)]):02d}"


def _x(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(SAFE) for _ in range(rng.randint(lo, hi)))


def make_corpus(n: int, seed: int) -> list[tuple[str, str]]:
    """(kind, code) pairs."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for _ in range(n):
        gtin, exp, lot, serial = _gtin(rng), _date(rng), _x(rng, 3, 10), _x(rng, 8, 20)
        roll = rng.random()
        if roll < 0.40:
            prefix = rng.choice(["]d2", "", GS])
            out.append(("gs1", f"{prefix}01{gtin}17{exp}10{lot}{GS}21{serial}"))
        elif roll < 0.50:
            out.append(("bracketed", f"(01){gtin}(17){exp}(10){lot}(21){serial}"))
        elif roll < 0.65:
            out.append(("digital-link", f"https://id.example.com/01/{gtin}/10/{lot}/21/{serial}?17={exp}"))
        elif roll < 0.88:
            ppn = ppn_from_pzn(_pzn(rng))
            out.append(("ifa", f"[)>{RS}06{GS}9N{ppn}{GS}1T{lot}{GS}D{exp}{GS}S{serial}{RS}{EOT}"))
        # about 12 % invalid input
        elif roll < 0.91:
            bad = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
            out.append(("bad-check-digit", f"]d201{bad}17{exp}10{lot}{GS}21{serial}"))
        elif roll < 0.94:
            out.append(("lost-separator", f"]d201{gtin}17{exp}10{lot}21{serial}"))
        elif roll < 0.96:
            out.append(("ean13", gtin[1:]))
        elif roll < 0.98:
            out.append(("bad-date", f"]d201{gtin}17{exp[:2]}1332" f"10{lot}{GS}21{serial}"))
        # the GS1 reference rules of issue 17
        elif roll < 0.985:
            other = _x(rng, 8, 20)
            out.append(("repeat-different", f"]d201{gtin}17{exp}10{lot}{GS}21{serial}{GS}21{serial}{GS}21{other}"))
        elif roll < 0.99:
            out.append(("dl-bad-order", f"https://id.example.com/01/{gtin}/21/{serial}/10/{lot}?17={exp}"))
        elif roll < 0.995:
            digits = "".join(rng.choice(string.digits) for _ in range(rng.choice([8, 12, 13, 14])))
            out.append(("gs1-symbology-digits", "]d2" + digits))
        else:
            out.append(("garbage", "".join(chr(rng.randint(32, 126)) for _ in range(rng.randint(5, 40)))))
    return out


def biip_fields(code: str) -> tuple[bool, dict[str, Any]]:
    """(parsed without error as GS1, fields) as biip sees them."""
    try:
        r = biip.parse(code)
    except Exception as exc:  # biip raises for input it cannot read at all
        return False, {"error": type(exc).__name__}
    msg = r.gs1_message or r.gs1_digital_link_uri
    if msg is None:
        return False, {}
    fields: dict[str, Any] = {}
    for es in msg.element_strings:
        fields[es.ai.ai] = es.date if es.date is not None else es.value
    return True, fields


def ours(code: str) -> tuple[bool, dict[str, Any]]:
    p = parse(code)
    return p.ok, {"01": p.gtin, "21": p.serial, "10": p.lot, "17": p.expiry}


_WHY_OURS_FAILS = {
    "separator_missing": "a GS was lost: biip takes the strict GS1 split (the batch swallows (21)... and runs "
    "past 20 characters or leaves no serial) and still returns the message; scanner.parse refuses it and "
    "lists the candidate splits",
    "check_digit": "wrong GTIN check digit: biip returns the message and puts the problem in gtin_error; "
    "scanner.parse fails the pack code",
    "invalid_date": "impossible expiry date: biip leaves date=None but returns the message; scanner.parse "
    "reports invalid_date",
    "not_a_pack_code": "a plain GTIN/EAN: biip reads it as a GTIN, which is what it is; but it has no serial, "
    "so it is not a pack code",
    "missing_field": "biip does not require serial, batch and expiry; a pack code does",
    "duplicate_ai": "an AI repeated with another value (two serials): GS1 refuses it, biip keeps one value",
}


def explain(code: str, ours_pc: Any, their_ok: bool, their_fields: dict[str, Any]) -> str:
    """Why scanner.parse and biip.parse disagree on one code."""
    if ours_pc.ok and not their_ok:
        if ours_pc.scheme == "ifa":
            return "IFA format 06: biip does not read ISO/IEC 15434 envelopes or ASC MH10 data identifiers"
        if code.lstrip().startswith("("):
            return "bracketed (01)... form: biip.parse does not read it (biip has GS1Message.parse_hri for HRI)"
        return f"biip fails on a valid pack code: {their_fields}"
    if not ours_pc.ok and their_ok:
        first = ours_pc.errors[0]
        if code[:3] in ("]d2", "]C1", "]e0", "]Q3", "]J1") and code[3:].isdigit():
            return ("digits under a GS1 symbology identifier are AI element strings (GS1 GenSpecs), not a bare "
                    f"GTIN: scanner.parse reads AIs ({first.code}), biip reads a GTIN")
        if first.detail and first.detail.get("rule") == "dl_path_qualifier":
            return "Digital Link path qualifiers out of the dictionary's order (dlpkey): biip does not check it"
        return _WHY_OURS_FAILS.get(first.code, f"scanner.parse reports {first.code}; biip accepts the code")
    if ours_pc.ok and their_ok:
        diff = {k: (v, their_fields.get(k)) for k, v in ours(code)[1].items() if their_fields.get(k) != v}
        return f"both accept, fields differ (ours, biip): {diff}"
    return "both reject"


def timed(fn: Callable[[str], object], codes: list[str], rounds: int) -> float:
    """Codes per second of CPU time (process time: less disturbed by other jobs on a shared machine)."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for c in codes:
            try:
                fn(c)
            except Exception:
                continue
        best = min(best, time.process_time() - t0)
    return len(codes) / best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--codes", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=3, help="example codes shown per disagreement kind")
    args = ap.parse_args(argv)
    corpus = make_corpus(args.codes, args.seed)
    kinds = Counter(k for k, _ in corpus)
    print(f"corpus: {len(corpus)} codes per round: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    # Every round gets a fresh corpus (same for both parsers), so no cache is warmed by the codes
    # themselves; the runs are interleaved so that load from other jobs hits both alike.
    ours_rate = biip_rate = 0.0
    for r in range(args.rounds):
        codes = [c for _, c in make_corpus(args.codes, args.seed + 1000 * (r + 1))]
        ours_rate = max(ours_rate, timed(parse, codes, 1))
        biip_rate = max(biip_rate, timed(biip.parse, codes, 1))
    print(f"scanner.parse {ours_rate:12,.0f} codes/s")
    print(f"biip.parse    {biip_rate:12,.0f} codes/s")
    print(f"ratio         {ours_rate / biip_rate:12.2f}x  (bar: 5x)")

    by_reason: dict[str, list[str]] = {}
    agree = 0
    for _, code in corpus:
        our_ok, our_fields = ours(code)
        their_ok, their_fields = biip_fields(code)
        same_fields = all(their_fields.get(k) == v for k, v in our_fields.items())
        if our_ok == their_ok and (not our_ok or same_fields):
            agree += 1
            continue
        by_reason.setdefault(explain(code, parse(code), their_ok, their_fields), []).append(code)
    print(f"\nagree on {agree} of {len(corpus)} codes (valid or not, and the same GTIN/serial/lot/expiry);")
    print("disagreements, by reason:")
    for why, examples in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        print(f"- {len(examples)} codes: {why}")
        for code in examples[: args.show]:
            print(f"    {code!r}: ours {[e.code for e in parse(code).errors] or 'ok'}")
    today = dt.date.today()
    print(f"\n(dates read with today's century window, {today.isoformat()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
