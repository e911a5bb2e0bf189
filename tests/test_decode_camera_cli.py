"""``decode --camera`` where OpenCV is missing (the installed bundle leaves it out): a clear usage
error (exit 2), not a traceback from the camera thread."""

from __future__ import annotations

import subprocess
import sys

_WITHOUT_CV2 = (
    "import sys\n"
    "sys.modules['cv2'] = None  # import cv2 now raises ImportError, as in the frozen bundle\n"
    "from dispense_app.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_camera_mode_without_opencv_is_a_usage_error(tmp_path: object) -> None:
    res = subprocess.run(
        [sys.executable, "-c", _WITHOUT_CV2, "decode", "--camera", "0", "--json", "--seconds", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 2, res.stderr
    assert "needs OpenCV" in res.stderr and "camera view" in res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""
