"""Seed packs for the simulator: the packs CSV of DESIGN.md and the JSON list of ``POST /_admin/packs``.

Columns: ``gtin,serial,lot,expiry,state`` (expiry YYYY-MM-DD, state one word, ``Active`` by default)
plus optional ``product_name,strength,form,pack_size,pzn`` and, for the ``/vrs`` face, ``vrs_reason``
(a ``verificationFailureReason``), ``vrs_info`` (an ``additionalInfo``) and ``vrs_status`` (an HTTP
status of LMS 1.3 the ``/vrs`` face answers for every pack of that GTIN: 400, 401, 403, 404, ...).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispense_app.core.model import PackState
from scanner.parsing.checks import gs1_check_ok as gtin_check_ok
from scanner.parsing.checks import pzn_in_ntin

log = logging.getLogger(__name__)

CSET82 = re.compile(r"""[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]+""")  # use fullmatch: "$" would let a final "\n" in
GTIN_RE = re.compile(r"[0-9]{14}")
PZN_RE = re.compile(r"[0-9]{8}")


class SeedError(ValueError):
    """A pack in the seed data is malformed (the message names the row and field)."""


@dataclass(frozen=True, slots=True)
class PackSeed:
    gtin: str
    serial: str
    lot: str
    expiry: dt.date
    state: PackState = PackState.ACTIVE
    reason: str | None = None
    product_name: str | None = None
    strength: str | None = None
    form: str | None = None
    pack_size: str | None = None
    pzn: str | None = None
    market: str | None = None  # two letters; another market than the simulator's: intermarket path
    vrs_reason: str | None = None
    vrs_info: str | None = None
    vrs_status: int | None = None


def pzn_from_ntin(gtin: str) -> str | None:
    """The PZN inside a German NTIN (0 4150 PZN8 check), else None."""
    return pzn_in_ntin(gtin) if GTIN_RE.fullmatch(gtin) else None


def _opt(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def pack_from_mapping(row: Mapping[str, Any], where: str = "pack") -> PackSeed:
    """Validate one pack (CSV row or JSON object)."""
    gtin = _opt(row.get("gtin")) or ""
    if not (len(gtin) in (8, 12, 13, 14) and GTIN_RE.fullmatch(gtin.zfill(14))):
        raise SeedError(f"{where}: gtin {gtin!r} must be a GTIN of 8, 12, 13 or 14 digits")
    gtin = gtin.zfill(14)
    if not gtin_check_ok(gtin):
        # a real hub never holds one, but test data sometimes do: seed it, say so
        log.warning("%s: gtin %s has a wrong check digit (seeded anyway)", where, gtin)
    serial = _opt(row.get("serial")) or ""
    if not (1 <= len(serial) <= 20 and CSET82.fullmatch(serial)):
        raise SeedError(f"{where}: serial {serial!r} must be 1-20 characters of GS1 set 82")
    lot = _opt(row.get("lot")) or ""
    if not (1 <= len(lot) <= 20 and CSET82.fullmatch(lot)):
        raise SeedError(f"{where}: lot {lot!r} must be 1-20 characters of GS1 set 82")
    try:
        expiry = dt.date.fromisoformat(_opt(row.get("expiry")) or "")
    except ValueError:
        raise SeedError(f"{where}: expiry {row.get('expiry')!r} is not YYYY-MM-DD") from None
    state_text = _opt(row.get("state")) or PackState.ACTIVE.value
    try:
        state = PackState(state_text)
    except ValueError:
        raise SeedError(f"{where}: state {state_text!r} is not one of {[s.value for s in PackState]}") from None
    pzn = _opt(row.get("pzn")) or pzn_from_ntin(gtin)
    if pzn is not None and not PZN_RE.fullmatch(pzn):
        raise SeedError(f"{where}: pzn {pzn!r} must be 8 digits")
    market = _opt(row.get("market"))
    if market is not None and not re.fullmatch(r"[A-Za-z]{2}", market):
        raise SeedError(f"{where}: market {market!r} must be a two-letter market code")
    vrs_reason, vrs_info, vrs_status = _vrs_columns(row, where)
    return PackSeed(
        market=market.upper() if market else None,
        gtin=gtin,
        serial=serial,
        lot=lot,
        expiry=expiry,
        state=state,
        reason=_opt(row.get("reason")),
        product_name=_opt(row.get("product_name")),
        strength=_opt(row.get("strength")),
        form=_opt(row.get("form")),
        pack_size=_opt(row.get("pack_size")),
        pzn=pzn,
        vrs_reason=vrs_reason,
        vrs_info=vrs_info,
        vrs_status=vrs_status,
    )


VRS_STATUSES = frozenset({400, 401, 403, 404, 405, 408, 500, 502, 503, 504})
"""The non-200 statuses of LMS 1.3 (shared/protocols/vrs-lms-1.3.md section 4)."""


def _vrs_columns(row: Mapping[str, Any], where: str) -> tuple[str | None, str | None, int | None]:
    """The optional ``vrs_reason``, ``vrs_info`` and ``vrs_status`` of one pack, checked."""
    from dispense_app.core.vrs import ADDITIONAL_INFO, FAILURE_REASONS

    reason, info, status_text = _opt(row.get("vrs_reason")), _opt(row.get("vrs_info")), _opt(row.get("vrs_status"))
    if reason is not None and reason not in FAILURE_REASONS:
        raise SeedError(f"{where}: vrs_reason {reason!r} is not one of {list(FAILURE_REASONS)}")
    if info is not None and info not in ADDITIONAL_INFO:
        raise SeedError(f"{where}: vrs_info {info!r} is not one of {list(ADDITIONAL_INFO)}")
    status = None
    if status_text is not None:
        try:
            status = int(status_text)
        except ValueError:
            status = -1
        if status not in VRS_STATUSES:
            raise SeedError(f"{where}: vrs_status {status_text!r} is not one of {sorted(VRS_STATUSES)}")
    return reason, info, status


def packs_from_rows(rows: Iterable[Mapping[str, Any]], source: str = "packs") -> list[PackSeed]:
    return [pack_from_mapping(row, f"{source} item {i}") for i, row in enumerate(rows, start=1)]


def load_packs_csv(path: str | Path) -> list[PackSeed]:
    """Read a packs CSV (UTF-8, header row required)."""
    p = Path(path)
    with p.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"gtin", "serial", "lot", "expiry"} - set(reader.fieldnames or [])
        if missing:
            raise SeedError(f"{p}: missing column(s) {', '.join(sorted(missing))}")
        return [pack_from_mapping(row, f"{p.name} line {reader.line_num}") for row in reader]
