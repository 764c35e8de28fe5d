#!/usr/bin/env bash
# One-time (and idempotent) set-up on a fresh Debian/Ubuntu machine:
#  1. the system libraries Qt needs (installed with apt when root, or through sudo);
#  2. a virtual environment in .venv with the project and its test extra.
# Usage: bash scripts/setup.sh            (quiet unless something is installed)
set -euo pipefail
cd "$(dirname "$0")/.."

# Shared libraries that the PySide6 wheels load but do not ship: OpenGL/EGL, fonts,
# keyboard maps, D-Bus, GLib, and the xcb libraries of the X11 platform plugin.
qt_debs=(
  libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core
)
# Debian 13 renamed GLib's runtime package (64-bit time_t transition).
if apt-cache show libglib2.0-0t64 >/dev/null 2>&1; then qt_debs+=(libglib2.0-0t64); else qt_debs+=(libglib2.0-0); fi

missing=()
for deb in "${qt_debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing+=("$deb")
done
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing Qt's system libraries: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "setup: not a Debian system; install the equivalents of: ${missing[*]}" >&2
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

# Test-only: the IAM evaluator we did not write, the oracle of tests/core/access (Node.js and
# npm are on the project's machines; package-lock.json pins it).
oracle=tests/core/access/oracle
if [ ! -d "$oracle/node_modules/@cloud-copilot/iam-simulate" ]; then
  if command -v npm >/dev/null; then
    echo "setup: installing the access oracle (npm ci in $oracle)"
    (cd "$oracle" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  else
    echo "setup: npm not found; the access differential test needs Node.js and npm" >&2
  fi
fi
