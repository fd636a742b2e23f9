"""A Swift vector environment with NumPy buffers bound to it: the one object both
:class:`~swiftrl.SwiftEnv` and :class:`~swiftrl.SwiftVectorEnv` step through.

The arrays are allocated once, here, and handed to Swift by address: every ``reset`` and
``step`` writes the results into them and reads the actions from them, so stepping copies
nothing in Python and allocates nothing.
"""

from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from gymnasium import spaces

from . import _library
from .errors import InvalidActionError, InvalidArgumentError, InvalidHandleError
from .options import REGISTERED, options_json
from .spaces import ObservationLayout, space_from_json

_UINT64_LIMIT = 1 << 64


@dataclass(frozen=True)
class EpisodeRecord:
    """One finished episode of one copy, as Swift recorded it."""

    #: The copy the episode ran in.
    copy: int
    #: The sum of its rewards (in float64, as the environment gave them).
    episode_return: float
    #: Its number of steps.
    length: int
    #: Whether it ended by termination.
    terminated: bool
    #: Whether it was cut short by a time limit.
    truncated: bool
    #: Whether it reached the goal, or ``None`` for a task without one.
    succeeded: bool | None


class BoundVector:
    """``copies`` copies of the registered environment ``env_id`` stepped by Swift into NumPy
    arrays (:attr:`observations`, :attr:`rewards`, :attr:`terminated`, :attr:`truncated`, …)."""

    def __init__(
        self,
        env_id: str,
        options: dict[str, Any],
        copies: int,
        autoreset: int,
        threads: int,
        max_episode_steps: int | None | str = REGISTERED,
    ) -> None:
        self.handle: int | None = None
        self.lib = _library.library()
        if not isinstance(copies, (int, np.integer)) or isinstance(copies, bool):
            raise InvalidArgumentError(f"the number of copies must be a whole number, got {copies!r}")
        if not isinstance(threads, (int, np.integer)) or isinstance(threads, bool):
            raise InvalidArgumentError(f"the thread count must be a whole number, got {threads!r}")
        # Values past the C types' range would be cut by ctypes; Swift checks the rest.
        if not -(1 << 63) <= int(copies) < (1 << 63):
            raise InvalidArgumentError(f"the number of copies must be from 1 to 4194304, got {copies}")
        if not -(1 << 31) <= int(threads) < (1 << 31):
            raise InvalidArgumentError(f"the thread count must be 0 (automatic) to 256, got {threads}")
        handle = ctypes.c_int64(0)
        _library.check(
            self.lib.swiftrl_vector_create(
                _library.encode(str(env_id)),
                _library.encode(options_json(options, max_episode_steps)),
                int(copies),
                autoreset,
                int(threads),
                ctypes.byref(handle),
            )
        )
        self.handle = handle.value
        self.description = json.loads(_library.take_string(self.lib.swiftrl_vector_describe(self.handle)))
        self.env_id: str = self.description["id"]
        self.copies = int(copies)
        self.observation_space = space_from_json(self.description["observation_space"])
        self.action_space = space_from_json(self.description["action_space"])
        self.layout = ObservationLayout(self.observation_space)

        self.observations = self.layout.buffer(self.copies)
        self.rewards = np.zeros(self.copies, dtype=np.float32)
        self.terminated = np.zeros(self.copies, dtype=np.bool_)
        self.truncated = np.zeros(self.copies, dtype=np.bool_)
        self.episode_returns = np.zeros(self.copies, dtype=np.float64)
        self.episode_lengths = np.zeros(self.copies, dtype=np.int64)
        if isinstance(self.action_space, spaces.Discrete):
            self.actions = np.zeros(self.copies, dtype=np.int64)
        elif isinstance(self.action_space, spaces.Box):
            self.actions = np.zeros((self.copies, *self.action_space.shape), dtype=np.float32)
        else:
            raise InvalidArgumentError(f"{self.env_id}: unsupported action space {self.action_space}")
        self.same_step = autoreset == _library.AUTORESET_SAME_STEP
        buffers = [
            (_library.OBSERVATIONS, self.observations),
            (_library.REWARDS, self.rewards),
            (_library.TERMINATED, self.terminated),
            (_library.TRUNCATED, self.truncated),
            (_library.ACTIONS, self.actions),
            (_library.EPISODE_RETURNS, self.episode_returns),
            (_library.EPISODE_LENGTHS, self.episode_lengths),
        ]
        if self.same_step:
            self.final_observations = self.layout.buffer(self.copies)
            self.has_final_observation = np.zeros(self.copies, dtype=np.bool_)
            buffers += [
                (_library.FINAL_OBSERVATIONS, self.final_observations),
                (_library.HAS_FINAL_OBSERVATION, self.has_final_observation),
            ]
        for number, array in buffers:
            self.bind(number, array)
        self._handle_argument = ctypes.c_int64(self.handle)
        self._step = self.lib.swiftrl_vector_step

    def bind(self, number: int, array: np.ndarray) -> None:
        """Binds ``array`` (C-contiguous, kept alive by this object) as buffer ``number``."""
        _library.check(self.lib.swiftrl_vector_bind(self.live_handle, number, array.ctypes.data, array.nbytes))

    @property
    def live_handle(self) -> int:
        """The handle; :class:`~swiftrl.errors.InvalidHandleError` once closed."""
        if self.handle is None:
            raise InvalidHandleError(f"{self.env_id}: the environment is closed")
        return self.handle

    # -- Reset and step ---------------------------------------------------------------------

    def reset(self, seed: int | None) -> None:
        """Resets every copy: copy ``i`` with ``seed + i``, or continuing its stream."""
        if seed is None:
            _library.check(self.lib.swiftrl_vector_reset(self.live_handle, 0, 0))
            return
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or not 0 <= int(seed) < _UINT64_LIMIT:
            raise InvalidArgumentError(f"{self.env_id}: a seed must be a whole number from 0 to 2**64 - 1, got {seed!r}")
        _library.check(self.lib.swiftrl_vector_reset(self.live_handle, int(seed), 1))

    def step(self) -> None:
        """Steps every copy with the actions in :attr:`actions`."""
        if self.handle is None:
            raise InvalidHandleError(f"{self.env_id}: the environment is closed")
        status = self._step(self._handle_argument)
        if status:
            _library.check(status)

    def set_actions(self, actions: Any) -> None:
        """Writes a batch of actions (one per copy) into :attr:`actions`.

        Raises:
            InvalidActionError: a batch of another shape, or values that are not numbers of the
                action space's kind (whole numbers for a ``Discrete``).
        """
        if actions is self.actions:
            return
        batch = np.asarray(actions)
        if batch.shape != self.actions.shape:
            raise InvalidActionError(
                f"{self.env_id}: actions of shape {batch.shape} for {self.copies} copies; give shape {self.actions.shape}"
            )
        if isinstance(self.action_space, spaces.Discrete):
            if not np.issubdtype(batch.dtype, np.integer):
                raise InvalidActionError(f"{self.env_id}: actions of {self.action_space} must be whole numbers, got {batch.dtype}")
            start = int(self.action_space.start)
            if batch.dtype.itemsize > 8 or (batch.dtype.kind == "u" and batch.dtype.itemsize == 8 and (batch > np.iinfo(np.int64).max).any()):
                raise InvalidActionError(f"{self.env_id}: actions {batch} do not fit in 64-bit integers")
            if start:
                np.subtract(batch, start, out=self.actions, casting="unsafe")
            else:
                np.copyto(self.actions, batch, casting="unsafe")
        else:
            if not (np.issubdtype(batch.dtype, np.floating) or np.issubdtype(batch.dtype, np.integer)):
                raise InvalidActionError(f"{self.env_id}: actions of {self.action_space} must be numbers, got {batch.dtype}")
            np.copyto(self.actions, batch, casting="unsafe")

    # -- Episodes ---------------------------------------------------------------------------

    def finished_episodes(self) -> list[EpisodeRecord]:
        """The episodes that ended on the last step, one per copy that finished one."""
        records = []
        finished, length = ctypes.c_int32(), ctypes.c_int64()
        episode_return = ctypes.c_double()
        terminated, truncated, succeeded = ctypes.c_int32(), ctypes.c_int32(), ctypes.c_int32()
        for copy in np.flatnonzero(self.terminated | self.truncated):
            _library.check(
                self.lib.swiftrl_vector_episode(
                    self.live_handle, int(copy), ctypes.byref(finished), ctypes.byref(episode_return),
                    ctypes.byref(length), ctypes.byref(terminated), ctypes.byref(truncated), ctypes.byref(succeeded),
                )
            )
            if finished.value:
                records.append(
                    EpisodeRecord(
                        copy=int(copy), episode_return=episode_return.value, length=length.value,
                        terminated=bool(terminated.value), truncated=bool(truncated.value),
                        succeeded=None if succeeded.value < 0 else bool(succeeded.value),
                    )
                )
        return records

    def counts(self) -> tuple[int, int]:
        """The episodes finished and the steps taken since the vector was made."""
        episodes, steps = ctypes.c_int64(), ctypes.c_int64()
        _library.check(self.lib.swiftrl_vector_counts(self.live_handle, ctypes.byref(episodes), ctypes.byref(steps)))
        return episodes.value, steps.value

    def render_text(self, copy: int) -> str:
        """Copy ``copy`` drawn as text."""
        return _library.take_string(self.lib.swiftrl_vector_render_text(self.live_handle, int(copy)))

    # -- Closing ----------------------------------------------------------------------------

    def close(self) -> None:
        """Frees the Swift vector (again: nothing)."""
        if self.handle is not None:
            handle, self.handle = self.handle, None
            _library.check(self.lib.swiftrl_vector_free(handle))

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass
