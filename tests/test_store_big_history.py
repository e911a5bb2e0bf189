"""Issue 22, big histories: the status bar's counts are one row read (kept by triggers, migration 10),
never a count over 100,000 alerts or the outbox, and the alerts view's searches use an index in
newest-first order (EXPLAIN QUERY PLAN: no full table scan, no sort), page by page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from dispense_app.core.alerts import AlertCause, AlertSource, AlertStatus
from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.export.filters import AlertQuery
from dispense_app.station.alerts import StationAlerts, alert_filter
from dispense_app.store import Station
from dispense_app.store import alerts as alert_rows
from tests.test_store_alerts import make_alert

GTIN = "04150037528643"


@pytest.fixture
def st(tmp_path: Path) -> Station:
    station = Station.open(tmp_path)
    yield station  # type: ignore[misc]
    station.close()


def true_count(st: Station, status: str | None = None) -> int:
    sql = "SELECT count(*) FROM alerts" + (" WHERE status = ?" if status else "")
    return int(st._conn.execute(sql, (status,) if status else ()).fetchone()[0])


def true_pending(st: Station) -> int:
    return int(st._conn.execute("SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')").fetchone()[0])


def plan(st: Station, sql: str, params: list[object]) -> str:
    return " | ".join(row[-1] for row in st._conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_alert_counts_follow_every_insert_status_change_and_purge(st: Station) -> None:
    for n in range(1, 13):
        st.add_alert(make_alert(n, status=AlertStatus.NEW, cause=None, comments=[]))
    assert st.alert_count(status="new") == true_count(st, "new") == 12
    st.update_alert_status("A3-000001", AlertStatus.INVESTIGATING, by="anna")
    st.update_alert_status("A3-000002", AlertStatus.INVESTIGATING, by="anna")
    st.update_alert_status("A3-000002", AlertStatus.CLOSED, by="anna", cause=AlertCause.USER_ERROR)
    for status in ("new", "investigating", "closed"):
        assert st.alert_count(status=status) == true_count(st, status)
    assert st.alert_count() == true_count(st) == 12
    purged = st.delete_closed_alerts(["A3-000002"], before=dt.datetime(2100, 1, 1, tzinfo=dt.UTC), actor="anna",
                                     details={})
    assert purged == 1
    assert st.alert_count(status="closed") == true_count(st, "closed") == 0
    assert st.alert_count() == true_count(st) == 11


def test_outbox_count_follows_queue_claim_and_done(st: Station) -> None:
    for i in range(5):
        st.record_supply(PackRef(ProductScheme.GTIN, GTIN, f"S{i}"), f"S{i}", "anna")
    assert st.pending_count() == true_pending(st) == 5
    entries = st.outbox.pending(limit=2)
    st.outbox.claim(entries)  # queued -> sending: still owed
    assert st.pending_count() == true_pending(st) == 5
    with st.transaction() as conn:
        conn.execute("UPDATE outbox SET state = 'done' WHERE client_trx_id = ?", (entries[0].client_trx_id,))
    assert st.pending_count() == true_pending(st) == 4


def test_status_bar_counts_read_one_row(st: Station) -> None:
    for sql, params in (
        ("SELECT coalesce(sum(n), 0) FROM alert_counts WHERE status = ?", ["new"]),
        ("SELECT coalesce(sum(n), 0) FROM outbox_counts WHERE state IN ('queued', 'sending')", []),
    ):
        found = plan(st, sql, params)
        assert "SEARCH" in found and "SCAN" not in found, found


QUERIES = [
    AlertQuery(),
    AlertQuery(status=AlertStatus.NEW),
    AlertQuery(source=AlertSource.HUB),
    AlertQuery(operator="anna"),
    AlertQuery(return_code="NMVS_NC_PC_02"),
    AlertQuery(since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31)),
    AlertQuery(since=dt.date(2026, 3, 1), status=AlertStatus.CLOSED),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: ",".join(
    f"{f.name}" for f in dataclasses.fields(q) if getattr(q, f.name) not in (None, ())) or "all")
def test_alert_searches_use_an_index_newest_first(st: Station, query: AlertQuery) -> None:
    where, params = alert_filter(query).where()
    page_sql = alert_rows._SELECT + where + " ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?"
    found = plan(st, page_sql, [*params, 200, 0])
    count = plan(st, "SELECT count(*) FROM alerts" + where, params)
    assert "TEMP B-TREE" not in found, found  # no sort of every match before the first page
    if where:  # a condition: only the matching range of an index is read (not every alert, filtered)
        assert found.startswith("SEARCH alerts USING"), found
        assert count.startswith("SEARCH alerts USING"), count
    else:  # everything, newest first: the created_at index read backwards, stopped after one page
        assert found == "SCAN alerts USING INDEX alerts_created", found
        assert "USING COVERING INDEX" in count, count


def test_pages_are_the_search_in_order(st: Station) -> None:
    statuses = [AlertStatus.NEW, AlertStatus.INVESTIGATING]
    for n in range(1, 52):
        st.add_alert(make_alert(n, status=statuses[n % 2], operator="anna" if n % 3 else "ben",
                                return_code="NMVS_NC_PC_02" if n % 5 else None, cause=None, comments=[]))
    source = StationAlerts(st, actor="anna")
    for query in [*QUERIES, AlertQuery(return_code="none"), AlertQuery(operator="ben", status=AlertStatus.NEW)]:
        everything = [r for r in st.alerts(newest_first=True) if query.matches(r)]
        pages, offset = [], 0
        while True:
            page = source.search_page(query, offset=offset, limit=7)
            assert page.total == len(everything)
            pages += page.records
            offset += len(page.records)
            if not page.more:
                break
        assert [r.alert_id for r in pages] == [r.alert_id for r in everything]
        assert [r.alert_id for r in source.search(query)] == [r.alert_id for r in everything]
