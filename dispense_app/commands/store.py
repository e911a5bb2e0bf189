"""``dispense-app store credentials set|delete --store URL``: the site store's password, in the OS
keyring only (never in a file, the URL or the command line).

``set`` reads the password from env ``DISPENSE_APP_STORE_PASSWORD`` or asks for it on a terminal.
A server that authenticates the counter itself (peer, client certificate) needs none. See docs/site.md.
"""

from __future__ import annotations

import argparse
import os
import sys

from dispense_app.cli import EXIT_OK, UsageError, add_common

ENV_PASSWORD = "DISPENSE_APP_STORE_PASSWORD"  # noqa: S105 (the name of the variable, not a password)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("store", help="the store's settings (site store password)", description=__doc__)
    sub = p.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    creds = sub.add_parser("credentials", help="the site store's password in the OS keyring")
    csub = creds.add_subparsers(dest="credentials_command", metavar="ACTION", required=True)
    s = csub.add_parser("set", help=f"keep the password (env {ENV_PASSWORD}, or asked for)")
    add_common(s, json=False)
    s.set_defaults(func=run_set)
    d = csub.add_parser("delete", help="forget the password")
    add_common(d, json=False)
    d.set_defaults(func=run_delete)


def _site() -> object:
    from dispense_app.store.site_url import resolve

    store = resolve()
    if not store.is_site:
        raise UsageError("name the site store: --store postgresql://user@host:port/dbname")
    return store


def run_set(args: argparse.Namespace) -> int:
    from dispense_app.store.site_url import StoreURL, set_password

    store = _site()
    assert isinstance(store, StoreURL)
    password = os.environ.get(ENV_PASSWORD) or None
    if password is None and sys.stdin.isatty():
        import getpass

        password = getpass.getpass(f"password for {store}: ") or None
    if password is None:
        raise UsageError(f"no password given: set env {ENV_PASSWORD} or run on a terminal to be asked for it")
    set_password(store, password)
    print(f"password for {store} kept in the OS keyring")
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    from dispense_app.store.site_url import StoreURL, delete_password

    store = _site()
    assert isinstance(store, StoreURL)
    gone = delete_password(store)
    print(f"password for {store} {'removed from' if gone else 'was not in'} the OS keyring")
    return EXIT_OK
