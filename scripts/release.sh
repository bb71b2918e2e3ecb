#!/usr/bin/env bash
# Builds a self-contained Linux release of Tolok from this checkout:
#   dist/tolok-VERSION-linux-ARCH/      tolok, libTolokRatios.so (external plugin, found beside
#                                        tolok), lib/ (OpenBLAS, LAPACK(E), gfortran runtime),
#                                        README.md, LICENSE, SHA256SUMS
#   dist/tolok-VERSION-linux-ARCH.tar.gz and its .sha256
#   dist/tolok_VERSION_ARCH.deb          the same files under /usr/lib/tolok, /usr/bin/tolok
# The Swift standard library and Foundation are linked statically (--static-swift-stdlib); the
# BLAS/LAPACK libraries ship in lib/ and are found through the rpath $ORIGIN/lib, so the
# release runs on a Debian machine with no Swift toolchain and no OpenBLAS.
# Options: --no-deb (skip the Debian package), --skip-build (package the existing build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEB=1
BUILD=1
for a in "$@"; do
  case "$a" in
    --no-deb) DEB=0 ;;
    --skip-build) BUILD=0 ;;
    *) echo "release.sh: unknown option $a" >&2; exit 2 ;;
  esac
done

bash scripts/install-deps.sh
VERSION=$(sed -n 's/^ *static let string = "\(.*\)"/\1/p' Sources/tolok/TolokCommand.swift)
[ -n "$VERSION" ] || { echo "release.sh: cannot read the version from Sources/tolok/TolokCommand.swift" >&2; exit 1; }
ARCH=$(uname -m)
case "$ARCH" in x86_64) DEBARCH=amd64 ;; aarch64) DEBARCH=arm64 ;; *) DEBARCH=$ARCH ;; esac

SCRATCH=${TOLOK_RELEASE_SCRATCH:-.build}
FLAGS=(-c release --scratch-path "$SCRATCH" --static-swift-stdlib
       -Xlinker -rpath -Xlinker '$ORIGIN/lib' -Xlinker -rpath -Xlinker '$ORIGIN/../lib/tolok/lib')
if [ "$BUILD" = 1 ]; then
  start=$(date +%s)
  swift build "${FLAGS[@]}" --product tolok
  swift build "${FLAGS[@]}" --product TolokRatios
  echo "release.sh: release build in $(( $(date +%s) - start )) s" >&2
fi
BIN=$(swift build "${FLAGS[@]}" --show-bin-path)

NAME="tolok-$VERSION-linux-$ARCH"
DIST="$ROOT/dist"
OUT="$DIST/$NAME"
rm -rf "$OUT" "$DIST/$NAME.tar.gz" "$DIST/$NAME.tar.gz.sha256" "$DIST/tolok_${VERSION}_${DEBARCH}.deb"
mkdir -p "$OUT/lib"
install -m 755 "$BIN/tolok" "$OUT/tolok"
install -m 644 "$BIN/libTolokRatios.so" "$OUT/libTolokRatios.so"
strip --strip-unneeded "$OUT/tolok" "$OUT/libTolokRatios.so" 2>/dev/null || true

# Ship every shared library the binaries need except the C/C++ runtime every Debian has.
is_base() {
  case "$1" in
    linux-vdso.so*|ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libstdc++.so*|libgcc_s.so*|libz.so*) return 0 ;;
    *) return 1 ;;
  esac
}
copy_deps() {
  ldd "$1" | awk '/=> \// { print $1, $3 }' | while read -r soname path; do
    if is_base "$soname"; then continue; fi
    case "$path" in /opt/swift*|*/usr/lib/swift/*) echo "release.sh: $1 needs toolchain library $path" >&2; exit 1 ;; esac
    if [ ! -e "$OUT/lib/$soname" ]; then
      cp -L "$path" "$OUT/lib/$soname"
      chmod 644 "$OUT/lib/$soname"
      copy_deps "$OUT/lib/$soname"
    fi
  done
}
copy_deps "$OUT/tolok"
copy_deps "$OUT/libTolokRatios.so"
# The copied libraries find each other in the same folder.
if command -v patchelf >/dev/null 2>&1; then
  for f in "$OUT"/lib/*.so*; do patchelf --set-rpath '$ORIGIN' "$f"; done
fi

cp README.md "$OUT/README.md"
# Tolok's own license, and the licenses of everything linked in or shipped beside it.
if [ -f LICENSE ]; then
  cp LICENSE "$OUT/LICENSE"
else
  echo "release.sh: WARNING: the repository has no LICENSE file; the release says so in LICENSE" >&2
  cat > "$OUT/LICENSE" <<TXT
Tolok $VERSION: the repository this release was built from carries no license file, so no
license to Tolok's own code is granted by this release. The third-party components it
contains are under the licenses in THIRD-PARTY-LICENSES/.
TXT
fi
TP="$OUT/THIRD-PARTY-LICENSES"
mkdir -p "$TP"
SWIFTC=$(command -v swiftc || true)
SWIFT_LICENSE=$( [ -n "$SWIFTC" ] && readlink -f "$SWIFTC" | sed 's|/bin/swiftc$|/share/swift/LICENSE.txt|' )
[ -n "$SWIFT_LICENSE" ] && [ -f "$SWIFT_LICENSE" ] && cp "$SWIFT_LICENSE" "$TP/swift-runtime-and-foundation.txt"
for dep in swift-argument-parser Yams; do
  for f in "$SCRATCH"/checkouts/$dep/LICENSE*; do [ -f "$f" ] && cp "$f" "$TP/$dep.txt"; done
done
for lib in "$OUT"/lib/*; do
  src=$(ldd "$OUT/tolok" "$OUT/libTolokRatios.so" "$OUT"/lib/* 2>/dev/null | awk -v s="$(basename "$lib")" '$1 == s && $3 ~ /^\// { print $3; exit }')
  [ -n "$src" ] || src="/usr/lib/$(gcc -dumpmachine 2>/dev/null)/$(basename "$lib")"
  pkg=$(dpkg -S "$(readlink -f "$src")" 2>/dev/null | head -1 | cut -d: -f1 || true)
  [ -n "$pkg" ] && [ -f "/usr/share/doc/$pkg/copyright" ] && cp "/usr/share/doc/$pkg/copyright" "$TP/$pkg.copyright"
done
cat > "$OUT/RELEASE.txt" <<TXT
Tolok $VERSION for Linux $ARCH, built $(date -u +%Y-%m-%d) from $(git rev-parse --short HEAD 2>/dev/null || echo "an unversioned tree").
Run ./tolok --help. LICENSE and THIRD-PARTY-LICENSES/ give the licenses. The external plugin libTolokRatios.so sits beside tolok and is found there;
lib/ holds OpenBLAS, LAPACK(E) and the gfortran runtime, found through the rpath \$ORIGIN/lib.
Needs only the C and C++ runtime of the system (libc6, libstdc++6, libgcc-s1).
Bundled libraries: $(cd "$OUT/lib" && ls | tr '\n' ' ')
TXT
(cd "$OUT" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
tar -C "$DIST" --owner=0 --group=0 --numeric-owner -czf "$DIST/$NAME.tar.gz" "$NAME"
(cd "$DIST" && sha256sum "$NAME.tar.gz" > "$NAME.tar.gz.sha256")
echo "release.sh: $DIST/$NAME.tar.gz" >&2

if [ "$DEB" = 1 ]; then
  if ! command -v dpkg-deb >/dev/null 2>&1; then echo "release.sh: dpkg-deb not found; skipping the .deb" >&2; exit 0; fi
  PKG=$(mktemp -d)
  mkdir -p "$PKG/DEBIAN" "$PKG/usr/lib/tolok" "$PKG/usr/bin" "$PKG/usr/share/doc/tolok"
  cp -a "$OUT/tolok" "$OUT/libTolokRatios.so" "$OUT/lib" "$PKG/usr/lib/tolok/"
  ln -s ../lib/tolok/tolok "$PKG/usr/bin/tolok"
  cp "$OUT/README.md" "$OUT/RELEASE.txt" "$PKG/usr/share/doc/tolok/"
  cp "$OUT/LICENSE" "$PKG/usr/share/doc/tolok/copyright"
  cp -a "$OUT/THIRD-PARTY-LICENSES" "$PKG/usr/share/doc/tolok/"
  SIZE=$(du -sk "$PKG/usr" | cut -f1)
  cat > "$PKG/DEBIAN/control" <<CTL
Package: tolok
Version: $VERSION
Architecture: $DEBARCH
Maintainer: Tolok maintainers <tolok@localhost>
Installed-Size: $SIZE
Depends: libc6, libstdc++6, libgcc-s1
Section: science
Priority: optional
Description: efficiency analysis and benchmarking workbench (DEA, SFA, insurance)
 Tolok runs analysis plugins (data envelopment analysis, two-stage DEA, stochastic
 frontiers, insurance calculations) on CSV files. Self-contained: Swift runtime linked
 statically, OpenBLAS and LAPACK shipped in /usr/lib/tolok/lib.
CTL
  (cd "$PKG" && find usr -type f | LC_ALL=C sort | xargs md5sum > DEBIAN/md5sums)
  chmod -R go-w "$PKG"
  dpkg-deb --root-owner-group --build "$PKG" "$DIST/tolok_${VERSION}_${DEBARCH}.deb" >/dev/null
  rm -rf "$PKG"
  echo "release.sh: $DIST/tolok_${VERSION}_${DEBARCH}.deb" >&2
fi
