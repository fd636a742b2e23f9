"""Bad input raises a clear Python exception carrying Swift's message, never a crash."""

import ctypes

import gymnasium as gym
import numpy as np
import pytest

import swiftrl
from swiftrl import _library


def test_unknown_id_names_the_closest_and_lists_the_known():
    with pytest.raises(swiftrl.UnknownEnvironmentError, match=r"unknown environment 'cartpol'; did you mean cartpole\?; known: FrozenLake-v1"):
        swiftrl.SwiftEnv("cartpol")
    with pytest.raises(swiftrl.UnknownEnvironmentError):
        swiftrl.SwiftVectorEnv("NoSuchTask-v0", 4)
    assert issubclass(swiftrl.UnknownEnvironmentError, LookupError)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"is_slipery": True}, r"FrozenLake-v1: unknown option 'is-slipery'; options: map, slippery, "),
        ({"is_slippery": "perhaps"}, r"FrozenLake-v1: option slippery must be true or false, got 'perhaps'"),
        ({"map_name": "5x5"}, r"FrozenLake-v1: option map must be 4x4, 8x8, random"),
        ({"success_rate": 1.5}, r"option success-rate must be from 0.0 to 1.0, got '1.5'"),
        ({"is_slippery": None}, r"option is_slippery: None is not a string, number or boolean"),
    ],
)
def test_bad_options_raise_with_swifts_message(options, message):
    with pytest.raises(swiftrl.InvalidOptionError, match=message):
        swiftrl.SwiftEnv("FrozenLake-v1", **options)


def test_options_that_are_not_a_json_object_are_refused_by_swift():
    handle = ctypes.c_int64()
    lib = _library.library()
    status = lib.swiftrl_vector_create(b"CartPole-v1", b"[1, 2]", 1, 0, 1, ctypes.byref(handle))
    assert status == 3
    assert _library.last_error().startswith("the options must be a JSON object of strings, numbers and booleans")
    assert lib.swiftrl_vector_create(b"CartPole-v1", b"{\"sutton-barto-reward\": {}}", 1, 0, 1, ctypes.byref(handle)) == 3


def test_wrong_buffer_sizes_and_alignment_are_refused():
    envs = swiftrl.SwiftVectorEnv("CartPole-v1", 4)
    vector = envs._vector
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"CartPole-v1: the observations buffer has 48 bytes; 4 copies need 64 \(4 × 4 float32\)"):
        vector.bind(_library.OBSERVATIONS, np.zeros((3, 4), dtype=np.float32))
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"the actions buffer has 16 bytes; 4 copies need 32 \(4 int64 action positions 0..<2\)"):
        vector.bind(_library.ACTIONS, np.zeros(4, dtype=np.int32))
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"not aligned to 4 bytes"):
        raw = np.zeros(65, dtype=np.uint8)
        _library.check(vector.lib.swiftrl_vector_bind(vector.handle, _library.OBSERVATIONS, raw.ctypes.data + 1, 64))
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"same-step autoreset mode only"):
        vector.bind(_library.FINAL_OBSERVATIONS, np.zeros((4, 4), dtype=np.float32))
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"unknown buffer 42"):
        _library.check(vector.lib.swiftrl_vector_bind(vector.handle, 42, None, 0))
    with pytest.raises(swiftrl.InvalidActionError, match=r"actions of shape \(3,\) for 4 copies; give shape \(4,\)"):
        envs.reset(seed=0)
        envs.step(np.zeros(3, dtype=np.int64))
    envs.close()


def test_stepping_before_reset_raises():
    with pytest.raises(swiftrl.ResetNeededError, match=r"CartPole-v1: step\(\) called before reset\(\)"):
        swiftrl.SwiftEnv("CartPole-v1").step(0)
    with pytest.raises(swiftrl.ResetNeededError, match=r"Taxi-v4: step\(\) called before reset\(\)"):
        swiftrl.SwiftVectorEnv("taxi", 3).step(np.zeros(3, dtype=np.int64))
    assert issubclass(swiftrl.ResetNeededError, RuntimeError)


def test_stepping_after_the_end_of_an_episode_raises():
    env = swiftrl.SwiftEnv("FrozenLake-v1", is_slippery=False)
    env.reset(seed=0)
    env.step(1)
    _, _, terminated, _, _ = env.step(2)  # into the hole at cell 5
    assert terminated
    with pytest.raises(swiftrl.ResetNeededError, match=r"FrozenLake-v1 \(automatic reset disabled\): step\(\) called before reset\(\) or after the episode ended"):
        env.step(0)
    env.reset()
    env.step(0)


@pytest.mark.parametrize(
    "environment_id, action, error, message",
    [
        ("CartPole-v1", 5, swiftrl.InvalidActionError, r"CartPole-v1: copy 0's action index 5 is outside 0..<2 \(the action space Discrete\(2\)\); no copy was stepped"),
        ("CartPole-v1", -1, swiftrl.InvalidActionError, r"action index -1 is outside 0..<2"),
        ("CartPole-v1", 0.5, swiftrl.InvalidActionError, r"an action of Discrete\(2\) is a whole number, got 0.5"),
        ("CartPole-v1", 2**70, swiftrl.InvalidActionError, r"is outside Discrete\(2\)"),
        ("Pendulum-v1", np.array([np.nan], dtype=np.float32), swiftrl.InvalidActionError, r"Pendulum-v1: copy 0's action row \[nan\] is not in the action space"),
        ("Pendulum-v1", [1.0, 2.0], swiftrl.InvalidActionError, r"an action of Box\(-2.0, 2.0, \(1,\), float32\) has 1 numbers"),
    ],
)
def test_bad_actions_raise(environment_id, action, error, message):
    env = swiftrl.SwiftEnv(environment_id)
    env.reset(seed=0)
    with pytest.raises(error, match=message):
        env.step(action)
    env.step(env.action_space.sample())  # a refused action stepped nothing


def test_a_refused_batch_steps_no_copy():
    envs = swiftrl.SwiftVectorEnv("CartPole-v1", 3)
    before = envs.reset(seed=0)[0].copy()
    with pytest.raises(swiftrl.InvalidActionError, match=r"CartPole-v1 \(3 copies\): copy 1's action index 7 is outside 0..<2"):
        envs.step(np.array([0, 7, 1]))
    assert np.array_equal(envs._vector.observations, before)


def test_bad_counts_seeds_and_modes():
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"the number of copies must be from 1 to 4194304, got 0"):
        swiftrl.SwiftVectorEnv("CartPole-v1", 0)
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"thread count must be 0 \(automatic\) to 256, got -2"):
        swiftrl.SwiftVectorEnv("CartPole-v1", 2, threads=-2)
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"thread count must be 0 \(automatic\) to 256, got 100000"):
        swiftrl.SwiftVectorEnv("CartPole-v1", 2, threads=100_000)
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"autoreset_mode must be NEXT_STEP or SAME_STEP"):
        swiftrl.SwiftVectorEnv("CartPole-v1", 2, autoreset_mode="Disabled")
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"a seed must be a whole number from 0 to 2\*\*64 - 1, got -3"):
        swiftrl.SwiftVectorEnv("CartPole-v1", 2).reset(seed=-3)
    with pytest.raises(swiftrl.InvalidArgumentError, match=r"per-copy seeds must be"):
        swiftrl.SwiftVectorEnv("CartPole-v1", 2).reset(seed=[1, 5])
    with pytest.raises(swiftrl.InvalidOptionError, match=r"reset options are not supported"):
        swiftrl.SwiftEnv("CartPole-v1").reset(options={"low": -0.1})
    with pytest.raises(swiftrl.InvalidOptionError, match=r"max-episode-steps must be a whole number of steps ≥ 1, or none, got '0'"):
        swiftrl.SwiftEnv("CartPole-v1", max_episode_steps=0)


def test_a_closed_environment_raises_and_closes_twice():
    env = swiftrl.SwiftEnv("CartPole-v1")
    env.reset(seed=0)
    env.close()
    env.close()
    with pytest.raises(swiftrl.InvalidHandleError, match=r"CartPole-v1: the environment is closed"):
        env.step(0)
    lib = _library.library()
    assert lib.swiftrl_vector_step(123456789) == 5
    assert _library.last_error() == "no vector has the handle 123456789 (never made, or already freed)"


def test_null_pointers_are_refused():
    lib = _library.library()
    handle = ctypes.c_int64()
    assert lib.swiftrl_vector_create(None, None, 1, 0, 1, ctypes.byref(handle)) == 4
    assert _library.last_error() == "the environment id is a null pointer"
    assert lib.swiftrl_vector_create(b"CartPole-v1", None, 1, 0, 1, None) == 4
    assert not lib.swiftrl_rollout_json(b"CartPole-v1", None, 0, b"not json")
    assert lib.swiftrl_last_error_code() == 4


def test_errors_on_other_threads_keep_their_own_message():
    import threading

    messages = {}

    def fail(name):
        try:
            swiftrl.SwiftEnv(name)
        except swiftrl.SwiftRLError as error:
            messages[name] = str(error)

    threads = [threading.Thread(target=fail, args=(f"missing-{index}",)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(message.startswith(f"unknown environment '{name}'") for name, message in messages.items())
    assert len(messages) == 8


def test_gymnasium_make_passes_errors_through():
    with pytest.raises(swiftrl.InvalidOptionError):
        gym.make("SwiftRL/CartPole-v1", sutton_barto_reward="sometimes")


def test_render_modes_other_than_text_are_refused_when_rendering():
    # Accepted when made (Stable-Baselines3's make_vec_env passes "rgb_array"), refused by render().
    env = gym.make("SwiftRL/CartPole-v1", render_mode="rgb_array")
    env.reset(seed=0)
    with pytest.raises(swiftrl.InvalidOptionError, match=r"CartPole-v1: render mode 'rgb_array' is not available"):
        env.unwrapped.render()
    assert swiftrl.SwiftEnv("CartPole-v1").render() is None
