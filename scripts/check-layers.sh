#!/usr/bin/env bash
# Checks the layering rules of docs/ARCHITECTURE.md that the compiler's
# --explicit-target-dependency-import-check does not cover (it does not see system-library
# modules such as CLapack): exit 1 with one line per violation.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
fail() { echo "check-layers: $*" >&2; status=1; }

# Only TolokNumerics imports CLapack.
while IFS= read -r f; do fail "$f imports CLapack (only Sources/TolokNumerics may)"; done \
  < <(grep -rl --include='*.swift' -E '^\s*(@_exported\s+)?import\s+CLapack\b' Sources Models Plugins Benchmarks Tests | grep -v '^Sources/TolokNumerics/')

# Models depend on TolokNumerics, TolokDomain and Foundation only.
while IFS= read -r f; do fail "$f imports a module a model may not ($(grep -hE '^\s*import\s+(TolokCore|TolokPluginKit|TolokBuiltins|ArgumentParser)\b' "$f" | head -1))"; done \
  < <(grep -rlE --include='*.swift' '^\s*import\s+(TolokCore|TolokPluginKit|TolokBuiltins|ArgumentParser)\b' Models)

# Only TolokWorkbook (and its tests) imports ZIPFoundation and XMLCoder: Core stays free of them.
while IFS= read -r f; do fail "$f imports ZIPFoundation or XMLCoder (only Sources/TolokWorkbook may)"; done \
  < <(grep -rlE --include='*.swift' '^\s*(@_exported\s+)?import\s+(ZIPFoundation|XMLCoder)\b' Sources Models Plugins Benchmarks Tests | grep -vE '^(Sources/TolokWorkbook|Tests/TolokWorkbookTests)/')

# No plugin family imports another family's plugin target.
families="TolokDEA TolokTwoStageDEA TolokFrontier TolokInsurance TolokBranchComparison TolokRatios"
for dir in Plugins/*/; do
  [ -d "$dir" ] || continue
  for f in $(grep -rl --include='*.swift' -E '^\s*import\s+Tolok' "$dir"); do
    for m in $families; do
      if grep -qE "^\s*import\s+$m\s*$" "$f"; then
        own=$(grep -l "path: \"${dir%/}\"" Package.swift >/dev/null && grep -oE "name: \"[A-Za-z]+\", dependencies: \[[^]]*\], path: \"${dir%/}\"" Package.swift | sed -E 's/name: "([A-Za-z]+)".*/\1/')
        [ "$m" = "$own" ] || fail "$f imports $m, another plugin family's target (use its Models/ target)"
      fi
    done
  done
done

[ $status -eq 0 ] && echo "check-layers: ok (CLapack only in TolokNumerics; ZIPFoundation/XMLCoder only in TolokWorkbook; Models import no Core; no plugin imports another family)"
exit $status
