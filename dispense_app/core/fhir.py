"""Import of FHIR R4 MedicationRequest resources (JSON) as :class:`Prescription`.

Accepted: a single MedicationRequest, or a Bundle holding one or more (with the Medication
resources they reference). What is read, per MedicationRequest:

- ``medicationCodeableConcept.coding`` with system GTIN (``https://www.gs1.org/gtin``), PZN
  (``http://fhir.de/CodeSystem/ifa/pzn``) or NDC (``http://hl7.org/fhir/sid/ndc``); or
  ``medicationReference`` to a contained or bundled Medication with ``code`` (same systems),
  ``form`` and ``ingredient[].itemCodeableConcept`` + ``ingredient[].strength`` (a Ratio), which is
  the generic description used for substitution;
- ``dispenseRequest.quantity`` (packs when the unit/code says so, e.g. UCUM ``{Package}``, else
  units such as tablets) and ``dispenseRequest.expectedSupplyDuration`` (days, weeks, months);
- ``substitution.allowedBoolean`` or ``allowedCodeableConcept`` (code ``N`` = none allowed);
- ``subject.reference``, ``status``, ``authoredOn``, ``groupIdentifier``/``id`` for the prescription id.

Anything malformed raises :class:`PrescriptionError` with the place it was found.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from dispense_app.core.prescription import (
    PrescribedItem,
    Prescription,
    PrescriptionError,
    QuantityUnit,
    check_item,
    parse_quantity,
)

GTIN_SYSTEMS = frozenset(
    {"https://www.gs1.org/gtin", "http://www.gs1.org/gtin", "urn:oid:1.3.160", "https://gs1.org/gtin"}
)
PZN_SYSTEMS = frozenset({"http://fhir.de/CodeSystem/ifa/pzn", "http://fhir.de/codesystem/ifa/pzn"})
NDC_SYSTEMS = frozenset({"http://hl7.org/fhir/sid/ndc"})

PACK_UNITS = frozenset(
    {
        "{package}",
        "{packages}",
        "{pack}",
        "{packs}",
        "{packung}",
        "{pkg}",
        "package",
        "packages",
        "pack",
        "packs",
        "packung",
        "packungen",
        "pk",
        "pkg",
        "box",
        "boxes",
    }
)
"""Quantity units/codes meaning "packs" (case-insensitive); anything else counts units."""

_DURATION_DAYS = {
    "d": 1, "day": 1, "days": 1,
    "wk": 7, "week": 7, "weeks": 7,
    "mo": 30, "month": 30, "months": 30,
    "a": 365, "year": 365, "years": 365,
}  # fmt: skip

MAX_BYTES = 5_000_000


def load_fhir(data: bytes | str | dict[str, Any]) -> Prescription:
    """The prescription in a MedicationRequest or a Bundle of them (JSON text, bytes or parsed)."""
    doc = _as_json(data)
    rtype = doc.get("resourceType")
    patients_found: list[dict[str, Any]] = []
    if rtype == "MedicationRequest":
        requests = [doc]
        index = _contained(doc)
        patients_found = [r for r in doc.get("contained") or [] if isinstance(r, dict)
                          and r.get("resourceType") == "Patient"]
        rx_id = _group_id(doc) or str(doc.get("id") or "rx")
    elif rtype == "Bundle":
        resources = [e.get("resource") for e in _list(doc, "entry", "Bundle") if isinstance(e, dict)]
        index = {}
        for e in _list(doc, "entry", "Bundle"):
            res = e.get("resource") if isinstance(e, dict) else None
            if isinstance(res, dict) and res.get("resourceType") == "Medication":
                if res.get("id"):
                    index[f"Medication/{res['id']}"] = res
                if isinstance(e.get("fullUrl"), str):
                    index[e["fullUrl"]] = res
        requests = [r for r in resources if isinstance(r, dict) and r.get("resourceType") == "MedicationRequest"]
        patients_found = [r for r in resources if isinstance(r, dict) and r.get("resourceType") == "Patient"]
        if not requests:
            raise PrescriptionError("the Bundle holds no MedicationRequest")
        rx_id = _group_id(requests[0]) or str(doc.get("id") or requests[0].get("id") or "rx")
    else:
        raise PrescriptionError(f"expected a MedicationRequest or a Bundle, not {rtype!r}")
    items: list[PrescribedItem] = []
    patients: set[str] = set()
    display: str | None = None
    statuses: list[str] = []
    authored: dt.date | None = None
    for n, req in enumerate(requests, start=1):
        where = f"MedicationRequest {req.get('id') or n}"
        local_index = {**index, **_contained(req)}
        items.append(_item(req, local_index, str(req.get("id") or f"{rx_id}-{n}"), where))
        subject = req.get("subject")
        if isinstance(subject, dict) and isinstance(subject.get("reference"), str):
            patients.add(subject["reference"])
        if isinstance(subject, dict) and isinstance(subject.get("display"), str):
            display = display or subject["display"].strip()[:200] or None
        statuses.append(str(req.get("status") or "active"))
        authored = authored or _date(req.get("authoredOn"))
    if len(patients) > 1:
        raise PrescriptionError(f"the MedicationRequests name different patients: {', '.join(sorted(patients))}")
    # one active item keeps the prescription usable; otherwise report the first status
    status = "active" if any(s in ("active", "draft", "on-hold", "unknown") for s in statuses) else statuses[0]
    ref = next(iter(patients), None)
    name, birth = _patient(patients_found, ref)
    return Prescription(rx_id, tuple(items), ref, status, authored, "fhir", name or display, birth)


def _patient(resources: list[dict[str, Any]], ref: str | None) -> tuple[str | None, dt.date | None]:
    """The name ("Anna Example") and birth date of the prescription's patient, when the document
    carries its Patient resource (matched by id, or the only one there is)."""
    wanted = ref.split("/", 1)[1] if ref and ref.startswith("Patient/") else None
    found = [r for r in resources if wanted is None or r.get("id") == wanted] or (
        resources if len(resources) == 1 else [])
    if not found:
        return None, None
    patient = found[0]
    name = None
    names = patient.get("name")
    if isinstance(names, list) and names and isinstance(names[0], dict):
        first = names[0]
        if isinstance(first.get("text"), str):
            name = first["text"]
        else:
            given = [g for g in first.get("given") or [] if isinstance(g, str)]
            family = first.get("family")
            name = " ".join([*given, family if isinstance(family, str) else ""]).strip() or None
    return (name[:200] if name else None), _date(patient.get("birthDate"))


def _as_json(data: bytes | str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(data, dict):
        return data
    if len(data) > MAX_BYTES:
        raise PrescriptionError("the prescription file is too large")
    try:
        doc = json.loads(data)
    except RecursionError:
        raise PrescriptionError("the JSON is nested too deeply to be a prescription") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise PrescriptionError(f"not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise PrescriptionError("not a FHIR resource (expected a JSON object)")
    return doc


def _list(obj: dict[str, Any], key: str, where: str) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise PrescriptionError(f"{where}: {key} must be a list")
    return value


def _contained(res: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for c in res.get("contained", []) if isinstance(res.get("contained"), list) else []:
        if isinstance(c, dict) and c.get("id"):
            out[f"#{c['id']}"] = c
    return out


def _group_id(req: dict[str, Any]) -> str | None:
    gi = req.get("groupIdentifier")
    if isinstance(gi, dict) and gi.get("value"):
        return str(gi["value"])
    return None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text(cc: object) -> str | None:
    """A CodeableConcept's text, else its first coding's display."""
    if not isinstance(cc, dict):
        return None
    if isinstance(cc.get("text"), str) and cc["text"].strip():
        return str(cc["text"]).strip()
    for c in cc.get("coding", []) if isinstance(cc.get("coding"), list) else []:
        if isinstance(c, dict) and isinstance(c.get("display"), str):
            return str(c["display"]).strip()
    return None


def _codes(cc: object, where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if not isinstance(cc, dict):
        return out
    codings = cc.get("coding", [])
    if not isinstance(codings, list):
        raise PrescriptionError(f"{where}: coding must be a list")
    for c in codings:
        if not isinstance(c, dict):
            continue
        system = str(c.get("system") or "").strip()
        code = str(c.get("code") or "").strip()
        if not code:
            continue
        if system in GTIN_SYSTEMS:
            out.setdefault("gtin", code)
        elif system.lower() in PZN_SYSTEMS:
            out.setdefault("pzn", code)
        elif system in NDC_SYSTEMS:
            out.setdefault("ndc", code)
    return out


def _quantity_text(q: object) -> str | None:
    if not isinstance(q, dict) or q.get("value") is None:
        return None
    unit = q.get("unit") or q.get("code") or ""
    return f"{q['value']} {unit}".strip()


def _strength(ingredient: dict[str, Any]) -> str | None:
    ratio = ingredient.get("strength")
    if not isinstance(ratio, dict):
        return None
    num = _quantity_text(ratio.get("numerator"))
    if num is None:
        return None
    den = ratio.get("denominator")
    if isinstance(den, dict) and den.get("value") is not None:
        unit = str(den.get("unit") or den.get("code") or "")
        if str(den["value"]) in ("1", "1.0") and unit:
            return f"{num}/{unit}"
        return f"{num}/{_quantity_text(den)}"
    return num


def _medication(ref: object, index: dict[str, dict[str, Any]], where: str) -> dict[str, Any]:
    if not isinstance(ref, dict) or not isinstance(ref.get("reference"), str):
        raise PrescriptionError(f"{where}: medicationReference has no reference")
    target = index.get(ref["reference"])
    if target is None:
        raise PrescriptionError(f"{where}: the referenced Medication {ref['reference']!r} is not in the file")
    return target


def _item(req: dict[str, Any], index: dict[str, dict[str, Any]], item_id: str, where: str) -> PrescribedItem:
    codes: dict[str, str] = {}
    display: str | None = None
    ingredient = strength = form = None
    if "medicationCodeableConcept" in req:
        cc = req["medicationCodeableConcept"]
        codes = _codes(cc, where)
        display = _text(cc)
    elif "medicationReference" in req:
        med = _medication(req["medicationReference"], index, where)
        codes = _codes(med.get("code"), where)
        display = _text(med.get("code"))
        form = _text(med.get("form"))
        names, strengths = [], []
        for ing in med.get("ingredient", []) if isinstance(med.get("ingredient"), list) else []:
            if not isinstance(ing, dict) or ing.get("isActive") is False:
                continue
            name = _text(ing.get("itemCodeableConcept"))
            if name:
                names.append(name)
            s = _strength(ing)
            if s:
                strengths.append(s)
        ingredient = " / ".join(names) or None
        strength = " + ".join(strengths) or None
    else:
        raise PrescriptionError(f"{where}: no medicationCodeableConcept or medicationReference")

    quantity: Decimal | None = None
    unit = QuantityUnit.PACKS
    days: int | None = None
    dr = req.get("dispenseRequest")
    if dr is not None and not isinstance(dr, dict):
        raise PrescriptionError(f"{where}: dispenseRequest must be an object")
    if isinstance(dr, dict):
        q = dr.get("quantity")
        if isinstance(q, dict) and q.get("value") is not None:
            if isinstance(q["value"], bool):
                raise PrescriptionError(f"{where}: dispenseRequest.quantity.value is not a number")
            quantity = parse_quantity(q["value"], f"{where}: dispenseRequest.quantity")
            words = {str(q.get(k) or "").strip().lower() for k in ("unit", "code")} - {""}
            unit = QuantityUnit.PACKS if words & PACK_UNITS else QuantityUnit.UNITS
            if not words:
                unit = QuantityUnit.PACKS
        d = dr.get("expectedSupplyDuration")
        if isinstance(d, dict) and d.get("value") is not None:
            days = _days(d, where)
    sub = req.get("substitution")
    allowed = True
    if isinstance(sub, dict):
        if isinstance(sub.get("allowedBoolean"), bool):
            allowed = bool(sub["allowedBoolean"])
        elif isinstance(sub.get("allowedCodeableConcept"), dict):
            codings = sub["allowedCodeableConcept"].get("coding") or []
            allowed = not any(isinstance(c, dict) and c.get("code") == "N" for c in codings)
    item = PrescribedItem(
        item_id=item_id,
        display=display,
        gtin=codes.get("gtin"),
        pzn=codes.get("pzn"),
        ndc=codes.get("ndc"),
        ingredient=ingredient,
        strength=strength,
        form=form,
        quantity=quantity,
        quantity_unit=unit,
        days_supply=days,
        substitution_allowed=allowed,
    )
    check_item(item, where)
    return item


def _days(d: dict[str, Any], where: str) -> int:
    value = d.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise PrescriptionError(f"{where}: expectedSupplyDuration.value is not a number")
    unit = str(d.get("code") or d.get("unit") or "d").strip().lower()
    factor = _DURATION_DAYS.get(unit)
    if factor is None:
        raise PrescriptionError(f"{where}: expectedSupplyDuration unit {unit!r} is not days, weeks, months or years")
    try:
        days = float(value) * factor
    except ValueError:
        raise PrescriptionError(f"{where}: expectedSupplyDuration.value is not a number") from None
    if not 0 < days <= 3660:
        raise PrescriptionError(f"{where}: expectedSupplyDuration must be between 1 day and 10 years")
    return max(1, round(days))
