"""What the settings view reads and writes: plain Python, no Qt, run on worker threads.

- The hub (type, URL, location id, client id) goes to ``hub.json`` in the home folder through
  :mod:`dispense_app.hub.config`; its client secret goes to the OS keyring through
  :mod:`dispense_app.hub.credentials`, never to a file. The secret is stored first: when no keyring
  can take it, nothing is written and the error says why.
  The client certificate's passphrase goes to the keyring the same way.
- The window's own preferences (language, sounds) and the scanner's (wedge timing and suffix, serial
  port and baud rate, camera index) go to ``ui.json`` beside it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scanner.serial_reader import SerialSettings
    from scanner.wedge import WedgeConfig

UI_FILE = "ui.json"
LANGUAGES = ("en", "de")
WEDGE_SUFFIXES = ("enter", "tab", "none")
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
_WEDGE_TO_SERIAL_SUFFIX = {"enter": "cr", "tab": "tab", "none": "none"}


@dataclass(frozen=True, slots=True)
class UiPreferences:
    """The window's and the scanners' preferences (``ui.json``). Scanner values take effect at the
    next start of the window."""

    language: str | None = None  # None: the system's
    sounds: bool = True
    wedge_gap_ms: float = 30.0  # longest gap between two keystrokes of one scan
    wedge_min_chars: int = 4  # how many fast characters make a scan
    wedge_suffix: str = "enter"  # what the scanner sends after the data: enter, tab, none
    serial_port: str = ""  # empty: no serial scanner
    serial_baud: int = 9600
    camera_index: int = 0

    def check(self) -> None:
        """Raise ValueError for a value the scanners cannot use."""
        if self.language is not None and self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
        if not 1 <= self.wedge_gap_ms <= 500:
            raise ValueError("the wedge gap must be 1 to 500 ms")
        if not 2 <= self.wedge_min_chars <= 64:
            raise ValueError("a wedge scan needs 2 to 64 characters")
        if self.wedge_suffix not in WEDGE_SUFFIXES:
            raise ValueError(f"the wedge suffix must be one of {', '.join(WEDGE_SUFFIXES)}")
        if self.serial_baud not in BAUD_RATES:
            raise ValueError(f"the baud rate must be one of {', '.join(map(str, BAUD_RATES))}")
        if len(self.serial_port) > 200 or any(ch in self.serial_port for ch in "\0\n\r"):
            raise ValueError("the serial port name is not valid")
        if not 0 <= self.camera_index <= 16:
            raise ValueError("the camera index must be 0 to 16")

    def wedge_config(self) -> WedgeConfig:
        from scanner.wedge import WedgeConfig

        suffix = self.wedge_suffix if self.wedge_suffix in WEDGE_SUFFIXES else "enter"
        return WedgeConfig(max_gap_ms=self.wedge_gap_ms, min_burst=self.wedge_min_chars,
                           suffix=suffix)  # type: ignore[arg-type]

    def serial_settings(self) -> SerialSettings | None:
        """The serial scanner to read, or None when no port is set."""
        port = self.serial_port.strip()
        if not port:
            return None
        from scanner.serial_reader import SerialSettings

        return SerialSettings(port=port, baudrate=self.serial_baud,
                              suffix=_WEDGE_TO_SERIAL_SUFFIX.get(self.wedge_suffix, "cr"))


@dataclass(frozen=True, slots=True)
class HubForm:
    """The hub part of the settings as the view shows it (never the secret itself)."""

    url: str = ""
    type: str = "fmd-rest"
    location_id: str = ""
    client_id: str = ""
    ca_bundle: str = ""  # PEM file of CAs to trust instead of the system store
    client_cert: str = ""  # PEM client certificate (may hold the key too)
    has_secret: bool = False
    has_passphrase: bool = False
    keyring_problem: str | None = None  # why secrets cannot be stored here, if they cannot
    # nmvs-soap: the client id is the ClientLoginId, the secret is the user's password
    user_id: str = ""
    password_changed_on: str | None = None
    password_expires_on: str | None = None
    terms_accepted_version: str | None = None
    auth_url: str = ""  # securpharm: the token server's base URL, if not the URL
    credentials: tuple[str, ...] = ()  # how certificate, password and terms stand (hub.lifecycle lines)
    credential_findings: tuple[Any, ...] = ()  # the same as hub.lifecycle.Finding (worded by the window)
    requester_gln: str = ""  # US VRS: the pharmacy's GLN (reqGLN)
    has_atp: bool = False  # US VRS: an ATP credential is in the keyring


def load_ui_preferences(home: Path) -> UiPreferences:
    """The saved preferences (defaults when there are none or the file is unreadable)."""
    try:
        data = json.loads((home / UI_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UiPreferences()
    if not isinstance(data, dict):
        return UiPreferences()
    language = data.get("language")
    values: dict[str, Any] = {}
    for name, kind in (("wedge_gap_ms", float), ("wedge_min_chars", int), ("wedge_suffix", str),
                       ("serial_port", str), ("serial_baud", int), ("camera_index", int)):
        value = data.get(name)
        if isinstance(value, bool):
            continue
        if isinstance(value, kind) or (kind is float and isinstance(value, int)):
            values[name] = kind(value)
    prefs = UiPreferences(
        language=language if language in LANGUAGES else None,
        sounds=bool(data.get("sounds", True)),
        **values,
    )
    try:
        prefs.check()
    except ValueError:  # a hand-edited file: keep language and sounds, scanner defaults
        return UiPreferences(language=prefs.language, sounds=prefs.sounds)
    return prefs


class StationSettings:
    """Settings of the station in ``home``."""

    def __init__(self, home: Path) -> None:
        self.home = home

    def load_hub(self) -> HubForm:
        from dispense_app.hub.config import load_hub_config
        from dispense_app.hub.credentials import KeyringUnavailable, get_secret, usable_backend

        problem = None
        try:
            usable_backend()
        except KeyringUnavailable as exc:  # said before anyone types a secret
            problem = str(exc)
        try:
            config = load_hub_config(self.home)
        except (ValueError, TypeError) as exc:
            return HubForm(keyring_problem=f"hub.json cannot be read: {exc}")
        if config is None:
            return HubForm(keyring_problem=problem)
        has_secret = has_passphrase = has_atp = False
        if problem is None:
            try:
                if config.type == "nmvs-soap":
                    from dispense_app.hub.factory import password_account

                    has_secret = get_secret("password", config.url, password_account(config)) is not None
                else:
                    has_secret = get_secret("client-secret", config.url, config.client_id) is not None
                has_passphrase = get_secret("cert-passphrase", config.url, config.client_id) is not None
                has_atp = get_secret("atp-credential", config.url, config.client_id) is not None
            except KeyringUnavailable as exc:
                problem = str(exc)
        expires = None
        if config.password_changed_on:
            import datetime as dt

            changed = dt.date.fromisoformat(config.password_changed_on)
            expires = (changed + dt.timedelta(days=config.password_validity_days)).isoformat()
        from dispense_app.hub.lifecycle import lifecycle

        findings = tuple(f for f in lifecycle(config) if f.status != "n/a")
        return HubForm(
            url=config.url,
            type=config.type,
            location_id=config.location_id or "",
            client_id=config.client_id or "",
            ca_bundle=config.ca_bundle or "",
            client_cert=config.client_cert or "",
            has_secret=has_secret and bool(config.client_id),
            has_passphrase=has_passphrase,
            keyring_problem=problem,
            user_id=config.user_id or "",
            password_changed_on=config.password_changed_on,
            password_expires_on=expires,
            terms_accepted_version=config.terms_accepted_version,
            auth_url=config.auth_url or "",
            credentials=tuple(f.line() for f in findings),
            credential_findings=findings,
            requester_gln=config.requester_gln or "",
            has_atp=has_atp,
        )

    def save_hub(
        self, form: HubForm, secret: str | None, passphrase: str | None = None, atp_credential: str | None = None
    ) -> HubForm:
        """Check and save the hub; ``secret``, ``passphrase`` and the US VRS ``atp_credential`` (if
        given) go to the keyring first. Raises ValueError (bad values) or KeyringUnavailable (no safe
        place for a secret); nothing is written then."""
        from dispense_app.hub.config import HubConfig, load_hub_config, save_hub_config
        from dispense_app.hub.credentials import set_secret, usable_backend

        url = form.url.strip()
        client_id = form.client_id.strip() or None
        previous = load_hub_config(self.home)
        kept: dict[str, Any] = asdict(previous) if previous is not None else {}
        kept.update(
            url=url,
            type=form.type,
            location_id=form.location_id.strip() or None,
            client_id=client_id,
            ca_bundle=form.ca_bundle.strip() or None,
            client_cert=form.client_cert.strip() or None,
            user_id=form.user_id.strip() or None,
            auth_url=form.auth_url.strip().rstrip("/") or None,
            requester_gln=form.requester_gln.strip() or None,
        )
        config = HubConfig(**kept)  # validates (type, URL scheme, an NMVS's ids, a VRS GLN)
        if atp_credential:
            from dispense_app.hub import atp

            atp_credential = atp.check(atp_credential)  # NotAJwt is a ValueError
        for label, path in (("CA bundle", config.ca_bundle), ("client certificate", config.client_cert)):
            if path is not None and not Path(path).expanduser().is_file():
                raise ValueError(f"the {label} file {path} does not exist")
        if secret and client_id is None:
            raise ValueError("a client secret needs a client id")
        if config.type == "securpharm" and config.client_cert is None:
            raise ValueError("securPharm needs the pharmacy's N-Ident client certificate (PEM)")
        if passphrase and config.client_cert is None:
            raise ValueError("a certificate passphrase needs a client certificate")
        if secret or passphrase or atp_credential:
            usable_backend()  # all or none: no half-stored secrets
        if secret and config.type == "nmvs-soap":
            import datetime as dt
            from dataclasses import replace

            from dispense_app.hub.factory import password_account

            set_secret("password", config.url, password_account(config), secret)
            config = replace(config, password_changed_on=dt.date.today().isoformat())
        elif secret:
            set_secret("client-secret", config.url, client_id, secret)
        if passphrase:
            set_secret("cert-passphrase", config.url, client_id, passphrase)
        if atp_credential:
            set_secret("atp-credential", config.url, client_id, atp_credential)
        save_hub_config(self.home, config)
        return self.load_hub()

    # --- nmvs-soap: the account at the national system (dispense_app.station.nmvs_account) ---------
    def change_nmvs_password(self, new_password: str) -> HubForm:
        """G445 at the national system, then the keyring (raises ConfigurationError with the reason)."""
        from dispense_app.station.nmvs_account import change_password

        change_password(self.home, new_password)
        return self.load_hub()

    def load_nmvs_terms(self) -> Any:
        """G482: the national system's terms and conditions (``Terms``) or None."""
        from dispense_app.station.nmvs_account import load_terms

        return load_terms(self.home)

    def accept_nmvs_terms(self, version: str, operator: str | None) -> HubForm:
        """G483, recorded in hub.json with the pharmacist who accepted."""
        from dispense_app.station.nmvs_account import accept_terms

        accept_terms(self.home, version, operator=operator)
        return self.load_hub()

    def load_ui(self) -> UiPreferences:
        return load_ui_preferences(self.home)

    def save_ui(self, prefs: UiPreferences) -> UiPreferences:
        prefs.check()
        path = self.home / UI_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(prefs), indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
        return prefs
