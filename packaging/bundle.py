"""What goes into the frozen bundle: the lists the PyInstaller spec (``dispense-app.spec``) uses.

Kept out of the spec so that the cheap tests (``tests/test_packaging.py``) can check them without
PyInstaller: every CLI command module is a hidden import (the CLI finds them with ``pkgutil`` at
run time, which PyInstaller's import analysis cannot see), the resources are collected, the unused
Qt modules are excluded and libdmtx is found.

The bundle keeps ``resources/`` at the top of the bundle's data folder (``sys._MEIPASS``), which
is where ``dispense_app/ui/resources.py`` looks (``Path(__file__).parents[2] / "resources"``: in a
frozen build a module's ``__file__`` is ``<_MEIPASS>/dispense_app/ui/resources.pyc``), so the same
code finds them in the source tree and in the bundle.

This file is loaded by path (the folder is called ``packaging``, like the PyPI package, so it is
not importable as a package on purpose).
"""

from __future__ import annotations

import ctypes.util
import os
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
APP_NAME = "dispense-app"

# Packages the app imports only by name (importlib / entry points / strings), invisible to analysis.
_DYNAMIC_PACKAGES = ("dispense_app.commands",)

# PySide6 modules the code uses (checked by tests/test_packaging.py against the sources).
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtMultimedia")
# PySide6 modules the used ones import underneath (QtMultimedia imports QtNetwork; SVG icons).
QT_MODULES_NEEDED = ("QtSvg", "QtNetwork")
# Python bindings nothing imports, although their Qt *libraries* are needed: QtCharts' binding links
# libQt6OpenGLWidgets/libQt6OpenGL (PyInstaller still collects those as its binary dependencies), but
# never imports PySide6.QtOpenGL (9 MB) or QtOpenGLWidgets; QtDBus is linked by the xcb platform
# plugin, not imported. PyInstaller's Qt hooks would add these bindings as hidden imports.
QT_BINDINGS_UNUSED = ("QtOpenGL", "QtOpenGLWidgets", "QtDBus")

# Everything else PySide6 ships: excluded (PySide6 in full is ~670 MB installed).
QT_MODULES_EXCLUDED = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCanvasPainter", "QtConcurrent", "QtDataVisualization",
    "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation",
    "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtPdf", "QtPdfWidgets", "QtPositioning",
    "QtPrintSupport", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest",
    "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest", "QtTextToSpeech",
    "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtXml",
)  # fmt: skip

# Python packages never used at run time (dev tools, GUI toolkits pulled in by optional imports).
PYTHON_EXCLUDED = (
    "tkinter", "_tkinter", "pytest", "_pytest", "hypothesis", "pytestqt", "IPython", "matplotlib",
    "mypy", "ruff", "schemathesis", "biip", "pypdf", "trustme", "pydoc_data", "lib2to3",
    "yaml",  # uvicorn imports it only for YAML logging configs
    # httpx's own command-line client (httpx/_main.py, imported in a try/except ImportError) and
    # what only it needs: the app never runs it (~4 MB of PYZ per executable)
    "rich", "pygments", "markdown_it", "mdurl",
    # OpenCV is the webcam backend of source installs only; the bundle captures through Qt Multimedia
    # (dispense_app/ui/qt_camera.py). Its wheels weigh 152 MB on Linux (FFmpeg, OpenBLAS, AV1 codecs,
    # all linked by cv2.abi3.so) and 86 MB on Windows (cv2.pyd): more than half the 250 MB budget.
    "cv2",
)  # fmt: skip

# Qt plugins kept, per plugin folder: file stems (without ``lib`` and suffix); a folder not listed is
# dropped whole. Dropping a plugin also drops what only it needs (the plugins are filtered before
# PyInstaller follows their library dependencies: see ``dispense-app.spec``).
QT_PLUGINS_KEPT: dict[str, tuple[str, ...]] = {
    # offscreen (smoke test, CI), minimal; xcb and wayland (Linux desktops); windows (Windows)
    "platforms": ("qoffscreen", "qminimal", "qxcb", "qwayland", "qwindows"),
    "platformthemes": ("qxdgdesktopportal",),  # not qgtk3: it drags in the whole GTK stack
    "platforminputcontexts": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"),
    "xcbglintegrations": ("qxcb-egl-integration", "qxcb-glx-integration"),
    "wayland-decoration-client": ("bradient",),
    "wayland-graphics-integration-client": ("qt-plugin-wayland-egl", "shm-emulation-server"),
    "wayland-shell-integration": ("xdg-shell",),
    "imageformats": ("qsvg", "qico"),  # the SVG icons; ICO for the window icon. PNG/JPEG are built in
    "iconengines": ("qsvgicon",),
    "styles": ("qmodernwindowsstyle", "qwindowsvistastyle"),
    # QSoundEffect plays WAVs through QAudioSink without a media backend; the FFmpeg backend
    # (~40 MB with QtQuick/QtQml it links) would only matter for compressed audio or video.
    # Windows' own media backend is small and kept.
    "multimedia": ("windowsmediaplugin",),
    "tls": ("qopensslbackend", "qschannelbackend", "qcertonlybackend"),
    "networkinformation": ("qnetworkmanager", "qnetworklistmanager"),
}

# Qt libraries that only the dropped plugins use (removed if something still collected them).
QT_LIBS_DROPPED = (
    "Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6VirtualKeyboard", "Qt6FFmpegStub", "Qt6EglFS",
    "avcodec", "avformat", "avutil", "swresample", "swscale",
)  # fmt: skip


def _stem(filename: str) -> str:
    name = filename.split(".")[0]
    return name.removeprefix("lib")


def keep_qt_plugin(plugin_type: str, filename: str) -> bool:
    """True for a Qt plugin the app uses (by plugin folder and file name)."""
    return _stem(filename) in QT_PLUGINS_KEPT.get(plugin_type, ())


def command_modules() -> list[str]:
    """The CLI subcommand modules, found the way ``dispense_app.cli.build_parser`` finds them."""
    sys.path.insert(0, str(ROOT))
    try:
        import dispense_app.commands as commands
    finally:
        sys.path.remove(str(ROOT))
    return sorted(
        f"{commands.__name__}.{info.name}"
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    )


def hidden_imports() -> list[str]:
    """Modules the spec must name because nothing imports them by an ``import`` statement."""
    return [*_DYNAMIC_PACKAGES, *command_modules()]


def excludes() -> list[str]:
    return [*(f"PySide6.{m}" for m in (*QT_MODULES_EXCLUDED, *QT_BINDINGS_UNUSED)), *PYTHON_EXCLUDED]


def resource_datas(qm_dir: Path) -> list[tuple[str, str]]:
    """``(source, destination folder)`` pairs: icons, sounds, demo data and compiled translations.

    Only the compiled ``.qm`` go in (from ``qm_dir``), not the ``.ts`` sources: without a ``.ts``
    beside it, ``dispense_app.ui.i18n.qm_for`` takes the ``.qm`` as it is and never tries to
    compile (the bundle has no ``pyside6-lrelease``, and its folder may be read-only).
    """
    pairs: list[tuple[str, str]] = []
    for sub in ("icons", "sounds", "demo"):
        folder = RESOURCES / sub
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                pairs.append((str(path), str(Path("resources") / path.parent.relative_to(RESOURCES))))
    for qm in sorted(qm_dir.glob("*.qm")):
        pairs.append((str(qm), "resources/i18n"))
    return pairs


def compile_translations(out_dir: Path) -> list[Path]:
    """Compile every ``resources/i18n/*.ts`` into ``out_dir`` (the build folder, not the source tree)."""
    sys.path.insert(0, str(ROOT))
    try:
        from dispense_app.ui.i18n import CATALOGUE, compile_ts
    finally:
        sys.path.remove(str(ROOT))
    written = []
    for ts in sorted((RESOURCES / "i18n").glob(f"{CATALOGUE}_*.ts")):
        qm = out_dir / ts.with_suffix(".qm").name
        if not compile_ts(ts, qm):
            raise SystemExit(f"could not compile {ts} (is pyside6-lrelease installed?)")
        written.append(qm)
    return written


def libdmtx_binaries() -> list[tuple[str, str]]:
    """libdmtx for pylibdmtx, as ``(file, destination folder)``: it loads the library with ctypes,
    which PyInstaller's analysis does not see.

    Windows: the DLL shipped inside the pylibdmtx wheel (``libdmtx-64.dll``), put at the bundle's top,
    where pylibdmtx's ``LoadLibrary("libdmtx-64.dll")`` finds it. Linux/macOS: the system library
    (``ctypes.util.find_library("dmtx")`` gives the soname, e.g. ``libdmtx.so.0``, looked up in the
    usual library folders); the run-time hook ``rthooks/pyi_rth_libdmtx.py`` makes pylibdmtx use it.
    Raises SystemExit when it is missing: a bundle without it would silently lose a decoder.
    """
    if sys.platform == "win32":
        import importlib.util

        spec = importlib.util.find_spec("pylibdmtx")
        folders = list(spec.submodule_search_locations or []) if spec is not None else []
        dlls = [str(dll) for folder in folders for dll in sorted(Path(folder).glob("libdmtx-*.dll"))]
        if not dlls:
            raise SystemExit("libdmtx: no libdmtx-*.dll in the pylibdmtx package (pip install pylibdmtx)")
        return [(dll, ".") for dll in dlls]
    name = ctypes.util.find_library("dmtx")
    if name is None:
        raise SystemExit("libdmtx not found (Debian/Ubuntu: apt-get install libdmtx0b)")
    if os.path.isabs(name):
        return [(name, ".")]
    for folder in _library_dirs():
        candidate = folder / name
        if candidate.exists():
            return [(str(candidate), ".")]
    raise SystemExit(f"libdmtx: {name} found by the linker cache but not in {', '.join(map(str, _library_dirs()))}")


def _library_dirs() -> list[Path]:
    dirs = [Path(p) for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p]
    import sysconfig

    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    for base in ("/lib", "/usr/lib", "/usr/local/lib", "/lib64", "/usr/lib64", "/opt/homebrew/lib"):
        if multiarch:
            dirs.append(Path(base) / multiarch)
        dirs.append(Path(base))
    return dirs


def keep_file(dest: str) -> bool:
    """False for Qt plugins, libraries and translations the app does not use, and for anything of
    OpenCV (excluded from the analysis; this is the second net), by destination path in the bundle."""
    parts = Path(dest).as_posix().split("/")
    if parts[0] in ("cv2", "opencv_python_headless.libs") or parts[-1].startswith("opencv_videoio_ffmpeg"):
        return False
    if "PySide6" not in parts:
        return True
    if "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) > i + 2:  # plugins/<type>/<file>
            return keep_qt_plugin(parts[i + 1], parts[-1])
    if _stem(parts[-1]).startswith(QT_LIBS_DROPPED):
        return False
    if "translations" in parts:
        # Qt's own strings: only the languages the app ships (qtbase_de.qm is what i18n.py loads);
        # nothing else from there (WebEngine's locale .pak files, 44 MB, live there too)
        name = parts[-1]
        return name.endswith(("_de.qm", "_en.qm")) and name.startswith(("qtbase_", "qtmultimedia_"))
    return True


def strip_debug(bundle_dir: Path) -> int:
    """Drop debug sections (``strip --strip-debug``) from the bundle's ELF files, in place.

    Skips what auditwheel patched (the ``<package>.libs`` folders, ``<name>-<hash>.so`` files):
    stripping those breaks them. Returns the bytes saved (0 without a ``strip`` tool).
    """
    import re
    import shutil
    import subprocess

    tool = shutil.which("strip")
    if tool is None:
        return 0
    hashed = re.compile(r"-[0-9a-f]{8}\.so")
    saved = 0
    for path in sorted(bundle_dir.rglob("*")):
        if path.is_symlink() or not path.is_file() or any(part.endswith(".libs") for part in path.parts):
            continue
        if hashed.search(path.name):
            continue
        with path.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        before = path.stat().st_size
        subprocess.run([tool, "--strip-debug", str(path)], check=False, capture_output=True)
        saved += before - path.stat().st_size
    return saved
