"""Prescription import (FHIR R4, CSV) and the match of scanned packs against it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from dispense_app.core.fhir import load_fhir
from dispense_app.core.model import ProductInfo
from dispense_app.core.prescription import (
    DispenseSession,
    PrescribedItem,
    Prescription,
    PrescriptionError,
    QuantityUnit,
    load_csv,
    ndc_candidates,
    normalise_form,
    normalise_ingredient,
    normalise_strength,
    pack_units,
    select,
)
from dispense_app.core.verdict import Level

TODAY = dt.date(2026, 12, 1)

MET500 = ProductInfo(
    "04150123456782", "Metformin Hexal 500", "500 mg", "film-coated tablet", "30", "12345678", "metformin hydrochloride"
)
MET500_GENERIC = ProductInfo("09501101020917", "Metformin Generic", "0.5 g", "Tablets", "N1 30 St", None, "Metformin")
MET850 = ProductInfo("09501101020924", "Metformin Generic", "850 mg", "tablet", "30", None, "metformin")
MET500_SOLUTION = ProductInfo(
    "09501101020931", "Metformin oral", "500 mg", "oral solution", "150 ml", None, "metformin"
)
IBU = ProductInfo("09501101020948", "Ibuprofen 400", "400 mg", "tablet", "20", None, "ibuprofen")
PRODUCTS = {p.gtin: p for p in (MET500, MET500_GENERIC, MET850, MET500_SOLUTION, IBU)}
PRODUCTS["12345678"] = MET500


@dataclass
class Pack:
    gtin: str | None
    serial: str = "S1"
    expiry: dt.date | None = dt.date(2028, 1, 31)
    ppn: str | None = None
    pzn: str | None = None
    lot: str | None = "L1"
    ok: bool = True
    errors: list[Any] = field(default_factory=list)


def session(*items: PrescribedItem, patient: str | None = None, status: str = "active") -> DispenseSession:
    rx = Prescription("rx1", tuple(items), "Patient/p1", status)
    return DispenseSession(rx, PRODUCTS.get, patient)


def ids(match: Any) -> list[str]:
    return [f.id for f in match.findings]


# --- matching rules -------------------------------------------------------------------------------


def test_exact_gtin_match_is_ok() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin, quantity=Decimal(1)))
    m = s.match(Pack(MET500.gtin), TODAY)
    assert m.item is not None and m.level is Level.OK and ids(m) == []


def test_pzn_match_through_ntin_and_through_ifa_pack() -> None:
    s = session(PrescribedItem("i1", pzn="12345678"))
    assert s.match(Pack(MET500.gtin), TODAY).level is Level.OK
    ifa = Pack(None, ppn="111234567842", pzn="12345678")
    assert s.match(ifa, TODAY).level is Level.OK


def test_ndc_match_from_us_gtin_any_format() -> None:
    us_gtin = "00300071015219"  # NDC10 0007101521
    product = ProductInfo(us_gtin, "x", "10 mg", "tablet", "30", None, "x")
    for ndc in ("0007-1015-21", "00007-1015-21", "0007101521"):
        s = DispenseSession(Prescription("r", (PrescribedItem("i", ndc=ndc),)), {us_gtin: product}.get)
        assert s.match(Pack(us_gtin), TODAY).level is Level.OK, ndc


def test_generic_substitution_same_ingredient_strength_form() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin))
    m = s.match(Pack(MET500_GENERIC.gtin), TODAY)
    assert m.level is Level.OK and ids(m) == ["rx.substituted"] and m.substituted


def test_generic_prescription_by_ingredient() -> None:
    s = session(PrescribedItem("i1", ingredient="Metformin", strength="500 mg", form="tablet"))
    m = s.match(Pack(MET500_GENERIC.gtin), TODAY)
    assert m.level is Level.OK and ids(m) == [] and m.item is not None


def test_substitution_forbidden() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin, substitution_allowed=False))
    m = s.match(Pack(MET500_GENERIC.gtin), TODAY)
    assert m.level is Level.STOP and ids(m) == ["rx.substitution_forbidden"]
    assert s.match(Pack(MET500.gtin), TODAY).level is Level.OK


def test_wrong_strength_is_a_stop() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin))
    m = s.match(Pack(MET850.gtin), TODAY)
    assert m.level is Level.STOP and ids(m) == ["rx.wrong_strength"]
    text = m.findings[0].text()
    assert "850 mg" in text and "500 mg" in text


def test_wrong_form_is_a_stop() -> None:
    s = session(PrescribedItem("i1", ingredient="metformin", strength="500 mg", form="tablet"))
    m = s.match(Pack(MET500_SOLUTION.gtin), TODAY)
    assert m.level is Level.STOP and ids(m) == ["rx.wrong_form"]


def test_wrong_product_is_a_stop() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin))
    m = s.match(Pack(IBU.gtin), TODAY)
    assert m.level is Level.STOP and ids(m) == ["rx.wrong_product"] and "Ibuprofen" in m.findings[0].text()


def test_unknown_product_cannot_be_matched() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin))
    m = s.match(Pack("09501101020999"), TODAY)
    assert m.level is Level.STOP and ids(m) == ["rx.product_unknown"]


def test_more_packs_than_prescribed() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin, quantity=Decimal(2)))
    for serial in ("a", "b"):
        p = Pack(MET500.gtin, serial)
        m = s.match(p, TODAY)
        assert m.level is Level.OK
        s.accept(p, m)
    m = s.match(Pack(MET500.gtin, "c"), TODAY)
    assert m.level is Level.STOP and ids(m) == ["rx.too_many_packs"]
    assert m.findings[0].text() == "More packs than prescribed: 3 of 2."


def test_quantity_in_units_uses_pack_size() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin, quantity=Decimal(60), quantity_unit=QuantityUnit.UNITS))
    for serial in ("a", "b"):
        p = Pack(MET500.gtin, serial)
        m = s.match(p, TODAY)
        assert m.level is Level.OK, ids(m)
        s.accept(p, m)
    m = s.match(Pack(MET500_GENERIC.gtin, "c"), TODAY)  # substitutes count against the same item
    assert ids(m) == ["rx.substituted", "rx.too_many_packs"] and m.level is Level.STOP


def test_quantity_in_units_with_unknown_pack_size_warns() -> None:
    unknown = ProductInfo("09501101020955", "x", "500 mg", "tablet", None, None, "metformin")
    rx = Prescription(
        "r", (PrescribedItem("i1", gtin=unknown.gtin, quantity=Decimal(60), quantity_unit=QuantityUnit.UNITS),)
    )
    m = DispenseSession(rx, {unknown.gtin: unknown}.get).match(Pack(unknown.gtin), TODAY)
    assert m.level is Level.WARN and ids(m) == ["rx.quantity_unknown"]


def test_pack_expiring_before_therapy_end_warns() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin, days_supply=90))
    m = s.match(Pack(MET500.gtin, expiry=dt.date(2027, 2, 1)), TODAY)
    assert m.level is Level.WARN and ids(m) == ["rx.expires_during_therapy"]
    assert m.findings[0].text() == "Pack expires on 1 Feb 2027, before the therapy ends on 1 Mar 2027."
    assert s.match(Pack(MET500.gtin, expiry=dt.date(2027, 3, 1)), TODAY).level is Level.OK


def test_same_pack_twice_in_one_dispense_with_and_without_prescription() -> None:
    for s in (session(PrescribedItem("i1", gtin=MET500.gtin, quantity=Decimal(5))), DispenseSession()):
        p = Pack(MET500.gtin, "dup")
        m = s.match(p, TODAY)
        assert m.level is Level.OK
        s.accept(p, m)
        again = s.match(Pack(MET500.gtin, "dup"), TODAY)
        assert again.level is Level.STOP and ids(again) == ["rx.duplicate_scan"]
        assert again.findings[0].alert is False  # the pack itself is fine and counted once


def test_a_stopped_pack_is_not_counted() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin, quantity=Decimal(1)))
    s.match(Pack(MET500.gtin, "a"), TODAY)  # matched but never accepted (e.g. the hub said STOP)
    assert s.match(Pack(MET500.gtin, "b"), TODAY).level is Level.OK


def test_two_items_fill_in_turn() -> None:
    s = session(
        PrescribedItem("i1", gtin=MET500.gtin, quantity=Decimal(1)),
        PrescribedItem("i2", ingredient="metformin", strength="500mg", form="tablet", quantity=Decimal(1)),
        PrescribedItem("i3", gtin=IBU.gtin, quantity=Decimal(1)),
    )
    p1 = Pack(MET500_GENERIC.gtin, "a")
    m1 = s.match(p1, TODAY)
    assert m1.item is not None and m1.item.item_id in ("i1", "i2")
    s.accept(p1, m1)
    m2 = s.match(Pack(MET500_GENERIC.gtin, "b"), TODAY)
    assert m2.level is not Level.STOP and m2.item is not None and m2.item.item_id != m1.item.item_id
    assert s.match(Pack(IBU.gtin, "c"), TODAY).item.item_id == "i3"  # type: ignore[union-attr]


def test_patient_and_status_checks() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin), patient="Patient/other")
    assert "rx.patient_mismatch" in ids(s.match(Pack(MET500.gtin), TODAY))
    s = session(PrescribedItem("i1", gtin=MET500.gtin), patient="p1")
    assert s.match(Pack(MET500.gtin), TODAY).level is Level.OK
    s = session(PrescribedItem("i1", gtin=MET500.gtin), status="cancelled")
    assert ids(s.match(Pack(MET500.gtin), TODAY)) == ["rx.not_active"]


def test_no_prescription_means_no_findings() -> None:
    assert DispenseSession().match(Pack(IBU.gtin), TODAY).findings == ()


# --- normalisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("500 mg", "500mg"),
        ("0.5 g", "500 mg"),
        ("0,5 g", "500 mg"),
        ("5 mg/5 ml", "1 mg/ml"),
        ("500 mg/tablet", "500 mg"),
        ("1000 µg", "1 mg"),
        ("160 mg / 12.5 mg", "160mg+12.5mg"),
        ("100 IE", "100 IU"),
    ],
)
def test_strength_equal(a: str, b: str) -> None:
    assert normalise_strength(a) == normalise_strength(b)


@pytest.mark.parametrize(("a", "b"), [("500 mg", "850 mg"), ("5 mg/ml", "5 mg"), ("1 g", "100 mg")])
def test_strength_different(a: str, b: str) -> None:
    assert normalise_strength(a) != normalise_strength(b)


def test_form_ingredient_packsize_ndc() -> None:
    assert normalise_form("Film-coated tablet") == normalise_form("Tabletten") == "tablet"
    assert normalise_form("Hartkapseln") == "capsule"
    assert normalise_ingredient("Amlodipine besilate / Valsartan") == normalise_ingredient("valsartan + amlodipine")
    assert normalise_ingredient("Metformin hydrochloride") == "metformin"
    assert pack_units("N1 30 St") == 30 and pack_units("3 x 10") == 30 and pack_units("100 ml") == 100
    assert pack_units("none") is None and pack_units(None) is None
    assert ndc_candidates("00007-1015-21") == {"0007101521"}
    assert ndc_candidates("12345-6789-01") == {"1234567891"}  # only 5-4-1 padding fits
    assert ndc_candidates("12") == set()


# --- FHIR import --------------------------------------------------------------------------------


def med_request(**over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "resourceType": "MedicationRequest",
        "id": "mr1",
        "status": "active",
        "intent": "order",
        "subject": {"reference": "Patient/p1"},
        "authoredOn": "2026-11-30",
        "medicationCodeableConcept": {
            "coding": [
                {"system": "https://www.gs1.org/gtin", "code": MET500.gtin},
                {"system": "http://fhir.de/CodeSystem/ifa/pzn", "code": "12345678"},
            ],
            "text": "Metformin 500 mg 30 tablets",
        },
        "dispenseRequest": {
            "quantity": {"value": 2, "unit": "Package", "system": "http://unitsofmeasure.org", "code": "{Package}"},
            "expectedSupplyDuration": {"value": 60, "unit": "days", "system": "http://unitsofmeasure.org", "code": "d"},
        },
        "substitution": {"allowedBoolean": False},
    }
    doc.update(over)
    return doc


def test_fhir_single_medication_request() -> None:
    rx = load_fhir(json.dumps(med_request()))
    assert rx.rx_id == "mr1" and rx.patient_ref == "Patient/p1" and rx.authored_on == dt.date(2026, 11, 30)
    (item,) = rx.items
    assert item.gtin == MET500.gtin and item.pzn == "12345678" and item.display == "Metformin 500 mg 30 tablets"
    assert item.quantity == 2 and item.quantity_unit is QuantityUnit.PACKS and item.days_supply == 60
    assert item.substitution_allowed is False


def test_fhir_units_weeks_and_codeable_substitution() -> None:
    doc = med_request(
        dispenseRequest={
            "quantity": {"value": 60, "unit": "tablet"},
            "expectedSupplyDuration": {"value": 8, "code": "wk"},
        },
        substitution={"allowedCodeableConcept": {"coding": [{"code": "G"}]}},
    )
    (item,) = load_fhir(doc).items
    assert item.quantity_unit is QuantityUnit.UNITS and item.quantity == 60 and item.days_supply == 56
    assert item.substitution_allowed


def test_fhir_bundle_with_medication_reference_ingredient_strength_form() -> None:
    medication = {
        "resourceType": "Medication",
        "id": "med1",
        "form": {
            "coding": [{"system": "http://standardterms.edqm.eu", "code": "10221000", "display": "Film-coated tablet"}]
        },
        "ingredient": [
            {
                "itemCodeableConcept": {"text": "Metformin hydrochloride"},
                "strength": {"numerator": {"value": 500, "unit": "mg"}, "denominator": {"value": 1, "unit": "tablet"}},
            }
        ],
    }
    mr = med_request()
    del mr["medicationCodeableConcept"]
    mr["medicationReference"] = {"reference": "urn:uuid:1111"}
    ndc_mr = med_request(
        id="mr2",
        medicationCodeableConcept={"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "0007-1015-21"}]},
    )
    bundle = {
        "resourceType": "Bundle",
        "id": "b1",
        "type": "collection",
        "entry": [
            {"fullUrl": "urn:uuid:1111", "resource": medication},
            {"resource": mr},
            {"resource": ndc_mr},
            {"resource": {"resourceType": "Patient", "id": "p1"}},
        ],
    }
    rx = load_fhir(json.dumps(bundle).encode())
    assert rx.rx_id == "b1" and len(rx.items) == 2
    generic, ndc = rx.items
    assert generic.ingredient == "Metformin hydrochloride" and generic.strength == "500 mg/tablet"
    assert generic.form == "Film-coated tablet" and ndc.ndc == "0007-1015-21"
    s = DispenseSession(rx, PRODUCTS.get)
    assert s.match(Pack(MET500_GENERIC.gtin), TODAY).level is Level.STOP  # substitution forbidden
    rx_allowed = load_fhir(json.dumps(bundle).replace('"allowedBoolean": false', '"allowedBoolean": true'))
    assert DispenseSession(rx_allowed, PRODUCTS.get).match(Pack(MET500_GENERIC.gtin), TODAY).level is Level.OK


def test_fhir_contained_medication() -> None:
    mr = med_request(
        contained=[
            {
                "resourceType": "Medication",
                "id": "m",
                "form": {"text": "tablet"},
                "ingredient": [
                    {
                        "itemCodeableConcept": {"text": "Ibuprofen"},
                        "strength": {"numerator": {"value": 400, "unit": "mg"}},
                    }
                ],
            }
        ],
        medicationReference={"reference": "#m"},
        substitution={"allowedBoolean": True},
    )
    del mr["medicationCodeableConcept"]
    (item,) = load_fhir(mr).items
    assert (item.ingredient, item.strength, item.form) == ("Ibuprofen", "400 mg", "tablet")


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1,2]", "not a FHIR resource"),
        (json.dumps({"resourceType": "Patient"}), "expected a MedicationRequest"),
        (json.dumps({"resourceType": "Bundle", "entry": []}), "no MedicationRequest"),
        (json.dumps(med_request(medicationCodeableConcept={"text": "something"})), "no product"),
        (json.dumps(med_request(dispenseRequest={"quantity": {"value": -1}})), "positive"),
        (json.dumps(med_request(dispenseRequest={"quantity": {"value": "abc"}})), "not a number"),
        (
            json.dumps(med_request(dispenseRequest={"expectedSupplyDuration": {"value": 3, "code": "lightyears"}})),
            "unit",
        ),
        (json.dumps(med_request(dispenseRequest=[])), "dispenseRequest must be an object"),
    ],
)
def test_fhir_errors_are_typed(doc: bytes | str, message: str) -> None:
    with pytest.raises(PrescriptionError, match=message):
        load_fhir(doc)


def test_fhir_missing_reference_target() -> None:
    mr = med_request(medicationReference={"reference": "Medication/x"})
    del mr["medicationCodeableConcept"]
    with pytest.raises(PrescriptionError, match="not in the file"):
        load_fhir(mr)


# --- CSV ----------------------------------------------------------------------------------------

CSV = """rx_id,patient,gtin,pzn,ingredient,strength,form,quantity,quantity_unit,days_supply,substitution_allowed
R1,Patient/p1,04150123456782,,,,,2,packs,60,no
R1,Patient/p1,,,Ibuprofen,400 mg,tablet,40,units,10,yes
R2,Patient/p2,,12345678,,,,1,,,
"""


def test_csv_import_and_select() -> None:
    rxs = load_csv(CSV)
    assert [r.rx_id for r in rxs] == ["R1", "R2"]
    r1 = select(rxs, "R1")
    assert r1.patient_ref == "Patient/p1" and len(r1.items) == 2
    a, b = r1.items
    assert a.gtin == "04150123456782" and a.quantity == 2 and not a.substitution_allowed and a.days_supply == 60
    assert b.quantity_unit is QuantityUnit.UNITS and b.ingredient == "Ibuprofen"
    assert select(rxs, "R2").items[0].pzn == "12345678"
    with pytest.raises(PrescriptionError, match="choose one"):
        select(rxs)
    with pytest.raises(PrescriptionError, match="no prescription"):
        select(rxs, "R9")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("rx_id,colour\nR1,red\n", "unknown CSV column"),
        ("rx_id,gtin\n", "no prescription rows"),
        ("rx_id,gtin,quantity\nR1,123,1\n", "GTIN"),
        ("rx_id,gtin,quantity\nR1,04150123456782,x\n", "not a number"),
        ("rx_id,gtin,quantity_unit\nR1,04150123456782,bottles\n", "quantity_unit"),
        ("rx_id,gtin,substitution_allowed\nR1,04150123456782,maybe\n", "substitution_allowed"),
        ("rx_id,gtin,days_supply\nR1,04150123456782,²\n", "days_supply"),  # isdigit() but not int()
        ("rx_id,ingredient\nR1,ibuprofen\n", "no product"),
        ("rx_id,patient,gtin\nR1,a,04150123456782\nR1,b,04150123456782\n", "two patients"),
    ],
)
def test_csv_errors(text: str, message: str) -> None:
    with pytest.raises(PrescriptionError, match=message):
        load_csv(text)


def test_release_takes_a_pack_back() -> None:
    s = session(PrescribedItem("i1", gtin=MET500.gtin, quantity=Decimal(1)))
    p = Pack(MET500.gtin, "a")
    m = s.match(p, TODAY)
    s.accept(p, m)
    assert s.match(Pack(MET500.gtin, "b"), TODAY).level is Level.STOP
    s.release(p, m)
    assert s.match(Pack(MET500.gtin, "b"), TODAY).level is Level.OK
    assert s.match(p, TODAY).level is Level.OK  # no longer a duplicate


def test_patient_name_and_birth_date_from_the_bundle_or_the_reference_display() -> None:
    from dispense_app.core.fhir import load_fhir

    request = {"resourceType": "MedicationRequest", "id": "r1", "status": "active", "intent": "order",
               "subject": {"reference": "Patient/p1", "display": "Bea Display"},
               "medicationCodeableConcept": {"coding": [{"system": "https://www.gs1.org/gtin",
                                                         "code": "04150123456782"}]},
               "dispenseRequest": {"quantity": {"value": 1, "unit": "pack"}}}
    alone = load_fhir(request)
    assert (alone.patient_name, alone.patient_birth_date) == ("Bea Display", None)
    bundle = {"resourceType": "Bundle", "entry": [
        {"resource": request},
        {"resource": {"resourceType": "Patient", "id": "other", "name": [{"given": ["No"], "family": "Body"}]}},
        {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1960-02-29",
                      "name": [{"given": ["Bea", "M."], "family": "Example"}]}},
    ]}
    rx = load_fhir(bundle)
    assert (rx.patient_name, rx.patient_birth_date) == ("Bea M. Example", dt.date(1960, 2, 29))
