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
need=()
command -v patchelf >/dev/null 2>&1 || need+=(patchelf)
command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  echo "release.sh: installing ${need[*]} with apt-get..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
VERSION=$(sed -n 's/^ *public static let string = "\(.*\)"/\1/p' Sources/TolokCore/Host/TolokVersion.swift)
[ -n "$VERSION" ] || { echo "release.sh: cannot read the version from Sources/TolokCore/Host/TolokVersion.swift" >&2; exit 1; }
ARCH=$(uname -m)
case "$ARCH" in x86_64) DEBARCH=amd64 ;; aarch64) DEBARCH=arm64 ;; *) DEBARCH=$ARCH ;; esac

SCRATCH=${TOLOK_RELEASE_SCRATCH:-.build}
# The static Swift libraries (for the plugin's shared library too; SwiftPM adds their folder
# only for executables). -Bsymbolic: the plugin binds to its own copy of the runtime and of
# TolokCore, not to the executable's (the two meet only through the C ABI).
FLAGS=(-c release --scratch-path "$SCRATCH" --static-swift-stdlib -Xlinker -rpath -Xlinker '$ORIGIN/lib')
BIN=$(swift build "${FLAGS[@]}" --show-bin-path)
if [ "$BUILD" = 1 ]; then
  start=$(date +%s)
  swift build "${FLAGS[@]}" --product tolok
  # The external plugin: SwiftPM links dynamic libraries against the shared Swift runtime even
  # with --static-swift-stdlib, so its objects are compiled by SwiftPM and linked here with
  # -static-stdlib. --exclude-libs ALL (from static-stdlib-args.lnk) keeps the runtime's
  # symbols private and -Bsymbolic binds the plugin to its own copies: the host and the
  # plugin meet only through the C ABI (docs/PLUGINS.md).
  swift build "${FLAGS[@]}" --target TolokRatios
  swift package describe --type json > "$SCRATCH/package-description.json"
  python3 - "$SCRATCH/package-description.json" "$BIN" TolokRatios > "$SCRATCH/TolokRatios-objects.txt" <<'PY'
import json, os, sys
description, bin_path, root = sys.argv[1], sys.argv[2], sys.argv[3]
targets = {t["name"]: t for t in json.load(open(description))["targets"]}
order, todo = [], [root]
while todo:
    name = todo.pop()
    if name in order or name not in targets or targets[name]["type"] != "library" or targets[name]["module_type"] == "SystemLibraryTarget":
        continue
    order.append(name)
    todo += targets[name].get("target_dependencies", [])
for name in order:
    for source in targets[name]["sources"]:
        obj = os.path.join(bin_path, name + ".build", os.path.basename(source) + ".o")
        if not os.path.exists(obj):
            sys.exit(f"release.sh: missing object {obj}")
        print(obj)
PY
  swiftc -emit-library -static-stdlib -o "$BIN/libTolokRatios.so" @"$SCRATCH/TolokRatios-objects.txt" \
    -lopenblas -llapacke -Xlinker -Bsymbolic -Xlinker -rpath -Xlinker '$ORIGIN/lib' 2>&1 | grep -v "use of .mktemp. is dangerous" >&2 || true
  [ -f "$BIN/libTolokRatios.so" ] || { echo "release.sh: linking libTolokRatios.so failed" >&2; exit 1; }
  echo "release.sh: release build in $(( $(date +%s) - start )) s" >&2
fi

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
      echo "$soname $path" >> "$ORIGINS"
      chmod 644 "$OUT/lib/$soname"
      copy_deps "$OUT/lib/$soname"
    fi
  done
}
ORIGINS="$DIST/.origins-$NAME"
rm -f "$ORIGINS"
copy_deps "$OUT/tolok"
copy_deps "$OUT/libTolokRatios.so"
# The copied libraries find each other in the same folder (RUNPATH is not inherited).
for f in "$OUT"/lib/*.so*; do patchelf --set-rpath '$ORIGIN' "$f"; done

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
chmod -R u+w "$TP"
SWIFT_LICENSE="$(dirname "$(command -v swiftc)")/../share/swift/LICENSE.txt"
if [ -f "$SWIFT_LICENSE" ]; then cp "$SWIFT_LICENSE" "$TP/swift-runtime-and-foundation.txt"; fi
for dep in swift-argument-parser Yams ZIPFoundation XMLCoder; do
  for f in "$SCRATCH"/checkouts/$dep/LICENSE*; do if [ -f "$f" ]; then cp "$f" "$TP/$dep.txt"; fi; done
done
while read -r soname src; do
  real=$(readlink -f "$src")
  pkg=$( (dpkg -S "$real" 2>/dev/null || dpkg -S "/usr$real" 2>/dev/null || dpkg -S "${real#/usr}" 2>/dev/null) | head -1 | cut -d: -f1 || true)
  if [ -n "$pkg" ] && [ -f "/usr/share/doc/$pkg/copyright" ]; then cp "/usr/share/doc/$pkg/copyright" "$TP/$pkg.copyright"; fi
done < "$ORIGINS"
rm -f "$ORIGINS"
cat > "$OUT/RELEASE.txt" <<TXT
Tolok $VERSION for Linux $ARCH, built $(date -u +%Y-%m-%d) from $(git rev-parse --short HEAD 2>/dev/null || echo "an unversioned tree").
Run ./tolok --help. LICENSE and THIRD-PARTY-LICENSES/ give the licenses. The external plugin libTolokRatios.so sits beside tolok and is found there;
lib/ holds OpenBLAS, LAPACK(E) and the gfortran runtime, and libxml2 (with ICU and liblzma, for reading .xlsx), found through the rpath \$ORIGIN/lib.
Needs only the C and C++ runtime and zlib of the system (libc6, libstdc++6, libgcc-s1, zlib1g).
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
Depends: libc6, libstdc++6, libgcc-s1, zlib1g
Section: science
Priority: optional
Description: efficiency analysis and benchmarking workbench (DEA, SFA, insurance)
 Tolok runs analysis plugins (data envelopment analysis, two-stage DEA, stochastic
 frontiers, insurance calculations) on CSV files. Self-contained: Swift runtime linked
 statically, OpenBLAS and LAPACK shipped in /usr/lib/tolok/lib.
CTL
  (cd "$PKG" && find usr -type f | LC_ALL=C sort | xargs md5sum > DEBIAN/md5sums)
  chmod -R go-w "$PKG"
  dpkg-deb --root-owner-group -Zgzip --build "$PKG" "$DIST/tolok_${VERSION}_${DEBARCH}.deb" >/dev/null
  rm -rf "$PKG"
  echo "release.sh: $DIST/tolok_${VERSION}_${DEBARCH}.deb" >&2
fi
