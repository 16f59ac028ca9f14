#!/usr/bin/env python3
"""Records the TensorBoard fixtures of `thaw monitor` and what TensorBoard reads from them.

Run from anywhere: `python3 Tests/Fixtures/monitor/record_tensorboard.py` (needs `torch` and
`tensorboard`; Swift tests never do). It rewrites `Tests/Fixtures/monitor/tensorboard/` and
`Tests/Fixtures/monitor/tensorboard-expected.json`.

- `pytorch/`: written by PyTorch's `torch.utils.tensorboard.SummaryWriter`, the writer that
  PyTorch Lightning's TensorBoardLogger also uses: `simple_value` scalars (with a NaN and an
  infinity), "new style" scalar tensors in `float_val` and `double_val`, plus a histogram and
  a text summary that must not be taken for scalars.
- `resumed/`, `restarted/`: a run restarted from a checkpoint: a second SummaryWriter with
  `purge_step`, which writes a SessionLog START event. TensorBoard treats the first START of
  a run as its beginning, so only in `restarted/` (whose first writer also had a purge step)
  does it hide the first writer's points from the restart step on.
- `keras/train`, `keras/validation`: the layout TensorFlow's C++ summary writer (Keras's
  TensorBoard callback) produces: scalar tensors with `tensor_content` (4 little-endian bytes,
  DT_FLOAT, shape []) whose `scalars` plugin metadata comes only with a tag's first value, and
  a string tensor of another plugin. TensorFlow is not installed here, so these are built
  with TensorBoard's own protobuf classes and event-file writer.
- `corrupt/*`: copies of the PyTorch file with one record's data checksum broken, one record's
  length checksum broken, and the last record cut in half.

The expected file holds, per run directory and tag, every (step, value) that TensorBoard's
`plugin_event_accumulator.EventAccumulator` (size guidance 0: keep everything) returns for
tags of the `scalars` plugin, and the summary `thaw monitor --once` must print: the last
value, the first occurrence of the smallest and of the largest finite value, and the count.
"""
import json
import math
import os
import shutil
import struct
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
from torch.utils.tensorboard import SummaryWriter  # noqa: E402
from tensorboard.backend.event_processing import plugin_event_accumulator as pea  # noqa: E402
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2  # noqa: E402
from tensorboard.summary.writer.event_file_writer import EventFileWriter  # noqa: E402
from tensorboard.util import tensor_util  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE / "tensorboard"
EXPECTED = HERE / "tensorboard-expected.json"


def rename_event_files(directory: Path) -> None:
    """Deterministic names (the writers put the time, host and pid in them), keeping order."""
    files = sorted(p for p in directory.iterdir() if p.name.startswith("events.out.tfevents"))
    for index, path in enumerate(files):
        path.rename(directory / f"events.out.tfevents.{1700000000 + index}.fixture.1.{index}")


def record_pytorch(directory: Path) -> None:
    writer = SummaryWriter(str(directory))
    for step in range(40):
        loss = 2.3 * math.exp(-step / 20) + 0.05 * math.sin(step)
        writer.add_scalar("train/loss", loss, step)
        writer.add_scalar("train/accuracy", 1 - 0.9 * math.exp(-step / 15), step)
        norm = float("nan") if step == 17 else (float("inf") if step == 33 else 1.5 + math.cos(step))
        writer.add_scalar("train/grad_norm", norm, step)
        writer.add_scalar("lr", 0.1 * 0.5 ** (step // 20), step, new_style=True)
        writer.add_scalar("momentum", 0.9 - step * 1e-3, step, new_style=True, double_precision=True)
        if step % 10 == 9:
            writer.add_scalar("val/loss", 2.0 * math.exp(-step / 25) + 0.1, step)
            writer.add_scalar("val/accuracy", 0.95 - 0.8 * math.exp(-step / 18), step)
        if step % 20 == 0:
            writer.add_histogram("weights", np.linspace(-1, 1, 50) * (step + 1), step, bins=8)
            writer.add_text("notes", f"step {step}", step)
    writer.close()
    rename_event_files(directory)


def record_resumed(directory: Path, first_purge_step) -> None:
    first = SummaryWriter(str(directory), purge_step=first_purge_step)
    for step in range(30):
        first.add_scalar("loss", 1.0 / (step + 1), step)
    first.close()
    # Restarted from the checkpoint of step 20. TensorBoard takes a SessionLog START for a
    # restart only when an earlier one was seen: then the first writer's 20…29 are dropped,
    # otherwise both writers' 20…29 stay.
    second = SummaryWriter(str(directory), purge_step=20)
    for step in range(20, 40):
        second.add_scalar("loss", 0.5 / (step + 1), step)
    second.close()
    rename_event_files(directory)


def keras_value(tag: str, value: float, first: bool) -> summary_pb2.Summary.Value:
    tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, tensor_shape=tensor_shape_pb2.TensorShapeProto(),
                                    tensor_content=struct.pack("<f", value))
    summary_value = summary_pb2.Summary.Value(tag=tag, tensor=tensor)
    if first:
        summary_value.metadata.plugin_data.plugin_name = "scalars"
    return summary_value


def record_keras(directory: Path, offset: float) -> None:
    directory.mkdir(parents=True)
    writer = EventFileWriter(str(directory))
    model = tensor_pb2.TensorProto(dtype=types_pb2.DT_STRING, string_val=[b'{"class_name": "Sequential"}'],
                                   tensor_shape=tensor_shape_pb2.TensorShapeProto())
    keras = summary_pb2.Summary.Value(tag="keras", tensor=model)
    keras.metadata.plugin_data.plugin_name = "graph_keras_model"
    writer.add_event(event_pb2.Event(step=0, wall_time=1.0, summary=summary_pb2.Summary(value=[keras])))
    for epoch in range(10):
        values = [keras_value("epoch_loss", 1.2 * math.exp(-epoch / 4) + offset, epoch == 0),
                  keras_value("epoch_accuracy", 0.9 - 0.6 * math.exp(-epoch / 3) - offset, epoch == 0)]
        writer.add_event(event_pb2.Event(step=epoch, wall_time=2.0 + epoch, summary=summary_pb2.Summary(value=values)))
    writer.close()
    rename_event_files(directory)


def records(data: bytes):
    """(start, length) of each TFRecord: u64 length, u32 masked CRC, data, u32 masked CRC."""
    offset, out = 0, []
    while offset + 12 <= len(data):
        (length,) = struct.unpack_from("<Q", data, offset)
        out.append((offset, length))
        offset += 12 + length + 4
    return out


def record_corrupt(source: Path, directory: Path) -> None:
    data = (source / sorted(os.listdir(source))[0]).read_bytes()
    spans = records(data)
    variants = {}
    broken = bytearray(data)
    start, length = spans[5]
    broken[start + 12 + length // 2] ^= 0x40  # inside record 5's payload; its data CRC no longer matches
    variants["bad-data-crc"] = bytes(broken)
    broken = bytearray(data)
    start, _ = spans[10]
    broken[start + 9] ^= 0x01  # record 10's length CRC
    variants["bad-length-crc"] = bytes(broken)
    start, length = spans[-1]
    variants["truncated"] = data[: start + 12 + length // 2]  # the last record cut in half
    for name, content in variants.items():
        (directory / name).mkdir(parents=True)
        (directory / name / "events.out.tfevents.1700000000.fixture.1.0").write_bytes(content)


def number(value: float):
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def read_with_tensorboard(run: Path) -> dict:
    accumulator = pea.EventAccumulator(str(run), size_guidance={pea.TENSORS: 0})
    accumulator.Reload()
    tags = {}
    for tag in accumulator.Tags()["tensors"]:
        if accumulator.SummaryMetadata(tag).plugin_data.plugin_name != "scalars":
            continue
        events = accumulator.Tensors(tag)
        steps = [e.step for e in events]
        values = [float(tensor_util.make_ndarray(e.tensor_proto).item()) for e in events]
        finite = [(v, s) for s, v in zip(steps, values) if math.isfinite(v)]
        low = min(finite, key=lambda p: p[0]) if finite else None
        high = max(finite, key=lambda p: p[0]) if finite else None
        tags[tag] = {
            "steps": steps,
            "values": [number(v) for v in values],
            "count": len(values),
            "last": {"step": steps[-1], "value": number(values[-1])},
            # min()/max() return the first of equal values: the earliest step, as thaw does.
            "min": {"step": low[1], "value": low[0]} if low else None,
            "max": {"step": high[1], "value": high[0]} if high else None,
        }
    return tags


def main() -> None:
    shutil.rmtree(ROOT, ignore_errors=True)
    record_pytorch(ROOT / "pytorch")
    record_resumed(ROOT / "resumed", None)
    record_resumed(ROOT / "restarted", 0)
    record_keras(ROOT / "keras" / "train", 0.0)
    record_keras(ROOT / "keras" / "validation", 0.05)
    record_corrupt(ROOT / "pytorch", ROOT / "corrupt")
    expected = {}
    for run in sorted(p for p in ROOT.rglob("*") if p.is_dir() and any(c.is_file() for c in p.iterdir())):
        expected[str(run.relative_to(ROOT))] = read_with_tensorboard(run)
    EXPECTED.write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    for run, tags in expected.items():
        print(f"{run}: " + ", ".join(f"{t} ({v['count']})" for t, v in tags.items()))


if __name__ == "__main__":
    main()
