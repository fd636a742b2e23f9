"""The exceptions the binding raises: one class per status code of the C interface.

Every error Swift reports arrives as one of these, with Swift's message as the text. Each class
also derives from the built-in exception a Python caller would expect (``ValueError`` for bad
values, ``LookupError`` for an unknown id, ``RuntimeError`` for misuse), so generic handlers
catch them too.
"""

from __future__ import annotations


class SwiftRLError(Exception):
    """Base class of every error the Swift library reports."""


class UnknownEnvironmentError(SwiftRLError, LookupError):
    """No environment is registered under the id (the message lists the known ids)."""


class InvalidOptionError(SwiftRLError, ValueError):
    """An option the environment does not take, a bad option value, or options that are not a
    JSON object of strings, numbers and booleans."""


class InvalidArgumentError(SwiftRLError, ValueError):
    """An argument out of range: a copy count, a buffer of the wrong size or alignment, a copy
    index, an autoreset mode."""


class InvalidHandleError(SwiftRLError, RuntimeError):
    """The environment was closed (its Swift vector freed)."""


class ResetNeededError(SwiftRLError, RuntimeError):
    """``step`` before ``reset``, or after the episode ended with automatic resets disabled."""


class InvalidActionError(SwiftRLError, ValueError):
    """An action outside the action space (or a batch of the wrong size)."""


_BY_STATUS = {
    1: SwiftRLError,
    2: UnknownEnvironmentError,
    3: InvalidOptionError,
    4: InvalidArgumentError,
    5: InvalidHandleError,
    6: ResetNeededError,
    7: InvalidActionError,
}


def for_status(status: int, message: str) -> SwiftRLError:
    """The exception for a status code of the C interface and its message."""
    return _BY_STATUS.get(status, SwiftRLError)(message)
