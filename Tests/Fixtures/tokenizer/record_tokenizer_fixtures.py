#!/usr/bin/env python3
"""Records the WordPiece tokenizer parity fixture from Hugging Face's Python BertTokenizer.

The reference is the *slow* (pure Python) `transformers.BertTokenizer` of transformers 4.x with
`do_lower_case=True`.  In transformers 5 `BertTokenizer` is the Rust tokenizer and the Python
one survives as `BertTokenizerLegacy`, which no longer pre-lowercases text character by
character (so "ΟΔΟΣ" gets a final "ς" there), hence the pin:

    python3 -m venv .venv && .venv/bin/pip install "transformers>=4.40,<5"
    .venv/bin/python Tests/Fixtures/tokenizer/record_tokenizer_fixtures.py \
        [--vocab /path/to/all-MiniLM-L6-v2/vocab.txt]

Writes, next to this script:
  vocab-subset.txt          a small vocabulary (special tokens, every token in the recorded
                            outputs, single characters and a few hundred common words) on which
                            every recorded string tokenizes exactly as on the full vocabulary;
  tokenizer_fixture.json    tokens, ids (subset and full vocabulary), max_length=16 encodings,
                            decoded text, pair encodings, and where the fast tokenizer disagrees.

The Swift tests read only these two files, so they need neither Python nor the full vocabulary.
"""

import argparse
import json
import os
import sys
import unicodedata

import transformers

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_VOCAB = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "all-MiniLM-L6-v2", "vocab.txt")
MAX_LENGTH = 16
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

CASES = [
    "Café au lait",
    "naïve résumé",
    "Ångström",
    "ÉCOLE Polytechnique",
    "HeLLo WoRLD MiXeD CaSe",
    "Wait...what?!?",
    "!!!???...,,,;;--",
    "“quotes” and ‘single’ «guillemets»",
    "em—dash and en–dash",
    "ellipsis… done",
    "¿Qué? ¡Hola!",
    "中文字符",
    "日本語のテキスト",
    "한국어 텍스트",
    "mixed中文and English",
    "emoji 😀👍🏽 and 🫨",
    "pneumonoultramicroscopicsilicovolcanoconiosis" * 2 + "pneumonoultramicroscopicsilicovol",  # 123 chars
    "a" * 100,
    "a" * 101,
    "ⱥⱦ ☃ xqzvbnmkl",
    "3.14159 and 1,000,000 and 2024-06-01 and 0.5%",
    "https://www.example.com/path/to?q=1&x=y#frag",
    "john.doe+tag@example.co.uk",
    "a\x00b\x07c\x1bd\x7fe\ufffdf",
    "line1\nline2\tcol\r\nend\x0bv\x0cf",
    "👨\u200d👩\u200d👧 family a\u200db",
    "e\u0301 vs \u00e9 and Z\u0351\u0307a\u0308l\u0303g\u0301o",
    "\u0301 lonely mark",
    "[CLS] hello [SEP]",
    "[mask] lower-case mask",
    "The [MASK] is here",
    "hello[SEP]world[PAD][UNK]",
    "[Cls] [cls] [CL\u200bS]",
    "",
    "   \t\n  ",
    "Καλημέρα κόσμε, Ο ΣΟΦΟΣ ΟΔΟΣ",
    "Привет, мир! ЁЖИК",
    "مرحبا بالعالم",
    "שָׁלוֹם עולם",
    "สวัสดีครับ",
    "नमस्ते दुनिया",
    "The quick brown fox jumps over the lazy dog while the tokenizer keeps counting word pieces",
    "para\u2028graph\u2029sep",
    "non\u00a0breaking\u3000ideographic\u2009thin",
    "İstanbul Straße STRASSE ﬁne",
    "\uf900 \U00020000 \u3400 \u2f800 \U0002f800",
    "ＡＢＣ１２３ fullwidth",
    "$100 €50 £3 ¥ 5% +/-=<> ^_^ `~|\\",
    "don't can't I'm it's we've they're",
    "state-of-the-art snake_case CamelCase",
    "##hash #tag @user",
    "\ufeffbom soft\u00adhyphen private\ue000use",
    "❤\ufe0f love ✔ ☺",
    "Ⅻ x² ½ ℃ №",
    "unaffable tokenization transformers",
    "U dun say so early hor... U c already then say...",
    "FreeMsg Hey there darling it's been 3 week's now and no word back! I'd like some fun you up for it still? Tb ok! XxX std chgs to send, £1.50 to rcv",
    "WINNER!! As a valued network customer you have been selected to receivea £900 prize reward! To claim call 09061701461. Claim code KL341. Valid 12 hours only.",
    "ﾊﾝｶｸ halfwidth katakana ｶﾞ",
    "Dž ǅ ǆ titlecase",
]

PAIRS = [
    ("How old are you?", "I am six."),
    ("The quick brown fox jumps over the lazy dog again and again", "short"),
    ("short", "The quick brown fox jumps over the lazy dog again and again"),
    ("one two three four five six seven eight", "uno dos tres cuatro cinco seis siete ocho"),
    ("one two three four five six seven eight nine", "uno dos tres cuatro cinco seis siete ocho"),
    ("[CLS] café", "中文 😀"),
]


def require_slow_tokenizer():
    major = int(transformers.__version__.split(".")[0])
    if major >= 5:
        sys.exit(
            f"transformers {transformers.__version__}: need 4.x, where BertTokenizer is the Python "
            "tokenizer (see this script's docstring)"
        )
    return transformers.BertTokenizer, transformers.BertTokenizerFast


def encode(tok, a, b=None):
    enc = tok(a, b, max_length=MAX_LENGTH, truncation=True, padding="max_length")
    return {k: list(enc[k]) for k in ("input_ids", "attention_mask", "token_type_ids")}


def record(tok):
    """Everything the fixture checks, for one tokenizer."""
    cases = []
    for text in CASES:
        tokens = tok.tokenize(text)
        ids = tok.convert_tokens_to_ids(tokens)
        cases.append({
            "text": text,
            "tokens": tokens,
            "ids": ids,
            "encoding": encode(tok, text),
            "decoded": tok.decode(tok.build_inputs_with_special_tokens(ids), skip_special_tokens=True),
        })
    pairs = [{"a": a, "b": b, "encoding": encode(tok, a, b)} for a, b in PAIRS]
    return cases, pairs


def as_tokens(tok, recorded):
    """Ids depend on the vocabulary; compare what they stand for."""
    cases, pairs = recorded
    out = [(c["tokens"], tok.convert_ids_to_tokens(c["encoding"]["input_ids"]), c["encoding"]["attention_mask"],
            c["encoding"]["token_type_ids"], c["decoded"]) for c in cases]
    out += [(tok.convert_ids_to_tokens(p["encoding"]["input_ids"]), p["encoding"]["attention_mask"],
             p["encoding"]["token_type_ids"]) for p in pairs]
    return out


def read_vocab(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def write_subset(path, full_vocab, wanted):
    rank = {t: i for i, t in enumerate(full_vocab)}
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for token in sorted(wanted, key=rank.__getitem__):
            f.write(token + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab", default=DEFAULT_VOCAB)
    args = parser.parse_args()
    slow_class, fast_class = require_slow_tokenizer()
    transformers.logging.set_verbosity_error()

    full_vocab = read_vocab(args.vocab)
    slow = slow_class(args.vocab, do_lower_case=True)
    fast = fast_class(args.vocab, do_lower_case=True)
    full = record(slow)

    disagreements = []
    for text in CASES:
        s, f = slow.tokenize(text), fast.tokenize(text)
        if s != f:
            disagreements.append({"text": text, "slow": s, "fast": f})
    for a, b in PAIRS:
        s, f = (tok.convert_ids_to_tokens(encode(tok, a, b)["input_ids"]) for tok in (slow, fast))
        if s != f:
            disagreements.append({"text": a, "pair": b, "slow": s, "fast": f})

    # Single characters (ids 999-1995 in BERT's layout), their continuations and the most common
    # words, so hand-written Swift tests have something to work with beyond the recorded strings.
    singles = [t for t in full_vocab[999:1996] if len(t) == 1]
    wanted = set(SPECIALS) | set(singles) | set(full_vocab[1996:2396])
    wanted |= {"##" + t for t in singles if "##" + t in set(full_vocab)}
    wanted |= {t for c in full[0] for t in c["tokens"]}
    subset_path = os.path.join(HERE, "vocab-subset.txt")
    while True:
        write_subset(subset_path, full_vocab, wanted)
        small = slow_class(subset_path, do_lower_case=True)
        recorded = record(small)
        if as_tokens(small, recorded) == as_tokens(slow, full):
            break
        # Unreachable for greedy longest-match (every recorded piece is already in the subset),
        # but the check is what makes the fixture valid for both vocabularies, so act on it.
        missing = {t for c in full[0] for t in c["tokens"]} | {
            t for p in full[1] for t in slow.convert_ids_to_tokens(p["encoding"]["input_ids"])}
        if missing <= wanted:
            sys.exit("subset vocabulary tokenizes differently and adding tokens cannot fix it")
        wanted |= missing

    cases, pairs = recorded
    for case, reference in zip(cases, full[0]):
        case["ids_full_vocab"] = reference["ids"]
    fixture = {
        "generator": "record_tokenizer_fixtures.py",
        "transformers": transformers.__version__,
        "python_unicode": unicodedata.unidata_version,
        "vocab": "vocab-subset.txt",
        "max_length": MAX_LENGTH,
        "cases": cases,
        "pairs": pairs,
        "fast_disagreements": disagreements,
    }
    with open(os.path.join(HERE, "tokenizer_fixture.json"), "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} strings, {len(pairs)} pairs, subset vocabulary {len(wanted)} tokens "
          f"({os.path.getsize(subset_path)} bytes), identical to the full vocabulary's results")
    for d in disagreements:
        what = repr(d["text"]) + (f" + {d['pair']!r}" if "pair" in d else "")
        print(f"fast tokenizer disagrees on {what}:\n  slow {d['slow']}\n  fast {d['fast']}")


if __name__ == "__main__":
    main()
