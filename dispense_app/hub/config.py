"""Which hub a station talks to: a small, secret-free configuration (``hub.json`` in the home folder).

Secrets (the OAuth2 client secret, the client certificate's passphrase) are never part of it; they
live in the OS keyring (:mod:`dispense_app.hub.credentials`).
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from dispense_app.hub.hub_types import HUB_TYPES as HUB_TYPES  # re-exported: the config's users know them here
from dispense_app.hub.hub_types import HubType as HubType

CONFIG_FILE = "hub.json"

#: how long a hub password stays valid where the national system does not say otherwise (days)
DEFAULT_PASSWORD_VALIDITY_DAYS = 90


@dataclass(frozen=True, slots=True)
class HubConfig:
    url: str
    type: HubType = "fmd-rest"
    location_id: str | None = None
    client_id: str | None = None
    ca_bundle: str | None = None  # PEM file of CAs to trust instead of the system store
    client_cert: str | None = None  # PEM client certificate (may also hold the key)
    client_key: str | None = None  # PEM private key, if not in client_cert
    requester_gln: str | None = None  # VRS: the requesting party's GLN
    # VRS (issue 19): the ATP credential's header (its JWT itself is in the keyring), the requestor's
    # contact for LMS 1.3 `email`/`telephone`, and the GTIN `checkConnectivity` asks about
    atp_header: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    check_gtin: str | None = None
    connect_timeout: float = 2.0
    read_timeout: float = 5.0
    #: the longest one hub call may take, retries included (someone is waiting at the counter)
    deadline_s: float = 6.0
    # --- nmvs-soap (client_id is the ClientLoginId: the organisation) ----------------------------
    user_id: str | None = None  # NMVS UserId (the password is in the keyring)
    language: str = "eng"  # ISO 639-3 language of the national system's messages
    #: service -> URL for national systems that serve single/bulk/mixed/support on separate endpoints
    endpoints: dict[str, str] | None = None
    #: overrides of the adapter's unconfirmed choices (nmvs-soap: dispense_app.hub.nmvs_codes.NmvsChoices;
    #: securpharm: dispense_app.hub.securpharm_choices)
    choices: dict[str, Any] | None = None
    #: password lifecycle: the day it was last set or changed, and how long the national system keeps it valid
    password_changed_on: str | None = None
    password_validity_days: int = DEFAULT_PASSWORD_VALIDITY_DAYS
    #: terms and conditions accepted at the national system (G483): version, when, by which operator
    terms_accepted_version: str | None = None
    terms_accepted_at: str | None = None
    terms_accepted_by: str | None = None
    #: terms the national system announced (G482) and no pharmacist accepted yet: version, start date
    terms_pending_version: str | None = None
    terms_pending_start: str | None = None
    #: securpharm: the token server's base URL (``AuthPharmaRestApiBaseURL``), if not ``url``
    auth_url: str | None = None

    def __post_init__(self) -> None:
        if self.type not in HUB_TYPES:
            raise ValueError(f"hub type must be one of {', '.join(HUB_TYPES)}")
        if not self.url.startswith(("http://", "https://")):
            raise ValueError("hub url must start with https:// (or http:// on loopback)")
        if not urllib.parse.urlsplit(self.url).hostname:
            raise ValueError(f"hub url {self.url!r} names no host")
        if min(self.connect_timeout, self.read_timeout, self.deadline_s) <= 0:
            raise ValueError("timeouts and the deadline must be positive numbers of seconds")
        if self.type == "nmvs-soap" and not (self.client_id and self.user_id):
            raise ValueError("an nmvs-soap hub needs --client-id (the ClientLoginId) and --user-id")
        if self.password_validity_days <= 0:
            raise ValueError("the password validity must be a positive number of days")
        if self.auth_url is not None and not self.auth_url.startswith(("http://", "https://")):
            raise ValueError("the token server URL must start with https:// (or http:// on loopback)")
        if self.choices is not None and not isinstance(self.choices, dict):
            raise ValueError("hub choices must be a mapping of names to values")
        _check_gs1_key("the GLN", self.requester_gln, 13)
        _check_gs1_key("the connectivity-check GTIN", self.check_gtin, 14)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HubConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _check_gs1_key(what: str, value: str | None, digits: int) -> None:
    """A GLN-13 or GTIN-14 with a valid GS1 check digit (VRS: ``reqGLN``, ``checkConnectivity``)."""
    from scanner.parsing.checks import gs1_check_ok

    if value is not None and not (len(value) == digits and value.isdigit() and gs1_check_ok(value)):
        raise ValueError(f"{what} must be {digits} digits with a valid GS1 check digit, not {value!r}")


def load_hub_config(home: Path) -> HubConfig | None:
    path = home / CONFIG_FILE
    if not path.is_file():
        return None
    return HubConfig.from_json(json.loads(path.read_text(encoding="utf-8")))


def save_hub_config(home: Path, config: HubConfig) -> Path:
    path = home / CONFIG_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(config.to_json(), indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
