#!/usr/bin/env bash
# Opt-in (not in CI): makes a Python with Gymnasium 0.29.1 (CleanRL's pin) in /tmp/gym029 and runs
# the test that checks the single environments with it (Python/tests/test_gymnasium_029.py, which
# CI skips when that Python is absent).
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -x /tmp/gym029/bin/python ]] || { python3 -m venv /tmp/gym029 && /tmp/gym029/bin/pip install -q gymnasium==0.29.1 numpy; }
Python/build_library.sh >/dev/null
python3 -m pytest -q Python/tests/test_gymnasium_029.py
