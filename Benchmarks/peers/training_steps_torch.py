#!/usr/bin/env python3
"""PyTorch's time for the same training steps as Benchmarks/TrainingStepBenchmarks, one thread.

Run by hand, not in CI (it needs `pip install torch`):

    python3 Benchmarks/peers/training_steps_torch.py
    python3 Benchmarks/peers/training_steps_torch.py --seconds 10 --json torch-steps.json

Each benchmark does the same work as its Swift namesake, on the same shapes:

- DQN training step: an MLP 4-W-W-2 with ReLU (PyTorch's default initialisation, which the
  tensor core copies), forward on a batch of observations, Q(s, a) picked by gather, Huber loss
  (smooth L1, delta 1, mean) against fixed targets, backward, Adam (lr 1e-4); at batch 64 and
  1,024, width 256 and 1,024.

PyTorch runs on one thread (`torch.set_num_threads(1)`, as the tensor core's OpenBLAS does) with
denormals flushed (`torch.set_flush_denormal(True)`, the tensor core's policy). Every step is
timed on its own for `--seconds` seconds after a warm-up; the script prints the median, the
fastest run and the quartiles in microseconds, and the GFLOP/s of the matrix products at the
median, counted as the Swift benchmarks count them (2·B·in·out per layer forward and per weight gradient, and per input
gradient for every layer but the first).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def mlp_training_flops(layer_sizes: list[int], batch_size: int) -> float:
    """The matrix products' floating-point operations of one forward and backward pass."""
    products = [2.0 * batch_size * a * b for a, b in zip(layer_sizes, layer_sizes[1:])]
    return 2 * sum(products) + sum(products[1:])


def mlp(layer_sizes: list[int]) -> torch.nn.Sequential:
    layers: list[torch.nn.Module] = []
    for index, (inputs, outputs) in enumerate(zip(layer_sizes, layer_sizes[1:])):
        layers.append(torch.nn.Linear(inputs, outputs))
        if index < len(layer_sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def dqn_training_step(batch_size: int, width: int):
    """The step and its FLOP count, as DQNTrainingStep.swift builds them."""
    torch.manual_seed(0)
    layer_sizes = [4, width, width, 2]
    network = mlp(layer_sizes)
    optimizer = torch.optim.Adam(network.parameters(), lr=1e-4)
    observations = torch.randn(batch_size, 4)
    actions = torch.randint(0, 2, (batch_size, 1))
    targets = torch.randn(batch_size) * 0.5 + 1

    def step() -> None:
        optimizer.zero_grad(set_to_none=True)
        q = network(observations).gather(1, actions).squeeze(1)
        loss = F.smooth_l1_loss(q, targets)
        loss.backward()
        optimizer.step()

    name = f"DQN training step (batch {batch_size}, MLP {'-'.join(map(str, layer_sizes))}, Huber, Adam)"
    return name, step, mlp_training_flops(layer_sizes, batch_size)


def measure(step, seconds: float) -> list[float]:
    """Times each run of `step` for about `seconds` seconds after a warm-up; microseconds."""
    warm_up_end = time.perf_counter() + min(1.0, seconds / 5)
    while time.perf_counter() < warm_up_end:
        step()
    samples: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(samples) < 5:
        start = time.perf_counter_ns()
        step()
        samples.append((time.perf_counter_ns() - start) / 1_000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="measuring time per benchmark (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    arguments = parser.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.set_flush_denormal(True)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, denormals flushed")

    results = []
    for batch_size, width in [(64, 256), (1024, 256), (64, 1024), (1024, 1024)]:
        name, step, flops = dqn_training_step(batch_size, width)
        samples = measure(step, arguments.seconds)
        quartiles = statistics.quantiles(samples, n=4)
        median = statistics.median(samples)
        gigaflops = flops / (median * 1e-6) / 1e9
        results.append({"name": name, "median_us": median, "p0_us": min(samples), "p25_us": quartiles[0],
                        "p75_us": quartiles[2], "samples": len(samples), "gflops_at_median": gigaflops})
        print(f"{name}: median {median:,.0f} µs (p0 {min(samples):,.0f}, p25 {quartiles[0]:,.0f}, "
              f"p75 {quartiles[2]:,.0f}; {len(samples)} samples), {gigaflops:.0f} GFLOP/s")

    if arguments.json:
        with open(arguments.json, "w") as file:
            json.dump({"torch": torch.__version__, "results": results}, file, indent=2)


if __name__ == "__main__":
    main()
