#!/usr/bin/env python3
"""Builds Thaw's bundled sample data from ../shared/data (run from the repository root).

    python3 sample-data/make_sample_data.py [--shared ../shared/data]

Deterministic: the same sources give byte-identical files (gzip without names or times).
Subsets are the FIRST N examples of each official file, so they can be re-derived exactly.
"""
import argparse
import gzip
import hashlib
import os
import shutil
import struct

SUBSETS = {
    # folder: (source folder, train examples, test examples)
    "mnist": ("mnist", 10000, 2000),
    "fashion-mnist": ("fashion-mnist", 5000, 1000),
}


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    dims = [count]
    offset = 8
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        dims += [rows, cols]
        offset = 16
    return magic, dims, data[offset:]


def write_idx(path, magic, dims, payload):
    header = struct.pack(">II", magic, dims[0]) + b"".join(struct.pack(">I", d) for d in dims[1:])
    raw = header + payload
    with open(path, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as f:
            f.write(raw)
    return hashlib.sha256(raw).hexdigest()


def subset(src, dst, name, n):
    magic, dims, payload = read_idx(src)
    per = 1
    for d in dims[1:]:
        per *= d
    dims = [n] + dims[1:]
    return write_idx(dst, magic, dims, payload[: n * per])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    for folder, (source, train_n, test_n) in SUBSETS.items():
        os.makedirs(os.path.join(here, folder), exist_ok=True)
        for split, n in (("train", train_n), ("t10k", test_n)):
            for kind in ("images-idx3", "labels-idx1"):
                name = "%s-%s-ubyte.gz" % (split, kind)
                digest = subset(os.path.join(args.shared, source, name), os.path.join(here, folder, name), name, n)
                print("%s/%s: %d examples, sha256 of uncompressed %s" % (folder, name, n, digest))
    for folder, name in (("digits", "digits.csv"), ("sms-spam", "sms_spam.csv")):
        os.makedirs(os.path.join(here, folder), exist_ok=True)
        shutil.copyfile(os.path.join(args.shared, folder, name), os.path.join(here, folder, name))
        print("%s/%s: copied" % (folder, name))


if __name__ == "__main__":
    main()
