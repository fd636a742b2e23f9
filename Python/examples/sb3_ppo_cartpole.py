"""Stable-Baselines3's PPO with rl-baselines3-zoo's tuned CartPole-v1 settings, trained on
SwiftRL/CartPole-v1 (the Swift environment through Gymnasium), then evaluated greedily over
100 episodes; exits with status 1 below 475. Opt-in (not in CI: it needs PyTorch and SB3):
`python3 -m pip install stable-baselines3 && python3 Python/examples/sb3_ppo_cartpole.py [SEED]`."""

import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import gymnasium as gym  # noqa: E402
import torch  # noqa: E402
from stable_baselines3 import PPO  # noqa: E402
from stable_baselines3.common.env_checker import check_env  # noqa: E402
from stable_baselines3.common.env_util import make_vec_env  # noqa: E402
from stable_baselines3.common.evaluation import evaluate_policy  # noqa: E402
from stable_baselines3.common.monitor import Monitor  # noqa: E402

import swiftrl  # noqa: E402, F401  (registers SwiftRL/…)

ENV_ID = "SwiftRL/CartPole-v1"


def linear(start):
    """rl-zoo's lin_<start>: start × the fraction of training left."""
    return lambda progress_remaining: progress_remaining * start


def main(seed=0):
    torch.set_num_threads(1)
    check_env(gym.make(ENV_ID).unwrapped)  # SB3's own checker
    # hyperparams/ppo.yml, CartPole-v1: n_envs 8, n_timesteps 1e5, n_steps 32, batch_size 256,
    # gae_lambda 0.8, gamma 0.98, n_epochs 20, ent_coef 0, learning_rate lin_0.001, clip_range lin_0.2.
    env = make_vec_env(ENV_ID, n_envs=8, seed=seed)
    model = PPO("MlpPolicy", env, n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20,
                ent_coef=0.0, learning_rate=linear(1e-3), clip_range=linear(0.2), seed=seed, device="cpu", verbose=0)
    start = time.perf_counter()
    model.learn(total_timesteps=100_000)
    seconds = time.perf_counter() - start
    evaluation = Monitor(gym.make(ENV_ID))
    evaluation.reset(seed=seed + 1000)
    mean, std = evaluate_policy(model, evaluation, n_eval_episodes=100, deterministic=True)
    print(f"SB3 {__import__('stable_baselines3').__version__} PPO on {ENV_ID}, rl-zoo settings, seed {seed}: "
          f"100,000 steps in {seconds:.0f} s; greedy evaluation over 100 episodes: {mean:.1f} ± {std:.1f}")
    return mean


if __name__ == "__main__":
    sys.exit(0 if main(int(sys.argv[1]) if len(sys.argv) > 1 else 0) >= 475 else 1)
