#!/usr/bin/env python3
"""Generate ``scanner/ai_table.py`` from the GS1 Barcode Syntax Dictionary.

Usage (from the repository root)::

    .venv/bin/python tools/gen_ai_table.py [../shared/data/gs1/gs1-syntax-dictionary.txt] [-o scanner/ai_table.py]

The dictionary is Apache-2.0 (GS1 AISBL, BWIPP, Zint); the generated file carries its licence notice
and release, and ``scanner/LICENSE-gs1-syntax-dictionary.txt`` keeps the full licence text.
Re-run it when a new dictionary release arrives; ``tests/test_parse_table.py`` checks that the
committed table is what this script produces from the shared dictionary.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "gs1" / "gs1-syntax-dictionary.txt"
DEFAULT_OUTPUT = REPO / "scanner" / "ai_table.py"

FLAG_CHARS = set("*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~")
COMPONENT_RE = re.compile(r"^(\[)?([NXYZ])(\d*)(?:\.\.(\d+))?(\])?((?:,[A-Za-z0-9]+)*)$")


def _parse_component(token: str) -> tuple[str, int, int, bool, tuple[str, ...]]:
    m = COMPONENT_RE.match(token)
    if not m:
        raise ValueError(f"not a component: {token!r}")
    opening, cset, fixed, upto, closing, linters = m.groups()
    if bool(opening) != bool(closing):
        raise ValueError(f"unbalanced optional component: {token!r}")
    if upto is not None:
        lo, hi = (int(fixed) if fixed else 1), int(upto)
    else:
        lo = hi = int(fixed)
    names = tuple(x for x in linters.split(",") if x)
    return cset, lo, hi, bool(opening), names


def parse_dlpkey(value: str) -> tuple[tuple[str, ...], ...]:
    """The qualifier alternatives of a ``dlpkey`` attribute value ("" when the key takes none).

    ``22,10,21|235`` -> ``(("22", "10", "21"), ("235",))``: the path after the key may hold any
    of one alternative's AIs, each at most once, in the listed order (GS1 Digital Link 1.x,
    and the reference Syntax Engine's ``gs1_populateDLkeyQualifiers``).
    """
    if not value:
        return ()
    out = []
    for alt in value.split("|"):
        ais = tuple(alt.split(","))
        if not all(a.isdigit() and 2 <= len(a) <= 4 for a in ais) or len(set(ais)) != len(ais):
            raise ValueError(f"bad dlpkey qualifier list {value!r}")
        out.append(ais)
    return tuple(out)


def parse_dictionary(text: str) -> tuple[str, list[dict[str, object]]]:
    """Return (release, entries); one entry per AI, ranges expanded."""
    release = "unknown"
    entries: list[dict[str, object]] = []
    for line in text.splitlines():
        if line.startswith("#"):
            m = re.match(r"#\s*Release:\s*(\S+)", line)
            if m:
                release = m.group(1)
            continue
        if not line.strip():
            continue
        body, _, title = line.partition("#")
        tokens = body.split()
        ais = tokens.pop(0)
        flags = ""
        if tokens and all(c in FLAG_CHARS for c in tokens[0]) and not COMPONENT_RE.match(tokens[0]):
            flags = tokens.pop(0)
        components = []
        while tokens and COMPONENT_RE.match(tokens[0]):
            components.append(_parse_component(tokens.pop(0)))
        req: list[tuple[tuple[str, ...], ...]] = []
        ex: list[str] = []
        dlpkey = False
        qualifiers: tuple[tuple[str, ...], ...] = ()
        for tok in tokens:
            key, _, value = tok.partition("=")
            if key == "req":
                req.append(tuple(tuple(alt.split("+")) for alt in value.split(",")))
            elif key == "ex":
                ex.extend(value.split(","))
            elif key == "dlpkey":
                if dlpkey:
                    raise ValueError(f"two dlpkey attributes in line {line!r}")
                dlpkey = True
                qualifiers = parse_dlpkey(value)
            else:
                raise ValueError(f"unknown attribute {tok!r} in line {line!r}")
        if not components:
            raise ValueError(f"no specification in line {line!r}")
        lo_ai, _, hi_ai = ais.partition("-")
        hi_ai = hi_ai or lo_ai
        width = len(lo_ai)
        for n in range(int(lo_ai), int(hi_ai) + 1):
            entries.append(
                {
                    "ai": str(n).zfill(width),
                    "predefined": "*" in flags,
                    "dl_attr": "?" in flags,
                    "components": components,
                    "req": tuple(req),
                    "ex": tuple(ex),
                    "dlpkey": dlpkey,
                    "dl_qualifiers": qualifiers,
                    "title": title.strip(),
                }
            )
    return release, entries


def prefix_lengths(entries: list[dict[str, object]]) -> dict[str, int]:
    """AI length by its first two digits. GS1 AIs are prefix-free: the first two digits fix the length."""
    out: dict[str, int] = {}
    for e in entries:
        ai = str(e["ai"])
        prev = out.setdefault(ai[:2], len(ai))
        if prev != len(ai):
            raise ValueError(f"AI prefix {ai[:2]} has AIs of lengths {prev} and {len(ai)}")
    return out


def render(release: str, entries: list[dict[str, object]], licence_header: str) -> str:
    lines = [
        "# GENERATED by tools/gen_ai_table.py from the GS1 Barcode Syntax Dictionary. Do not edit.",
        f"# Dictionary release: {release}",
        "#",
        "# Derived from the GS1 Barcode Syntax Dictionary:",
        licence_header,
        "# Full licence text: scanner/LICENSE-gs1-syntax-dictionary.txt",
        '"""GS1 Application Identifier table (generated; see tools/gen_ai_table.py)."""',
        "",
        "from __future__ import annotations",
        "",
        "from scanner.parsing.spec import AISpec, Component",
        "",
        f"RELEASE = {release!r}",
        "",
        "# AI length (2, 3 or 4 digits) by the AI's first two digits",
        f"AI_LENGTH_BY_PREFIX: dict[str, int] = {prefix_lengths(entries)!r}",
        "",
        "# Digital Link primary keys (the dictionary's dlpkey attribute) -> their qualifier alternatives:",
        "# after /KEY/value the path may hold AIs of one alternative, each at most once, in that order.",
        "DL_KEY_QUALIFIERS: dict[str, tuple[tuple[str, ...], ...]] = {",
        *(f"    {e['ai']!r}: {e['dl_qualifiers']!r}," for e in entries if e["dlpkey"]),
        "}",
        "",
        "AI_TABLE: dict[str, AISpec] = {",
    ]
    for e in entries:
        comps = e["components"]
        assert isinstance(comps, list)
        comp_src = ", ".join(f"Component({c[0]!r}, {c[1]}, {c[2]}, {c[3]}, {c[4]!r})" for c in comps)
        min_len = sum(c[1] for c in comps if not c[3])
        max_len = sum(c[2] for c in comps)
        lines.append(
            f"    {e['ai']!r}: AISpec({e['ai']!r}, {e['predefined']}, {e['dl_attr']}, ({comp_src},), "
            f"{min_len}, {max_len}, {e['req']!r}, {e['ex']!r}, {e['dlpkey']}, {e['title']!r}),"
        )
    lines.append("}")
    lines.append("")
    return "\n".join(lines)


def licence_block(text: str) -> str:
    """The copyright and licence lines of the dictionary's own header, as comments."""
    out = []
    keep = False
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# Copyright"):
            keep = True
        if keep:
            out.append(line.rstrip())
    while out and out[-1].strip() == "#":
        out.pop()
    return "\n".join(out)


def generate(source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    release, entries = parse_dictionary(text)
    return render(release, entries, licence_block(text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args(argv)
    args.output.write_text(generate(args.source), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
