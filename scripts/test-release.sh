#!/usr/bin/env bash
# Tests the self-contained release (scripts/release.sh): unpacks the tarball into an empty
# folder and runs it with a clean environment (env -i), where possible also with the Swift
# toolchain (/opt/swift) and the system OpenBLAS hidden (a private mount namespace); checks
# ldd (no toolchain library, everything else bundled or the C/C++ runtime), the checksums, that
# all plugins are listed (the external `ratios` included), that DEA, SFA and ratios examples
# print what the development build prints, and that the bundled check suite holds. Then
# installs the .deb with apt-get and runs it, and removes it again.
# Options: --skip-build (test the existing dist/ build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SKIP=""
[ "${1:-}" = "--skip-build" ] && SKIP="--skip-build"
fail() { echo "test-release: FAIL: $*" >&2; exit 1; }
pass=0
ok() { echo "test-release: ok: $*"; pass=$((pass + 1)); }

start=$(date +%s)
bash scripts/release.sh $SKIP
echo "test-release: release.sh took $(( $(date +%s) - start )) s"

DEV="$(swift build --show-bin-path)/tolok"
[ -x "$DEV" ] || swift build --product tolok
VERSION=$("$DEV" --version)
NAME="tolok-$VERSION-linux-$(uname -m)"
TARBALL="$ROOT/dist/$NAME.tar.gz"
[ -f "$TARBALL" ] || fail "no $TARBALL"
(cd dist && sha256sum -c "$NAME.tar.gz.sha256" >/dev/null) || fail "tarball checksum"
ok "tarball checksum"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/unpacked" "$WORK/cwd"
tar -xzf "$TARBALL" -C "$WORK/unpacked"
PKG="$WORK/unpacked/$NAME"
for f in tolok libTolokRatios.so README.md LICENSE SHA256SUMS RELEASE.txt lib THIRD-PARTY-LICENSES; do
  [ -e "$PKG/$f" ] || fail "the tarball has no $f"
done
(cd "$PKG" && sha256sum -c SHA256SUMS >/dev/null) || fail "SHA256SUMS inside the tarball"
ok "contents and SHA256SUMS"

# ldd: nothing from the toolchain, nothing missing, everything else bundled or base C/C++ runtime.
for f in "$PKG/tolok" "$PKG/libTolokRatios.so" "$PKG"/lib/*; do
  out=$(ldd "$f")
  if grep -q "/opt/swift\|libswift\|libFoundation\|libdispatch" <<<"$out"; then fail "ldd $f shows a toolchain library:\n$out"; fi
  if grep -q "not found" <<<"$out"; then fail "ldd $f: a library is not found:\n$out"; fi
  while read -r soname _ path _; do
    case "$soname" in linux-vdso*|ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libstdc++.so*|libgcc_s.so*|libz.so*) continue ;; esac
    case "$path" in "$PKG"/lib/*) ;; *) fail "ldd $f: $soname comes from $path, not from the bundle" ;; esac
  done < <(grep "=> /" <<<"$out")
done
ok "ldd: no toolchain library; BLAS/LAPACK/gfortran from the bundle"

# Run the release in a clean environment from an empty folder; hide /opt/swift and the system
# OpenBLAS when a private mount namespace can be had (root, unshare).
HIDE=""
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
  mkdir -p "$WORK/empty"
  HIDE="mount --bind $WORK/empty /opt/swift 2>/dev/null || true;"
  for d in /usr/lib/x86_64-linux-gnu/openblas-pthread /usr/lib/x86_64-linux-gnu/lapack /usr/lib/x86_64-linux-gnu/blas; do
    [ -d "$d" ] && HIDE="$HIDE mount --bind $WORK/empty $d;"
  done
  echo "test-release: running with /opt/swift and the system BLAS/LAPACK hidden"
fi
release() {
  local args=""
  for a in "$@"; do args="$args '$a'"; done
  if [ -n "$HIDE" ]; then
    unshare -m sh -c "$HIDE cd '$WORK/cwd' && exec env -i '$PKG/tolok' $args"
  else
    (cd "$WORK/cwd" && env -i "$PKG/tolok" "$@")
  fi
}
dev() { (cd "$WORK/cwd" && "$DEV" "$@"); }

[ "$(release --version)" = "$VERSION" ] || fail "tolok --version: $(release --version) (development build: $VERSION)"
ids() { awk '{ print $1 }'; }
listed=$(release plugins)
[ "$(ids <<<"$listed")" = "$(dev plugins | ids)" ] || fail "plugins differ:\n$(release plugins)\n--- development build:\n$(dev plugins)"
grep -q "^ratios .*external: $PKG/libTolokRatios.so" <<<"$listed" || fail "ratios is not loaded from the bundle"
ok "tolok --version; all $(wc -l <<<"$listed") plugins listed, ratios from the bundle"

D="$ROOT/Datasets"
examples=(
  "run dea --data $D/cst_hospitals_12.csv --id dmu --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients --rts vrs --scale"
  "run dea --data $D/power_plants_6.csv --id dmu --inputs x1_manpower,x2_construction_cost,x3_maintenance_cost,x4_villages_evacuated --outputs y1_power_mw,y2_safety_level --rts vrs --super"
  "run sfa --data $D/front41_eg1_logs.csv --id firm --y ly --x lk,ll"
  "run sfa --data $D/front41_eg4_panel.csv --id firm --y output --x capital,labour --log --period period"
  "run ratios --data $D/cst_hospitals_12.csv --id dmu --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients"
  "run branch-comparison --data $D/branches/branches_2025.csv"
)
for e in "${examples[@]}"; do
  # shellcheck disable=SC2086
  a=$(release $e) || fail "release: tolok $e"
  # shellcheck disable=SC2086
  b=$(dev $e) || fail "development build: tolok $e"
  [ "$a" = "$b" ] || { diff <(echo "$b") <(echo "$a") | head -20 >&2; fail "output differs from the development build: tolok $e"; }
done
ok "${#examples[@]} DEA, SFA, ratios and branch examples print what the development build prints"

release check "$D/suite.yaml" > "$WORK/check.txt" || { cat "$WORK/check.txt" >&2; fail "the bundled suite does not hold in the release build"; }
ok "tolok check Datasets/suite.yaml holds in the release build ($(tail -1 "$WORK/check.txt"))"
completion=$(release --generate-completion-script bash)
grep -q "_tolok_run" <<<"$completion" || fail "completion script"
ok "completion script"

# The Debian package from the same build.
DEB="$ROOT/dist/tolok_${VERSION}_$(dpkg --print-architecture 2>/dev/null || echo amd64).deb"
if [ -f "$DEB" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if dpkg -s tolok >/dev/null 2>&1; then echo "test-release: a tolok package is already installed; it is replaced and removed" >&2; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB" >/dev/null 2>"$WORK/apt.err" || { cat "$WORK/apt.err" >&2; fail "apt-get install $DEB"; }
  trap 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tolok >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
  [ "$(cd "$WORK/cwd" && env -i /usr/bin/tolok --version)" = "$VERSION" ] || fail "installed tolok --version"
  installed=$(cd "$WORK/cwd" && env -i /usr/bin/tolok plugins)
  grep -q "^ratios .*external: /usr/lib/tolok/libTolokRatios.so" <<<"$installed" || fail "installed: ratios not listed"
  a=$(cd "$WORK/cwd" && env -i /usr/bin/tolok ${examples[0]}); b=$(dev ${examples[0]})
  [ "$a" = "$b" ] || fail "installed package: DEA output differs"
  if ldd /usr/lib/tolok/tolok | grep "/opt/swift"; then fail "installed tolok links the toolchain"; fi
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tolok >/dev/null
  [ ! -e /usr/bin/tolok ] || fail "apt-get remove left /usr/bin/tolok"
  ok "apt-get install ./$(basename "$DEB"): runs, lists ratios, same DEA output; removed again"
else
  echo "test-release: .deb not tested (needs root, apt-get and dist/*.deb)"
fi
echo "test-release: $pass passed, 0 failed ($(( $(date +%s) - start )) s)"
