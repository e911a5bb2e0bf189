"""Where a hub adapter's own time goes: cProfile over N verifies through each adapter (fmd-rest,
nmvs-soap, securpharm) against the simulator in its own process, so the profile holds the client
side only. Prints, per adapter, the CPU time per verify and the functions with the most cumulative
time below ``verify`` (waiting for the socket shows as ``recv_into``/``poll``: not the adapter's).

    .venv/bin/python bench/hub_profile.py [--verifies 500] [--top 25] [--adapter nmvs-soap]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from hub import GTIN, start_hub, write_packs

from dispense_app.core.model import PackRef, ProductScheme

EXPIRY = dt.date(2031, 12, 31)


def client_for(name: str, url: str) -> Any:
    if name == "fmd-rest":
        from dispense_app.hub.fmd_rest import FmdRestClient

        return FmdRestClient(url, location_id="BENCH", retries=0)
    if name == "nmvs-soap":
        from dispense_app.hub.nmvs_soap import Credentials, NmvsSoapClient

        return NmvsSoapClient(url + "/nmvs/soap", credentials=Credentials("BENCH", "BENCH01", "bench-pass"), retries=0)
    from dispense_app.hub.securpharm import SecurPharmClient

    return SecurPharmClient(url + "/securpharm", application_id="BENCH", retries=0)


def profile(name: str, url: str, n: int, top: int) -> None:
    packs = [PackRef(ProductScheme.GTIN, GTIN, f"P{i % 5000:06d}", "L1", EXPIRY) for i in range(n)]
    with client_for(name, url) as client:
        client.verify(packs[0])  # connect (and log in) outside the profile
        prof = cProfile.Profile()
        cpu = time.thread_time()
        prof.enable()
        for pack in packs:
            client.verify(pack)
        prof.disable()
        cpu_ms = (time.thread_time() - cpu) * 1000 / n
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    print(f"=== {name}: {n} verifies, CPU {cpu_ms:.2f} ms per verify (profiled, so inflated) ===")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:20000])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--verifies", type=int, default=500)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--adapter", choices=("fmd-rest", "nmvs-soap", "securpharm"), action="append")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "packs.csv"
        write_packs(csv, 5000)
        proc, url = start_hub(csv)
        try:
            for name in args.adapter or ("fmd-rest", "nmvs-soap", "securpharm"):
                profile(name, url, args.verifies, args.top)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
