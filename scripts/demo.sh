#!/usr/bin/env bash
# The main job on a bundled dataset: installs the system libraries if missing, builds Tolok in
# release mode, lists the plugins and runs an analysis from Datasets/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release
TOLOK=.build/release/tolok
echo "== tolok plugins"
$TOLOK plugins
echo
echo "== Branch comparison: underwriting + DEA on the bundled synthetic branches"
$TOLOK run branch-comparison --data Datasets/branches/branches_2025.csv
