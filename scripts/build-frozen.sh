#!/usr/bin/env bash
# Builds the frozen Linux bundle (PyInstaller onedir, packaging/dispense-app.spec) and smoke-tests it.
#
#   scripts/build-frozen.sh            # set up, build dist/dispense-app/, print its size, run the smoke test
#   scripts/build-frozen.sh --no-setup # skip scripts/setup.sh (the venv is already there)
#
# Steps: scripts/setup.sh (system libraries incl. libdmtx0b, .venv); PyInstaller into the venv if
# missing (the `packaging` extra); the build (outputs in build/ and dist/, both git-ignored); the
# bundle size (fails above SIZE_LIMIT_MB, default the 250 MB bar; SIZE_LIMIT_MB=0 turns the check
# off); the smoke test (packaging/smoke_test.py). Exit status: 0 built, within the size bar and smoke
# test passed, non-zero otherwise.
# The Windows installer is built on Windows: packaging/windows/build.ps1 (docs/packaging.md).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

if [ "${1:-}" != "--no-setup" ]; then
  ./scripts/setup.sh
fi
PY=.venv/bin/python
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "build-frozen: installing PyInstaller into .venv"
  "$PY" -m pip install -q 'pyinstaller>=6'
fi

echo "build-frozen: building dist/dispense-app (log: build/pyinstaller.log)"
mkdir -p build
rm -rf dist/dispense-app
if ! "$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/dispense-app.spec >build/pyinstaller.log 2>&1; then
  tail -40 build/pyinstaller.log
  echo "build-frozen: PyInstaller failed (full log: build/pyinstaller.log)" >&2
  exit 1
fi
built=$(date +%s)

size_mb=$(du -sm dist/dispense-app | cut -f1)
files=$(find dist/dispense-app -type f | wc -l)
limit_mb=${SIZE_LIMIT_MB:-250}
echo "build-frozen: bundle dist/dispense-app: ${size_mb} MB, ${files} files (bar: ${limit_mb} MB)"
echo "build-frozen: largest parts:"
du -sm dist/dispense-app/_internal/* | sort -rn | sed -n '1,6s/^/  MB /p'

"$PY" packaging/smoke_test.py dist/dispense-app/dispense-app
end=$(date +%s)
echo "build-frozen: build $((built - start)) s, total with smoke test $((end - start)) s"
if [ "$limit_mb" -gt 0 ] && [ "$size_mb" -gt "$limit_mb" ]; then
  echo "build-frozen: bundle ${size_mb} MB is over the ${limit_mb} MB bar (SIZE_LIMIT_MB)" >&2
  exit 1
fi
