"""Alert export benchmark: 1,000,000 alerts to CSV and JSON Lines, 10,000 to a PDF report.

Each case runs in its own child process, so its peak memory is that process's peak resident set
size (``ru_maxrss``: the Python interpreter and imports included; the idle figure is printed too).
Every project figure is printed beside a baseline measured in the same run:

* synthetic path (alerts made by a streaming generator, ``dispense_app.export.samples``):
  - ``csv``      write_csv (formula neutralisation, control characters, atomic file, SHA-256)
    vs ``csv-baseline``: the same cells through a plain ``csv.writer`` to an open file, no escaping
  - ``jsonl``    write_jsonl vs ``jsonl-baseline``: ``json.dumps`` per row to an open file
  - ``pdf``      write_pdf_report (summary page, Unicode font, fitted cells) vs ``pdf-baseline``: a
    plain fpdf2 table of the same columns in a built-in font
  - ``generate`` only draining the generator: the part of every synthetic figure that is input
* SQLite path (the realistic one: a station database with the same alerts, streamed through the
  store's ``Station.alerts()`` into ``export_alerts``, which also writes the audit entry):
  - ``sqlite-csv`` vs ``sqlite-csv-baseline``: ``SELECT *`` rows straight into ``csv.writer``
  - ``sqlite-jsonl`` vs ``sqlite-jsonl-baseline``: the store's ``alert_dicts()`` fast path + ``json.dumps``

Usage: ``.venv/bin/python bench/export.py [--rows 1000000] [--pdf-rows 10000] [--sqlite-rows N | --no-sqlite]``
Bar (issue 9): 1,000,000 alerts to CSV in under 15 s with peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _rss_now_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# ------------------------------------------------------------------------------------------ child cases


def _case(name: str, rows: int, folder: Path) -> dict[str, Any]:
    import csv

    from dispense_app.core.alerts import ALERT_FIELDS
    from dispense_app.export.codec import alert_to_json
    from dispense_app.export.csv_writer import record_cells, write_csv
    from dispense_app.export.jsonl_writer import write_jsonl
    from dispense_app.export.pdf_report import write_pdf_report
    from dispense_app.export.samples import synthetic_alerts

    idle_kb = _rss_now_kb()
    out = folder / f"{name}.out"
    t = time.perf_counter()
    cpu = time.process_time()
    if name == "generate":
        n = sum(1 for _ in synthetic_alerts(rows))
    elif name == "csv":
        n = write_csv(synthetic_alerts(rows), out).rows
    elif name == "csv-baseline":
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(ALERT_FIELDS)
            n = 0
            for n, rec in enumerate(synthetic_alerts(rows), start=1):  # noqa: B007
                w.writerow(record_cells(rec))
    elif name == "jsonl":
        n = write_jsonl(synthetic_alerts(rows), out).rows
    elif name == "jsonl-baseline":
        with out.open("w", encoding="utf-8") as fh:
            n = 0
            for n, rec in enumerate(synthetic_alerts(rows), start=1):  # noqa: B007
                fh.write(json.dumps(alert_to_json(rec), ensure_ascii=False) + "\n")
    elif name == "pdf":
        n = write_pdf_report(synthetic_alerts(rows), out).rows
    elif name == "pdf-baseline":
        n = _plain_pdf(synthetic_alerts(rows), out)
    elif name.startswith("sqlite"):
        n = _sqlite_case(name, folder, out)
    else:
        raise SystemExit(f"unknown case {name}")
    seconds = time.perf_counter() - t
    cpu_seconds = time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = out.stat().st_size if out.exists() else 0
    out.unlink(missing_ok=True)
    return {"case": name, "rows": n, "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_kb": peak_kb,
            "idle_kb": idle_kb, "bytes": size}


def _plain_pdf(records: Any, out: Path) -> int:
    from fpdf import FPDF

    from dispense_app.export.pdf_report import _ReportPdf

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(True, 14)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 7)
    n = 0
    for rec in records:
        for key, _, w in _ReportPdf.COLUMNS:
            value = getattr(rec, key, None) if key != "product" else rec.gtin
            text = str(value if value is not None else "").encode("latin-1", "replace").decode("latin-1")
            pdf.cell(w, 4.6, text[:24])
        pdf.ln(4.6)
        n += 1
    pdf.output(str(out))
    return n


def _sqlite_case(name: str, folder: Path, out: Path) -> int:
    import csv
    import sqlite3

    from dispense_app.export.filters import AlertQuery
    from dispense_app.export.service import export_alerts
    from dispense_app.store import Station

    home = folder / "station"
    if name == "sqlite-csv":
        with Station.open(home, create=False) as station:
            return export_alerts(station, AlertQuery(), "csv", out, actor="bench").rows
    if name == "sqlite-jsonl":
        with Station.open(home, create=False) as station:
            return export_alerts(station, AlertQuery(), "jsonl", out, actor="bench").rows
    if name == "sqlite-jsonl-baseline":
        n = 0
        with Station.open(home, create=False) as station, out.open("w", encoding="utf-8") as fh:
            for d in station.alert_dicts():
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
                n += 1
        return n
    if name == "sqlite-csv-baseline":
        from dispense_app.core.alerts import ALERT_FIELDS
        from dispense_app.store import DB_FILENAME

        conn = sqlite3.connect(str(home / DB_FILENAME))
        n = 0
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(ALERT_FIELDS)
            cursor = conn.execute(f"SELECT {', '.join(ALERT_FIELDS)} FROM alerts ORDER BY created_at")
            while chunk := cursor.fetchmany(1000):
                w.writerows(chunk)
                n += len(chunk)
        conn.close()
        return n
    raise SystemExit(f"unknown case {name}")


def _fill_station(rows: int, folder: Path) -> float:
    """A station database holding ``rows`` synthetic alerts (setup, not measured as an export)."""
    from dispense_app.export.samples import synthetic_alerts
    from dispense_app.store import Station
    from dispense_app.store import alerts as alert_rows

    t = time.perf_counter()
    with Station.open(folder / "station") as station:
        batch = []
        for rec in synthetic_alerts(rows, seed=2):
            batch.append(rec)
            if len(batch) == 10_000:
                with station.transaction() as conn:
                    alert_rows.insert_many(conn, batch)
                batch.clear()
        if batch:
            with station.transaction() as conn:
                alert_rows.insert_many(conn, batch)
    return time.perf_counter() - t


# ------------------------------------------------------------------------------------------ parent


def _run_child(case: str, rows: int, folder: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", case, "--rows", str(rows), "--dir", str(folder)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"case {case} failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _line(r: dict[str, Any], base: dict[str, Any] | None, gen: dict[str, Any] | None = None) -> str:
    rate = r["rows"] / r["seconds"] if r["seconds"] else 0.0
    ratio = f"{r['seconds'] / base['seconds']:5.2f}x" if base and base["seconds"] else "    - "
    own = f"  (without generating: {r['cpu_seconds'] - gen['cpu_seconds']:5.1f} s cpu)" if gen else ""
    return (f"  {r['case']:<22} {r['rows']:>9,} rows {r['seconds']:7.2f} s (cpu {r['cpu_seconds']:6.2f} s) "
            f"{rate:>9,.0f} rows/s  peak RSS {r['peak_kb'] / 1024:6.1f} MB (idle {r['idle_kb'] / 1024:5.1f} MB) "
            f"{r['bytes'] / 1e6:7.1f} MB out  time vs baseline {ratio}{own}")


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--pdf-rows", type=int, default=10_000)
    ap.add_argument("--sqlite-rows", type=int, default=None, help="alerts in the station database (default: --rows)")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--cases", help="comma-separated subset, e.g. generate,csv-baseline,csv (default: all)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--dir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_case(args.child, args.rows, Path(args.dir))))
        return 0

    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        print(f"alert export benchmark  (python {sys.version.split()[0]}, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} at start)")
        results: dict[str, dict[str, Any]] = {}
        wanted = set(args.cases.split(",")) if args.cases else None

        def skip(case: str) -> bool:
            return wanted is not None and case not in wanted
        print(f"synthetic alerts (streaming generator), {args.rows:,} rows; peak RSS of each child process:")
        for case, base in (("generate", None), ("csv-baseline", None), ("csv", "csv-baseline"),
                           ("jsonl-baseline", None), ("jsonl", "jsonl-baseline")):
            if skip(case):
                continue
            results[case] = _run_child(case, args.rows, folder)
            gen = results["generate"] if case != "generate" and "generate" in results else None
            print(_line(results[case], results.get(base) if base else None, gen), flush=True)
        if not (skip("pdf") and skip("pdf-baseline")):
            print(f"PDF report, {args.pdf_rows:,} rows:")
        for case, base in (("pdf-baseline", None), ("pdf", "pdf-baseline")):
            if skip(case):
                continue
            results[case] = _run_child(case, args.pdf_rows, folder)
            print(_line(results[case], results.get(base) if base else None), flush=True)
        if not args.no_sqlite and not (wanted and not any(c.startswith("sqlite") for c in wanted)):
            n = args.sqlite_rows or args.rows
            setup = _fill_station(n, folder)
            db_mb = sum(p.stat().st_size for p in (folder / "station").iterdir()) / 1e6
            print(f"station database (SQLite, WAL) with {n:,} alerts ({db_mb:.0f} MB, filled in {setup:.0f} s), "
                  "streamed through the store:")
            for case, base in (("sqlite-csv-baseline", None), ("sqlite-csv", "sqlite-csv-baseline"),
                               ("sqlite-jsonl-baseline", None), ("sqlite-jsonl", "sqlite-jsonl-baseline")):
                if skip(case):
                    continue
                results[case] = _run_child(case, n, folder)
                print(_line(results[case], results.get(base) if base else None), flush=True)
        for case in ("csv", "sqlite-csv"):
            if case not in results:
                continue
            r = results[case]
            verdict = "PASS" if r["seconds"] < 15 and r["peak_kb"] < 300 * 1024 else "FAIL"
            if r["rows"] != 1_000_000:
                verdict = f"not measured at 1,000,000 rows ({r['rows']:,})"
            print(f"bar (1,000,000 alerts to CSV in < 15 s, peak < 300 MB), {case}: {r['seconds']:.1f} s wall, "
                  f"{r['cpu_seconds']:.1f} s cpu, {r['peak_kb'] / 1024:.0f} MB -> {verdict}")
        print(f"load average {os.getloadavg()[0]:.1f} at the end (2 cores shared: figures vary run to run)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
