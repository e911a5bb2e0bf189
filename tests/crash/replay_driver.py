"""Crash-test driver for the hub faces: replays a station's outbox through one adapter until it is
killed (SIGKILL). Run by tests/test_hub_faces_crash.py, which records the decommissions (and some
undos) offline, starts this driver, kills it at a random moment, and starts it again.

Protocol on stdout (one line each, flushed at once):

    ready                    the station and the face's client are open, the replay starts now
    done                     the outbox is empty

usage: replay_driver.py HOME HUB_URL FACE LOCATION SEED
FACE: fmd-rest | nmvs-soap | securpharm (the simulator's /v1, /nmvs/soap, /securpharm faces).

``replay_driver.py --zygote``: as tests/crash/driver.py (forks a child per stdin line
``FIFO HOME HUB_URL FACE LOCATION SEED``; only the interpreter start-up and zeep's import are saved).
"""

from __future__ import annotations

import random
import sys
from typing import Any

from driver import zygote

from dispense_app.hub import fmd_rest, nmvs_soap, securpharm  # noqa: F401 - imported once, before the forks
from dispense_app.store import Station
from dispense_app.workflow.sender import replay

NMVS_USER = "USER01"
NMVS_PASSWORD = "s3cret-pass"  # the simulator accepts any well-formed credentials


def make_client(face: str, url: str, location: str) -> Any:
    """The face's adapter as the station builds it, without retries (a kill, not a retry, is tested)."""
    if face == "fmd-rest":
        from dispense_app.hub.fmd_rest import FmdRestClient

        return FmdRestClient(url, location_id=location, retries=0, read_timeout=10.0)
    if face == "nmvs-soap":
        from dispense_app.hub.nmvs_soap import Credentials, NmvsSoapClient

        return NmvsSoapClient(
            url + "/nmvs/soap", credentials=Credentials(location, NMVS_USER, NMVS_PASSWORD), retries=0,
            read_timeout=10.0,
        )
    if face == "securpharm":
        from dispense_app.hub.securpharm import SecurPharmClient

        return SecurPharmClient(url + "/securpharm", application_id=location, retries=0, read_timeout=10.0)
    raise SystemExit(f"unknown face {face!r}")


def main(argv: list[str]) -> int:
    home, url, face, location, seed = argv[0], argv[1], argv[2], argv[3], int(argv[4])
    rng = random.Random(seed)
    station = Station.open(home)
    client = make_client(face, url, location)
    print("ready", flush=True)
    while True:
        report = replay(station, client, chunk_size=rng.choice((1, 2, 5, 500)))
        if report.remaining == 0 or report.sent == 0:
            break
    station.close()
    client.close()
    if report.remaining == 0:
        print("done", flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--zygote"]:
        raise SystemExit(zygote(main))
    raise SystemExit(main(sys.argv[1:]))
