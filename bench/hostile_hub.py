"""Hostile-hub benchmark (issue 16): the installed command line against a hub that misbehaves.

The simulator runs as its own process (``dispense-app hub-sim``) and is switched between its
hostile modes (``POST /_admin/faults``, dispense_app/hub/simulator/hostile.py). For each mode a
fresh station with queued decommissions runs ``verify``, ``dispense`` and ``sync``, each as its own
process, so its peak RSS (``os.wait4``) is its own; the seconds are those of the command itself
(``main()`` timed inside the process, after the interpreter started: the user waits for that too,
but the deadline is about the call). The baseline is the same three
calls against the healthy simulator, in the same run.

Bars (issue 16): peak RSS < 150 MB in every mode (a 100 MB reply is refused, not read); every call
ends within its deadline + 1 s (verify/dispense: ``deadline_s``, 6 s; sync: the bulk deadline,
60 s), whatever the hub does: dribbling the body or the headers, asking to retry in an hour. The
call's time is what the command takes beyond the same command against the healthy hub (the
station's own work: imports, opening the database, local rules; ~1-2 s on a busy machine).

    .venv/bin/python bench/hostile_hub.py [--queued 20] [--modes healthy,oversize,...]

Exit status 1 when a bar is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

GTIN = "04150037528643"
GS = "\x1d"
DEADLINE_S = 6.0
BULK_DEADLINE_S = 60.0
BAR_RSS_MB = 150.0
BAR_SLACK_S = 1.0

MODES: dict[str, dict[str, Any]] = {
    "healthy": {},
    "oversize-100MB": {"oversize_bytes": 100 * 1024 * 1024},
    "trickle-body-10B/s": {"trickle_bytes_per_s": 10},
    "trickle-headers-10B/s": {"trickle_headers_bytes_per_s": 10},
    "retry-after-3600": {"retry_after": "3600"},
    "nested-200000": {"nest_depth": 200_000},
    "garbage": {"garbage": True},
}
#: every hostile field at its "off" value, so switching modes turns the previous one off
OFF: dict[str, Any] = {
    "trickle_bytes_per_s": 0, "trickle_headers_bytes_per_s": 0, "oversize_bytes": 0, "reverse_bulk": False,
    "retry_after": "", "nest_depth": 0, "garbage": False, "redirect": 0, "return_code": "", "state": "",
    "bulk_status": "", "latency_ms": 0, "error_rate": 0, "outage": False,
}


def code(serial: str) -> str:
    return f"01{GTIN}21{serial}{GS}10L1{GS}17311231"


def start_hub(packs_csv: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "dispense_app", "hub-sim", "--port", "0", "--packs", str(packs_csv)],
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"simulator did not start: {line!r}")
    return proc, line.removeprefix("listening on ")


#: the command line in a process that times ``main()`` itself: the call, without the interpreter's start
TIMED_MAIN = (
    "import sys, time\n"
    "from dispense_app.cli import main\n"
    "t = time.perf_counter()\n"
    "rc = main(sys.argv[1:])\n"
    "sys.stderr.write(f'\\nBENCH_SECONDS {time.perf_counter() - t}\\n')\n"
    "sys.exit(rc)\n"
)


def run(args: list[str], scratch: Path) -> tuple[float, float, int]:
    """Seconds the command took (``main()``, after the interpreter started), the process's peak RSS
    in MB and its exit status."""
    err = scratch / "stderr.txt"
    with err.open("wb") as fh:
        proc = subprocess.Popen([sys.executable, "-c", TIMED_MAIN, *args], stdout=subprocess.DEVNULL, stderr=fh)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [x for x in err.read_text(errors="replace").splitlines() if x.startswith("BENCH_SECONDS ")]
    seconds = float(lines[-1].split()[1]) if lines else float("nan")
    return seconds, usage.ru_maxrss / 1024, proc.returncode  # Linux: ru_maxrss in KiB


def station(root: Path, mode: str, url: str, queued: int) -> Path:
    """A fresh home: the hub configured, ``queued`` decommissions waiting in the outbox."""
    home = root / mode.replace("/", "_")
    serials = [f"Q{mode[:3].upper()}{i:04d}" for i in range(queued)]
    subprocess.run([sys.executable, "-m", "dispense_app", "dispense", *(code(s) for s in serials), "--home",
                    str(home), "--hub", "http://127.0.0.1:9"], check=False, capture_output=True)
    (home / "hub.json").write_text(json.dumps({"url": url, "type": "fmd-rest", "deadline_s": DEADLINE_S}))
    return home


def measure(root: Path, url: str, mode: str, queued: int) -> dict[str, tuple[float, float, int]]:
    httpx.post(f"{url}/_admin/faults", json={**OFF, **MODES[mode]}, timeout=120).raise_for_status()
    home = station(root, mode, url, queued)
    tag = mode[:3].upper()
    return {
        "verify": run(["verify", code(f"V{tag}0001"), "--home", str(home)], root),
        "dispense": run(["dispense", code(f"D{tag}0001"), "--home", str(home)], root),
        "sync": run(["sync", "--home", str(home)], root),
    }


def write_packs(path: Path, modes: list[str], queued: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("gtin,serial,lot,expiry,state\n")
        for mode in modes:
            tag = mode[:3].upper()
            for serial in [f"V{tag}0001", f"D{tag}0001", *(f"Q{tag}{i:04d}" for i in range(queued))]:
                fh.write(f"{GTIN},{serial},L1,2031-12-31,Active\n")


def report(results: dict[str, dict[str, tuple[float, float, int]]]) -> bool:
    base = results.get("healthy")
    ok = True
    print(f"{'mode':24} {'call':9} {'seconds':>8} {'x base':>7} {'+ base':>7} {'bar s':>6} {'RSS MB':>7} "
          f"{'x base':>7} {'exit':>4}  bars")
    for mode, calls in results.items():
        for call, (seconds, rss, status) in calls.items():
            limit = (BULK_DEADLINE_S if call == "sync" else DEADLINE_S) + BAR_SLACK_S
            b_s, b_rss = (base[call][0], base[call][1]) if base else (float("nan"), float("nan"))
            # the same command against the healthy hub (same run) is the command's own work: opening
            # the station, imports, the local rules; what it takes longer is the time spent on the hub
            on_hub = seconds - b_s
            passed = on_hub <= limit and rss < BAR_RSS_MB
            ok = ok and passed
            print(f"{mode:24} {call:9} {seconds:8.2f} {seconds / b_s:7.2f} {on_hub:+7.2f} {limit:6.0f} {rss:7.1f} "
                  f"{rss / b_rss:7.2f} {status:4d}  {'ok' if passed else 'MISSED'}")
    worst_rss = max(rss for calls in results.values() for _, rss, _ in calls.values())
    print(f"\npeak RSS over every call: {worst_rss:.1f} MB (bar < {BAR_RSS_MB:.0f} MB); baseline = 'healthy' rows;")
    print("'+ base' = seconds beyond the same command against the healthy hub: the time the hub held it "
          "(bar: its deadline + 1 s)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queued", type=int, default=20, help="decommissions waiting for sync (default 20)")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated modes (healthy is always run)")
    args = parser.parse_args()
    modes = ["healthy", *(m for m in args.modes.split(",") if m and m != "healthy")]
    unknown = set(modes) - set(MODES)
    if unknown:
        raise SystemExit(f"unknown modes: {', '.join(sorted(unknown))}; known: {', '.join(MODES)}")
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as tmp:
        root = Path(tmp)
        write_packs(root / "packs.csv", modes, args.queued)
        hub, url = start_hub(root / "packs.csv")
        try:
            results = {mode: measure(root, url, mode, args.queued) for mode in modes}
        finally:
            hub.terminate()
            try:
                hub.wait(timeout=30)
            except subprocess.TimeoutExpired:
                hub.kill()
                hub.wait()
    return 0 if report(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
