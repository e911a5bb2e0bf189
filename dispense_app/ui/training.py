"""Training mode: a station in its own folder, talking to an in-process hub simulator on 127.0.0.1.

The simulated hub keeps its packs in ``<training home>/hub-sim.sqlite``: seeded with the demo packs
the first time, then kept, so the hub and the station's own records stay consistent from one training
session to the next. The training station's product cache and recall list are filled from the demo
data (``resources/demo``) once. ``reset`` starts over (removes the training folder, which is only
ever one that this module created: it carries a marker file).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dispense_app.ui.resources import resource_path

if TYPE_CHECKING:
    from dispense_app.ui.station_presenter import StationPresenter

MARKER = ".dispense-app-training"
SIM_DB = "hub-sim.sqlite"
SEEDED_SETTING = "training.seeded"


def demo_file(name: str) -> Path | None:
    """A shipped demo file (``resources/demo/<name>``), if present."""
    path = resource_path("demo", name)
    return path if path.is_file() else None


def demo_packs_csv() -> Path | None:
    """The shipped demo packs (``resources/demo/packs.csv``), if present."""
    return demo_file("packs.csv")


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

    def seed_station(self, station: Any) -> None:
        """Fill the training station's product cache and recall list from the demo data, once; the
        demo patients are the training station's patient list (names in the prescription panel)."""
        from dispense_app.station.patients import PATIENTS_FILE  # the station package loads the store

        patients = demo_file("patients.csv")

        if patients is not None and not (self.home / PATIENTS_FILE).exists():
            shutil.copyfile(patients, self.home / PATIENTS_FILE)
        if station.settings.get(SEEDED_SETTING):
            return
        products = demo_file("products.csv")
        recalls = demo_file("recalls.csv")
        if products is not None:
            station.products.import_csv(products, actor="training")
        if recalls is not None:
            station.recalls.import_csv(recalls, actor="training")
        station.settings.set(SEEDED_SETTING, True, actor="training")

    def build_presenter(self) -> StationPresenter:
        """The simulator and the station (on a worker: the station's modules are imported here, not
        when the window starts, so the window paints first; issue 22)."""
        from dispense_app.ui.station_presenter import open_presenter

        sim = self.start_hub()

        def client(station: Any) -> Any:
            from dispense_app.hub.fmd_rest import FmdRestClient

            self.seed_station(station)
            return FmdRestClient(sim.url, location_id=station.location)

        try:
            return open_presenter(self.home, client, operator=self.operator, hub_url=sim.url, on_close=self.stop_hub)
        except BaseException:
            self.stop_hub()
            raise
