#!/usr/bin/env bash
# The distributed driver's tests (Distributed/tests, issue #18): a LocalCluster of 2 worker
# processes on loopback runs the package against a release tolok — the self-contained one that
# scripts/release.sh put in dist/ when it exists (what a cluster's shared filesystem would hold),
# else .build/release/tolok (built here if missing). Installs the package and its test
# dependencies (dask[distributed], pandas, pyarrow, pytest) with pip.
# Usage: scripts/test-dask.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
python3 -m pip install -q -e "Distributed[test]" 2>/dev/null || python3 -m pip install -q "Distributed[test]"
BIN=""
for candidate in dist/tolok-*-linux-*/tolok; do
  [ -x "$candidate" ] && BIN="$(pwd)/$candidate"
done
if [ -z "$BIN" ]; then
  [ -x .build/release/tolok ] || swift build -c release --product tolok
  BIN="$(pwd)/.build/release/tolok"
fi
echo "test-dask: tolok = $BIN"
start=$(date +%s)
TOLOK_BIN="$BIN" python3 -m pytest -q -p no:cacheprovider Distributed/tests "$@"
echo "test-dask: Distributed/tests in $(( $(date +%s) - start )) s"
