#!/usr/bin/env python3
"""Records the reference safetensors implementation's verdicts on the fixture corpus (QUALITY.md G2).

    python3 -m pip install safetensors numpy
    python3 Tests/Fixtures/safetensors/make_corpus.py
    python3 Tests/Fixtures/safetensors/record_reference.py

Writes reference_verdicts.json next to this script: for every file in malformed/ and valid/,
whether the Rust reference (through the `safetensors` wheel) accepts it and, if so, each
tensor's dtype, shape and SHA-256 of its raw bytes. ReferenceParityTests.swift compares Thaw
against it, so Swift tests never need Python.

Two reference entry points are run, `deserialize` (bytes) and `safe_open` (mmap), and must agree.
THAW_STRICTER lists the only files the reference accepts and Thaw refuses, with the reason;
the script fails if one of them is no longer accepted, so the list cannot go stale silently.
"""

import hashlib
import json
import os
import sys

import safetensors
from safetensors import deserialize, safe_open

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "reference_verdicts.json")
MARKER = "/tmp/thaw-ace-marker"

THAW_STRICTER = {
    "malformed/dup_tensor_name_identical.safetensors": (
        "duplicateKey", "the reference keeps the last of two identical entries; Thaw refuses every duplicate key"),
    "malformed/dup_tensor_name_unicode_equivalent.safetensors": (
        "duplicateKey", "Thaw compares names as Swift strings (canonical equivalence), so two spellings of one "
        "visible name are duplicates; the reference compares bytes"),
    "malformed/dup_metadata_key.safetensors": (
        "duplicateKey", "the reference keeps the last metadata value, so the file means different things to different readers"),
    "malformed/extra_field.safetensors": (
        "unknownField", "the reference ignores unknown fields; Thaw refuses them so a misspelt field is never silently unread"),
    "malformed/metadata_null.safetensors": (
        "invalidMetadata", "the reference reads null as no metadata; Thaw requires an object of strings"),
    "malformed/dtype_unsupported_u16.safetensors": (
        "unsupportedDType", "U16 is a valid safetensors dtype that Thaw does not read"),
    "malformed/shape_dim_over_int64.safetensors": (
        "invalidShape", "a dimension above 2^63-1 next to a 0 dimension; Swift shapes are [Int]"),
}


def reference_verdict(path):
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        tensors = deserialize(data)
        accepted, error = True, None
    except Exception as exc:  # the wheel raises SafetensorError, and others for odd input
        tensors, accepted, error = None, False, str(exc).splitlines()[0][:200]
    try:
        with safe_open(path, framework="numpy") as opened:
            keys = sorted(opened.keys())
            metadata = opened.metadata()
        mmap_accepted = True
    except Exception:
        mmap_accepted = False
    if accepted != mmap_accepted:
        sys.exit("%s: deserialize and safe_open disagree" % path)
    record = {"accepted": accepted}
    if not accepted:
        record["error"] = error
        return record
    record["metadata"] = metadata or {}
    record["tensors"] = {
        name: {"dtype": info["dtype"], "shape": info["shape"], "sha256": hashlib.sha256(bytes(info["data"])).hexdigest()}
        for name, info in tensors
    }
    if sorted(record["tensors"]) != keys:
        sys.exit("%s: deserialize and safe_open list different tensors" % path)
    return record


def main():
    if os.path.exists(MARKER):
        sys.exit("%s exists before the run; remove it so the check below means something" % MARKER)
    files = {}
    for folder in ("malformed", "valid"):
        for name in sorted(os.listdir(os.path.join(HERE, folder))):
            if name.endswith(".json"):
                continue
            relative = folder + "/" + name
            files[relative] = reference_verdict(os.path.join(HERE, relative))
    for relative in THAW_STRICTER:
        if not files.get(relative, {}).get("accepted"):
            sys.exit("%s is listed in THAW_STRICTER but the reference rejects it" % relative)
    if os.path.exists(MARKER):
        sys.exit("the ACE payload ran: %s was created" % MARKER)
    output = {
        "reference": "safetensors %s (Python wheel)" % safetensors.__version__,
        "files": files,
        "thaw_stricter": {name: {"rule": rule, "reason": reason} for name, (rule, reason) in THAW_STRICTER.items()},
    }
    with open(OUTPUT, "w") as handle:
        json.dump(output, handle, indent=1, sort_keys=True)
        handle.write("\n")
    accepted = sum(1 for record in files.values() if record["accepted"])
    print("recorded %d files: %d accepted, %d rejected" % (len(files), accepted, len(files) - accepted))


if __name__ == "__main__":
    main()
