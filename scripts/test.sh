#!/usr/bin/env bash
# Runs the whole Tolok test suite: unit, regression (Datasets/) and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
