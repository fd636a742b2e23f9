"""One Swift environment as a ``gymnasium.Env``."""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from . import _library
from ._bound import BoundVector
from .errors import InvalidActionError, InvalidArgumentError, InvalidOptionError
from .options import REGISTERED


class SwiftEnv(gym.Env):
    """An environment of swift-rl's registry, stepped in Swift, as a Gymnasium environment.

    ``SwiftEnv("CartPole-v1")`` (or ``gymnasium.make("SwiftRL/CartPole-v1")``, after
    ``import swiftrl``) behaves as Gymnasium's own environment of that id: the same spaces,
    dynamics, rewards, termination and time limit. Its random stream is Swift's, so a seed gives
    the same episodes on every machine but not Gymnasium's episode for that seed.

    - Observations: a float32 array for a ``Box``, an ``int`` for a ``Discrete``, a tuple of
      ``int`` for Blackjack's ``Tuple``; each call returns new objects.
    - Rewards are Swift's rounded to float32 (as the vector environment keeps them); CartPole's
      and the grid worlds' are exact.
    - ``Box`` actions outside the bounds are clipped, as Gymnasium's continuous environments do;
      actions outside a ``Discrete`` range, NaN, and stepping before ``reset`` or after the end
      of an episode raise the errors of :mod:`swiftrl.errors` with Swift's message.
    - ``render_mode="ansi"``: ``render()`` returns the picture as text (the only mode).

    Args:
        env_id: a registered id or alias (``"CartPole-v1"``, ``"cartpole"``).
        render_mode: ``None`` or ``"ansi"`` (another mode is refused by ``render()``).
        max_episode_steps: the time limit Swift applies: the registered one by default, ``None``
            for none (``gymnasium.make`` passes ``None`` and adds its own ``TimeLimit``), or a
            number of steps.
        **options: the environment's options, Gymnasium's names (``is_slippery=False``) or the
            registry's (``sutton_barto_reward=True``).
    """

    metadata: dict[str, Any] = {"render_modes": ["ansi"]}

    def __init__(
        self,
        env_id: str,
        render_mode: str | None = None,
        max_episode_steps: int | None | str = REGISTERED,
        **options: Any,
    ) -> None:
        self._vector = BoundVector(env_id, options, 1, _library.AUTORESET_DISABLED, 1, max_episode_steps)
        self.env_id = self._vector.env_id
        self.render_mode = render_mode
        self.metadata = {"render_modes": ["ansi"], "render_fps": self._vector.description.get("render_fps", 30)}
        self.observation_space = self._vector.observation_space
        self.action_space = self._vector.action_space
        self._discrete_actions = isinstance(self.action_space, spaces.Discrete)

    @property
    def description(self) -> dict[str, Any]:
        """What Swift says about the environment: id, spaces, time limit, reward threshold, options."""
        return self._vector.description

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[Any, dict[str, Any]]:
        """Starts an episode: with ``seed``, Swift's random stream restarts from it; without,
        it continues. ``options`` must be empty (the start distributions are the defaults)."""
        if options:
            raise InvalidOptionError(f"{self.env_id}: reset options are not supported, got {sorted(options)}")
        self._vector.reset(seed)
        super().reset(seed=None if seed is None else int(seed))
        return self._vector.layout.single(self._vector.observations, 0), {}

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """Applies ``action``; returns the observation, reward, ``terminated``, ``truncated`` and
        an empty info dictionary."""
        vector = self._vector
        if self._discrete_actions:
            if isinstance(action, np.ndarray) and action.shape in ((), (1,)):
                action = action.reshape(()).item()
            if isinstance(action, bool) or not isinstance(action, (int, np.integer)):
                raise InvalidActionError(f"{self.env_id}: an action of {self.action_space} is a whole number, got {action!r}")
            if not -(1 << 63) <= int(action) - int(self.action_space.start) < (1 << 63):
                raise InvalidActionError(f"{self.env_id}: action {action} is outside {self.action_space}")
            vector.actions[0] = int(action) - int(self.action_space.start)
        else:
            row = np.asarray(action)
            if row.size != vector.actions[0].size or not (np.issubdtype(row.dtype, np.floating) or np.issubdtype(row.dtype, np.integer)):
                raise InvalidActionError(f"{self.env_id}: an action of {self.action_space} has {vector.actions[0].size} numbers, got {action!r}")
            vector.actions[0] = row.reshape(vector.actions[0].shape)
        vector.step()
        return (
            vector.layout.single(vector.observations, 0),
            float(vector.rewards[0]),
            bool(vector.terminated[0]),
            bool(vector.truncated[0]),
            {},
        )

    def render(self) -> str | None:
        """The current state as text when ``render_mode`` is ``"ansi"``; ``None`` without a
        render mode.

        Raises:
            InvalidOptionError: for another render mode. It is accepted when the environment is
                made (libraries such as Stable-Baselines3 pass ``"rgb_array"`` in case a video
                is recorded; Gymnasium warns that the mode is not in ``render_modes``), but the
                environments draw as text only.
        """
        if self.render_mode is None:
            return None
        if self.render_mode != "ansi":
            raise InvalidOptionError(f"{self.env_id}: render mode {self.render_mode!r} is not available; the environments draw as text (render_mode='ansi')")
        return self._vector.render_text(0)

    def close(self) -> None:
        """Frees the Swift environment; closing twice does nothing."""
        vector = getattr(self, "_vector", None)  # None when __init__ raised before making it
        if vector is not None:
            vector.close()
        super().close()


def make_env(env_id: str, **kwargs: Any) -> SwiftEnv:
    """What ``gymnasium.make("SwiftRL/…")`` calls: the environment without a time limit of its
    own, because ``gymnasium.make`` wraps it in ``TimeLimit`` with the registered
    ``max_episode_steps`` (or the one passed to ``make``), which then cuts episodes, once."""
    if "max_episode_steps" in kwargs:
        raise InvalidArgumentError("pass max_episode_steps to gymnasium.make, not as an environment option")
    return SwiftEnv(env_id, max_episode_steps=None, **kwargs)


make_env.metadata = SwiftEnv.metadata  # type: ignore[attr-defined]
