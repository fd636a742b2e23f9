"""The Ray Tune trainable's logic with the real `rl` but without Ray: a stand-in for Tune's
reporting records what the trainable reports and keeps each checkpoint's folder, as Tune
persists it. A trial interrupted at its checkpoints, and one restarted from a middle checkpoint
(as Tune restarts a trial whose worker died), both end with the figures of one uninterrupted
`rl train`.

Needs the `rl` executable: RL_BINARY names it (.ci/run passes the debug build's); skipped without."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

from swiftrl import tune as trainable

RL = os.environ.get("RL_BINARY") or shutil.which("rl") or ""
pytestmark = pytest.mark.skipif(not pathlib.Path(RL).is_file(), reason="no rl executable (set RL_BINARY)")

CONFIG = {"agent": "qtable", "environment": "frozenlake", "seed": 3, "steps": 200_000, "checkpoint_every": 50_000,
          "eval_episodes": 10, "hyperparameters": {"learning-rate": 0.5}, "options": {"slippery": True}, "rl": RL}


class FakeTune:
    """What the trainable needs of Ray Tune: report, get_checkpoint, Checkpoint."""

    def __init__(self, storage, restore=None):
        self.storage = storage
        self.reports = []
        self.saved = []
        self.restore = restore
        tune = self

        class Checkpoint:
            def __init__(self, path):
                self.path = path

            @classmethod
            def from_directory(cls, folder):
                copy = tune.storage / f"checkpoint_{len(tune.saved):06}"
                shutil.copytree(folder, copy)
                tune.saved.append(copy)
                return cls(copy)

            def as_directory(self):
                import contextlib

                return contextlib.nullcontext(str(self.path))

        self.Checkpoint = Checkpoint

    def report(self, metrics, checkpoint=None):
        self.reports.append((metrics, checkpoint))

    def get_checkpoint(self):
        return self.restore


def train(monkeypatch, folder, restore=None):
    fake = FakeTune(folder / "storage", restore)
    (folder / "storage").mkdir(parents=True)
    (folder / "trial").mkdir()
    monkeypatch.setattr(trainable, "_tune", lambda: fake)
    monkeypatch.setattr(trainable, "_trial_folder", lambda: str(folder / "trial"))
    trainable.rl_trainable(CONFIG)
    return fake


def direct_run(folder):
    words = trainable.command_line(CONFIG, RL, str(folder / "direct"))
    output = subprocess.run(words + ["--json", "--quiet", "--eval-episodes", "10"], check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


def test_checkpointed_and_restarted_trials_end_as_one_run(monkeypatch, tmp_path):
    direct = direct_run(tmp_path)

    whole = train(monkeypatch, tmp_path / "whole")
    checkpoints = [(metrics["steps"], checkpoint) for metrics, checkpoint in whole.reports if checkpoint is not None]
    # A checkpoint at each interruption (the first progress line past 50,000, 100,000, 150,000 steps) and at the end.
    assert len(checkpoints) == 4 and checkpoints[-1][0] == 200_000
    assert all(later > earlier for (earlier, _), (later, _) in zip(checkpoints, checkpoints[1:]))
    final = whole.reports[-1][0]
    assert (final["steps"], final["episodes"], final["mean_return"], final["evaluation_mean_return"]) == (
        direct["steps"], direct["episodes"], direct["final_mean_return"], direct["evaluation"]["mean_return"])
    steps = [metrics["steps"] for metrics, _ in whole.reports]
    assert steps == sorted(steps) and len(steps) > 8

    # Restarted from the second checkpoint, as after a worker died there.
    middle_steps, middle = checkpoints[1]
    restarted = train(monkeypatch, tmp_path / "restarted", restore=middle)
    first, last = restarted.reports[0][0], restarted.reports[-1][0]
    assert first["restored_from_steps"] == middle_steps and first["steps"] > middle_steps
    assert (last["steps"], last["episodes"], last["mean_return"], last["evaluation_mean_return"]) == (
        final["steps"], final["episodes"], final["mean_return"], final["evaluation_mean_return"])


def test_command_line_spells_hyperparameters_and_options():
    words = trainable.command_line(
        {"agent": "dqn", "environment": "cartpole", "steps": 100, "hyperparameters": {"double-dqn": False, "hidden": [64, 64], "learning-rate": 0.001},
         "options": {"sutton-barto-reward": True}}, "rl", "out")
    assert words == ["rl", "train", "dqn", "cartpole", "--seed", "0", "--steps", "100", "--out", "out", "--force",
                     "--no-double-dqn", "--hidden", "64,64", "--learning-rate", "0.001", "--option", "sutton-barto-reward=true"]
