"""`dispense-app alerts ...` against a real station database in a temporary home folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pypdf
import pytest

from dispense_app.cli import main
from dispense_app.core.alerts import AlertCause, AlertRecord, AlertSource, AlertStatus
from dispense_app.export.codec import alert_to_json
from dispense_app.export.csv_writer import iter_csv
from dispense_app.export.jsonl_writer import iter_jsonl
from dispense_app.export.samples import HOSTILE_TEXTS, sample_alert, synthetic_alerts
from dispense_app.store import Station

UTC = dt.UTC
NOW = dt.datetime.now(UTC)


@pytest.fixture(scope="module")
def station_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A station with 60 synthetic alerts (2025-01-01 08:00 UTC onwards, 1 hour apart) plus a few
    special ones; built once, copied for each test."""
    folder = tmp_path_factory.mktemp("station-template")
    with Station.open(folder) as station:
        for rec in synthetic_alerts(60, step=dt.timedelta(hours=1)):
            station.add_alert(rec)
        station.add_alert(sample_alert(alert_id="local-1", source=AlertSource.LOCAL, return_code=None,
                                       alert_class=None, created_at=dt.datetime(2025, 1, 10, 23, 59, 59, tzinfo=UTC),
                                       operator="zoe", reason="=cmd|' /C calc'!A0 \x1b[2J"))
        station.add_alert(sample_alert(alert_id="old-closed", created_at=NOW - dt.timedelta(days=6 * 366),
                                       status=AlertStatus.CLOSED, cause=AlertCause.USER_ERROR))
        station.add_alert(sample_alert(alert_id="old-open", created_at=NOW - dt.timedelta(days=6 * 366),
                                       status=AlertStatus.INVESTIGATING))
    return folder


@pytest.fixture
def station_home(home: Path, station_template: Path) -> Path:
    for f in station_template.iterdir():
        shutil.copy2(f, home / f.name)
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refusing an option
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def stored(home: Path, **kw: object) -> list[AlertRecord]:
    with Station.open(home, create=False) as station:
        return list(station.alerts(**kw))  # type: ignore[arg-type]


def audit(home: Path, kind: str) -> list[dict[str, object]]:
    with Station.open(home, create=False) as station:
        return [e.to_json() for e in station.audit.entries(kind=kind)]


# ---------------------------------------------------------------------------------------------- list


def test_list_json_is_every_field_of_every_alert(station_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "alerts", "list", "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines == [alert_to_json(r) for r in stored(station_home)]
    needed = {"alert_id", "created_at", "return_code", "request", "raw_hex", "entry_mode", "gtin", "ppn",
              "serial", "lot", "expiry", "status"}
    assert all(needed <= set(line) for line in lines) and len(lines) == 63


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2025-01-02", "--until", "2025-01-02"], lambda r: r.created_at.date() == dt.date(2025, 1, 2)),
        (["--until", "2025-01-10"], lambda r: r.created_at.date() <= dt.date(2025, 1, 10)),
        (["--status", "closed"], lambda r: r.status is AlertStatus.CLOSED),
        (["--return-code", "nmvs_nc_pc_02"], lambda r: r.return_code == "NMVS_NC_PC_02"),
        (["--return-code", "none"], lambda r: r.return_code is None),
        (["--operator", "zoe"], lambda r: r.operator == "zoe"),
        (["--source", "local"], lambda r: r.source is AlertSource.LOCAL),
        (["--id", "local-1", "--id", "A-01-000000005"], lambda r: r.alert_id in ("local-1", "A-01-000000005")),
        (["--status", "new", "--operator", "anna", "--since", "2025-01-02"],
         lambda r: r.status is AlertStatus.NEW and r.operator == "anna" and r.created_at.date() >= dt.date(2025, 1, 2)),
    ],
)
def test_list_filters(
    station_home: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: object
) -> None:
    code, out, _ = run(capsys, "alerts", "list", "--json", *args)
    assert code == 0
    got = sorted(json.loads(line)["alert_id"] for line in out.splitlines())
    want = sorted(r.alert_id for r in stored(station_home) if expected(r))  # type: ignore[operator]
    assert got == want and want


def test_until_includes_the_whole_last_day(station_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "alerts", "list", "--json", "--since", "2025-01-10", "--until", "2025-01-10")
    assert "local-1" in out  # created 23:59:59 UTC


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "2025-13-01"],
        ["--since", "01.02.2025"],
        ["--since", "2025-01-01T10:00"],
        ["--since", "2025-02-01", "--until", "2025-01-01"],
        ["--status", "done"],
        ["--return-code", "NMVS NC; DROP"],
        ["--source", "moon"],
        ["--operator", " "],
        ["--limit", "-1"],
    ],
)
def test_bad_filters_exit_2(station_home: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, "alerts", "list", *args)
    assert code == 2 and out == "" and err


def test_human_list_is_terminal_safe(station_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "alerts", "list", "--id", "local-1")
    assert code == 0 and "\x1b" not in out and "<U+001B>" in out and len(out.splitlines()) == 1


def test_limit_and_show(station_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "alerts", "list", "--limit", "5")
    assert len(out.splitlines()) == 5
    _, out, _ = run(capsys, "alerts", "list", "--json", "--limit", "1", "--newest-first")
    assert json.loads(out)["alert_id"] == max(stored(station_home), key=lambda r: r.created_at).alert_id
    code, out, _ = run(capsys, "alerts", "show", "local-1", "--json")
    assert code == 0 and json.loads(out)["operator"] == "zoe"
    code, _, err = run(capsys, "alerts", "show", "no-such-alert")
    assert code == 1 and "no-such-alert" in err


def test_no_station_database_is_exit_2(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "alerts", "list")
    assert code == 2 and "no station database" in err


# -------------------------------------------------------------------------------------------- export


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "pdf"])
def test_export_writes_file_and_audit_entry(
    station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"alerts.{fmt}"
    code, stdout, _ = run(capsys, "alerts", "export", "--format", fmt, "--since", "2025-01-01", "--until",
                          "2025-01-02", "--by", "auditor", "-o", str(out), "--json")
    assert code == 0
    summary = json.loads(stdout)
    want = stored(station_home, since=dt.date(2025, 1, 1), until=dt.date(2025, 1, 2))
    assert summary["rows"] == len(want) == 40
    assert summary["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    (entry,) = audit(station_home, "export")
    details = entry["details"]
    assert entry["actor"] == "auditor"
    assert isinstance(details, dict)
    assert details["rows"] == 40 and details["sha256"] == summary["sha256"] and details["format"] == fmt
    assert details["filter"]["since"] == "2025-01-01" and details["path"] == str(out)
    if fmt == "jsonl":
        assert list(iter_jsonl(out)) == want
    elif fmt == "csv":
        assert list(iter_csv(out)) == want
    else:
        assert len(pypdf.PdfReader(str(out)).pages) == 1 + 2  # summary + 40 rows on two pages


def test_export_csv_semicolon_and_neutralised(station_home: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.csv"
    code, _, _ = run(capsys, "alerts", "export", "--format", "csv", "--delimiter", "semicolon", "--id", "local-1",
                     "-o", str(out))
    assert code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith('"alert_id";"created_at"')
    assert "\"'=cmd|' /C calc'!A0 \u241b[2J\"" in text


def test_dossier_export(station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d.pdf"
    code, _, _ = run(capsys, "alerts", "export", "--format", "pdf", "--dossier", "local-1", "A-01-000000002",
                     "-o", str(out))
    assert code == 0
    pages = pypdf.PdfReader(str(out)).pages
    assert len(pages) == 2 and "local-1" in (pages[0].extract_text() or "")
    (entry,) = audit(station_home, "export")
    assert entry["details"]["format"] == "pdf-dossier"  # type: ignore[index]
    # the filters select the dossiers when no id is given
    code, _, _ = run(capsys, "alerts", "export", "--format", "pdf", "--dossier", "--operator", "zoe", "-o", str(out))
    assert code == 0 and len(pypdf.PdfReader(str(out)).pages) == 1


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--format", "csv", "--dossier"], 2),
        (["--format", "jsonl", "--delimiter", "semicolon"], 2),
        (["--format", "xlsx"], 2),
        (["--format", "csv", "--since", "yesterday"], 2),
        (["--format", "pdf", "--dossier", "no-such-alert"], 1),
    ],
)
def test_export_refusals_write_nothing(station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       args: list[str], status: int) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run(capsys, "alerts", "export", *args, "-o", str(folder / "x.out"))
    assert code == status and err
    assert list(folder.iterdir()) == []
    assert audit(station_home, "export") == []


def test_export_to_missing_folder_is_exit_2(station_home: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "alerts", "export", "--format", "csv", "-o", str(tmp_path / "nope" / "a.csv"))
    assert code == 2 and "does not exist" in err
    assert audit(station_home, "export") == []


# --------------------------------------------------------------------------------- status and comments


def test_status_and_comment(station_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "alerts", "status", "A-01-000000000", "closed")
    assert code == 2 and "cause" in err  # an input error: exit 2 (issue 24)
    code, _, _ = run(capsys, "alerts", "status", "A-01-000000000", "closed", "--cause", "scanner-setup",
                     "--comment", "GS lost by the scanner", "--operator", "qa")
    assert code == 0
    code, _, _ = run(capsys, "alerts", "comment", "A-01-000000000", "=HYPERLINK(\"x\")", "--by", "qa")
    assert code == 0
    (rec,) = [r for r in stored(station_home) if r.alert_id == "A-01-000000000"]
    assert rec.status is AlertStatus.CLOSED and rec.cause is AlertCause.SCANNER_SETUP
    assert [c["text"] for c in rec.comments] == ["GS lost by the scanner", "=HYPERLINK(\"x\")"]
    assert audit(station_home, "alert-status")[-1]["actor"] == "qa"
    code, _, _ = run(capsys, "alerts", "status", "A-01-000000000", "closed", "--cause", "bad-luck")
    assert code == 2
    code, _, _ = run(capsys, "alerts", "status", "nope", "investigating")
    assert code == 1


# ---------------------------------------------------------------------------------- retention / purge


def test_purge_is_a_dry_run_unless_applied(station_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = stored(station_home)
    code, out, _ = run(capsys, "alerts", "purge", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["dry_run"] is True and result["purgeable"] == 1 and result["kept_open"] == 1
    assert result["purged"] == 0 and result["retention_years"] == 5
    assert stored(station_home) == before and audit(station_home, "alert-purge") == []

    code, out, _ = run(capsys, "alerts", "purge", "--apply", "--json", "--by", "owner")
    assert code == 0 and json.loads(out)["purged"] == 1
    ids = {r.alert_id for r in stored(station_home)}
    assert "old-closed" not in ids and "old-open" in ids and len(ids) == len(before) - 1
    (entry,) = audit(station_home, "alert-purge")
    assert entry["actor"] == "owner"
    assert entry["details"]["purged"] == 1 and entry["details"]["alert_ids"] == ["old-closed"]  # type: ignore[index]
    code, out, _ = run(capsys, "audit", "verify")
    assert code == 0


def test_retention_setting(station_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "alerts", "retention", "--json")
    assert code == 0 and json.loads(out) == {"retention_years": 5}
    code, out, _ = run(capsys, "alerts", "retention", "--years", "7", "--json")
    assert json.loads(out) == {"retention_years": 7}
    code, out, _ = run(capsys, "alerts", "purge", "--json")
    assert json.loads(out)["purgeable"] == 0  # 6-year-old alerts are inside a 7-year retention
    for bad in ("0", "1000"):
        code, _, _ = run(capsys, "alerts", "retention", "--years", bad)
        assert code == 2
    code, _, err = run(capsys, "alerts", "purge", "--years", "1")
    assert code == 0 and "shorter than the 5 years" in err


def test_csv_fast_path_from_stored_rows_equals_the_record_path(
    station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's CSV export reads stored rows directly; it must equal writing the records."""
    from dispense_app.export.codec import OPTIONAL_STR, REQUIRED_STR
    from dispense_app.export.csv_writer import write_csv
    from dispense_app.export.filters import AlertQuery

    with Station.open(station_home) as station:
        for i, text in enumerate(HOSTILE_TEXTS):
            station.add_alert(sample_alert(alert_id=f"h-{i}", reason=text, lot=text, operator=text,
                                           nhrn={"710": text, "a": "b"}, supplied_anyway=bool(i % 2),
                                           comments=[{"at": "2025-01-01T00:00:00+00:00", "by": text, "text": text}]))
        # NUL, control characters, the internal joiner and a formula in every text column
        for name in sorted(OPTIONAL_STR | REQUIRED_STR - {"alert_id"}):
            for j, text in enumerate(["NUL\x00inside", "\x00", "a¤b", "=1+1", "GS\x1d", ""]):
                station.add_alert(sample_alert(alert_id=f"f-{name}-{j}", **{name: text}))
    cases = [
        ([], AlertQuery()),
        (["--status", "new", "--return-code", "nmvs_nc_pc_02"],
         AlertQuery.parse(status="new", return_code="NMVS_NC_PC_02")),
        (["--operator", "zoe"], AlertQuery.parse(operator="zoe")),
        (["--return-code", "none", "--since", "2025-01-10"], AlertQuery.parse(return_code="none", since="2025-01-10")),
        (["--delimiter", "semicolon", "--until", "2025-01-01"], AlertQuery.parse(until="2025-01-01")),
    ]
    for args, query in cases:
        fast = tmp_path / "fast.csv"
        code, _, _ = run(capsys, "alerts", "export", "--format", "csv", *args, "-o", str(fast))
        assert code == 0
        slow = tmp_path / "slow.csv"
        delimiter = ";" if "semicolon" in args else ","
        with Station.open(station_home, create=False) as station:
            assert write_csv(query.stream(station), slow, delimiter=delimiter).rows > 0
        assert fast.read_bytes() == slow.read_bytes(), args


@pytest.mark.parametrize("args", [[], ["--operator", "zoe"], ["--return-code", "none"], ["--status", "closed"]])
def test_jsonl_fast_path_reads_back_as_the_stored_records(
    station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    from dispense_app.export.filters import AlertQuery

    out = tmp_path / "a.jsonl"
    code, _, _ = run(capsys, "alerts", "export", "--format", "jsonl", *args, "-o", str(out))
    assert code == 0
    query = AlertQuery.parse(**{a.lstrip("-").replace("-", "_"): v for a, v in zip(args[::2], args[1::2], strict=True)})
    with Station.open(station_home, create=False) as station:
        want = list(query.stream(station))
    assert want and list(iter_jsonl(out)) == want
