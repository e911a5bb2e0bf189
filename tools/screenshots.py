"""Render the counter window, the alerts view and the adherence view into docs/screenshots/ (PNG), en and de.

The verdicts are real: a training station exactly as `dispense-app demo` builds it (hub simulator
on 127.0.0.1 seeded with resources/demo/packs.csv, station database, workflow); the tool scans the
demo labels of an active pack (OK) and an already supplied one (STOP) and grabs the window.
Offscreen by default (``QT_QPA_PLATFORM=offscreen``); under ``xvfb-run`` it uses a real X server.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--lang en de] [--views recalls statistics ...]

PNGs are reduced to a 256-colour palette so each stays small.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from dispense_app.ui.counter_window import CounterWindow

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SHOTS = (("ok", "DEMO-IBU-001"), ("stop", "DEMO-SUPPLIED-1"))


def label_code(serial: str) -> bytes:
    """The GS1 element string printed on the demo label with this serial (resources/demo/labels.csv)."""
    import csv
    import datetime as dt

    with (REPO / "resources" / "demo" / "labels.csv").open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["serial"] == serial)
    expiry = dt.date.fromisoformat(row["expiry"]).strftime("%y%m%d")
    return f"]d201{row['gtin']}17{expiry}10{row['lot']}\x1d21{serial}".encode()


HISTORY = (
    # (days ago, prescription, serials dispensed together): a fill history for the adherence view
    (230, "rx-metformin-bundle.json", ("DEMO-MET-001", "DEMO-MET-002")),
    (100, "rx-ibuprofen.json", ("DEMO-IBU-005",)),
    (95, "rx-metformin-bundle.json", ("DEMO-MET-003", "DEMO-MET-004")),
    (78, "rx-ibuprofen.json", ("DEMO-IBU-006",)),
    (55, "rx-ibuprofen.json", ("DEMO-IBU-007",)),
    (30, "rx-ibuprofen.json", ("DEMO-IBU-008",)),
    (6, "rx-ibuprofen.json", ("DEMO-IBU-009",)),
)


def dispense_history(presenter: object) -> None:
    """Dispense on the demo prescriptions on past days (the real workflow, its clock set back), so the
    adherence view has fills to show."""
    import datetime as dt

    from scanner.scan_event import ScanEvent, ScanSource

    workflow = presenter.session.workflow  # type: ignore[attr-defined]
    real_clock = workflow.clock
    try:
        for days_ago, rx, serials in HISTORY:
            moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
            workflow.clock = lambda m=moment: m
            presenter.new_dispense()  # type: ignore[attr-defined]
            presenter.open_prescription(str(REPO / "resources" / "demo" / "prescriptions" / rx))  # type: ignore[attr-defined]
            keys = []
            for serial in serials:
                result = presenter.scan(ScanEvent(label_code(serial), ScanSource.WEDGE))  # type: ignore[attr-defined]
                keys.append(result.pack.key)
            presenter.dispense(keys)  # type: ignore[attr-defined]
        presenter.new_dispense()  # type: ignore[attr-defined]
    finally:
        workflow.clock = real_clock


VIEWS = ("counter", "alerts", "adherence", "settings", "recalls", "statistics")


def shoot(out: Path, languages: list[str], views: tuple[str, ...] = VIEWS) -> list[Path]:
    """Every screenshot (of ``views``) in every language; returns the PNGs written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from dispense_app.ui.counter_window import CounterWindow
    from dispense_app.ui.i18n import install_translators
    from dispense_app.ui.settings_model import StationSettings
    from dispense_app.ui.training import TrainingStation

    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in languages:
            install_translators(app, lang)
            training = TrainingStation(Path(tmp) / f"training-{lang}", REPO / "resources" / "demo" / "packs.csv",
                                       operator="A. Becker")
            presenter = training.build_presenter()
            dispense_history(presenter)
            window = CounterWindow(presenter, training=True, poll_status=False, settings=StationSettings(training.home),
                                   camera_source=lambda: None)  # the button as the app shows it; not pressed
            window.resize(1400, 860)  # the size the window opens at (CounterWindow._initial_size)
            window.show()
            shots = Shots(app, out, Path(tmp), lang)
            shots.counter(window, save="counter" in views)  # the later views build on its scans
            for view in views:
                if view != "counter":
                    getattr(shots, view)(window)
            written += shots.written
            window.close()
            window.runner.wait_for_done(5000)
            presenter.close()
    return written


def wait(signal: object) -> None:
    """Run the event loop until ``signal`` fires (at most 15 s)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(15_000, loop.quit)
    loop.exec()


class Shots:
    """The screenshots of one language: each view brought into the state shown, grabbed, saved."""

    def __init__(self, app: QApplication, out: Path, tmp: Path, lang: str) -> None:
        self.app = app
        self.out = out
        self.tmp = tmp
        self.lang = lang
        self.written: list[Path] = []

    def save(self, widget: QWidget, name: str) -> None:
        """Grab ``widget`` into ``<out>/<name>-<lang>.png``, reduced to a 256-colour palette."""
        from PIL import Image

        png = self.out / f"{name}-{self.lang}.png"
        raw = self.tmp / png.name
        widget.grab().save(str(raw), "PNG")
        Image.open(raw).convert("RGB").quantize(colors=256).save(png, optimize=True)
        self.written.append(png)

    def counter(self, window: CounterWindow, *, save: bool = True) -> None:
        """The counter window with an OK verdict (its pack then handed over) and with a STOP."""
        from scanner.scan_event import ScanEvent, ScanSource

        wait(window.first_painted)
        window.load_prescription(str(REPO / "resources" / "demo" / "prescriptions" / "rx-ibuprofen.json"))
        wait(window.prescription_shown)
        for name, serial in SHOTS:
            window.submit_scan(ScanEvent(label_code(serial), ScanSource.WEDGE, aim="]d2"))
            wait(window.verdict_shown)
            if name == "ok":  # the OK pack is handed over: the prescription ticks off one of two packs
                window.dispense_all()
                wait(window.dispense_done)
            window.refresh_status()
            wait(window.status_shown)
            self.app.processEvents()
            if save:
                self.save(window, f"counter-{name}")

    def alerts(self, window: CounterWindow) -> None:
        """The alerts view, after a few more STOP scans so it has something to show."""
        from scanner.scan_event import ScanEvent, ScanSource

        for serial in ("DEMO-UNKNOWN-1", "DEMO-MISMATCH-1", "DEMO-DESTROYED-1"):
            window.submit_scan(ScanEvent(label_code(serial), ScanSource.WEDGE, aim="]d2"))
            wait(window.verdict_shown)
        window.open_alerts()
        alerts = window.alerts_window
        assert alerts is not None
        alerts.resize(1280, 720)
        wait(alerts.searched)
        if len(alerts.records) < 4:  # a slow machine: the last scans may still have been on their way
            alerts.search()
            wait(alerts.searched)
        alerts.table.selectRow(0)
        self.app.processEvents()
        self.save(alerts, "alerts")
        alerts.close()

    def adherence(self, window: CounterWindow) -> None:
        """The adherence view for the prescription's patient."""
        window.open_adherence()
        adherence = window.adherence_window
        assert adherence is not None
        adherence.resize(1280, 760)
        wait(adherence.shown)
        self.app.processEvents()
        self.save(adherence, "adherence")
        adherence.close()

    def settings(self, window: CounterWindow) -> None:
        """The settings: the hub tab and the scanner tab."""
        window.open_settings()
        settings = window.settings_window
        assert settings is not None
        settings.resize(900, 640)
        wait(settings.hub_loaded)
        for tab, name in ((0, "settings"), (1, "settings-scanner")):
            settings.tabs.setCurrentIndex(tab)
            self.app.processEvents()
            self.save(settings, name)
        settings.close()


    def recalls(self, window: CounterWindow) -> None:
        """The Recalls view: two more patients get ibuprofen packs, then a notice recalls serials
        DEMO-IBU-001..008 of batch IB2401 except -006; one patient is marked contacted."""
        from scanner.scan_event import ScanEvent, ScanSource

        presenter = window.presenter
        for patient, serial in (("Patient/demo-ben", "DEMO-IBU-002"), ("Patient/demo-carla", "DEMO-IBU-003")):
            presenter.new_dispense()
            presenter.set_patient(patient)
            result = presenter.scan(ScanEvent(label_code(serial), ScanSource.WEDGE))
            assert result.pack is not None
            presenter.dispense([result.pack.key])
        presenter.new_dispense()
        notice = self.tmp / f"notice-{self.lang}.csv"
        notice.write_text("gtin,lot,serial_from,serial_to,exclude,reason,notice_id,issued\n"
                          "04150123456782,IB2401,DEMO-IBU-001,DEMO-IBU-008,DEMO-IBU-006,"
                          "particles in tablets,BfArM-2026-0142,2026-12-01\n", encoding="utf-8")
        menu = window.reports_menu  # type: ignore[attr-defined]
        view = menu.open_recalls()
        view.resize(1200, 640)
        view.import_file(str(notice))
        wait(view.traced)
        view.table.selectRow(0)
        view.note.setText("called 10:40, brings the pack back tomorrow" if self.lang == "en"
                          else "angerufen 10:40, bringt die Packung morgen")
        view.mark_contacted()
        wait(view.traced)
        view.table.selectRow(1)
        self.app.processEvents()
        self.save(view, "recalls")
        view.close()

    def statistics(self, window: CounterWindow) -> None:
        """The Statistics view over the demo history (240 days)."""
        menu = window.reports_menu  # type: ignore[attr-defined]
        view = menu.open_stats()
        view.resize(1280, 860)
        wait(view.shown)
        view.since.setDate(view.since.date().addDays(-210))
        view.refresh()
        wait(view.shown)
        view.show_button.setFocus()
        self.app.processEvents()
        self.save(view, "statistics")
        view.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["en", "de"], choices=["en", "de"])
    parser.add_argument("--views", nargs="+", default=list(VIEWS), choices=VIEWS, help="only these views")
    args = parser.parse_args()
    for path in shoot(args.out, args.lang, tuple(args.views)):
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
