"""Random SIGKILLs while a counter merges its local journal into the site store (issue 20): every
journal record ends up in the site exactly once, with one journal-merge audit entry, and the chain
holds. The merge is one site transaction and marks the journal only after the site's commit, so a
kill either leaves nothing merged or everything (and the next merge skips what the site has)."""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.store import Station
from dispense_app.store.journal import MERGE_KIND, waiting
from dispense_app.store.site import Counter

MERGE = (
    "import sys; from dispense_app.store import Station, journal, pg, site; print('go', flush=True); "
    "Station.open(sys.argv[1], store=sys.argv[2], journal=True).close()"
)


def test_kills_during_the_journal_merge_merge_each_record_once(tmp_path: Path, site_store: str) -> None:
    home = tmp_path / "till1"
    Counter.save(home, "till 1")
    down = f"postgresql://nobody@/nodb?host={tmp_path}/nowhere&connect_timeout=1"
    n = 150
    with Station.open(home, store=down, journal=True) as local:
        for i in range(n):
            local.record_supply(
                PackRef(ProductScheme.GTIN, "04150123456782", f"K{i:04d}", "L1", dt.date(2031, 12, 31)), b"x", "anna"
            )
    rng = random.Random(20)
    kills = 0
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", MERGE, str(home), site_store], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "go"  # imports done
        time.sleep(rng.uniform(0.0, 0.4))  # connecting, reading the journal, merging, committing: anywhere
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if waiting(home) == 0:
            break
    subprocess.run([sys.executable, "-c", MERGE, str(home), site_store], check=True)  # the last one finishes
    assert waiting(home) == 0
    with Station.open(home, store=site_store) as site:
        serials = [r.pack.serial for r in site.dispense_records()]
        assert sorted(serials) == [f"K{i:04d}" for i in range(n)]  # each once, none lost
        assert len(list(site.audit.entries(kind=MERGE_KIND))) == n
        assert site.pending_count() == n and site.audit.verify().ok
    print(f"\njournal merge: {kills} kills, {n} records merged once")
