#!/usr/bin/env python3
"""SAC on Pendulum-v1 with rl-baselines3-zoo's settings: Stable-Baselines3 beside `rl train sac`.

Run by hand, not in CI (it needs `pip install stable-baselines3 gymnasium`; SB3 takes minutes a
seed on two cores):

    swift build -c release --product rl
    python3 Benchmarks/peers/sac_pendulum_sb3.py --seeds 0-2                # both sides, 256-256
    python3 Benchmarks/peers/sac_pendulum_sb3.py --side rl --width 64 --seeds 0-9

Both sides train with rl-zoo's Pendulum-v1 values (hyperparams/sac.yml: 20,000 steps, learning
rate 1e-3, SB3's other defaults: buffer 1,000,000, batch 256, 100 learning starts, γ 0.99,
τ 0.005, one gradient step a step, automatic entropy tuning towards −dim(A)) on networks of two
hidden layers of `--width` (the zoo's 256 by default) for actor and critics, then evaluate the
deterministic policy over 100 episodes. The script prints each seed's mean return, training
wall time and processor time, and the ratios of the medians.

The two sides run one after another, never at once. PyTorch is held to one thread
(`torch.set_num_threads(1)`), as `rl` trains on one; `--json FILE` keeps the raw results.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = 20_000
LEARNING_RATE = 1e-3
EVAL_EPISODES = 100
REPOSITORY = Path(__file__).resolve().parents[2]


def seeds_from(text: str) -> list[int]:
    """`0-9` or `0,3,5` as a list of seeds."""
    if "-" in text:
        first, last = text.split("-")
        return list(range(int(first), int(last) + 1))
    return [int(part) for part in text.split(",")]


def processor_seconds() -> float:
    """User and system time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_sb3(seed: int, width: int) -> dict:
    """Trains SB3's SAC for one seed; evaluates deterministically over 100 episodes."""
    import gymnasium as gym
    import numpy as np
    import torch
    from stable_baselines3 import SAC

    torch.set_num_threads(1)
    environment = gym.make("Pendulum-v1")
    model = SAC("MlpPolicy", environment, learning_rate=LEARNING_RATE, seed=seed, verbose=0,
                policy_kwargs={"net_arch": [width, width]}, device="cpu")
    start, start_cpu = time.perf_counter(), processor_seconds()
    model.learn(total_timesteps=STEPS)
    seconds, cpu = time.perf_counter() - start, processor_seconds() - start_cpu
    evaluation = gym.make("Pendulum-v1")
    returns = []
    for episode in range(EVAL_EPISODES):
        observation, _ = evaluation.reset(seed=10_000 + seed * EVAL_EPISODES + episode)
        total, done = 0.0, False
        while not done:
            action, _ = model.predict(observation, deterministic=True)
            observation, reward, terminated, truncated, _ = evaluation.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    return {"seed": seed, "mean_return": float(np.mean(returns)), "seconds": seconds, "cpu_seconds": cpu}


def run_rl(binary: str, seed: int, width: int) -> dict:
    """Trains `rl train sac pendulum` for one seed with the same values; reads its --json."""
    widths = f"{width},{width}"
    with tempfile.TemporaryDirectory() as folder:
        arguments = [binary, "train", "sac", "pendulum", "--seed", str(seed), "--steps", str(STEPS),
                     "--learning-rate", str(LEARNING_RATE), "--hidden", widths, "--critic-hidden", widths,
                     "--eval-episodes", str(EVAL_EPISODES), "--json", "--quiet", "--out", f"{folder}/run"]
        before = processor_seconds()
        finished = subprocess.run(arguments, capture_output=True, text=True, check=True)
        cpu = processor_seconds() - before
    summary = json.loads(finished.stdout)
    return {"seed": seed, "mean_return": summary["evaluation"]["mean_return"], "seconds": summary["seconds"],
            "cpu_seconds": cpu}


def report(name: str, results: list[dict]) -> None:
    per_seed = "  ".join(f"{r['seed']}:{r['mean_return']:.1f}" for r in results)
    seconds = [r["seconds"] for r in results]
    print(f"{name}: at least -200 on {sum(r['mean_return'] >= -200 for r in results)} of {len(results)} seeds")
    print(f"  per seed  {per_seed}")
    print(f"  training  median {statistics.median(seconds):.1f} s (min {min(seconds):.1f}, max {max(seconds):.1f}); "
          f"processor time, training and evaluation, median {statistics.median(r['cpu_seconds'] for r in results):.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-2", help="seeds, as 0-9 or 0,3,5 (default 0-2)")
    parser.add_argument("--side", choices=["both", "sb3", "rl"], default="both")
    parser.add_argument("--width", type=int, default=256, help="hidden layer width of actor and critics (default 256)")
    parser.add_argument("--rl", default=str(REPOSITORY / ".build/release/rl"), help="the release rl binary")
    parser.add_argument("--json", help="write the raw results to this file")
    arguments = parser.parse_args()
    seeds = seeds_from(arguments.seeds)
    print(f"SAC on Pendulum-v1, rl-zoo settings, {STEPS:,} steps, {arguments.width}-{arguments.width}, seeds {arguments.seeds}")
    results: dict[str, list[dict]] = {}
    if arguments.side in ("both", "sb3"):
        results["sb3"] = [run_sb3(seed, arguments.width) for seed in seeds]
        report("Stable-Baselines3", results["sb3"])
    if arguments.side in ("both", "rl"):
        results["rl"] = [run_rl(arguments.rl, seed, arguments.width) for seed in seeds]
        report("rl", results["rl"])
    if len(results) == 2:
        wall = statistics.median(r["seconds"] for r in results["sb3"]) / statistics.median(r["seconds"] for r in results["rl"])
        cpu = statistics.median(r["cpu_seconds"] for r in results["sb3"]) / statistics.median(r["cpu_seconds"] for r in results["rl"])
        print(f"SB3 / rl: training wall time {wall:.1f}, processor time {cpu:.1f}")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
