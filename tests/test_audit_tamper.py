"""Issue 16, item 4: `audit verify` against the tampering the audit found.

A real history is made with the command line against the simulator (verify a Stolen pack: an
alert; dispense online; dispense offline and sync; undo; follow an alert up; export). Then the
database file is changed the way someone with only that file could (sqlite3, triggers dropped
where needed) and `audit verify` must exit 1 naming what was done. An untouched history verifies.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A

from dispense_app.cli import main
from dispense_app.store.audit import GENESIS, entry_hash

GS = "\x1d"


def code(serial: str) -> str:
    return f"01{GTIN_A}21{serial}{GS}10L1{GS}17311231"


def cli(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str]:
    status = main([*args, "--home", str(home)])
    out, _ = capsys.readouterr()
    return status, out


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, hub_server: Any) -> Path:
    """A station with alerts, dispenses (online, queued then synced, undone) and follow-up."""
    from hub_fixtures import SIM_PACKS

    hub_server.reset(packs=SIM_PACKS, db_path=tmp_path_factory.mktemp("hub") / "hub.sqlite")
    home = tmp_path_factory.mktemp("history") / "home"
    url = hub_server.url
    assert main(["verify", code("STOLEN1"), "--home", str(home), "--hub", url]) == 1
    assert main(["dispense", code("ACT01"), code("ACT02"), "--home", str(home), "--hub", url]) == 0
    assert main(["dispense", code("ACT03"), "--home", str(home), "--hub", "http://127.0.0.1:9"]) in (0, 3)
    assert main(["sync", "--home", str(home), "--hub", url]) == 0
    assert main(["undo", code("ACT02"), "--home", str(home), "--hub", url]) == 0
    assert main(["dispense", code("SUPPLIED1"), "--home", str(home), "--hub", url]) == 1
    conn = sqlite3.connect(home / "station.db")
    alert_ids = [r[0] for r in conn.execute("SELECT alert_id FROM alerts ORDER BY created_at")]
    conn.close()
    assert len(alert_ids) >= 2
    assert main(["alerts", "comment", alert_ids[0], "looked at it", "--home", str(home)]) == 0
    assert main(["alerts", "status", alert_ids[1], "investigating", "--home", str(home)]) == 0
    return home


@pytest.fixture
def home(history: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(history, copy)
    return copy


def verify(capsys: pytest.CaptureFixture[str], home: Path) -> tuple[int, dict[str, Any]]:
    status = main(["audit", "verify", "--home", str(home), "--json"])
    out, _ = capsys.readouterr()
    return status, json.loads(out)


def tamper(home: Path, *sql: str) -> None:
    conn = sqlite3.connect(home / "station.db")
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_an_untouched_history_verifies_and_names_its_head(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, result = verify(capsys, home)
    assert status == 0, result
    assert result["head"]["seq"] == result["entries"]
    assert result["anchored"]["hash"] == result["head"]["hash"]  # anchored when the last command closed it
    status, text = cli(capsys, home, "audit", "verify")
    assert status == 0 and f"head: entry {result['entries']} sha256 {result['head']['hash']}" in text
    status, text = cli(capsys, home, "alerts", "export", "--format", "jsonl", "-o", str(home.parent / "a.jsonl"),
                       "--json")
    exported = json.loads(text)["audit_head"]
    assert status == 0 and exported["seq"] == result["head"]["seq"] + 1  # the export's own entry
    _, after = verify(capsys, home)
    assert after["head"] == exported and after["anchored"] == {**after["anchored"], **exported}


@pytest.mark.parametrize(
    ("sql", "problem", "words"),
    [
        (["UPDATE alerts SET status = 'closed', cause = 'user-error'"], "altered", "status"),
        (["UPDATE alerts SET serial = 'OTHER1' WHERE rowid = (SELECT min(rowid) FROM alerts)"], "altered", "serial"),
        (["UPDATE alerts SET reason = 'nothing to see' WHERE rowid = (SELECT min(rowid) FROM alerts)"], "altered",
         "reason"),
        (["DELETE FROM alerts WHERE rowid = (SELECT max(rowid) FROM alerts)"], "deleted", "without a purge"),
        (["UPDATE alerts SET comments = '[]'"], "altered", "comments"),
        (["UPDATE dispense SET patient_ref = 'P-OTHER'"], "altered", "patient_ref"),
        (["DELETE FROM outbox WHERE seq = (SELECT min(seq) FROM outbox)",
          "DELETE FROM dispense WHERE rowid = (SELECT min(rowid) FROM dispense)"], "deleted", "deleted"),
        (["UPDATE dispense SET status = 'undone', undone_at = updated_at WHERE status = 'confirmed'"], "altered",
         "undo"),
        (["UPDATE outbox SET outcome = 'rejected' WHERE state = 'done'"], "altered", "outcome"),
        (["INSERT INTO outbox (client_trx_id, transaction_type, dispense_id, product_scheme, product_code, serial,"
          " entry_mode, payload, created_at, state) SELECT 'forged-1', transaction_type, id, product_scheme,"
          " product_code, serial, entry_mode, '{}', created_at, 'queued' FROM dispense LIMIT 1"],
         "unrecorded", "not in the audit trail"),
    ],
)
def test_a_record_changed_behind_the_app_is_found(
    home: Path, capsys: pytest.CaptureFixture[str], sql: list[str], problem: str, words: str
) -> None:
    """Before: "audit trail intact" for every one of these (the chain never looked at the records)."""
    tamper(home, *sql)
    status, result = verify(capsys, home)
    assert status == 1
    assert result["problem"] == problem and words in result["message"], result


def _drop_triggers(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")


def test_deleting_the_last_entries_and_moving_the_head_back_is_found(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(home / "station.db")
    _drop_triggers(conn)
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq > ?", (last - 2,))
    seq, digest = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    conn.execute("UPDATE audit_head SET seq = ?, hash = ?", (seq, digest))
    conn.commit()
    conn.close()
    status, result = verify(capsys, home)
    assert status == 1 and result["problem"] == "truncated", result
    assert "anchored outside the database" in result["message"]


def test_a_rewritten_and_rehashed_chain_is_found(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The alert's serial changed in the record *and* its entry, every hash recomputed: the chain
    and the records agree again; only the head anchored outside the database tells."""
    conn = sqlite3.connect(home / "station.db")
    _drop_triggers(conn)
    alert_id = conn.execute("SELECT alert_id FROM alerts ORDER BY rowid LIMIT 1").fetchone()[0]
    conn.execute("UPDATE alerts SET serial = 'OTHER1' WHERE alert_id = ?", (alert_id,))
    prev = GENESIS
    rows = conn.execute("SELECT seq, at, kind, actor, details FROM audit ORDER BY seq").fetchall()
    for seq, at, kind, actor, text in rows:
        details = json.loads(text)
        if kind == "alert" and details.get("alert_id") == alert_id:
            details["serial"] = "OTHER1"
        digest = entry_hash(prev, seq, at, kind, actor, details)
        conn.execute("UPDATE audit SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                     (json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False), prev, digest,
                      seq))
        prev = digest
    conn.execute("UPDATE audit_head SET hash = ?", (prev,))
    conn.commit()
    conn.close()
    status, result = verify(capsys, home)
    assert status == 1 and result["problem"] == "rewritten", result
