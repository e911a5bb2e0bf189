"""``dispense-app labels``: printable DataMatrix labels (PDF).

* ``labels --packs FILE.csv -o OUT.pdf`` prints one label per pack of a packs CSV
  (``gtin,serial,lot,expiry,state`` + optional ``product_name,strength,form,pack_size,pzn``, the
  same file the hub simulator takes): a GS1 DataMatrix with the human-readable lines beside it.
  ``--format ifa`` prints IFA (securPharm, PPN) codes for packs with a PZN instead.
* ``labels --scanner-test -o OUT.pdf`` prints the scanner test sheet that ``dispense-app calibrate
  --stdin`` expects.

Exit status: 0 written, 2 usage or bad input (the message names the row and field).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dispense_app.cli import EXIT_OK, UsageError, add_common

if TYPE_CHECKING:
    from dispense_app.hub.simulator.seed import PackSeed
    from scanner.labels import LabelPack


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "labels",
        help="print DataMatrix labels for packs, or the scanner test sheet (PDF)",
        description="Write printable DataMatrix labels (PDF, A4) for the packs of a packs CSV, "
        "or the scanner test sheet.",
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--packs", metavar="FILE.csv", help="packs CSV (as for hub-sim): one label per pack")
    what.add_argument("--scanner-test", action="store_true", help="the scanner test sheet for `calibrate --stdin`")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="PDF file to write")
    p.add_argument(
        "--format",
        choices=("gs1", "ifa"),
        default="gs1",
        help="gs1 (default): GS1 DataMatrix; ifa: IFA/PPN codes for packs with a PZN (GS1 for the rest)",
    )
    p.add_argument(
        "--module-mm", type=float, default=None, metavar="MM",
        help="size of one DataMatrix module, 0.25 to 2.0 mm (default 0.5; test sheet 0.7)",
    )
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanner.labels import MAX_MODULE_MM, MIN_MODULE_MM, LabelError, render_labels_pdf, render_test_sheet_pdf

    if args.module_mm is not None and not MIN_MODULE_MM <= args.module_mm <= MAX_MODULE_MM:
        raise UsageError(f"--module-mm must be {MIN_MODULE_MM} to {MAX_MODULE_MM} mm, not {args.module_mm:g}")
    out = Path(args.output)
    if out.is_dir():
        raise UsageError(f"{args.output} is a folder: give the PDF file to write (-o OUT.pdf)")
    if out.parent and not out.parent.exists():
        raise UsageError(f"{out.parent}: no such folder")
    try:
        if args.scanner_test:
            try:
                from scanner.calibration import test_sheet_codes
            except ImportError:
                raise UsageError(
                    "the scanner test sheet is not available in this build (scanner.calibration.test_sheet_codes)"
                ) from None
            sheet = test_sheet_codes()
            codes = render_test_sheet_pdf(sheet, out, module_mm=0.7 if args.module_mm is None else args.module_mm)
            names = [name for name, _, _ in sheet]
        else:
            packs = [_label_pack(seed) for seed in _load_packs(args.packs)]
            codes = render_labels_pdf(
                packs, out, fmt=args.format, module_mm=0.5 if args.module_mm is None else args.module_mm
            )
            names = [f"{p.gtin}/{p.serial}" for p in packs]
    except LabelError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    if args.json:
        print(
            json.dumps(
                {
                    "file": str(out),
                    "labels": len(codes),
                    "codes": [
                        {"name": n, "text": c.payload.decode("latin-1"), "symbology": c.symbology, "gs1": c.gs1}
                        for n, c in zip(names, codes, strict=True)
                    ],
                }
            )
        )
    else:
        print(f"wrote {args.output} ({len(codes)} code{'' if len(codes) == 1 else 's'})")
    return EXIT_OK


def _load_packs(path: str) -> list[PackSeed]:
    """The packs CSV, read and validated exactly as the hub simulator reads it."""
    from dispense_app.hub.simulator.seed import SeedError, load_packs_csv
    from scanner.parsing.checks import gs1_check_ok

    if Path(path).is_dir():
        raise UsageError(f"{path} is a folder: give the packs CSV file")
    try:
        with _quiet_seed_warnings():  # a wrong check digit is refused below, not "seeded anyway"
            packs = list(load_packs_csv(path))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (SeedError, UnicodeDecodeError) as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    # The simulator seeds made-up GTINs with a warning; a printed label must carry a code that our own
    # parser (and every hub) accepts, so a wrong check digit is refused here.
    for line, pack in enumerate(packs, start=2):
        if not gs1_check_ok(pack.gtin):
            raise UsageError(f"{path} line {line}: gtin {pack.gtin} has a wrong check digit")
    return packs


@contextlib.contextmanager
def _quiet_seed_warnings() -> Iterator[None]:
    """The simulator's seed loader warns about GTINs it seeds anyway; labels refuse them instead."""
    log = logging.getLogger("dispense_app.hub.simulator.seed")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _label_pack(seed: PackSeed) -> LabelPack:
    from scanner.labels import LabelPack

    return LabelPack(
        gtin=seed.gtin,
        serial=seed.serial,
        lot=seed.lot,
        expiry=seed.expiry,
        product_name=seed.product_name,
        strength=seed.strength,
        form=seed.form,
        pack_size=seed.pack_size,
        pzn=seed.pzn,
    )
