"""``dispense-app decode IMAGE... [--backend zxing|dmtx] --json``: read DataMatrix codes from image files.

``decode --camera INDEX`` reads from a webcam instead: one line (same shape, ``"file": "camera:N"``)
per new code, until Ctrl+C, ``--count`` codes or ``--seconds``; exit 2 with a clear message when
there is no camera.

One line per image. With ``--json`` each line is
``{"file", "found", "text", "symbology", "gs1", "backend", "ms"}`` (DESIGN.md), where ``text``
keeps GS/RS/EOT as the real characters (JSON writes them ``\\u001d``...), plus ``count`` (codes in
the image), ``stage`` (which cascade step read it), ``raw_hex`` and, once the parser is there,
``parsed`` (the ``parse --json`` fields of the first code). An image holding several codes reports
the first one. A file that cannot be read still gets a line, with ``error``.

Exit status: 0 every image had a code, 1 some image had none, 2 a file was unreadable (or usage).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, EXIT_USAGE, UsageError, add_common


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "decode",
        help="read DataMatrix codes from image files (PNG, JPEG, WebP, ...)",
        description="Read DataMatrix codes from image files; one line per image.",
    )
    p.add_argument("images", nargs="*", metavar="IMAGE", help="image file (PNG, JPEG, WebP, BMP, TIFF, GIF)")
    p.add_argument(
        "--camera",
        type=int,
        metavar="INDEX",
        help="read from webcam INDEX (0 = the first) instead of files: one line per new code until Ctrl+C",
    )
    p.add_argument("--count", type=int, default=0, help="--camera: stop after this many codes (default: no limit)")
    p.add_argument("--seconds", type=float, default=0.0, help="--camera: stop after this long (default: no limit)")
    p.add_argument(
        "--hold", type=float, default=2.0, help="--camera: seconds before the same code is reported again (default 2)"
    )
    p.add_argument(
        "--backend",
        choices=("zxing", "dmtx"),
        default="zxing",
        help="zxing (default: zxing-cpp with the hard-image cascade) or dmtx (libdmtx, FNC1 set)",
    )
    p.add_argument("--no-cascade", action="store_true", help="zxing: fast path only, no preprocessing cascade")
    p.add_argument(
        "--timeout-ms", type=int, default=2000, help="dmtx: longest search per image in ms (default 2000)"
    )
    add_common(p)
    p.set_defaults(func=run)


def _parsed(symbology: str | None, raw: bytes) -> dict[str, Any] | None:
    """The parse --json fields for the code, if the parser is installed (it is optional here)."""
    try:
        from scanner.parsing import parse
    except ImportError:
        return None
    prefix = symbology.encode("ascii") if symbology else b""
    result: dict[str, Any] = parse(prefix + raw).to_json()
    return result


def run(args: argparse.Namespace) -> int:
    if args.timeout_ms <= 0:
        raise UsageError("--timeout-ms must be positive")
    if args.camera is not None:
        if args.images:
            raise UsageError("give either image files or --camera, not both")
        return _run_camera(args)
    if not args.images:
        raise UsageError("no image given (or use --camera INDEX)")
    from scanner.decoding import BackendUnavailable, ImageError, decode_report

    status = EXIT_OK
    for path in args.images:
        line: dict[str, Any] = {
            "file": path,
            "found": False,
            "text": None,
            "symbology": None,
            "gs1": False,
            "backend": args.backend,
            "ms": 0.0,
        }
        try:
            report = decode_report(
                path, backend=args.backend, cascade=not args.no_cascade, timeout_ms=args.timeout_ms
            )
        except BackendUnavailable as exc:
            raise UsageError(str(exc)) from None
        except ImageError as exc:
            line["error"] = str(exc)
            status = EXIT_USAGE
            _emit(args, line)
            continue
        codes = report.codes
        line["ms"] = round(report.ms, 3)
        if codes:
            first = codes[0]
            line.update(
                found=True,
                text=first.text,
                symbology=first.symbology,
                gs1=first.gs1,
                count=len(codes),
                stage=first.stage,
                raw_hex=first.raw.hex(),
            )
            parsed = _parsed(first.symbology, first.raw)
            if parsed is not None:
                line["parsed"] = parsed
        else:
            line["count"] = 0
            if status == EXIT_OK:
                status = EXIT_NEGATIVE
        _emit(args, line)
    return status


def _run_camera(args: argparse.Namespace) -> int:
    """Live: print one line per new code the webcam sees (zxing; the camera loop's own cascade)."""
    import queue
    import time

    from scanner.camera import CameraError, CameraLoop, OpenCVCamera

    if args.camera < 0 or args.count < 0 or args.seconds < 0 or args.hold < 0:
        raise UsageError("--camera, --count, --seconds and --hold must not be negative")
    if args.backend != "zxing":
        raise UsageError("--camera reads with the zxing backend only")
    try:
        import cv2  # noqa: F401 - only to tell a missing backend from a missing camera
    except ImportError:
        raise UsageError(
            "--camera needs OpenCV, which this installation does not include (the installed app leaves it "
            "out: use the camera view in the app, or pip install opencv-python-headless)"
        ) from None
    loop = CameraLoop(OpenCVCamera(args.camera), hold_s=args.hold)
    loop.start()
    deadline = time.monotonic() + args.seconds if args.seconds else None
    reported = 0
    try:
        while loop.running or not loop.hits.empty():
            if deadline is not None and time.monotonic() >= deadline:
                break
            try:
                hit = loop.hits.get(timeout=0.2)
            except queue.Empty:
                continue
            code = hit.code
            line: dict[str, Any] = {
                "file": f"camera:{args.camera}",
                "found": True,
                "text": code.text,
                "symbology": code.symbology,
                "gs1": code.gs1,
                "backend": code.backend,
                "ms": round(code.ms, 3),
                "stage": code.stage,
                "raw_hex": code.raw.hex(),
            }
            parsed = _parsed(code.symbology, code.raw)
            if parsed is not None:
                line["parsed"] = parsed
            _emit(args, line)
            reported += 1
            if args.count and reported >= args.count:
                break
    except KeyboardInterrupt:
        pass
    finally:
        loop.stop()
    if isinstance(loop.error, CameraError):
        raise UsageError(str(loop.error))
    return EXIT_OK if reported else EXIT_NEGATIVE


def _emit(args: argparse.Namespace, line: dict[str, Any]) -> None:
    if args.json:
        print(json.dumps(line, ensure_ascii=True), flush=True)
        return
    if "error" in line:  # the reason names the file already ("<path>: no such file"): not twice
        reason = str(line["error"])
        prefix = f"{line['file']}: "
        print(f"{line['file']}: {reason[len(prefix):] if reason.startswith(prefix) else reason}", file=sys.stderr)
        return
    if not line["found"]:
        print(f"{line['file']}: no DataMatrix found ({line['backend']})")
        return
    from scanner.decoding.result import visible

    shown = visible(line["text"])
    kind = "GS1" if line["gs1"] else "plain"
    print(f"{line['file']}: {shown}  ({line['symbology']} {kind}, {line['backend']}, {line['ms']:.1f} ms)")
