"""The store's side of the export fast paths and the purge: ``Station.joined_alert_rows``,
``Station.stored_alert_row``, ``AlertFilter``'s return code / operator conditions (equal to the
export's own record filter) and ``Station.delete_closed_alerts`` (delete and audit in one transaction).

The CSV file from these rows is held byte-identical to the record path in tests/test_alerts_cli.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispense_app.core.alerts import ALERT_FIELDS, AlertCause, AlertSource, AlertStatus
from dispense_app.export.cells import ROW_JOIN
from dispense_app.export.csv_writer import LineFormatter, stored_row_cells
from dispense_app.export.filters import AlertQuery
from dispense_app.export.retention import RetentionPolicy
from dispense_app.export.samples import sample_alert
from dispense_app.export.service import AUDIT_PURGE, plan_purge, purge_alerts
from dispense_app.export.store_rows import stored_alert_dicts, stored_csv_lines
from dispense_app.store import InvalidInputError, Station, UnknownRecordError
from dispense_app.store.alerts import AlertFilter

UTC = dt.UTC
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NOW = dt.datetime(2029, 6, 1, 12, 0, tzinfo=UTC)  # the CODES alerts are inside 5 years

# (alert id, return code, operator): codes in several cases, absent (NULL) and empty, operators
# differing only in case or by a non-ASCII letter
CODES = [
    ("c-upper", "NMVS_NC_PC_02", "anna"),
    ("c-lower", "nmvs_nc_pc_02", "Anna"),
    ("c-mixed", "Nmvs_Nc_Pc_02", "dörte"),
    ("c-other", "NMVS_FE_LOT_03", "DÖRTE"),
    ("c-none", None, "anna"),
    ("c-empty", "", None),
    ("c-nonascii", "nmvs_ıd", "zoe"),  # dotless i: neither SQLite nor ascii_upper fold it
]


@pytest.fixture
def station(home: Path, store_url: str) -> Iterator[Station]:
    with Station.open(home) as s:
        for n, (alert_id, code, operator) in enumerate(CODES):
            s.add_alert(sample_alert(alert_id=alert_id, return_code=code, operator=operator,
                                     source=AlertSource.LOCAL if code is None else AlertSource.HUB,
                                     created_at=T0 + dt.timedelta(hours=n)))
        yield s


def ids(rows: Iterator[dict[str, object]] | None) -> list[object]:
    assert rows is not None
    return [d["alert_id"] for d in rows]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"return_code": "nmvs_nc_pc_02"},
        {"return_code": "NMVS_NC_PC_02", "operator": "anna"},
        {"return_code": "none"},
        {"return_code": "NONE", "operator": "anna"},
        {"operator": "Anna"},
        {"operator": "dörte"},
        {"return_code": "NMVS_NC"},  # a prefix only: no match
        {"return_code": "NMVS_ID"},  # not the dotless i
        {"return_code": "NMVS_FE_LOT_03", "status": "new", "since": "2025-03-01", "until": "2025-03-01"},
    ],
)
def test_store_filter_selects_what_the_record_filter_selects(station: Station, options: dict[str, str]) -> None:
    query = AlertQuery.parse(**options)
    want = [r.alert_id for r in station.alerts() if query.matches(r)]
    assert ids(stored_alert_dicts(station, query)) == want
    lines = stored_csv_lines(station, query)
    assert lines is not None and len(list(lines)) == len(want)


def test_return_code_none_means_null_or_empty(station: Station) -> None:
    got = ids(station.alert_dicts(without_return_code=True))
    assert got == ["c-none", "c-empty"]
    assert ids(station.alert_dicts(return_code="nmvs_nc_pc_02")) == ["c-upper", "c-lower", "c-mixed"]
    assert ids(station.alert_dicts(return_code="NMVS_ID")) == []  # the dotless i is not an i
    assert ids(station.alert_dicts(return_code="NMVS_ıD")) == ["c-nonascii"]  # ASCII letters fold
    with pytest.raises(ValueError, match="not both"):
        AlertFilter(return_code="X", without_return_code=True)


def test_alert_ids_leave_the_store_filter_to_the_record_path() -> None:
    assert AlertQuery.parse(alert_ids=["a"]).store_filter() is None
    flt = AlertQuery.parse(return_code="none", operator="zoe").store_filter()
    assert flt == AlertFilter(without_return_code=True, operator="zoe")


def test_joined_rows_are_the_stored_cells_joined(station: Station) -> None:
    nul = sample_alert(alert_id="nul", created_at=T0 + dt.timedelta(days=1), lot="L\x00T")
    if station.is_site:  # PostgreSQL text cannot hold NUL: refused in one line, nothing stored
        with pytest.raises(InvalidInputError, match="NUL"):
            station.add_alert(nul)
    else:
        station.add_alert(nul)
    station.add_alert(sample_alert(alert_id="pct", created_at=T0 + dt.timedelta(days=2), reason="100% %s %d",
                                   supplied_anyway=False))
    rows = list(station.joined_alert_rows(AlertFilter(), ROW_JOIN))
    assert len(rows) == len(CODES) + (1 if station.is_site else 2)
    for rowid, joined in rows:
        cells = stored_row_cells(station.stored_alert_row(rowid))
        if cells[0] == "nul":
            assert joined is None  # printf would stop at the NUL: the caller reads the row itself
        else:
            assert joined == ROW_JOIN.join(cells)
    # any joiner, '%' included (the printf format is a bound parameter, the joiner escaped in it)
    for joiner in ("%", "|", "%s", "\t"):
        for rowid, joined in station.joined_alert_rows(AlertFilter(operator="zoe"), joiner):
            assert joined == joiner.join(stored_row_cells(station.stored_alert_row(rowid)))
    for bad in ("", "a\x00"):
        with pytest.raises(ValueError, match="joiner"):
            list(station.joined_alert_rows(AlertFilter(), bad))


def test_stored_alert_row_is_the_row_as_stored(station: Station) -> None:
    (rowid, _), *_ = station.joined_alert_rows(AlertFilter(), ROW_JOIN)
    row = station.stored_alert_row(rowid)
    assert len(row) == len(ALERT_FIELDS) and row[0] == "c-upper"
    assert row[ALERT_FIELDS.index("supplied_anyway")] in (0, 1)
    with pytest.raises(UnknownRecordError):
        station.stored_alert_row(10**9)


def test_fast_lines_equal_formatting_the_stored_rows(station: Station) -> None:
    station.add_alert(sample_alert(alert_id="f", created_at=T0 + dt.timedelta(days=1), reason="=1+1", lot="a¤b"))
    fmt = LineFormatter(";")
    lines = stored_csv_lines(station, AlertQuery(), ";")
    assert lines is not None
    want = [fmt.line(stored_row_cells(station.stored_alert_row(rowid)))
            for rowid, _ in station.joined_alert_rows(AlertFilter(), ROW_JOIN)]
    assert list(lines) == want


# ---------------------------------------------------------------------------------------- purge


def _old(station: Station, n: int, status: AlertStatus, years: float = 7) -> list[str]:
    made = []
    for i in range(n):
        rec = sample_alert(alert_id=f"old-{status.value}-{i}", status=status,
                           cause=AlertCause.USER_ERROR if status is AlertStatus.CLOSED else None,
                           created_at=NOW - dt.timedelta(days=365 * years, seconds=i))
        made.append(station.add_alert(rec).alert_id)
    return made


def test_purge_deletes_closed_old_alerts_and_audits_once(station: Station) -> None:
    closed = _old(station, 1203, AlertStatus.CLOSED)  # more than two statements' worth of ids
    kept = _old(station, 2, AlertStatus.INVESTIGATING)
    plan = plan_purge(station, RetentionPolicy(5), NOW)
    assert sorted(plan.purge_ids) == sorted(closed) and plan.kept_open == 2
    before = len(list(station.audit.entries()))
    assert purge_alerts(station, plan, actor="owner") == 1203
    left = {r.alert_id for r in station.alerts()}
    assert left == {a for a, _, _ in CODES} | set(kept)
    entries = list(station.audit.entries())
    assert len(entries) == before + 1
    entry = entries[-1]
    assert entry.kind == AUDIT_PURGE and entry.actor == "owner"
    assert entry.details == {**plan.to_json(), "purged": 1203, "alert_ids": plan.purge_ids}
    assert station.audit.verify().ok


def test_purge_skips_alerts_reopened_or_too_young_since_the_plan(station: Station) -> None:
    closed = _old(station, 3, AlertStatus.CLOSED)
    plan = plan_purge(station, RetentionPolicy(5), NOW)
    station.update_alert_status(closed[0], AlertStatus.INVESTIGATING, by="anna")  # reopened meanwhile
    plan.purge_ids.append("c-upper")  # young (and not closed): never deleted by this call
    assert purge_alerts(station, plan, actor=None) == 2
    assert {closed[0], "c-upper"} <= {r.alert_id for r in station.alerts()}
    assert list(station.audit.entries(kind=AUDIT_PURGE))[-1].details["purged"] == 2


def test_delete_and_audit_are_one_transaction(station: Station) -> None:
    closed = _old(station, 3, AlertStatus.CLOSED)
    cutoff = NOW - dt.timedelta(days=365 * 5)
    with pytest.raises(TypeError):  # the audit entry cannot be written: nothing is deleted
        station.delete_closed_alerts(closed, before=cutoff, actor=None, details={"bad": object()})
    assert set(closed) <= {r.alert_id for r in station.alerts()}
    with pytest.raises(RuntimeError), station.transaction():  # the caller's transaction rolls back
        assert station.delete_closed_alerts(closed, before=cutoff, actor=None, details={}) == 3
        raise RuntimeError("abort")
    assert set(closed) <= {r.alert_id for r in station.alerts()}
    assert list(station.audit.entries(kind=AUDIT_PURGE)) == []
    with pytest.raises(ValueError, match="timezone"):
        station.delete_closed_alerts(closed, before=cutoff.replace(tzinfo=None), actor=None, details={})
