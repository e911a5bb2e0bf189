"""The hub simulator: a real HTTP server (Starlette on uvicorn) with its own SQLite pack repository.

It serves training mode and every integration test; semantics follow shared/DOMAIN.md section 4
(see :mod:`.rules`). Start one with :func:`start_simulator`.
"""

from __future__ import annotations

from .app import AuthConfig, Faults, SimulatorState, create_app
from .seed import PackSeed, SeedError, load_packs_csv
from .server import Admin, RunningSimulator, TlsConfig, serve_forever, start_simulator

__all__ = [
    "Admin",
    "AuthConfig",
    "Faults",
    "PackSeed",
    "RunningSimulator",
    "SeedError",
    "SimulatorState",
    "TlsConfig",
    "create_app",
    "load_packs_csv",
    "serve_forever",
    "start_simulator",
]
