"""Many Swift environments stepped in one call, as a ``gymnasium.vector.VectorEnv`` (Gymnasium 1.x)."""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium.vector.utils import batch_space

from . import _library
from ._bound import BoundVector, EpisodeRecord
from .errors import InvalidArgumentError, InvalidOptionError
from .options import REGISTERED

try:  # Gymnasium 1.1 and later
    from gymnasium.vector import AutoresetMode

    NEXT_STEP: Any = AutoresetMode.NEXT_STEP
    SAME_STEP: Any = AutoresetMode.SAME_STEP
except ImportError:  # pragma: no cover - Gymnasium 1.0 names the modes by text
    NEXT_STEP, SAME_STEP = "NextStep", "SameStep"


class SwiftVectorEnv(gym.vector.VectorEnv):
    """``num_envs`` copies of a registered environment stepped together by Swift.

    ``SwiftVectorEnv("CartPole-v1", 64)``, or ``gymnasium.make_vec("SwiftRL/CartPole-v1",
    num_envs=64)`` after ``import swiftrl``. One ``step`` is one call into Swift for the whole
    batch: the actions are read from, and the results written into, NumPy arrays allocated once
    and shared with Swift, so stepping copies nothing.

    - **Shared arrays.** By default (``copy=False``) ``reset`` and ``step`` return the same
      arrays every time, overwritten by the next call: copy what you keep (``obs.copy()``), as
      rollout buffers do when they store a step. ``copy=True`` returns new arrays each call,
      as Gymnasium's ``SyncVectorEnv`` does.
    - **Batches** as Gymnasium's: observations ``(num_envs, *shape)`` float32 for a ``Box``,
      ``(num_envs,)`` int64 for a ``Discrete``, a tuple of such arrays for a ``Tuple``; rewards
      float32 (Swift's, rounded), ``terminated`` and ``truncated`` bool.
    - **Seeding**: ``reset(seed=s)`` resets copy ``i`` with ``s + i``; ``seed=None`` continues
      each copy's stream.
    - **Autoreset** (``metadata["autoreset_mode"]``): ``NEXT_STEP`` (default) resets a copy on
      the step after its episode ended, reporting reward 0 and ignoring its action;
      ``SAME_STEP`` resets it at once and puts the last observation in
      ``infos["final_obs"]`` (with ``infos["_final_obs"]``), as ``SyncVectorEnv`` does.
    - **Episode statistics**: :attr:`episode_returns` and :attr:`episode_lengths` (the running
      episodes), :meth:`finished_episodes` (the episodes that ended on the last step),
      :attr:`completed_episodes` and :attr:`total_steps`.

    Args:
        env_id: a registered id or alias.
        num_envs: the number of copies.
        autoreset_mode: ``AutoresetMode.NEXT_STEP`` or ``SAME_STEP`` (or their names).
        copy: whether to return new arrays from each call (default: the shared ones).
        threads: 0 lets Swift decide (it splits a batch over threads only where that measures
            faster), 1 keeps stepping on the calling thread, n (at most 256) allows up to n threads.
        max_episode_steps: the time limit of every copy: the registered one by default, ``None``
            for none, or a number of steps (``gymnasium.make_vec`` passes the registered one).
        render_mode: ``None`` or ``"ansi"`` (``render()`` returns one text per copy).
        **options: the environment's options, as for :class:`~swiftrl.SwiftEnv`.
    """

    def __init__(
        self,
        env_id: str,
        num_envs: int = 1,
        autoreset_mode: Any = NEXT_STEP,
        copy: bool = False,
        threads: int = 0,
        max_episode_steps: int | None | str = REGISTERED,
        render_mode: str | None = None,
        **options: Any,
    ) -> None:
        mode = _mode_name(autoreset_mode)
        if mode not in ("NextStep", "SameStep"):
            raise InvalidArgumentError(f"autoreset_mode must be NEXT_STEP or SAME_STEP, got {autoreset_mode!r}")
        autoreset = _library.AUTORESET_SAME_STEP if mode == "SameStep" else _library.AUTORESET_NEXT_STEP
        self._vector = BoundVector(env_id, options, num_envs, autoreset, threads, max_episode_steps)
        self.env_id = self._vector.env_id
        self.num_envs = self._vector.copies
        self.copy = copy
        self.render_mode = render_mode
        self.single_observation_space = self._vector.observation_space
        self.single_action_space = self._vector.action_space
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self.metadata = {
            "autoreset_mode": SAME_STEP if mode == "SameStep" else NEXT_STEP,
            "render_modes": ["ansi"],
            "render_fps": self._vector.description.get("render_fps", 30),
        }
        self._same_step = mode == "SameStep"
        self._observations = self._vector.layout.batch(self._vector.observations)

    @property
    def description(self) -> dict[str, Any]:
        """What Swift says about the vector: id, copies, spaces, time limit, options."""
        return self._vector.description

    def reset(
        self, *, seed: int | list[int | None] | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Any, dict[str, Any]]:
        """Resets every copy: copy ``i`` with ``seed + i`` (a list must be those seeds), or
        continuing its stream when ``seed`` is ``None``. ``options`` must be empty."""
        if options:
            raise InvalidOptionError(f"{self.env_id}: reset options are not supported, got {sorted(options)}")
        if isinstance(seed, (list, tuple)):
            first = seed[0] if seed else None
            expected = [None] * self.num_envs if first is None else [first + index for index in range(self.num_envs)]
            if list(seed) != expected:
                raise InvalidArgumentError(
                    f"{self.env_id}: per-copy seeds must be [s, s + 1, …, s + {self.num_envs - 1}] or all None, got {seed}"
                )
            seed = first
        self._vector.reset(seed)
        if seed is not None:
            self._np_random, self._np_random_seed = gym.utils.seeding.np_random(int(seed))
        return self._result(self._observations), {}

    def step(self, actions: Any) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """Steps every copy with its action (one per copy, in a batch of the action space);
        returns observations, rewards, ``terminated``, ``truncated`` and infos."""
        vector = self._vector
        vector.set_actions(actions)
        vector.step()
        infos: dict[str, Any] = {}
        if self._same_step and vector.has_final_observation.any():
            mask = vector.has_final_observation.copy()
            final = np.full(self.num_envs, None, dtype=object)
            for copy in np.flatnonzero(mask):
                final[copy] = vector.layout.single(vector.final_observations, int(copy))
            infos = {"final_obs": final, "_final_obs": mask, "final_info": {}, "_final_info": mask.copy()}
        if self.copy:
            return (
                self._result(self._observations),
                vector.rewards.copy(),
                vector.terminated.copy(),
                vector.truncated.copy(),
                infos,
            )
        return self._observations, vector.rewards, vector.terminated, vector.truncated, infos

    def _result(self, observations: Any) -> Any:
        if not self.copy:
            return observations
        if isinstance(observations, tuple):
            return tuple(part.copy() for part in observations)
        return observations.copy()

    # -- Episode statistics -----------------------------------------------------------------

    @property
    def episode_returns(self) -> np.ndarray:
        """Each copy's running episode return so far (float64; shared, updated by each call)."""
        return self._vector.episode_returns

    @property
    def episode_lengths(self) -> np.ndarray:
        """Each copy's running episode length so far (int64; shared, updated by each call)."""
        return self._vector.episode_lengths

    def finished_episodes(self) -> list[EpisodeRecord]:
        """The episodes that ended on the last step (return, length, how it ended, success)."""
        return self._vector.finished_episodes()

    @property
    def completed_episodes(self) -> int:
        """The episodes finished since the vector was made, all copies together."""
        return self._vector.counts()[0]

    @property
    def total_steps(self) -> int:
        """The environment steps taken since the vector was made, all copies together."""
        return self._vector.counts()[1]

    # -- Rendering and closing --------------------------------------------------------------

    def render(self) -> tuple[str, ...] | None:
        """Every copy drawn as text when ``render_mode`` is ``"ansi"``; ``None`` otherwise."""
        if self.render_mode is None:
            return None
        if self.render_mode != "ansi":
            raise InvalidOptionError(f"{self.env_id}: render mode {self.render_mode!r} is not available; the environments draw as text (render_mode='ansi')")
        return tuple(self._vector.render_text(copy) for copy in range(self.num_envs))

    def close_extras(self, **kwargs: Any) -> None:
        """Frees the Swift vector."""
        # Gymnasium's __del__ closes a vector whose __init__ raised before it had one.
        vector = getattr(self, "_vector", None)
        if vector is not None:
            vector.close()


def _mode_name(mode: Any) -> str:
    return str(getattr(mode, "value", mode))
