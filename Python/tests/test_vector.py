"""The vector environment agrees, element for element, with Gymnasium's own SyncVectorEnv
stepping the binding's single environments, under the same seeds and actions, in both
autoreset modes; and it shares its arrays with Swift instead of copying them."""

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import data_equivalence
from gymnasium.vector import AutoresetMode, SyncVectorEnv

import swiftrl

COPIES = 5
STEPS = 300
# A time limit short enough that every environment ends episodes in the run (CliffWalking,
# for one, has none of its own), so both autoreset rules are exercised on every one.
LIMIT = 60


def pair(environment_id, mode):
    ours = swiftrl.SwiftVectorEnv(environment_id, COPIES, autoreset_mode=mode, max_episode_steps=LIMIT)
    theirs = SyncVectorEnv(
        [lambda: swiftrl.SwiftEnv(environment_id, max_episode_steps=LIMIT) for _ in range(COPIES)], autoreset_mode=mode
    )
    return ours, theirs


def assert_same(ours, theirs, what):
    assert data_equivalence(ours, theirs, exact=True), what


@pytest.mark.parametrize("mode", [AutoresetMode.NEXT_STEP, AutoresetMode.SAME_STEP])
def test_agrees_with_sync_vector_env(environment_id, mode):
    ours, theirs = pair(environment_id, mode)
    assert ours.metadata["autoreset_mode"] == mode
    assert ours.observation_space == theirs.observation_space
    assert ours.action_space == theirs.action_space
    observations, infos = ours.reset(seed=11)
    expected, expected_infos = theirs.reset(seed=11)
    assert_same(observations, expected, "reset observations")
    assert infos == expected_infos == {}
    ours.action_space.seed(3)
    ended = 0
    for step in range(STEPS):
        actions = ours.action_space.sample()
        observations, rewards, terminated, truncated, infos = ours.step(actions)
        expected_observations, expected_rewards, expected_terminated, expected_truncated, expected_infos = theirs.step(actions)
        assert_same(observations, expected_observations, f"observations, step {step}")
        # Rewards are float32 (Swift's, rounded); Gymnasium's arrays are float64 of the same values.
        assert rewards.dtype == np.float32 and np.array_equal(rewards, expected_rewards), step
        assert_same(terminated, expected_terminated, f"terminated, step {step}")
        assert_same(truncated, expected_truncated, f"truncated, step {step}")
        assert_same(infos, expected_infos, f"infos, step {step}")
        ended += int(terminated.sum() + truncated.sum())
    assert ended >= COPIES * (STEPS // (LIMIT + 1)), "too few episodes ended to exercise the autoreset"
    ours.close()
    theirs.close()


def test_gymnasium_make_vec_gives_the_swift_vector():
    envs = gym.make_vec("SwiftRL/CartPole-v1", num_envs=8)
    assert isinstance(envs, swiftrl.SwiftVectorEnv)
    assert envs.num_envs == 8 and envs.description["max_episode_steps"] == 500
    assert envs.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
    envs.close()


def test_buffers_are_shared_with_swift_not_copied():
    envs = swiftrl.SwiftVectorEnv("CartPole-v1", 4)
    first, _ = envs.reset(seed=0)
    second, rewards, terminated, truncated, _ = envs.step(np.zeros(4, dtype=np.int64))
    assert second is first  # the same array, written in place by Swift
    third, rewards_again, *_ = envs.step(np.zeros(4, dtype=np.int64))
    assert third is first and rewards_again is rewards
    assert envs._vector.observations.ctypes.data == first.ctypes.data
    copying = swiftrl.SwiftVectorEnv("CartPole-v1", 4, copy=True)
    kept, _ = copying.reset(seed=0)
    after, *_ = copying.step(np.zeros(4, dtype=np.int64))
    assert after is not kept and not np.array_equal(after, kept)
    envs.close()
    copying.close()


def test_episode_statistics_per_copy():
    envs = swiftrl.SwiftVectorEnv("CartPole-v1", 3)
    envs.reset(seed=4)
    running = np.zeros(3)
    lengths = np.zeros(3, dtype=np.int64)
    finished = []
    for _ in range(200):
        _, rewards, terminated, truncated, _ = envs.step(np.ones(3, dtype=np.int64))
        records = envs.finished_episodes()
        assert sorted(record.copy for record in records) == np.flatnonzero(terminated | truncated).tolist()
        running += rewards
        lengths += 1
        for record in records:
            assert record.length == lengths[record.copy] and record.episode_return == running[record.copy]
            assert record.terminated and not record.truncated and record.succeeded is None
            finished.append(record)
        done = terminated | truncated
        assert np.array_equal(envs.episode_returns, np.where(done, 0, running))
        # Next-step autoreset: the step after an end resets the copy (reward 0, not counted).
        running[done] = 0
        lengths[done] = -1
    assert finished and envs.completed_episodes == len(finished)
    # The next-step mode's reset steps are not counted: one per finished episode but the last
    # steps' (whose reset step had not come yet).
    assert envs.total_steps == sum(record.length for record in finished) + int(envs.episode_lengths.sum())
    envs.close()


def test_blackjack_tuple_observations_are_component_arrays():
    envs = swiftrl.SwiftVectorEnv("Blackjack-v1", 6)
    observations, _ = envs.reset(seed=2)
    assert isinstance(observations, tuple) and len(observations) == 3
    assert all(part.dtype == np.int64 and part.shape == (6,) for part in observations)
    assert observations in envs.observation_space
    envs.close()
