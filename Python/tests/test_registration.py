"""Gymnasium finds the environments by id, also in a process that has not imported swiftrl."""

import os
import subprocess
import sys

import gymnasium as gym

import swiftrl
from conftest import PYTHON_FOLDER


def test_module_prefix_imports_the_package():
    script = (
        "import gymnasium as gym\n"
        "env = gym.make('swiftrl:SwiftRL/CartPole-v1')\n"
        "observation, _ = env.reset(seed=0)\n"
        "print(env.spec.id, env.spec.max_episode_steps, env.spec.reward_threshold, observation.shape)\n"
    )
    environment = dict(os.environ, PYTHONPATH=str(PYTHON_FOLDER))
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["SwiftRL/CartPole-v1", "500", "475", "(4,)"]


def test_specs_carry_the_registered_figures():
    for entry in swiftrl.environments():
        spec = gym.spec(f"SwiftRL/{entry['id']}")
        assert spec.max_episode_steps == entry.get("max_episode_steps")
        assert spec.reward_threshold == entry.get("reward_threshold")
        assert spec.vector_entry_point == "swiftrl.vector:SwiftVectorEnv"


def test_options_by_gymnasium_names():
    env = gym.make("SwiftRL/FrozenLake-v1", is_slippery=False, map_name="8x8")
    assert env.observation_space == gym.spaces.Discrete(64)
    assert env.unwrapped.description["options"] == {"map": "8x8", "slippery": "false", "max-episode-steps": "none"}
    rows = ["SFF", "FHF", "FFG"]
    assert gym.make("SwiftRL/FrozenLake-v1", desc=rows).observation_space == gym.spaces.Discrete(9)
