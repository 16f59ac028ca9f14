#!/usr/bin/env python3
"""Reference sentence embeddings of the real all-MiniLM-L6-v2, for Thaw's MiniLM check.

Not part of the test suite: the model is 91 MB and lives outside the repository.

    python3 -m pip install torch transformers safetensors sentence-transformers
    python3 Tests/Fixtures/bert/check_minilm.py \
        --model-dir ../shared/data/all-MiniLM-L6-v2 --out /tmp/thaw-minilm-check
    THAW_MINILM_DIR=../shared/data/all-MiniLM-L6-v2 THAW_MINILM_REFERENCE=/tmp/thaw-minilm-check \
        swift test --scratch-path .build-bert --filter MiniLM

It writes to --out:
  texts.json                 the sentences, in order
  minilm_reference.safetensors
      input_ids, attention_mask, token_type_ids  int64 (N, L), padded with 0 to the
          longest sentence (the tokenizer runs here, so the check isolates the model)
      embeddings                                 float32 (N, 384), the reference
      embeddings_transformers                    float32 (N, 384), the same computed with
          transformers.AutoModel + masked mean + L2 normalisation (cross-check)
      metadata: "reference" (which pipeline produced `embeddings`), versions.

The reference pipeline rebuilds upstream's modules.json (Transformer with
max_seq_length 256 -> mean Pooling -> Normalize) from the directory, fully offline:
the shared copy has no modules.json, and SentenceTransformer(dir) alone would
default to 512 tokens and no normalisation.
"""

import argparse
import csv
import json
import os
import tempfile

import torch
import torch.nn.functional as F
from safetensors.torch import save_file
from transformers import AutoModel, AutoTokenizer

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MAX_SEQ_LENGTH = 256  # upstream sentence_bert_config.json

HANDWRITTEN = [
    "A man is playing a guitar.",
    "Someone plays an acoustic guitar on stage.",
    "The stock market fell sharply on Monday.",
    "Café crème and a croissant, s'il vous plaît!",
    "Unicode: naïve façade, Zürich, São Paulo, Ελληνικά, 東京タワー.",
    "e-mail me at someone@example.com or call +44 20 7946 0958",
    "",
    "?!",
    "THIS IS ALL CAPS AND VERY LOUD",
    "tokenization of unbelievably antidisestablishmentarianistic words",
    "The quick brown fox jumps over the lazy dog. " * 40,  # longer than 256 tokens: truncated
    "Transfer learning reuses a pretrained network's features for a new task.",
    "How do I freeze the first layers of a BERT model?",
    "It's raining cats and dogs.",
    "Numbers: 3.14159, 2,718, 1e-12 and 42%.",
]


def sms_texts(path, count):
    """The first ham and spam messages, alternating, plus the longest message."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ham = [r["text"] for r in rows if r["label"] == "ham"]
    spam = [r["text"] for r in rows if r["label"] == "spam"]
    picked = []
    for a, b in zip(ham, spam):
        picked += [a, b]
    picked = picked[: count - 1]
    picked.append(max((r["text"] for r in rows), key=len))
    return picked


def sentence_transformers_embeddings(model_dir, texts, dimension):
    from sentence_transformers import SentenceTransformer
    try:  # sentence-transformers >= 6 moved the modules
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:
        from sentence_transformers.models import Normalize, Pooling, Transformer

    transformer = Transformer(model_dir, max_seq_length=MAX_SEQ_LENGTH)
    pooling = Pooling(dimension, pooling_mode="mean")
    model = SentenceTransformer(modules=[transformer, pooling, Normalize()], device="cpu")
    model.eval()
    return torch.as_tensor(model.encode(texts, batch_size=16, convert_to_numpy=True))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.path.normpath(os.path.join(here, "..", "..", "..", "..", "shared", "data"))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", default=os.path.join(shared, "all-MiniLM-L6-v2"))
    parser.add_argument("--sms", default=os.path.join(shared, "sms-spam", "sms_spam.csv"))
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "thaw-minilm-check"))
    parser.add_argument("--sms-count", type=int, default=36)
    args = parser.parse_args()
    torch.set_num_threads(2)

    texts = HANDWRITTEN + sms_texts(args.sms, args.sms_count)
    tokenizer = AutoTokenizer.from_pretrained(args.model_dir, local_files_only=True)
    batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_SEQ_LENGTH, return_tensors="pt")

    model = AutoModel.from_pretrained(args.model_dir, local_files_only=True)
    model.eval()
    with torch.no_grad():
        h = model(**batch).last_hidden_state
        m = batch["attention_mask"].unsqueeze(-1).float()
        plain = F.normalize((h * m).sum(1) / torch.clamp(m.sum(1), min=1e-9), p=2, dim=1)

    try:
        reference = sentence_transformers_embeddings(args.model_dir, texts, model.config.hidden_size)
        source = "sentence-transformers (Transformer max_seq_length 256 -> mean Pooling -> Normalize), offline"
    except Exception as error:  # noqa: BLE001 - report and fall back, as the check allows
        print(f"sentence-transformers could not load the model offline ({error}); using transformers + pooling")
        reference = plain
        source = "transformers AutoModel + masked mean + L2 normalisation"
    agreement = (reference - plain).abs().max().item()

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "texts.json"), "w", encoding="utf-8") as f:
        json.dump(texts, f, ensure_ascii=False, indent=1)
    tensors = {
        "input_ids": batch["input_ids"].to(torch.int64),
        "attention_mask": batch["attention_mask"].to(torch.int64),
        "token_type_ids": batch["token_type_ids"].to(torch.int64),
        "embeddings": reference.float().contiguous(),
        "embeddings_transformers": plain.float().contiguous(),
    }
    import sentence_transformers
    import transformers
    meta = {"reference": source, "torch": torch.__version__, "transformers": transformers.__version__,
            "sentence_transformers": sentence_transformers.__version__, "max_seq_length": str(MAX_SEQ_LENGTH)}
    save_file(tensors, os.path.join(args.out, "minilm_reference.safetensors"), metadata=meta)
    lengths = batch["attention_mask"].sum(1)
    print(f"{len(texts)} sentences, {int(lengths.min())}..{int(lengths.max())} tokens; reference: {source}")
    print(f"sentence-transformers vs transformers+pooling: max |diff| {agreement:.3g}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
