"""Issue 16, defect 1: an alert export must never overwrite the live station database (or anything
else in the data folder), nor an unrelated existing file without --force. Real files, real CLI."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from dispense_app.cli import main
from dispense_app.export.samples import synthetic_alerts
from dispense_app.store import Station


@pytest.fixture
def station_home(home: Path) -> Path:
    with Station.open(home) as station:
        for rec in synthetic_alerts(5):
            station.add_alert(rec)
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _station_still_works(home: Path) -> None:
    with Station.open(home, create=False) as station:
        assert len(list(station.alerts())) == 5
        assert station.audit.verify().ok


@pytest.mark.parametrize("name", ["station.db", "station.db-wal", "hub.json", "station.v1.backup-x.db", "new.csv"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "pdf"])
def test_export_into_the_data_folder_is_refused(
    station_home: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str
) -> None:
    target = station_home / name
    before = target.read_bytes() if target.exists() else None
    code, out, err = run(capsys, "alerts", "export", "--format", fmt, "-o", str(target), "--force")
    assert code == 2, (out, err)
    assert "data folder" in err and "Traceback" not in err
    assert (target.read_bytes() if target.exists() else None) == before
    _station_still_works(station_home)


def test_a_link_to_the_database_from_outside_is_refused(
    station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sym = tmp_path / "innocent.csv"
    sym.symlink_to(station_home / "station.db")
    hard = tmp_path / "hard.csv"
    os.link(station_home / "station.db", hard)
    for target in (sym, hard):
        code, _, err = run(capsys, "alerts", "export", "--format", "csv", "-o", str(target), "--force")
        assert code == 2 and "data folder" in err
    _station_still_works(station_home)


def test_an_unrelated_existing_file_needs_force(
    station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    before = other.read_bytes()
    code, _, err = run(capsys, "alerts", "export", "--format", "csv", "-o", str(other))
    assert code == 2 and "--force" in err
    assert other.read_bytes() == before
    code, out, _ = run(capsys, "alerts", "export", "--format", "csv", "-o", str(other), "--force")
    assert code == 0 and "wrote 5 alerts" in out


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "pdf"])
def test_an_earlier_export_is_replaced_without_force(
    station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    target = tmp_path / f"alerts.{fmt}"
    assert run(capsys, "alerts", "export", "--format", fmt, "-o", str(target))[0] == 0
    code, out, err = run(capsys, "alerts", "export", "--format", fmt, "-o", str(target))
    assert code == 0, err
    assert "wrote 5 alerts" in out
