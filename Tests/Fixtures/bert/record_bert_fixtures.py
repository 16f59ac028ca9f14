#!/usr/bin/env python3
"""Record Hugging Face reference fixtures for Thaw's BERT parity tests.

Run from the repository root:

    python3 -m pip install torch transformers safetensors
    python3 Tests/Fixtures/bert/record_bert_fixtures.py

It (re)writes, under Tests/Fixtures/bert/:

  tiny/config.json, tiny/model.safetensors
      a tiny `transformers.BertModel` (vocab 99, hidden 32, 2 layers, 4 heads,
      intermediate 37, 64 positions, exact GELU) with random weights, saved with
      `save_pretrained` exactly as a Hugging Face model directory.
  tiny_reference.safetensors
      inputs and outputs (see below); metadata "keys" is HF's state-dict key list
      (comma-separated, in order), "keys_no_pooler" the same without the pooler.
  legacy/config.json, legacy/model.safetensors
      the same encoder weights inside a `BertForSequenceClassification`
      (num_labels 3) state dict, written the way old checkpoints look: every
      encoder key under `bert.`, LayerNorm parameters named gamma/beta, and the
      int64 `bert.embeddings.position_ids` buffer that transformers < 4.31 saved.

tiny_reference.safetensors (float32 unless noted; B=3, S=7, H=32):
  input_ids, attention_mask, token_type_ids  int64 (B, S); row 0 has no padding
      and two segments, row 1 three pad positions, row 2 only two real tokens.
  last_hidden_state, pooler_output            eval mode, with the mask and types
  mean_pooled, mean_pooled_normalized, cls    sentence-transformers mean pooling
      (sum(h*m)/clamp(sum(m), 1e-9)), its L2 normalisation, and h[:, 0]
  last_hidden_state_nomask                    attention_mask=None, token_type_ids=None
  last_hidden_state_gelu_new, _relu           same weights, hidden_act swapped
  grad_output                                 random (B, S, H)
  grad_<key with dots replaced by _>          train mode, every dropout 0:
      gradients of (last_hidden_state * grad_output).sum(); word embeddings
      include the [PAD] row, which padding_idx keeps at zero gradient.
      (No key-projection gradients: softmax ignores the key bias, so its exact
      gradient is 0 and the key weight's is dominated by cancellation; both
      would compare float32 rounding noise.)

Deterministic: one torch.Generator with a fixed seed draws everything, torch runs
single-threaded, and attention is the eager implementation (HF's additive mask).
"""

import json
import os
import shutil
import struct

import torch
import transformers
from transformers import BertConfig, BertForSequenceClassification, BertModel

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240611
B, S = 3, 7

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

GRAD_KEYS = [
    "embeddings.word_embeddings.weight",
    "embeddings.position_embeddings.weight",
    "embeddings.token_type_embeddings.weight",
    "embeddings.LayerNorm.bias",
    "encoder.layer.0.attention.self.query.weight",
    "encoder.layer.0.attention.self.value.bias",
    "encoder.layer.0.attention.self.value.weight",
    "encoder.layer.0.intermediate.dense.weight",
    "encoder.layer.1.intermediate.dense.bias",
    "encoder.layer.1.attention.output.dense.weight",
    "encoder.layer.1.output.LayerNorm.weight",
]


def make_config(**overrides):
    args = dict(vocab_size=99, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                intermediate_size=37, max_position_embeddings=64, hidden_act="gelu")
    args.update(overrides)
    config = BertConfig(**args)
    config._attn_implementation = "eager"
    return config


def randomise(model, g):
    """Weights far from HF's N(0, 0.02) init, so attention is peaked and LayerNorm's affine
    part matters: a parity test on near-zero weights would pass with many bugs."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "LayerNorm.weight" in name:
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            elif "embeddings" in name:
                p.copy_(torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.5 * torch.randn(p.shape, generator=g) / p.shape[1] ** 0.5)


def save_file(tensors, path, metadata):
    """safetensors, written here because `safetensors.torch.save_file` orders the metadata
    differently from run to run (a hash map): sorted keys make the bytes reproducible."""
    dtypes = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {"__metadata__": dict(sorted(metadata.items()))}, [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().cpu()
        t = (t.float() if t.is_floating_point() else t).contiguous()
        data = t.numpy().tobytes()
        header[name] = {"dtype": dtypes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def mean_pool(h, mask):
    m = mask.unsqueeze(-1).to(h.dtype)
    return (h * m).sum(1) / torch.clamp(m.sum(1), min=1e-9)


def clean_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def main():
    g = torch.Generator().manual_seed(SEED)
    model = BertModel(make_config())
    randomise(model, g)
    model.eval()
    tiny_dir = os.path.join(HERE, "tiny")
    clean_dir(tiny_dir)
    model.save_pretrained(tiny_dir, safe_serialization=True)

    # All references are computed in float64 from the float32 weights: the exact answer for
    # those weights, so a test measures Thaw's own rounding rather than the sum of Thaw's and
    # PyTorch's float32 rounding (on its own already ~1e-4 relative for some gradients).
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    model = model.double()

    input_ids = torch.randint(1, 99, (B, S), generator=g)
    attention_mask = torch.tensor([[1] * 7, [1] * 4 + [0] * 3, [1] * 2 + [0] * 5])
    input_ids[attention_mask == 0] = 0  # [PAD]
    token_type_ids = torch.tensor([[0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 0, 0, 0], [0] * 7])

    out = {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}
    with torch.no_grad():
        r = model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
        h = r.last_hidden_state
        out["last_hidden_state"] = h
        out["pooler_output"] = r.pooler_output
        out["mean_pooled"] = mean_pool(h, attention_mask)
        out["mean_pooled_normalized"] = torch.nn.functional.normalize(out["mean_pooled"], p=2, dim=1)
        out["cls"] = h[:, 0]
        out["last_hidden_state_nomask"] = model(input_ids=input_ids).last_hidden_state
        for act in ["gelu_new", "relu"]:
            other = BertModel(make_config(hidden_act=act)).double()
            other.load_state_dict(state)
            other.eval()
            out[f"last_hidden_state_{act}"] = other(input_ids=input_ids, attention_mask=attention_mask,
                                                    token_type_ids=token_type_ids).last_hidden_state

    trained = BertModel(make_config(hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)).double()
    trained.load_state_dict(state)
    trained.train()
    grad_output = torch.randn(B, S, 32, generator=g)
    h = trained(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state
    (h * grad_output.double()).sum().backward()
    out["grad_output"] = grad_output
    params = dict(trained.named_parameters())
    for key in GRAD_KEYS:
        out["grad_" + key.replace(".", "_")] = params[key].grad

    no_pooler = BertModel(make_config(), add_pooling_layer=False)
    meta = {
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "seed": str(SEED),
        "keys": ",".join(model.state_dict().keys()),
        "keys_no_pooler": ",".join(no_pooler.state_dict().keys()),
        "grad_keys": ",".join(GRAD_KEYS),
    }
    save_file({k: v.detach().contiguous() for k, v in out.items()},
              os.path.join(HERE, "tiny_reference.safetensors"), metadata=meta)

    # The legacy task checkpoint: encoder weights under bert., gamma/beta, position_ids.
    torch.manual_seed(SEED)  # the new classification head's initialisation
    classifier = BertForSequenceClassification(make_config(num_labels=3))
    classifier.bert.load_state_dict(state)
    legacy = {}
    for key, value in classifier.state_dict().items():
        if key.endswith("LayerNorm.weight"):
            key = key[: -len("weight")] + "gamma"
        elif key.endswith("LayerNorm.bias"):
            key = key[: -len("bias")] + "beta"
        legacy[key] = value.detach().clone().contiguous()
    legacy["bert.embeddings.position_ids"] = torch.arange(64, dtype=torch.int64).unsqueeze(0)
    legacy_dir = os.path.join(HERE, "legacy")
    clean_dir(legacy_dir)
    save_file(legacy, os.path.join(legacy_dir, "model.safetensors"), metadata={"format": "pt"})
    config = classifier.config.to_dict()
    config["architectures"] = ["BertForSequenceClassification"]
    with open(os.path.join(legacy_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2, sort_keys=True)
        f.write("\n")

    total = 0
    for root, _, files in os.walk(HERE):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    print(f"wrote fixtures under {HERE}: {total / 1024:.0f} KB in total")


if __name__ == "__main__":
    main()
