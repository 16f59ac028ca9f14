"""Records the AdaBN reference for Thaw's tests: PyTorch's own re-estimation of BatchNorm
statistics with momentum=None (a cumulative average), as torch.optim.swa_utils.update_bn does
it, on a tiny network whose source statistics come from one distribution and whose target
batches come from a shifted and rescaled one.

Re-record from the repository root (CPU, float32, one thread):

    python3 -m pip install torch safetensors
    python3 Tests/Fixtures/adabn/record_adabn_fixture.py

Writes Tests/Fixtures/adabn/adabn.safetensors. Every tensor is float32 (num_batches_tracked
included, so one reader suffices):
  source/<key>    the state dict before AdaBN (PyTorch keys, e.g. 1.running_mean)
  target/<i>      target batch i, [6, 2, 4, 4]
  expected/<key>  running_mean, running_var, num_batches_tracked of both BatchNorm layers after AdaBN
"""
import os

import torch
import torch.nn as nn
from safetensors.torch import save_file

torch.manual_seed(5)
torch.set_num_threads(1)

# The Swift twin: Sequential(Conv2d(2→3, 3×3, padding 1), BatchNorm2d(3), ReLU, Flatten,
# Linear(48→5), BatchNorm2d(5) used on (N, 5) as BatchNorm1d).
net = nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU(), nn.Flatten(),
                    nn.Linear(3 * 4 * 4, 5), nn.BatchNorm1d(5))

# Source statistics: ordinary training-mode passes (momentum 0.1) over source data N(0, 1).
net.train()
with torch.no_grad():
    for _ in range(30):
        net(torch.randn(8, 2, 4, 4))
    for bn in (net[1], net[5]):  # non-trivial affine weights, which AdaBN must leave alone
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.normal_()
source = {k: v.clone() for k, v in net.state_dict().items()}

# Target data: the same kind of input, shifted by 1.5 and scaled by 2.5.
batches = [torch.randn(6, 2, 4, 4) * 2.5 + 1.5 for _ in range(3)]

# AdaBN, PyTorch's way.
for m in net.modules():
    if isinstance(m, nn.modules.batchnorm._BatchNorm):
        m.reset_running_stats()
        m.momentum = None
net.train()
with torch.no_grad():
    for b in batches:
        net(b)

tensors = {"source/" + k: v.float().contiguous() for k, v in source.items()}
tensors.update({"target/%d" % i: b.contiguous() for i, b in enumerate(batches)})
for k, v in net.state_dict().items():
    if "running_" in k or "num_batches_tracked" in k:
        tensors["expected/" + k] = v.float().contiguous()
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "adabn.safetensors")
save_file(tensors, out, metadata={"torch": torch.__version__, "seed": "5", "batches": str(len(batches))})
print("wrote", out)
