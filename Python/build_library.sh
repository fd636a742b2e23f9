#!/usr/bin/env bash
# Builds the C interface (Sources/RLCInterface) as a shared library that loads where Swift is not
# installed, and puts it into the Python package: Python/swiftrl/libRLCInterface.so.
#
# - The Swift runtime and Foundation are linked in statically (-static-stdlib); the library then
#   needs only the C and C++ runtimes of the system, which `ldd` checks below.
# - Only the swiftrl_* functions are exported (exports.map), so the Swift runtime inside cannot
#   clash with another one loaded in the same process; unused sections are dropped.
# - It builds in its own folder (.build/python-library), so the static flags do not invalidate
#   the package's usual release build. Linux only.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build/python-library
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")
static_libraries="$toolchain/lib/swift_static/linux"

swift build -c release --product RLCInterface --scratch-path "$scratch" \
    -Xswiftc -static-stdlib \
    -Xlinker -L"$static_libraries" \
    -Xlinker --version-script="$PWD/Python/exports.map" \
    -Xlinker --gc-sections

built="$scratch/release/libRLCInterface.so"
target=Python/swiftrl/libRLCInterface.so
cp "$built" "$target.tmp"
strip --strip-unneeded "$target.tmp"
mv "$target.tmp" "$target"

# The library must load without Swift, OpenBLAS or SDL: no libswift*, Foundation, BLAS or SDL
# among what it needs.
needed=$(ldd "$target")
if grep -E 'libswift|Foundation|dispatch|BlocksRuntime|blas|SDL|not found' <<<"$needed"; then
    echo "build_library.sh: $target still needs the libraries above" >&2
    exit 1
fi
echo "built $target ($(du -h "$target" | cut -f1)); it needs only:"
sed 's/ (0x[0-9a-f]*)//' <<<"$needed"
