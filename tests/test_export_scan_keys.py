"""The alert record's scan time and key timings (scanned_at, scan_keys) in every export: the two
trailing CSV columns (neutralised like every cell), JSON Lines, the store's fast paths, the PDF
dossier, and files written before they existed."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from dispense_app.core.alerts import ALERT_FIELDS, AlertRecord
from dispense_app.export.codec import RecordError, _generic_to_json, alert_from_json, alert_to_json
from dispense_app.export.csv_writer import _fast_cells, _generic_cells, iter_csv, write_csv
from dispense_app.export.filters import AlertQuery
from dispense_app.export.jsonl_writer import iter_jsonl, write_jsonl
from dispense_app.export.samples import sample_alert
from dispense_app.export.service import export_alerts
from dispense_app.store import Station

SCANNED = dt.datetime(2026, 3, 2, 8, 15, 30, 250000, tzinfo=dt.UTC)
KEYS: list[list[float | str]] = [[0, "0"], [4, "1"], [8.5, "Ctrl+]"], [12, "Shift+a"], [71, "Enter"]]
HOSTILE_KEYS: list[list[float | str]] = [[0, "=1+1"], [1, "@SUM(A1)"], [2, "\x1d"], [3, '"'], [4, "¤"]]


def with_scan(rec: AlertRecord | None = None, **changes: object) -> AlertRecord:
    base = rec or sample_alert()
    return dataclasses.replace(base, **{"scanned_at": SCANNED, "scan_keys": KEYS, **changes})


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    text = path.read_bytes().decode("utf-8")[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    return rows[0], rows[1:]


def test_the_two_fields_come_last() -> None:
    assert ALERT_FIELDS[-2:] == ("scanned_at", "scan_keys")
    assert sample_alert().scanned_at is None and sample_alert().scan_keys is None


def test_fast_paths_equal_the_generic_ones() -> None:
    for rec in (with_scan(), with_scan(scan_keys=None), with_scan(scanned_at=None), with_scan(scan_keys=[])):
        assert _fast_cells(rec) == _generic_cells(rec)
        assert alert_to_json(rec) == rec.to_json() == _generic_to_json(rec)
    doc = alert_to_json(with_scan())
    assert doc["scanned_at"] == "2026-03-02T08:15:30.250000+00:00" and doc["scan_keys"] == KEYS
    assert list(doc)[-2:] == ["scanned_at", "scan_keys"]


def test_csv_trailing_columns_round_trip(tmp_path: Path) -> None:
    recs = [with_scan(sample_alert(alert_id="a1")), sample_alert(alert_id="a2"),
            with_scan(sample_alert(alert_id="a3"), scan_keys=HOSTILE_KEYS)]  # fmt: skip
    out = tmp_path / "a.csv"
    write_csv(recs, out)
    header, rows = read_rows(out)
    assert header[-2:] == ["scanned_at", "scan_keys"]
    assert rows[0][-2:] == ["2026-03-02T08:15:30.250000+00:00", json.dumps(KEYS, ensure_ascii=False)]
    assert rows[1][-2:] == ["", ""]
    assert list(iter_csv(out)) == recs


def test_csv_from_an_earlier_version_reads_without_the_two_columns(tmp_path: Path) -> None:
    rec = sample_alert()
    out = tmp_path / "a.csv"
    write_csv([rec], out)
    header, rows = read_rows(out)
    old = io.StringIO(newline="")
    writer = csv.writer(old, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows([header[:-2], *(r[:-2] for r in rows)])
    legacy = tmp_path / "old.csv"
    legacy.write_bytes(("\ufeff" + old.getvalue()).encode("utf-8"))
    assert list(iter_csv(legacy)) == [rec]


def test_jsonl_round_trip_and_strict_reader(tmp_path: Path) -> None:
    recs = [with_scan(), sample_alert(alert_id="plain"), with_scan(alert_id="hostile", scan_keys=HOSTILE_KEYS)]
    out = tmp_path / "a.jsonl"
    write_jsonl(recs, out)
    assert list(iter_jsonl(out)) == recs
    good = alert_to_json(with_scan())
    for name, bad in (("scanned_at", "yesterday"), ("scanned_at", "2026-03-02T08:15:30"),
                      ("scan_keys", [[0]]), ("scan_keys", "0:0"), ("scan_keys", [["0", "a"]])):  # fmt: skip
        with pytest.raises(RecordError) as err:
            alert_from_json({**good, name: bad})
        assert err.value.field == name
    older = {k: v for k, v in good.items() if k not in ("scanned_at", "scan_keys")}
    assert alert_from_json(older) == dataclasses.replace(with_scan(), scanned_at=None, scan_keys=None)


def _evaluable(cell: str) -> bool:
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_store_fast_paths_keep_the_fields_and_neutralise_them(home: Path, tmp_path: Path) -> None:
    """The CSV and JSON Lines exports read straight from the store: same fields; a stored value
    that looks like a formula is neutralised in CSV like any other cell."""
    with Station.open(home) as st:
        st.add_alert(with_scan(sample_alert(alert_id="k1")))
        st.add_alert(sample_alert(alert_id="k2"))
        st.add_alert(with_scan(sample_alert(alert_id="k3")))
        # a damaged or hand-edited row: formula text where the scan time and keys should be
        st.db.conn.execute("UPDATE alerts SET scanned_at = '=1+1', scan_keys = '@SUM(A1)' WHERE alert_id = 'k3'")
        st.db.conn.commit()
        csv_out, jsonl_out = tmp_path / "a.csv", tmp_path / "a.jsonl"
        export_alerts(st, AlertQuery(), "csv", csv_out, actor="qa")
    header, rows = read_rows(csv_out)
    assert [r[0] for r in rows] == ["k1", "k2", "k3"]
    assert rows[0][-2:] == ["2026-03-02T08:15:30.250000+00:00", json.dumps(KEYS, ensure_ascii=False)]
    assert rows[1][-2:] == ["", ""]
    assert rows[2][-2:] == ["'=1+1", "'@SUM(A1)"]
    assert not any(_evaluable(c) for r in [header, *rows] for c in r)
    with Station.open(home) as st:
        st.db.conn.execute("DELETE FROM alerts WHERE alert_id = 'k3'")
        st.db.conn.commit()
        first, second = st.alert_dicts()
        export_alerts(st, AlertQuery(), "jsonl", jsonl_out, actor="qa")
    assert first == with_scan(sample_alert(alert_id="k1")).to_json()
    assert (second["scanned_at"], second["scan_keys"]) == (None, None)
    assert list(iter_jsonl(jsonl_out)) == [with_scan(sample_alert(alert_id="k1")), sample_alert(alert_id="k2")]


def test_pdf_dossier_shows_the_scan_time_and_a_key_summary(tmp_path: Path) -> None:
    import pypdf

    from dispense_app.export.pdf_report import write_pdf_dossiers

    out = tmp_path / "d.pdf"
    write_pdf_dossiers([with_scan(), sample_alert(alert_id="no-keys")], out)
    first, second = (p.extract_text() or "" for p in pypdf.PdfReader(str(out)).pages)
    assert "Scanned at (UTC)" in first and "2026-03-02 08:15:30 UTC" in first
    assert "5 keys in 71 ms, max gap 59 ms" in first
    assert "Key timings" in second and "5 keys" not in second
