"""Run the simulator on uvicorn: in a background thread (tests, training mode) or in the foreground
(``dispense-app hub-sim``). The listening socket is bound before uvicorn starts, so the real port
is known at once (``port=0`` picks a free one)."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from .app import AuthConfig, Faults, SimulatorState, create_app
from .repository import PackRepository
from .rules import MarketRules
from .seed import PackSeed, load_packs_csv, packs_from_rows


@dataclass(frozen=True)
class TlsConfig:
    """Serve HTTPS. ``client_ca``: require client certificates signed by this CA (mutual TLS)."""

    certfile: str | Path
    keyfile: str | Path | None = None
    client_ca: str | Path | None = None
    require_client_cert: bool = False


def _packs(packs: Iterable[PackSeed] | Iterable[dict[str, Any]] | str | Path | None) -> list[PackSeed]:
    if packs is None:
        return []
    if isinstance(packs, str | Path):
        return load_packs_csv(packs)
    items = list(packs)
    if items and isinstance(items[0], dict):
        return packs_from_rows(items)  # type: ignore[arg-type]
    return items  # type: ignore[return-value]


def build_state(
    *,
    packs: Iterable[PackSeed] | Iterable[dict[str, Any]] | str | Path | None = None,
    db_path: str | Path | None = None,
    latency_ms: float = 0.0,
    auth: AuthConfig | None = None,
    accounts: dict[tuple[str, str], str] | None = None,
) -> SimulatorState:
    repo = PackRepository(db_path)
    repo.seed(_packs(packs))
    state = SimulatorState(repo=repo, faults=Faults(latency_ms=latency_ms), auth=auth)
    state.nmvs.accounts = dict(accounts) if accounts is not None else None
    return state


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted connections inherit it: uvicorn writes headers and body separately, and without
    # TCP_NODELAY the body waits ~40 ms for the client's delayed ACK
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _http_impl() -> str:
    """httptools (C parser, part of uvicorn[standard]) when installed, else the pure-Python h11."""
    import importlib.util

    return "httptools" if importlib.util.find_spec("httptools") is not None else "h11"


def _http_protocol() -> Any:
    """uvicorn's HTTP protocol class, able to dribble a reply's headers (the hostile mode
    ``trickle_headers_bytes_per_s``, :mod:`.slow_wire`)."""
    from uvicorn.config import HTTP_PROTOCOLS
    from uvicorn.importer import import_from_string

    from .slow_wire import trickling

    return trickling(import_from_string(HTTP_PROTOCOLS[_http_impl()]))


def uvicorn_config(app: Any, tls: TlsConfig | None) -> Any:
    import uvicorn

    kwargs: dict[str, Any] = {
        "log_level": "warning",
        "access_log": False,
        "lifespan": "off",
        "http": _http_protocol(),
        "loop": "asyncio",
        "timeout_graceful_shutdown": 1,
    }
    if tls is not None:
        kwargs["ssl_certfile"] = str(tls.certfile)
        if tls.keyfile:
            kwargs["ssl_keyfile"] = str(tls.keyfile)
        if tls.client_ca:
            kwargs["ssl_ca_certs"] = str(tls.client_ca)
            kwargs["ssl_cert_reqs"] = ssl.CERT_REQUIRED if tls.require_client_cert else ssl.CERT_OPTIONAL
    return uvicorn.Config(app, **kwargs)


class RunningSimulator:
    """A simulator serving in a background thread. Use as a context manager or call :meth:`stop`."""

    def __init__(self, state: SimulatorState, host: str, port: int, tls: TlsConfig | None) -> None:
        import uvicorn

        self.state = state
        self._sock = bind_socket(host, port)
        bound_port = self._sock.getsockname()[1]
        scheme = "https" if tls else "http"
        shown_host = f"[{host}]" if ":" in host else host
        self.url = f"{scheme}://{shown_host}:{bound_port}"
        self.host, self.port = host, bound_port
        self._app = create_app(state)
        self._server = uvicorn.Server(uvicorn_config(self._app, tls))
        self._thread = threading.Thread(target=self._run, name=f"hub-sim:{bound_port}", daemon=True)
        self._error: BaseException | None = None
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        if not self._server.started:
            self.stop()
            raise RuntimeError(f"the hub simulator did not start: {self._error!r}")
        self.admin = Admin(self)

    def reset(
        self,
        *,
        packs: Iterable[PackSeed] | Iterable[dict[str, Any]] | str | Path | None = None,
        db_path: str | Path | None = None,
        latency_ms: float = 0.0,
        auth: AuthConfig | None = None,
        accounts: dict[tuple[str, str], str] | None = None,
    ) -> None:
        """Swap in a fresh repository and state (faults, clock, tokens, counters) without
        restarting the server: tests get a fresh hub in microseconds instead of a new uvicorn."""
        state = build_state(packs=packs, db_path=db_path, latency_ms=latency_ms, auth=auth, accounts=accounts)
        old, self.state = self.state, state
        self._app.state.sim = state
        if old.in_flight == 0:  # else a slow request still uses it: the garbage collector closes it
            old.repo.close()

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._sock])
        except BaseException as exc:  # pragma: no cover - reported by the constructor
            self._error = exc

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._sock.close()
        self.state.repo.close()

    def __enter__(self) -> RunningSimulator:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class Admin:
    """Direct access to the running simulator's state, mirroring the ``/_admin`` endpoints
    (same data, no HTTP round trip: handy in tests and training mode)."""

    def __init__(self, sim: RunningSimulator) -> None:
        self._sim = sim

    @property
    def _state(self) -> SimulatorState:
        return self._sim.state

    def seed(self, packs: Iterable[PackSeed] | Iterable[dict[str, Any]] | str | Path) -> int:
        return self._state.repo.seed(_packs(packs))

    def pack(self, gtin: str, serial: str) -> dict[str, Any] | None:
        return self._state.repo.pack_view(gtin, serial)

    def faults(
        self,
        *,
        latency_ms: float | None = None,
        error_rate: float | None = None,
        outage: bool | None = None,
        rate_limit_per_s: float | None = None,
        drop_responses: int | None = None,
        drop_reply_rate: float | None = None,
        trx_id_reuse: str | None = None,
        **hostile: Any,
    ) -> Faults:
        """Set faults; ``hostile``: the hostile-hub modes of :mod:`.hostile` (``trickle_bytes_per_s=...``)."""
        from .hostile import FIELDS, check

        unknown = set(hostile) - set(FIELDS)
        if unknown:
            raise TypeError(f"unknown fault modes: {sorted(unknown)}")
        f = self._state.faults
        self._state.faults = Faults(
            **{**{k: getattr(f, k) for k in FIELDS}, **check(hostile)},
            latency_ms=f.latency_ms if latency_ms is None else latency_ms,
            error_rate=f.error_rate if error_rate is None else error_rate,
            outage=f.outage if outage is None else outage,
            rate_limit_per_s=f.rate_limit_per_s if rate_limit_per_s is None else rate_limit_per_s,
            drop_responses=f.drop_responses if drop_responses is None else drop_responses,
            drop_reply_rate=f.drop_reply_rate if drop_reply_rate is None else drop_reply_rate,
            trx_id_reuse=f.trx_id_reuse if trx_id_reuse is None else trx_id_reuse,
        )
        return self._state.faults

    def rules(
        self,
        market: str | None = None,
        *,
        double_dispense_limit: int | None = None,
        typo_tolerance: int | None = None,
        interface: int | None = None,
    ) -> MarketRules:
        """Set the national system's rules (a market's defaults, then the settings given); returns them."""
        repo = self._state.repo
        base = MarketRules.for_market(market, interface=interface or 4) if market else repo.rules
        repo.rules = replace(
            base,
            double_dispense_limit=(
                base.double_dispense_limit if double_dispense_limit is None else double_dispense_limit
            ),
            typo_tolerance=base.typo_tolerance if typo_tolerance is None else typo_tolerance,
            interface=base.interface if interface is None else interface,
        )
        return repo.rules

    def clear_faults(self) -> None:
        self._state.faults = Faults()

    def advance_clock(self, hours: float) -> None:
        import datetime as dt

        self._state.clock_offset += dt.timedelta(hours=hours)

    def recall(self, gtin: str, lot: str) -> int:
        return self._state.repo.recall(gtin, lot, self._state.now())

    def stats(self) -> dict[str, Any]:
        repo = self._state.repo
        return {
            "requests": self._state.requests,
            "by_return_code": dict(repo.return_codes),
            "alerts": repo.alert_count(),
            "alerts_by_class": repo.alerts_by_class(),
            "dropped_replies": self._state.dropped_replies,
            "vrs": dict(repo.vrs_answers),
            "nmvs": self._state.nmvs.admin_json(),
        }

    def alerts(self) -> list[dict[str, Any]]:
        return self._state.repo.alerts()


def start_simulator(
    *,
    packs: Iterable[PackSeed] | Iterable[dict[str, Any]] | str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    db_path: str | Path | None = None,
    latency_ms: float = 0.0,
    tls: TlsConfig | None = None,
    auth: AuthConfig | None = None,
    accounts: dict[tuple[str, str], str] | None = None,
) -> RunningSimulator:
    """Start a simulator in a background thread and return once it accepts connections.

    ``packs``: PackSeed objects, dicts with the CSV fields, or the path of a packs CSV.
    ``auth``: require OAuth2 client-credentials tokens (default: an open API, as in training mode).
    """
    state = build_state(packs=packs, db_path=db_path, latency_ms=latency_ms, auth=auth, accounts=accounts)
    return RunningSimulator(state, host, port, tls)


def serve_forever(
    *,
    packs: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    db_path: str | Path | None = None,
    latency_ms: float = 0.0,
    tls: TlsConfig | None = None,
    auth: AuthConfig | None = None,
    accounts: dict[tuple[str, str], str] | None = None,
    announce: Any = None,
) -> None:
    """Serve in the foreground until interrupted; ``announce(url)`` is called once the port is bound."""
    import uvicorn

    state = build_state(packs=packs, db_path=db_path, latency_ms=latency_ms, auth=auth, accounts=accounts)
    sock = bind_socket(host, port)
    shown_host = f"[{host}]" if ":" in host else host
    url = f"{'https' if tls else 'http'}://{shown_host}:{sock.getsockname()[1]}"
    if announce is not None:
        announce(url)
    server = uvicorn.Server(uvicorn_config(create_app(state), tls))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        state.repo.close()
