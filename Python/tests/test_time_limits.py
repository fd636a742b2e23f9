"""Time limits cut an episode exactly once, whichever side applies them."""

import gymnasium as gym
import numpy as np

import swiftrl

IDLE = 1  # MountainCar's "don't accelerate": the car never reaches the flag


def run_until_end(env, steps):
    env.reset(seed=0)
    for step in range(1, steps + 1):
        _, _, terminated, truncated, _ = env.step(IDLE)
        if terminated or truncated:
            return step, terminated, truncated
    return None


def test_gymnasium_make_cuts_at_the_registered_limit_once():
    env = gym.make("SwiftRL/MountainCar-v0")
    assert env.spec.max_episode_steps == 200
    assert run_until_end(env, 1_000) == (200, False, True)


def test_gymnasium_make_with_a_longer_limit_is_not_cut_by_swift():
    # gymnasium.make applies the limit; the Swift environment under it has none of its own.
    env = gym.make("SwiftRL/MountainCar-v0", max_episode_steps=300)
    assert run_until_end(env, 1_000) == (300, False, True)


def test_the_class_applies_the_registered_limit_itself():
    assert run_until_end(swiftrl.SwiftEnv("MountainCar-v0"), 1_000) == (200, False, True)
    assert run_until_end(swiftrl.SwiftEnv("MountainCar-v0", max_episode_steps=50), 1_000) == (50, False, True)
    assert run_until_end(swiftrl.SwiftEnv("MountainCar-v0", max_episode_steps=None), 1_000) is None


def test_vector_copies_are_cut_once_then_reset_on_the_next_step():
    envs = gym.make_vec("SwiftRL/MountainCar-v0", num_envs=3)
    envs.reset(seed=0)
    idle = np.full(3, IDLE, dtype=np.int64)
    truncations = []
    for step in range(1, 451):
        _, rewards, terminated, truncated, _ = envs.step(idle)
        assert not terminated.any()
        if truncated.any():
            assert truncated.all()
            truncations.append(step)
        if step - 1 in truncations:
            assert (rewards == 0).all()  # the reset step
    # 200 steps, a reset step, 200 steps: cut at 200 and at 401, once each.
    assert truncations == [200, 401]
    envs.close()
