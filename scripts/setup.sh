#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for dispense-app: system libraries (only those missing),
# a virtual environment in .venv and the package with its dev extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages:
#   libdmtx0b            libdmtx for the pylibdmtx decoder backend
#   libpulse0            QtMultimedia's sound effects (OK / STOP sounds)
#   libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3  Qt's runtime needs
#   libxcb-cursor0 + xcb libs  the Qt xcb platform plugin for a real window
#   xvfb xauth           a virtual screen for screenshots and the window smoke test
#   fonts-dejavu-core    a Unicode font for PDF alert reports and labels
#   python3-venv         the venv module on Debian/Ubuntu
SYSTEM_PACKAGES=(libdmtx0b libpulse0 libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 libxcb-randr0 xvfb xauth fonts-dejavu-core python3-venv)
missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Compiled translations (.qm) are build products: made from resources/i18n/*.ts here, never committed.
.venv/bin/python -m dispense_app.ui.i18n --compile >/dev/null
