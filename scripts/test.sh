#!/usr/bin/env bash
# One command: set everything up and run the whole test suite, lint and type checks.
# Extra arguments go to pytest (e.g. scripts/test.sh -m slow for the long fuzz and crash runs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/mypy
# Slow tests (long fuzz runs, hundreds of crash kills) only when asked for with -m.
case " $* " in
  *" -m "*|*" -m="*) exec .venv/bin/python -m pytest "$@" ;;
  *) exec .venv/bin/python -m pytest -m "not slow" "$@" ;;
esac
