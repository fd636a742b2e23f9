#!/usr/bin/env bash
# Opt-in (not in CI): installs Stable-Baselines3 (with PyTorch) when missing, builds the Swift
# library, and trains SB3's PPO on SwiftRL/CartPole-v1 with rl-zoo's settings (exit status 1 below
# a greedy mean of 475). The CleanRL-style ppo.py beside it runs alone: python3 Python/examples/ppo.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -c "import stable_baselines3, torch" 2>/dev/null || python3 -m pip install -q stable-baselines3 torch
Python/build_library.sh >/dev/null
python3 Python/examples/sb3_ppo_cartpole.py "${1:-0}"
