"""Suspect and illegitimate product (issue 19): the quarantine record's rules, its store (audited,
6-year retention), the station service, ``dispense-app quarantine`` and the Form 3911 draft."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from dispense_app.cli import main
from dispense_app.core.quarantine import (
    QuarantineRecord,
    QuarantineStatus,
    clock_text,
    guidance,
    notification_text,
    required_checks,
)
from dispense_app.store import InvalidTransitionError, Station

T0 = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
GTIN_US = "00361414100012"  # 0 + 03 + NDC 6141410001 + check (a US NDC-based GTIN)


def record(serial: str = "BAD1", status: QuarantineStatus = QuarantineStatus.SUSPECT, **kw: Any) -> QuarantineRecord:
    base: dict[str, Any] = dict(
        id="",
        created_at=T0,
        status=status,
        reason="verified=true Suspect",
        source="vrs",
        gtin=GTIN_US,
        serial=serial,
        lot="V1",
        expiry=dt.date(2028, 5, 31),
        product_name="Amoxicillin 500 mg",
        operator="anna",
        station="ST-1",
    )
    base.update(kw)
    return QuarantineRecord(**base)


@pytest.fixture
def station(home: Path) -> Iterator[Station]:
    st = Station.open(home)
    try:
        yield st
    finally:
        st.close()


# --- rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("on_hand", "need"), [(None, 3), (0, 3), (10, 3), (30, 3), (31, 4), (100, 10), (101, 11)])
def test_three_packs_or_ten_percent_whichever_is_more(on_hand: int | None, need: int) -> None:
    assert required_checks(on_hand) == need


def test_clock_guidance_and_notice() -> None:
    rec = record(status=QuarantineStatus.ILLEGITIMATE, determined_at=T0, on_hand=50, trading_partner="ACME Wholesale")
    assert rec.report_due == T0 + dt.timedelta(hours=24)
    assert clock_text(rec, T0 + dt.timedelta(hours=20, minutes=5)) == (
        "FDA Form 3911 and trading-partner notices due in 3 h 55 min"
    )
    assert clock_text(rec, T0 + dt.timedelta(hours=25)).startswith("OVERDUE by 1 h 00 min")
    assert "0 of 5 verified" in guidance(rec)
    text = notification_text(rec, pharmacy="Main Street Pharmacy")
    assert "ACME Wholesale" in text and rec.serial in text and "illegitimate" in text
    assert rec.keep_until() == dt.date(2032, 12, 6)


# --- store --------------------------------------------------------------------------------------


def test_store_moves_are_checked_and_audited(station: Station) -> None:
    q = station.quarantine
    rec = q.add(record(), actor="anna")
    assert rec.id.startswith("Q-") and rec.status is QuarantineStatus.SUSPECT
    assert q.add(record(), actor="anna").id == rec.id  # the same pack is not quarantined twice
    upgraded = q.add(record(status=QuarantineStatus.ILLEGITIMATE, created_at=T0 + dt.timedelta(hours=1)), actor="bob")
    assert upgraded.id == rec.id and upgraded.status is QuarantineStatus.ILLEGITIMATE
    assert upgraded.determined_at == T0 + dt.timedelta(hours=1)
    with pytest.raises(InvalidTransitionError, match="cannot become released"):
        q.move(rec.id, "released", actor="anna")  # an illegitimate pack never goes back to stock
    done = q.move(rec.id, "submitted", actor="anna", at=T0 + dt.timedelta(hours=5))
    assert done.submitted_by == "anna" and done.closed_at == T0 + dt.timedelta(hours=5) and done.report_due is None
    kinds = [e.kind for e in station.audit.entries()]
    assert kinds.count("quarantine") == 1 and kinds.count("quarantine-status") == 2
    assert station.audit.verify().ok


def test_six_year_retention(station: Station) -> None:
    from dispense_app.export.samples import sample_alert

    q = station.quarantine
    alert = station.add_alert(sample_alert(alert_id="A-Q", created_at=T0 - dt.timedelta(days=3000)))
    station.update_alert_status(alert.alert_id, "investigating", by="anna")
    station.update_alert_status(alert.alert_id, "closed", by="anna", cause="suspected-falsification")
    old = q.add(record("OLD1", created_at=T0 - dt.timedelta(days=3000), alert_id=alert.alert_id), actor="anna")
    q.move(old.id, "released", actor="anna", at=T0 - dt.timedelta(days=2900))
    young = q.add(record("NEW1", created_at=T0 - dt.timedelta(days=400)), actor="anna")
    q.move(young.id, "released", actor="anna", at=T0 - dt.timedelta(days=300))
    still_open = q.add(record("OPEN1", created_at=T0 - dt.timedelta(days=3000)), actor="anna")
    # the alert a quarantine record names is not purged while the record is kept
    assert station.delete_closed_alerts([alert.alert_id], before=T0, actor="x", details={}) == 0
    six_years_ago = T0.replace(year=T0.year - 6)
    assert q.purge(before=six_years_ago, actor="anna", apply=False) == [old.id]
    assert q.purge(before=six_years_ago, actor="anna", apply=True) == [old.id]
    assert {r.id for r in q.records()} == {young.id, still_open.id}
    assert station.delete_closed_alerts([alert.alert_id], before=T0, actor="x", details={}) == 1


# --- command line -------------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_list_confirm_submit_release_and_form(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Station.open(home) as st:
        st.settings.set("pharmacy.name", "Main Street Pharmacy")
        sus = st.quarantine.add(record("SUS1", on_hand=40), actor="anna")
        clear = st.quarantine.add(record("OK1"), actor="anna")
    code, out, _ = _run(capsys, "quarantine", "list", "--open", "--json")
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {d["id"] for d in docs} == {sus.id, clear.id}
    assert next(d for d in docs if d["id"] == sus.id)["checks_required"] == 4  # 10 % of 40
    assert _run(capsys, "quarantine", "update", sus.id, "--partner", "ACME Wholesale, GLN 0614141000036")[0] == 0
    assert _run(capsys, "quarantine", "release", clear.id, "--note", "manufacturer confirmed")[0] == 0
    code, out, _ = _run(capsys, "quarantine", "confirm-illegitimate", sus.id, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["status"] == "illegitimate" and "due in" in doc["clock"]
    code, _, err = _run(capsys, "quarantine", "release", sus.id)
    assert code == 1 and "cannot become released" in err
    pdf = home / "form3911.pdf"
    assert _run(capsys, "quarantine", "form3911", sus.id, "-o", str(pdf))[0] == 0
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    for expected in ("Form 3911", "Illegitimate product", "Main Street Pharmacy", "6141410001", "SUS1", "V1",
                     "2028-05-31", "ACME Wholesale", "Notification to trading partners"):  # fmt: skip
        assert expected in text, expected
    code, out, _ = _run(capsys, "quarantine", "notice", sus.id)
    assert code == 0 and "ACME Wholesale" in out and "Main Street Pharmacy" in out
    assert _run(capsys, "quarantine", "submitted", sus.id)[0] == 0
    assert _run(capsys, "quarantine", "list", "--open", "--json")[1] == ""
    code, _, err = _run(capsys, "quarantine", "show", "Q-NOPE")
    assert code == 1 and "no quarantine record" in err
    code, _, err = _run(capsys, "quarantine", "update", sus.id)
    assert code == 2 and "nothing to change" in err
    code, _, err = _run(capsys, "quarantine", "form3911", sus.id, "-o", str(home / "missing-dir" / "f.pdf"))
    assert code == 2 and "Traceback" not in err
    with Station.open(home) as st:
        kinds = [e.kind for e in st.audit.entries()]
    assert "quarantine-form3911" in kinds and kinds.count("quarantine-status") == 3


def test_cli_add_a_suspect_pack_by_hand(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Station.open(home).close()
    code = f"01{GTIN_US}21HAND1\\x1d10V1\\x1d17280531"
    rc, out, _ = _run(capsys, "quarantine", "add", code, "--reason", "seal broken", "--json")
    added = json.loads(out)
    assert rc == 0 and added["guidance"].startswith("Verify at least 3 packs")
    _, out, _ = _run(capsys, "quarantine", "list", "--json")
    (rec,) = [json.loads(line) for line in out.splitlines()]
    assert rec["id"] == added["id"] and rec["serial"] == "HAND1" and rec["source"] == "manual"
    assert rec["reason"] == "seal broken" and rec["status"] == "suspect" and rec["expiry"] == "2028-05-31"
    rc, _, err = _run(capsys, "quarantine", "add", "4006381333931", "--reason", "x")  # an EAN: no serial
    assert rc == 2 and "serial" in err


def test_cli_roles_decide_who_may_confirm(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dispense_app.workflow.operators_store import OperatorDirectory

    with Station.open(home) as st:
        directory = OperatorDirectory(st)
        directory.add("anna", "Anna", "pharmacist", "Correct-Horse-77")
        directory.add("tom", "Tom", "technician", "482715")
        rec = st.quarantine.add(record("ROLE1"), actor="anna")
    monkeypatch.setenv("DISPENSE_APP_PIN", "482715")
    assert _run(capsys, "quarantine", "update", rec.id, "--on-hand", "12", "--operator", "tom")[0] == 0
    code, _, err = _run(capsys, "quarantine", "confirm-illegitimate", rec.id, "--operator", "tom")
    assert code == 2 and err  # a technician may follow up, not determine illegitimacy
    monkeypatch.setenv("DISPENSE_APP_PIN", "wrong")
    assert _run(capsys, "quarantine", "confirm-illegitimate", rec.id, "--operator", "anna")[0] == 2
    monkeypatch.setenv("DISPENSE_APP_PIN", "Correct-Horse-77")
    assert _run(capsys, "quarantine", "confirm-illegitimate", rec.id, "--operator", "anna")[0] == 0
    with Station.open(home) as st:
        done = st.quarantine.get(rec.id)
        actors = [(e.kind, e.actor) for e in st.audit.entries() if e.kind.startswith("quarantine-")]
    assert done.status is QuarantineStatus.ILLEGITIMATE and done.on_hand == 12
    assert actors == [("quarantine-update", "tom"), ("quarantine-status", "anna")]
