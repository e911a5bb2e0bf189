"""Lost-separator detection: other ways to split what a variable-length field swallowed.

The strict reading of a code (GS1 rules: a variable-length field runs to the next GS or the end)
is always a *legal* reading; the question is whether it is the *intended* one. A variable-length
field whose separator was lost swallows the elements that followed it. So for every field whose
extent was set by a separator (GS1: every AI without the ``*`` flag; IFA: every data element) we
enumerate the splits of its value into a head (a valid value of that field) and a tail that
parses completely as further elements, each valid by its own rules (length, character set, check
digits, dates), without repeating an AI/DI already present. A candidate reading is then the
strict reading with one or more fields split that way, validated as a whole (associations,
pack-code completeness).

The rule (see docs/parsing.md):

* strict reading invalid (missing serial/batch/expiry, too long, ...) and some candidate has
  fewer errors -> ``separator_missing`` with the best candidates;
* strict reading valid: a candidate is only evidence when what it splits off is self-checking;
  this module treats an NHRN (710) PZN with a valid mod-11 check as such evidence, since a
  random serial ending in "710" + a valid PZN is about 1 in 10,000 -> ``separator_missing``
  listing both readings. Other split-offs (a serial ending in "91x", "240x"...) cannot be told
  from a legitimate value and are not reported.
* a last field that ends with the pack's own GTIN / EAN-13 / PZN, or is too long and ends with
  another valid EAN/UPC/GTIN (two codes read as one) -> ``separator_missing`` with the trailing
  digits in the detail.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scanner.ai_table import AI_TABLE
from scanner.parsing import gs1, ifa
from scanner.parsing.checks import gs1_check_ok
from scanner.parsing.elements import Element, Reading, check_element, simple_run
from scanner.parsing.model import (
    DUPLICATE_AI,
    MALFORMED,
    MISSING_FIELD,
    NOT_A_PACK_CODE,
    SEPARATOR_MISSING,
    TOO_LONG,
    UNKNOWN_AI,
    ParseError,
)
from scanner.parsing.spec import AISpec

MAX_FIELD = 160  # longer fields are not searched (a scan of two pack codes at most)
MAX_SPLITS_PER_FIELD = 96
MAX_COMBINATIONS = 512
MAX_CANDIDATES = 8
# strict-reading errors that splitting a field can remove
_FIXABLE = frozenset({MISSING_FIELD, NOT_A_PACK_CODE, TOO_LONG, MALFORMED})


@dataclass(frozen=True, slots=True)
class Grammar:
    """What the search needs to know about one syntax."""

    key_at: Callable[[str, int], tuple[str, AISpec | None] | None]
    spec: Callable[[str], AISpec | None]
    splittable: Callable[[AISpec], bool]
    validate: Callable[[list[Element], dt.date], Reading]
    own_linter: Callable[[str], str]
    split_off: frozenset[str]  # the keys a split may produce
    strong: frozenset[str]  # split-offs that count as evidence (the pack-code fields)


GS1 = Grammar(
    key_at=gs1.ai_at,
    spec=AI_TABLE.get,
    splittable=lambda spec: not spec.predefined,
    validate=lambda els, today: gs1.validate(els, today),
    own_linter=lambda key: "pzn" if key == "710" else "",
    # Only the AIs of a pack code are looked for in a swallowed tail: weak AIs such as (240),
    # (30) or (91)-(99) fit almost any text, would multiply the readings and never make a code
    # more complete. A lost separator before one of them is not detectable from the data.
    split_off=frozenset({"01", "10", "11", "17", "21", "7003", "710", "711", "712", "713", "714", "715", "716",
                         "717"}),
    strong=frozenset({"01", "10", "17", "21", "710"}),
)
IFA = Grammar(
    key_at=ifa.di_at,
    spec=ifa.IFA_SPECS.get,
    splittable=lambda spec: True,
    validate=lambda els, today: ifa.validate(els, today),
    own_linter=lambda key: "ppn" if key == "9N" else "",
    split_off=frozenset(ifa.IFA_SPECS),
    strong=frozenset({"9N", "8P", "1T", "D", "S"}),
)


class _Search:
    def __init__(self, grammar: Grammar, today: dt.date, taken: frozenset[str]) -> None:
        self.g = grammar
        self.today = today
        self.taken = taken  # keys present in the strict reading: a split-off may not repeat them

    def ok(self, key: str, value: str, spec: AISpec) -> bool:
        return not check_element(key, value, spec, self.today, "", extra=self.g.own_linter(key))

    def tails(self, s: str, pos: int, memo: dict[int, list[list[tuple[str, str]]]]) -> list[list[tuple[str, str]]]:
        """Every parse of ``s[pos:]`` as one or more valid elements (keys not taken, not repeated)."""
        if pos in memo:
            return memo[pos]
        memo[pos] = []  # guards against re-entry
        out: list[list[tuple[str, str]]] = []
        found = self.g.key_at(s, pos)
        if found is not None and found[1] is not None and found[0] in self.g.split_off and found[0] not in self.taken:
            key, spec = found[0], found[1]
            vstart = pos + len(key)
            n = len(s)
            run = simple_run(key, spec, s, vstart) if not self.g.own_linter(key) else -1
            if spec.min_len == spec.max_len:
                lengths: range = range(spec.max_len, spec.max_len + 1)
            else:
                lengths = range(max(1, spec.min_len), (spec.max_len if run < 0 else run) + 1)
            for length in lengths:
                end = vstart + length
                if end > n or (run >= 0 and length > run):
                    break
                value = s[vstart:end]
                if run < 0 and not self.ok(key, value, spec):
                    continue
                if end == n:
                    out.append([(key, value)])
                else:
                    for rest in self.tails(s, end, memo):
                        if all(k != key for k, _ in rest):
                            out.append([(key, value), *rest])
                if len(out) >= MAX_SPLITS_PER_FIELD:
                    break
        memo[pos] = out
        return out

    def field_splits(self, key: str, value: str, spec: AISpec) -> Iterator[list[tuple[str, str]]]:
        memo: dict[int, list[list[tuple[str, str]]]] = {}
        count = 0
        top = min(len(value) - 1, spec.max_len)
        run = simple_run(key, spec, value, 0) if not self.g.own_linter(key) else -1
        if run >= 0:
            top = min(top, run)
        for cut in range(max(1, spec.min_len), top + 1):
            if spec.min_len == spec.max_len and cut != spec.max_len:
                continue
            head = value[:cut]
            if run < 0 and not self.ok(key, head, spec):
                continue
            for tail in self.tails(value, cut, memo):
                yield [(key, head), *tail]
                count += 1
                if count >= MAX_SPLITS_PER_FIELD:
                    return


@dataclass(frozen=True, slots=True)
class Candidate:
    elements: list[Element]
    reading: Reading
    split_keys: frozenset[str]  # keys that were split off

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v, _ in self.elements}


def candidates(
    elements: list[Element], grammar: Grammar, today: dt.date, *, only_fields_containing: str | None = None
) -> list[Candidate]:
    """Every reading of ``elements`` with one or more separator-terminated fields split."""
    taken = frozenset(k for k, _, _ in elements)
    search = _Search(grammar, today, taken)
    options: list[tuple[int, list[list[tuple[str, str]]]]] = []
    for idx, (key, value, _) in enumerate(elements):
        spec = grammar.spec(key)
        if spec is None or not grammar.splittable(spec) or not 2 <= len(value) <= MAX_FIELD:
            continue
        if only_fields_containing is not None and only_fields_containing not in value:
            continue
        splits = list(search.field_splits(key, value, spec))
        if splits:
            options.append((idx, splits))
    if not options:
        return []
    out: list[Candidate] = []
    choices = [[None, *splits] for _, splits in options]
    for combo in itertools.islice(itertools.product(*choices), 1, MAX_COMBINATIONS):
        replaced = {options[i][0]: split for i, split in enumerate(combo) if split is not None}
        new: list[Element] = []
        split_list: list[str] = []
        for idx, el in enumerate(elements):
            if idx in replaced:
                parts = replaced[idx]
                new.extend((k, v, -1) for k, v in parts)
                split_list.extend(k for k, _ in parts[1:])
            else:
                new.append(el)
        split_keys = set(split_list)
        if len(split_keys) != len(split_list):
            continue  # two split-offs produced the same key
        reading = grammar.validate(new, today)
        if any(e.code in (DUPLICATE_AI, UNKNOWN_AI) for e in reading.errors):
            continue
        out.append(Candidate(new, reading, frozenset(split_keys)))
    return out


def _rank(c: Candidate) -> tuple[int, int, int]:
    """Fewest errors first; then fewest split-offs that are not pack-code fields; then most elements."""
    weak = sum(1 for k in c.split_keys if k not in _STRONG_KEYS)
    return (len(c.reading.errors), weak, -len(c.elements))


_STRONG_KEYS = GS1.strong | IFA.strong


def suspicious_nhrn(elements: dict[str, str]) -> bool:
    """A field other than (710) contains "710": the one case a valid strict reading is searched."""
    if "710" not in "\x1d".join(elements.values()):
        return False
    return any("710" in v for k, v in elements.items() if k != "710")


def ends_with_own_code(value: str, gtin: str | None, pzn: str | None) -> bool:
    """Cheap pre-check for :func:`trailing_code` (which also checks the field is variable-length)."""
    if gtin and len(value) > 13 and value.endswith(gtin[1:]):
        return True
    return pzn is not None and len(value) > 8 and value.endswith(pzn)


def lost_separator(elements: list[Element], strict: Reading, grammar: Grammar, today: dt.date) -> ParseError | None:
    """The ``separator_missing`` error for a strict reading, or None (see the module docstring)."""
    if strict.errors:
        if not any(e.code in _FIXABLE for e in strict.errors):
            return None  # errors in fields a split leaves alone (a check digit, a date) stay whatever the split
        cands = [c for c in candidates(elements, grammar, today) if len(c.reading.errors) < len(strict.errors)]
        if not cands:
            return None
        cands.sort(key=_rank)
        best = len(cands[0].reading.errors)
        chosen = [c for c in cands if len(c.reading.errors) == best][:MAX_CANDIDATES]
        listed = [c.as_dict() for c in chosen]
    else:
        if grammar is not GS1 or not suspicious_nhrn(strict.elements):
            return None
        cands = [
            c
            for c in candidates(elements, grammar, today, only_fields_containing="710")
            if not c.reading.errors and "710" in c.split_keys
        ]
        if not cands:
            return None
        cands.sort(key=_rank)
        chosen = cands[:MAX_CANDIDATES]
        listed = [{k: v for k, v, _ in elements}, *(c.as_dict() for c in chosen)]
    fields = sorted({k for c in chosen for k in c.split_keys})
    valid = bool(chosen) and not chosen[0].reading.errors
    return ParseError(
        SEPARATOR_MISSING,
        f"a variable-length field swallowed what looks like further elements ({', '.join(fields)}): "
        f"a GS separator was probably lost; {len(listed)} possible reading(s)",
        None,
        {"candidates": listed, "valid": valid},
    )


def trailing_code(key: str, value: str, strict: Reading, grammar: Grammar, today: dt.date) -> ParseError | None:
    """A second barcode read into the last field (``key``, ``value``): two codes read as one.

    Evidence: the field ends with the pack's own GTIN-14, EAN-13 or PZN; or the field is too long
    and ends with an EAN-8/UPC-A/EAN-13/GTIN-14 with a valid check digit, the rest fitting.
    """
    if len(value) <= 8:
        return None
    spec = grammar.spec(key)
    if spec is None or not grammar.splittable(spec) or spec.min_len == spec.max_len:
        return None  # only a variable-length field can have swallowed a second code
    trailers: list[str] = []
    if strict.gtin:
        trailers.append(strict.gtin)
        if strict.gtin.startswith("0"):
            trailers.append(strict.gtin[1:])
    if strict.pzn:
        trailers.extend(("-" + strict.pzn, strict.pzn))
    if len(value) > spec.max_len:
        for n in (13, 14, 12, 8):
            tail = value[-n:]
            if len(value) - n <= spec.max_len and gs1_check_ok(tail):
                trailers.append(tail)
    for t in trailers:
        if len(value) > len(t) and value.endswith(t):
            cand = dict(strict.elements)
            cand[key] = value[: -len(t)]
            reading = grammar.validate([(k, v, -1) for k, v in cand.items()], today)
            return ParseError(
                SEPARATOR_MISSING,
                f"the last field ends with {t}, a product number: two barcodes read as one",
                gs1.FIELD_NAMES.get(key, ifa.FIELD_NAMES.get(key, key)),
                {"candidates": [cand], "trailing": t, "valid": not reading.errors},
            )
    return None
