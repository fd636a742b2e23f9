"""Registers the Swift environments with Gymnasium as ``SwiftRL/<id>``.

``import swiftrl`` registers every id of the Swift registry (and aliases that are ids, such as
``Taxi-v3``) with the registered time limit and reward threshold, so ``gymnasium.make``,
``gymnasium.make_vec`` and everything built on them (Stable-Baselines3's ``make_vec_env``,
RLlib, CleanRL's ``make_env``) find them. ``gymnasium.make("swiftrl:SwiftRL/CartPole-v1")``
imports the package first where nothing else did.
"""

from __future__ import annotations

import inspect

import gymnasium as gym

from . import _library

#: The namespace of the ids registered with Gymnasium.
NAMESPACE = "SwiftRL"


def gymnasium_ids() -> list[str]:
    """The ids this package registers with Gymnasium (``SwiftRL/CartPole-v1``, …)."""
    return [f"{NAMESPACE}/{name}" for entry in _library.registry()["environments"] for name in _names(entry)]


def _names(entry: dict) -> list[str]:
    return [entry["id"]] + [alias for alias in entry["aliases"] if "-v" in alias]


def register_environments() -> None:
    """Registers every Swift environment with Gymnasium (ids already registered are kept)."""
    accepts_vector = "vector_entry_point" in inspect.signature(gym.register).parameters
    vectors = accepts_vector and int(gym.__version__.split(".")[0]) >= 1
    for entry in _library.registry()["environments"]:
        for name in _names(entry):
            gymnasium_id = f"{NAMESPACE}/{name}"
            if gymnasium_id in gym.registry:
                continue
            arguments = dict(
                id=gymnasium_id,
                entry_point="swiftrl.env:make_env",
                max_episode_steps=entry.get("max_episode_steps"),
                reward_threshold=entry.get("reward_threshold"),
                kwargs={"env_id": entry["id"]},
            )
            if vectors:
                arguments["vector_entry_point"] = "swiftrl.vector:SwiftVectorEnv"
            gym.register(**arguments)
