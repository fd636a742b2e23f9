"""Gymnasium spaces from the C interface's JSON, and how observations sit in the buffers.

The interface describes a space as ``{"type": "Discrete", "n": 4, "start": 0}``,
``{"type": "Tuple", "spaces": [...]}`` (Blackjack) or ``{"type": "Box", "low": [...],
"high": [...], "shape": [4], "dtype": "float32"}`` with unbounded coordinates as ``"inf"``.
Observations come as float32 rows for a ``Box``, and as int64 components (one row of the
buffer per component, one column per copy) for finite spaces; :class:`ObservationLayout`
turns them into what Gymnasium's environments return.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium import spaces


def space_from_json(description: dict[str, Any]) -> spaces.Space:
    """The Gymnasium space a description stands for."""
    kind = description["type"]
    if kind == "Discrete":
        return spaces.Discrete(int(description["n"]), start=int(description.get("start", 0)))
    if kind == "Tuple":
        return spaces.Tuple(tuple(space_from_json(item) for item in description["spaces"]))
    if kind == "Box":
        shape = tuple(int(size) for size in description["shape"])
        low = np.array([float(value) for value in description["low"]], dtype=np.float32).reshape(shape)
        high = np.array([float(value) for value in description["high"]], dtype=np.float32).reshape(shape)
        return spaces.Box(low=low, high=high, shape=shape, dtype=np.float32)
    raise ValueError(f"swiftrl: unknown space type {kind!r}")


class ObservationLayout:
    """How the observations of one space are kept in a buffer the Swift library writes."""

    def __init__(self, space: spaces.Space) -> None:
        self.space = space
        if isinstance(space, spaces.Box):
            self.components = 0
        elif isinstance(space, spaces.Discrete):
            self.components = 1
        elif isinstance(space, spaces.Tuple):
            self.components = len(space.spaces)
        else:
            raise ValueError(f"swiftrl: unsupported observation space {space}")

    def buffer(self, copies: int) -> np.ndarray:
        """A new buffer for the observations of ``copies`` copies."""
        if self.components == 0:
            return np.zeros((copies, *self.space.shape), dtype=np.float32)
        return np.zeros((self.components, copies), dtype=np.int64)

    def batch(self, buffer: np.ndarray) -> Any:
        """The batch of observations as Gymnasium's vector environments give it, viewing
        ``buffer`` (no copy): the rows for a ``Box``, the values for a ``Discrete``, a tuple of
        arrays (one per component) for a ``Tuple``."""
        if self.components == 0:
            return buffer
        if isinstance(self.space, spaces.Discrete):
            return buffer[0]
        return tuple(buffer[index] for index in range(self.components))

    def single(self, buffer: np.ndarray, copy: int) -> Any:
        """Copy ``copy``'s observation as a new object, as a Gymnasium environment returns it:
        an array for a ``Box``, an ``int`` for a ``Discrete``, a tuple of ``int`` for a ``Tuple``."""
        if self.components == 0:
            return buffer[copy].copy()
        if isinstance(self.space, spaces.Discrete):
            return int(buffer[0, copy])
        return tuple(int(buffer[index, copy]) for index in range(self.components))
