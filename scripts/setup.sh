#!/usr/bin/env bash
# Set up once on a fresh Debian/Ubuntu machine, then again only when pyproject.toml (or this
# script, or the access oracle's package-lock.json) changes:
#  1. Python >= 3.11 with its venv module (installed with apt when missing);
#  2. the system libraries Qt needs (installed with apt when root, or through sudo);
#  3. a virtual environment in .venv;
#  4. the project and its test extra in it;
#  5. the access tests' oracle (npm), where npm is.
# While .venv/.setup-stamp holds the hash of those files, nothing is checked or downloaded:
# the editor starts offline. Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=.venv/.setup-stamp
oracle=tests/core/access/oracle
oracle_ready() { [ -d "$oracle/node_modules/@cloud-copilot/iam-simulate" ]; }
hashed=(pyproject.toml scripts/setup.sh)
[ ! -f "$oracle/package-lock.json" ] || hashed+=("$oracle/package-lock.json")
wanted="$(cat "${hashed[@]}" | sha256sum | cut -d' ' -f1)"
if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] &&
  { oracle_ready || [ ! -f "$oracle/package.json" ] || ! command -v npm >/dev/null; }; then
  exit 0
fi

step() { echo "setup [$1/5] $2"; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "setup: not a Debian system; install the equivalents of: $*" >&2
    exit 1
  fi
  echo "setup: installing with apt: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" \
    >/dev/null
}

# -- 1. Python >= 3.11 that can make a virtual environment with pip in it ------------------
step 1 "Python >= 3.11 with venv"
usable() { "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' \
  2>/dev/null; }
find_python() {
  for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null && usable "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! python="$(find_python)"; then
  # Debian ships venv's pip bootstrap (ensurepip) apart, in python3-venv.
  apt_install python3 python3-venv
  if ! python="$(find_python)"; then
    # An older release (Ubuntu 22.04: 3.10) may offer a newer Python beside its own.
    apt-cache show python3.11 >/dev/null 2>&1 && apt_install python3.11 python3.11-venv
    python="$(find_python)" || {
      echo "setup: this project needs Python >= 3.11 with its venv module; found" \
        "$(python3 --version 2>&1 || echo none). Install one and run again" \
        "(PYTHON=/path/to/python3.11 bash scripts/setup.sh)." >&2
      exit 1
    }
  fi
fi
echo "setup: using $("$python" --version 2>&1) ($(command -v "$python"))"

# -- 2. shared libraries that the PySide6 wheels load but do not ship ----------------------
# OpenGL/EGL, fonts, keyboard maps, D-Bus, GLib, and the xcb libraries of the X11 plugin.
step 2 "system libraries for Qt"
qt_debs=(
  libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core
)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
missing=()
for deb in "${qt_debs[@]}"; do
  installed "$deb" || missing+=("$deb")
done
# Debian 13 renamed GLib's runtime package (64-bit time_t transition).
if ! installed libglib2.0-0t64 && ! installed libglib2.0-0; then
  if apt-cache show libglib2.0-0t64 >/dev/null 2>&1; then
    missing+=(libglib2.0-0t64)
  else
    missing+=(libglib2.0-0)
  fi
fi
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null; then
    apt_install "${missing[@]}"
  else
    echo "setup: not a Debian system; install the equivalents of: ${missing[*]}" >&2
  fi
fi

# -- 3. the virtual environment and the project ---------------------------------------------
step 3 "virtual environment in .venv"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
step 4 "installing the project and its test extra (the first time takes a minute or two)"
# PyYAML from its wheel, never built from source: the wheels carry libyaml, whose loader
# reads templates ten times faster; a build on a machine without libyaml's headers has none.
if ! .venv/bin/python -m pip install --disable-pip-version-check --only-binary PyYAML \
  -e '.[test]'; then
  echo "setup: installing the project failed (see pip's messages above); nothing stamped," \
    "the next run tries again" >&2
  exit 1
fi

# Test-only: the IAM evaluator we did not write, the oracle of tests/core/access (Node.js and
# npm are on the project's machines; package-lock.json pins it). Not needed to run the editor:
# a failure here is reported and set-up goes on.
step 5 "the access tests' oracle (npm)"
if [ -f "$oracle/package.json" ] && ! oracle_ready; then
  if command -v npm >/dev/null; then
    echo "setup: installing the access oracle (npm ci in $oracle)"
    (cd "$oracle" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
      echo "setup: npm ci failed in $oracle; the access differential test needs it" >&2
  else
    echo "setup: npm not found; the access differential test needs Node.js and npm" >&2
  fi
fi
echo "$wanted" >"$stamp"
echo "setup: done; next time this is skipped until pyproject.toml changes"
