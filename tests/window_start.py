"""Start ``dispense-app demo`` (offscreen) in a fresh process with probe code run first: how the
start-up tests look inside a real start (issue 22) without the test process's modules or collector."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start_demo_window(home: Path | str, probe: str) -> subprocess.CompletedProcess[str]:
    """Run ``probe`` (Python source: patches that print what they see and may end the process with
    ``os._exit``), then the demo window's command line on ``home``; its output, captured."""
    code = probe + (
        "\nfrom dispense_app.cli import main\n"
        f"main(['demo', '--home', {str(home)!r}, '--no-window', '--smoke', '5', '--mute'])\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
