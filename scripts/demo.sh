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
if $TOLOK plugins 2>/dev/null | grep -q '^dea '; then
  echo
  echo "== DEA, Cooper-Seiford-Tone hospitals (CRS, input orientation)"
  $TOLOK run dea --data Datasets/cst_hospitals_12.csv --id dmu \
    --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients --rts crs --orientation input
else
  echo
  echo "== Single-ratio indicators, Cooper-Seiford-Tone hospitals"
  $TOLOK run ratios --data Datasets/cst_hospitals_12.csv --id dmu \
    --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients
fi
