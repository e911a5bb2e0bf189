"""Every state of the counter window, in English and German, at 1280×800 and 1920×1080 (PNG).

Each verdict, the dispense summary, undo (its confirmation and its outcome), putting checked packs
aside, the same pack scanned twice, a wrong barcode, an expired pack, offline, a conflict found when
the outbox is sent, the alerts view's detail and the settings' unsaved-changes question. The verdicts
are real: a training station as `dispense-app demo` builds it (hub simulator on 127.0.0.1, demo
packs). A dialog is drawn over the window where it opens, as a user sees it.

    .venv/bin/python tools/screenshot_states.py [--out build/screenshots] [--lang en de] [--size 1280x800 ...]

The files are for looking at (and for the README gallery, which takes a few of them into
docs/screenshots): they are not committed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from dispense_app.ui.counter_window import CounterWindow

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from screenshots import label_code, wait  # noqa: E402  (the tools folder is put on the path above)

SIZES = ((1280, 800), (1920, 1080))
AML_EXPIRED = b"]d201041504567890071725033110AM2201\x1d21DEMO-EXPIRED-1"


class States:
    """One language and one size: the window walked through its states, each grabbed."""

    def __init__(self, app: QApplication, window: CounterWindow, training: Any, out: Path, tag: str) -> None:
        self.app = app
        self.window = window
        self.training = training
        self.out = out
        self.tag = tag
        self.written: list[Path] = []

    def save(self, name: str, over: QWidget | None = None, target: QWidget | None = None) -> None:
        """Grab the window (or ``target``), with the dialog ``over`` drawn where it opens."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QPainter

        # let layouts settle as they do before anyone can look (a banner that grows by several lines
        # takes Qt more than one pass of height-for-width layout): 50 ms of the event loop
        deadline = time.monotonic() + 0.05
        while time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.005)
        base = target or self.window
        picture = base.grab()
        if over is not None and over.isVisible():
            dialog = over.grab()
            spot = QPoint((picture.width() - dialog.width()) // 2, (picture.height() - dialog.height()) // 3)
            painter = QPainter(picture)
            painter.drawPixmap(spot, dialog)
            painter.end()
        path = self.out / f"{name}-{self.tag}.png"
        picture.save(str(path), "PNG")
        self.written.append(path)

    def scan(self, raw: bytes) -> None:
        from scanner.scan_event import ScanEvent, ScanSource

        self.window.submit_scan(ScanEvent(raw, ScanSource.WEDGE, aim="]d2"))
        wait(self.window.verdict_shown)

    def act(self, action: Callable[[], None]) -> None:
        action()
        wait(self.window.dispense_done)

    def walk(self) -> None:
        w = self.window
        wait(w.first_painted)
        self.save("state-idle")
        w.load_prescription(str(REPO / "resources" / "demo" / "prescriptions" / "rx-ibuprofen.json"))
        wait(w.prescription_shown)
        self.scan(label_code("DEMO-IBU-001"))
        self.save("state-ok")
        self.scan(label_code("DEMO-IBU-001"))
        self.save("state-scanned-again")
        self.scan(label_code("DEMO-IBU-002"))
        self.scan(label_code("DEMO-IBU-003"))
        self.save("state-too-many")
        w.new_dispense()
        self.save("state-discard-confirm", over=w.prompt_dialog)
        w.prompt_dialog.reject()  # type: ignore[union-attr]
        self.act(w.dispense_all)
        self.save("state-dispensed")
        w.undo_selected()
        dialog = w.prompt_dialog
        assert dialog is not None
        dialog.text.setText("patient brought it back unopened")  # type: ignore[attr-defined]
        self.save("state-undo-confirm", over=dialog)
        dialog.confirm()  # type: ignore[attr-defined]
        wait(w.dispense_done)
        self.save("state-undo-done")
        w._start_new_dispense()
        self.scan(label_code("DEMO-SUPPLIED-1"))
        self.save("state-stop")
        self.scan(AML_EXPIRED)
        self.save("state-expired")
        self.scan(b"4150123456782")
        self.save("state-wrong-barcode")
        self.offline_and_back()
        self.alerts()
        self.settings()

    def offline_and_back(self) -> None:
        from dispense_app.core.model import HubRequest, PackRef, ProductScheme, Transaction
        from dispense_app.hub.fmd_rest import FmdRestClient

        w = self.window
        w._start_new_dispense()
        sim = self.training.simulator
        sim.admin.faults(outage=True)
        self.scan(label_code("DEMO-IBU-007"))
        self.save("state-offline")
        self.scan(label_code("DEMO-IBU-008"))
        self.act(w.dispense_all)
        self.save("state-recorded-offline")
        sim.admin.clear_faults()
        ref = PackRef(ProductScheme.GTIN, "04150123456782", "DEMO-IBU-008", "IB2401", dt.date(2028, 6, 30))
        with FmdRestClient(sim.url, location_id="OTHER-PHARMACY") as other:
            other.transact(HubRequest(Transaction.SUPPLY, ref, str(uuid.uuid4())))
        w.send_outbox()
        wait(w.replay_shown)
        self.save("state-replay-conflict")
        self.scan(label_code("DEMO-IBU-010"))
        self.save("state-conflict-notice")

    def alerts(self) -> None:
        w = self.window
        w.open_alerts()
        view = w.alerts_window
        assert view is not None
        view.resize(min(w.width(), 1400), min(w.height(), 860))
        wait(view.searched)
        view.table.selectRow(0)
        self.save("state-alerts-detail", target=view)
        view.close()

    def settings(self) -> None:
        w = self.window
        w.open_settings()
        view = w.settings_window
        assert view is not None
        view.resize(900, 640)
        wait(view.hub_loaded)
        view.location_id.setText("PHARMACY-7")
        view.close()
        self.save("state-settings-unsaved", over=view.unsaved_dialog, target=view)
        view.unsaved_dialog.reject()
        view.location_id.setText("")


def shoot(out: Path, languages: list[str], sizes: list[tuple[int, int]]) -> list[Path]:
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
            for width, height in sizes:
                training = TrainingStation(Path(tmp) / f"t-{lang}-{width}", REPO / "resources" / "demo" / "packs.csv",
                                           operator="A. Becker")
                presenter = training.build_presenter()
                window = CounterWindow(presenter, training=True, poll_status=False,
                                       settings=StationSettings(training.home), camera_source=lambda: None)
                window.resize(width, height)
                window.show()
                states = States(app, window, training, out, f"{lang}-{width}x{height}")
                states.walk()
                written += states.written
                window.close()
                window.runner.wait_for_done(5000)
                presenter.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPO / "build" / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["en", "de"], choices=["en", "de"])
    parser.add_argument("--size", nargs="+", default=[f"{w}x{h}" for w, h in SIZES])
    args = parser.parse_args()
    sizes = [(int(s.split("x")[0]), int(s.split("x")[1])) for s in args.size]
    for path in shoot(args.out, args.lang, sizes):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
