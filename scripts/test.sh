#!/usr/bin/env bash
# Runs the whole Tolok test suite: the layering check, unit, regression (Datasets/) and
# end-to-end tests, the bundled check suite, the notebooks (Notebooks/*.ipynb) against the debug
# tolok just built, the report pages in headless Chromium (scripts/browser-test.py), the
# self-contained release build and its test, and the Dask driver's tests (scripts/test-dask.sh).
# Arguments go to `swift test` (e.g. --filter NAME); with arguments only the Swift tests run.
# TOLOK_SKIP_RELEASE=1 skips the release build and test (a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/check-layers.sh
# A target that imports a module it does not declare fails the build (docs/ARCHITECTURE.md).
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build "$@"
if [ "$#" -eq 0 ]; then
  start=$(date +%s)
  "$(swift build --show-bin-path)/tolok" check Datasets/suite.yaml --junit "$(swift build --show-bin-path)/check-junit.xml"
  echo "test.sh: tolok check Datasets/suite.yaml in $(( $(date +%s) - start )) s"
  python3 scripts/run-notebooks.py --tolok "$(swift build --show-bin-path)/tolok"
  # xlsx output read by openpyxl and LibreOffice, --locale id CSV by pandas (each skipped with a
  # message when not installed, unless TOLOK_REQUIRE_XLSX_PEERS=1 as in .ci/run).
  start=$(date +%s)
  python3 scripts/xlsx-peer-test.py "$(swift build --show-bin-path)/tolok"
  echo "test.sh: xlsx peer test in $(( $(date +%s) - start )) s"
  # The HTML/PDF report pages in headless Chromium (installs chromium and poppler-utils if missing).
  start=$(date +%s)
  python3 scripts/browser-test.py "$(swift build --show-bin-path)/tolok"
  echo "test.sh: browser test in $(( $(date +%s) - start )) s"
  if [ "${TOLOK_SKIP_RELEASE:-0}" != "1" ]; then
    bash scripts/test-release.sh
  fi
  # The Dask driver (Distributed/) against the release tolok, on a 2-worker LocalCluster.
  bash scripts/test-dask.sh
fi
