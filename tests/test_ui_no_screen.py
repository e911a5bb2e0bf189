"""Without a screen the window commands say what to do instead of letting Qt abort the process."""

from __future__ import annotations

import os
import subprocess
import sys

from dispense_app.ui.app import missing_screen


def test_missing_screen_is_detected_only_on_linux_without_display() -> None:
    assert missing_screen({}, "linux") is not None
    assert missing_screen({"DISPLAY": ":0"}, "linux") is None
    assert missing_screen({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_screen({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert missing_screen({}, "win32") is None


def test_demo_without_screen_exits_2_with_advice(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPENSE_APP_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "dispense_app", "demo", "--smoke", "1"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 2
    assert "no screen" in done.stderr and "xvfb-run" in done.stderr
    assert "platform plugin" not in done.stderr
