#!/usr/bin/env bash
# Runs the whole Tolok test suite: unit, regression (Datasets/) and end-to-end tests, then the
# notebooks (Notebooks/*.ipynb) against the debug tolok just built. Arguments go to `swift test`
# (e.g. --filter NAME); with arguments the notebooks are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/check-layers.sh
# A target that imports a module it does not declare fails the build (docs/ARCHITECTURE.md).
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build "$@"
if [ "$#" -eq 0 ]; then
  python3 scripts/run-notebooks.py --tolok .build/debug/tolok
fi
