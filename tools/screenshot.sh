#!/usr/bin/env bash
# Screenshot the real window under Xvfb: bash tools/screenshot.sh OUT.png [python-setup-script]
# The optional script is run inside the app (see tools/screenshot_scene.py) to set up a scene.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/screenshot.sh OUT.png [SCENE]}
scene=${2:-}
command -v xvfb-run >/dev/null || { echo "needs Debian's xvfb and imagemagick" >&2; exit 2; }
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  .venv/bin/python tools/screenshot_scene.py "$1" &
  app=$!
  ready="${TMPDIR:-/tmp}/scene-ready.$app"
  for _ in $(seq 100); do [ -f "$ready" ] && break; sleep 0.1; done
  import -window root "$0"
  kill $app; rm -f "$ready"
' "$out" "$scene"
echo "wrote $out"
