"""Cold start of `dispense-app demo` to a ready window, beside an empty PySide6 window, same run.

Each sample starts a fresh process and measures the wall-clock time from launch to the line it
prints when its window has painted for the first time (``ready``): for the project that is
``dispense-app demo --no-window --smoke S`` (training mode, offscreen), for the baseline a bare
``QApplication`` + empty ``QMainWindow``. It also reports when the first station status is on screen
(``cached``: the status the station had when it last answered, read from the home folder while the
station is built) and when the live station status arrives (``status``: the station is built, the
simulated hub is up and answered). Samples alternate, medians are compared.

The counter opens on the same data folder every morning: every run uses one home folder (the first
run, which creates it, seeds the training hub and warms the OS file cache, is dropped). As in an
installed app, the project's modules are byte-compiled first (this machine sets
PYTHONDONTWRITEBYTECODE, so without it every run would compile the whole app from source).

    .venv/bin/python bench/startup.py [--runs 7]

Bars (issue 22): ready window <= 1.5x the empty QMainWindow; first station status on screen <= 500 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
READY_BAR = 1.5
STATUS_BAR_MS = 500.0

BASELINE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class W(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print("ready", flush=True)
            QTimer.singleShot(200, app.quit)

app = QApplication(sys.argv[:1])
w = W()
w.resize(1180, 820)
w.show()
app.exec()
"""

FLOOR_PARTS = r"""
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel
label = QLabel("OK \u2014 may be dispensed", w)
font = QFont()
font.setPointSize(40)
font.setBold(True)
label.setFont(font)
label.setAlignment(Qt.AlignmentFlag.AlignCenter)
w.setCentralWidget(label)
w.menuBar().addMenu("&Station").addAction("Send the outbox")
w.statusBar().showMessage("Hub online")
QShortcut(QKeySequence(Qt.Key.Key_F9), w)
"""
"""For information (no bar): what any counter window has and the empty one does not, with none of
the app's code: the ``Qt`` namespace (its 115 enum classes, built on first use), text in the
headline's size (the font database, glyphs), a menu bar, a status bar message, a shortcut."""
FLOOR = BASELINE.replace("w.show()", FLOOR_PARTS + "w.show()")

FALLBACK_PACKS = (
    "gtin,serial,lot,expiry,state,product_name\n"
    "04150123456782,BENCH0001,LOT1,2030-01-31,Active,Bench 10 mg\n"
)


def time_to(cmd: list[str], markers: tuple[str, ...], env: dict[str, str],
            optional: tuple[str, ...] = ()) -> dict[str, float]:
    """Launch ``cmd``; return ms from launch to the first line starting with each marker."""
    seen: dict[str, float] = {}
    start = time.perf_counter()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            word = line.split(" ", 1)[0].strip()
            if word in markers + optional and word not in seen:
                seen[word] = (time.perf_counter() - start) * 1000.0
        proc.wait(timeout=60)
    missing = [m for m in markers if m not in seen]
    if missing:
        raise SystemExit(f"{cmd[0]}: no {missing} line (exit {proc.returncode})")
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    python = sys.executable
    subprocess.run([python, "-m", "compileall", "-q", str(REPO / "dispense_app"), str(REPO / "scanner")],
                   check=True, stdout=subprocess.DEVNULL)
    demo_packs = REPO / "resources" / "demo" / "packs.csv"
    with tempfile.TemporaryDirectory() as tmp:
        packs = demo_packs
        if not packs.is_file():
            packs = Path(tmp) / "packs.csv"
            packs.write_text(FALLBACK_PACKS, encoding="utf-8")
        base_ms: list[float] = []
        floor_ms: list[float] = []
        ready_ms: list[float] = []
        cached_ms: list[float] = []
        status_ms: list[float] = []
        home = Path(tmp) / "home"
        for i in range(args.runs + 1):  # the first pair creates the home folder, warms the file cache
            demo = [python, "-m", "dispense_app", "demo", "--home", str(home), "--packs", str(packs),
                    "--no-window", "--smoke", "0.5"]
            project = time_to(demo, ("ready", "status"), env, optional=("cached",))
            baseline = time_to([python, "-c", BASELINE], ("ready",), env)
            floor = time_to([python, "-c", FLOOR], ("ready",), env)
            if i == 0:
                continue
            ready_ms.append(project["ready"])
            status_ms.append(project["status"])
            cached_ms.append(project.get("cached", project["status"]))
            base_ms.append(baseline["ready"])
            floor_ms.append(floor["ready"])
    base, floor_median, ready, cached, status = (statistics.median(v) for v in
                                                 (base_ms, floor_ms, ready_ms, cached_ms, status_ms))
    first = min(cached, status)
    print(f"cold start to first paint, median of {args.runs} runs (offscreen, fresh process each, one home)")
    print(f"  baseline  empty QMainWindow                   {base:8.0f} ms   1.00x")
    print(f"  (info)    the same + a big label, menu, status   {floor_median:5.0f} ms   {floor_median / base:.2f}x"
          "   (Qt namespace, shortcut; none of the app's code)")
    print(f"  project   dispense-app demo (ready)           {ready:8.0f} ms   {ready / base:.2f}x")
    print(f"  project   ... station status on screen        {first:8.0f} ms   {first / base:.2f}x"
          "   (the last run's, until the live one)")
    print(f"  project   ... live station status             {status:8.0f} ms   {status / base:.2f}x")
    print(f"bar: ready window <= {READY_BAR}x the empty window -> "
          f"{'meets' if ready <= READY_BAR * base else 'MISSES'} ({ready / base:.2f}x)")
    print(f"bar: first station status <= {STATUS_BAR_MS:.0f} ms -> "
          f"{'meets' if first <= STATUS_BAR_MS else 'MISSES'} ({first:.0f} ms)")
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
