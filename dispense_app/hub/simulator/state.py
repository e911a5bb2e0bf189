"""The simulator's mutable state: repository, injected faults, clock, tokens, counters."""

from __future__ import annotations

import datetime as dt
import random
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from starlette.requests import Request

from .nmvs_state import NmvsFace
from .repository import PackRepository


@dataclass
class Faults:
    """Injected misbehaviour, set through ``POST /_admin/faults``."""

    latency_ms: float = 0.0
    error_rate: float = 0.0
    outage: bool = False
    rate_limit_per_s: float = 0.0
    #: answer the next N state-changing requests with 502 *after* carrying them out (a lost answer)
    drop_responses: int = 0
    #: the share (0..1) of state-changing requests answered with 502 after carrying them out
    drop_reply_rate: float = 0.0
    #: a state change resent with a client transaction id already used: "replay" answers the first
    #: answer again (idempotent, the default); "refuse" answers NMVS_TE_TX_01 as the real NMVS does
    trx_id_reuse: str = "replay"
    # --- a hostile hub (issue 16); see :mod:`.hostile`. Each is off at its default. -------------
    #: API replies dribble out at this many bytes per second (headers at once, the full length)
    trickle_bytes_per_s: float = 0.0
    #: API replies' status line and headers dribble out at this many bytes per second (the body after them)
    trickle_headers_bytes_per_s: float = 0.0
    #: the ``reason`` of every pack reply is this many bytes long (a bulk reply's results share it)
    oversize_bytes: int = 0
    #: bulk results come back in reverse order (each still carries its ``client_trx_id``)
    reverse_bulk: bool = False
    #: every API request is answered 429 with this ``Retry-After`` value ("3600", an HTTP date, "inf")
    retry_after: str = ""
    #: every API reply is a JSON array nested this deep (after the request was carried out)
    nest_depth: int = 0
    #: every API reply is 200 with an HTML body (after the request was carried out)
    garbage: bool = False
    #: every API request is answered with this redirect status (301, 302, 307, 308) to ``/elsewhere``
    redirect: int = 0
    #: pack replies and bulk results carry this return code instead of the real one
    return_code: str = ""
    #: pack replies and bulk results report this state instead of the real one
    state: str = ""
    #: bulk results carry this ``status`` instead of the real HTTP status ("abc": not a number)
    bulk_status: str = ""

    @property
    def hostile(self) -> bool:
        """Any of the hostile-hub modes is on."""
        return bool(
            self.trickle_bytes_per_s or self.trickle_headers_bytes_per_s or self.oversize_bytes
            or self.reverse_bulk or self.retry_after
            or self.nest_depth or self.garbage or self.redirect or self.return_code or self.state
            or self.bulk_status
        )


@dataclass(frozen=True)
class AuthConfig:
    """OAuth2 client credentials the simulator accepts. Without it the API is open (training mode)."""

    client_id: str
    client_secret: str
    token_ttl_s: int = 3600


@dataclass
class SimulatorState:
    repo: PackRepository
    faults: Faults = field(default_factory=Faults)
    auth: AuthConfig | None = None
    responder_gln: str = "4012345000009"
    #: lifetime of the tokens the securPharm face's token endpoint issues (seconds)
    securpharm_token_ttl_s: int = 300
    clock_offset: dt.timedelta = dt.timedelta(0)
    requests: int = 0
    in_flight: int = 0
    dropped_replies: int = 0
    tokens: dict[str, tuple[str, dt.datetime]] = field(default_factory=dict)
    nmvs: NmvsFace = field(default_factory=NmvsFace)
    #: the /vrs face checks the ATP credential header (POST /_admin/vrs): required, and revoked ones
    vrs_atp_required: bool = False
    vrs_atp_revoked: set[str] = field(default_factory=set)
    _recent: deque[float] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _rng: random.Random = field(default_factory=random.Random)

    def now(self) -> dt.datetime:
        """The simulator's clock: real UTC time moved by ``POST /_admin/clock``."""
        return dt.datetime.now(dt.UTC) + self.clock_offset

    def count_request(self) -> None:
        with self._lock:
            self.requests += 1

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def rate_limited(self) -> float | None:
        """Sliding one-second window: None when the request may pass, else seconds until it could."""
        limit = self.faults.rate_limit_per_s
        if limit <= 0:
            return None
        now = time.monotonic()
        with self._lock:
            recent = self._recent
            while recent and now - recent[0] >= 1.0:
                recent.popleft()
            if len(recent) < limit:
                recent.append(now)
                return None
            return 1.0 - (now - recent[0])

    def take_dropped_response(self) -> bool:
        """True (and one less to drop) when this state change's answer is to be lost."""
        with self._lock:
            if self.faults.drop_responses > 0:
                self.faults.drop_responses -= 1
            elif not (self.faults.drop_reply_rate > 0 and self._rng.random() < self.faults.drop_reply_rate):
                return False
            self.dropped_replies += 1
            return True

    def random_error(self) -> bool:
        rate = self.faults.error_rate
        return rate > 0 and self._rng.random() < rate

    def issue_token(self, client_id: str, ttl_s: int | None = None) -> tuple[str, int]:
        """A bearer token for ``client_id`` (lifetime: ``ttl_s``, else the OAuth2 configuration's)."""
        if ttl_s is None:
            assert self.auth is not None
            ttl_s = self.auth.token_ttl_s
        token = secrets.token_urlsafe(32)
        expires = self.now() + dt.timedelta(seconds=ttl_s)
        with self._lock:
            self.tokens[token] = (client_id, expires)
        return token, ttl_s

    def bearer_status(self, request: Request) -> tuple[str, str]:
        """Like :meth:`token_status`, but always checked (faces whose login is not optional)."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return "missing", ""
        with self._lock:
            entry = self.tokens.get(token.strip())
        if entry is None:
            return "invalid", ""
        if entry[1] <= self.now():
            return "expired", entry[0]
        return "ok", entry[0]

    def token_status(self, request: Request) -> tuple[str, str]:
        """("ok"|"missing"|"invalid"|"expired", client id)."""
        if self.auth is None:
            return "ok", "anonymous"
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return "missing", ""
        with self._lock:
            entry = self.tokens.get(token.strip())
        if entry is None:
            return "invalid", ""
        if entry[1] <= self.now():
            return "expired", entry[0]
        return "ok", entry[0]
