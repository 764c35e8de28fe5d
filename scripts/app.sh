#!/usr/bin/env bash
# Set up (if needed) and launch the editor. Usage: bash scripts/app.sh [POLICY.json]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bash "$here/scripts/setup.sh"
exec "$here/.venv/bin/chime-policy-editor" "$@"
