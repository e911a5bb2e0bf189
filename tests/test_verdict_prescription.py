"""decide() owns the whole verdict: prescription findings, who may override them, and the alert.

Before the station service, the counter presenter merged prescription findings into the verdict
with its own rank table and decided ``overridable`` itself, and the workflow decided the override
policy with a string prefix test: two copies of one rule. These tests pin the rule in the core.
"""

from __future__ import annotations

import datetime as dt

from dispense_app.core.alerts import AlertSource
from dispense_app.core.model import HubReply, PackState, ReturnCode, Transaction
from dispense_app.core.prescription import DUPLICATE_SCAN, finding
from dispense_app.core.verdict import Level, ReasonSource, VerdictInput, decide
from tests.test_verdict import NOW, Pack

WRONG = finding("rx.wrong_product", Level.STOP, {"product": "A", "prescribed": "B"})
TOO_MANY = finding("rx.too_many_packs", Level.STOP, {"count": 3, "allowed": 2})
DUPLICATE = finding(DUPLICATE_SCAN, Level.STOP, alert=False)
ACTIVE = HubReply(ReturnCode.SUCCESS, state=PackState.ACTIVE)
SUPPLIED_NOW = HubReply(ReturnCode.SUCCESS, state=PackState.SUPPLIED)


def verdict(transaction: Transaction = Transaction.VERIFY, **kw: object):  # type: ignore[no-untyped-def]
    kw.setdefault("hub", ACTIVE if transaction is Transaction.VERIFY else SUPPLIED_NOW)
    return decide(VerdictInput(now=NOW, pack=Pack(), transaction=transaction, **kw))  # type: ignore[arg-type]


def test_prescription_findings_are_typed() -> None:
    assert WRONG.source is ReasonSource.PRESCRIPTION and WRONG.overridable
    assert not DUPLICATE.overridable
    assert not finding("rx.quantity_unknown", Level.WARN).overridable  # only a STOP is overridden


def test_a_prescription_stop_on_a_check_is_overridable_and_raises_no_alert_yet() -> None:
    v = verdict(prescription=(WRONG,))
    assert v.level is Level.STOP and not v.may_dispense
    assert v.overridable
    assert v.primary is not None and v.primary.id == "rx.wrong_product"
    assert not v.alert_needed  # advice at the counter; the alert comes if someone dispenses it


def test_a_hub_stop_is_never_overridable() -> None:
    hub = HubReply(ReturnCode.ALREADY_INACTIVE, state=PackState.SUPPLIED, alert_id="A24-1")
    v = verdict(prescription=(WRONG,), hub=hub)
    assert v.level is Level.STOP and not v.overridable
    assert v.alert_needed and v.alert_source is AlertSource.HUB


def test_a_local_stop_is_never_overridable() -> None:
    expired = Pack(expiry=dt.date(2020, 1, 31))
    v = decide(VerdictInput(now=NOW, pack=expired, prescription=(WRONG,), hub=ACTIVE))
    assert v.level is Level.STOP and not v.overridable


def test_a_duplicate_scan_is_never_overridable() -> None:
    v = verdict(Transaction.SUPPLY, prescription=(DUPLICATE,), supply_anyway=True)
    assert v.level is Level.STOP and not v.overridable and v.overridden == ()


def test_dispensing_a_prescription_stop_raises_a_local_alert() -> None:
    v = decide(VerdictInput(now=NOW, pack=Pack(), transaction=Transaction.SUPPLY, prescription=(WRONG,)))
    assert v.level is Level.STOP and v.alert_needed and v.alert_source is AlertSource.LOCAL
    assert not v.hub_asked  # a local STOP of a state change never reaches the hub


def test_supply_anyway_turns_the_overridable_stops_into_warnings_and_records_them() -> None:
    v = verdict(Transaction.SUPPLY, prescription=(WRONG, TOO_MANY), supply_anyway=True)
    assert v.level is Level.WARN and v.may_dispense
    assert v.overridden == (WRONG, TOO_MANY)
    assert {r.id for r in v.reasons if r.level is Level.WARN} >= {"rx.wrong_product", "rx.too_many_packs"}


def test_supply_anyway_is_refused_when_any_prescription_stop_is_not_overridable() -> None:
    v = verdict(Transaction.SUPPLY, prescription=(WRONG, DUPLICATE), supply_anyway=True)
    assert v.level is Level.STOP and v.overridden == ()
