#!/usr/bin/env bash
# One command: set everything up and run the whole test suite, lint and type checks.
# Extra arguments go to pytest (e.g. scripts/test.sh -m slow for the long fuzz and crash runs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/mypy
if [ "$#" -eq 0 ]; then
  set -- -m "not slow"
fi
exec .venv/bin/python -m pytest "$@"
