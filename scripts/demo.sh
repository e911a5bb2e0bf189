#!/usr/bin/env bash
# One command: set everything up and start training mode (simulated hub, demo packs, counter window).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  # No desktop session (e.g. over SSH): show that training mode works on a virtual screen, then say
  # how to use it for real. The window needs a screen to be of use to a person.
  echo "demo: no screen here (DISPLAY/WAYLAND_DISPLAY unset): starting training mode on a virtual screen"
  echo "demo: for 10 seconds as a check. Run ./scripts/demo.sh from a desktop session to use it."
  exec xvfb-run -a .venv/bin/dispense-app demo --smoke 10 "$@"
fi
exec .venv/bin/dispense-app demo "$@"
