"""Translations: Qt Linguist ``.ts`` sources in ``resources/i18n``, compiled to ``.qm`` by ``pyside6-lrelease``.

English is the source language (no translator needed). For another language the ``.qm`` is looked
for beside its ``.ts`` (put there by the build: ``python -m dispense_app.ui.i18n --compile``); if it
is missing or older than the ``.ts``, it is compiled once into the user cache folder. Qt's own
strings (dialog buttons, context menus) come from the ``qtbase_<lang>.qm`` that PySide6 ships.

Language: the ``language`` argument, else ``DISPENSE_APP_LANG``, else the system locale.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from dispense_app.ui.resources import resource_path

I18N_DIR = resource_path("i18n")
CATALOGUE = "dispense_app"
SHIPPED = ("en", "de")
ENV_LANG = "DISPENSE_APP_LANG"

_installed: list[QTranslator] = []


def pick_language(language: str | None = None) -> str:
    """The language to show: an explicit choice, the environment, the system locale; English fallback."""
    wanted = language or os.environ.get(ENV_LANG) or QLocale.system().name()
    code = wanted.replace("-", "_").split("_")[0].lower()
    return code if code in SHIPPED else "en"


def lrelease() -> str | None:
    """The ``pyside6-lrelease`` executable of this environment, if there is one."""
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    if beside.exists():
        return str(beside)
    return shutil.which("pyside6-lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile one ``.ts`` into ``.qm``. Returns False (and leaves nothing half-written) on failure."""
    tool = lrelease()
    if tool is None:
        return False
    import subprocess  # here, not at the top: the window's start (which imports this module) runs no tool

    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_suffix(".qm.tmp")
    done = subprocess.run([tool, "-silent", str(ts), "-qm", str(tmp)], capture_output=True, check=False)
    if done.returncode != 0 or not tmp.exists():
        tmp.unlink(missing_ok=True)
        return False
    tmp.replace(qm)
    return True


def _cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("dispense-app", "dispense-app")) / "i18n"


def qm_for(language: str) -> Path | None:
    """The compiled catalogue for ``language``: beside the ``.ts`` if current, else compiled into the cache."""
    ts = I18N_DIR / f"{CATALOGUE}_{language}.ts"
    built = ts.with_suffix(".qm")
    if not ts.exists():
        return built if built.exists() else None
    if built.exists() and built.stat().st_mtime >= ts.stat().st_mtime:
        return built
    cached = _cache_dir() / built.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if compile_ts(ts, cached) else None


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators for the chosen language; returns the language code in use."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = pick_language(language)
    if code == "en":
        return code
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    qm = qm_for(code)
    ours = QTranslator(app)
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        _installed.append(ours)
    return code


def compile_all() -> list[Path]:
    """Compile every shipped ``.ts`` beside itself (the build step). Returns the ``.qm`` files written."""
    written = []
    for ts in sorted(I18N_DIR.glob(f"{CATALOGUE}_*.ts")):
        qm = ts.with_suffix(".qm")
        if not compile_ts(ts, qm):
            raise SystemExit(f"could not compile {ts} (is pyside6-lrelease installed?)")
        written.append(qm)
    return written


if __name__ == "__main__":
    if sys.argv[1:] != ["--compile"]:
        raise SystemExit("usage: python -m dispense_app.ui.i18n --compile")
    for path in compile_all():
        print(path)
