#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for dispense-app: system libraries (only those missing),
# a virtual environment in .venv and the package with its dev extras. Safe to run again.
# One line per step. `--system-only` stops after the system packages (tests of the apt step).
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
#   postgresql           server binaries (initdb, postgres) for the site-store tests: they start a
#                        throwaway server in a temporary folder (tests/pg_fixtures.py); no cluster
#                        is created or started by this script
SYSTEM_PACKAGES=(libdmtx0b libpulse0 libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 libxcb-randr0 xvfb xauth fonts-dejavu-core python3-venv postgresql)
# How long to wait for apt when another installation holds its lock (a freshly booted Ubuntu runs
# unattended-upgrades for a while), and how often to look again.
APT_WAIT_S="${SETUP_APT_WAIT_S:-300}"
APT_POLL_S="${SETUP_APT_POLL_S:-5}"
if [ "$APT_WAIT_S" -ge 60 ]; then APT_WAIT_TEXT="$((APT_WAIT_S / 60)) minutes"; else APT_WAIT_TEXT="$APT_WAIT_S seconds"; fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# apt-get "$@", waiting (bounded) while another apt or dpkg holds the lock; any other failure ends
# set-up with apt's own message.
apt_get() {
  local waited=0 out status
  while :; do
    status=0
    out=$(DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=0 "$@" 2>&1) || status=$?
    [ "$status" -eq 0 ] && return 0
    if ! grep -q -E 'Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock' <<<"$out"; then
      printf '%s\n' "$out" >&2
      echo "setup: apt-get $1 failed (exit status $status): see its message above" >&2
      exit "$status"
    fi
    if [ "$waited" -eq 0 ]; then
      echo "setup: apt is busy (another installation, often unattended-upgrades after a reboot): waiting up to $APT_WAIT_TEXT for it to finish"
    fi
    if [ "$(awk -v w="$waited" -v m="$APT_WAIT_S" 'BEGIN { print (w >= m) }')" = 1 ]; then
      echo "setup: apt is still locked after $APT_WAIT_TEXT. Let the other installation finish (see: ps aux | grep -E 'apt|dpkg'), or reboot, then run ./scripts/setup.sh again." >&2
      exit 1
    fi
    sleep "$APT_POLL_S"
    waited=$(awk -v w="$waited" -v p="$APT_POLL_S" 'BEGIN { print w + p }')
  done
}

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: 1/4 installing system packages: ${missing[*]}"
  if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    # only the binaries are wanted: no "main" cluster is created (and so none started) on install
    $SUDO mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: 1/4 system packages: all present"
fi
[ "${1:-}" = "--system-only" ] && exit 0

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: 2/4 creating the virtual environment .venv"
  "$PYTHON" -m venv .venv
else
  echo "setup: 2/4 virtual environment .venv: present"
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: 3/4 installing dispense-app and its dev tools into .venv (about a minute the first time)"
  # pip's own output goes to a log: shown only when the installation fails
  log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e '.[dev]'; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "setup: installing the Python packages failed: the last lines of pip's output are above (all of it: $log)" >&2
    exit 1
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
else
  echo "setup: 3/4 dispense-app in .venv: up to date"
fi

# Compiled translations (.qm) are build products: made from resources/i18n/*.ts here, never committed.
echo "setup: 4/4 compiling the translations"
.venv/bin/python -m dispense_app.ui.i18n --compile >/dev/null
echo "setup: done: .venv/bin/dispense-app is the command line"
