"""Cheap checks of the frozen-build definition (packaging/): no PyInstaller run, no build.

The real build and its smoke test are ``scripts/build-frozen.sh`` (about a minute; not part of the
default test run). These tests catch the usual ways a bundle goes stale: a new CLI command that the
bundle would not contain, a new Qt module the bundle excludes, a second place holding the version.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle() -> ModuleType:
    return _load(PACKAGING / "bundle.py", "dispense_packaging_bundle")


def test_every_command_module_is_a_hidden_import(bundle: ModuleType) -> None:
    on_disk = {
        f"dispense_app.commands.{p.stem}"
        for p in (REPO / "dispense_app" / "commands").glob("*.py")
        if not p.stem.startswith("_")
    }
    hidden = set(bundle.hidden_imports())
    assert on_disk, "no command modules found"
    assert on_disk <= hidden, f"not in the bundle: {sorted(on_disk - hidden)}"


def _pyside_modules_imported() -> set[str]:
    used = set()
    for path in [*(REPO / "dispense_app").rglob("*.py"), *(REPO / "scanner").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PySide6."):
                used.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                used.update(a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6."))
    return used


def test_qt_modules_the_code_imports_are_bundled_and_none_excluded(bundle: ModuleType) -> None:
    used = _pyside_modules_imported()
    assert "QtWidgets" in used
    assert used <= set(bundle.QT_MODULES_USED), (
        f"update packaging/bundle.py: {sorted(used - set(bundle.QT_MODULES_USED))}"
    )
    excluded = {name.removeprefix("PySide6.") for name in bundle.excludes() if name.startswith("PySide6.")}
    assert not (used | set(bundle.QT_MODULES_NEEDED)) & excluded
    assert {"QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtPdf", "QtDesigner"} <= excluded


def test_excluded_bindings_are_not_imported_by_the_used_ones(bundle: ModuleType) -> None:
    """The bindings left out as unused must really stay unimported when the app's Qt modules load
    (a PySide6 upgrade could start importing them, and the frozen app would then fail to start)."""
    used = [*bundle.QT_MODULES_USED, *bundle.QT_MODULES_NEEDED]
    code = (
        "import sys\n"
        f"for name in {used!r}: __import__('PySide6.' + name)\n"
        "top = [m.split('.')[1] for m in sys.modules if m.count('.') == 1 and m.startswith('PySide6.')]\n"
        "print(' '.join(sorted(top)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    loaded = set(out.stdout.split())
    assert set(bundle.QT_MODULES_USED) <= loaded
    assert not loaded & set(bundle.QT_BINDINGS_UNUSED), sorted(loaded & set(bundle.QT_BINDINGS_UNUSED))
    assert "cv2" in bundle.excludes()


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6/plugins/multimedia/windowsmediaplugin.dll", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt6Pdf.dll", False),
        ("PySide6/avcodec-61.dll", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Charts.so.6", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_ja.qm", False),
        ("PySide6/translations/qtwebengine_locales/de.pak", False),
        ("PySide6/translations/qtbase_de.qm", True),
        ("resources/icons/app.svg", True),
        ("numpy.libs/libscipy_openblas64_-ff651d7f.so", True),
        # OpenCV is excluded from the analysis; the filter is the second net
        ("opencv_python_headless.libs/libavcodec-c4204469.so.62", False),
        ("opencv_videoio_ffmpeg4110_64.dll", False),
        ("cv2/cv2.pyd", False),
        ("cv2/cv2.abi3.so", False),
    ],
)
def test_qt_file_filter(bundle: ModuleType, dest: str, kept: bool) -> None:
    assert bundle.keep_file(dest) is kept


def test_resources_and_compiled_translations_are_collected(bundle: ModuleType, tmp_path: Path) -> None:
    for ts in (REPO / "resources" / "i18n").glob("*.ts"):
        (tmp_path / ts.with_suffix(".qm").name).write_bytes(b"qm")
    pairs = bundle.resource_datas(tmp_path)
    got = {(Path(src).name, dest) for src, dest in pairs}
    assert ("app.svg", "resources/icons") in got
    assert ("ok.wav", "resources/sounds") in got
    assert ("packs.csv", "resources/demo") in got
    assert ("dispense_app_de.qm", "resources/i18n") in got
    assert not any(name.endswith(".ts") for name, _ in got), "the bundle ships .qm only (see resource_datas)"
    for sub in ("icons", "sounds", "demo"):
        for path in (REPO / "resources" / sub).rglob("*"):
            if path.is_file():
                assert str(path) in {src for src, _ in pairs}, path


def test_bundle_layout_matches_where_the_ui_looks_for_resources(bundle: ModuleType, tmp_path: Path) -> None:
    """In the bundle, dispense_app/ui/resources.py runs from ``<_MEIPASS>/dispense_app/ui/``: the
    module, placed like that, must look for ``<_MEIPASS>/resources``, where the spec puts them."""
    meipass = tmp_path / "_internal"
    frozen = meipass / "dispense_app" / "ui" / "resources.py"
    frozen.parent.mkdir(parents=True)
    frozen.write_bytes((REPO / "dispense_app" / "ui" / "resources.py").read_bytes())
    module = _load(frozen, "frozen_resources_probe")
    dests = {dest for _, dest in bundle.resource_datas(tmp_path)}
    for dest in dests:
        assert (meipass / dest).is_relative_to(module.resource_path())
    assert module.resource_path("icons", "app.svg") == meipass / "resources" / "icons" / "app.svg"


def test_version_is_written_in_one_place() -> None:
    from dispense_app import __version__
    from dispense_app._version import __version__ as written

    assert __version__ == written
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "dispense_app._version.__version__"}
    assert "version" not in pyproject["project"]
    # the packaging reads it (spec -> exe version resource -> installer), never repeats it
    literal = re.compile(rf"(?<![\d.]){re.escape(written)}(?![\d.])")
    for path in [*PACKAGING.rglob("*"), REPO / "scripts" / "build-frozen.sh"]:
        if path.is_file() and path.suffix in {".py", ".spec", ".iss", ".ps1", ".sh"}:
            assert not literal.search(path.read_text(encoding="utf-8")), f"{path} repeats the version"
    assert "_version.py" in (PACKAGING / "dispense-app.spec").read_text(encoding="utf-8")


def test_installer_definition_keeps_its_identity_and_data_away_from_the_exe() -> None:
    iss = (PACKAGING / "windows" / "dispense-app.iss").read_text(encoding="utf-8")
    guid = re.search(r'#define AppGuid "\{([0-9A-F-]{36})\}"', iss)
    assert guid is not None
    # the AppId is the upgrade identity: changing it would install a second copy beside the first
    assert guid.group(1) == "B9409614-57D0-4717-94AB-4B1DC994B31E"
    assert "PrivilegesRequired=admin" in iss
    assert "{autoprograms}" in iss
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in iss
    assert "{commonappdata}\\dispense-app" in iss
    data_lines = [line for line in iss.splitlines() if line.startswith(("Name:", "Root:")) and "{app}" in line]
    assert all("Filename:" in line for line in data_lines), (
        f"nothing but shortcuts may point into {{app}}: {data_lines}"
    )


def test_libdmtx_run_time_hook_prefers_the_bundled_library(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("pylibdmtx loads its own DLL on Windows")
    (tmp_path / "libdmtx.so.0").write_bytes(b"")
    code = (
        "import sys, runpy, ctypes.util\n"
        f"sys._MEIPASS = {str(tmp_path)!r}\n"
        f"runpy.run_path({str(PACKAGING / 'rthooks' / 'pyi_rth_libdmtx.py')!r})\n"
        "print(ctypes.util.find_library('dmtx'))\n"
        "print(ctypes.util.find_library('c'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ}
    ).stdout.splitlines()
    assert out[0] == str(tmp_path / "libdmtx.so.0")
    assert out[1] not in ("None", str(tmp_path / "libdmtx.so.0"))  # other libraries: the system's answer


def test_libdmtx_is_found_for_the_linux_bundle(bundle: ModuleType) -> None:
    if sys.platform == "win32":
        pytest.skip("Linux/macOS lookup")
    import ctypes.util

    if ctypes.util.find_library("dmtx") is None:
        pytest.skip("libdmtx is not installed here (scripts/setup.sh installs libdmtx0b)")
    [(path, dest)] = bundle.libdmtx_binaries()
    assert Path(path).is_file() and dest == "."
