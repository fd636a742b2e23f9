"""Ray Tune runs ``rl train``: a function trainable whose trials are ``rl train`` processes.

Each trial trains with the ``rl`` command (the Swift training loop, not Python) and reads its
``--progress-jsonl -`` lines, reporting each to Tune as it comes. Every ``checkpoint_every``
steps it interrupts ``rl`` as Ctrl-C does (SIGINT: ``rl`` saves the checkpoint with its whole
training state and exits 130), reports the run folder to Tune as the trial's checkpoint, and
continues with ``rl train --resume``. A trial that dies (its worker killed, its node lost) is
restarted by Tune from its last checkpoint, and ``rl train --resume`` continues exactly where
that checkpoint stopped, so the trial ends with the same metrics as a run never interrupted.

::

    from ray import tune
    from swiftrl.tune import rl_trainable

    tuner = tune.Tuner(
        tune.with_resources(rl_trainable, {"cpu": 1}),
        param_space={"agent": "dqn", "environment": "cartpole", "steps": 50_000,
                     "hyperparameters": {"learning-rate": tune.grid_search([1e-3, 2.3e-3])}},
        run_config=tune.RunConfig(failure_config=tune.FailureConfig(max_failures=2)),
    )
    tuner.fit()

The configuration:

- ``agent``, ``environment``: as for ``rl train AGENT ENV``; ``seed`` (default 0);
  ``steps``: the run's budget in environment steps (required).
- ``hyperparameters``: ``{"learning-rate": 1e-3, "double-dqn": False, …}``, each passed as
  ``--NAME VALUE`` (``True``/``False`` as ``--NAME``/``--no-NAME``).
- ``options``: the environment's options, each passed as ``--option NAME=VALUE``.
- ``checkpoint_every``: steps between checkpoints (default a fifth of ``steps``).
- ``eval_episodes``: greedy evaluation episodes at the end (default 20), reported as
  ``evaluation_mean_return``.
- ``rl``: the ``rl`` executable (default ``$RL_BINARY``, else ``rl`` on the ``PATH``).

Each report carries ``rl``'s figures (``steps``, ``episodes``, ``mean_return``,
``last_return``, ``steps_per_second``, the agent's ``metrics``), plus ``restored_from_steps``
(the checkpoint the trial started from, 0 for a new one) and ``pid`` (the trial's worker).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from typing import Any

#: The exit code of ``rl train`` stopped by SIGINT (the checkpoint saved).
INTERRUPTED = 130


def _tune() -> Any:
    """Tune's reporting functions: ``ray.tune``'s (Ray 2.41 and later), else ``ray.train``'s."""
    try:
        from ray import tune

        tune.report, tune.get_checkpoint, tune.Checkpoint  # noqa: B018
        return tune
    except (ImportError, AttributeError):  # pragma: no cover - older Ray
        from ray import train

        return train


def command_line(config: dict[str, Any], rl: str, run_folder: str) -> list[str]:
    """The ``rl train`` command line that starts the run ``config`` describes."""
    words = [rl, "train", str(config["agent"]), str(config["environment"]), "--seed", str(config.get("seed", 0)),
             "--steps", str(int(config["steps"])), "--out", run_folder, "--force"]
    for name, value in sorted(config.get("hyperparameters", {}).items()):
        if isinstance(value, bool):
            words.append(f"--{name}" if value else f"--no-{name}")
        else:
            words += [f"--{name}", ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)]
    for name, value in sorted(config.get("options", {}).items()):
        words += ["--option", f"{name}={str(value).lower() if isinstance(value, bool) else value}"]
    return words


def rl_trainable(config: dict[str, Any]) -> None:
    """A Ray Tune function trainable: trains ``config``'s run with ``rl train`` (see the module)."""
    tune = _tune()
    rl = config.get("rl") or os.environ.get("RL_BINARY") or shutil.which("rl")
    if not rl:
        raise RuntimeError("swiftrl.tune: no rl executable; give config['rl'] or set RL_BINARY")
    steps = int(config["steps"])
    every = int(config.get("checkpoint_every") or max(1, steps // 5))
    trial_folder = _trial_folder()
    run_folder = os.path.join(trial_folder, "run")

    restored_from = 0
    checkpoint = tune.get_checkpoint()
    if checkpoint is not None:
        shutil.rmtree(run_folder, ignore_errors=True)
        with checkpoint.as_directory() as saved:
            shutil.copytree(saved, run_folder)
        with open(os.path.join(run_folder, "trial.json")) as file:
            restored_from = json.load(file)["steps"]
        words = [rl, "train", "--resume", run_folder]
    else:
        words = command_line(config, rl, run_folder)
    common = ["--progress-jsonl", "-", "--json", "--quiet", "--eval-episodes", str(config.get("eval_episodes", 20))]

    next_checkpoint = (restored_from // every + 1) * every
    while True:
        status, last, summary = _run(words + common, next_checkpoint, tune, restored_from)
        if status not in (0, INTERRUPTED) or summary is None:
            raise RuntimeError(f"swiftrl.tune: rl train exited with {status}")
        with open(os.path.join(run_folder, "trial.json"), "w") as file:
            json.dump({"steps": last["steps"]}, file)
        final = dict(last, pid=os.getpid(), restored_from_steps=restored_from)
        if status == 0:
            evaluation = summary.get("evaluation") or {}
            if "mean_return" in evaluation:
                final["evaluation_mean_return"] = evaluation["mean_return"]
            tune.report(final, checkpoint=tune.Checkpoint.from_directory(run_folder))
            return
        tune.report(final, checkpoint=tune.Checkpoint.from_directory(run_folder))
        next_checkpoint = (last["steps"] // every + 1) * every
        words = [rl, "train", "--resume", run_folder]


def _run(words: list[str], interrupt_at: int, tune: Any, restored_from: int) -> tuple[int, dict, dict | None]:
    """Runs one ``rl train`` process, reporting its progress lines; sends SIGINT once a line
    reaches ``interrupt_at`` steps. Returns the exit status, the last progress line and the
    ``--json`` summary."""
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen(words, stdout=subprocess.PIPE, stderr=errors, text=True, preexec_fn=_die_with_parent)
    last: dict = {}
    summary = None
    interrupted = False
    assert process.stdout is not None
    for text in process.stdout:
        line = json.loads(text)
        if "run_folder" in line:
            summary = line
            continue
        last = {key: value for key, value in line.items() if key not in ("final", "checkpoint")}
        if line.get("final"):
            continue  # the report with the checkpoint follows once rl has saved it
        tune.report(dict(last, pid=os.getpid(), restored_from_steps=restored_from))
        if not interrupted and line["steps"] >= interrupt_at:
            process.send_signal(signal.SIGINT)
            interrupted = True
    status = process.wait()
    if status not in (0, INTERRUPTED):
        errors.seek(0)
        sys.stderr.write(errors.read().decode("utf-8", "replace"))
    return status, last, summary


def _trial_folder() -> str:
    try:
        from ray import tune

        return tune.get_context().get_trial_dir()
    except Exception:  # pragma: no cover - outside Tune, or older Ray
        return os.getcwd()


def _die_with_parent() -> None:
    """Linux: the ``rl`` process is killed with its trial's worker (PR_SET_PDEATHSIG), so a
    killed trial leaves no training running."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)
