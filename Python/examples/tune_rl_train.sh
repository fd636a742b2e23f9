#!/usr/bin/env bash
# Opt-in (not in CI): installs Ray Tune, builds `rl` in release, and runs tune_rl_train.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -c "import ray.tune" 2>/dev/null || python3 -m pip install -q "ray[tune]"
swift build -c release --product rl
RL_BINARY="$PWD/.build/release/rl" python3 Python/examples/tune_rl_train.py
