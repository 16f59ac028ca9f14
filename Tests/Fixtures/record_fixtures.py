#!/usr/bin/env python3
"""Record PyTorch reference fixtures for Thaw's parity tests.

Run from the repository root:

    python3 -m pip install torch safetensors
    python3 Tests/Fixtures/record_fixtures.py

It (re)writes Tests/Fixtures/parity/*.safetensors and
Tests/Fixtures/parity/README.md. The output is deterministic: every case
draws from its own torch.Generator seeded from a fixed per-case seed, and
torch runs single-threaded so reductions happen in a fixed order.

Conventions (every file):
  * float tensors are float32 and contiguous, integer tensors are int64;
  * metadata is str -> str: "op", "torch" (torch.__version__), "seed",
    plus the op attributes (pairs as comma-separated ints, e.g. "2,1");
  * backward: a random upstream gradient `grad_output` with the output's
    shape is stored, `(output * grad_output).sum().backward()` is run, and the
    gradient of every differentiable input X is stored as `grad_X`. For
    scalar losses `grad_output` is a 0-d tensor (value 1.7) and
    `(output * grad_output).backward()` is run.
"""

import json
import math
import os
import struct
import sys
import zlib

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "parity")
LOSS_GRAD = 1.7  # value of the scalar upstream gradient for loss ops

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
torch.set_default_dtype(torch.float32)

README_ROWS = []  # (name, tensors-desc, metadata keys, call)


def seed_for(name):
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


def pair(v):
    if isinstance(v, int):
        v = (v, v)
    return ",".join(str(int(x)) for x in v)


def fmt_float(x):
    return repr(float(x))  # 1e-05, 0.1, 1e-12, ...


def randn(g, *shape, scale=1.0, shift=0.0):
    return torch.randn(*shape, generator=g) * scale + shift


def uniform(g, lo, hi, *shape):
    return torch.rand(*shape, generator=g) * (hi - lo) + lo


def distinct(g, *shape, lo=-2.0, hi=2.0):
    """Pairwise-distinct values (a random permutation of a uniform grid)."""
    n = math.prod(shape)
    perm = torch.randperm(n, generator=g).to(torch.float32)
    return (lo + (hi - lo) * (perm + 0.5) / n).reshape(*shape)


def record(name, op, call, inputs, diff, forward, meta, g, scalar_loss=False):
    """Run forward/backward and save one fixture.

    inputs:  ordered dict name -> tensor (stored as given)
    diff:    names of inputs that get requires_grad and a stored grad_<name>
    forward: fn(dict of leaf tensors) -> (output, extra tensors dict stored
             after the main tensors, e.g. running stats after the update)
    """
    leaves = {}
    for k, t in inputs.items():
        t = t.detach().clone().contiguous()
        if k in diff:
            t.requires_grad_(True)
        leaves[k] = t

    output, extra = forward(leaves)
    if scalar_loss:
        assert output.dim() == 0
        grad_output = torch.tensor(LOSS_GRAD, dtype=torch.float32)
        (output * grad_output).backward()
    else:
        grad_output = randn(g, *output.shape)
        (output * grad_output).sum().backward()

    tensors = {}
    for k, t in leaves.items():
        tensors[k] = t.detach()
    for k, t in extra.items():
        tensors[k] = t.detach()
    tensors["output"] = output.detach()
    tensors["grad_output"] = grad_output
    for k in diff:
        gr = leaves[k].grad
        assert gr is not None, (name, k)
        tensors["grad_" + k] = gr.detach()

    for k, t in list(tensors.items()):
        t = t.clone().contiguous()
        if t.is_floating_point():
            t = t.to(torch.float32)
            assert torch.isfinite(t).all(), (name, k)
        else:
            t = t.to(torch.int64)
        tensors[k] = t

    metadata = {"op": op}
    metadata.update({k: str(v) for k, v in meta.items()})
    metadata["seed"] = str(seed_for(name))
    metadata["torch"] = torch.__version__

    path = os.path.join(OUT_DIR, name + ".safetensors")
    save_file(tensors, path, metadata=metadata)
    canonicalize_header(path)

    desc = ", ".join(
        "%s%s%s" % (k, list(t.shape), "" if t.dtype == torch.float32 else " int64")
        for k, t in tensors.items()
    )
    keys = ", ".join(k for k in metadata if k not in ("torch", "seed"))
    README_ROWS.append((name, desc, keys, call))


def canonicalize_header(path):
    """Sort the __metadata__ keys in the JSON header, in place.

    safetensors writes metadata from a Rust HashMap, so its key order (and thus
    the file bytes) changes from run to run. The reordered header has exactly
    the same length, so data offsets and padding are unaffected; this only makes
    re-recording byte-for-byte reproducible.
    """
    with open(path, "r+b") as f:
        raw = f.read()
        (n,) = struct.unpack("<Q", raw[:8])
        text = raw[8:8 + n].decode("utf-8")
        header = json.loads(text)
        header["__metadata__"] = dict(sorted(header["__metadata__"].items()))
        new = json.dumps(header, separators=(",", ":"), ensure_ascii=False)
        new = new.encode("utf-8")
        if len(new) != len(text.rstrip(" ").encode("utf-8")) or json.loads(new) != header:
            raise RuntimeError("unexpected header layout in " + path)
        new = new + b" " * (n - len(new))
        f.seek(8)
        f.write(new)


def gen(name):
    g = torch.Generator()
    g.manual_seed(seed_for(name))
    return g


# --------------------------------------------------------------------------
# 1. conv2d
# --------------------------------------------------------------------------
def conv_case(name, n, c, h, w, o, k, stride, padding, dilation, groups, bias):
    g = gen(name)
    kh, kw = (k, k) if isinstance(k, int) else k
    fan_in = (c // groups) * kh * kw
    inputs = {
        "input": randn(g, n, c, h, w),
        "weight": randn(g, o, c // groups, kh, kw, scale=1.0 / math.sqrt(fan_in)),
    }
    if bias:
        inputs["bias"] = randn(g, o, scale=0.5)
    diff = list(inputs)

    def fwd(t):
        return F.conv2d(t["input"], t["weight"], t.get("bias"), stride=stride,
                        padding=padding, dilation=dilation, groups=groups), {}

    call = ("F.conv2d(input, weight, %s, stride=%r, padding=%r, dilation=%r, groups=%d)"
            % ("bias" if bias else "None", stride, padding, dilation, groups))
    meta = {"stride": pair(stride), "padding": pair(padding),
            "dilation": pair(dilation), "groups": groups,
            "kernel_size": pair((kh, kw)), "bias": "true" if bias else "false"}
    record(name, "conv2d", call, inputs, diff, fwd, meta, g)


def conv_cases():
    conv_case("conv2d_basic", 2, 3, 6, 5, 4, 3, 1, 1, 1, 1, True)
    conv_case("conv2d_strided_dilated", 2, 3, 9, 8, 4, 3, 2, (1, 2), 2, 1, True)
    conv_case("conv2d_groups", 2, 4, 6, 6, 6, 3, 1, 1, 1, 2, True)
    conv_case("conv2d_depthwise", 2, 4, 7, 6, 4, 3, 2, 1, 1, 4, False)
    conv_case("conv2d_1x1_nobias", 3, 5, 7, 6, 6, 1, 2, 0, 1, 1, False)
    conv_case("conv2d_rect", 2, 3, 7, 6, 5, (3, 2), (2, 1), (0, 1), 1, 1, True)


# --------------------------------------------------------------------------
# 2. batch norm
# --------------------------------------------------------------------------
def bn_case(name, shape, training, momentum=0.1, eps=1e-5):
    g = gen(name)
    c = shape[1]
    bshape = [1, c] + [1] * (len(shape) - 2)
    inputs = {
        "input": randn(g, *shape, scale=1.5) + randn(g, *bshape),
        "weight": uniform(g, 0.5, 1.5, c),
        "bias": randn(g, c, scale=0.5),
    }
    rm_before = randn(g, c, scale=0.5)
    rv_before = uniform(g, 0.5, 2.0, c)

    def fwd(t):
        rm = rm_before.clone()
        rv = rv_before.clone()
        out = F.batch_norm(t["input"], rm, rv, t["weight"], t["bias"],
                           training=training, momentum=momentum, eps=eps)
        extra = {"running_mean_before": rm_before, "running_var_before": rv_before,
                 "running_mean_after": rm, "running_var_after": rv}
        return out, extra

    call = ("F.batch_norm(input, running_mean, running_var, weight, bias, "
            "training=%s, momentum=%s, eps=%s)" % (training, fmt_float(momentum), fmt_float(eps)))
    if training:
        call += "  # updates running_* in place; running_var uses the UNBIASED batch var"
    else:
        call += "  # normalizes with running_*; *_after == *_before"
    meta = {"training": "true" if training else "false",
            "momentum": fmt_float(momentum), "eps": fmt_float(eps)}
    record(name, "batch_norm", call, inputs, ["input", "weight", "bias"], fwd, meta, g)


def bn_cases():
    bn_case("batchnorm_train", (3, 4, 5, 6), True)
    bn_case("batchnorm_eval", (3, 4, 5, 6), False)
    bn_case("batchnorm_train_1d", (4, 5), True)


# --------------------------------------------------------------------------
# 3. layer norm
# --------------------------------------------------------------------------
def ln_case(name, shape, eps):
    g = gen(name)
    d = shape[-1]
    inputs = {
        "input": randn(g, *shape, scale=1.5, shift=0.3),
        "weight": uniform(g, 0.5, 1.5, d),
        "bias": randn(g, d, scale=0.5),
    }

    def fwd(t):
        return F.layer_norm(t["input"], (d,), t["weight"], t["bias"], eps=eps), {}

    call = "F.layer_norm(input, (%d,), weight, bias, eps=%s)" % (d, fmt_float(eps))
    meta = {"normalized_shape": str(d), "eps": fmt_float(eps)}
    record(name, "layer_norm", call, inputs, ["input", "weight", "bias"], fwd, meta, g)


def ln_cases():
    ln_case("layernorm", (2, 5, 8), 1e-5)
    ln_case("layernorm_eps12", (3, 16), 1e-12)


# --------------------------------------------------------------------------
# 4. attention (BERT-style additive key padding mask)
# --------------------------------------------------------------------------
def attention_case(name, b, h, s, d, mask):
    g = gen(name)
    inputs = {"q": randn(g, b, h, s, d), "k": randn(g, b, h, s, d), "v": randn(g, b, h, s, d)}
    if mask is not None:
        inputs["key_padding_mask"] = mask.to(torch.int64)
    scale = 1.0 / math.sqrt(d)
    fmin = torch.finfo(torch.float32).min

    def fwd(t):
        scores = t["q"] @ t["k"].transpose(-1, -2) / math.sqrt(d)
        if mask is not None:
            m = t["key_padding_mask"].to(torch.float32)
            scores = scores + (1.0 - m)[:, None, None, :] * fmin
        probs = torch.softmax(scores, dim=-1)
        return probs @ t["v"], {}

    if mask is not None:
        call = ("softmax(q @ k.transpose(-1,-2) / math.sqrt(D) + "
                "(1 - key_padding_mask.float())[:,None,None,:] * torch.finfo(torch.float32).min, "
                "dim=-1) @ v")
    else:
        call = "softmax(q @ k.transpose(-1,-2) / math.sqrt(D), dim=-1) @ v"
    meta = {"scale": fmt_float(scale), "masked": "true" if mask is not None else "false"}
    if mask is not None:
        meta["mask_value"] = fmt_float(fmin)
    record(name, "attention", call, inputs, ["q", "k", "v"], fwd, meta, g)


def attention_cases():
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.int64)
    attention_case("attention_masked", 2, 3, 5, 4, mask)
    attention_case("attention_nomask", 1, 2, 6, 8, None)


# --------------------------------------------------------------------------
# 5. cross-entropy, 6. mse
# --------------------------------------------------------------------------
def ce_case(name, n, c, label_smoothing=0.0, ignore_index=-100, n_ignored=0):
    g = gen(name)
    logits = randn(g, n, c, scale=1.5)
    targets = torch.randint(0, c, (n,), generator=g, dtype=torch.int64)
    if n_ignored:
        idx = torch.randperm(n, generator=g)[:n_ignored]
        targets[idx] = ignore_index
    inputs = {"logits": logits, "targets": targets}

    def fwd(t):
        return F.cross_entropy(t["logits"], t["targets"], ignore_index=ignore_index,
                               reduction="mean", label_smoothing=label_smoothing), {}

    call = ("F.cross_entropy(logits, targets, ignore_index=%d, reduction='mean', "
            "label_smoothing=%s)" % (ignore_index, fmt_float(label_smoothing)))
    meta = {"reduction": "mean", "label_smoothing": fmt_float(label_smoothing),
            "ignore_index": str(ignore_index)}
    record(name, "cross_entropy", call, inputs, ["logits"], fwd, meta, g, scalar_loss=True)


def loss_cases():
    ce_case("cross_entropy_basic", 6, 5)
    ce_case("cross_entropy_smoothing", 6, 5, label_smoothing=0.1)
    ce_case("cross_entropy_ignore", 8, 5, label_smoothing=0.05, n_ignored=2)

    g = gen("mse")
    inputs = {"input": randn(g, 4, 3), "target": randn(g, 4, 3)}
    record("mse", "mse_loss", "F.mse_loss(input, target, reduction='mean')", inputs,
           ["input", "target"],
           lambda t: (F.mse_loss(t["input"], t["target"], reduction="mean"), {}),
           {"reduction": "mean"}, g, scalar_loss=True)


# --------------------------------------------------------------------------
# 7. pooling
# --------------------------------------------------------------------------
def pool_cases():
    for name, shape, k, s, p in [("maxpool2d", (2, 3, 6, 6), 2, 2, 0),
                                 ("maxpool2d_pad", (2, 2, 7, 7), 3, 2, 1)]:
        g = gen(name)
        inputs = {"input": distinct(g, *shape)}
        record(name, "max_pool2d",
               "F.max_pool2d(input, kernel_size=%d, stride=%d, padding=%d, dilation=1, "
               "ceil_mode=False)" % (k, s, p),
               inputs, ["input"],
               lambda t, k=k, s=s, p=p: (F.max_pool2d(t["input"], k, s, p), {}),
               {"kernel_size": pair(k), "stride": pair(s), "padding": pair(p),
                "dilation": "1,1", "ceil_mode": "false"}, g)

    name = "avgpool2d"
    g = gen(name)
    inputs = {"input": randn(g, 2, 2, 7, 7)}
    record(name, "avg_pool2d",
           "F.avg_pool2d(input, kernel_size=3, stride=2, padding=1, ceil_mode=False, "
           "count_include_pad=True)",
           inputs, ["input"],
           lambda t: (F.avg_pool2d(t["input"], 3, 2, 1, ceil_mode=False,
                                   count_include_pad=True), {}),
           {"kernel_size": "3,3", "stride": "2,2", "padding": "1,1",
            "ceil_mode": "false", "count_include_pad": "true"}, g)

    for name, osize in [("adaptive_avgpool2d", (3, 2)), ("adaptive_avgpool2d_1x1", (1, 1))]:
        g = gen(name)
        inputs = {"input": randn(g, 2, 2, 7, 5)}
        record(name, "adaptive_avg_pool2d",
               "F.adaptive_avg_pool2d(input, output_size=%r)" % (osize,),
               inputs, ["input"],
               lambda t, o=osize: (F.adaptive_avg_pool2d(t["input"], o), {}),
               {"output_size": pair(osize)}, g)


# --------------------------------------------------------------------------
# 8. softmax / log_softmax / gelu
# --------------------------------------------------------------------------
def activation_cases():
    for name, fn, call in [("softmax", F.softmax, "F.softmax(input, dim=1)"),
                           ("log_softmax", F.log_softmax, "F.log_softmax(input, dim=1)")]:
        g = gen(name)
        inputs = {"input": randn(g, 3, 7, scale=2.0)}
        record(name, name, call, inputs, ["input"],
               lambda t, fn=fn: (fn(t["input"], dim=1), {}), {"dim": "1"}, g)

    for name, approx in [("gelu_erf", "none"), ("gelu_tanh", "tanh")]:
        g = gen(name)
        # 24 evenly spaced points spanning [-4, 4] (endpoints included), shuffled
        base = torch.linspace(-4.0, 4.0, 24)
        inputs = {"input": base[torch.randperm(24, generator=g)].reshape(4, 6)}
        record(name, "gelu", "F.gelu(input, approximate=%r)" % approx, inputs, ["input"],
               lambda t, a=approx: (F.gelu(t["input"], approximate=a), {}),
               {"approximate": approx}, g)


# --------------------------------------------------------------------------
# 9. embedding
# --------------------------------------------------------------------------
def embedding_case():
    name = "embedding"
    g = gen(name)
    weight = randn(g, 10, 4)
    indices = torch.randint(0, 10, (3, 5), generator=g, dtype=torch.int64)
    counts = torch.bincount(indices.flatten(), minlength=10)
    assert counts.max() >= 2, "want repeated indices"
    inputs = {"weight": weight, "indices": indices}
    record(name, "embedding", "F.embedding(indices, weight, padding_idx=None)", inputs,
           ["weight"], lambda t: (F.embedding(t["indices"], t["weight"]), {}),
           {"padding_idx": "none"}, g)


def multihead_attention_case():
    """nn.MultiheadAttention (batch first) self-attention with a key padding mask."""
    name = "multihead_attention"
    g = gen(name)
    e, heads = 8, 2
    x = randn(g, 2, 5, e)
    in_w = randn(g, 3 * e, e, scale=1 / math.sqrt(e))
    in_b = randn(g, 3 * e, scale=0.1)
    out_w = randn(g, e, e, scale=1 / math.sqrt(e))
    out_b = randn(g, e, scale=0.1)
    keep = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.int64)

    def forward(t):
        mha = torch.nn.MultiheadAttention(e, heads, batch_first=True)
        with torch.no_grad():
            mha.in_proj_weight.copy_(t["in_proj_weight"])
            mha.in_proj_bias.copy_(t["in_proj_bias"])
            mha.out_proj.weight.copy_(t["out_proj_weight"])
            mha.out_proj.bias.copy_(t["out_proj_bias"])
        # Functional form so gradients reach the stored leaves.
        out, _ = F.multi_head_attention_forward(
            t["input"].transpose(0, 1), t["input"].transpose(0, 1), t["input"].transpose(0, 1), e, heads,
            t["in_proj_weight"], t["in_proj_bias"], None, None, False, 0.0, t["out_proj_weight"], t["out_proj_bias"],
            training=False, key_padding_mask=(t["key_padding_mask"] == 0), need_weights=False)
        return out.transpose(0, 1), {}

    inputs = {"input": x, "in_proj_weight": in_w, "in_proj_bias": in_b, "out_proj_weight": out_w,
              "out_proj_bias": out_b, "key_padding_mask": keep}
    record(name, "multihead_attention",
           "nn.MultiheadAttention(8, 2, batch_first=True)(x, x, x, key_padding_mask=mask == 0)",
           inputs, ["input", "in_proj_weight", "in_proj_bias", "out_proj_weight", "out_proj_bias"], forward,
           {"heads": heads}, g)


# --------------------------------------------------------------------------
def write_readme():
    lines = [
        "# PyTorch parity fixtures",
        "",
        "Generated by `Tests/Fixtures/record_fixtures.py` with torch %s (CPU, float32, "
        "single thread). Do not edit by hand." % torch.__version__,
        "",
        "Re-record from the repository root:",
        "",
        "```",
        "python3 -m pip install torch safetensors",
        "python3 Tests/Fixtures/record_fixtures.py",
        "```",
        "",
        "Conventions: float tensors float32 (contiguous), integer tensors int64. Every file's "
        "metadata has `op`, `torch` (torch version) and `seed` besides the keys listed. "
        "Pairs are comma-separated ints (`\"2,1\"` = (H, W)); floats use Python `repr` "
        "(`\"1e-05\"`); booleans are `\"true\"`/`\"false\"`. "
        "Backward: `(output * grad_output).sum().backward()` with a random stored "
        "`grad_output`; for scalar losses `grad_output` is 0-d (%s) and "
        "`(output * grad_output).backward()`. `grad_X` is the gradient w.r.t. input `X`." % LOSS_GRAD,
        "",
        "| file | tensors [shape] | metadata keys | PyTorch call |",
        "|---|---|---|---|",
    ]
    for name, desc, keys, call in sorted(README_ROWS):
        lines.append("| `%s.safetensors` | %s | %s | `%s` |"
                     % (name, desc, keys, call.replace("|", "\\|")))
    lines.append("")
    with open(os.path.join(OUT_DIR, "README.md"), "w") as f:
        f.write("\n".join(lines))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    conv_cases()
    bn_cases()
    ln_cases()
    attention_cases()
    loss_cases()
    pool_cases()
    activation_cases()
    embedding_case()
    multihead_attention_case()
    write_readme()
    total = 0
    for name, *_ in sorted(README_ROWS):
        size = os.path.getsize(os.path.join(OUT_DIR, name + ".safetensors"))
        total += size
        print("%-36s %7d bytes" % (name + ".safetensors", size))
    print("%-36s %7d bytes (%d files)" % ("total", total, len(README_ROWS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
