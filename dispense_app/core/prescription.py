"""Prescriptions and the match of each scanned pack against them.

A :class:`Prescription` holds one or more :class:`PrescribedItem` (one per FHIR MedicationRequest
or CSV row). An item names the product by code (GTIN, PZN, NDC) and/or generically by ingredient +
strength + form, with a quantity (packs or units) and the days of therapy.

A :class:`DispenseSession` is one hand-over at the counter: the packs scanned so far and what they
counted against. :meth:`DispenseSession.match` checks one more pack and returns findings
(:class:`~dispense_app.core.verdict.Reason`) that feed the verdict:

- the same pack twice in one dispense: STOP;
- not the prescribed product, strength or form: STOP; generic substitute (same ingredient, strength
  and form): OK with a note, unless the prescription forbids substitution (STOP);
- more packs than prescribed: STOP;
- pack expires before the therapy ends: WARN.

Importers: :func:`load_csv` here, FHIR R4 in :mod:`dispense_app.core.fhir`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from dispense_app.core.model import ProductInfo
from dispense_app.core.verdict import Level, ParsedPack, Reason, ReasonSource
from scanner.parsing.checks import pzn_in_ntin

DUPLICATE_SCAN = "rx.duplicate_scan"


def finding(
    id: str, level: Level, params: dict[str, object] | None = None, *, alert: bool = True
) -> Reason:
    """A prescription finding. A pharmacist may supply anyway past a prescription STOP (wrong
    product, strength, form, substitution, quantity...), but never past a duplicate scan: that one
    is the same pack counted twice, not a clinical judgement."""
    return Reason(
        id,
        level,
        params or {},
        alert=alert,
        source=ReasonSource.PRESCRIPTION,
        overridable=level is Level.STOP and id != DUPLICATE_SCAN,
    )


class PrescriptionError(ValueError):
    """The prescription file cannot be used (with a message saying what is wrong and where)."""


class QuantityUnit(StrEnum):
    PACKS = "packs"
    UNITS = "units"  # tablets, capsules, ml...: compared with the pack size


INACTIVE_STATUSES = frozenset({"cancelled", "stopped", "entered-in-error", "completed", "revoked"})


@dataclass(frozen=True, slots=True)
class PrescribedItem:
    """One prescribed medicine."""

    item_id: str
    display: str | None = None
    gtin: str | None = None
    pzn: str | None = None
    ndc: str | None = None
    ingredient: str | None = None
    strength: str | None = None
    form: str | None = None
    quantity: Decimal | None = None
    quantity_unit: QuantityUnit = QuantityUnit.PACKS
    days_supply: int | None = None
    substitution_allowed: bool = True

    @property
    def label(self) -> str:
        parts = [p for p in (self.ingredient, self.strength, self.form) if p]
        return self.display or (" ".join(parts) if parts else None) or self.gtin or self.pzn or self.ndc or self.item_id


@dataclass(frozen=True, slots=True)
class Prescription:
    rx_id: str
    items: tuple[PrescribedItem, ...]
    patient_ref: str | None = None
    status: str = "active"
    authored_on: dt.date | None = None
    source: str = ""  # "fhir" / "csv"
    patient_name: str | None = None  # as the prescription gives it (a Patient resource, or the reference's display)
    patient_birth_date: dt.date | None = None  # from a Patient resource in the Bundle

    def to_json(self) -> dict[str, object]:
        return {
            "rx_id": self.rx_id,
            "patient_ref": self.patient_ref,
            "status": self.status,
            "authored_on": self.authored_on.isoformat() if self.authored_on else None,
            "items": [
                {
                    "item_id": i.item_id,
                    "display": i.display,
                    "gtin": i.gtin,
                    "pzn": i.pzn,
                    "ndc": i.ndc,
                    "ingredient": i.ingredient,
                    "strength": i.strength,
                    "form": i.form,
                    "quantity": str(i.quantity) if i.quantity is not None else None,
                    "quantity_unit": i.quantity_unit.value,
                    "days_supply": i.days_supply,
                    "substitution_allowed": i.substitution_allowed,
                }
                for i in self.items
            ],
        }


# --- normalisation ------------------------------------------------------------------------------

_MASS_MG = {
    "g": Decimal(1000),
    "mg": Decimal(1),
    "mcg": Decimal("0.001"),
    "µg": Decimal("0.001"),
    "ug": Decimal("0.001"),
    "μg": Decimal("0.001"),
    "ng": Decimal("0.000001"),
}
_VOLUME_ML = {"l": Decimal(1000), "ml": Decimal(1), "dl": Decimal(100), "cl": Decimal(10)}
_UNIT_ALIASES = {
    "iu": "iu",
    "ie": "iu",
    "i.e.": "iu",
    "u": "iu",
    "units": "iu",
    "%": "%",
    "mmol": "mmol",
    "mol": "mmol",
}
_AMOUNT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-zµμ%.]+)?\s*$", re.IGNORECASE)


def _amount(text: str) -> tuple[Decimal, str] | None:
    m = _AMOUNT.match(text)
    if not m:
        return None
    try:
        value = Decimal(m.group(1).replace(",", "."))
    except InvalidOperation:
        return None
    unit = (m.group(2) or "").lower().rstrip(".")
    if unit in _MASS_MG:
        return value * _MASS_MG[unit], "mg"
    if unit in _VOLUME_ML:
        return value * _VOLUME_ML[unit], "ml"
    if unit == "mol":
        return value * 1000, "mmol"
    if unit in _UNIT_ALIASES:
        return value, _UNIT_ALIASES[unit]
    return value, unit


def normalise_strength(text: str | None) -> str | None:
    """A comparable form of a strength: "0.5 g" and "500mg" -> "500mg"; "5 mg/5 ml" -> "1mg/ml";
    "500 mg/tablet" -> "500mg". Combinations ("160 mg / 12.5 mg", "160 mg + 12.5 mg") keep their
    order. Unparseable text is compared case- and space-insensitively.
    """
    if text is None or not text.strip():
        return None
    raw = text.strip().lower()
    squashed = re.sub(r"\s+", "", raw)
    out: list[str] = []
    for part in re.split(r"\s*[+;]\s*", raw):
        num, slash, den = part.partition("/")
        a = _amount(num)
        if a is None:
            return squashed
        if not slash or den.strip().rstrip("s") in _PER_DOSE_UNIT:
            out.append(f"{_fmt(a[0])}{a[1]}")
            continue
        b = _amount(den)
        if b is not None and b[1] == a[1]:  # same unit both sides: a combination, not a ratio
            out += [f"{_fmt(a[0])}{a[1]}", f"{_fmt(b[0])}{b[1]}"]
            continue
        if b is None and re.fullmatch(r"[a-zµμ]+", den.strip()):
            b = _amount("1" + den.strip())  # "mg/ml": per one unit
        if b is None or b[0] == 0:
            return squashed
        out.append(f"{_fmt(a[0] / b[0])}{a[1]}/{b[1]}")
    return "+".join(out)


_PER_DOSE_UNIT = frozenset({"tablet", "tab", "capsule", "cap", "dose", "st", "piece", "each", "unit", "sachet"})


def _fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


_FORM_GROUPS: dict[str, str] = {}
for _group, _names in {
    "tablet": (
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "tbl",
        "film-coated tablet",
        "film coated tablet",
        "coated tablet",
        "filmtablette",
        "filmtabletten",
        "tablette",
        "tabletten",
        "comprimé",
        "comprimido",
        "compressa",
    ),
    "capsule": ("capsule", "capsules", "cap", "caps", "hard capsule", "kapsel", "kapseln", "hartkapsel", "hartkapseln"),
    "oral solution": ("oral solution", "solution", "lösung", "lsg"),
    "injection": ("injection", "solution for injection", "injektionslösung", "inj"),
    "cream": ("cream", "creme"),
    "ointment": ("ointment", "salbe"),
}.items():
    for _n in _names:
        _FORM_GROUPS[_n] = _group


def normalise_form(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in _FORM_GROUPS:
        return _FORM_GROUPS[t]
    return t[:-1] if t.endswith("s") and t[:-1] in _FORM_GROUPS.values() else t


_SALTS = frozenset(
    [
        "hydrochloride",
        "hcl",
        "sodium",
        "potassium",
        "calcium",
        "magnesium",
        "besilate",
        "besylate",
        "maleate",
        "mesilate",
        "mesylate",
        "succinate",
        "tartrate",
        "fumarate",
        "citrate",
        "sulfate",
        "sulphate",
        "phosphate",
        "acetate",
        "bromide",
        "dihydrate",
        "monohydrate",
        "trihydrate",
        "hemihydrate",
        "anhydrous",
        "hydrobromide",
        "natrium",
        "kalium",
    ]
)


def normalise_ingredient(text: str | None) -> str | None:
    """Active ingredient(s) without salt names, combinations sorted: "Valsartan/Amlodipine besilate"
    and "amlodipine + valsartan" compare equal."""
    if text is None or not text.strip():
        return None
    parts = re.split(r"\s*(?:/|\+|,|;| and | und )\s*", text.strip().lower())
    names = []
    for p in parts:
        words = [w for w in re.split(r"[\s-]+", p) if w and w not in _SALTS]
        if words:
            names.append(" ".join(words))
    return "+".join(sorted(names)) if names else None


def pack_units(pack_size: str | None) -> Decimal | None:
    """Units in a pack from master data text: "30", "30 tablets", "N1 30 St", "3 x 10", "100 ml"."""
    if not pack_size:
        return None
    t = re.sub(r"\bN[123]\b", " ", pack_size, flags=re.IGNORECASE)
    m = re.search(r"(\d+)\s*[x×*]\s*(\d+(?:[.,]\d+)?)", t)
    if m:
        return Decimal(m.group(1)) * Decimal(m.group(2).replace(",", "."))
    m = re.search(r"\d+(?:[.,]\d+)?", t)
    if not m:
        return None
    value = Decimal(m.group(0).replace(",", "."))
    return value if value > 0 else None


def ndc_candidates(ndc: str) -> set[str]:
    """The 10-digit forms an NDC can have (hyphens dropped; 11-digit billing form un-padded)."""
    digits = re.sub(r"\D", "", ndc)
    if len(digits) == 10:
        return {digits}
    if len(digits) != 11:
        return set()
    out = set()
    if digits[0] == "0":  # 4-4-2 padded to 5-4-2
        out.add(digits[1:])
    if digits[5] == "0":  # 5-3-2 padded to 5-4-2
        out.add(digits[:5] + digits[6:])
    if digits[9] == "0":  # 5-4-1 padded to 5-4-2
        out.add(digits[:9] + digits[10:])
    return out


def ndc_from_gtin(gtin: str | None) -> str | None:
    """The 10-digit NDC inside a US pharmaceutical GTIN-14 (0 + 03 + NDC10 + check)."""
    if gtin and len(gtin) == 14 and gtin.startswith("003"):
        return gtin[3:13]
    return None


pzn_from_gtin = pzn_in_ntin


# --- matching -----------------------------------------------------------------------------------

ProductLookup = Callable[[str], ProductInfo | None]
"""Product master data by GTIN or PZN (the store's product cache)."""


def _no_products(_code: str) -> ProductInfo | None:
    return None


@dataclass(frozen=True, slots=True)
class RxMatch:
    """The outcome for one pack: the item it counts against (if any) and the findings."""

    item: PrescribedItem | None
    findings: tuple[Reason, ...]
    substituted: bool = False
    units: Decimal | None = None

    @property
    def level(self) -> Level:
        return max((f.level for f in self.findings), key=lambda lv: lv.rank, default=Level.OK)


@dataclass(frozen=True, slots=True)
class _Generic:
    ingredient: str | None
    strength: str | None
    form: str | None
    strength_text: str | None
    form_text: str | None


@dataclass
class DispenseSession:
    """One dispense (hand-over): packs scanned so far, checked against an optional prescription."""

    prescription: Prescription | None = None
    products: ProductLookup = _no_products
    patient_ref: str | None = None
    accepted: dict[tuple[str, str], str | None] = field(default_factory=dict)  # pack key -> item id
    packs_per_item: dict[str, int] = field(default_factory=dict)
    units_per_item: dict[str, Decimal] = field(default_factory=dict)
    held: dict[tuple[str, str], RxMatch] = field(default_factory=dict)
    # the match each accepted pack was counted with, so an undo can give exactly that back
    accepted_matches: dict[tuple[str, str], RxMatch] = field(default_factory=dict)
    """Packs checked for this dispense but not handed over yet (:meth:`hold`): they count for the
    next pack's match (the pack too many is a STOP when it is scanned), never twice."""
    _excluded: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    """The pack being matched: its own hold does not count against it (a rescan, its dispense)."""

    def match(self, pack: ParsedPack, now: dt.datetime | dt.date, product: ProductInfo | None = None) -> RxMatch:
        """Check one more pack against what was accepted and what is held (the pack itself aside).
        Nothing is counted until :meth:`hold` or :meth:`accept`."""
        today = now.date() if isinstance(now, dt.datetime) else now
        key = pack_key(pack)
        self._excluded = key
        if key is not None and key in self.accepted:
            return RxMatch(
                None, (finding(DUPLICATE_SCAN, Level.STOP, alert=False),)
            )  # the first scan counts; no alert
        rx = self.prescription
        if rx is None:
            return RxMatch(None, ())
        head: list[Reason] = []
        if rx.status.lower() in INACTIVE_STATUSES:
            head.append(finding("rx.not_active", Level.STOP, {"status": rx.status}))
        if self.patient_ref and rx.patient_ref and _ref_id(self.patient_ref) != _ref_id(rx.patient_ref):
            head.append(finding("rx.patient_mismatch", Level.STOP, {"prescribed_patient": rx.patient_ref}))
        if product is None:
            product = self._product_for(pack)
        item, findings, substituted = self._find_item(rx, pack, product)
        out = head + findings
        units = pack_units(product.pack_size) if product else None
        if item is not None:
            out += self._quantity(item, units)
            out += _expiry(item, pack, today)
        return RxMatch(item, tuple(out), substituted, units)

    def hold(self, pack: ParsedPack, match: RxMatch | None) -> None:
        """Count a checked pack provisionally (``match`` None: it no longer counts, e.g. a rescan
        that is now a STOP). :meth:`accept` turns the hold into a count; :meth:`release` drops it."""
        key = pack_key(pack)
        if key is None or key in self.accepted:
            return
        if match is None or match.item is None:
            self.held.pop(key, None)
        else:
            self.held[key] = match

    def accept(self, pack: ParsedPack, match: RxMatch) -> None:
        """Count a pack that was handed over (or queued) against its item (its hold, if any, ends)."""
        key = pack_key(pack)
        if key is not None:
            self.held.pop(key, None)
            self.accepted[key] = match.item.item_id if match.item else None
            self.accepted_matches[key] = match
        if match.item is not None:
            iid = match.item.item_id
            self.packs_per_item[iid] = self.packs_per_item.get(iid, 0) + 1
            if match.units is not None:
                self.units_per_item[iid] = self.units_per_item.get(iid, Decimal(0)) + match.units

    def release(self, pack: ParsedPack, match: RxMatch) -> None:
        """Take back an :meth:`accept` (the hub refused the pack after it was counted)."""
        key = pack_key(pack)
        if key is not None:
            self.held.pop(key, None)
        if key is None or key not in self.accepted:
            return
        del self.accepted[key]
        self.accepted_matches.pop(key, None)
        if match.item is not None:
            iid = match.item.item_id
            self.packs_per_item[iid] = max(0, self.packs_per_item.get(iid, 0) - 1)
            if match.units is not None and iid in self.units_per_item:
                self.units_per_item[iid] = max(Decimal(0), self.units_per_item[iid] - match.units)

    def undone(self, pack: ParsedPack) -> None:
        """A pack's supply was undone: it no longer counts against the prescription (it may be
        dispensed again)."""
        key = pack_key(pack)
        match = self.accepted_matches.get(key) if key is not None else None
        if match is not None:
            self.release(pack, match)

    # -- helpers --

    def _product_for(self, pack: ParsedPack) -> ProductInfo | None:
        for code in (pack.gtin, pack.pzn, pzn_from_gtin(pack.gtin)):
            if code:
                found = self.products(code)
                if found is not None:
                    return found
        return None

    def _generic(self, item: PrescribedItem) -> _Generic:
        ingredient, strength, form = item.ingredient, item.strength, item.form
        if not (ingredient and strength and form):
            for code in (item.gtin, item.pzn, item.ndc):
                master = self.products(code) if code else None
                if master is not None:
                    ingredient = ingredient or master.ingredient
                    strength = strength or master.strength
                    form = form or master.form
                    break
        return _Generic(
            normalise_ingredient(ingredient), normalise_strength(strength), normalise_form(form), strength, form
        )

    def _find_item(
        self, rx: Prescription, pack: ParsedPack, product: ProductInfo | None
    ) -> tuple[PrescribedItem | None, list[Reason], bool]:
        exact = [i for i in rx.items if _code_match(i, pack, product)]
        if exact:
            return self._least_used(exact), [], False
        if product is None:
            return None, [finding("rx.product_unknown", Level.STOP)], False
        p_ing = normalise_ingredient(product.ingredient)
        p_str = normalise_strength(product.strength)
        p_form = normalise_form(product.form)
        same: list[PrescribedItem] = []
        near: list[Reason] = []
        for item in rx.items:
            g = self._generic(item)
            if g.ingredient is None or p_ing is None or g.ingredient != p_ing:
                continue
            if g.strength is not None and p_str != g.strength:
                near.append(
                    finding(
                        "rx.wrong_strength",
                        Level.STOP,
                        {"strength": product.strength or "?", "prescribed_strength": g.strength_text or ""},
                    )
                )
                continue
            if g.form is not None and p_form != g.form:
                near.append(
                    finding("rx.wrong_form", Level.STOP, {"form": product.form or "?", "prescribed_form": g.form_text})
                )
                continue
            if g.strength is None or g.form is None:
                continue  # an incomplete generic description is not enough to substitute
            if not item.substitution_allowed:
                near.append(
                    finding(
                        "rx.substitution_forbidden",
                        Level.STOP,
                        {"prescribed": item.label, "product": _product_label(product)},
                    )
                )
                continue
            same.append(item)
        if same:
            item = self._least_used(same)
            named = bool(item.gtin or item.pzn or item.ndc)
            notes = [finding("rx.substituted", Level.OK, {"prescribed": item.label}, alert=False)] if named else []
            return item, notes, named
        if near:
            return None, near[:1], False
        prescribed = ", ".join(i.label for i in rx.items)
        return (
            None,
            [finding("rx.wrong_product", Level.STOP, {"product": _product_label(product), "prescribed": prescribed})],
            False,
        )

    def _counted(self, item_id: str) -> tuple[int, Decimal | None]:
        """Packs and units counted against an item: accepted plus held (the pack being matched aside)."""
        packs = self.packs_per_item.get(item_id, 0)
        units = self.units_per_item.get(item_id)
        for key, match in self.held.items():
            if key == self._excluded or match.item is None or match.item.item_id != item_id:
                continue
            packs += 1
            if match.units is not None:
                units = (units or Decimal(0)) + match.units
        return packs, units

    def _least_used(self, items: Sequence[PrescribedItem]) -> PrescribedItem:
        """Among several matching items, the one with the most left to dispense."""
        for item in items:
            if not _covered(item, *self._counted(item.item_id)):
                return item
        return items[0]

    def _quantity(self, item: PrescribedItem, units: Decimal | None) -> list[Reason]:
        if item.quantity is None:
            return []
        done_packs, counted_units = self._counted(item.item_id)
        if item.quantity_unit is QuantityUnit.PACKS:
            allowed = int(item.quantity)
            if done_packs + 1 > allowed:
                return [finding("rx.too_many_packs", Level.STOP, {"count": done_packs + 1, "allowed": allowed})]
            return []
        if units is None:
            return [finding("rx.quantity_unknown", Level.WARN, {"quantity": _fmt(item.quantity)}, alert=False)]
        done_units = counted_units or Decimal(0)
        if done_units >= item.quantity:
            allowed = max(done_packs, math.ceil(item.quantity / units))
            return [finding("rx.too_many_packs", Level.STOP, {"count": done_packs + 1, "allowed": allowed})]
        return []


def _covered(item: PrescribedItem, packs: int, units: Decimal | None) -> bool:
    if item.quantity is None:
        return False
    if item.quantity_unit is QuantityUnit.PACKS:
        return packs >= item.quantity
    return units is not None and units >= item.quantity


def _expiry(item: PrescribedItem, pack: ParsedPack, today: dt.date) -> list[Reason]:
    if item.days_supply is None or pack.expiry is None:
        return []
    therapy_end = today + dt.timedelta(days=item.days_supply)
    if pack.expiry < therapy_end:
        return [
            finding(
                "rx.expires_during_therapy",
                Level.WARN,
                {"expiry": pack.expiry, "therapy_end": therapy_end},
                alert=False,
            )
        ]
    return []


def _code_match(item: PrescribedItem, pack: ParsedPack, product: ProductInfo | None) -> bool:
    gtins = {g for g in (pack.gtin, product.gtin if product else None) if g}
    if item.gtin and _gtin14(item.gtin) in {_gtin14(g) for g in gtins}:
        return True
    pzns = {p for p in (pack.pzn, product.pzn if product else None, *(pzn_from_gtin(g) for g in gtins)) if p}
    if product and product.nhrn.get("710"):
        pzns.add(product.nhrn["710"])
    if item.pzn and item.pzn.zfill(8) in {p.zfill(8) for p in pzns}:
        return True
    if item.ndc:
        wanted = ndc_candidates(item.ndc)
        have = {n for n in (ndc_from_gtin(g) for g in gtins) if n}
        if product and product.nhrn.get("715"):
            have |= ndc_candidates(product.nhrn["715"])
        if wanted & have:
            return True
    return False


def _gtin14(code: str) -> str:
    return code.strip().zfill(14)


def _ref_id(ref: str) -> str:
    return ref.strip().rsplit("/", 1)[-1]


def _product_label(product: ProductInfo) -> str:
    """Name, strength and form, each once: "Ibuprofen Demo 600 mg film-coated tablet", not "... 600 mg 600 mg ..."."""
    parts: list[str] = []
    for p in (product.name, product.strength, product.form):
        if p and not any(" ".join(p.split()).casefold() in " ".join(q.split()).casefold() for q in parts):
            parts.append(p)
    return " ".join(parts) if parts else product.gtin


def pack_key(pack: ParsedPack) -> tuple[str, str] | None:
    """(product code, serial): GTIN, else PPN, else PZN."""
    code = pack.gtin or pack.ppn or pack.pzn
    if not code or not pack.serial:
        return None
    return (code, pack.serial)


# --- CSV import ---------------------------------------------------------------------------------

CSV_COLUMNS = (
    "rx_id",
    "patient",
    "gtin",
    "pzn",
    "ndc",
    "ingredient",
    "strength",
    "form",
    "quantity",
    "quantity_unit",
    "days_supply",
    "substitution_allowed",
    "display",
    "status",
)
"""Columns of the simple prescription CSV (header row required, any order, all optional but an
identifier: gtin, pzn, ndc, or ingredient + strength + form). ``quantity_unit`` is ``packs``
(default) or ``units``; ``substitution_allowed`` is true/false/yes/no/1/0 (default true)."""

_TRUE = {"true", "yes", "y", "1", "ja", "j"}
_FALSE = {"false", "no", "n", "0", "nein"}


def load_csv(text: str) -> list[Prescription]:
    """Prescriptions from CSV text; rows with the same ``rx_id`` form one prescription."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None:
        raise PrescriptionError("the CSV file is empty")
    header = [h.strip().lower() for h in reader.fieldnames]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        shown = ", ".join(h if len(h) <= 40 else h[:39] + "…" for h in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise PrescriptionError(f"unknown CSV column(s): {shown}{more} (known: {', '.join(CSV_COLUMNS)})")
    grouped: dict[str, list[PrescribedItem]] = {}
    meta: dict[str, tuple[str | None, str]] = {}
    for n, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(row.values()):
            continue
        rx_id = row.get("rx_id") or "rx"
        items = grouped.setdefault(rx_id, [])
        items.append(_csv_item(row, f"{rx_id}-{len(items) + 1}", n))
        patient = row.get("patient") or None
        status = row.get("status") or "active"
        prev = meta.get(rx_id)
        if prev is not None and prev[0] and patient and prev[0] != patient:
            raise PrescriptionError(f"line {n}: prescription {rx_id} names two patients")
        meta[rx_id] = (patient or (prev[0] if prev else None), status)
    if not grouped:
        raise PrescriptionError("the CSV file has no prescription rows")
    return [
        Prescription(rx_id, tuple(items), meta[rx_id][0], meta[rx_id][1], None, "csv")
        for rx_id, items in grouped.items()
    ]


def _csv_item(row: dict[str, str], item_id: str, line: int) -> PrescribedItem:
    def opt(name: str) -> str | None:
        return row.get(name) or None

    quantity = None
    if row.get("quantity"):
        quantity = parse_quantity(row["quantity"], f"line {line}")
    unit_text = (row.get("quantity_unit") or "packs").lower()
    if unit_text in ("pack", "packs", "package", "packages", "pk"):
        unit = QuantityUnit.PACKS
    elif unit_text in ("unit", "units", "tablet", "tablets", "capsule", "capsules", "ml", "st", "stk"):
        unit = QuantityUnit.UNITS
    else:
        raise PrescriptionError(f"line {line}: quantity_unit must be packs or units, not {unit_text!r}")
    days = None
    if row.get("days_supply"):
        if not (row["days_supply"].isascii() and row["days_supply"].isdigit()) or int(row["days_supply"]) > 3660:
            raise PrescriptionError(f"line {line}: days_supply must be a whole number of days")
        days = int(row["days_supply"])
    sub_text = (row.get("substitution_allowed") or "true").lower()
    if sub_text not in _TRUE | _FALSE:
        raise PrescriptionError(f"line {line}: substitution_allowed must be true or false")
    item = PrescribedItem(
        item_id=item_id,
        display=opt("display"),
        gtin=opt("gtin"),
        pzn=opt("pzn"),
        ndc=opt("ndc"),
        ingredient=opt("ingredient"),
        strength=opt("strength"),
        form=opt("form"),
        quantity=quantity,
        quantity_unit=unit,
        days_supply=days,
        substitution_allowed=sub_text in _TRUE,
    )
    check_item(item, f"line {line}")
    return item


def parse_quantity(text: str | float | int, where: str) -> Decimal:
    try:
        q = Decimal(str(text).replace(",", "."))
    except InvalidOperation:
        raise PrescriptionError(f"{where}: quantity {text!r} is not a number") from None
    if not q.is_finite() or q <= 0 or q > 100000:
        raise PrescriptionError(f"{where}: quantity must be a positive number")
    return q


def check_item(item: PrescribedItem, where: str) -> None:
    """An item must be identifiable: by a code, or generically by ingredient + strength + form."""
    if item.gtin and not (item.gtin.isdigit() and len(item.gtin) in (8, 12, 13, 14)):
        raise PrescriptionError(f"{where}: GTIN {item.gtin!r} is not 8, 12, 13 or 14 digits")
    if item.pzn and not (item.pzn.isdigit() and len(item.pzn) in (7, 8)):
        raise PrescriptionError(f"{where}: PZN {item.pzn!r} is not 7 or 8 digits")
    if item.ndc and not ndc_candidates(item.ndc):
        raise PrescriptionError(f"{where}: NDC {item.ndc!r} is not a 10- or 11-digit NDC")
    if not (item.gtin or item.pzn or item.ndc or (item.ingredient and item.strength and item.form)):
        raise PrescriptionError(f"{where}: no product: give a GTIN, PZN or NDC, or ingredient + strength + form")


def select(prescriptions: Iterable[Prescription], rx_id: str | None = None) -> Prescription:
    """The one prescription to dispense (by id when a file holds several)."""
    found = list(prescriptions)
    if rx_id is not None:
        chosen = [p for p in found if p.rx_id == rx_id]
        if not chosen:
            raise PrescriptionError(f"no prescription {rx_id!r} in the file ({', '.join(p.rx_id for p in found)})")
        return chosen[0]
    if len(found) != 1:
        raise PrescriptionError(
            f"the file holds {len(found)} prescriptions; choose one ({', '.join(p.rx_id for p in found)})"
        )
    return found[0]
