#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite offscreen, then print which lines of editor/
# no test ran (files fully covered are left out; there is no threshold: read the list).
# Extra arguments go to pytest (--no-cov leaves the report out).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest --cov=editor --cov-report=term-missing:skip-covered "$@"
