"""Loads the Swift library (``libRLCInterface``) and declares its C functions for ctypes.

The library is the one shipped inside the package (put there by ``build_library.sh``), or the
file named by the environment variable ``SWIFTRL_LIBRARY``. It links the Swift runtime
statically, so nothing of Swift needs to be installed. ctypes releases the interpreter's lock
around each call, and the library keeps the last error per thread.
"""

from __future__ import annotations

import ctypes
import json
import os
import pathlib
import sys
import threading
from typing import Any

from . import errors

LIBRARY_FILE = "libRLCInterface.dylib" if sys.platform == "darwin" else "libRLCInterface.so"

# Buffer numbers of swiftrl_vector_bind (Sources/RLCInterface/include/swiftrl.h).
OBSERVATIONS = 0
REWARDS = 1
TERMINATED = 2
TRUNCATED = 3
ACTIONS = 4
FINAL_OBSERVATIONS = 5
HAS_FINAL_OBSERVATION = 6
EPISODE_RETURNS = 7
EPISODE_LENGTHS = 8

# Autoreset modes of swiftrl_vector_create.
AUTORESET_NEXT_STEP = 0
AUTORESET_SAME_STEP = 1
AUTORESET_DISABLED = 2

_lock = threading.Lock()
_library: ctypes.CDLL | None = None


def library_path() -> pathlib.Path:
    """The file the library is loaded from."""
    override = os.environ.get("SWIFTRL_LIBRARY")
    if override:
        return pathlib.Path(override)
    return pathlib.Path(__file__).with_name(LIBRARY_FILE)


def library() -> ctypes.CDLL:
    """The loaded library (loaded at the first call)."""
    global _library
    with _lock:
        if _library is None:
            path = library_path()
            if not path.exists():
                raise ImportError(
                    f"swiftrl: the Swift library {path} is missing; build it with Python/build_library.sh "
                    "(or set SWIFTRL_LIBRARY to its path)"
                )
            _library = _declare(ctypes.CDLL(str(path)))
        return _library


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    i32, i64, u64, ptr, text = ctypes.c_int32, ctypes.c_int64, ctypes.c_uint64, ctypes.c_void_p, ctypes.c_char_p
    signatures = {
        "swiftrl_last_error": ([], text),
        "swiftrl_last_error_code": ([], i32),
        "swiftrl_string_free": ([ptr], None),
        "swiftrl_registry_json": ([], ptr),
        "swiftrl_rollout_json": ([text, text, u64, text], ptr),
        "swiftrl_vector_create": ([text, text, i64, i32, i32, ctypes.POINTER(i64)], i32),
        "swiftrl_vector_describe": ([i64], ptr),
        "swiftrl_vector_bind": ([i64, i32, ptr, i64], i32),
        "swiftrl_vector_reset": ([i64, u64, i32], i32),
        "swiftrl_vector_step": ([i64], i32),
        "swiftrl_vector_episode": (
            [i64, i64, ctypes.POINTER(i32), ctypes.POINTER(ctypes.c_double), ctypes.POINTER(i64),
             ctypes.POINTER(i32), ctypes.POINTER(i32), ctypes.POINTER(i32)],
            i32,
        ),
        "swiftrl_vector_counts": ([i64, ctypes.POINTER(i64), ctypes.POINTER(i64)], i32),
        "swiftrl_vector_render_text": ([i64, i64], ptr),
        "swiftrl_vector_free": ([i64], i32),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = arguments
        function.restype = result
    return lib


def last_error() -> str:
    """The calling thread's last error message from the library."""
    message = library().swiftrl_last_error()
    return message.decode("utf-8", "replace") if message else ""


def check(status: int) -> None:
    """Raises the exception for a non-zero status, with the library's message."""
    if status != 0:
        raise errors.for_status(status, last_error())


def take_string(pointer: int | None) -> str:
    """The text of a string the library returned (then freed), or the error when it is null."""
    lib = library()
    if not pointer:
        raise errors.for_status(lib.swiftrl_last_error_code() or 1, last_error() or "the Swift library returned no text")
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        lib.swiftrl_string_free(pointer)


def registry() -> dict[str, Any]:
    """The standard registry as the library describes it (``swiftrl_registry_json``)."""
    return json.loads(take_string(library().swiftrl_registry_json()))


def encode(text: str) -> bytes:
    return text.encode("utf-8")
