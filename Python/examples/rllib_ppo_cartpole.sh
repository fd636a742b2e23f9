#!/usr/bin/env bash
# Opt-in (not in CI): installs Ray RLlib (with PyTorch), builds the swiftrl wheel and installs
# it, as each node of a Ray cluster would, then runs rllib_ppo_cartpole.py.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import ray.rllib, torch" 2>/dev/null || python3 -m pip install -q "ray[rllib]" torch
./build_wheel.sh
python3 -m pip install -q --force-reinstall --no-deps dist/swiftrl-*.whl
cd /tmp && python3 "$OLDPWD/examples/rllib_ppo_cartpole.py"
