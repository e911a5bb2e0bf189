"""The HTTP machinery shared by the hub adapters: one ``httpx.Client`` per hub, TLS, OAuth2 tokens,
retries and timing.

- TLS verification is always on. A custom CA bundle may replace the system store; client
  certificates are loaded into an ``ssl.SSLContext`` (passphrase from the keyring, never a file).
  Plain ``http://`` is accepted for loopback hosts only (the simulator).
- OAuth2 client credentials: the token is cached until shortly before it expires and fetched again
  once when the hub answers 401 (or 403 for VRS).
- Retries: transport errors, timeouts, 429, 5xx are retried up to ``retries`` times with
  exponential backoff, or after ``Retry-After`` when the hub sends one. A state change is retried
  with exactly the same request (so the same client transaction id), never rebuilt. After the last
  try, or when ``Retry-After`` asks for longer than ``max_retry_wait``, :class:`HubUnavailable`.
- A deadline bounds one call, retries and the reply's body included (``deadline_s``, 6 s by
  default): someone is waiting at the counter, and three 5 s read timeouts in a row would keep them
  15 s from the offline verdict. Each try's timeouts are cut to what is left, and no retry starts
  with less than ``MIN_ATTEMPT_S`` left. The body is read in chunks, each read's timeout cut to the
  time left, so a hub that dribbles its reply one byte at a time cannot hold the call past the
  deadline (httpx's timeouts alone are per read). Bulk requests (outbox replay in the background,
  seconds by design) get their own, longer deadline (``bulk_deadline_s``, 60 s). What a deadline
  cuts off is not lost: state changes sit in the outbox until confirmed.
- Reply bodies are capped (``max_bytes``: 1 MiB for one pack; the bulk adapter scales it with the
  number of items): a larger reply is a hub fault (:class:`HubUnavailable`), never read whole.
- Every response is timed; the hub's own time comes from ``Server-Timing``.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import random
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from dispense_app import __version__
from dispense_app.core.model import HubAuthError, HubFault, HubUnavailable

from .deadline_net import DeadlinePassed
from .deadline_net import deadline as socket_deadline
from .deadline_net import install as install_deadline
from .timing import CallStats, CallTiming, parse_server_timing

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
TOKEN_MARGIN_S = 30.0
MIN_ATTEMPT_S = 0.5  # a retry with less time than this left before the deadline is not started
BULK_OPERATIONS = frozenset({"bulk"})  # background work, seconds by design: their own deadline
UNBOUNDED_OPERATIONS = BULK_OPERATIONS  # kept for importers; bulk is bounded by ``bulk_deadline_s`` now
MAX_REPLY_BYTES = 1 << 20  # one pack's reply; more is a hub fault


@dataclass(frozen=True, slots=True)
class TlsSettings:
    ca_bundle: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    cert_passphrase: str | None = None


def is_loopback_url(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_ssl_context(tls: TlsSettings) -> ssl.SSLContext:
    """Verification always on; optional custom CA bundle and client certificate. A file that is
    not there raises FileNotFoundError naming it (ssl's own error does not)."""
    for name in (tls.ca_bundle, tls.client_cert, tls.client_key):
        if name and not os.path.isfile(name):
            raise FileNotFoundError(errno.ENOENT, "no such file", name)
    ctx = ssl.create_default_context(cafile=tls.ca_bundle) if tls.ca_bundle else ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    if tls.client_cert:
        ctx.load_cert_chain(tls.client_cert, tls.client_key, password=tls.cert_passphrase)
    return ctx


def parse_retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())


class HubTransport:
    """One hub's HTTP client. Thread-safe (httpx.Client is; the token cache has a lock)."""

    def __init__(
        self,
        base_url: str,
        *,
        tls: TlsSettings | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        token_path: str = "/oauth/token",  # noqa: S107 - a URL path
        connect_timeout: float = 2.0,
        read_timeout: float = 5.0,
        retries: int = 2,
        backoff_s: float = 0.1,
        max_retry_wait: float = 5.0,
        deadline_s: float | None = 6.0,
        bulk_deadline_s: float | None = 60.0,
        refresh_on: tuple[int, ...] = (401,),
        stats: CallStats | None = None,
    ) -> None:
        base_url = base_url.rstrip("/")
        if base_url.startswith("http://") and not is_loopback_url(base_url):
            raise ValueError("a hub must be reached over https:// (plain http only on loopback)")
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        if (client_id is None) != (client_secret is None):
            raise ValueError("client_id and client_secret go together")
        self.base_url = base_url
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_retry_wait = max_retry_wait
        if deadline_s is not None and deadline_s <= 0:
            raise ValueError("deadline_s must be positive (or None for no deadline)")
        self.deadline_s = deadline_s
        if bulk_deadline_s is not None and bulk_deadline_s <= 0:
            raise ValueError("bulk_deadline_s must be positive (or None for no deadline)")
        self.bulk_deadline_s = bulk_deadline_s
        self._timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        self.refresh_on = refresh_on
        self.stats = stats or CallStats()
        #: bulk requests take seconds by design: timed apart, so they do not distort the p95 of
        #: single queries that Art. 35's 300 ms target is about
        self.bulk_stats = CallStats()
        self._client_id = client_id
        self._client_secret = client_secret
        self._token_path = token_path
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = threading.Lock()
        verify: ssl.SSLContext | bool = make_ssl_context(tls or TlsSettings())
        transport = httpx.HTTPTransport(
            verify=verify,
            retries=0,
            # headers and body of a PATCH go out in two writes: without TCP_NODELAY, Nagle's
            # algorithm and the peer's delayed ACK add ~40 ms to every state change
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        )
        install_deadline(transport)  # the deadline holds while headers arrive, too (issue 16)
        self._http = httpx.Client(
            base_url=base_url,
            transport=transport,
            timeout=self._timeout,
            headers={"User-Agent": f"dispense-app/{__version__}", "Accept": "application/json"},
            trust_env=False,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    # --- OAuth2 ----------------------------------------------------------------------------------
    def _bearer(self, *, force: bool = False) -> str | None:
        """The cached token, fetched again (:meth:`_fetch_token`) shortly before it expires."""
        if self._client_id is None or self._client_secret is None:
            return None
        with self._token_lock:
            if not force and self._token and time.monotonic() < self._token_expires:
                return self._token
            self._token = None
            token, ttl = self._fetch_token()
            self._token = token
            self._token_expires = time.monotonic() + max(0.0, ttl - min(TOKEN_MARGIN_S, ttl / 2))
            return token

    def _fetch_token(self) -> tuple[str, float]:
        """OAuth2 client credentials at ``token_path``: (token, seconds it lives). Adapters with
        another login (securPharm: the client certificate) override this."""
        assert self._client_id is not None and self._client_secret is not None
        try:
            resp = self._http.post(
                self._token_path,
                data={"grant_type": "client_credentials"},
                auth=(self._client_id, self._client_secret),
            )
        except httpx.HTTPError as exc:
            raise HubUnavailable(f"token endpoint unreachable: {type(exc).__name__}") from None
        if resp.status_code in (400, 401, 403):
            raise HubAuthError("the hub refused our client credentials", status=resp.status_code)
        if resp.status_code != 200:
            raise HubUnavailable(
                f"token endpoint answered {resp.status_code}",
                status=resp.status_code,
                retry_after=parse_retry_after(resp.headers.get("retry-after")),
            )
        try:
            body = resp.json()
            return str(body["access_token"]), float(body.get("expires_in", 300))
        except (ValueError, KeyError, TypeError):
            raise HubUnavailable("token endpoint sent no usable token", status=resp.status_code) from None

    def invalidate_token(self) -> None:
        with self._token_lock:
            self._token = None

    # --- requests --------------------------------------------------------------------------------
    def _backoff(self, attempt: int) -> float:
        return self.backoff_s * 2.0**attempt * (0.5 + random.random())  # noqa: S311 - jitter

    def _may_retry(self, attempt: int, deadline: float | None, wait: float) -> bool:
        """Another try is allowed: retries left, and (with a deadline) time for a useful try after ``wait``."""
        if attempt >= self.retries:
            return False
        return deadline is None or deadline - time.monotonic() - wait >= MIN_ATTEMPT_S

    def _attempt_timeout(self, deadline: float | None) -> httpx.Timeout:
        """The configured timeouts, each cut to the time left before ``deadline``."""
        if deadline is None:
            return self._timeout
        left = max(0.05, deadline - time.monotonic())

        def cut(value: float | None) -> float:
            return left if value is None else min(float(value), left)

        t = self._timeout
        return httpx.Timeout(connect=cut(t.connect), read=cut(t.read), write=cut(t.write), pool=cut(t.pool))

    def request(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        content: bytes | None = None,
        max_bytes: int = MAX_REPLY_BYTES,
    ) -> tuple[httpx.Response, CallTiming]:
        """Send one request (the same bytes on every retry). Returns any response the hub gave
        that is not a transient failure (its body read, at most ``max_bytes``); raises
        HubUnavailable / HubAuthError otherwise."""
        attempt = 0
        refreshed = False
        reached = False  # some attempt may have reached the hub (its answer lost): see maybe_applied
        limit = self.bulk_deadline_s if operation in BULK_OPERATIONS else self.deadline_s
        deadline = None if limit is None else time.monotonic() + limit
        while True:
            req_headers = dict(headers or {})
            token = self._bearer()
            if token:
                req_headers["Authorization"] = f"Bearer {token}"
            started = time.perf_counter()
            try:
                with socket_deadline(deadline):
                    resp = self._send(method, path, params, req_headers, json, content, deadline, max_bytes)
            except httpx.HTTPError as exc:
                # TimeoutException, ConnectError, TLS failures (ConnectError), protocol errors
                reached = reached or not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
                if self._may_retry(attempt, deadline, self._backoff(attempt)) and not _is_tls_failure(exc):
                    log.info("hub %s %s failed (%s), retrying", method, operation, type(exc).__name__)
                    time.sleep(self._backoff(attempt))
                    attempt += 1
                    continue
                if _is_tls_failure(exc):
                    raise HubFault(
                        f"the hub's certificate is not trusted ({_short(exc)}): nothing was sent; check the hub "
                        "URL and CA bundle in the hub settings",
                        kind="untrusted",
                    ) from None
                raise HubUnavailable(
                    f"hub unreachable: {type(exc).__name__}: {_short(exc)}", maybe_applied=reached
                ) from None
            except _ReplyTooLarge:
                raise HubFault(f"the hub misbehaved: its reply is larger than {max_bytes} bytes (ignored)") from None
            except DeadlinePassed as exc:
                stage = "headers" if exc.args == ("headers",) else "body"
                raise HubUnavailable(
                    f"hub too slow: no complete reply within {limit:g} s (ReadTimeout: its {stage} "
                    "were still arriving)",
                    maybe_applied=True,
                ) from None
            total_ms = (time.perf_counter() - started) * 1000
            timing = CallTiming(
                operation, total_ms, parse_server_timing(resp.headers.get("server-timing")), resp.status_code
            )
            (self.bulk_stats if operation in BULK_OPERATIONS else self.stats).record(timing)
            status = resp.status_code
            reached = reached or status in (500, 502, 504)
            if status in self.refresh_on:
                if self._client_id is None:
                    raise HubAuthError(f"the hub wants credentials ({status}); none are configured", status=status)
                if not refreshed:
                    refreshed = True
                    self.invalidate_token()
                    continue
                raise HubAuthError(f"the hub refused our token ({status})", status=status)
            if 300 <= status < 400:
                where = resp.headers.get("location", "?")[:200]
                raise HubFault(
                    f"the hub URL looks wrong: {self.base_url} answered {status}, a redirect to {where}; "
                    "check the hub URL in the settings",
                    kind="wrong-url",
                    status=status,
                )
            if status in RETRY_STATUSES:
                retry_after = parse_retry_after(resp.headers.get("retry-after"))
                wait = self._backoff(attempt) if retry_after is None else retry_after
                if self._may_retry(attempt, deadline, wait) and wait <= self.max_retry_wait:
                    log.info("hub %s %s answered %s, retrying", method, operation, status)
                    time.sleep(wait)
                    attempt += 1
                    continue
                raise HubUnavailable(
                    f"hub answered {status}", status=status, retry_after=retry_after, maybe_applied=reached
                )
            return resp, timing

    def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str],
        json: Any,
        content: bytes | None,
        deadline: float | None,
        max_bytes: int,
    ) -> httpx.Response:
        """One try: send, then read the body chunk by chunk within the deadline and ``max_bytes``.
        Returns a response whose body is in memory (``.content``, ``.json()`` work)."""
        request = self._http.build_request(
            method, path, params=params, headers=headers, json=json, content=content,
            timeout=self._attempt_timeout(deadline),
        )
        try:
            resp = self._http.send(request, stream=True)
        except DeadlinePassed:
            raise DeadlinePassed("headers") from None
        try:
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _ReplyTooLarge
            chunks: list[bytes] = []
            size = 0
            timeouts = request.extensions.get("timeout")
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _ReplyTooLarge
                chunks.append(chunk)
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise DeadlinePassed("body")
                    if isinstance(timeouts, dict):  # httpcore reads this before every socket read
                        timeouts["read"] = min(float(timeouts.get("read") or left), left)
        finally:
            resp.close()
        kept = [(k, v) for k, v in resp.headers.multi_items() if k.lower() not in _BODY_HEADERS]
        return _Reply(
            resp.status_code, headers=kept, content=b"".join(chunks), request=request, extensions=resp.extensions
        )


class _Reply(httpx.Response):
    """A response whose ``json()`` says ValueError (like any other undecodable body) for JSON
    nested deeper than the parser's recursion limit, instead of RecursionError."""

    def json(self, **kwargs: Any) -> Any:
        try:
            return super().json(**kwargs)
        except RecursionError:
            raise ValueError("the reply's JSON is nested too deeply") from None


_BODY_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class _ReplyTooLarge(Exception):
    """The reply is larger than the cap (declared or read)."""



def _is_tls_failure(exc: Exception) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "CERTIFICATE" in str(exc).upper() or "SSL" in str(exc).upper()


def _short(exc: Exception) -> str:
    text = str(exc) or exc.__class__.__name__
    return text[:200]
