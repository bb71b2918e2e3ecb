#!/usr/bin/env bash
# Runs the whole Tolok test suite: unit, regression (Datasets/) and end-to-end tests, then the
# notebooks (Notebooks/*.ipynb) against the debug tolok just built. Arguments go to `swift test`
# (e.g. --filter NAME); with arguments the notebooks are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
if [ "$#" -eq 0 ]; then
  python3 scripts/run-notebooks.py --tolok .build/debug/tolok
fi
