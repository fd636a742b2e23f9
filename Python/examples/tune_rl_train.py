"""Ray Tune runs `rl train`: two concurrent trials (DQN on CartPole, two learning rates) on a
local Ray; one trial's worker is killed mid-run, Tune restarts it from its last checkpoint and
`rl train --resume` finishes it. Each trial's final figures are then compared with the same run
made directly by `rl train`, uninterrupted. Run by tune_rl_train.sh (which installs Ray)."""

import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile

PYTHON_FOLDER = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PYTHON_FOLDER))

import ray  # noqa: E402
from ray import tune  # noqa: E402

from swiftrl.tune import command_line, rl_trainable  # noqa: E402

RL = os.environ.get("RL_BINARY") or str(PYTHON_FOLDER.parent / ".build/release/rl")
STEPS = 40_000
LEARNING_RATES = [0.001, 0.0023]
KILLED_RATE, KILL_AT = 0.001, 12_000
BASE = {
    "agent": "dqn", "environment": "cartpole", "seed": 1, "steps": STEPS, "checkpoint_every": 8_000,
    "eval_episodes": 20, "rl": RL,
}


class KillOnce(tune.Callback):
    """Kills the worker of the trial with KILLED_RATE once it has trained KILL_AT steps."""

    def __init__(self):
        self.killed = False
        self.resumed = set()

    def on_trial_result(self, iteration, trials, trial, result):
        rate = trial.config["hyperparameters"]["learning-rate"]
        if result.get("restored_from_steps") and trial.trial_id not in self.resumed:
            self.resumed.add(trial.trial_id)
            print(f"trial {trial.trial_id} runs again in worker pid {result['pid']}: rl train --resume from its checkpoint "
                  f"at step {result['restored_from_steps']:,}, now at {result['steps']:,} steps", flush=True)
        if not self.killed and rate == KILLED_RATE and result.get("steps", 0) >= KILL_AT:
            self.killed = True
            print(f"killing trial {trial.trial_id} (learning rate {rate}) at {result['steps']:,} steps: "
                  f"SIGKILL to its worker, pid {result['pid']}", flush=True)
            os.kill(result["pid"], signal.SIGKILL)

    def on_trial_start(self, iteration, trials, trial, **info):
        print(f"trial {trial.trial_id} started: learning rate {trial.config['hyperparameters']['learning-rate']}", flush=True)

    def on_trial_recover(self, iteration, trials, trial, **info):
        print(f"trial {trial.trial_id} failed (its worker died); Tune restarts it from its last checkpoint", flush=True)

    def on_checkpoint(self, iteration, trials, trial, checkpoint, **info):
        print(f"trial {trial.trial_id} checkpoint: {pathlib.Path(checkpoint.path).name}, "
              f"the run folder at {trial.last_result.get('steps', 0):,} steps", flush=True)


def main():
    storage = tempfile.mkdtemp(prefix="swiftrl-tune-")
    # The trials' workers import swiftrl from this checkout (on a cluster: install the wheel on
    # every node, or give it in the runtime environment).
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(PYTHON_FOLDER)}})
    tuner = tune.Tuner(
        tune.with_resources(rl_trainable, {"cpu": 1}),
        param_space=dict(BASE, hyperparameters={"learning-rate": tune.grid_search(LEARNING_RATES), "solved-threshold": "none"}),
        run_config=tune.RunConfig(
            name="rl-train-dqn-cartpole", storage_path=storage, verbose=0, callbacks=[KillOnce()],
            failure_config=tune.FailureConfig(max_failures=2),
        ),
    )
    results = tuner.fit()
    print()
    print("learning rate  steps   episodes  mean return (last 100)  greedy evaluation  started from  same as one uninterrupted rl train")
    for result in sorted(results, key=lambda r: r.config["hyperparameters"]["learning-rate"]):
        config, metrics = result.config, result.metrics
        direct = uninterrupted(config)
        same = (metrics["steps"], metrics["episodes"], metrics["mean_return"], metrics["evaluation_mean_return"]) == (
            direct["steps"], direct["episodes"], direct["final_mean_return"], direct["evaluation"]["mean_return"])
        print(f"{config['hyperparameters']['learning-rate']:<13}  {metrics['steps']:,}  {metrics['episodes']:>8}  "
              f"{metrics['mean_return']:>22.2f}  {metrics['evaluation_mean_return']:>17.1f}  "
              f"{'step ' + format(metrics['restored_from_steps'], ',') if metrics['restored_from_steps'] else 'the start':>12}  "
              f"{'yes' if same else 'NO'}")
        if not same:
            sys.exit(f"the trial with learning rate {config['hyperparameters']['learning-rate']} differs from the direct run: {direct}")
    ray.shutdown()


def uninterrupted(config):
    """The same run, made directly by `rl train` in one go."""
    folder = tempfile.mkdtemp(prefix="swiftrl-direct-")
    words = command_line(config, RL, os.path.join(folder, "run"))
    output = subprocess.run(words + ["--json", "--quiet", "--eval-episodes", str(config["eval_episodes"])],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


if __name__ == "__main__":
    main()
