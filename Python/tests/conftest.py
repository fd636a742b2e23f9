"""Tests of the Python package against the Swift library it carries.

Run after Python/build_library.sh: ``python3 -m pytest -q Python/tests`` (``.ci/run`` does).
The package is imported from this checkout, not from an installed copy.
"""

import pathlib
import sys

import pytest

PYTHON_FOLDER = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PYTHON_FOLDER))

import swiftrl  # noqa: E402

#: Every environment id of the Swift registry.
ENVIRONMENT_IDS = [entry["id"] for entry in swiftrl.environments()]


@pytest.fixture(params=ENVIRONMENT_IDS)
def environment_id(request):
    """Each registered environment in turn."""
    return request.param
