#!/usr/bin/env bash
# The binding's speed: the C loop (no Python) and steps_per_second.py. Needs build_library.sh
# to have run; PYTHON names the interpreter (one with EnvPool installed adds its column). The machine is shared: compare rows taken in one sitting, not with other days.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/step_loop" Python/benchmarks/step_loop.c -ISources/RLCInterface/include \
    -LPython/swiftrl -lRLCInterface -Wl,-rpath,"$PWD/Python/swiftrl"
for copies in 1 64 1024; do "$work/step_loop" "$copies" 1; done
"${PYTHON:-python3}" Python/benchmarks/steps_per_second.py
