"""Alerts in the station database: every AlertRecord field persisted, streaming filters, follow-up
status workflow, comments, audit entries."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dispense_app.core.alerts import ALERT_FIELDS, AlertCause, AlertRecord, AlertSource, AlertStatus
from dispense_app.store import InvalidTransitionError, Station, UnknownRecordError

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def make_alert(n: int = 1, **changes: object) -> AlertRecord:
    alert = AlertRecord(
        alert_id=f"A3-{n:06d}",
        created_at=T0 + dt.timedelta(hours=n),
        source=AlertSource.HUB,
        return_code="NMVS_NC_PC_02",
        alert_class="A3",
        reason="serial unknown",
        request="verify",
        client_trx_id=f"trx-{n}",
        hub_trx_id=f"hub-{n}",
        operator="anna",
        station="ST-1",
        location="PHARMACY-1",
        raw_hex="5D6432303130343135301D3231",
        aim_id="]d2",
        entry_mode="scan",
        scheme="gs1",
        gtin="04150037528643",
        ppn=None,
        pzn="03752864",
        serial=f"S{n}",
        lot="L1",
        expiry=dt.date(2031, 12, 31),
        nhrn={"710": "03752864"},
        state=None,
        app_version="0.1.0",
        scanner_profile="wedge-de",
        dispense_id=None,
        patient_ref="PAT-1",
        supplied_anyway=True,
        supplied_anyway_reason="patient in pain, pharmacist decision",
        supplied_anyway_by="ben",
        status=AlertStatus.NEW,
        cause=None,
        comments=[{"at": "2026-03-01T10:00:00+00:00", "by": "anna", "text": "rescanned: same"}],
    )
    return dataclasses.replace(alert, **changes)  # type: ignore[arg-type]


@pytest.fixture
def station(home: Path, store_url: str) -> Iterator[Station]:
    s = Station.open(home)
    yield s
    s.close()


def test_every_field_round_trips(station: Station) -> None:
    alert = make_alert()
    station.add_alert(alert)
    assert station.alert(alert.alert_id) == alert
    assert [a for a in station.alerts()] == [alert]
    if station.is_site:
        columns = [
            r[0]
            for r in station.db.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'alerts'"
                " AND column_name <> 'rowid' ORDER BY ordinal_position"
            )
        ]
    else:
        columns = [r[1] for r in station.db.conn.execute("PRAGMA table_info(alerts)")]
    assert columns == list(ALERT_FIELDS)
    (as_json,) = list(station.alert_dicts())
    assert as_json == alert.to_json()


def test_duplicate_alert_id_gets_a_local_id_never_overwrites(station: Station) -> None:
    first = station.add_alert(make_alert(1))
    second = station.add_alert(make_alert(1, reason="second time"))
    assert first.alert_id == "A3-000001" and second.alert_id.startswith("L-")
    assert station.alert("A3-000001").reason == "serial unknown"


def test_naive_datetime_is_refused(station: Station) -> None:
    with pytest.raises(ValueError):
        station.add_alert(make_alert(created_at=dt.datetime(2026, 1, 1)))


def test_filters_stream_in_time_order(station: Station) -> None:
    for n in range(1, 49):
        station.add_alert(
            make_alert(
                n,
                status=AlertStatus.CLOSED if n % 3 == 0 else AlertStatus.NEW,
                cause=AlertCause.USER_ERROR if n % 3 == 0 else None,
                source=AlertSource.LOCAL if n % 2 else AlertSource.HUB,
            )
        )
    everything = station.alerts()
    assert not isinstance(everything, list)  # an iterator (streamed), not a list
    assert [a.alert_id for a in everything] == [f"A3-{n:06d}" for n in range(1, 49)]
    day1 = dt.date(2026, 3, 1)
    assert len(list(station.alerts(until=day1))) == 14  # 10:00 .. 23:00
    assert len(list(station.alerts(since=dt.date(2026, 3, 2), until=dt.date(2026, 3, 2)))) == 24
    assert len(list(station.alerts(status="closed"))) == 16
    assert len(list(station.alerts(status=AlertStatus.NEW, source=AlertSource.LOCAL))) == 16
    assert [a.alert_id for a in station.alerts(since=T0 + dt.timedelta(hours=47))] == ["A3-000047", "A3-000048"]
    assert next(iter(station.alerts(newest_first=True))).alert_id == "A3-000048"
    assert station.alert_count() == 48 and station.alert_count(status="new") == 32


def test_status_workflow_and_comments(station: Station) -> None:
    station.add_alert(make_alert())
    a = station.update_alert_status("A3-000001", AlertStatus.INVESTIGATING, by="qp", comment="quarantined")
    assert a.status is AlertStatus.INVESTIGATING and a.comments[-1]["text"] == "quarantined"
    with pytest.raises(InvalidTransitionError, match="cause"):
        station.update_alert_status("A3-000001", "closed", by="qp")
    a = station.update_alert_status("A3-000001", "closed", by="qp", cause=AlertCause.SCANNER_SETUP)
    assert a.status is AlertStatus.CLOSED and a.cause is AlertCause.SCANNER_SETUP
    with pytest.raises(InvalidTransitionError):
        station.update_alert_status("A3-000001", AlertStatus.NEW, by="qp")
    a = station.update_alert_status("A3-000001", AlertStatus.INVESTIGATING, by="qp")  # reopen
    assert a.cause is AlertCause.SCANNER_SETUP  # kept for the record until closed again
    a = station.add_alert_comment("A3-000001", by="anna", text="called the wholesaler")
    assert [c["text"] for c in a.comments] == ["rescanned: same", "quarantined", "called the wholesaler"]
    with pytest.raises(UnknownRecordError):
        station.update_alert_status("nope", AlertStatus.CLOSED, by="qp", cause="user-error")
    kinds = [e.kind for e in station.audit.entries()]
    assert kinds.count("alert") == 1 and kinds.count("alert-status") == 3 and kinds.count("alert-comment") == 1
    assert station.audit.verify().ok


text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)


def test_any_text_is_stored_verbatim(station: Station) -> None:
    """Whatever was scanned or typed (quotes, SQL, control characters, emoji) is stored and read back as is."""
    counter = iter(range(1, 1_000_000))

    @settings(max_examples=150, deadline=None)
    @given(reason=text, serial=st.one_of(st.none(), text), raw=st.binary(max_size=80), comment=text)
    def store(reason: str, serial: str | None, raw: bytes, comment: str) -> None:
        # PostgreSQL text cannot hold U+0000 at all (docs/site.md): that one character is SQLite's only
        assume(not station.is_site or "\x00" not in reason + (serial or "") + comment)
        alert = make_alert(
            next(counter),
            reason=reason,
            serial=serial,
            raw_hex=raw.hex().upper(),
            comments=[{"at": "x", "by": "y", "text": comment}],
        )
        station.add_alert(alert)
        assert station.alert(alert.alert_id) == alert

    store()
    assert station.audit.verify().ok
