#!/usr/bin/env bash
# Installs the system libraries Tolok links against (Debian: OpenBLAS and LAPACKE) and the
# Python package the tests validate JSON output with (jsonschema, draft 2020-12:
# scripts/validate-json.py), only if they are missing. Safe to run repeatedly.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! python3 -c 'from jsonschema import Draft202012Validator' 2>/dev/null; then
  echo "Installing the Python package jsonschema..." >&2
  python3 -m pip install -q 'jsonschema>=4.0' 2>/dev/null || python3 -m pip install -q --user 'jsonschema>=4.0' \
    || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-jsonschema >/dev/null; }
fi
if [ -f /usr/include/x86_64-linux-gnu/cblas.h ] || [ -f /usr/include/cblas.h ]; then
  if [ -f /usr/include/lapacke.h ]; then exit 0; fi
fi
echo "Installing libopenblas-dev and liblapacke-dev with apt-get..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libopenblas-dev liblapacke-dev >/dev/null
