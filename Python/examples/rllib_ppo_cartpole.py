"""RLlib's PPO with two env runners on a local Ray, sampling SwiftRL/CartPole-v1: each env
runner is a Ray worker process that imports swiftrl (installed from the wheel, as on every node
of a cluster) and steps the Swift environment. Trains until the mean episode return passes 150
(or 30 iterations). Run by rllib_ppo_cartpole.sh (opt-in: it installs Ray RLlib and PyTorch)."""

import sys
import time

import ray
from ray.rllib.algorithms.ppo import PPOConfig

TARGET = 150.0


def main(seed=0):
    ray.init(num_cpus=3, include_dashboard=False, log_to_driver=False)
    config = (
        PPOConfig()
        # "swiftrl:" makes Gymnasium import the package in each env runner before making the id.
        .environment("swiftrl:SwiftRL/CartPole-v1")
        .env_runners(num_env_runners=2, num_envs_per_env_runner=1)
        .training(lr=3e-4, train_batch_size_per_learner=4000, minibatch_size=128, num_epochs=10)
        .debugging(seed=seed)
    )
    algorithm = config.build_algo()
    # Where each env runner (a Ray worker process) found the package: the installed wheel.
    for pid, location in sorted(set(algorithm.env_runner_group.foreach_env_runner(
            lambda runner: (__import__("os").getpid(), __import__("swiftrl").__file__), local_env_runner=False))):
        print(f"env runner pid {pid} steps the Swift environment from {location}", flush=True)
    start = time.perf_counter()
    best = float("-inf")
    for iteration in range(1, 31):
        result = algorithm.train()
        runners = result["env_runners"]
        mean = runners.get("episode_return_mean", float("nan"))
        best = max(best, mean)
        print(f"iteration {iteration:2}  env steps {int(result['num_env_steps_sampled_lifetime']):>7,}  "
              f"episode return mean {mean:6.1f}  ({time.perf_counter() - start:.0f} s)", flush=True)
        if mean > TARGET:
            break
    algorithm.stop()
    ray.shutdown()
    print(f"RLlib {ray.__version__} PPO, 2 env runners on SwiftRL/CartPole-v1: "
          f"{'passed' if best > TARGET else 'did not pass'} a mean return of {TARGET:.0f}")
    return best > TARGET


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
