#!/usr/bin/env bash
# Installs R and the R peers Tolok is compared with (R Benchmarking and its lpSolveAPI dependency)
# for side-by-side runs on a developer's machine. Not used by CI: CRAN itself is not reachable
# here, so the two packages are built from source trees the developer supplies (e.g. snapshots of
# the CRAN mirror repositories cran/lpSolveAPI and cran/Benchmarking); R and the other
# dependencies come from Debian. Reference outputs made with R are committed under Datasets/ with
# their provenance, so the tests never need R.
#
# Usage: scripts/peers/install-r-peers.sh LPSOLVEAPI_SRC BENCHMARKING_SRC
#   e.g. git -C MIRROR archive HEAD | tar -x -C /tmp/lpSolveAPI  (one folder per package)
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 LPSOLVEAPI_SOURCE_DIR BENCHMARKING_SOURCE_DIR" >&2
  exit 2
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! command -v R >/dev/null; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq r-base-core r-base-dev r-cran-ucminf r-cran-quadprog r-cran-rcpp >/dev/null
fi
R CMD INSTALL "$1"
R CMD INSTALL "$2"
Rscript -e 'suppressMessages(library(Benchmarking)); cat("R Benchmarking", as.character(packageVersion("Benchmarking")), "installed\n")'
