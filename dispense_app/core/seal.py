"""The seal check at the counter: Art. 25 of Regulation (EU) 2016/161 asks the pharmacy to check both
safety features before supplying a pack, the unique identifier (with the hub) and the integrity of
the anti-tampering device (the seal). Pure rules; the workflow (:mod:`dispense_app.workflow.seal`)
records them and the station session offers them.

After an OK (or WARN) verify the pharmacist looks at the seal:

- **intact** (F9, Dispense): the pack is supplied and ``"seal": "intact"`` is written into the
  dispense's audit entry, in the same transaction as the dispense record;
- **broken** (Ctrl+B): the pack is never supplied. A *local* alert record says why (the hub is not
  told: a damaged seal is no hub alert), and the pack is either decommissioned as destroyed at the hub
  (:attr:`SealDisposal.DESTROY`, through the outbox like any destroy) or returned to stock untouched
  (:attr:`SealDisposal.RETURN`: still active at the hub, set aside for the supplier).

:func:`seal_broken_verdict` is what the counter then shows and what the alert records: amber when
what the pharmacist chose was done (destroyed, destroy queued offline, returned), red when the
destroy was not done (the hub or a local rule refused it).
"""

from __future__ import annotations

from enum import StrEnum

from dispense_app.core.alerts import AlertSource
from dispense_app.core.model import Transaction
from dispense_app.core.verdict import Level, Reason, ReasonSource, Verdict

SEAL_CHECK_DEFAULT = True
"""The seal check is on unless a station turns it off (setting ``counter.seal_check``)."""


class SealCheck(StrEnum):
    """What the pharmacist found (the value written in the audit trail)."""

    INTACT = "intact"
    BROKEN = "broken"


class SealDisposal(StrEnum):
    """What happens to a pack whose seal is broken."""

    DESTROY = "destroy"  # decommissioned as destroyed at the hub
    RETURN = "return"  # back to stock, still active at the hub, set aside for the supplier


def parse_disposal(text: str) -> SealDisposal:
    """``destroy`` or ``return`` (raises ValueError naming both)."""
    try:
        return SealDisposal(text.strip().lower())
    except ValueError:
        raise ValueError("a pack with a broken seal is either destroyed ('destroy') or returned to stock "
                         "('return')") from None


def disposal_reason(disposal: SealDisposal, destroy: Verdict | None) -> Reason:
    """What became of the pack, in one finding (``destroy``: the destroy's own verdict)."""
    if disposal is SealDisposal.RETURN:
        return Reason("seal.returned", Level.WARN, source=ReasonSource.LOCAL)
    if destroy is None or destroy.level is Level.STOP or not destroy.may_dispense:
        return Reason("seal.destroy_refused", Level.STOP, source=ReasonSource.LOCAL)
    if destroy.queue:
        return Reason("seal.destroy_queued", Level.WARN, source=ReasonSource.OFFLINE)
    return Reason("seal.destroyed", Level.WARN, source=ReasonSource.LOCAL)


def seal_broken_verdict(disposal: SealDisposal, destroy: Verdict | None = None) -> Verdict:
    """The verdict for a pack whose seal is broken: never dispensable, a local alert, never a hub
    alert; amber when the disposal was done, red when the destroy was not (its reasons follow)."""
    outcome = disposal_reason(disposal, destroy)
    level = Level.STOP if outcome.level is Level.STOP else Level.WARN
    reasons: tuple[Reason, ...] = (Reason("local.seal_broken", level, source=ReasonSource.LOCAL), outcome)
    if outcome.id == "seal.destroy_refused" and destroy is not None:
        reasons += tuple(destroy.reasons)
    asked = destroy is not None and disposal is SealDisposal.DESTROY
    return Verdict(
        level=level,
        reasons=reasons,
        transaction=Transaction.DESTROY if disposal is SealDisposal.DESTROY else Transaction.VERIFY,
        may_dispense=False,
        alert_needed=True,
        alert_class=None,  # the hub raises no alert for a damaged seal
        alert_source=AlertSource.LOCAL,
        return_code=destroy.return_code if asked and destroy is not None else None,
        state=destroy.state if asked and destroy is not None else None,
        offline=bool(asked and destroy is not None and destroy.offline),
        queue=bool(asked and destroy is not None and destroy.queue),
        hub_asked=bool(asked and destroy is not None and destroy.hub_asked),
    )


__all__ = [
    "SEAL_CHECK_DEFAULT",
    "SealCheck",
    "SealDisposal",
    "disposal_reason",
    "parse_disposal",
    "seal_broken_verdict",
]
