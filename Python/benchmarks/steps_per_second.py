"""Environment steps per second through the binding, beside Gymnasium's SyncVectorEnv (and
EnvPool when it is installed): CartPole-v1 with 1, 64 and 1,024 copies per call, uniform random
actions (drawn beforehand, so the loop times stepping only), best of ROUNDS rounds of about a
second each. The C loop beside it (step_loop.c, built and run by run.sh) gives the figure
without Python. Run: `Python/benchmarks/run.sh` (or this file alone, after build_library.sh).
"""

import pathlib
import platform
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import gymnasium as gym  # noqa: E402
import numpy as np  # noqa: E402

import swiftrl  # noqa: E402

COPIES = [1, 64, 1024]
ROUNDS = 5
ROUND_SECONDS = 1.0


def rate(envs, copies, actions):
    """Steps per second over all copies: the best of ROUNDS timed rounds."""
    envs.reset(seed=0)
    best = 0.0
    batches = len(actions)
    for _ in range(ROUNDS):
        calls = 0
        start = time.perf_counter()
        while True:
            for batch in range(0, batches, 1):
                envs.step(actions[batch])
            calls += batches
            elapsed = time.perf_counter() - start
            if elapsed >= ROUND_SECONDS:
                break
        best = max(best, calls * copies / elapsed)
    return best


def random_actions(copies, batches=256, seed=0):
    generator = np.random.default_rng(seed)
    return [generator.integers(0, 2, size=copies, dtype=np.int64) for _ in range(batches)]


def main():
    print(f"CartPole-v1, random actions, million environment steps per second (best of {ROUNDS} rounds of ~{ROUND_SECONDS:.0f} s); "
          f"Python {platform.python_version()}, Gymnasium {gym.__version__}, NumPy {np.__version__}")
    columns = ["swiftrl SwiftVectorEnv", "swiftrl, 1 thread", "Gymnasium SyncVectorEnv"]
    try:
        import envpool  # noqa: F401

        columns.append("EnvPool")
    except ImportError:
        envpool = None
    print(f"{'copies':>7}  " + "  ".join(f"{name:>24}" for name in columns) + "  swiftrl ÷ Gymnasium")
    for copies in COPIES:
        actions = random_actions(copies)
        figures = []
        for threads in (0, 1):
            envs = swiftrl.SwiftVectorEnv("CartPole-v1", copies, threads=threads)
            figures.append(rate(envs, copies, actions))
            envs.close()
        gymnasium_envs = gym.make_vec("CartPole-v1", num_envs=copies, vectorization_mode="sync")
        figures.append(rate(gymnasium_envs, copies, actions))
        gymnasium_envs.close()
        if envpool is not None:
            pool = envpool.make_gymnasium("CartPole-v1", num_envs=copies, seed=0)
            figures.append(rate(pool, copies, actions))
            pool.close()
        print(f"{copies:>7,}  " + "  ".join(f"{value / 1e6:>24.3f}" for value in figures)
              + f"  {figures[0] / figures[2]:>18.0f}x")


if __name__ == "__main__":
    main()
