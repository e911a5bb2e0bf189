"""Verdict tables: every return code, every pack state, local rules, offline, input problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from dispense_app.core.alerts import AlertSource
from dispense_app.core.messages import MESSAGES, render
from dispense_app.core.model import HubReply, PackState, ReturnCode, Transaction
from dispense_app.core.verdict import (
    RETURN_CODE_MESSAGE,
    STATE_MESSAGE,
    UNDO_WINDOW,
    Ago,
    InputProblem,
    Level,
    LocalRecord,
    Moment,
    Reason,
    RecallEntry,
    VerdictInput,
    decide,
    format_value,
    precheck,
)

NOW = dt.datetime(2026, 12, 1, 13, 50, tzinfo=dt.UTC)


@dataclass
class Err:
    code: str
    message: str
    field: str | None = None


@dataclass
class Pack:
    ok: bool = True
    gtin: str | None = "09501101020917"
    ppn: str | None = None
    pzn: str | None = None
    serial: str | None = "SER123"
    lot: str | None = "LOT1"
    expiry: dt.date | None = dt.date(2028, 6, 30)
    errors: list[Err] = field(default_factory=list)


def inp(**kw: object) -> VerdictInput:
    kw.setdefault("now", NOW)
    kw.setdefault("pack", Pack())
    return VerdictInput(**kw)  # type: ignore[arg-type]


# --- every return code --------------------------------------------------------------------------

# (return code, state in the reply, level, message id, hub alert class)
SUPPLY_TABLE = [
    (ReturnCode.SUCCESS, PackState.SUPPLIED, Level.OK, "ok.supplied", None),
    (ReturnCode.PRODUCT_UNKNOWN, None, Level.STOP, "hub.product_unknown", None),
    (ReturnCode.SERIAL_UNKNOWN, None, Level.STOP, "hub.serial_unknown", "A3"),
    (ReturnCode.BATCH_UNKNOWN, None, Level.STOP, "hub.batch_unknown", "A2"),
    (ReturnCode.EXPIRY_MISMATCH, PackState.ACTIVE, Level.STOP, "hub.expiry_mismatch", "A52"),
    (ReturnCode.BATCH_MISMATCH, PackState.ACTIVE, Level.STOP, "hub.batch_mismatch", "A68"),
    (ReturnCode.ALREADY_INACTIVE, None, Level.STOP, "hub.already_inactive", "A24"),
    (ReturnCode.ALREADY_INACTIVE, PackState.SUPPLIED, Level.STOP, "state.supplied", "A24"),
    (ReturnCode.ALREADY_INACTIVE, PackState.EXPIRED, Level.STOP, "state.expired", None),
    (ReturnCode.ALREADY_INACTIVE, PackState.RECALLED, Level.STOP, "state.recalled", None),
    (ReturnCode.ALREADY_INACTIVE, PackState.WITHDRAWN, Level.STOP, "state.withdrawn", None),
    (ReturnCode.UNDO_STATE_MISMATCH, PackState.DESTROYED, Level.STOP, "hub.undo_state_mismatch", "A24"),
    (ReturnCode.ALREADY_IN_STATE, PackState.SUPPLIED, Level.STOP, "hub.already_in_state", "A7"),
    (ReturnCode.UNDO_TOO_LATE, PackState.SUPPLIED, Level.STOP, "hub.undo_too_late", None),
    (ReturnCode.UNDO_OTHER_LOCATION, PackState.SUPPLIED, Level.STOP, "hub.undo_other_location", None),
    (ReturnCode.BATCH_RECALLED, PackState.RECALLED, Level.STOP, "hub.batch_recalled", None),
    (ReturnCode.PACK_EXPIRED, PackState.EXPIRED, Level.STOP, "hub.pack_expired", None),
    (ReturnCode.TRX_ID_REUSED, None, Level.STOP, "hub.trx_id_reused", None),
]

# US VRS codes outside a VRS reply (tests/test_vrs_lms.py covers the VRS's own fields)
VRS_SUPPLY_TABLE = [
    (ReturnCode.VRS_NOT_FOR_REDISTRIBUTION, None, Level.STOP, "vrs.not_for_redistribution", None),
    (ReturnCode.VRS_MANUFACTURER_POLICY, None, Level.STOP, "vrs.manufacturer_policy", None),
    (ReturnCode.VRS_NO_REASON, None, Level.STOP, "vrs.no_reason", None),
    (ReturnCode.VRS_SUSPECT, None, Level.STOP, "vrs.suspect", None),
    (ReturnCode.VRS_ILLEGITIMATE, None, Level.STOP, "vrs.illegitimate", None),
    (ReturnCode.VRS_NO_ROUTE, None, Level.STOP, "vrs.no_route", None),
    (ReturnCode.VRS_CREDENTIAL_REFUSED, None, Level.STOP, "vrs.forbidden", None),
    (ReturnCode.VRS_NOT_AUTHENTICATED, None, Level.STOP, "vrs.not_authenticated", None),
]


def test_supply_table_covers_the_codes_of_domain_md() -> None:
    """The 14 codes of DOMAIN.md section 4 each have a row here and a message of their own; the
    rest of the 192 are covered table-driven in tests/test_return_codes.py."""
    domain = {row[0] for row in SUPPLY_TABLE}
    assert len(domain) == 14 and domain <= set(ReturnCode)
    assert domain - {ReturnCode.SUCCESS} <= set(RETURN_CODE_MESSAGE)


@pytest.mark.parametrize(("rc", "state", "level", "msg", "alert_class"), SUPPLY_TABLE + VRS_SUPPLY_TABLE)
def test_supply_reply(rc: ReturnCode, state: PackState | None, level: Level, msg: str, alert_class: str | None) -> None:
    v = decide(inp(transaction=Transaction.SUPPLY, hub=HubReply(rc, state=state)))
    assert v.level is level
    assert v.primary is not None and v.primary.id == msg
    assert v.alert_class == alert_class
    assert v.return_code is rc
    assert v.hub_asked and not v.offline and not v.queue
    assert v.may_dispense is (level is not Level.STOP)
    # every STOP with a hub return code creates an alert record
    assert v.alert_needed is (level is Level.STOP)
    if v.alert_needed:
        assert v.alert_source is AlertSource.HUB
    assert v.reason() and "{" not in v.reason() and "{" not in v.next_action()


@pytest.mark.parametrize(("rc", "state", "level", "msg", "alert_class"), SUPPLY_TABLE[1:])
def test_verify_reply_failures_match_supply(
    rc: ReturnCode, state: PackState | None, level: Level, msg: str, alert_class: str | None
) -> None:
    v = decide(inp(transaction=Transaction.VERIFY, hub=HubReply(rc, state=state)))
    if rc is ReturnCode.ALREADY_INACTIVE:
        alert_class = None  # informative on a verify: no A24
    assert (v.level, v.primary.id if v.primary else None, v.alert_class) == (level, msg, alert_class)


def test_verify_of_our_own_dispense_answered_pck_22() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(minutes=3))
    reply = HubReply(ReturnCode.ALREADY_INACTIVE, state=PackState.SUPPLIED)
    v = decide(inp(local=[rec], hub=reply))
    assert v.message_ids == ["local.dispensed_here"] and v.alert_class is None and v.hub_asked


def test_supply_success_sets_the_undo_deadline() -> None:
    v = decide(inp(transaction=Transaction.SUPPLY, hub=HubReply(ReturnCode.SUCCESS, state=PackState.SUPPLIED)))
    assert v.undo_until == NOW + UNDO_WINDOW
    assert v.message_ids == ["ok.supplied"]


# --- every pack state ---------------------------------------------------------------------------


def test_state_table_covers_every_inactive_state() -> None:
    assert set(STATE_MESSAGE) == set(PackState) - {PackState.ACTIVE}


@pytest.mark.parametrize("state", list(PackState))
def test_verify_every_state(state: PackState) -> None:
    v = decide(inp(hub=HubReply(ReturnCode.SUCCESS, state=state)))
    if state is PackState.ACTIVE:
        assert v.level is Level.OK and v.message_ids == ["ok.verified"] and v.may_dispense
        assert not v.alert_needed
    else:
        assert v.level is Level.STOP and v.message_ids == [STATE_MESSAGE[state]]
        assert not v.may_dispense and v.alert_needed and v.alert_class is None
        assert v.state is state


@pytest.mark.parametrize("state", sorted(set(PackState) - {PackState.ACTIVE}))
def test_supply_refused_for_every_inactive_state(state: PackState) -> None:
    v = decide(inp(transaction=Transaction.SUPPLY, hub=HubReply(ReturnCode.ALREADY_INACTIVE, state=state)))
    assert v.level is Level.STOP and v.message_ids == [STATE_MESSAGE[state]]
    no_alert = state in (PackState.EXPIRED, PackState.RECALLED, PackState.WITHDRAWN)
    assert v.alert_class == (None if no_alert else "A24")


@pytest.mark.parametrize(
    ("transaction", "msg"),
    [
        (Transaction.UNDO_SUPPLY, "ok.undone"),
        (Transaction.DESTROY, "ok.destroyed"),
        (Transaction.SAMPLE, "ok.sample"),
        (Transaction.FREE_SAMPLE, "ok.transaction"),
    ],
)
def test_other_transactions_success(transaction: Transaction, msg: str) -> None:
    local = (
        [LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(hours=1))] if transaction is Transaction.UNDO_SUPPLY else []
    )
    v = decide(inp(transaction=transaction, local=local, hub=HubReply(ReturnCode.SUCCESS)))
    assert v.level is Level.OK and v.message_ids == [msg]
    assert "{" not in v.reason()


# --- local rules --------------------------------------------------------------------------------


def test_already_dispensed_here_stops_before_the_hub_with_undo_deadline() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(minutes=3))
    i = inp(transaction=Transaction.SUPPLY, local=[rec])
    v = precheck(i)
    assert v is not None and not v.hub_asked
    assert v.level is Level.STOP and v.message_ids == ["local.dispensed_here"]
    assert v.reason() == "Already dispensed here 3 minutes ago."
    assert v.next_action() == "Do not dispense it again. Undo available until 11 Dec 13:47."
    assert v.undo_until == rec.at + UNDO_WINDOW
    # the counter's own double scan: a STOP, but no alert for follow-up (issue 15)
    assert not v.alert_needed and v.alert_source is None and v.alert_class is None
    assert v.state is PackState.SUPPLIED


def test_already_dispensed_here_more_than_ten_days_ago() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(days=11))
    v = decide(inp(transaction=Transaction.SUPPLY, local=[rec]))
    assert v.message_ids == ["local.dispensed_here_no_undo"]
    assert "11 days ago" in v.reason()


def test_undone_record_does_not_stop_a_new_dispense() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(hours=2), undone_at=NOW - dt.timedelta(hours=1))
    i = inp(transaction=Transaction.SUPPLY, local=[rec])
    assert precheck(i) is None
    v = decide(inp(transaction=Transaction.SUPPLY, local=[rec], hub=HubReply(ReturnCode.SUCCESS)))
    assert v.level is Level.OK


def test_queued_here_stops_even_offline() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(minutes=1), queued=True)
    v = decide(inp(transaction=Transaction.SUPPLY, local=[rec], offline=True))
    assert v.level is Level.STOP and v.message_ids == ["local.queued_here"] and not v.queue


def test_destroyed_here_stops_dispense() -> None:
    rec = LocalRecord(Transaction.DESTROY, NOW - dt.timedelta(hours=5))
    v = decide(inp(transaction=Transaction.SUPPLY, local=[rec]))
    assert v.message_ids == ["local.decommissioned_here"] and "Destroyed" in v.reason()
    assert v.state is PackState.DESTROYED


def test_verify_of_a_pack_dispensed_here_explains_instead_of_supplied_elsewhere() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(minutes=3))
    v = decide(inp(local=[rec], hub=HubReply(ReturnCode.SUCCESS, state=PackState.SUPPLIED)))
    assert v.level is Level.STOP and v.message_ids == ["local.dispensed_here"]
    assert v.hub_asked and v.state is PackState.SUPPLIED


def test_expired_locally_stops_supply_without_the_hub() -> None:
    v = precheck(inp(transaction=Transaction.SUPPLY, pack=Pack(expiry=dt.date(2026, 11, 30))))
    assert v is not None and v.message_ids == ["local.expired"] and v.reason() == "Pack expired on 30 Nov 2026."
    assert v.state is PackState.EXPIRED


def test_expiry_today_is_still_fine() -> None:
    assert precheck(inp(transaction=Transaction.SUPPLY, pack=Pack(expiry=NOW.date()))) is None


def test_expired_pack_may_still_be_destroyed() -> None:
    assert precheck(inp(transaction=Transaction.DESTROY, pack=Pack(expiry=dt.date(2020, 1, 31)))) is None


def test_recall_list_batch_and_withdrawal() -> None:
    recalls = [RecallEntry("09501101020917", "LOT1", "contamination")]
    v = decide(inp(transaction=Transaction.SUPPLY, recalls=recalls))
    assert v.message_ids == ["local.recalled"] and v.reason() == "Batch LOT1 recalled: contamination."
    assert v.next_action() == "Quarantine the pack, do not supply."
    other_lot = [RecallEntry("09501101020917", "LOT2", "x")]
    assert precheck(inp(transaction=Transaction.SUPPLY, recalls=other_lot)) is None
    withdrawn = [RecallEntry("09501101020917", None, "marketing authorisation suspended", PackState.WITHDRAWN)]
    assert decide(inp(transaction=Transaction.SUPPLY, recalls=withdrawn)).message_ids == ["local.withdrawn"]


def test_recall_list_matches_ppn_and_pzn() -> None:
    pack = Pack(gtin=None, ppn="110375286414", pzn="03752864")
    assert decide(inp(pack=pack, recalls=[RecallEntry("03752864", "LOT1")])).level is Level.STOP


def test_verify_still_asks_the_hub_for_a_locally_expired_pack() -> None:
    i = inp(pack=Pack(expiry=dt.date(2025, 1, 31)), hub=HubReply(ReturnCode.SUCCESS, state=PackState.ACTIVE))
    assert precheck(i) is None
    v = decide(i)
    assert v.level is Level.STOP and v.message_ids == ["local.expired", "ok.verified"]


# --- undo ---------------------------------------------------------------------------------------


def test_undo_within_window_asks_the_hub() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(days=9))
    assert precheck(inp(transaction=Transaction.UNDO_SUPPLY, local=[rec])) is None
    v = decide(inp(transaction=Transaction.UNDO_SUPPLY, local=[rec], hub=HubReply(ReturnCode.SUCCESS)))
    assert v.level is Level.OK and v.message_ids == ["ok.undone"]


def test_undo_after_window_is_refused_locally() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(days=10, minutes=1))
    v = precheck(inp(transaction=Transaction.UNDO_SUPPLY, local=[rec]))
    assert v is not None and v.level is Level.STOP and v.message_ids == ["local.undo_too_late"]


def test_undo_twice_is_a_warning_not_a_hub_call() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(days=1), undone_at=NOW - dt.timedelta(hours=1))
    v = precheck(inp(transaction=Transaction.UNDO_SUPPLY, local=[rec]))
    assert v is not None and v.level is Level.WARN and v.message_ids == ["local.already_undone"]
    assert not v.queue and not v.alert_needed


def test_undo_without_local_record_stops() -> None:
    for offline in (False, True):
        v = decide(inp(transaction=Transaction.UNDO_SUPPLY, offline=offline))
        assert v.level is Level.STOP and v.message_ids == ["local.not_dispensed_here"] and not v.hub_asked


def test_undo_cancelled_locally() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(minutes=5), queued=True)
    v = decide(inp(transaction=Transaction.UNDO_SUPPLY, local=[rec], cancelled_locally=True))
    assert v.level is Level.OK and v.message_ids == ["ok.cancelled"] and not v.queue and not v.hub_asked


def test_undo_offline_is_queued() -> None:
    rec = LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(days=1))
    v = decide(inp(transaction=Transaction.UNDO_SUPPLY, local=[rec], offline=True))
    assert v.level is Level.WARN and v.queue and v.message_ids == ["offline.queued_other"]


# --- offline ------------------------------------------------------------------------------------


def test_offline_supply_is_queued_with_a_warning() -> None:
    v = decide(inp(transaction=Transaction.SUPPLY, offline=True))
    assert v.level is Level.WARN and v.queue and v.offline and v.may_dispense and not v.hub_asked
    assert v.message_ids == ["offline.queued"] and v.undo_until == NOW + UNDO_WINDOW
    assert not v.alert_needed


@pytest.mark.parametrize(
    ("kw", "msg"),
    [
        ({"pack": Pack(expiry=dt.date(2026, 1, 31))}, "local.expired"),
        ({"recalls": [RecallEntry("09501101020917", "LOT1", "x")]}, "local.recalled"),
        ({"local": [LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(minutes=1))]}, "local.dispensed_here"),
    ],
)
def test_offline_local_stops(kw: dict[str, object], msg: str) -> None:
    v = decide(inp(transaction=Transaction.SUPPLY, offline=True, **kw))
    assert v.level is Level.STOP and v.message_ids[0] == msg and not v.queue
    assert v.alert_needed is (msg != "local.dispensed_here")  # the counter's own double scan: no alert


def test_offline_verify_is_a_warning_and_not_queued() -> None:
    v = decide(inp(offline=True))
    assert v.level is Level.WARN and not v.queue and v.message_ids == ["offline.not_verified"]


def test_not_asked_and_not_offline_is_a_warning() -> None:
    v = decide(inp())
    assert v.level is Level.WARN and v.message_ids == ["offline.not_sent"]


# --- input problems -----------------------------------------------------------------------------


def test_parse_errors_stop_without_alert_or_hub() -> None:
    pack = Pack(ok=False, errors=[Err("check_digit", "GTIN check digit is wrong", "gtin")])
    v = precheck(inp(transaction=Transaction.SUPPLY, pack=pack, hub=HubReply(ReturnCode.SUCCESS)))
    assert v is not None and v.level is Level.STOP and not v.hub_asked and not v.alert_needed
    # plain words (issue 15 finding 9); the parser's own detail stays in the params
    assert v.reason() == "The product code's check digit is wrong: the code was misread or mistyped."
    assert v.primary is not None and v.primary.params["detail"] == "GTIN check digit is wrong"


@pytest.mark.parametrize("code", ["check_digit", "invalid_date", "too_long", "bad_charset", "missing_field",
                                  "unknown_ai", "duplicate_ai", "separator_missing", "malformed"])
def test_every_parse_error_reads_in_plain_words(code: str) -> None:
    """No AI, DI, scheme or parser wording reaches the counter (issue 15 finding 9)."""
    pack = Pack(ok=False, errors=[Err(code, "DI D: 281300 is not a valid date (AI 17, scheme ifa)", "expiry")])
    v = decide(inp(pack=pack))
    text = f"{v.reason()} {v.next_action()}"
    assert v.level is Level.STOP and v.message_ids == ["input.parse_error"]  # ids stay (scripts read them)
    for word in ("AI", "DI", "scheme", "ifa", "281300", ".."):
        assert word not in text.replace("AIN", ""), (word, text)


def test_gate_stop_even_for_verify() -> None:
    v = decide(inp(problems=[InputProblem("ambiguous", "several splits are possible", "gate")]))
    assert v.level is Level.STOP and v.message_ids == ["input.gate_stop"] and not v.alert_needed
    assert v.reason().startswith("The scanner's input does not match this station's scanner set-up")
    assert not v.hub_asked and not v.queue


def test_no_pack_at_all() -> None:
    v = decide(VerdictInput(now=NOW, offline=True, transaction=Transaction.SUPPLY))
    assert v.level is Level.STOP and v.message_ids == ["input.no_pack"] and not v.queue


# --- prescription findings are combined -----------------------------------------------------------


def test_prescription_stop_prevents_supply_and_alerts_locally() -> None:
    rx = [Reason("rx.wrong_strength", Level.STOP, {"strength": "20 mg", "prescribed_strength": "10 mg"})]
    v = precheck(inp(transaction=Transaction.SUPPLY, prescription=rx))
    assert v is not None and v.level is Level.STOP and v.alert_source is AlertSource.LOCAL
    assert v.reason() == "Wrong strength: 20 mg instead of 10 mg."


def test_prescription_warning_is_kept_beside_hub_ok() -> None:
    rx = [Reason("rx.expires_during_therapy", Level.WARN, {"expiry": dt.date(2027, 1, 31)})]
    v = decide(inp(transaction=Transaction.SUPPLY, prescription=rx, hub=HubReply(ReturnCode.SUCCESS)))
    assert v.level is Level.WARN and v.message_ids == ["rx.expires_during_therapy", "ok.supplied"]
    assert v.may_dispense and len(v.messages()) == 2


# --- messages -----------------------------------------------------------------------------------


def test_every_message_renders_and_every_id_used_exists() -> None:
    for mid, m in MESSAGES.items():
        assert m.text.strip(), mid
        render(mid, {})
    used = set(STATE_MESSAGE.values()) | set(RETURN_CODE_MESSAGE.values())
    assert used <= set(MESSAGES)


def test_translation_hook_is_applied() -> None:
    v = decide(inp(transaction=Transaction.SUPPLY, hub=HubReply(ReturnCode.SERIAL_UNKNOWN)))
    german = {MESSAGES["hub.serial_unknown"].text: "Unbekannte Seriennummer."}
    assert v.reason(lambda s: german.get(s, s)) == "Unbekannte Seriennummer."
    assert "SER123" in v.next_action()


def test_time_formatting() -> None:
    assert format_value(Ago(NOW, NOW)) == "just now"
    assert format_value(Ago(NOW - dt.timedelta(minutes=1), NOW)) == "1 minute ago"
    assert format_value(Ago(NOW - dt.timedelta(hours=5), NOW)) == "5 hours ago"
    assert format_value(Ago(NOW + dt.timedelta(hours=5), NOW)) == "in the future"
    berlin = dt.timezone(dt.timedelta(hours=1))
    assert format_value(Moment(NOW, berlin)) == "1 Dec 14:50"
    assert format_value(dt.date(2027, 3, 9)) == "9 Mar 2027"


def test_verdict_json_is_plain() -> None:
    import json

    v = decide(inp(transaction=Transaction.SUPPLY, hub=HubReply(ReturnCode.SUCCESS, state=PackState.SUPPLIED)))
    doc = json.loads(json.dumps(v.to_json()))
    assert doc["level"] == "ok" and doc["state"] == "Supplied" and doc["reasons"][0]["id"] == "ok.supplied"


# --- the wrong barcode (issue 15, finding 7) ----------------------------------------------------

# (what the input problem or parse error is, transaction, offline) -> WARN input.wrong_barcode, never
# an alert, never the hub, never dispensable; any other input problem stays a red STOP
WRONG_BARCODE_TABLE = [
    ("parse error", Transaction.VERIFY, False),
    ("parse error", Transaction.SUPPLY, False),
    ("parse error", Transaction.SUPPLY, True),
    ("problem", Transaction.VERIFY, False),
    ("problem", Transaction.SUPPLY, True),
    ("gate stop", Transaction.VERIFY, False),
    ("gate stop", Transaction.SUPPLY, False),
]


@pytest.mark.parametrize(("kind", "transaction", "offline"), WRONG_BARCODE_TABLE)
def test_the_ordinary_ean_or_pzn_barcode_is_a_wrong_barcode_warning(
    kind: str, transaction: Transaction, offline: bool
) -> None:
    ean = Pack(ok=False, gtin="04006381333931", serial=None, lot=None, expiry=None)
    if kind == "parse error":
        ean.errors = [Err("not_a_pack_code", "no serial number")]
        given = inp(pack=ean, transaction=transaction, offline=offline)
    else:
        source = "gate" if kind == "gate stop" else "parse"
        problem = InputProblem("not_a_pack_code", "no product code and serial number", source)
        given = inp(pack=ean, problems=[problem], transaction=transaction, offline=offline)
    for v in (decide(given), precheck(given)):
        assert v is not None
        assert v.level is Level.WARN and v.message_ids == ["input.wrong_barcode"]
        assert not v.may_dispense and not v.alert_needed and v.alert_source is None
        assert not v.hub_asked and not v.queue
        assert v.next_action() == "Scan the square DataMatrix code."


@pytest.mark.parametrize(
    ("problem", "msg"),
    [
        (InputProblem("check_digit", "check digit wrong", "parse"), "input.parse_error"),
        (InputProblem("ambiguous", "several splits are possible", "gate"), "input.gate_stop"),
        (InputProblem("not_a_pack_code", "malformed request", "hub"), "hub.request_refused"),
    ],
)
def test_other_input_problems_stay_a_stop(problem: InputProblem, msg: str) -> None:
    v = decide(inp(problems=[problem]))
    assert v.level is Level.STOP and v.message_ids == [msg] and not v.may_dispense
