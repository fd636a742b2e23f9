"""swift-rl's environments from Python: Gymnasium environments stepped in Swift.

``import swiftrl`` registers every environment with Gymnasium as ``SwiftRL/<id>``::

    import gymnasium as gym
    import swiftrl

    env = gym.make("SwiftRL/CartPole-v1")                        # a gymnasium.Env
    envs = gym.make_vec("SwiftRL/CartPole-v1", num_envs=64)       # a gymnasium.vector.VectorEnv

or without Gymnasium's registry: ``swiftrl.SwiftEnv("cartpole")``,
``swiftrl.SwiftVectorEnv("CartPole-v1", 64)``. The Swift library is inside the package
(``libRLCInterface.so``, the Swift runtime linked in); ``SWIFTRL_LIBRARY`` names another.
"""

from __future__ import annotations

import json
from typing import Any

from . import _library
from ._bound import EpisodeRecord
from .env import SwiftEnv
from .errors import (
    InvalidActionError,
    InvalidArgumentError,
    InvalidHandleError,
    InvalidOptionError,
    ResetNeededError,
    SwiftRLError,
    UnknownEnvironmentError,
)
from .options import options_json
from .registration import NAMESPACE, gymnasium_ids, register_environments

__version__ = "0.1.0"

__all__ = [
    "EpisodeRecord",
    "InvalidActionError",
    "InvalidArgumentError",
    "InvalidHandleError",
    "InvalidOptionError",
    "NAMESPACE",
    "ResetNeededError",
    "SwiftEnv",
    "SwiftRLError",
    "SwiftVectorEnv",
    "UnknownEnvironmentError",
    "environments",
    "gymnasium_ids",
    "reference_rollout",
]


def environments() -> list[dict[str, Any]]:
    """The Swift registry: each environment's id, aliases, summary, time limit, reward
    threshold, options (name, help, default) and spaces, as the C interface describes them."""
    return _library.registry()["environments"]


def reference_rollout(env_id: str, actions: list, seed: int, **options: Any) -> dict[str, list]:
    """One episode stepped directly in Swift (no vector, no buffers), the reference the
    binding is checked against: from ``reset(seed)`` through ``actions`` (positions for a
    finite action space, rows of numbers for a ``Box``) until they run out or the episode ends.

    Returns:
        ``observations`` (flattened, as ``gymnasium.spaces.flatten`` writes them; the first
        from ``reset``), ``rewards`` (float64), ``terminated`` and ``truncated``, one per step.
    """
    rows = [[float(value) for value in (action if hasattr(action, "__len__") else [action])] for action in actions]
    lib = _library.library()
    text = _library.take_string(
        lib.swiftrl_rollout_json(
            _library.encode(env_id), _library.encode(options_json(options)), int(seed), _library.encode(json.dumps(rows))
        )
    )
    result = json.loads(text)
    result["observations"] = [[float(value) for value in row] for row in result["observations"]]
    return result


def __getattr__(name: str) -> Any:
    # The vector environment needs Gymnasium 1.x; importing it lazily keeps the single
    # environment usable with Gymnasium 0.29.
    if name == "SwiftVectorEnv":
        from .vector import SwiftVectorEnv

        return SwiftVectorEnv
    raise AttributeError(f"module 'swiftrl' has no attribute {name!r}")


register_environments()
