"""`rl train --tensorboard DIR` read back by TensorBoard's own reader.

Runs the built `rl` (``$RL_BINARY``, else ``swift build --show-bin-path``/rl; build it first)
and reads the event files with TensorBoard's ``EventAccumulator``, keeping every value
(``size_guidance`` 0). Each test checks that every scalar in the file, decoded record by record
from the raw bytes, is what TensorBoard reads back (tag, step and value), that the episodes
match ``metrics.csv``, and that the hyperparameters are there as the text plugin's table.

    pip install tensorboard pytest
    RL_BINARY=.build/debug/rl python3 -m pytest Tests/Python
"""

import csv
import math
import os
import signal
import struct
import subprocess
import time
from pathlib import Path

import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c

PACKAGE = Path(__file__).resolve().parents[2]
KEEP_EVERYTHING = {"scalars": 0, "tensors": 0}


@pytest.fixture(scope="session")
def rl():
    path = os.environ.get("RL_BINARY")
    if not path:
        bin_path = subprocess.run(
            ["swift", "build", "--show-bin-path"], cwd=PACKAGE, check=True, capture_output=True, text=True
        ).stdout.strip()
        path = os.path.join(bin_path, "rl")
    assert os.access(path, os.X_OK), f"no rl executable at {path}: build it (swift build --product rl) or set RL_BINARY"
    return path


def train(rl, folder, *arguments):
    """Runs `rl train ... --out run --tensorboard tb --quiet` in `folder`; returns the event directory."""
    command = [rl, "train", *arguments, "--out", "run", "--tensorboard", "tb", "--quiet", "--eval-episodes", "0"]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return folder / "tb" / "run"


def event_file(directory):
    files = [path for path in directory.iterdir() if "tfevents" in path.name]
    assert len(files) == 1, files
    return files[0]


def raw_records(path):
    """The records of an event file, framing and both masked CRC-32C checked here, without
    TensorBoard's reader: what was written. A torn last record is left out."""
    data = path.read_bytes()
    records, offset = [], 0
    while len(data) - offset >= 12:
        (length,) = struct.unpack_from("<Q", data, offset)
        (length_crc,) = struct.unpack_from("<I", data, offset + 8)
        assert length_crc == masked_crc32c(data[offset : offset + 8]), f"length checksum at {offset}"
        if len(data) - offset - 12 - length < 4:
            break
        payload = data[offset + 12 : offset + 12 + length]
        (payload_crc,) = struct.unpack_from("<I", data, offset + 12 + length)
        assert payload_crc == masked_crc32c(payload), f"data checksum at {offset}"
        records.append(event_pb2.Event.FromString(payload))
        offset += 16 + length
    return records, len(data) - offset


def raw_scalars(records):
    """{tag: [(step, value)]} of the simple values in `records`, in order."""
    scalars = {}
    for event in records:
        for value in event.summary.value:
            if value.WhichOneof("value") == "simple_value":
                scalars.setdefault(value.tag, []).append((event.step, value.simple_value))
    return scalars


def accumulate(directory):
    accumulator = EventAccumulator(str(directory), size_guidance=KEEP_EVERYTHING)
    accumulator.Reload()
    return accumulator


def read_back(accumulator):
    """{tag: [(step, value)]} as TensorBoard reads them."""
    return {tag: [(s.step, s.value) for s in accumulator.Scalars(tag)] for tag in accumulator.Tags()["scalars"]}


def metrics_rows(folder):
    with open(folder / "run" / "metrics.csv", newline="") as file:
        return list(csv.DictReader(file))


def hyperparameters(accumulator):
    tensors = accumulator.Tensors("hyperparameters/text_summary")
    assert len(tensors) == 1
    metadata = accumulator.SummaryMetadata("hyperparameters/text_summary")
    assert metadata.plugin_data.plugin_name == "text"
    return tensors[0].tensor_proto.string_val[0].decode("utf-8").split("\n")


def check_everything_read_back(directory):
    """Every scalar written (decoded from the raw file) is what TensorBoard reads, in order."""
    records, torn = raw_records(event_file(directory))
    assert torn == 0
    assert records[0].file_version == "brain.Event:2"
    accumulator = accumulate(directory)
    written = raw_scalars(records)
    assert read_back(accumulator) == written
    return accumulator, written


def as_float32(number):
    return struct.unpack("<f", struct.pack("<f", number))[0]


def test_dqn_cartpole(rl, tmp_path):
    directory = train(rl, tmp_path, "dqn", "cartpole", "--steps", "3000", "--seed", "1")
    accumulator, written = check_everything_read_back(directory)
    assert set(written) == {
        "charts/episodic_return", "charts/episodic_length", "charts/epsilon", "charts/SPS",
        "charts/learning_rate", "losses/td_loss",
    }
    rows = metrics_rows(tmp_path)
    assert written["charts/episodic_return"] == [(int(r["steps"]), as_float32(float(r["return"]))) for r in rows]
    assert written["charts/episodic_length"] == [(int(r["steps"]), float(r["length"])) for r in rows]
    assert written["charts/epsilon"] == [(int(r["steps"]), as_float32(float(r["epsilon"]))) for r in rows]
    # rl-zoo's CartPole values: updates every 256 steps from step 1,024, learning rate 0.0023.
    assert [step for step, _ in written["losses/td_loss"]] == list(range(1024, 3001, 256))
    assert all(math.isfinite(loss) and loss >= 0 for _, loss in written["losses/td_loss"])
    assert {value for _, value in written["charts/learning_rate"]} == {as_float32(0.0023)}
    assert all(value > 0 for _, value in written["charts/SPS"])
    table = hyperparameters(accumulator)
    assert table[:6] == ["|param|value|", "|-|-|", "|agent|dqn|", "|environment|CartPole-v1|", "|seed|1|", "|steps|3000|"]
    assert "|learning-rate|0.0023|" in table and "|train-frequency|256|" in table


def test_reinforce_cartpole(rl, tmp_path):
    directory = train(rl, tmp_path, "reinforce", "cartpole", "--episodes", "30", "--seed", "2")
    accumulator, written = check_everything_read_back(directory)
    assert set(written) == {
        "charts/episodic_return", "charts/episodic_length", "charts/SPS", "losses/policy_loss",
    }
    rows = metrics_rows(tmp_path)
    assert written["charts/episodic_return"] == [(int(r["steps"]), as_float32(float(r["return"]))) for r in rows]
    assert "|agent|reinforce|" in hyperparameters(accumulator)


def test_qtable_frozenlake(rl, tmp_path):
    directory = train(rl, tmp_path, "qtable", "frozenlake", "--episodes", "500", "--seed", "3")
    accumulator, written = check_everything_read_back(directory)
    assert set(written) == {"charts/episodic_return", "charts/episodic_length", "charts/epsilon", "charts/SPS"}
    rows = metrics_rows(tmp_path)
    assert len(written["charts/episodic_return"]) == 500
    assert written["charts/episodic_return"] == [(int(r["steps"]), float(r["return"])) for r in rows]
    assert written["charts/epsilon"] == [(int(r["steps"]), as_float32(float(r["epsilon"]))) for r in rows]
    assert "|environment|FrozenLake-v1|" in hyperparameters(accumulator)


def test_killed_run_stays_readable(rl, tmp_path):
    """A run killed with SIGKILL leaves a file TensorBoard reads, even with its last record torn."""
    command = [rl, "train", "dqn", "cartpole", "--steps", "10000000", "--out", "run", "--tensorboard", "tb", "--quiet"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        directory = tmp_path / "tb" / "run"
        deadline = time.monotonic() + 120
        episodes = 0
        # Wait until values of at least 20 episodes are on disk (written within a second).
        while episodes < 20 and time.monotonic() < deadline:
            time.sleep(0.2)
            if directory.exists() and any("tfevents" in path.name for path in directory.iterdir()):
                try:
                    records, _ = raw_records(event_file(directory))
                except AssertionError:  # a write in progress, seen half-way: look again
                    continue
                episodes = len(raw_scalars(records).get("charts/episodic_return", []))
        assert episodes >= 20, "no episodes reached the event file"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()

    path = event_file(directory)
    records, torn = raw_records(path)
    written = raw_scalars(records)
    assert read_back(accumulate(directory)) == written

    # Cut the file inside its last record, as a kill during a write would.
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - torn - 5])
    records_after, torn_after = raw_records(path)
    assert len(records_after) == len(records) - 1 and torn_after > 0
    assert read_back(accumulate(directory)) == raw_scalars(records_after)
