#!/usr/bin/env python3
"""Record the torchvision reference fixtures for Thaw's ResNet tests.

Run from the repository root:

    python3 -m pip install torch torchvision safetensors
    python3 Tests/Fixtures/resnet/record_resnet_fixtures.py

It (re)writes, beside this script:

  torchvision_resnet_keys.json
      For the REAL torchvision.models.resnet18(), resnet34() and resnet50()
      (random init, no weights downloaded): the state-dict keys in order with
      their shapes and dtypes, and the `named_modules()` paths. No values.

  <case>_state.safetensors
      The state dict of a tiny ResNet (torchvision's own classes and
      `_make_layer`, narrowed to `base_width` channels, see `tiny_resnet`),
      float32, `num_batches_tracked` int64, after a few train-mode forwards so
      the BatchNorm running statistics are not trivial. Loaded by the Swift
      test with `loadStateDict`, so the load path is exercised too.

  <case>.safetensors
      input                 the input batch
      eval_logits           model.eval()(input)
      eval_features         flatten(avgpool(...)): the input of `fc`
      train_logits          model.train()(input) (batch statistics)
      grad_output           a random upstream gradient, shape of the logits
      grad_input            d (train_logits * grad_output).sum() / d input
      grad.<parameter key>  the same for a few named parameters
      after.<buffer key>    every BatchNorm buffer after that one train-mode
                            forward (running statistics move, counter + 1)
      metadata: depth, stem, base_width, classes, input_channels, seed,
                torch, torchvision, reference ("float64")

Determinism: every case draws from its own torch.Generator with a fixed seed
and torch runs single-threaded. The reference values (eval/train outputs and
gradients) are computed in float64 from the stored float32 weights and input
and then rounded to float32, so the only float32 rounding in a comparison is
Thaw's own. The script also prints how far PyTorch's own float32 results are
from that reference, with the metric the Swift suite uses.
"""

import copy
import json
import os
import warnings

import torch
import torch.nn as nn
import torchvision
from safetensors.torch import save_file
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

HERE = os.path.dirname(os.path.abspath(__file__))

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
torch.manual_seed(0)
warnings.filterwarnings("ignore", message=".*TF32 acceleration.*")

ARCHITECTURES = {18: (BasicBlock, [2, 2, 2, 2]), 34: (BasicBlock, [3, 4, 6, 3]), 50: (Bottleneck, [3, 4, 6, 3])}

# name, depth, stem, base width, classes, input shape, seed
CASES = [
    ("resnet18_cifar_w4", 18, "cifar", 4, 10, (2, 3, 16, 16), 1801),
    ("resnet18_imagenet_w4", 18, "imagenet", 4, 6, (2, 3, 32, 32), 1802),
    ("resnet50_imagenet_w4", 50, "imagenet", 4, 10, (2, 3, 32, 32), 5001),
]

# Parameters whose gradients are stored (besides the input's). The third one is the last
# block's last convolution: layer4.1.conv2 in ResNet-18, layer4.2.conv3 in ResNet-50.
def gradient_keys(depth):
    last_conv = "layer4.1.conv2.weight" if depth == 18 else "layer4.2.conv3.weight"
    middle = "layer4.1.conv2.weight" if depth == 50 else "layer3.1.conv1.weight"
    return ["conv1.weight", "bn1.bias", "layer1.0.bn1.weight", "layer2.0.downsample.0.weight",
            middle, last_conv, "fc.weight", "fc.bias"]


def key_table(model):
    return {
        "state_dict": [{"key": k, "shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", "")}
                       for k, v in model.state_dict().items()],
        "modules": [name for name, _ in model.named_modules()],
    }


def write_key_lists():
    builders = {18: torchvision.models.resnet18, 34: torchvision.models.resnet34, 50: torchvision.models.resnet50}
    tables = {}
    for depth, build in builders.items():
        tables[f"resnet{depth}"] = key_table(build())
    # One state-dict entry per line, so a torchvision change shows up as a readable diff.
    lines = ["{", f'"torchvision": {json.dumps(torchvision.__version__)},']
    for n, (name, table) in enumerate(tables.items()):
        lines.append(f'"{name}": {{')
        lines.append('"state_dict": [')
        rows = [json.dumps(row) for row in table["state_dict"]]
        lines += [row + ("," if i < len(rows) - 1 else "") for i, row in enumerate(rows)]
        lines.append("],")
        lines.append(f'"modules": {json.dumps(table["modules"])}')
        lines.append("}" + ("," if n < len(tables) - 1 else ""))
    lines.append("}")
    with open(os.path.join(HERE, "torchvision_resnet_keys.json"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return tables


def tiny_resnet(depth, stem, base, classes, in_channels=3):
    """torchvision's ResNet with every width divided down to `base`.

    torchvision hard-codes 64/128/256/512 in ResNet.__init__, so the module is built at
    full size (for its names and registration order), then its stem, stages and head are
    rebuilt at the narrow widths with torchvision's own classes and `_make_layer`. Assigning
    an existing attribute keeps its place in the module order, so the keys are unchanged.
    """
    block, layers = ARCHITECTURES[depth]
    model = ResNet(block, layers, num_classes=classes)
    model.inplanes = base
    if stem == "cifar":
        model.conv1 = nn.Conv2d(in_channels, base, kernel_size=3, stride=1, padding=1, bias=False)
        model.maxpool = nn.Identity()
    else:
        model.conv1 = nn.Conv2d(in_channels, base, kernel_size=7, stride=2, padding=3, bias=False)
    model.bn1 = nn.BatchNorm2d(base)
    model.layer1 = model._make_layer(block, base, layers[0])
    model.layer2 = model._make_layer(block, base * 2, layers[1], stride=2)
    model.layer3 = model._make_layer(block, base * 4, layers[2], stride=2)
    model.layer4 = model._make_layer(block, base * 8, layers[3], stride=2)
    model.fc = nn.Linear(base * 8 * block.expansion, classes)
    return model


def randomise(model, g):
    """torchvision's conv init, plus BatchNorm affine values away from 1/0 so their gradients
    and effects are visible; the head gets nn.Linear's default distribution."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            fan_out = m.weight.shape[0] * m.weight.shape[2] * m.weight.shape[3]
            m.weight.data = torch.randn(m.weight.shape, generator=g) * (2.0 / fan_out) ** 0.5
        elif isinstance(m, nn.BatchNorm2d):
            m.weight.data = torch.rand(m.weight.shape, generator=g) + 0.5
            m.bias.data = torch.randn(m.bias.shape, generator=g) * 0.2
        elif isinstance(m, nn.Linear):
            bound = 1.0 / m.weight.shape[1] ** 0.5
            m.weight.data = (torch.rand(m.weight.shape, generator=g) * 2 - 1) * bound
            m.bias.data = (torch.rand(m.bias.shape, generator=g) * 2 - 1) * bound


def features(model, x):
    """torchvision's `_forward_impl` up to the flatten (the input of `fc`)."""
    x = model.maxpool(model.relu(model.bn1(model.conv1(x))))
    x = model.layer4(model.layer3(model.layer2(model.layer1(x))))
    return torch.flatten(model.avgpool(x), 1)


def max_relative_difference(actual, expected):
    """The Swift suite's metric (Tests/ThawTestSupport/ParityFixture.swift)."""
    a, e = actual.double().flatten(), expected.double().flatten()
    scale = max(e.abs().max().item() if e.numel() else 0.0, 1.0)
    floor = torch.clamp(e.abs(), min=1e-3 * scale)
    return ((a - e).abs() / floor).max().item()


def run(model, x, grad_output, keys):
    """Eval outputs, then one train-mode forward/backward; returns a dict of results."""
    out = {}
    model.eval()
    with torch.no_grad():
        out["eval_features"] = features(model, x)
        out["eval_logits"] = model(x)
        assert torch.allclose(model.fc(out["eval_features"]), out["eval_logits"])
    model.train()
    model.zero_grad(set_to_none=True)
    xg = x.detach().clone().requires_grad_(True)
    logits = model(xg)
    (logits * grad_output.to(logits.dtype)).sum().backward()
    out["train_logits"] = logits.detach()
    out["grad_input"] = xg.grad.detach()
    parameters = dict(model.named_parameters())
    for key in keys:
        out["grad." + key] = parameters[key].grad.detach()
    for key, value in model.state_dict().items():
        if key.endswith(("running_mean", "running_var", "num_batches_tracked")):
            out["after." + key] = value.detach().clone()
    return out


def float32_envelope(model, x, grad_output, keys, reference):
    """How far PyTorch's own float32 backends land from the float64 reference, per result:
    the largest deviation over the default (oneDNN) path and the native path (mkldnn off:
    im2col and GEMM, like Thaw), each in NCHW and channels_last. The backends differ from each
    other by up to ~5x on the same result. Deep train-mode gradients of these tiny nets are
    ill-conditioned (BatchNorm over 2 values per channel in layer4 of the 32×32 cases, ReLU
    kinks under large upstream gradients), so this spread is far above 1e-4 for some of them;
    the Swift test scales its bar with it."""
    def both_layouts():
        channels_last = copy.deepcopy(model).to(memory_format=torch.channels_last)
        return [run(copy.deepcopy(model), x, grad_output, keys),
                run(channels_last, x.contiguous(memory_format=torch.channels_last), grad_output, keys)]

    variants = both_layouts()
    with torch.backends.mkldnn.flags(enabled=False):
        variants += both_layouts()
    return {k: max(max_relative_difference(v[k].float(), reference[k].float()) for v in variants)
            for k in reference if reference[k].is_floating_point()}


def record_case(name, depth, stem, base, classes, input_shape, seed, real_tables):
    g = torch.Generator().manual_seed(seed)
    model = tiny_resnet(depth, stem, base, classes, in_channels=input_shape[1])
    real = real_tables[f"resnet{depth}"]["state_dict"]
    assert list(model.state_dict().keys()) == [row["key"] for row in real], f"{name}: keys differ from resnet{depth}"
    randomise(model, g)

    # A few train-mode batches (from a shifted distribution) so running stats are non-trivial.
    model.train()
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(4, *input_shape[1:], generator=g) * 1.5 + 0.3)
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    for k, v in state.items():
        assert v.dtype == (torch.int64 if k.endswith("num_batches_tracked") else torch.float32), k

    x = torch.randn(*input_shape, generator=g)
    grad_output = torch.randn(input_shape[0], classes, generator=g)
    keys = gradient_keys(depth)

    reference = run(copy.deepcopy(model).double(), x.double(), grad_output, keys)
    torch_float32 = float32_envelope(model, x, grad_output, keys, reference)
    worst = max(torch_float32, key=torch_float32.get)
    print(f"{name}: PyTorch float32 vs float64 reference, worst {worst} {torch_float32[worst]:.2e}")

    tensors = {"input": x, "grad_output": grad_output}
    for k, v in reference.items():
        tensors[k] = v.to(torch.float32) if v.is_floating_point() else v.to(torch.int64)
    tensors = {k: v.contiguous() for k, v in tensors.items()}
    metadata = {
        "depth": str(depth), "stem": stem, "base_width": str(base), "classes": str(classes),
        "input_channels": str(input_shape[1]), "seed": str(seed), "reference": "float64",
        "torch": torch.__version__, "torchvision": torchvision.__version__,
        "gradient_keys": ",".join(keys),
        # How far PyTorch's own float32 backends are from the reference, per stored result
        # (see float32_envelope), with the suite's metric.
        "torch_float32_error": json.dumps({k: float(f"{v:.3g}") for k, v in torch_float32.items()}),
    }
    save_file(state, os.path.join(HERE, f"{name}_state.safetensors"), metadata={"format": "pt"})
    save_file(tensors, os.path.join(HERE, f"{name}.safetensors"), metadata=metadata)


def main():
    tables = write_key_lists()
    for case in CASES:
        record_case(*case, tables)
    total = sum(os.path.getsize(os.path.join(HERE, f)) for f in os.listdir(HERE))
    print(f"fixtures in {HERE}: {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
