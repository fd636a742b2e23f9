"""Gymnasium's own checker passes on every environment, made both ways."""

import gymnasium as gym
from gymnasium.utils.env_checker import check_env

import swiftrl


def test_every_registered_id_is_a_gymnasium_id():
    registered = {entry["id"] for entry in swiftrl.environments()}
    assert {f"SwiftRL/{name}" for name in registered} <= set(gym.registry)
    assert "SwiftRL/Taxi-v3" in gym.registry  # an alias that is an id


def test_check_env_passes_through_gymnasium_make(environment_id):
    env = gym.make(f"SwiftRL/{environment_id}")
    check_env(env.unwrapped)  # raises on any failure
    assert env.spec.max_episode_steps == swiftrl_limit(environment_id)
    env.close()


def swiftrl_limit(environment_id):
    return next(entry for entry in swiftrl.environments() if entry["id"] == environment_id).get("max_episode_steps")


def test_check_env_passes_on_the_class_with_text_rendering(environment_id):
    env = swiftrl.SwiftEnv(environment_id, render_mode="ansi")
    check_env(env, skip_render_check=False)
    env.reset(seed=1)
    assert isinstance(env.render(), str) and env.render()
    env.close()
