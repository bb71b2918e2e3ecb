#!/usr/bin/env bash
# Installs the system libraries Tolok links against (Debian: OpenBLAS and LAPACKE), only if
# they are missing. Safe to run repeatedly.
set -euo pipefail
if [ -f /usr/include/x86_64-linux-gnu/cblas.h ] || [ -f /usr/include/cblas.h ]; then
  if [ -f /usr/include/lapacke.h ]; then exit 0; fi
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "Installing libopenblas-dev and liblapacke-dev with apt-get..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libopenblas-dev liblapacke-dev >/dev/null
