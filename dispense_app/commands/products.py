"""``dispense-app products import FILE.csv`` and ``dispense-app products recalls-import FILE.csv``.

Fill the station's product master data cache and its local recall/withdrawal list from CSV files
(all or nothing: one bad row and nothing is imported, exit 2 with the bad lines; a header without
the ``gtin`` column is refused naming the missing column).
"""

from __future__ import annotations

import argparse
import json
import sys

from dispense_app.cli import EXIT_OK, EXIT_USAGE, UsageError, add_common


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "products", help="product master data and the recall list", description="The station's product caches."
    )
    sub = p.add_subparsers(dest="products_command", metavar="ACTION", required=True)
    imp = sub.add_parser(
        "import",
        help="import product master data (CSV: gtin,ppn,pzn,name,strength,form,pack_size,ingredient,nhrn)",
    )
    imp.add_argument(
        "file", metavar="FILE.csv", nargs="?", help="the CSV file (header line first; gtin is required)"
    )
    imp.add_argument(
        "--demo", action="store_true",
        help="load the demo product data and recall list (resources/demo), as training mode does",
    )
    add_common(imp)
    imp.set_defaults(func=run_import, what="products")
    rec = sub.add_parser("recalls-import", help="import the local recall/withdrawal list (CSV: gtin,lot,kind,reason)")
    rec.add_argument("file", metavar="FILE.csv", help="the CSV file (header line first; gtin is required)")
    add_common(rec)
    rec.set_defaults(func=run_import, what="recalls")


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dispense_app.commands._text import plural
    from dispense_app.paths import resolve_home
    from dispense_app.store import ImportFileError, Station

    if getattr(args, "demo", False):
        return _import_demo(args)
    if not args.file:
        raise UsageError("give FILE.csv (or --demo for the demo product data)")
    path = Path(args.file)
    if path.is_dir():
        raise UsageError(f"{args.file} is a folder: give the CSV file")
    if not path.is_file():
        raise UsageError(f"no such file: {args.file}")
    with Station.open(resolve_home(args.home)) as station:
        try:
            cache = station.products if args.what == "products" else station.recalls
            count = cache.import_csv(args.file)
        except ImportFileError as exc:
            if args.json:
                print(json.dumps({"imported": 0, "errors": exc.problems}))
            more = len(exc.problems) - 10
            shown = "; ".join(exc.problems[:10]) + (f" (and {more} more)" if more > 0 else "")
            print(f"dispense-app: {args.file}: nothing imported: {shown}", file=sys.stderr)
            return EXIT_USAGE
    if args.json:
        print(json.dumps({"imported": count, "errors": []}))
    else:
        what = plural(count, "product") if args.what == "products" else plural(count, "recall entry", "recall entries")
        print(f"imported {what}")
    return EXIT_OK


def _import_demo(args: argparse.Namespace) -> int:
    """``products import --demo``: the shipped demo products and recall list, so the demo packs and
    prescriptions give the verdicts of resources/demo/README.md from the shell too."""
    from dispense_app.commands._text import plural
    from dispense_app.paths import demo_data, resolve_home
    from dispense_app.store import Station

    if args.file:
        raise UsageError("give FILE.csv or --demo, not both")
    products, recalls = demo_data("products.csv"), demo_data("recalls.csv")
    if not products.is_file() or not recalls.is_file():
        raise UsageError("the demo data (resources/demo) is missing from this installation")
    with Station.open(resolve_home(args.home)) as station:
        n_products = station.products.import_csv(products, actor="demo")
        n_recalls = station.recalls.import_csv(recalls, actor="demo")
    if args.json:
        print(json.dumps({"imported": n_products, "recalls": n_recalls, "errors": []}))
    else:
        print(f"imported {plural(n_products, 'demo product')} and "
              f"{plural(n_recalls, 'recall entry', 'recall entries')} (resources/demo)")
    return EXIT_OK
