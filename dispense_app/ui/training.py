"""Training mode: a station in its own folder, talking to an in-process hub simulator on 127.0.0.1.

The simulated hub keeps its packs in ``<training home>/hub-sim.sqlite``: seeded with the demo packs
the first time, then kept, so the hub and the station's own records stay consistent from one training
session to the next. ``reset`` starts over (removes the training folder, which is only ever one that
this module created: it carries a marker file).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from dispense_app.ui.resources import resource_path
from dispense_app.ui.station_presenter import StationPresenter

MARKER = ".dispense-app-training"
SIM_DB = "hub-sim.sqlite"


def demo_packs_csv() -> Path | None:
    """The shipped demo packs (``resources/demo/packs.csv``), if present."""
    path = resource_path("demo", "packs.csv")
    return path if path.is_file() else None


class TrainingStation:
    """Builds (on a worker) the simulator and the presenter of a training station."""

    def __init__(self, home: Path, packs: Path, *, operator: str | None = "trainee", reset: bool = False) -> None:
        self.home = home
        self.packs = packs
        self.operator = operator
        if reset and (home / MARKER).is_file():
            shutil.rmtree(home)
        home.mkdir(parents=True, exist_ok=True)
        (home / MARKER).write_text("training mode data: safe to delete\n", encoding="utf-8")
        self.simulator: Any = None

    def start_hub(self) -> Any:
        """Start the simulated hub (seeding it the first time) and return the RunningSimulator."""
        from dispense_app.hub.simulator import start_simulator

        db = self.home / SIM_DB
        fresh = not db.exists()
        self.simulator = start_simulator(packs=self.packs if fresh else None, port=0, db_path=db)
        return self.simulator

    def stop_hub(self) -> None:
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None

    def build_presenter(self) -> StationPresenter:
        sim = self.start_hub()
        try:
            from dispense_app.hub.fmd_rest import FmdRestClient

            client = FmdRestClient(sim.url, location_id="TRAINING")
            return StationPresenter(
                client, hub_url=sim.url, operator=self.operator, scanner_profile=None, on_close=self.stop_hub
            )
        except BaseException:
            self.stop_hub()
            raise
