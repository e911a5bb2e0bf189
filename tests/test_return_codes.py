"""The whole NMVS return-code table (shared/protocols/nmvs-blueprint-soap.md sections 6-8), table-driven:
every code's row, its verdict at the counter, and codes nobody listed (kept as text, classified)."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_verdict import NOW, LocalRecord, inp

from dispense_app.core.messages import MESSAGES
from dispense_app.core.model import HubReply, PackState, Transaction
from dispense_app.core.return_codes import (
    NO_ALERT_TWINS,
    TABLE,
    AlertLevel,
    CodeFamily,
    Handling,
    ReturnCode,
    family_of,
    twin_for,
)
from dispense_app.core.verdict import Level, decide

ALL = sorted(TABLE)

# alert classes the notes give (section 7), and the codes that raise none
ALERTING = {
    "NMVS_FE_LOT_03": "A2",
    "NMVS_FE_LOT_12": "A52",
    "NMVS_FE_LOT_13": "A68",
    "NMVS_NC_PC_02": "A3",
    "NMVS_NC_PCK_06": "A24",
    "NMVS_NC_PCK_19": "A7",
    "NMVS_NC_PCK_22": "A24",
    "NMVS_NC_PCK_27": "A24",
}


def test_the_table_holds_all_192_codes_of_the_notes() -> None:
    assert len(TABLE) == 192 == len(ReturnCode)
    assert sum(1 for i in TABLE.values() if i.admin_only) == 57
    assert all(code.startswith("NMVS_") and TABLE[code].code == code for code in TABLE)
    # spot checks of grouped rows expanded
    for code in (
        "NMVS_FE_PKI_09",
        "NMVS_FE_TX_10",
        "NMVS_NC_PCK_31",
        "NMVS_TI_RT_03",
        "NMVS_NC_PMS_22",
        "NMVS_WF_NC_02",
    ):
        assert code in ReturnCode


@pytest.mark.parametrize("code", ALL)
def test_every_code_parses_to_its_interned_value(code: str) -> None:
    rc = ReturnCode(code)
    assert rc is ReturnCode(code.removeprefix("NMVS_").lower()) is ReturnCode(f"  {code} ")
    assert rc.known and rc.info is TABLE[code] and rc.value == code and str(rc) == code
    assert pickle.loads(pickle.dumps(rc)) is rc
    assert rc.meaning and rc.family is family_of(code)
    assert rc.alert_class == ALERTING.get(code)
    assert (rc.info.level is AlertLevel.ALERT) is (code in ALERTING)


def test_old_enum_names_still_work() -> None:
    assert ReturnCode.SUCCESS == "NMVS_SUCCESS" and ReturnCode.SUCCESS.name == "SUCCESS"
    assert (
        ReturnCode.ALREADY_INACTIVE.value == "NMVS_NC_PCK_22" and ReturnCode.ALREADY_INACTIVE.name == "ALREADY_INACTIVE"
    )
    assert ReturnCode("NMVS_NC_PC_01") is ReturnCode.PRODUCT_UNKNOWN
    assert ReturnCode.SERIAL_UNKNOWN.alert_class == "A3"
    assert ReturnCode.TRX_ID_REUSED.handling is Handling.RECONCILE


@pytest.mark.parametrize(("original", "twin"), sorted(NO_ALERT_TWINS.items()))
def test_v5_no_alert_twins(original: str, twin: str) -> None:
    a, b = ReturnCode("NMVS_" + original), ReturnCode("NMVS_" + twin)
    assert a.twin is b and b.twin is a
    assert a.raises_alert() and not b.raises_alert() and b.alert_class is None
    assert b.is_no_alert_twin and b.alerting_original is a and a.alerting_original is a
    assert twin_for(a, alert=False) is b and twin_for(b, alert=True) is a


def test_real_exceptions_pck22_and_pck06() -> None:
    pck22, pck06 = ReturnCode.ALREADY_INACTIVE, ReturnCode.UNDO_STATE_MISMATCH
    for quiet in (PackState.EXPIRED, PackState.RECALLED, PackState.WITHDRAWN):
        assert pck22.alert_level(quiet) is AlertLevel.BLOCK
        assert pck06.alert_level(quiet) is AlertLevel.REFUSED
    assert pck06.alert_level(PackState.ACTIVE) is AlertLevel.REFUSED
    assert pck22.raises_alert(PackState.SUPPLIED) and pck06.raises_alert(PackState.DESTROYED)
    assert not ReturnCode.UNDO_TOO_LATE.raises_alert() and ReturnCode.UNDO_TOO_LATE.info.uk_level5


@pytest.mark.parametrize(
    ("code", "family", "handling"),
    [
        ("NMVS_SUCCESS", CodeFamily.SUCCESS, Handling.CONFIRM),
        ("NMVS_NC_PCK_23", CodeFamily.PACK, Handling.FOLLOW_UP),  # to our outbox: someone else here
        ("NMVS_NC_PCK_26", CodeFamily.PACK, Handling.CONFIRM),
        ("NMVS_TE_TX_01", CodeFamily.TECHNICAL, Handling.RECONCILE),
        ("NMVS_TE_REQ_01", CodeFamily.TECHNICAL, Handling.RETRY),
        ("NMVS_TI_TO_01", CodeFamily.TECHNICAL, Handling.RETRY),
        ("NMVS_FI_SE_CLI_01", CodeFamily.TECHNICAL, Handling.RETRY),
        ("NMVS_ERROR", CodeFamily.TECHNICAL, Handling.RETRY),
        ("NMVS_FE_TX_02", CodeFamily.FUNCTIONAL, Handling.RETRY),
        ("NMVS_TE_XM_02", CodeFamily.TECHNICAL, Handling.FOLLOW_UP),
        ("NMVS_FE_AU_01", CodeFamily.CREDENTIALS, Handling.CREDENTIALS),
        ("NMVS_FE_PKI_01", CodeFamily.CREDENTIALS, Handling.CREDENTIALS),
        ("NMVS_TI_AU_01", CodeFamily.CREDENTIALS, Handling.CREDENTIALS),
        ("NMVS_FE_AU_09", CodeFamily.CREDENTIALS, Handling.FOLLOW_UP),  # no mandate for one product
        ("NMVS_NC_PC_02", CodeFamily.PACK, Handling.FOLLOW_UP),
        ("NMVS_FE_LOT_01", CodeFamily.FUNCTIONAL, Handling.FOLLOW_UP),
        # codes nobody listed: by family
        ("NMVS_NC_PCK_99", CodeFamily.PACK, Handling.FOLLOW_UP),
        ("NMVS_FE_LOT_42", CodeFamily.FUNCTIONAL, Handling.FOLLOW_UP),
        ("NMVS_TE_NEW_07", CodeFamily.TECHNICAL, Handling.RETRY),
        ("NMVS_TI_XY_01", CodeFamily.TECHNICAL, Handling.RETRY),
        ("NMVS_FE_AU_77", CodeFamily.CREDENTIALS, Handling.CREDENTIALS),
        ("NMVS_XX_PKI_02", CodeFamily.CREDENTIALS, Handling.CREDENTIALS),
        ("NMVS_NOTIFY_AU_02", CodeFamily.NOTIFICATION, Handling.FOLLOW_UP),
        ("SOMETHING ELSE", CodeFamily.OTHER, Handling.FOLLOW_UP),
        ("E-17", CodeFamily.OTHER, Handling.FOLLOW_UP),
    ],
)
def test_family_and_outbox_handling(code: str, family: CodeFamily, handling: Handling) -> None:
    rc = ReturnCode(code)
    assert (rc.family, rc.handling) == (family, handling)


def test_unknown_code_is_kept_as_text() -> None:
    rc = ReturnCode("NMVS_NC_PCK_99")
    assert not rc.known and rc.info is None and rc.value == "NMVS_NC_PCK_99"
    assert rc.alert_class is None and rc.alert_level() is AlertLevel.REFUSED
    assert "not in the table" in rc.meaning and rc.name == "NC_PCK_99"
    assert rc == "NMVS_NC_PCK_99" and rc is not ReturnCode.ALREADY_INACTIVE
    with pytest.raises(ValueError, match="empty"):
        ReturnCode("  ")


@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip() != ""))
def test_any_text_is_a_return_code(text: str) -> None:
    rc = ReturnCode(text)
    assert isinstance(rc, str) and rc.family in CodeFamily and rc.handling in Handling
    assert rc.alert_level() in AlertLevel and rc.meaning
    if not rc.known:
        assert rc.value == text.strip()


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("transaction", [Transaction.VERIFY, Transaction.SUPPLY, Transaction.DESTROY])
def test_every_code_has_a_counter_verdict(code: str, transaction: Transaction) -> None:
    rc = ReturnCode(code)
    v = decide(inp(transaction=transaction, hub=HubReply(rc, state=None)))
    assert v.return_code is rc and v.hub_asked
    assert v.primary is not None and v.primary.id in MESSAGES
    assert v.reason() and "{" not in v.reason() and "{" not in v.next_action()
    if rc is ReturnCode.SUCCESS:
        assert v.level is Level.OK
    elif rc is ReturnCode.NOT_SUBJECT_TO_VERIFICATION:
        assert v.level is Level.WARN and not v.alert_needed and v.may_dispense
    else:
        assert v.level is Level.STOP and not v.may_dispense and v.alert_needed  # an alert record for follow-up
        # the hub alert class is shown only where the hub raised one
        assert v.alert_class == (rc.alert_class if rc.raises_alert(None) else None) or (
            transaction is Transaction.VERIFY and rc is ReturnCode.ALREADY_INACTIVE and v.alert_class is None
        )


def test_twin_reads_as_its_situation_without_alert_class() -> None:
    v = decide(
        inp(
            transaction=Transaction.SUPPLY, hub=HubReply(ReturnCode.ALREADY_INACTIVE_NO_ALERT, state=PackState.SUPPLIED)
        )
    )
    assert (
        v.primary is not None and v.primary.id == "state.supplied" and v.alert_class is None and v.level is Level.STOP
    )
    v = decide(inp(transaction=Transaction.SUPPLY, hub=HubReply(ReturnCode.SERIAL_UNKNOWN_NO_ALERT)))
    assert v.primary is not None and v.primary.id == "hub.serial_unknown" and v.alert_class is None


def test_undo_pck06_alert_class_only_where_the_real_system_raises_one() -> None:
    local = [LocalRecord(Transaction.SUPPLY, NOW - dt.timedelta(hours=1))]
    for state, alert_class in ((PackState.ACTIVE, None), (PackState.RECALLED, None), (PackState.DESTROYED, "A24")):
        reply = HubReply(ReturnCode.UNDO_STATE_MISMATCH, state=state)
        v = decide(inp(transaction=Transaction.UNDO_SUPPLY, local=local, hub=reply))
        assert v.hub_asked and v.level is Level.STOP and v.alert_class == alert_class


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("NMVS_TE_REQ_01", "hub.fault"),
        ("NMVS_FE_AU_11", "hub.credentials"),
        ("NMVS_NC_PCK_11", "hub.refused_code"),
        ("NMVS_NC_PCK_99", "hub.unexpected"),
        ("NMVS_FE_TX_01", "hub.wrong_reference"),
    ],
)
def test_message_by_family(code: str, message: str) -> None:
    v = decide(inp(transaction=Transaction.SUPPLY, hub=HubReply(ReturnCode(code))))
    assert v.primary is not None and v.primary.id == message
    assert ReturnCode(code).short in v.reason() or message in ("hub.wrong_reference",)
