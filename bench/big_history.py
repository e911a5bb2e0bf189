"""Big histories: the alerts view, adherence and the status bar on a station with years of records.

Builds a station database with 1,000,000 dispenses (50,000 patients; one of them with four
medications filled every 30 days for five years) and 100,000 alerts, then times, in the real windows
(offscreen) and the station service:

* the alerts view opening (F6: from the search to the first page shown) and each filter (status,
  operator, return code, a month, a rare operator), beside the search as it was before issue 22 (every
  matching alert read and filtered in Python, up to 2,000) and beside reading the whole alerts table;
* the adherence view for the five-year patient (from asking to the charts drawn), beside a full scan of
  the dispense table;
* the status bar's counts (new alerts, outbox) as the status poll asks them, beside the count over
  the alerts table it used to make.

    .venv/bin/python bench/big_history.py [--dispenses 1000000] [--alerts 100000] [--keep DIR]

``--keep DIR`` builds the database there once and reuses it. Bars (issue 22): alerts view opens and
filters < 1 s; adherence for 5 years of fills < 200 ms; status bar counts O(1) (a row read: their time
does not grow with the history).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
VIEW_BAR_S, ADHERENCE_BAR_MS = 1.0, 200.0
PATIENT = "Patient/bench-five-years"
T_END = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
GTINS = ["04150123456782", "04150234567834", "04150456789007", "09501101530003"]
MEDS = ["ibuprofen", "metformin", "amlodipine", "paracetamol"]
OPERATORS = [f"op{i}" for i in range(12)]
CODES = ["NMVS_NC_PC_02", "NMVS_FE_LOT_13", "NMVS_NC_PCK_22", "A24", None]


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def build(home: Path, dispenses: int, alerts: int) -> None:
    """The station database (direct inserts: the history of years, in a minute)."""
    from dispense_app.core.alerts import AlertSource, AlertStatus
    from dispense_app.store import Station
    from dispense_app.store import alerts as alert_rows
    from tests.test_store_alerts import make_alert

    st = Station.open(home)
    conn = st._conn
    conn.execute("PRAGMA synchronous = OFF")
    rng = random.Random(22)
    cols = ("id, created_at, updated_at, status, transaction_type, client_trx_id, patient_ref, product_scheme,"
            " product_code, serial, lot, expiry, raw_hex, entry_mode, operator, station, undo_deadline")
    sql = f"INSERT INTO dispense ({cols}) VALUES ({', '.join('?' * 17)})"
    span_s = 5 * 365 * 86400

    def row(i: int, when: dt.datetime, patient: str, gtin: str) -> tuple[Any, ...]:
        stamp = iso(when)
        return (f"D{i:08d}", stamp, stamp, "confirmed", "supply", f"trx-{i:08d}", patient, "GTIN", gtin,
                f"S{i:09d}", "L1", "2030-01-31", "00", "scan", rng.choice(OPERATORS), "ST-1",
                iso(when + dt.timedelta(days=10)))

    started = time.perf_counter()
    own: list[tuple[Any, ...]] = []
    fills: list[tuple[Any, ...]] = []
    i = 0
    for m, (gtin, med) in enumerate(zip(GTINS, MEDS, strict=True)):  # the five-year patient
        day = T_END - dt.timedelta(days=5 * 365) + dt.timedelta(days=m)
        while day < T_END:
            own.append(row(i, day, PATIENT, gtin))
            fills.append((f"D{i:08d}", 30, med, None, None))
            day += dt.timedelta(days=30 + rng.choice((-2, 0, 0, 3, 7)))
            i += 1
    with st.transaction() as c:
        c.executemany(sql, own)
        c.executemany("INSERT INTO adherence_fills (dispense_id, days_supply, medication, rx_id, item_id)"
                      " VALUES (?, ?, ?, ?, ?)", fills)
    chunk = 50_000
    while i < dispenses:
        batch = []
        for j in range(i, min(dispenses, i + chunk)):
            when = T_END - dt.timedelta(seconds=rng.randrange(span_s))
            batch.append(row(j, when, f"Patient/p{rng.randrange(50_000)}", rng.choice(GTINS)))
        with st.transaction() as c:
            c.executemany(sql, batch)
        i += len(batch)
        print(f"  {i:9d} dispenses ({time.perf_counter() - started:5.0f} s)", flush=True)
    template = make_alert(1, comments=[], cause=None)
    statuses = [AlertStatus.CLOSED] * 7 + [AlertStatus.NEW] * 2 + [AlertStatus.INVESTIGATING]
    rows = []
    for n in range(alerts):
        when = T_END - dt.timedelta(seconds=rng.randrange(span_s))
        operator = "rare-op" if n % 5000 == 0 else rng.choice(OPERATORS)
        rows.append(alert_rows.to_row(dataclasses.replace(
            template, alert_id=f"A-{n:07d}", created_at=when, status=rng.choice(statuses),
            source=AlertSource.HUB if n % 4 else AlertSource.LOCAL, operator=operator,
            return_code=rng.choice(CODES), serial=f"S{n}", client_trx_id=f"trx-a{n}")))
    with st.transaction() as c:
        c.executemany(alert_rows._INSERT, rows)
    conn.execute("ANALYZE")
    print(f"  {alerts} alerts; built in {time.perf_counter() - started:.0f} s", flush=True)
    st.close()


def timed(fn: Callable[[], Any], runs: int = 5) -> float:
    """Median ms of ``runs`` calls (after one to warm the caches)."""
    fn()
    values = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        values.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(values)


def wait_signal(signal: Any, start: Callable[[], None], timeout_s: float = 60.0) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    got: list[object] = []
    loop = QEventLoop()

    def done(*_a: object) -> None:
        got.append(True)
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    start()
    if not got:
        loop.exec()
    signal.disconnect(done)
    if not got:
        raise SystemExit("timed out")


def line(label: str, ms: float, base: float, bar: str = "") -> None:
    print(f"  {label:<46}{ms:10.1f} ms  {ms / base:7.2f}x  {bar}")


def measure(home: Path) -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from dispense_app.export.filters import AlertQuery
    from dispense_app.station import open_station
    from dispense_app.ui.adherence_view import AdherenceView
    from dispense_app.ui.alerts_view import AlertsView
    from dispense_app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(["bench"])
    session = open_station(home, need_hub=False, operator="bench")
    st = session.station
    conn = st._conn
    ok = True
    n_alerts = conn.execute("SELECT count(*) FROM alerts").fetchone()[0]
    n_disp = conn.execute("SELECT count(*) FROM dispense").fetchone()[0]
    print(f"station: {n_disp} dispenses, {n_alerts} alerts (medians of 5 after a warm-up)")

    full_alerts = timed(lambda: conn.execute("SELECT * FROM alerts").fetchall(), 3)
    print("\nalerts view (real window, offscreen): search -> first page shown")
    print(f"  {'baseline: read the whole alerts table':<46}{full_alerts:10.1f} ms     1.00x")
    runner = TaskRunner()
    view = AlertsView(session.alerts, runner)
    view.resize(1200, 700)
    view.show()

    def old_search(query: Any) -> int:  # before issue 22: every match read and filtered in Python
        from itertools import islice

        rows = st.alerts(since=query.since, until=query.until, status=query.status, source=query.source,
                         newest_first=True)
        return len(list(islice((r for r in rows if query.matches(r)), 2000)))

    filters: list[tuple[str, dict[str, str], AlertQuery]] = [
        ("open (no filter)", {}, AlertQuery()),
        ("status new", {"status": "new"}, AlertQuery.parse(status="new")),
        ("operator op3", {"operator": "op3"}, AlertQuery.parse(operator="op3")),
        ("return code NMVS_FE_LOT_13", {"return_code": "NMVS_FE_LOT_13"},
         AlertQuery.parse(return_code="NMVS_FE_LOT_13")),
        ("one month", {"since": "2026-03-01", "until": "2026-03-31"},
         AlertQuery.parse(since="2026-03-01", until="2026-03-31")),
        ("a rare operator (20 alerts)", {"operator": "rare-op"}, AlertQuery.parse(operator="rare-op")),
    ]
    for label, fields, query in filters:
        view.since.setText(fields.get("since", ""))
        view.until.setText(fields.get("until", ""))
        view.operator.setText(fields.get("operator", ""))
        view.return_code.setText(fields.get("return_code", ""))
        view.status.setCurrentIndex(max(0, view.status.findData(fields.get("status", ""))))
        ms = timed(lambda: wait_signal(view.searched, view.search))
        before = timed(lambda q=query: old_search(q), 3)
        within = ms < VIEW_BAR_S * 1000
        ok &= within
        line(f"{label}: before (Python filter)", before, full_alerts)
        line(f"{label}: now ({view.table.rowCount()} rows shown)", ms, full_alerts,
             f"< {VIEW_BAR_S:.0f} s: {'meets' if within else 'MISSES'}")
    view.close()

    full_disp = timed(lambda: conn.execute("SELECT count(*), max(raw_hex) FROM dispense").fetchone(), 3)
    print("\nadherence, five years of fills (4 medications)")
    print(f"  {'baseline: a full scan of the dispense table':<46}{full_disp:10.1f} ms     1.00x")
    report_ms = timed(lambda: session.adherence.report(PATIENT))
    line("station: the report", report_ms, full_disp)
    adherence = AdherenceView(session.adherence, runner)
    adherence.resize(1280, 760)
    adherence.show()
    shown_ms = timed(lambda: wait_signal(adherence.shown, lambda: adherence.open_patient(PATIENT)))
    within = shown_ms < ADHERENCE_BAR_MS
    ok &= within
    line("adherence view: asked -> drawn", shown_ms, full_disp,
         f"< {ADHERENCE_BAR_MS:.0f} ms: {'meets' if within else 'MISSES'}")
    adherence.close()

    print("\nstatus bar counts (asked every 2 s)")
    old = timed(lambda: conn.execute("SELECT count(*) FROM alerts WHERE status = 'new'").fetchone(), 20)
    print(f"  {'baseline: count(*) of new alerts (before)':<46}{old:10.3f} ms     1.00x")
    new_ms = timed(lambda: st.alert_count(status="new"), 20)
    pend_ms = timed(st.pending_count, 20)
    status_ms = timed(session.status, 5)
    print(f"  {'new alerts (trigger-kept count)':<46}{new_ms:10.3f} ms  {new_ms / old:7.3f}x")
    print(f"  {'outbox (trigger-kept count)':<46}{pend_ms:10.3f} ms  {pend_ms / old:7.3f}x")
    print(f"  {'the whole station status':<46}{status_ms:10.3f} ms  {status_ms / old:7.3f}x")
    assert st.alert_count(status="new") == conn.execute("SELECT count(*) FROM alerts WHERE status='new'").fetchone()[0]
    flat = new_ms < 1.0 and pend_ms < 1.0
    ok &= flat
    print(f"bar: status counts O(1) (a row read, < 1 ms at {n_alerts} alerts) -> {'meets' if flat else 'MISSES'}")
    runner.shutdown()
    session.close()
    app.processEvents()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dispenses", type=int, default=1_000_000)
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the database here once and reuse it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = args.keep or Path(tmp)
        if not (home / "station.db").exists():
            home.mkdir(parents=True, exist_ok=True)
            print(f"building {args.dispenses} dispenses and {args.alerts} alerts in {home} ...", flush=True)
            build(home, args.dispenses, args.alerts)
        ok = measure(home)
    print("all bars met" if ok else "some bars MISSED")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
