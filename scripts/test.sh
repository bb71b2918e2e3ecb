#!/usr/bin/env bash
# Runs the whole Tolok test suite: unit, regression (Datasets/) and end-to-end tests, the
# bundled check suite, and the self-contained release build and its test.
# TOLOK_SKIP_RELEASE=1 skips the release build and test (a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
start=$(date +%s)
"$(swift build --show-bin-path)/tolok" check Datasets/suite.yaml --junit "$(swift build --show-bin-path)/check-junit.xml"
echo "test.sh: tolok check Datasets/suite.yaml in $(( $(date +%s) - start )) s"
if [ "${TOLOK_SKIP_RELEASE:-0}" != "1" ]; then
  bash scripts/test-release.sh
fi
