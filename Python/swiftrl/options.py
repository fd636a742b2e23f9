"""Environment options from Python keyword arguments to the Swift registry's names.

The registry names options in lower case with hyphens (``sutton-barto-reward``,
``rainy-probability``); Python callers write Gymnasium's keyword arguments
(``sutton_barto_reward``, ``rainy_probability``). Underscores become hyphens, and Gymnasium's
names that differ are mapped: ``is_slippery`` → ``slippery``, ``is_rainy`` → ``rainy``,
``map_name`` and ``desc`` → ``map`` (``desc``'s rows joined with commas). Lists and tuples
(``reward_schedule=(1, 0, 0)``) are joined with commas. Swift checks the names and values and
refuses unknown ones with :class:`~swiftrl.errors.InvalidOptionError`.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from .errors import InvalidOptionError

GYMNASIUM_NAMES = {
    "is_slippery": "slippery",
    "is_rainy": "rainy",
    "map_name": "map",
    "desc": "map",
}

#: Passed for ``max_episode_steps`` to keep the time limit the environment is registered with.
REGISTERED = "registered"


def options_json(options: dict[str, Any], max_episode_steps: int | None | str = REGISTERED) -> str:
    """The options as the JSON object the C interface takes.

    Args:
        options: keyword arguments, Gymnasium's names or the registry's.
        max_episode_steps: the time limit Swift applies: :data:`REGISTERED` for the registered
            one, ``None`` for none, or a number of steps (at least 1).
    """
    values: dict[str, Any] = {}
    for name, value in options.items():
        key = GYMNASIUM_NAMES.get(name, name.replace("_", "-"))
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, (list, tuple)):
            value = ",".join(v.decode() if isinstance(v, bytes) else str(v) for v in value)
        if not isinstance(value, (str, bool, int, float)):
            raise InvalidOptionError(f"option {name}: {value!r} is not a string, number or boolean")
        values[key] = value
    if max_episode_steps != REGISTERED:
        if max_episode_steps is None:
            values["max-episode-steps"] = "none"
        elif isinstance(max_episode_steps, (int, np.integer)) and not isinstance(max_episode_steps, bool):
            values["max-episode-steps"] = int(max_episode_steps)
        else:
            raise InvalidOptionError(
                f"max_episode_steps must be a whole number of steps, None, or {REGISTERED!r}; got {max_episode_steps!r}"
            )
    return json.dumps(values)
