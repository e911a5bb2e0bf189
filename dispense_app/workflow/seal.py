"""The seal check at the counter, recorded (rules: :mod:`dispense_app.core.seal`).

- The station setting ``counter.seal_check`` (default on) says whether the counter asks for the seal
  after an OK verify and records the answer; changing it is audited like every setting.
- "Seal intact" goes with the dispense: :meth:`Workflow.dispense` takes ``seal="intact"`` and the
  store writes it into the dispense's audit entry, in the record's transaction.
- "Seal broken" (:func:`seal_broken`): the pack is never supplied. It is destroyed through the outbox
  (:meth:`Workflow.destroy`: recorded first, sent, queued offline) or returned to stock untouched,
  then a local alert (``L-...``, source local, no return code, no hub alert class) records the reason
  and what became of the pack, linked to the destroy's record. An audit entry ``seal-broken`` names
  the pack, the disposal and the alert.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dispense_app.core.seal import SEAL_CHECK_DEFAULT, SealCheck, SealDisposal, seal_broken_verdict
from dispense_app.errors import InputError
from dispense_app.workflow.outcome import PackOutcome, build_alert
from dispense_app.workflow.scan import ScanInput

if TYPE_CHECKING:
    from dispense_app.workflow.service import Workflow

SEAL_CHECK_SETTING = "counter.seal_check"
"""The station setting (JSON true/false) that turns the seal check at the counter on or off."""
SEAL_AUDIT_KIND = "seal-broken"


def seal_check_on(station: Any) -> bool:
    """Whether the counter asks for the seal and records it (default on)."""
    value = station.settings.get(SEAL_CHECK_SETTING, SEAL_CHECK_DEFAULT)
    return value if isinstance(value, bool) else SEAL_CHECK_DEFAULT


def set_seal_check(station: Any, on: bool, *, actor: str | None) -> None:
    """Turn the seal check on or off (an audited settings change naming ``actor``)."""
    station.settings.set(SEAL_CHECK_SETTING, bool(on), actor=actor)


def seal_broken(
    workflow: Workflow, scan: ScanInput, disposal: SealDisposal, *, patient_ref: str | None = None
) -> PackOutcome:
    """The pharmacist found the seal of a checked pack broken: destroy it or return it to stock, then
    record a local alert with the reason (never a hub alert) and an audit entry. The outcome's verdict
    (:func:`~dispense_app.core.seal.seal_broken_verdict`) never lets the pack be dispensed."""
    prepared = workflow.prepare(scan)
    if prepared.ref is None or prepared.pack is None:
        raise InputError("a broken seal is recorded for a pack whose code was read; scan the pack first")
    destroy: PackOutcome | None = None
    if disposal is SealDisposal.DESTROY:
        (destroy,) = workflow.destroy([scan])
    verdict = seal_broken_verdict(disposal, destroy.verdict if destroy is not None else None)
    now = workflow.clock()
    station = workflow.station
    alert = build_alert(
        prepared,
        verdict,
        now=now,
        reply=None,  # a local alert: the hub's answer to the destroy is not an alert of its own
        client_trx_id=destroy.client_trx_id if destroy is not None else None,
        operator=workflow.operator,
        station=station.station_id,
        location=station.location,
        app_version=workflow.app_version,
        scanner_profile=workflow.scanner_profile_text,
        dispense_id=destroy.dispense_id if destroy is not None else None,
        patient_ref=patient_ref,
        translate=workflow.translate,
    )
    ref = prepared.ref
    with station.transaction():  # the alert and the audit entry naming it, all or nothing
        alert = station.add_alert(alert)
        station.audit.append(
            SEAL_AUDIT_KIND,
            workflow.operator,
            {
                "seal": SealCheck.BROKEN.value,
                "disposal": disposal.value,
                "done": verdict.reasons[1].id,
                "product_code": ref.product_code,
                "serial": ref.serial,
                "lot": ref.lot,
                "alert_id": alert.alert_id,
                "dispense_id": destroy.dispense_id if destroy is not None else None,
                "patient_ref": patient_ref,
            },
            at=now,
        )
    reply = destroy.reply if destroy is not None else None
    out = PackOutcome(
        prepared,
        verdict,
        reply,
        destroy.client_trx_id if destroy is not None else None,
        destroy.dispense_id if destroy is not None else None,
        alert=alert,
        extra={"seal": SealCheck.BROKEN.value, "disposal": disposal.value},
    )
    if destroy is not None and destroy.alert is not None:  # the destroy's own STOP (e.g. refused)
        out.extra["destroy_alert_id"] = destroy.alert.alert_id
    return out


__all__ = ["SEAL_AUDIT_KIND", "SEAL_CHECK_SETTING", "seal_broken", "seal_check_on", "set_seal_check"]
