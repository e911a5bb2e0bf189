"""``dispense-app products import FILE.csv`` and ``dispense-app products recalls-import FILE.csv``.

Fill the station's product master data cache and its local recall/withdrawal list from CSV files
(all or nothing: one bad row and nothing is imported, exit 1 with the bad lines).
"""

from __future__ import annotations

import argparse
import json
import sys

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "products", help="product master data and the recall list", description="The station's product caches."
    )
    sub = p.add_subparsers(dest="products_command", metavar="ACTION", required=True)
    imp = sub.add_parser(
        "import",
        help="import product master data (CSV: gtin,ppn,pzn,name,strength,form,pack_size,ingredient,nhrn)",
    )
    imp.add_argument("file", metavar="FILE.csv")
    add_common(imp)
    imp.set_defaults(func=run_import, what="products")
    rec = sub.add_parser("recalls-import", help="import the local recall/withdrawal list (CSV: gtin,lot,kind,reason)")
    rec.add_argument("file", metavar="FILE.csv")
    add_common(rec)
    rec.set_defaults(func=run_import, what="recalls")


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dispense_app.paths import resolve_home
    from dispense_app.store import ImportFileError, Station

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    with Station.open(resolve_home(args.home)) as station:
        try:
            cache = station.products if args.what == "products" else station.recalls
            count = cache.import_csv(path)
        except ImportFileError as exc:
            if args.json:
                print(json.dumps({"imported": 0, "errors": exc.problems}))
            print(f"dispense-app: {exc}", file=sys.stderr)
            return EXIT_NEGATIVE
    if args.json:
        print(json.dumps({"imported": count, "errors": []}))
    else:
        print(f"imported {count} {args.what}")
    return EXIT_OK
