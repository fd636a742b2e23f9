#!/usr/bin/env bash
# Builds the Swift library (build_library.sh) and the wheel that carries it, into Python/dist/:
# swiftrl-VERSION-py3-none-linux_x86_64.whl, installable where Swift is not.
set -euo pipefail
cd "$(dirname "$0")"
./build_library.sh
rm -rf build dist ./*.egg-info
python3 -m pip wheel --no-deps --no-build-isolation -w dist . >/dev/null
rm -rf build ./*.egg-info
ls -l dist/*.whl
