"""The binding's trajectories equal Swift's own, step for step.

The reference is stepped directly in Swift (`swiftrl_rollout_json`: the registry's environment,
no vector, no buffers, Swift's float64 rewards); the binding's observations are flattened with
Gymnasium's own `flatten`, so the check covers the spaces, the observation layout and the
decoding of Discrete and Tuple observations too.
"""

import numpy as np
import pytest
from gymnasium import spaces

import swiftrl

SEEDS = [0, 1, 7, 2024]


def random_actions(space, count, seed):
    space.seed(seed)
    return [space.sample() for _ in range(count)]


def reference_actions(space, actions):
    if isinstance(space, spaces.Discrete):
        return [int(action) - int(space.start) for action in actions]
    return [np.asarray(action, dtype=np.float64).ravel().tolist() for action in actions]


@pytest.mark.parametrize("seed", SEEDS)
def test_single_environment_equals_swift(environment_id, seed):
    env = swiftrl.SwiftEnv(environment_id)
    actions = random_actions(env.action_space, 400, seed)
    reference = swiftrl.reference_rollout(environment_id, reference_actions(env.action_space, actions), seed=seed)
    observation, _ = env.reset(seed=seed)
    flat = spaces.flatten(env.observation_space, observation)
    assert np.array_equal(flat, np.asarray(reference["observations"][0], dtype=flat.dtype))
    steps = len(reference["rewards"])
    assert steps >= 1
    for index in range(steps):
        observation, reward, terminated, truncated, _ = env.step(actions[index])
        flat = spaces.flatten(env.observation_space, observation)
        assert np.array_equal(flat, np.asarray(reference["observations"][index + 1], dtype=flat.dtype)), index
        assert reward == float(np.float32(reference["rewards"][index])), index
        assert terminated == reference["terminated"][index]
        assert truncated == reference["truncated"][index]
    # The reference stops at the end of the episode, or when the 400 actions run out.
    assert (terminated or truncated) == (steps < 400 or reference["terminated"][-1] or reference["truncated"][-1])
    env.close()


def test_observations_are_exact_float32_values():
    # CartPole's observations are float32 in Swift; the binding hands over the same bits.
    env = swiftrl.SwiftEnv("CartPole-v1")
    observation, _ = env.reset(seed=3)
    reference = swiftrl.reference_rollout("CartPole-v1", [], seed=3)
    assert observation.dtype == np.float32
    assert observation.tobytes() == np.asarray(reference["observations"][0], dtype=np.float32).tobytes()


def test_continuous_actions_past_the_bounds_are_clipped_as_swift_clips_them():
    env = swiftrl.SwiftEnv("Pendulum-v1")
    env.reset(seed=5)
    clipped = [env.step(np.array([torque], dtype=np.float32)) for torque in (7.5, -3.0, 1.0)]
    reference = swiftrl.reference_rollout("Pendulum-v1", [[7.5], [-3.0], [1.0]], seed=5)
    for (observation, reward, *_), expected, expected_reward in zip(clipped, reference["observations"][1:], reference["rewards"]):
        assert np.array_equal(observation, np.asarray(expected, dtype=np.float32))
        assert reward == float(np.float32(expected_reward))
