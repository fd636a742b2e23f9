"""The single environment with Gymnasium 0.29 (CleanRL's pin): registration, gymnasium.make,
its check_env and an episode, run in a Python that has Gymnasium 0.29.1.

Skipped unless that Python exists: SWIFTRL_GYMNASIUM_029_PYTHON names it, by default
/tmp/gym029/bin/python, which Python/examples/check_gymnasium_029.sh makes
(`python3 -m venv /tmp/gym029 && /tmp/gym029/bin/pip install gymnasium==0.29.1 numpy`)."""

import os
import pathlib
import subprocess

import pytest

from conftest import PYTHON_FOLDER

INTERPRETER = pathlib.Path(os.environ.get("SWIFTRL_GYMNASIUM_029_PYTHON", "/tmp/gym029/bin/python"))

SCRIPT = """
import gymnasium as gym
from gymnasium.utils.env_checker import check_env
import swiftrl
assert gym.__version__ == "0.29.1", gym.__version__
for entry in swiftrl.environments():
    env = gym.make("SwiftRL/" + entry["id"])
    check_env(env.unwrapped)
    observation, info = env.reset(seed=3)
    steps = 0
    while True:
        observation, reward, terminated, truncated, info = env.step(env.action_space.sample())
        steps += 1
        if terminated or truncated:
            break
    assert steps <= (entry.get("max_episode_steps") or 10**6)
    env.close()
print("gymnasium", gym.__version__, "checked", len(swiftrl.environments()), "environments")
"""


@pytest.mark.skipif(not INTERPRETER.exists(), reason=f"no Python with Gymnasium 0.29 at {INTERPRETER}")
def test_single_environments_with_gymnasium_0_29():
    environment = dict(os.environ, PYTHONPATH=str(PYTHON_FOLDER))
    result = subprocess.run([str(INTERPRETER), "-c", SCRIPT], env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "gymnasium 0.29.1 checked 13 environments"
