#!/usr/bin/env python3
"""DQN on CartPole-v1 with rl-baselines3-zoo's settings: Stable-Baselines3 beside `rl train dqn`.

Run by hand, not in CI (it needs `pip install stable-baselines3 gymnasium` and takes tens of
minutes on two cores):

    swift build -c release --product rl
    python3 Benchmarks/peers/dqn_cartpole_sb3.py                 # both sides, seeds 0-9
    python3 Benchmarks/peers/dqn_cartpole_sb3.py --side rl --seeds 0-2

Both sides train with rl-zoo's CartPole-v1 hyperparameters (hyperparams/dqn.yml) for 50,000
steps, without an early stop and without Double DQN (SB3's DQN has none), then evaluate the
greedy policy over 100 episodes. A seed counts as solved when that mean is at least 475
(Gymnasium's reward threshold for CartPole-v1). The script prints, per side, the success count,
each seed's greedy mean return, the distribution of those means, and the training wall times.

The two sides run one after another, never at once. PyTorch is held to one thread
(`torch.set_num_threads(1)`), as `rl` trains on one; `--json FILE` keeps the raw results.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# rl-baselines3-zoo, hyperparams/dqn.yml, CartPole-v1 ("Almost Tuned").
ZOO = {
    "n_timesteps": 50_000,
    "learning_rate": 2.3e-3,
    "batch_size": 64,
    "buffer_size": 100_000,
    "learning_starts": 1_000,
    "gamma": 0.99,
    "target_update_interval": 10,
    "train_freq": 256,
    "gradient_steps": 128,
    "exploration_fraction": 0.16,
    "exploration_final_eps": 0.04,
    "net_arch": [256, 256],
}
# SB3's DQN defaults that the zoo leaves as they are (and `rl` must match).
SB3_DEFAULTS = {"tau": 1.0, "exploration_initial_eps": 1.0, "max_grad_norm": 10.0}
SOLVED = 475.0
EVAL_EPISODES = 100
REPOSITORY = Path(__file__).resolve().parents[2]


def rl_arguments(seed: int) -> list[str]:
    """The `rl train dqn cartpole` options that spell out the zoo's values, one by one."""
    exploration_steps = round(ZOO["exploration_fraction"] * ZOO["n_timesteps"])
    return [
        "train", "dqn", "cartpole",
        "--seed", str(seed),
        "--steps", str(ZOO["n_timesteps"]),
        "--hidden", ",".join(map(str, ZOO["net_arch"])),
        "--activation", "relu",
        "--initialization", "uniform",
        "--learning-rate", repr(ZOO["learning_rate"]),
        "--batch-size", str(ZOO["batch_size"]),
        "--buffer-capacity", str(ZOO["buffer_size"]),
        "--learning-starts", str(ZOO["learning_starts"]),
        "--discount", repr(ZOO["gamma"]),
        "--target-update-interval", str(ZOO["target_update_interval"]),
        "--target-update-rate", repr(SB3_DEFAULTS["tau"]),
        "--train-frequency", str(ZOO["train_freq"]),
        "--gradient-steps", str(ZOO["gradient_steps"]),
        "--epsilon", f"linear:{SB3_DEFAULTS['exploration_initial_eps']!r},"
                     f"{ZOO['exploration_final_eps']!r},{exploration_steps}",
        "--loss", "huber",
        "--max-gradient-norm", repr(SB3_DEFAULTS["max_grad_norm"]),
        "--no-double-dqn",
        "--solved-threshold", "none",
        "--eval-episodes", str(EVAL_EPISODES),
        "--quiet", "--json",
    ]


def run_rl(seed: int, executable: Path, work: Path) -> dict:
    """Trains and evaluates with `rl`; the training time is the one `rl` measured, the processor
    time that of the whole process (training and evaluation)."""
    started, processor_started = time.perf_counter(), children_processor_time()
    completed = subprocess.run(
        [str(executable), *rl_arguments(seed), "--out", str(work / f"rl-seed{seed}")],
        capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    processor = children_processor_time() - processor_started
    if completed.returncode != 0:
        sys.exit(f"rl failed for seed {seed} (exit {completed.returncode}): {completed.stderr.strip()}")
    summary = json.loads(completed.stdout)
    evaluation = summary["evaluation"]
    return {"seed": seed, "greedy_mean": evaluation["mean_return"], "greedy_std": evaluation["std_return"],
            "train_seconds": summary["seconds"], "wall_seconds": wall, "processor_seconds": processor}


def children_processor_time() -> float:
    """User and system time of the finished child processes, in seconds."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_sb3(seed: int) -> dict:
    """Trains SB3's DQN as rl-zoo would (a one-environment DummyVecEnv with Monitor) and
    evaluates it greedily on a separately seeded environment."""
    import torch
    from stable_baselines3 import DQN
    from stable_baselines3.common.env_util import make_vec_env
    from stable_baselines3.common.evaluation import evaluate_policy

    torch.set_num_threads(1)
    started, processor_started = time.perf_counter(), time.process_time()
    environment = make_vec_env("CartPole-v1", n_envs=1, seed=seed)
    model = DQN(
        "MlpPolicy", environment, seed=seed, device="cpu", verbose=0,
        learning_rate=ZOO["learning_rate"], batch_size=ZOO["batch_size"], buffer_size=ZOO["buffer_size"],
        learning_starts=ZOO["learning_starts"], gamma=ZOO["gamma"],
        target_update_interval=ZOO["target_update_interval"], train_freq=ZOO["train_freq"],
        gradient_steps=ZOO["gradient_steps"], exploration_fraction=ZOO["exploration_fraction"],
        exploration_final_eps=ZOO["exploration_final_eps"], policy_kwargs={"net_arch": ZOO["net_arch"]},
        **SB3_DEFAULTS)
    training_started = time.perf_counter()
    model.learn(total_timesteps=ZOO["n_timesteps"])
    train_seconds = time.perf_counter() - training_started
    evaluation = make_vec_env("CartPole-v1", n_envs=1, seed=10_000 + seed)
    returns, _ = evaluate_policy(model, evaluation, n_eval_episodes=EVAL_EPISODES, deterministic=True,
                                 return_episode_rewards=True)
    wall, processor = time.perf_counter() - started, time.process_time() - processor_started
    return {"seed": seed, "greedy_mean": statistics.fmean(returns), "greedy_std": statistics.pstdev(returns),
            "train_seconds": train_seconds, "wall_seconds": wall, "processor_seconds": processor,
            "timesteps": model.num_timesteps}


def seed_range(text: str) -> list[int]:
    """`0-9` or `0,3,5`."""
    if "-" in text:
        first, last = text.split("-", 1)
        return list(range(int(first), int(last) + 1))
    return [int(part) for part in text.split(",")]


def report(name: str, results: list[dict]) -> None:
    means = [result["greedy_mean"] for result in results]
    solved = sum(mean >= SOLVED for mean in means)
    times = [result["train_seconds"] for result in results]
    processor = sum(result["processor_seconds"] for result in results)
    print(f"{name}: solved {solved} of {len(results)} (greedy mean ≥ {SOLVED:g} over {EVAL_EPISODES} episodes)")
    print("  per seed  " + "  ".join(f"{result['seed']}:{result['greedy_mean']:.1f}" for result in results))
    quartiles = statistics.quantiles(means, n=4, method="inclusive") if len(means) > 1 else [means[0]] * 3
    print(f"  returns   min {min(means):.1f}  q1 {quartiles[0]:.1f}  median {quartiles[1]:.1f}  "
          f"q3 {quartiles[2]:.1f}  max {max(means):.1f}  mean {statistics.fmean(means):.1f}")
    print(f"  training  {sum(times):.1f} s in all, {statistics.fmean(times):.1f} s a seed "
          f"(min {min(times):.1f}, max {max(times):.1f}); processor time, training and evaluation, "
          f"{processor:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=seed_range, default=list(range(10)), help="0-9 (default) or 0,3,5")
    parser.add_argument("--side", choices=["both", "sb3", "rl"], default="both")
    parser.add_argument("--rl", type=Path, default=REPOSITORY / ".build/release/rl",
                        help="the rl executable (default: .build/release/rl)")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    arguments = parser.parse_args()

    results: dict[str, list[dict]] = {}
    if arguments.side in ("both", "sb3"):
        results["sb3"] = []
        for seed in arguments.seeds:
            results["sb3"].append(run_sb3(seed))
            print(f"sb3 seed {seed}: greedy {results['sb3'][-1]['greedy_mean']:.1f}, "
                  f"{results['sb3'][-1]['train_seconds']:.1f} s", file=sys.stderr, flush=True)
    if arguments.side in ("both", "rl"):
        if not os.access(arguments.rl, os.X_OK):
            sys.exit(f"no rl executable at {arguments.rl}; build it with swift build -c release --product rl")
        results["rl"] = []
        with tempfile.TemporaryDirectory() as work:
            for seed in arguments.seeds:
                results["rl"].append(run_rl(seed, arguments.rl, Path(work)))
                print(f"rl seed {seed}: greedy {results['rl'][-1]['greedy_mean']:.1f}, "
                      f"{results['rl'][-1]['train_seconds']:.1f} s", file=sys.stderr, flush=True)

    print(f"DQN on CartPole-v1, rl-zoo settings, {ZOO['n_timesteps']:,} steps, seeds "
          f"{arguments.seeds[0]}-{arguments.seeds[-1]}")
    for name, side in (("Stable-Baselines3", "sb3"), ("rl", "rl")):
        if side in results:
            report(name, results[side])
    if "sb3" in results and "rl" in results:
        def ratio(key: str) -> float:
            return sum(r[key] for r in results["sb3"]) / sum(r[key] for r in results["rl"])
        print(f"SB3 / rl: training wall time {ratio('train_seconds'):.1f}, processor time {ratio('processor_seconds'):.1f}")
    sys.stdout.flush()
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
