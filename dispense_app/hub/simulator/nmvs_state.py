"""What the simulator's NMVS face remembers besides the pack repository: accounts, bulk results
waiting to be fetched, used transaction ids, terms and conditions, notifications to send."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class AccountsError(ValueError):
    """The accounts file cannot be used (message says why)."""


@dataclass
class BulkResult:
    owner: str  # ClientLoginId that submitted it
    kind: str  # "G188" or "G196"
    payload: Any  # what the result element is built from
    polls_before_ready: int


@dataclass
class NmvsFace:
    #: (ClientLoginId, UserId) -> password; None: any well-formed credentials are accepted
    accounts: dict[tuple[str, str], str] | None = None
    #: how many G188/G196 polls answer NMVS_FE_TX_02 (not ready) before the result
    bulk_polls: int = 1
    bulk: dict[str, BulkResult] = field(default_factory=dict)
    #: header transaction ids of requests that change nothing (verify, fetch, support), per ClientLoginId
    used_trx: set[tuple[str, str]] = field(default_factory=set)
    terms_version: str = "1.0"
    terms_text: str = "Terms and conditions of the national medicines verification system (simulated)."
    #: the day the current terms take (or took) effect, sent as G482 ``StartDate``; None: not sent
    terms_start: str | None = None
    #: a pharmacy that has not accepted the current terms gets NMVS_FE_AU_23 on transactions
    terms_required: bool = False
    terms_accepted: set[tuple[str, str, str]] = field(default_factory=set)  # (login, user, version)
    #: notifications added to every reply header: [(code, description)]
    notifications: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def admin_json(self) -> dict[str, Any]:
        return {
            "accounts": None if self.accounts is None else len(self.accounts),
            "bulk_polls": self.bulk_polls,
            "pending_bulk": len(self.bulk),
            "terms_version": self.terms_version,
            "terms_start": self.terms_start,
            "terms_required": self.terms_required,
            "notifications": [{"code": c, "desc": d} for c, d in self.notifications],
        }


def load_accounts(path: str | Path) -> dict[tuple[str, str], str]:
    """``--accounts FILE``: a JSON list of ``{"client_login_id", "user_id", "password"}``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise AccountsError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise AccountsError(f"{path} is not JSON: {exc}") from None
    if not isinstance(data, list):
        raise AccountsError(f'{path} must hold a JSON list of {{"client_login_id", "user_id", "password"}}')
    accounts: dict[tuple[str, str], str] = {}
    for i, row in enumerate(data):
        if not isinstance(row, dict) or not all(
            isinstance(row.get(k), str) for k in ("client_login_id", "user_id", "password")
        ):
            raise AccountsError(f"{path}: entry {i} needs client_login_id, user_id and password (strings)")
        accounts[(row["client_login_id"], row["user_id"])] = row["password"]
    return accounts
