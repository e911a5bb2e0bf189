#!/usr/bin/env bash
# One command: set everything up and start training mode (simulated hub, demo packs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/dispense-app demo "$@"
