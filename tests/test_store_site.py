"""Site store (issue 20): choosing the store, the SQL seam to PostgreSQL, counters' names, the
password's place, and races between counters on one real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from dispense_app.cli import main
from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.store import DoubleDecommissionError, Station
from dispense_app.store.pg import translate
from dispense_app.store.site import COUNTER_FILE, Counter
from dispense_app.store.site_url import StoreURL, StoreURLError, get_password, parse, resolve

GTIN = "04150123456782"


def _pack(serial: str = "S1") -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN, serial, "L1", dt.date(2031, 12, 31))


# --- choosing the store -----------------------------------------------------------------------


def test_store_urls() -> None:
    assert parse("sqlite") == parse("") == StoreURL("sqlite")
    site = parse("postgres://till@db.pharmacy.lan:5432/site?sslmode=verify-full")
    assert site.is_site and site.url == "postgresql://till@db.pharmacy.lan:5432/site?sslmode=verify-full"
    for bad, why in (
        ("postgresql://till:secret@db/site", "password"),
        ("postgresql://till@db/site?password=x", "password"),
        ("postgresql://till@db", "name the database"),
        ("mysql://x@y/z", "not a store"),
        ("/tmp/station.db", "not a store"),
    ):
        with pytest.raises(StoreURLError, match=why):
            parse(bad)


def test_env_chooses_the_store_and_an_explicit_one_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPENSE_APP_STORE", "postgresql://till@db/site")
    assert resolve().is_site
    assert not resolve("sqlite").is_site
    monkeypatch.delenv("DISPENSE_APP_STORE")
    assert not resolve().is_site


def test_bad_store_url_on_the_command_line_is_one_line_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "verify", "--store", "postgresql://u:pw@h/db", "--home", str(home)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "password" in err and "pw" not in err.replace("password", "")
    assert main(["site", "init", "--store", "sqlite", "--home", str(home)]) == 2
    assert "site store" in capsys.readouterr().err


def test_unreachable_site_store_is_one_line_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"postgresql://nobody@/nodb?host={tmp_path}&connect_timeout=1"
    assert main(["audit", "verify", "--store", url, "--home", str(home)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be reached" in err


def test_site_init_against_a_server_that_is_not_there_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "new-counter"
    url = f"postgresql://nobody@/nodb?host={tmp_path}&connect_timeout=1"
    assert main(["site", "init", "--store", url, "--home", str(home), "--counter", "till 9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be reached" in err
    assert not home.exists()  # no folder, no counter name written


def test_password_lives_in_the_keyring_only(
    home: Path, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://till@db.lan/site"
    monkeypatch.setenv("DISPENSE_APP_STORE_PASSWORD", "s3cret!")
    assert main(["store", "credentials", "set", "--store", url, "--home", str(home)]) == 0
    assert get_password(parse(url)) == "s3cret!"
    assert not any(b"s3cret" in p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert main(["store", "credentials", "delete", "--store", url, "--home", str(home)]) == 0
    assert get_password(parse(url)) is None
    capsys.readouterr()


# --- the SQL seam -----------------------------------------------------------------------------


def test_translation_of_the_store_sql() -> None:
    assert translate("SELECT a FROM t WHERE b = ? AND c LIKE '%?%'", True) == (
        "SELECT a FROM t WHERE b = %s AND c LIKE '%%?%%'"
    )
    assert translate("INSERT OR IGNORE INTO q (a) VALUES (?)", True) == (
        "INSERT INTO q (a) VALUES (%s) ON CONFLICT DO NOTHING"
    )
    assert translate("SELECT '100%'", False) == "SELECT '100%'"


# --- counters ---------------------------------------------------------------------------------


def test_counter_name_is_kept_in_its_home(tmp_path: Path) -> None:
    first = Counter.load(tmp_path)
    assert first.name.startswith("C-") and Counter.load(tmp_path) == first
    assert Counter.save(tmp_path, " till 2 ").name == "till 2"
    assert Counter.load(tmp_path).name == "till 2"
    (tmp_path / COUNTER_FILE).write_text("{", encoding="utf-8")
    with pytest.raises(Exception, match="cannot be read"):
        Counter.load(tmp_path)


def test_every_record_names_its_counter_and_settings_are_shared(tmp_path: Path, site_store: str) -> None:
    Counter.save(tmp_path / "a", "till 1")
    Counter.save(tmp_path / "b", "till 2")
    with Station.open(tmp_path / "a", store=site_store) as a, Station.open(tmp_path / "b", store=site_store) as b:
        a.settings.set("station.location", "LOC-1")
        assert b.location == "LOC-1"  # the site's location id, for every counter
        ra = a.record_supply(_pack("S1"), b"x", "anna")
        rb = b.record_supply(_pack("S2"), b"x", "ben")
        assert (a.dispense_record(rb.id).station, b.dispense_record(ra.id).station) == ("till 2", "till 1")
        assert a.dispense_record(ra.id).location == "LOC-1"


def test_same_pack_at_twenty_connections_at_once_gives_one_dispense(tmp_path: Path, site_store: str) -> None:
    """Twenty writers (two counters, ten connections each) race for one pack: the unique index
    lets exactly one through; every other one gets DoubleDecommissionError naming the winner."""
    for name in ("a", "b"):
        Counter.save(tmp_path / name, f"till {name}")
    stations = [Station.open(tmp_path / ("a" if i % 2 else "b"), store=site_store) for i in range(20)]
    start = threading.Barrier(20)
    outcome: list[object] = [None] * 20

    def run(i: int) -> None:
        start.wait()
        try:
            outcome[i] = stations[i].record_supply(_pack("RACE1"), b"x", f"op{i}")
        except DoubleDecommissionError as exc:
            outcome[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        wins = [o for o in outcome if not isinstance(o, DoubleDecommissionError)]
        assert len(wins) == 1, outcome
        refused = [o for o in outcome if isinstance(o, DoubleDecommissionError)]
        assert len(refused) == 19 and all("already dispensed at this site" in str(r) for r in refused)
        assert stations[0].pending_count() == 1
        assert stations[0].audit.verify().ok
    finally:
        for s in stations:
            s.close()


def test_audit_chain_stays_one_chain_with_concurrent_counters(tmp_path: Path, site_store: str) -> None:
    stations = [Station.open(tmp_path / f"c{i}", store=site_store) for i in range(4)]

    def run(i: int) -> None:
        for n in range(15):
            stations[i].record_supply(_pack(f"C{i}N{n}"), b"x", "op")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        check = stations[0].audit.verify()
        assert check.ok and check.entries == 60
        assert main(["audit", "verify", "--store", site_store, "--home", str(tmp_path / "c1")]) == 0
    finally:
        for s in stations:
            s.close()


def test_a_write_sent_with_the_commit_that_fails_undoes_the_whole_transaction(tmp_path: Path, site_store: str) -> None:
    """On a site store the audit entry, its head and the outbox row reach the server with the
    COMMIT (one round trip). A write refused there must fail the transaction as a whole: the error
    is the store's IntegrityError, nothing of the dispense is kept, and the connection works on."""
    with Station.open(tmp_path / "a", store=site_store) as st:
        st.settings.set("k", 1)
        conn: Any = st._conn
        with pytest.raises(sqlite3.IntegrityError), st.transaction():
            st.record_supply(_pack("D1"), b"x", "op")
            conn.defer("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)", ("k", "2", "now"))
        assert not conn.in_transaction
        assert list(st.dispense_records()) == [] and st.pending_count() == 0
        assert st.audit.head() is not None and st.audit.verify().ok
        entries = st.audit.verify().entries
        st.record_supply(_pack("D1"), b"x", "op")  # the pack was never recorded: it goes through now
        check = st.audit.verify()
        assert check.ok and check.entries == entries + 1 and st.pending_count() == 1


def test_unreachable_site_store_local_journal_then_merged_in_order_exactly_once(
    tmp_path: Path, site_store: str
) -> None:
    """Counter A loses the site (its URL points at a server that is not there: the LAN is down for
    it); it works on its journal, sends nothing from it. Meanwhile counter B dispenses one of the
    same packs. Back online, A's journal is merged: the pack dispensed at both becomes a conflict
    with an alert, its decommission never queued for the hub; the other pack joins the site's queue."""
    from dispense_app.store.journal import JOURNAL_FILENAME, waiting

    a, b = tmp_path / "a", tmp_path / "b"
    Counter.save(a, "till 1")
    Counter.save(b, "till 2")
    with Station.open(a, store=site_store) as st:
        st.settings.set("station.location", "LOC-1")
    down = f"postgresql://nobody@/nodb?host={tmp_path}/nowhere&connect_timeout=1"
    with pytest.raises(Exception, match="cannot be reached"):
        Station.open(a, store=down)
    with Station.open(a, store=down, journal=True) as local:
        assert local.journal_for is not None and local.station_id == "till 1"
        both = local.record_supply(_pack("BOTH"), b"x", "anna")
        mine = local.record_supply(_pack("MINE"), b"x", "anna")
        assert local.outbox.claim(local.pending()).sending == []  # held: nothing goes to the hub from here
    assert waiting(a) == 2
    with Station.open(b, store=site_store) as sb:
        theirs = sb.record_supply(_pack("BOTH"), b"x", "ben")
    with Station.open(a, store=site_store, journal=True) as site:
        report = site.merge_report
        assert report is not None and report.merged == 1 and report.conflicts == [both.id]
        assert site.dispense_record(mine.id).status.value == "queued"
        assert site.dispense_record(mine.id).station == "till 1"
        assert site.dispense_record(mine.id).location == "LOC-1"
        conflict = site.dispense_record(both.id)
        assert conflict.status.value == "conflict" and "two counters" in (conflict.reason or "")
        (alert,) = list(site.alerts(dispense_id=both.id))
        assert alert.station == "till 1"
        pending = {e.client_trx_id for e in site.pending()}
        assert pending == {theirs.client_trx_id, mine.client_trx_id}  # the second decommission is never sent
        assert site.audit.verify().ok
        entries = [e.details["outcome"] for e in site.audit.entries(kind="journal-merge")]
        assert entries == ["conflict", "merged"]  # in the order they were made
    assert (a / JOURNAL_FILENAME).exists() and waiting(a) == 0  # kept, noted as merged
    with Station.open(a, store=site_store, journal=True) as again:  # nothing left to merge
        assert again.merge_report is None
        assert len(list(again.dispense_records())) == 3


def test_the_counter_session_says_it_works_on_its_journal(tmp_path: Path, site_store: str) -> None:
    from dispense_app.station.session import open_station

    home = tmp_path / "a"
    Counter.save(home, "till 1")
    down = f"postgresql://nobody@/nodb?host={tmp_path}/nowhere&connect_timeout=1"
    with open_station(home, store=down, need_hub=False) as session:
        session.station.record_supply(_pack("J1"), b"x", "anna")
        assert session.status().site_journal == 1
    with open_station(home, store=site_store, need_hub=False) as session:
        assert session.status().site_journal is None
        assert [r.pack.serial for r in session.station.dispense_records()] == ["J1"]


def test_a_second_outage_merges_only_what_is_new(tmp_path: Path, site_store: str) -> None:
    from dispense_app.store.journal import waiting

    home = tmp_path / "a"
    Counter.save(home, "till 1")
    down = f"postgresql://nobody@/nodb?host={tmp_path}/nowhere&connect_timeout=1"
    for round_, serials in enumerate((["R1", "R2"], ["R3"])):
        with Station.open(home, store=down, journal=True) as local:
            for s in serials:
                local.record_supply(_pack(s), b"x", "anna")
            assert local.journal_waiting() == len(serials)
        with Station.open(home, store=site_store, journal=True) as site:
            assert site.merge_report is not None and site.merge_report.merged == len(serials), round_
            assert site.merge_report.skipped == 0
        assert waiting(home) == 0
    with Station.open(home, store=site_store) as site:
        assert sorted(r.pack.serial for r in site.dispense_records()) == ["R1", "R2", "R3"]
        assert site.pending_count() == 3 and site.audit.verify().ok


def test_read_only_commands_on_a_site_never_create_a_home(tmp_path: Path, site_store: str) -> None:
    Station.open(tmp_path / "a", store=site_store).close()  # the site exists
    absent = tmp_path / "never"
    assert main(["audit", "verify", "--store", site_store, "--home", str(absent)]) == 0
    assert main(["alerts", "list", "--store", site_store, "--home", str(absent), "--json"]) == 0
    assert not absent.exists()


def test_an_open_counter_goes_back_to_the_site_store_when_it_answers_again(tmp_path: Path, site_store: str) -> None:
    """The window's session, on its journal while the LAN is down, tries the site store again (the
    status poll) and, once it answers, merges the journal and carries on there: no restart."""
    from urllib.parse import parse_qs, urlsplit

    from dispense_app.station.session import open_station

    home = tmp_path / "a"
    Counter.save(home, "till 1")
    with Station.open(home, store=site_store) as st:
        st.settings.set("station.location", "LOC-1")
    socket_dir = Path(parse_qs(urlsplit(site_store).query)["host"][0])
    lan = tmp_path / "lan"  # the counter's way to the server: down until the socket shows up there
    lan.mkdir()
    flaky = site_store.replace(str(socket_dir), str(lan))
    with open_station(home, store=flaky, need_hub=False) as session:
        journal = session.station
        before = session.station.record_supply(_pack("J1"), b"x", "anna")
        assert session.status().site_journal == 1
        assert session.rejoin_site() is False and session.station is journal  # still down
        for sock in socket_dir.glob(".s.PGSQL.*"):
            (lan / sock.name).symlink_to(sock)  # the LAN is back
        assert session.rejoin_site() is True
        assert session.station is not journal and session.station.journal_for is None
        assert session.status().site_journal is None
        assert session.station.merge_report is not None and session.station.merge_report.merged == 1
        for part in (session.workflow, session.operators.directory, session.alerts, session.adherence,
                     session.quarantine):
            assert part.station is session.station
        after = session.station.record_supply(_pack("S1"), b"x", "anna")  # on the site now
        assert session.rejoin_site() is False  # nothing to rejoin
    with Station.open(tmp_path / "b", store=site_store) as other:  # another counter sees both
        records = {r.pack.serial: r for r in other.dispense_records()}
        assert set(records) == {"J1", "S1"} and records["J1"].id == before.id and records["S1"].id == after.id
        assert records["J1"].station == "till 1" and records["J1"].location == "LOC-1"
        assert other.audit.verify().ok
