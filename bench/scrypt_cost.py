"""What one offline PIN guess costs: the station's scrypt (N = 2^16, r = 8, p = 1) beside the old
parameters (N = 2^14) and a plain SHA-256, timed in the same run (issue 16, defect 8).

    .venv/bin/python bench/scrypt_cost.py [--rounds 5]

Someone with a copy of ``station.db`` can try PINs against a hash without any throttling; the
cost per guess is then all that protects a PIN. Printed: the median time per guess over
``--rounds`` guesses (what an attacker's loop pays), the ratio to the station's parameters,
guesses per second on one core, and how long trying every 6-digit and 4-digit PIN would take on
this machine (one core; an attacker with 16 cores divides by 16). The bar: at least 100 ms per
guess. At the counter, the throttle (2-16 s waits, 15 minutes after six failures)
bounds online guessing far below that: see docs/security.md.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dispense_app.core.operators import SCRYPT_N, SCRYPT_P, SCRYPT_R, hash_secret, verify_secret

BAR_MS = 100.0


def median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def human(seconds: float) -> str:
    for unit, size in (("years", 365 * 86400), ("days", 86400), ("hours", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:,.1f} {unit}"
    return f"{seconds:,.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="guesses timed per setting (median)")
    args = parser.parse_args()
    rounds = max(1, args.rounds)
    stored = hash_secret("582913")  # today's parameters, as the station stores a new PIN
    old = hash_secret("582913", n=2**14)
    salt = b"0123456789abcdef"
    rows = [
        (f"station scrypt N=2^{SCRYPT_N.bit_length() - 1} r={SCRYPT_R} p={SCRYPT_P}",
         median_ms(lambda: verify_secret("582914", stored), rounds)),
        ("old scrypt N=2^14 r=8 p=1", median_ms(lambda: verify_secret("582914", old), rounds)),
        ("plain sha256 (no key stretching)", median_ms(lambda: hashlib.sha256(salt + b"582914").digest(), rounds)),
    ]  # fmt: skip
    station_ms = rows[0][1]
    print(f"{'setting':38} {'ms/guess':>10} {'x station':>10} {'guesses/s':>10} {'6 digits':>14} {'4 digits':>14}")
    for name, ms in rows:
        per_s = 1000 / ms if ms else float("inf")
        print(f"{name:38} {ms:10.3f} {ms / station_ms:10.4f} {per_s:10.1f} "
              f"{human(10**6 * ms / 1000):>14} {human(10**4 * ms / 1000):>14}")  # fmt: skip
    ratio = station_ms / rows[1][1]
    verdict = "meets" if station_ms >= BAR_MS else "BELOW"
    print(f"\none offline guess: {station_ms:.0f} ms ({ratio:.1f}x the old parameters): {verdict} the bar of "
          f"{BAR_MS:.0f} ms per guess")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
