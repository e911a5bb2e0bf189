"""Synthetic alert records, generated lazily: for the export benchmark, tests and training data.

Deterministic for a given ``seed``; memory stays flat however many are asked for. The values look
like real ones (GTIN-14 with a valid check digit, GS1 raw scans with GS as byte 1D, hub return
codes and alert classes from the domain model) but name no real pack.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
from collections.abc import Iterator
from typing import Any

from dispense_app.core.alerts import AlertCause, AlertRecord, AlertSource, AlertStatus
from dispense_app.core.model import EntryMode, ReturnCode

_ALERTING = [c for c in ReturnCode if c.alert_class]
_CAUSES = list(AlertCause)
_STATUSES = list(AlertStatus)
_MODES = [m.value for m in EntryMode]
_REQUESTS = ["verify", "supply", "undo-supply"]
_OPERATORS = ["anna", "ben", "chen", "dörte", "elif"]


def gtin_check_digit(body13: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body13)))
    return str((10 - total % 10) % 10)


def synthetic_alerts(
    count: int, *, seed: int = 1, start: dt.datetime | None = None, step: dt.timedelta = dt.timedelta(seconds=37)
) -> Iterator[AlertRecord]:
    """``count`` plausible alerts, oldest first, ``step`` apart from ``start`` (UTC).

    Cheap per alert (a few microseconds), so a benchmark measures the export rather than this
    generator: products, batches and expiry dates cycle through a pool of 1,024 variants, while the
    alert id, time, serial number and raw scan differ for every alert.
    """
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not security
    t0 = start or dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.UTC)
    gtins = []
    for _ in range(64):
        body = "0" + "".join(rng.choice("0123456789") for _ in range(12))
        gtins.append(body + gtin_check_digit(body))
    pool = []
    for _ in range(1024):
        rc = rng.choice(_ALERTING)
        gtin = rng.choice(gtins)
        lot = f"L{rng.randrange(100000):05d}"
        expiry = dt.date(2026 + rng.randrange(4), 1 + rng.randrange(12), 28)
        head = f"01{gtin}21".encode().hex().upper()
        tail = f"\x1d10{lot}\x1d17{expiry:%y%m%d}".encode().hex().upper()
        nhrn = {"710": f"{rng.randrange(10**7):07d}"} if rng.random() < 0.2 else None
        state = "Supplied" if rc is ReturnCode.ALREADY_INACTIVE else None
        pool.append((rc.value, rc.alert_class, f"hub answered {rc.value}", gtin, lot, expiry, head, tail, nhrn, state))
    for i in range(count):
        code, alert_class, reason, gtin, lot, expiry, head, tail, nhrn, state = pool[i & 1023]
        t = t0 + step * i
        serial = f"S{rng.getrandbits(40):012X}"
        status = _STATUSES[i % 3]
        yield AlertRecord(
            alert_id=f"A-{seed:02d}-{i:09d}",
            created_at=t,
            source=AlertSource.HUB,
            return_code=code,
            alert_class=alert_class,
            reason=reason,
            request=_REQUESTS[i % 3],
            client_trx_id=f"c-{i:012d}",
            hub_trx_id=f"h-{i:012d}",
            operator=_OPERATORS[i % 5],
            station="counter-1",
            location="Pharmacy Example, Main St 1",
            raw_hex=head + serial.encode().hex().upper() + tail,  # as the store writes it: no spaces
            aim_id="]d2",
            entry_mode=_MODES[0] if i % 17 else _MODES[1],
            scheme="gs1",
            gtin=gtin,
            ppn=None,
            pzn=None,
            serial=serial,
            lot=lot,
            expiry=expiry,
            nhrn=dict(nhrn) if nhrn else {},
            state=state,
            app_version="0.1.0",
            scanner_profile="default",
            dispense_id=None,
            patient_ref=None,
            supplied_anyway=False,
            supplied_anyway_reason=None,
            supplied_anyway_by=None,
            status=status,
            cause=_CAUSES[i % 5] if status is AlertStatus.CLOSED else None,
            comments=(
                [{"at": (t + _TWO_HOURS).isoformat(), "by": "qa", "text": "rescanned, same result"}]
                if status is not AlertStatus.NEW
                else []
            ),
        )


_TWO_HOURS = dt.timedelta(hours=2)


HOSTILE_TEXTS: tuple[str, ...] = (
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://127.0.0.1/x","click")',
    "\t=1+1",
    "\tplain",
    "\rplain",
    "\r=1+1",
    "\n=1+1",
    " =1+1",
    "\u00a0=1+1",
    "\u200f=1+1",  # RIGHT-TO-LEFT MARK
    "\u202e=1+1",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066=1+1\u2069",  # LEFT-TO-RIGHT ISOLATE
    "\ufeff=1+1",  # a BOM inside the data
    "\u200b@x",  # ZERO WIDTH SPACE
    "＝1+1",
    "＋1",
    "－1",
    "＠x",
    "﹦1",
    "\x00=1+1",
    "\x1d=1+1",
    "'=1+1",
    "'",
    "''",
    '"',
    '"=1+1"',
    'a "quoted" word, and a comma; and a semicolon',
    "line one\nline two",
    "line one\r\nline two\r",
    "\r",
    "GS\x1dRS\x1eEOT\x04ESC\x1bDEL\x7f",
    "NUL\x00inside",
    "\x00",
    "a¤b",  # the CSV writer's internal joiner
    "¤=1+1",
    "שלום \u200fעולם",
    "مرحبا بالعالم",
    "Grüße, Ελληνικά, Русский, 日本語, 💊",
    "x" * 10240,
    "=" + "y" * 10240,
)
"""Text that has broken exports elsewhere: formulas and their disguises, quotes, separators, line
breaks, control characters, bidi marks, non-Latin scripts and 10 KB strings."""


@functools.cache
def _template() -> AlertRecord:
    return next(synthetic_alerts(1))


def sample_alert(**overrides: Any) -> AlertRecord:
    """One realistic alert (the first of :func:`synthetic_alerts`), with fields replaced."""
    base = _template()
    fresh = {"nhrn": dict(base.nhrn), "comments": [dict(c) for c in base.comments]}
    return dataclasses.replace(base, **{**fresh, **overrides})
