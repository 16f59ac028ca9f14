#!/usr/bin/env python3
"""Records learning rates of torch.optim.lr_scheduler schedules for Thaw's LRSchedule tests.

Run from the repository root: python3 Tests/Fixtures/schedules/record_schedule_fixtures.py
Writes Tests/Fixtures/schedules/torch_schedules.json: for each case, the scheduler arguments
and the learning rate used at each optimizer step (0-based).
"""
import json
import math
import os

import torch

STEPS = 60
MILESTONES = [10, 25, 40]  # the multiStep case's milestones (args hold numbers only)


def rates(make):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1)
    sched = make(opt)
    out = []
    for _ in range(STEPS):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


S = torch.optim.lr_scheduler
cases = [
    ("step", {"every": 7, "gamma": 0.5}, lambda o: S.StepLR(o, step_size=7, gamma=0.5)),
    ("multiStep", {"gamma": 0.3}, lambda o: S.MultiStepLR(o, milestones=MILESTONES, gamma=0.3)),
    ("exponential", {"gamma": 0.95}, lambda o: S.ExponentialLR(o, gamma=0.95)),
    ("cosine", {"period": 50, "minimumFactor": 0.01}, lambda o: S.CosineAnnealingLR(o, T_max=50, eta_min=0.001)),
    ("cosineRestarts", {"period": 10, "periodMultiplier": 2, "minimumFactor": 0.0},
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=2, eta_min=0.0)),
    ("oneCycle", {"total": STEPS, "peakFraction": 0.3, "divFactor": 25.0, "finalDivFactor": 1e4},
     lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=STEPS, pct_start=0.3, div_factor=25.0,
                            final_div_factor=1e4, anneal_strategy="cos", cycle_momentum=False)),
    ("linearWarmup", {"warmupSteps": 10, "warmupStartFactor": 0.1},
     lambda o: S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=10)),
]

out = {"torch": torch.__version__, "base": 0.1, "steps": STEPS, "milestones": MILESTONES, "cases": []}
for name, args, make in cases:
    out["cases"].append({"name": name, "args": args, "rates": rates(make)})

# ULMFiT's slanted triangular rates, straight from the paper's formula (PyTorch has none).
T, cut_frac, ratio = STEPS, 0.1, 32
cut = math.floor(T * cut_frac)
stlr = []
for t in range(T):
    p = t / cut if t < cut else 1 - (t - cut) / (cut * (1 / cut_frac - 1))
    stlr.append(0.1 * (1 + p * (ratio - 1)) / ratio)
out["cases"].append({"name": "slantedTriangular", "args": {"total": T, "cutFraction": cut_frac, "ratio": ratio}, "rates": stlr})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_schedules.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
