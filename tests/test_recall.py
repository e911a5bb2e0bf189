"""Serialized recall: a notice's scope, the trace over a generated history, the command line, the
contact list exports and the counter's stop for a recalled serial."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.core.recall import RecallNotice, RecallScope, in_range, parse_notice
from dispense_app.station.recalls import NoticeFileError, contact_lines, read_notice_file, trace
from dispense_app.store import Station, SupplyItem
from dispense_app.store.scan_log import ScanRow

GTIN_A = "04150037528643"  # a German NTIN (PZN 03752864)
GTIN_B = "05012345678900"
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def test_the_test_gtins_are_valid() -> None:
    from scanner.parsing.checks import gs1_check_ok

    assert gs1_check_ok(GTIN_A) and gs1_check_ok(GTIN_B)


def test_the_counter_stops_exactly_the_serials_a_notice_names(home: Path) -> None:
    """A serial-level notice stops its serials at the counter (offline too: a local rule) and lets
    the batch's other packs through; every answer lands in the scan log."""
    from dispense_app.workflow import Workflow
    from dispense_app.workflow.scan import ScanInput

    def scan(serial: str) -> ScanInput:
        return ScanInput(f"01{GTIN_A}21{serial}\x1d10L1\x1d17311231".encode())

    with Station.open(home) as station:
        notice = RecallNotice("N-S", "sterility", None, {(GTIN_A, "L1"): RecallScope(frozenset({"S1"}))})
        station.recall_notices.add(notice, source="test", actor="anna")
        wf = Workflow(station, None, operator="anna", tz=dt.UTC)
        stopped, passed = wf.verify(scan("S1")), wf.verify(scan("S2"))
        assert stopped.stop and "N-S" in json.dumps(stopped.to_json())
        assert not passed.stop
        assert station.recalls.check(GTIN_A, "L1") is None  # the batch itself is not on the list
        rows = list(station.scan_log.all_rows())
        assert [(r[1], r[2]) for r in rows] == [("verify", "stop"), ("verify", "warn")]


# ---------------------------------------------------------------------------------------- the scope


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_numeric_ranges_compare_as_numbers(a: int, b: int, x: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert in_range(str(x), str(lo), str(hi)) == (lo <= x <= hi)


@given(st.text(max_size=6), st.text(max_size=6), st.text(max_size=6))
def test_any_serial_and_range_compare_without_error(serial: str, low: str, high: str) -> None:
    """Serials are GS1 text, but a notice file or a scan may hold anything: '¹' passed
    ``str.isdigit`` and crashed ``int``."""
    assert in_range(serial, low, high) in (True, False)
    assert RecallScope(frozenset({serial}), ((low, high),)).covers(serial)
    assert in_range("¹", "1", "2") is False and in_range("٣", "1", "9") is False  # text order, not numbers


def test_scope_lists_ranges_exclusions_and_whole_batch() -> None:
    whole = RecallScope(exclude=frozenset({"7"}))
    assert whole.whole_batch and whole.covers("1") and not whole.covers("7")
    narrow = RecallScope(frozenset({"A1"}), (("100", "200"),), frozenset({"150"}))
    assert narrow.covers("A1") and narrow.covers("99") is False and narrow.covers("100") and narrow.covers("200")
    assert not narrow.covers("150") and not narrow.covers("201") and not narrow.covers("A2")
    assert RecallScope.from_json(json.loads(json.dumps(narrow.to_json()))) == narrow


def test_notice_rows_add_up_and_bad_lines_are_all_named() -> None:
    rows = [
        (2, {"gtin": GTIN_A, "lot": "L1", "serial": "1|2 3", "notice_id": "N1", "reason": "label"}),
        (3, {"gtin": GTIN_A, "lot": "L1", "serial_from": "10", "serial_to": "20", "exclude": "15", "notice_id": "N1"}),
        (4, {"pzn": "03752864", "lot": "L2", "notice_id": "N1"}),
    ]
    (notice,) = parse_notice(rows, "n.csv", "ab" * 32)
    scope = notice.batches[(GTIN_A, "L1")]
    assert scope.serials == {"1", "2", "3"} and scope.ranges == (("10", "20"),) and scope.exclude == {"15"}
    assert notice.batches[(GTIN_A, "L2")].whole_batch  # the PZN's NTIN
    bad = [
        (2, {"gtin": "04150037528644", "lot": "L1"}),
        (3, {"gtin": GTIN_A, "lot": ""}),
        (4, {"gtin": GTIN_A, "lot": "L1", "serial_from": "9"}),
        (5, {"gtin": GTIN_A, "lot": "L1", "serial_from": "9", "serial_to": "1"}),
        (6, {"gtin": GTIN_A, "lot": "L1", "issued": "yesterday"}),
    ]
    with pytest.raises(ValueError) as err:
        parse_notice(bad, "bad.csv", "00" * 32)
    assert [p.split(":")[0] for p in err.value.problems] == [f"line {n}" for n in range(2, 7)]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- a generated history

FATES = ("dispensed", "queued", "returned", "checked", "unseen", "refused")


def _history(station: Station, rng: random.Random, n: int) -> dict[tuple[str, str, str], tuple[str, str | None]]:
    """``n`` packs over two products and three batches, each with a random fate; returns
    (gtin, lot, serial) -> (expected trace status or 'unseen', patient)."""
    fates: dict[tuple[str, str, str], tuple[str, str | None]] = {}
    items, scans, statuses, packs = [], [], {}, set()
    for i in range(n):
        gtin, lot = rng.choice((GTIN_A, GTIN_B)), rng.choice(("L1", "L2", "L3"))
        serial = str(rng.randrange(1, 400)) if rng.random() < 0.7 else f"X{rng.randrange(10**6):06d}"
        key = (gtin, lot, serial)
        if (gtin, serial) in packs:  # a pack is its product code + serial, whatever the batch
            continue
        packs.add((gtin, serial))
        fate = rng.choice(FATES)
        patient = f"PAT-{rng.randrange(40)}" if fate in ("dispensed", "queued", "returned", "refused") else None
        fates[key] = ("checked" if fate == "refused" else fate, patient)
        ref = PackRef(ProductScheme.GTIN, gtin, serial, lot, dt.date(2030, 1, 31))
        if patient is not None:
            items.append(SupplyItem(ref, f"raw-{i}", "anna", patient_ref=patient, prescription_ref=f"RX-{i}"))
            statuses[(gtin, serial)] = {"dispensed": "confirmed", "queued": "queued", "returned": "undone",
                                        "refused": "rejected"}[fate]
        elif fate == "checked":
            scans.append(ScanRow(T0.isoformat(), "verify", "ok", "NMVS_SUCCESS", "Active", False, 120.0, None, None,
                                 "anna", "ST-1", "none", "scan", gtin, serial, lot, "2030-01-31"))
    station.record_supplies(items, now=T0)
    with station.transaction() as conn:
        for (code, serial), status in statuses.items():
            conn.execute("UPDATE dispense SET status = ? WHERE product_code = ? AND serial = ?", (status, code, serial))
    station.scan_log.add_many(scans)
    return fates


@pytest.mark.parametrize("seed", range(6))
def test_trace_finds_exactly_the_covered_packs(home: Path, seed: int) -> None:
    rng = random.Random(seed)
    with Station.open(home) as station:
        fates = _history(station, rng, 600)
        numbers = sorted(int(s) for (_, _, s) in fates if s.isdigit())
        lo, hi = sorted(rng.sample(numbers, 2))
        listed = {s for (_, _, s) in rng.sample(sorted(fates), 15)}
        excluded = {str(x) for x in rng.sample(range(lo, hi + 1), min(5, hi - lo + 1))}
        scopes = {
            (GTIN_A, "L1"): RecallScope(exclude=frozenset(excluded)),  # batch with exceptions
            (GTIN_A, "L2"): RecallScope(frozenset(listed)),  # a serial list
            (GTIN_B, "L1"): RecallScope(ranges=((str(lo), str(hi)),), exclude=frozenset(excluded)),  # a range
        }
        notice = RecallNotice("N-T", "contamination", "2026-03-02", scopes)

        def covered(g: str, lot: str, s: str) -> bool:  # brute force, written out per batch
            if (g, lot) == (GTIN_A, "L1"):
                return s not in excluded
            if (g, lot) == (GTIN_A, "L2"):
                return s in listed
            if (g, lot) == (GTIN_B, "L1"):
                return s.isdigit() and lo <= int(s) <= hi and s not in excluded
            return False

        result = trace(station, notice)
        got = {(p.gtin, p.lot, p.serial): (p.status, p.patient) for p in result.packs}
        want = {k: v for k, v in fates.items() if covered(*k) and v[0] != "unseen"}
        assert {k: v[0] for k, v in got.items()} == {k: v[0] for k, v in want.items()}
        assert all(got[k][1] == want[k][1] for k in got if want[k][0] != "checked")
        spared = [k for k, v in fates.items() if (k[0], k[1]) in scopes and v[0] != "unseen" and not covered(*k)]
        summary = result.summary()
        assert summary["not_affected"] == len(spared)
        statuses = [v[0] for v in want.values()]
        assert (summary["dispensed"], summary["queued"], summary["checked"]) == (
            statuses.count("dispensed"), statuses.count("queued"), statuses.count("checked"))
        assert summary["patients"] == len({v[1] for v in want.values() if v[0] in ("dispensed", "queued")})


def test_a_returned_pack_dispensed_again_names_the_new_patient(home: Path) -> None:
    ref = PackRef(ProductScheme.GTIN, GTIN_A, "77", "L1", dt.date(2030, 1, 31))
    with Station.open(home) as station:
        (first,) = station.record_supplies([SupplyItem(ref, "r", "anna", patient_ref="PAT-OLD")], now=T0)
        with station.transaction() as conn:
            conn.execute("UPDATE dispense SET status = 'undone' WHERE id = ?", (first.id,))
        station.record_supplies([SupplyItem(ref, "r", "ben", patient_ref="PAT-NEW")], now=T0 + dt.timedelta(days=1))
        (pack,) = trace(station, RecallNotice("N", None, None, {(GTIN_A, "L1"): RecallScope()})).packs
        assert (pack.patient, pack.status, pack.operator) == ("PAT-NEW", "queued", "ben")


# ---------------------------------------------------------------------------------- command line


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dispense_app", *args, "--home", str(home)],
                          capture_output=True, text=True, timeout=120)


def _seed_two(home: Path) -> None:
    with Station.open(home) as station:
        items = [
            SupplyItem(PackRef(ProductScheme.GTIN, GTIN_A, s, "L1", dt.date(2030, 1, 31)), "r", "anna",
                       patient_ref=p, prescription_ref="RX-1")
            for s, p in (("1001", "=HYPERLINK(\"x\")"), ("1002", "PAT-2"), ("1003", "PAT-3"))
        ]
        station.record_supplies(items, now=T0)
        with station.transaction() as conn:
            conn.execute("UPDATE dispense SET status = 'confirmed'")


def test_cli_import_trace_contacts(home: Path, tmp_path: Path) -> None:
    _seed_two(home)
    (home / "patients.csv").write_text("patient_ref,name,birth_date\nPAT-2,Ben Example,1969-11-02\n", encoding="utf-8")
    notice = tmp_path / "notice.csv"
    notice.write_text(f"gtin;lot;serial;exclude;reason;notice_id;issued\n{GTIN_A};L1;1001 1002;;"
                      "wrong leaflet;BfArM-7;2026-03-02\n", encoding="utf-8")
    out = _cli(home, "recalls", "import", str(notice), "--json")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert list(lines[0]) == ["gtin", "serial", "lot", "expiry", "status", "dispensed_at", "patient",
                              "prescription", "operator", "counter", "dispense_id", "notice_id"]
    assert sorted(x["serial"] for x in lines[:-1]) == ["1001", "1002"]
    assert lines[-1]["summary"] | {} == {"dispensed": 2, "queued": 0, "checked": 0, "patients": 2, "returned": 0,
                                         "not_affected": 1}
    trace_out = _cli(home, "recalls", "trace", "--gtin", GTIN_A, "--lot", "L1", "--serial", "1003", "--json")
    assert json.loads(trace_out.stdout.splitlines()[0])["serial"] == "1003"
    csv_path = tmp_path / "contacts.csv"
    exp = _cli(home, "recalls", "contacts", "BfArM-7", "--format", "csv", "-o", str(csv_path), "--by", "anna")
    assert exp.returncode == 0, exp.stderr
    rows = list(csv.DictReader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
    assert sorted(r["patient"] for r in rows) == ["'=HYPERLINK(\"x\")", "PAT-2"]  # the formula is neutralised
    assert {r["patient"]: r["name"] for r in rows}["PAT-2"] == "Ben Example (1969-11-02)"  # the patient list
    pdf = _cli(home, "recalls", "contacts", "BfArM-7", "--format", "pdf", "-o", str(tmp_path / "c.pdf"))
    assert pdf.returncode == 0 and (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    with Station.open(home) as station:
        exports = [e for e in station.audit.entries() if e.kind == "export"]
        assert [e.details["format"] for e in exports] == ["csv", "pdf"]
        assert exports[0].actor == "anna" and exports[0].details["notice_id"] == "BfArM-7"


def test_cli_bad_notice_exits_2_naming_the_line(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"gtin,lot\n{GTIN_A},L1\n123,L2\n", encoding="utf-8")
    out = _cli(home, "recalls", "import", str(bad))
    assert out.returncode == 2 and "line 3" in out.stderr and "Traceback" not in out.stderr
    assert _cli(home, "recalls", "import", str(tmp_path / "none.csv")).returncode == 2
    with Station.open(home) as station:
        assert station.recall_notices.notices() == []


def test_notice_file_needs_its_columns(tmp_path: Path) -> None:
    f = tmp_path / "n.csv"
    f.write_text("product,batch\nx,y\n", encoding="utf-8")
    with pytest.raises(NoticeFileError, match="gtin"):
        read_notice_file(f)


def test_contact_list_carries_the_contact_notes(home: Path) -> None:
    _seed_two(home)
    with Station.open(home) as station:
        notice = RecallNotice("N-C", None, None, {(GTIN_A, "L1"): RecallScope()})
        station.recall_notices.add(notice, source="test", actor="anna")
        first = contact_lines(station, notice)[0]
        station.recall_notices.mark_contacted("N-C", first.pack.dispense_id or "", by="anna", note="called")
        again = {line.pack.dispense_id: line.contact for line in contact_lines(station, notice)}
        contact = again[first.pack.dispense_id]
        assert contact is not None and contact.note == "called" and contact.contacted_by == "anna"
        assert station.recalls.check(GTIN_A, "L1") is not None  # a whole batch goes on the recall list


_CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(st.lists(st.fixed_dictionaries({}, optional={
    k: _CELL | st.sampled_from([GTIN_A, "03752864", "L1", "1", "9|10", ""])
    for k in ("gtin", "pzn", "lot", "serial", "serial_from", "serial_to", "exclude", "issued", "notice_id")
}), max_size=6))
def test_any_notice_rows_parse_or_name_their_problems(rows: list[dict[str, str]]) -> None:
    """Whatever a notice file holds, the parser returns notices or a NoticeError, never anything else;
    every scope it returns covers only serials it was given (or the whole batch)."""
    from dispense_app.core.recall import NoticeError

    try:
        notices = parse_notice(list(enumerate(rows, start=2)), "fuzz.csv", "f" * 64)
    except NoticeError as exc:
        assert exc.problems
        return
    for notice in notices:
        for (gtin, lot), scope in notice.batches.items():
            assert len(gtin) == 14 and lot and len(lot) <= 20 and lot.isprintable()
            assert all(len(s) <= 20 for s in scope.serials | scope.exclude)
