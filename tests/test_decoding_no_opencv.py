"""The image pipeline never needs OpenCV: the frozen bundle leaves ``cv2`` out (issue 10).

Run in fresh interpreters, since the test session itself may already have imported ``cv2`` (the
``OpenCVCamera`` tests do). Two runs of the same script: one checks that decoding, file loading,
the degraded-image generator and the file camera source leave ``cv2`` unimported; the other makes
``import cv2`` fail outright (as in the bundle) and checks that all of it still works.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

SCRIPT = """
import io, random, sys
BLOCK = {block}
if BLOCK:
    sys.modules["cv2"] = None  # import cv2 now raises ImportError, as in the frozen bundle
import numpy as np
from PIL import Image
import scanner.decoding, scanner.camera
from scanner.camera import ImageFileSource
from scanner.decoding import decode, decode_report, load_image
from scanner.decoding.synthetic import DEGRADATIONS, camera_frame, gs1_pack_hri, place, render_code

rng = random.Random(4)
code, raw = render_code(gs1_pack_hri(rng), gs1=True)
frame = place(code, rng)
bgr = np.ascontiguousarray(np.repeat(frame[:, :, None], 3, axis=2))
assert [d.raw for d in decode(bgr)] == [raw]                       # a BGR camera frame
for step in ("denoise", "otsu", "upscale"):                          # every cascade step runs
    report = decode_report(np.full((120, 160), 200, np.uint8), steps=(step,))
    assert report.codes == [] and report.steps == ("direct", step), report
buf = io.BytesIO()
Image.fromarray(bgr[:, :, ::-1]).save(buf, format="JPEG", quality=90)
assert [d.raw for d in decode(buf.getvalue())] == [raw]             # encoded bytes
path = {path!r}
Image.fromarray(frame).save(path)
assert load_image(path).shape == frame.shape                         # a file
source = ImageFileSource([path])
source.open()
got = source.read()
assert got is not None and got.shape == (*frame.shape, 3)
for kind, degrade in DEGRADATIONS.items():                           # the whole generator
    degrade(place(code, rng), rng, 1)
camera_frame(code, rng, size=(240, 320))
assert ("cv2" in sys.modules) == BLOCK and sys.modules.get("cv2") is None, sorted(sys.modules)
print("ok")
"""


@pytest.mark.parametrize("block", [False, True], ids=["not-imported", "import-fails"])
def test_decoding_and_generation_work_without_opencv(tmp_path: Path, block: bool) -> None:
    script = SCRIPT.format(block=block, path=str(tmp_path / "frame.png"))
    res = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok"


def test_only_the_webcam_backend_imports_cv2() -> None:
    """In scanner/, ``cv2`` is imported only inside OpenCVCamera's methods and list_cameras()."""
    import ast

    allowed = {"OpenCVCamera", "list_cameras"}
    offenders = []
    for path in sorted((REPO / "scanner").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for top in tree.body:
            owner = top.name if isinstance(top, ast.ClassDef | ast.FunctionDef) else None
            for node in ast.walk(top):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                if any(name.split(".")[0] == "cv2" for name in names) and (
                    path.name != "camera.py" or owner not in allowed or node is top
                ):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
