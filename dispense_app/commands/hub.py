"""``dispense-app hub ...``: the station's hub configuration and its credentials.

- ``hub configure --url URL [--type fmd-rest|vrs|securpharm] [--location-id ID] [--client-id ID] [--ca-bundle PEM]
  [--client-cert PEM] [--client-key PEM] [--gln GLN] [--auth-url URL] [--password-validity-days N]
  [--option KEY=VALUE ...] [--atp-header H] [--contact-email E]
  [--contact-phone T] [--check-gtin G]``: writes ``hub.json`` (no secrets) in the home folder.
- ``hub show``: prints the configuration and how its credentials stand (certificate expiry, password
  age, terms), with a warning 30/14/7/1 days ahead.
- ``hub check [--hub URL] [--hub-type T]``: connectivity, login, certificate, password, terms, one line each
  (exit 1 when one failed or expired).
- ``hub credentials set [--hub URL] [--client-id ID] [--cert-passphrase | --atp-credential] [--stdin]``:
  stores the client secret (or, with ``--cert-passphrase``, the client certificate's passphrase; with
  ``--atp-credential``, the US VRS's DSCSA ATP credential, a JWT) in the OS keyring. Read without
  echo from the terminal, or one line from stdin with ``--stdin``.
- ``hub credentials show|delete``.
- ``hub password [--stdin]`` (nmvs-soap): change the NMVS password at the national system (G445),
  then in the keyring; ``hub terms [--accept VERSION --operator LOGIN]`` (nmvs-soap): show the
  national system's terms and conditions (G482), or record that a pharmacist accepted them (G483).

Exit 2 when no usable keyring backend exists: secrets are never written in plain text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dispense_app.cli import EXIT_OK, UsageError, add_common
from dispense_app.hub.config import DEFAULT_PASSWORD_VALIDITY_DAYS, HUB_TYPES

HUB_TYPE_CHOICES: tuple[str, ...] = HUB_TYPES


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "hub", help="the station's hub: configuration and credentials",
        description="The hub this station talks to (hub.json in the data folder, no secrets) and its secrets "
        "in the OS keyring.",
    )
    sub = p.add_subparsers(dest="hub_command", metavar="SUBCOMMAND")

    conf = sub.add_parser("configure", help="set the hub this station talks to (hub.json, no secrets)")
    add_common(conf, json=True)
    conf.add_argument("--url", required=True, help="hub base URL (https://..., http:// only on loopback)")
    conf.add_argument("--type", choices=HUB_TYPE_CHOICES, default="fmd-rest",
                      help="kind of hub: " + ", ".join(HUB_TYPE_CHOICES) + " (default fmd-rest)")
    conf.add_argument("--location-id", help="this premises' location id (sent with every request)")
    conf.add_argument(
        "--client-id", help="OAuth2 client id (its secret goes in the keyring); securpharm: the application id (sid)"
    )
    conf.add_argument("--auth-url", help="securpharm: the token server's base URL, if not --url")
    conf.add_argument(
        "--password-validity-days",
        type=int,
        default=DEFAULT_PASSWORD_VALIDITY_DAYS,
        help="how long the national system keeps a password (or client secret) valid (default 90; NMVS UK 365)",
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
    conf.add_argument("--user-id", help="NMVS: the UserId (with --client-id as the ClientLoginId)")
    conf.add_argument("--nmvs-version", choices=("v5", "v4"), help="NMVS: interface version (default v5)")
    conf.add_argument("--language", default="eng", help="NMVS: ISO 639-3 language of messages (default eng)")
    conf.add_argument("--atp-header", help="VRS: the HTTP header carrying the ATP credential (default X-DSCSA-ATP-VP)")
    conf.add_argument("--contact-email", help="VRS: the requestor's contact e-mail (LMS 1.3 `email`)")
    conf.add_argument("--contact-phone", help="VRS: the requestor's contact telephone (LMS 1.3 `telephone`)")
    conf.add_argument("--check-gtin", help="VRS: the GTIN the connectivity check asks about")
    conf.add_argument("--connect-timeout", type=float, default=2.0, metavar="SECONDS",
                      help="how long to wait for the hub to accept a connection (default 2)")
    conf.add_argument("--read-timeout", type=float, default=5.0, metavar="SECONDS",
                      help="how long to wait for the hub's answer to one request (default 5)")
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
            c.add_argument(
                "--atp-credential", action="store_true", help="VRS: set the DSCSA ATP credential (a JWT presentation)"
            )
            c.add_argument("--stdin", action="store_true", help="read the secret as one line from stdin")
        c.set_defaults(func=func)
    cred.set_defaults(func=_needs_action(cred))

    pw = sub.add_parser("password", help="NMVS: change the password at the national system (G445)")
    add_common(pw, json=True)
    pw.add_argument("--stdin", action="store_true", help="read the new password as one line from stdin")
    pw.set_defaults(func=run_password)

    terms = sub.add_parser("terms", help="NMVS: show the terms and conditions, or record their acceptance")
    add_common(terms, json=True)
    terms.add_argument("--accept", metavar="VERSION", help="a pharmacist accepts this version (G483)")
    terms.add_argument("--operator", help="the pharmacist accepting them (PIN in DISPENSE_APP_PIN)")
    terms.set_defaults(func=run_terms)
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
    home = resolve_home(args.home)
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
            atp_header=args.atp_header,
            contact_email=args.contact_email,
            contact_phone=args.contact_phone,
            check_gtin=args.check_gtin,
            connect_timeout=args.connect_timeout,
            read_timeout=args.read_timeout,
            deadline_s=args.deadline,
            user_id=args.user_id,
            language=args.language,
            auth_url=args.auth_url.rstrip("/") if args.auth_url else None,
            password_validity_days=args.password_validity_days,
            choices={**({"schema_version": args.nmvs_version} if args.nmvs_version else {}),
                     **_options(args.type, args.option)} or None,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    for option, name in (("--ca-bundle", config.ca_bundle), ("--client-cert", config.client_cert),
                         ("--client-key", config.client_key)):
        if name is not None and not Path(name).is_file():
            raise UsageError(f"{option} {name}: no such file; nothing was written")
    config = _keep_lifecycle(home, config)
    path = save_hub_config(home, config)
    from ._gate import audit_change

    audit_change(args, "hub-configure", {"hub": config.to_json()})
    _print(args, {"ok": True, "path": str(path), "hub": config.to_json()}, f"hub configuration written to {path}")
    return EXIT_OK


def _keep_lifecycle(home: Any, config: Any) -> Any:
    """Reconfiguring the same account keeps when its password was set and which terms were accepted."""
    from dataclasses import replace

    from dispense_app.hub.config import load_hub_config

    try:
        old = load_hub_config(home)
    except (ValueError, TypeError, OSError):
        return config
    if old is None or (old.url, old.client_id, old.user_id) != (config.url, config.client_id, config.user_id):
        return config
    return replace(
        config,
        password_changed_on=old.password_changed_on,
        terms_accepted_version=old.terms_accepted_version,
        terms_accepted_at=old.terms_accepted_at,
        terms_accepted_by=old.terms_accepted_by,
        terms_pending_version=old.terms_pending_version,
        terms_pending_start=old.terms_pending_start,
    )


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

    config = load_hub_config(resolve_home(args.home, create=False))
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
        "atp_credential": "set" if credentials.get_secret("atp-credential", url, client_id) else "missing",
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

    config = load_hub_config(resolve_home(args.home, create=False))
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
    if config.type == "nmvs-soap":
        from dispense_app.station.nmvs_account import lifecycle as nmvs_lifecycle

        data["nmvs"] = nmvs_lifecycle(config)
        lines += [f"{k}: {v}" for k, v in data["nmvs"].items() if v is not None]
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
    if not args.cert_passphrase and _nmvs_home(args) is not None:
        return _set_nmvs_password(args)
    kind: credentials.SecretKind = "cert-passphrase" if args.cert_passphrase else "client-secret"
    if getattr(args, "atp_credential", False):
        kind = "atp-credential"
    if kind == "client-secret" and not client_id:
        raise UsageError("a client secret belongs to a client id: pass --client-id or configure one")
    credentials.usable_backend()  # fail before asking for the secret
    label = {"cert-passphrase": "certificate passphrase", "atp-credential": "ATP credential (JWT)"}.get(
        kind, f"client secret for {client_id}"
    )
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
    if kind == "atp-credential":
        from dispense_app.hub import atp

        try:
            secret = atp.check(secret)
        except atp.NotAJwt as exc:
            raise UsageError(f"not stored: {exc}") from None
    credentials.set_secret(kind, url, client_id, secret)
    del secret
    from ._gate import audit_change

    audit_change(args, "hub-credentials", {"stored": kind, "hub": url, "client_id": client_id})
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
    home = _nmvs_home(args)
    if home is not None:
        from dispense_app.hub import credentials
        from dispense_app.hub.factory import password_account
        from dispense_app.station.nmvs_account import nmvs_config

        config = nmvs_config(home)
        account = password_account(config)
        status["password"] = "set" if credentials.get_secret("password", config.url, account) else "missing"
        status["password_changed_on"] = config.password_changed_on
    _print(args, status, "\n".join(f"{k}: {v}" for k, v in status.items()))
    return EXIT_OK


@_keyring_guard
def run_cred_delete(args: argparse.Namespace) -> int:
    from dispense_app.hub import credentials

    url, client_id = _target(args)
    removed = [k for k in credentials.KINDS if credentials.delete_secret(k, url, client_id)]
    home = _nmvs_home(args)
    if home is not None:  # the NMVS password is kept per user: ClientLoginId/UserId
        from dispense_app.hub.factory import password_account
        from dispense_app.station.nmvs_account import nmvs_config

        if credentials.delete_secret("password", url, password_account(nmvs_config(home))):
            removed.append("password")
    from ._gate import audit_change

    audit_change(args, "hub-credentials", {"removed": removed, "hub": url, "client_id": client_id})
    _print(args, {"ok": True, "removed": removed}, f"removed: {', '.join(removed) or 'nothing'}")
    return EXIT_OK


def _read_secret(args: argparse.Namespace, prompt: str, *, confirm: bool = False) -> str:
    if args.stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    if not sys.stdin.isatty():
        raise UsageError("no terminal to read the password without echo: use --stdin")
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass("again: ") != secret:
        raise UsageError("the two entries differ: nothing changed")
    return secret


def _nmvs_home(args: argparse.Namespace) -> Any:
    """The home folder when its configured hub is an NMVS (and --hub does not point elsewhere)."""
    from dispense_app.hub.config import load_hub_config
    from dispense_app.paths import resolve_home

    home = resolve_home(args.home)
    try:
        config = load_hub_config(home)
    except (ValueError, TypeError, OSError):
        return None
    if config is None or config.type != "nmvs-soap":
        return None
    hub = getattr(args, "hub", None)
    return home if not hub or hub.rstrip("/") == config.url else None


def _set_nmvs_password(args: argparse.Namespace) -> int:
    from dispense_app.errors import ConfigurationError
    from dispense_app.hub import credentials
    from dispense_app.station.nmvs_account import nmvs_config, store_password

    home = _nmvs_home(args)
    config = nmvs_config(home)
    credentials.usable_backend()  # fail before asking for the password
    secret = _read_secret(args, f"NMVS password of {config.user_id} at {config.url}: ")
    if not secret:
        raise UsageError("empty password: nothing stored")
    try:
        updated = store_password(home, secret)
    except ConfigurationError as exc:
        raise UsageError(str(exc)) from None
    del secret
    from ._gate import audit_change

    audit_change(args, "hub-credentials", {"stored": "password", "hub": config.url, "user_id": config.user_id})
    data = {
        "ok": True,
        "stored": "password",
        "hub": config.url,
        "user_id": config.user_id,
        "password_changed_on": updated.password_changed_on,
    }
    _print(args, data, f"NMVS password of {config.user_id} stored in the keyring")
    return EXIT_OK


@_keyring_guard
def run_password(args: argparse.Namespace) -> int:
    from dispense_app.errors import ConfigurationError
    from dispense_app.paths import resolve_home
    from dispense_app.station.nmvs_account import change_password, nmvs_config

    home = resolve_home(args.home)
    try:
        config = nmvs_config(home)
        new = _read_secret(args, f"new NMVS password of {config.user_id}: ", confirm=True)
        if not new:
            raise UsageError("empty password: nothing changed")
        updated = change_password(home, new)
    except ConfigurationError as exc:
        raise UsageError(str(exc)) from None
    from ._gate import audit_change

    audit_change(args, "hub-password", {"user_id": updated.user_id, "changed_on": updated.password_changed_on})
    data = {"ok": True, "user_id": updated.user_id, "password_changed_on": updated.password_changed_on}
    _print(args, data, f"NMVS password of {updated.user_id} changed at the national system and in the keyring")
    return EXIT_OK


@_keyring_guard
def run_terms(args: argparse.Namespace) -> int:
    from dispense_app.errors import ConfigurationError
    from dispense_app.paths import resolve_home
    from dispense_app.station.nmvs_account import accept_terms, load_terms, nmvs_config

    home = resolve_home(args.home)
    try:
        config = nmvs_config(home)
        if args.accept:
            operator = _pharmacist(home, args.operator)
            updated = accept_terms(home, args.accept, operator=operator)
            accepted: dict[str, Any] = {
                "ok": True,
                "accepted": updated.terms_accepted_version,
                "at": updated.terms_accepted_at,
                "by": updated.terms_accepted_by,
            }
            _print(args, accepted, f"terms version {args.accept} accepted at the national system and recorded")
            return EXIT_OK
        terms = load_terms(home)
    except ConfigurationError as exc:
        raise UsageError(str(exc)) from None
    except Exception as exc:  # hub errors: offline, refused
        from dispense_app.core.model import HubRequestError, HubUnavailable

        if isinstance(exc, HubUnavailable | HubRequestError):
            raise UsageError(f"the national system could not be asked: {exc}") from None
        raise
    if terms is None:
        _print(args, {"terms": None}, "the national system has no terms and conditions to accept")
        return EXIT_OK
    data: dict[str, Any] = {
        "version": terms.version,
        "text": terms.text,
        "accepted_by_user": terms.accepted_by_user,
        "recorded": {
            "version": config.terms_accepted_version,
            "at": config.terms_accepted_at,
            "by": config.terms_accepted_by,
        },
    }
    state = "accepted" if terms.accepted_by_user else "NOT accepted"
    _print(args, data, f"terms version {terms.version} ({state}):\n{terms.text}")
    return EXIT_OK


def _pharmacist(home: Any, login: str | None) -> str | None:
    """Accepting terms binds the pharmacy: the operator must be allowed to change settings."""
    import os

    from dispense_app.core.operators import Action
    from dispense_app.store import Station

    from ._packs import signed_in

    station = Station.open(home)
    try:
        return signed_in(station, login or os.environ.get("DISPENSE_APP_OPERATOR"), Action.SETTINGS)
    finally:
        station.close()
