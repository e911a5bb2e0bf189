"""Smoke test of a frozen bundle: run the built executable the way a counter PC would.

    .venv/bin/python packaging/smoke_test.py [dist/dispense-app/dispense-app]

Run by ``scripts/build-frozen.sh`` after the build (with the source tree's Python: it only drives
the frozen executable and makes the sample image). Checks, each on the real executable:

1. ``--version`` prints the version of ``dispense_app/_version.py``;
2. ``--help`` lists every subcommand of the source tree (the hidden imports are complete);
3. ``parse CODE --json`` parses a GS1 pack code;
4. ``decode IMAGE --json`` reads a DataMatrix from a PNG made here, with zxing-cpp and with libdmtx;
5. ``hub-sim --port 0`` starts, its first line names the URL, ``GET /openapi.json`` answers;
6. ``demo --smoke 3 --no-window --lang de`` opens the counter window offscreen (training mode,
   simulated hub, German translation, sounds loaded), then the alerts, adherence (QtCharts),
   settings and About windows, and quits cleanly without Qt errors;
7. ``decode --camera 0`` exits 2 with advice (OpenCV is left out of the bundle), and the layout
   check finds no OpenCV and no unused Qt bindings;
8. nothing was written inside the bundle (data belong in the user's data folder, never beside the exe).

Exit 0 when everything passed; otherwise 1, with what failed. Uses only a temporary data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# A GS1 pack code (GTIN, expiry, lot, serial) as a scanner sends it, and as a symbol holds it.
CODE_ESCAPED = r"\x1d01041500375286431725120010LOT42\x1d21SER123"
CODE_PAYLOAD = b"01041500375286431725120010LOT42\x1d21SER123"
GTIN, SERIAL, LOT = "04150037528643", "SER123", "LOT42"

# what ``demo --smoke`` opens besides the counter window (dispense_app.ui.app.open_smoke_views)
SMOKE_VIEWS = ("alerts", "adherence", "settings", "about")

# stderr lines that mean the window did not come up right (Qt plugin, translation, Python errors)
BAD_STDERR = re.compile(
    r"Traceback|Error|could not (load|find)|Cannot load|not found|No QtMultimedia backends|QFATAL|qt\.qpa\.plugin",
    re.IGNORECASE,
)
# ... except these, which are about this machine, not the bundle
HARMLESS_STDERR = re.compile(
    r"PulseAudio|pulse|audio device|QStandardPaths|propagateSizeHints|This plugin does not support",
    re.IGNORECASE,
)


class Failure(Exception):
    pass


def run(exe: Path, *args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, timeout=timeout, env=env, check=False, encoding="utf-8"
    )


def expect(proc: subprocess.CompletedProcess[str], status: int = 0) -> str:
    if proc.returncode != status:
        raise Failure(
            f"exit {proc.returncode} (expected {status})\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
        )
    return proc.stdout


def check_version(exe: Path, env: dict[str, str], _tmp: Path) -> str:
    from dispense_app._version import __version__

    out = expect(run(exe, "--version", env=env)).strip()
    if out != f"dispense-app {__version__}":
        raise Failure(f"--version printed {out!r}, expected 'dispense-app {__version__}'")
    return out


def check_commands(exe: Path, env: dict[str, str], _tmp: Path) -> str:
    from dispense_app.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    names = sorted(sub.choices)  # type: ignore[arg-type]
    out = expect(run(exe, "--help", env=env))
    missing = [name for name in names if not re.search(rf"\b{re.escape(name)}\b", out)]
    if missing:
        raise Failure(f"subcommands missing from the frozen --help: {missing}")
    return f"{len(names)} subcommands"


def check_parse(exe: Path, env: dict[str, str], _tmp: Path) -> str:
    doc = json.loads(expect(run(exe, "parse", CODE_ESCAPED, "--json", env=env)))
    got = (doc.get("ok"), doc.get("gtin"), doc.get("serial"), doc.get("lot"))
    if got != (True, GTIN, SERIAL, LOT):
        raise Failure(f"parse gave {doc}")
    return f"gtin {GTIN}, expiry {doc.get('expiry')}"


def check_decode(exe: Path, env: dict[str, str], tmp: Path) -> str:
    from PIL import Image

    from scanner.labels import code_image, encode_payload

    png = tmp / "sample.png"
    Image.fromarray(code_image(encode_payload(CODE_PAYLOAD, gs1=True), module_px=6)).save(png)
    results = []
    for backend in ("zxing", "dmtx"):
        doc = json.loads(expect(run(exe, "decode", str(png), "--backend", backend, "--json", env=env)))
        if not doc.get("found") or SERIAL not in (doc.get("text") or "") or not doc.get("gs1"):
            raise Failure(f"decode --backend {backend} gave {doc}")
        results.append(f"{backend} {doc.get('ms')} ms")
    return ", ".join(results)


def check_hub_sim(exe: Path, env: dict[str, str], _tmp: Path) -> str:
    proc = subprocess.Popen(
        [str(exe), "hub-sim", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)", first)
        if match is None:
            stderr = proc.stderr.read() if proc.stderr is not None and proc.poll() is not None else ""
            raise Failure(f"hub-sim first line {first!r}; stderr: {stderr}")
        with urllib.request.urlopen(f"{match.group(1)}/openapi.json", timeout=30) as reply:  # noqa: S310 - loopback
            doc = json.load(reply)
        if "openapi" not in doc or not doc.get("paths"):
            raise Failure(f"/openapi.json is not an OpenAPI document: {list(doc)[:5]}")
        return f"{match.group(1)}, {len(doc['paths'])} paths"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check_window(exe: Path, env: dict[str, str], tmp: Path) -> str:
    window_env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    proc = run(exe, "demo", "--smoke", "3", "--no-window", "--lang", "de", "--home", str(tmp / "home"), env=window_env)
    expect(proc)
    bad = [line for line in proc.stderr.splitlines() if BAD_STDERR.search(line) and not HARMLESS_STDERR.search(line)]
    if bad:
        raise Failure("the counter window logged errors:\n" + "\n".join(bad[:20]))
    views = next((line.split()[1:] for line in proc.stdout.splitlines() if line.startswith("views ")), [])
    if views != list(SMOKE_VIEWS):
        raise Failure(f"windows opened in smoke mode: {views}, expected {list(SMOKE_VIEWS)}")
    return f"ran {time.monotonic() - started:.1f} s, exit 0, opened {', '.join(views)}"


def check_camera_cli(exe: Path, env: dict[str, str], _tmp: Path) -> str:
    """OpenCV is left out of the bundle: ``decode --camera`` must say so (exit 2), not crash."""
    proc = run(exe, "decode", "--camera", "0", "--seconds", "1", "--json", env=env)
    expect(proc, status=2)
    if "needs OpenCV" not in proc.stderr or "Traceback" in proc.stderr:
        raise Failure(f"decode --camera without OpenCV said: {proc.stderr[-500:]!r}")
    return "exit 2 with advice (OpenCV not bundled)"


def check_layout(exe: Path, _env: dict[str, str], _tmp: Path) -> str:
    internal = exe.parent / "_internal"
    wanted = [
        internal / "resources" / "i18n" / "dispense_app_de.qm",
        internal / "resources" / "icons" / "app.svg",
        internal / "resources" / "sounds" / "ok.wav",
        internal / "resources" / "demo" / "packs.csv",
    ]
    if sys.platform != "win32":
        wanted.append(internal / "libdmtx.so.0")
    missing = [str(p.relative_to(exe.parent)) for p in wanted if not p.exists()]
    if missing:
        raise Failure(f"missing from the bundle: {missing}")
    unwanted = [p.name for p in internal.iterdir() if p.name.startswith(("cv2", "opencv"))]
    unwanted += [p.name for p in (internal / "PySide6").glob("QtOpenGL*")]  # bindings nothing imports
    if unwanted:
        raise Failure(f"left out on purpose, but in the bundle: {unwanted}")
    return "resources, translations, libdmtx present; no OpenCV"


CHECKS: Sequence[tuple[str, Callable[[Path, dict[str, str], Path], str]]] = (
    ("layout", check_layout),
    ("version", check_version),
    ("commands", check_commands),
    ("parse", check_parse),
    ("decode", check_decode),
    ("hub-sim", check_hub_sim),
    ("window", check_window),
    ("camera-cli", check_camera_cli),
)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


def main(argv: Sequence[str] | None = None) -> int:
    default = ROOT / "dist" / "dispense-app" / ("dispense-app-cli.exe" if sys.platform == "win32" else "dispense-app")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("exe", nargs="?", default=str(default), help=f"the frozen executable (default {default})")
    args = parser.parse_args(argv)
    exe = Path(args.exe).resolve()
    if not exe.is_file():
        print(f"smoke: no executable at {exe} (build it first: scripts/build-frozen.sh)", file=sys.stderr)
        return 2
    failed = 0
    before = _snapshot(exe.parent)
    with tempfile.TemporaryDirectory(prefix="dispense-smoke-") as tmp_name:
        tmp = Path(tmp_name)
        # a throw-away data folder: the smoke test never touches the user's real station data
        env = {**os.environ, "DISPENSE_APP_HOME": str(tmp / "home"), "PYTHONIOENCODING": "utf-8"}
        env.pop("PYTHONPATH", None)  # the bundle must not see the source tree
        for name, check in CHECKS:
            started = time.monotonic()
            try:
                detail = check(exe, env, tmp)
            except (Failure, subprocess.TimeoutExpired, OSError, ValueError) as exc:
                failed += 1
                print(f"smoke: FAIL {name}: {exc}", flush=True)
            else:
                print(f"smoke: ok   {name} ({time.monotonic() - started:.1f} s): {detail}", flush=True)
    written = sorted(set(_snapshot(exe.parent).items()) - set(before.items()))
    if written:
        failed += 1
        print(f"smoke: FAIL bundle untouched: the app wrote beside the executable: {[p for p, _ in written][:10]}")
    else:
        print("smoke: ok   bundle untouched: nothing written beside the executable", flush=True)
    print("smoke: " + ("all checks passed" if not failed else f"{failed} check(s) FAILED"), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
