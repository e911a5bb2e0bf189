"""``dispense-app hub ...``: the station's hub configuration and its credentials.

- ``hub configure --url URL [--type fmd-rest|vrs|securpharm] [--location-id ID] [--client-id ID] [--ca-bundle PEM]
  [--client-cert PEM] [--client-key PEM] [--gln GLN] [--auth-url URL] [--password-validity-days N]
  [--option KEY=VALUE ...]``: writes ``hub.json`` (no secrets) in the home folder.
- ``hub show``: prints the configuration and how its credentials stand (certificate expiry, password
  age, terms), with a warning 30/14/7/1 days ahead.
- ``hub check [--hub URL] [--hub-type T]``: connectivity, login, certificate, password, terms, one line each
  (exit 1 when one failed or expired).
- ``hub credentials set [--hub URL] [--client-id ID] [--cert-passphrase] [--stdin]``: stores the
  client secret (or, with ``--cert-passphrase``, the client certificate's passphrase) in the OS
  keyring. Read without echo from the terminal, or one line from stdin with ``--stdin``.
- ``hub credentials show|delete``.

Exit 2 when no usable keyring backend exists: secrets are never written in plain text.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dispense_app.cli import EXIT_OK, UsageError, add_common
from dispense_app.hub.config import DEFAULT_PASSWORD_VALIDITY_DAYS, HUB_TYPES

HUB_TYPE_CHOICES: tuple[str, ...] = HUB_TYPES


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("hub", help="the station's hub: configuration and credentials")
    sub = p.add_subparsers(dest="hub_command", metavar="SUBCOMMAND")

    conf = sub.add_parser("configure", help="set the hub this station talks to (hub.json, no secrets)")
    add_common(conf, json=True)
    conf.add_argument("--url", required=True, help="hub base URL (https://..., http:// only on loopback)")
    conf.add_argument("--type", choices=HUB_TYPE_CHOICES, default="fmd-rest")
    conf.add_argument("--location-id", help="this premises' location id (sent with every request)")
    conf.add_argument(
        "--client-id", help="OAuth2 client id (its secret goes in the keyring); securpharm: the application id (sid)"
    )
    conf.add_argument("--auth-url", help="securpharm: the token server's base URL, if not --url")
    conf.add_argument(
        "--password-validity-days",
        type=int,
        default=DEFAULT_PASSWORD_VALIDITY_DAYS,
        help="how long the national system keeps a password (or client secret) valid (default 90)",
    )
    conf.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a protocol choice the public sources leave open (securpharm: realm, alphabet, padding, act.supply, ...;"
        " docs/hub-protocol.md)",
    )
    conf.add_argument("--ca-bundle", help="PEM file of CAs to trust for this hub")
    conf.add_argument("--client-cert", help="PEM client certificate (mutual TLS)")
    conf.add_argument("--client-key", help="PEM private key of --client-cert, if separate")
    conf.add_argument("--gln", help="VRS: the requesting party's GLN")
    conf.add_argument("--connect-timeout", type=float, default=2.0)
    conf.add_argument("--read-timeout", type=float, default=5.0)
    conf.add_argument(
        "--deadline",
        type=float,
        default=6.0,
        help="the longest one hub call may take, retries included, in seconds (default 6)",
    )
    conf.set_defaults(func=run_configure)

    show = sub.add_parser("show", help="print the hub configuration and how its credentials stand")
    add_common(show, json=True)
    show.set_defaults(func=run_show)

    check = sub.add_parser(
        "check", help="test connectivity, login, certificate, password age and terms (one line each)"
    )
    add_common(check, hub=True, json=True)
    check.set_defaults(func=run_check)

    cred = sub.add_parser("credentials", help="hub secrets in the OS keyring")
    csub = cred.add_subparsers(dest="cred_command", metavar="ACTION")
    for name, func, help_text in (
        ("set", run_cred_set, "store the client secret (or --cert-passphrase) in the keyring"),
        ("show", run_cred_show, "say which secrets are set (never prints them)"),
        ("delete", run_cred_delete, "remove the secrets from the keyring"),
    ):
        c = csub.add_parser(name, help=help_text)
        add_common(c, hub=True, json=True)
        c.add_argument("--client-id", help="OAuth2 client id (default: the configured one)")
        if name == "set":
            c.add_argument("--cert-passphrase", action="store_true", help="set the client certificate's passphrase")
            c.add_argument("--stdin", action="store_true", help="read the secret as one line from stdin")
        c.set_defaults(func=func)
    cred.set_defaults(func=_needs_action(cred))
    p.set_defaults(func=_needs_action(p))


def _needs_action(parser: argparse.ArgumentParser) -> Any:
    def run(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        raise UsageError("choose a subcommand")

    return run


def _print(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    print(json.dumps(data) if getattr(args, "json", False) else text, flush=True)


def run_configure(args: argparse.Namespace) -> int:
    from dispense_app.hub.config import HubConfig, save_hub_config
    from dispense_app.hub.transport import is_loopback_url
    from dispense_app.paths import resolve_home

    if args.url.startswith("http://") and not is_loopback_url(args.url):
        raise UsageError("a hub must be reached over https:// (plain http only on loopback)")
    try:
        config = HubConfig(
            url=args.url.rstrip("/"),
            type=args.type,
            location_id=args.location_id,
            client_id=args.client_id,
            ca_bundle=args.ca_bundle,
            client_cert=args.client_cert,
            client_key=args.client_key,
            requester_gln=args.gln,
            connect_timeout=args.connect_timeout,
            read_timeout=args.read_timeout,
            deadline_s=args.deadline,
            auth_url=args.auth_url.rstrip("/") if args.auth_url else None,
            password_validity_days=args.password_validity_days,
            choices=_options(args.type, args.option) or None,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = save_hub_config(resolve_home(args.home), config)
    _print(args, {"ok": True, "path": str(path), "hub": config.to_json()}, f"hub configuration written to {path}")
    return EXIT_OK


def _options(hub_type: str, pairs: list[str]) -> dict[str, str]:
    """``--option KEY=VALUE`` pairs, checked against the adapter's table of choices."""
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--option needs KEY=VALUE, not {pair!r}")
        options[key.strip()] = value.strip()
    if options and hub_type == "securpharm":
        from dispense_app.hub.securpharm_choices import SecurPharmChoices

        SecurPharmChoices.from_options(options)
    elif options:
        raise ValueError(f"the {hub_type} adapter takes no --option")
    return options


def _target(args: argparse.Namespace) -> tuple[str, str | None]:
    from dispense_app.hub.config import load_hub_config
    from dispense_app.paths import resolve_home

    config = load_hub_config(resolve_home(args.home))
    url = getattr(args, "hub", None) or (config.url if config else None)
    if not url:
        raise UsageError("no hub: pass --hub URL or run `dispense-app hub configure` first")
    client_id = getattr(args, "client_id", None) or (config.client_id if config and config.url == url else None)
    return url.rstrip("/"), client_id


def _status(url: str, client_id: str | None) -> dict[str, Any]:
    from dispense_app.hub import credentials

    backend = credentials.usable_backend()
    return {
        "hub": url,
        "client_id": client_id,
        "backend": f"{type(backend).__module__}.{type(backend).__name__}",
        "client_secret": "set" if credentials.get_secret("client-secret", url, client_id) else "missing",
        "cert_passphrase": "set" if credentials.get_secret("cert-passphrase", url, client_id) else "missing",
    }


def _keyring_guard(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        from dispense_app.hub.credentials import KeyringUnavailable

        try:
            return int(func(args))
        except KeyringUnavailable as exc:
            raise UsageError(str(exc)) from None

    return run


@_keyring_guard
def run_show(args: argparse.Namespace) -> int:
    from dispense_app.hub.config import load_hub_config
    from dispense_app.paths import resolve_home

    config = load_hub_config(resolve_home(args.home))
    if config is None:
        raise UsageError("no hub configured: run `dispense-app hub configure --url URL`")
    from dispense_app.hub.lifecycle import lifecycle, notice

    findings = lifecycle(config)
    warning = notice(findings)
    data: dict[str, Any] = {
        "hub": config.to_json(),
        "credentials": [f.to_json() for f in findings],
        "warning": warning[1] if warning else None,
    }
    lines = [f"{k}: {v}" for k, v in config.to_json().items() if v not in (None, {})]
    lines += [f.line() for f in findings]
    if warning:
        lines.append(f"WARNING: {warning[1]}")
    _print(args, data, "\n".join(lines))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """Exit 0: every line ok (or only warnings); 1: something failed or expired."""
    from dataclasses import replace

    from dispense_app.cli import EXIT_NEGATIVE
    from dispense_app.hub.check import run_check as check
    from dispense_app.hub.config import HubConfig, load_hub_config
    from dispense_app.hub.factory import make_client
    from dispense_app.paths import resolve_home

    home = resolve_home(args.home)
    try:
        config = load_hub_config(home)
        if args.hub or args.hub_type:  # the configured settings with this URL / type (as make_hub_client does)
            url = args.hub.rstrip("/") if args.hub else (config.url if config else None)
            if url and config is not None:
                config = replace(config, url=url, type=args.hub_type or config.type)
            elif url:
                config = HubConfig(url=url, type=args.hub_type or "fmd-rest")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if config is None:
        raise UsageError("no hub: pass --hub URL or run `dispense-app hub configure` first")
    findings = check(config, make=make_client)
    failed = any(f.failed for f in findings)
    data = {"ok": not failed, "hub": config.url, "type": config.type, "checks": [f.to_json() for f in findings]}
    _print(args, data, "\n".join([f"hub {config.url} ({config.type})", *(f.line() for f in findings)]))
    return EXIT_NEGATIVE if failed else EXIT_OK


@_keyring_guard
def run_cred_set(args: argparse.Namespace) -> int:
    from dispense_app.hub import credentials

    url, client_id = _target(args)
    kind: credentials.SecretKind = "cert-passphrase" if args.cert_passphrase else "client-secret"
    if kind == "client-secret" and not client_id:
        raise UsageError("a client secret belongs to a client id: pass --client-id or configure one")
    credentials.usable_backend()  # fail before asking for the secret
    label = "certificate passphrase" if kind == "cert-passphrase" else f"client secret for {client_id}"
    if args.stdin:
        line = sys.stdin.readline()
        secret = line.rstrip("\r\n")
    else:
        import getpass

        if not sys.stdin.isatty():
            raise UsageError("no terminal to read the secret without echo: use --stdin")
        secret = getpass.getpass(f"{label} at {url}: ")
    if not secret:
        raise UsageError("empty secret: nothing stored")
    credentials.set_secret(kind, url, client_id, secret)
    del secret
    if kind == "client-secret":
        from dispense_app.hub.lifecycle import note_secret_changed
        from dispense_app.paths import resolve_home

        note_secret_changed(resolve_home(args.home), url, client_id)  # its age is watched (hub show / check)
    _print(args, {"ok": True, "stored": kind, "hub": url, "client_id": client_id}, f"{label} stored in the keyring")
    return EXIT_OK


@_keyring_guard
def run_cred_show(args: argparse.Namespace) -> int:
    url, client_id = _target(args)
    status = _status(url, client_id)
    _print(args, status, "\n".join(f"{k}: {v}" for k, v in status.items()))
    return EXIT_OK


@_keyring_guard
def run_cred_delete(args: argparse.Namespace) -> int:
    from dispense_app.hub import credentials

    url, client_id = _target(args)
    removed = [k for k in credentials.KINDS if credentials.delete_secret(k, url, client_id)]
    _print(args, {"ok": True, "removed": removed}, f"removed: {', '.join(removed) or 'nothing'}")
    return EXIT_OK
