"""The audit trail: SHA-256 chain, append-only, and `dispense-app audit verify` finding the first
edited, deleted, reordered or truncated entry."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dispense_app.cli import main
from dispense_app.store import Station
from dispense_app.store.audit import GENESIS, canonical_json, entry_hash


@pytest.fixture
def station(home: Path, store_url: str) -> Iterator[Station]:
    st = Station.open(home)
    for i in range(1, 9):
        st.audit.append("export", f"user{i}", {"format": "csv", "rows": i, "note": "ünïcode ✓"})
    yield st
    st.close()


def tamper(home: Path, *sql: str) -> None:
    """Edit the file as an outsider would: drop the append-only triggers, then change rows (on a
    site store: as the database owner would, in psql)."""
    site = os.environ.get("DISPENSE_APP_STORE", "")
    if site.startswith("postgresql"):
        import psycopg

        with psycopg.connect(site, autocommit=True) as pg:
            pg.execute("DROP TRIGGER IF EXISTS audit_no_update ON audit")
            pg.execute("DROP TRIGGER IF EXISTS audit_no_delete ON audit")
            for statement in sql:
                pg.execute(statement.encode())
        return
    conn = sqlite3.connect(home / "station.db")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def verify_cli(home: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["audit", "verify", "--home", str(home), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_chain_is_sha256_over_previous_hash_and_canonical_json(station: Station) -> None:
    entries = list(station.audit.entries())
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    prev = GENESIS
    for e in entries:
        body = canonical_json({"seq": e.seq, "at": e.at, "kind": e.kind, "actor": e.actor, "details": e.details})
        assert e.prev_hash == prev
        assert e.hash == hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
        prev = e.hash
    assert canonical_json({"b": 1, "a": [dt.date(2030, 1, 2)]}) == '{"a":["2030-01-02"],"b":1}'


def test_intact_chain_verifies(station: Station, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert station.audit.verify().ok
    code, out = verify_cli(home, capsys)
    assert code == 0 and out["ok"] is True and out["entries"] == len(list(station.audit.entries()))
    assert out["first_broken"] is None


def test_table_is_append_only(station: Station) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        station.db.conn.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        station.db.conn.execute("DELETE FROM audit WHERE seq = 3")
    station.db.conn.rollback()
    assert station.audit.verify().ok


def test_edited_entry_is_found(station: Station, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(home, """UPDATE audit SET details = '{"format":"csv","note":"x","rows":99}' WHERE seq = 5""")
    code, out = verify_cli(home, capsys)
    assert code == 1 and out["first_broken"] == 5 and out["problem"] == "edited"


def test_edited_actor_or_time_is_found(station: Station, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(home, "UPDATE audit SET at = '2020-01-01T00:00:00.000000+00:00' WHERE seq = 4")
    assert verify_cli(home, capsys)[1]["first_broken"] == 4


def test_rehashed_edit_is_found_at_the_next_entry(
    station: Station, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A careful forger recomputes the edited entry's own hash; the next entry's link breaks."""
    (row,) = station.db.conn.execute("SELECT seq, at, kind, actor, prev_hash FROM audit WHERE seq = 3").fetchall()
    details = {"format": "pdf", "rows": 1000}
    forged = entry_hash(row[4], row[0], row[1], row[2], row[3], details)
    tamper(home, f"UPDATE audit SET details = '{canonical_json(details)}', hash = '{forged}' WHERE seq = 3")
    code, out = verify_cli(home, capsys)
    assert code == 1 and out["first_broken"] == 4 and out["problem"] == "link"


def test_deleted_entry_is_found(station: Station, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(home, "DELETE FROM audit WHERE seq = 6")
    code, out = verify_cli(home, capsys)
    assert code == 1 and out["first_broken"] == 6 and out["problem"] == "missing"


def test_deleted_last_entries_are_found(station: Station, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = station.db.conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    tamper(home, f"DELETE FROM audit WHERE seq >= {last - 1}")
    code, out = verify_cli(home, capsys)
    assert code == 1 and out["first_broken"] == last - 1 and out["problem"] == "truncated"


def test_reordered_entries_are_found(station: Station, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Swap the contents of entries 4 and 5 (keeping the sequence numbers in place)."""
    tamper(
        home,
        "UPDATE audit SET seq = -4 WHERE seq = 4",
        "UPDATE audit SET seq = 4 WHERE seq = 5",
        "UPDATE audit SET seq = 5 WHERE seq = -4",
    )
    code, out = verify_cli(home, capsys)
    assert code == 1 and out["first_broken"] == 4 and out["problem"] == "moved"


def test_renumbered_after_delete_is_found(station: Station, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Delete entry 3 and renumber the rest to hide the gap: the chain link at 3 breaks."""
    last = station.db.conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    statements = ["DELETE FROM audit WHERE seq = 3"]
    statements += [f"UPDATE audit SET seq = {s - 1} WHERE seq = {s}" for s in range(4, last + 1)]
    statements.append(f"UPDATE audit_head SET seq = {last - 1}")
    tamper(home, *statements)
    code, out = verify_cli(home, capsys)
    assert code == 1 and out["first_broken"] == 3


def test_human_output_names_the_entry(station: Station, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(home, "DELETE FROM audit WHERE seq = 2")
    assert main(["audit", "verify", "--home", str(home)]) == 1
    assert "entry 2" in capsys.readouterr().out


def test_every_kind_of_change_is_audited(home: Path) -> None:
    from dispense_app.core.model import PackRef, ProductScheme

    with Station.open(home) as st:
        st.settings.set("hub.url", "http://127.0.0.1:9", actor="admin")
        rec = st.record_supply(PackRef(ProductScheme.GTIN, "04150037528643", "S1"), b"x", "anna")
        st.record_undo(rec.id, operator="anna")
        kinds = [e.kind for e in st.audit.entries()]
        assert kinds == ["settings", "settings", "dispense", "undo"]  # station.id, hub.url, ...
        assert st.audit.verify().ok


def test_verify_without_a_database_is_a_usage_error(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "dispense_app", "audit", "verify", "--home", str(tmp_path / "empty")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "no station database" in out.stderr


def test_dropped_audit_table_is_broken_not_a_crash(
    station: Station, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A removed audit table used to end `audit verify` with a traceback (sqlite3.OperationalError)."""
    station.close()
    tamper(home, "DROP TABLE audit")
    code, out = verify_cli(home, capsys)
    assert code == 1 and out["ok"] is False and out["problem"] == "unreadable" and out["first_broken"] == 1


def test_emptied_chain_under_records_is_broken(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Deleting every entry and the head used to verify as an intact, empty trail, although each
    alert (and dispense record) writes its entry in the same transaction."""
    from tests.test_store_alerts import make_alert

    with Station.open(home) as st:
        st.add_alert(make_alert(1))
        st.add_alert(make_alert(2))
    assert verify_cli(home, capsys)[0] == 0
    tamper(home, "DELETE FROM audit", "DELETE FROM audit_head")
    code, out = verify_cli(home, capsys)
    assert code == 1 and out["problem"] == "emptied" and "2 records" in out["message"]


def test_a_new_station_has_an_intact_empty_trail(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Station.open(home).close()
    code, out = verify_cli(home, capsys)
    assert code == 0 and out["ok"] is True


# --- the site store hashes in SQL (issue 20's bench): byte-identical to entry_hash --------------


def _column_text() -> Any:
    """Text PostgreSQL keeps in a plain column (kind, actor): no NUL, no lone surrogate (details
    are JSON, where both are escaped)."""
    from hypothesis import strategies as hs

    return hs.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def _json_values() -> Any:
    from hypothesis import strategies as hs

    scalars = (
        hs.none()
        | hs.booleans()
        | hs.integers(min_value=-(2**63), max_value=2**63)
        | hs.floats(allow_nan=False, allow_infinity=False)
        | hs.text()
    )
    return hs.recursive(
        scalars,
        lambda inner: hs.lists(inner, max_size=4) | hs.dictionaries(hs.text(), inner, max_size=4),
        max_leaves=12,
    )


def test_site_append_hashes_in_sql_exactly_as_python(tmp_path: Path, site_store: str) -> None:
    """The site append computes the chain hash in SQL (one statement under the lock): on random
    details (any Unicode, nesting, numbers), both ways of appending (sent now, and queued to go
    with the COMMIT) give exactly the hash entry_hash computes, and the chain verifies."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as hs

    column_text = _column_text()
    with Station.open(tmp_path / "home", store=site_store) as station:

        @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(
            details=hs.dictionaries(hs.text(), _json_values(), max_size=5),
            kind=hs.text(column_text, min_size=1),
            actor=hs.none() | hs.text(column_text),
            queued=hs.booleans(),
        )
        def check(details: dict[str, Any], kind: str, actor: str | None, queued: bool) -> None:
            before = station.audit.head()
            if queued:
                with station.transaction() as conn:
                    station.audit._append(conn, kind, actor, details, dt.datetime.now(dt.UTC))
            else:
                station.audit.append(kind, actor, details)
            entry = list(station.audit.entries(since_seq=before["seq"] if before else 0))[-1]
            assert entry.prev_hash == (before["hash"] if before else GENESIS)
            assert entry.hash == entry_hash(
                entry.prev_hash, entry.seq, entry.at, entry.kind, entry.actor, entry.details
            )
            assert station.audit.head() == {"seq": entry.seq, "hash": entry.hash}

        check()
        result = station.audit.verify()
        assert result.ok, result.message
