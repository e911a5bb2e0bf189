"""``dispense-app hub-sim``: run the hub simulator in the foreground.

The first line on stdout is exactly ``listening on http://HOST:PORT`` (the real bound port), so a
script can start it with ``--port 0`` and read where it listens.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dispense_app.cli import EXIT_OK, UsageError

SECRET_ENV = "DISPENSE_HUB_SIM_CLIENT_SECRET"  # noqa: S105 - the name of a variable


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "hub-sim",
        help="run the hub simulator (FMD REST + US VRS verify) on this machine",
        description="Run the hub simulator: a real HTTP server with its own SQLite pack repository.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port (default 0: a free port, printed on the first line)")
    p.add_argument("--packs", metavar="FILE.csv", help="packs CSV: gtin,serial,lot,expiry,state[,product_name,...]")
    p.add_argument("--latency-ms", type=float, default=0.0, metavar="MS",
                   help="delay added to every hub request, in milliseconds (default 0)")
    p.add_argument("--db", metavar="FILE", help="SQLite file for the repository (default: in memory)")
    p.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate (chain)")
    p.add_argument("--tls-key", metavar="PEM", help="private key of --tls-cert, if not inside it")
    p.add_argument("--tls-client-ca", metavar="PEM", help="require client certificates signed by this CA")
    p.add_argument(
        "--client-id",
        help=f"require OAuth2 client-credentials tokens for this client id (secret from env {SECRET_ENV})",
    )
    p.add_argument("--token-ttl", type=int, default=3600, help="token lifetime in seconds (default 3600)")
    p.add_argument(
        "--accounts",
        metavar="FILE",
        help='NMVS face: accept only these credentials (JSON list of {"client_login_id", "user_id", "password"})',
    )
    # DESIGN.md: "All commands take --home DIR". The simulator keeps its repository in memory (or in
    # --db), not in a station's data folder, so the option is accepted and not otherwise used.
    p.add_argument("--home", help="accepted like every command's --home; the simulator stores nothing there")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dispense_app.hub.simulator import AuthConfig, SeedError, TlsConfig, serve_forever

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be 0 to 65535 (0: a free port), not {args.port}")
    if args.latency_ms < 0:
        raise UsageError(f"--latency-ms must be 0 or more, not {args.latency_ms:g}")
    if args.packs and Path(args.packs).is_dir():
        raise UsageError(f"--packs {args.packs} is a folder: give the packs CSV file")
    auth = None
    if args.client_id:
        secret = os.environ.get(SECRET_ENV)
        if not secret:
            raise UsageError(f"--client-id needs the client secret in the environment variable {SECRET_ENV}")
        auth = AuthConfig(args.client_id, secret, token_ttl_s=args.token_ttl)
    tls = None
    if args.tls_cert:
        tls = TlsConfig(
            certfile=args.tls_cert,
            keyfile=args.tls_key,
            client_ca=args.tls_client_ca,
            require_client_cert=bool(args.tls_client_ca),
        )
    elif args.tls_key or args.tls_client_ca:
        raise UsageError("--tls-key and --tls-client-ca need --tls-cert")

    accounts = None
    if args.accounts:
        from dispense_app.hub.simulator.nmvs_state import AccountsError, load_accounts

        try:
            accounts = load_accounts(args.accounts)
        except AccountsError as exc:
            raise UsageError(f"--accounts: {exc}") from None

    def announce(url: str) -> None:
        print(f"listening on {url}", flush=True)

    try:
        serve_forever(
            packs=args.packs,
            host=args.host,
            port=args.port,
            db_path=args.db,
            latency_ms=args.latency_ms,
            tls=tls,
            auth=auth,
            accounts=accounts,
            announce=announce,
        )
    except SeedError as exc:
        raise UsageError(f"--packs: {exc}") from None
    except FileNotFoundError as exc:
        raise UsageError(f"file not found: {exc.filename}") from None
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    sys.stdout.flush()
    return EXIT_OK
