#!/usr/bin/env python3
"""Generates the safetensors fixture corpus for ThawSafeTensorsTests (QUALITY.md G1, G2, G4, G5).

    python3 Tests/Fixtures/safetensors/make_corpus.py

Pure standard library and deterministic, so the committed files can be re-created and
diffed. Writes:

  malformed/*            one broken rule per file (the name says which)
  malformed/EXPECTED.json  file -> the SafeTensorsRule Thaw must report, and why
  valid/*.safetensors    files both Thaw and the reference must accept

Each malformed file is built from a valid layout with exactly one thing wrong, so the rule
Thaw reports is unambiguous. Files stay under 4 KB except nesting_10k_deep.safetensors,
which needs 10 000 brackets on each side to be what its name says.

The pickle fixtures contain a payload that WOULD run `touch /tmp/thaw-ace-marker` if
unpickled. This script only serialises it (pickle.dumps never runs __reduce__'s result);
the Swift tests assert the marker never appears.
"""

import io
import json
import os
import pickle
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MALFORMED = os.path.join(HERE, "malformed")
VALID = os.path.join(HERE, "valid")
MARKER = "/tmp/thaw-ace-marker"
SIZE_LIMIT = 4096
OVERSIZE_ALLOWED = {"nesting_10k_deep.safetensors"}


def st(header, data=b""):
    """A file from a header (str or bytes, used verbatim) and a data buffer."""
    raw = header.encode("utf-8") if isinstance(header, str) else header
    return struct.pack("<Q", len(raw)) + raw + data


def raw_len(length, rest=b""):
    """A file whose length field is `length`, whatever follows."""
    return struct.pack("<Q", length) + rest


def entry(dtype, shape, begin, end):
    return json.dumps({"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}, separators=(",", ":"))


def padded(header, total):
    """Pads a header with spaces so the whole file is `total` bytes (for the 200-byte G4 cases)."""
    return header + " " * (total - 8 - len(header.encode()))


class ACE:
    """Unpickling this runs a shell command; used only as inert bytes."""

    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


def ace_pickle(protocol):
    return pickle.dumps(ACE(), protocol=protocol)


def fixed_zip(members, extra=b""):
    """A ZIP with fixed timestamps so the bytes are reproducible."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, payload in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, payload)
    return buffer.getvalue() + extra


def ace_zip():
    """The layout of torch.save since PyTorch 1.6: archive/data.pkl plus archive/version."""
    return fixed_zip([("archive/data.pkl", ace_pickle(2)), ("archive/version", b"3\n")])


ONE_U8 = '{"a":' + entry("U8", [1], 0, 1) + "}"
TWO_F32 = '{"a":' + entry("F32", [2], 0, 8) + "}"
F32_DATA = struct.pack("<2f", 1.0, 2.0)


def malformed_cases():
    """(file name, expected SafeTensorsRule, bytes, why)."""
    yield "empty.safetensors", "fileTooShort", b"", "0 bytes"
    yield "too_short.safetensors", "fileTooShort", b"\x02\x00\x00\x00\x00", "5 bytes, no room for the length field"
    yield "header_len_over_100mb.safetensors", "headerTooLarge", raw_len(100_000_001, b"{}"), "N = 100 MB + 1"
    yield "header_len_2pow63.safetensors", "headerTooLarge", raw_len(2**63, b"{}"), "N = 2^63"
    yield "header_len_u64_max.safetensors", "headerTooLarge", raw_len(2**64 - 1, b"{}"), "N = 2^64 - 1 (8 + N overflows)"
    yield "header_past_eof.safetensors", "headerPastEndOfFile", raw_len(100, b'{"a":1}'), "N = 100 but 7 bytes follow"
    yield ("header_99mb_claim.safetensors", "headerPastEndOfFile", raw_len(99_000_000, b" " * 192),
           "G4: a 200-byte file claiming a 99 MB header")
    yield ("header_not_utf8.safetensors", "headerNotUTF8",
           st(b'{"a\xff":' + entry("U8", [1], 0, 1).encode() + b"}", b"x"), "0xFF in a key")
    yield ("header_overlong_utf8.safetensors", "headerNotUTF8",
           st(b'{"\xc0\xaf":' + entry("U8", [1], 0, 1).encode() + b"}", b"x"), "overlong encoding of '/'")
    yield ("header_surrogate_utf8.safetensors", "headerNotUTF8",
           st(b'{"\xed\xa0\x80":' + entry("U8", [1], 0, 1).encode() + b"}", b"x"), "UTF-8-encoded surrogate")
    yield "header_bom.safetensors", "headerHasByteOrderMark", st(b"\xef\xbb\xbf" + ONE_U8.encode(), b"x"), "UTF-8 BOM"
    yield "header_array.safetensors", "headerNotObject", st("[]"), "top level is an array"
    yield "header_number.safetensors", "headerNotObject", st("42"), "top level is a number"
    yield "header_string.safetensors", "headerNotObject", st('"F32"'), "top level is a string"
    yield "header_empty.safetensors", "invalidJSON", st(""), "N = 0"
    yield "header_truncated_json.safetensors", "invalidJSON", st('{"a":{"dtype":"U8"'), "JSON cut off"
    yield "header_trailing_garbage.safetensors", "invalidJSON", st("{}x"), "text after the object"
    yield "header_nul_padding.safetensors", "invalidJSON", st(b"{}\x00\x00"), "NUL padding instead of spaces"
    yield "header_control_char.safetensors", "invalidJSON", st('{"a\x01":' + entry("U8", [1], 0, 1) + "}", b"x"), \
        "raw control character in a key"
    yield "header_lone_surrogate_escape.safetensors", "invalidJSON", \
        st('{"\\ud800":' + entry("U8", [1], 0, 1) + "}", b"x"), "\\ud800 without a low surrogate"
    yield "shape_leading_zero.safetensors", "invalidJSON", \
        st('{"a":{"dtype":"U8","shape":[01],"data_offsets":[0,1]}}', b"x"), "JSON forbids leading zeros"
    yield "nesting_10k_deep.safetensors", "nestingTooDeep", \
        st('{"a":' + "[" * 10_000 + "]" * 10_000 + "}"), "10 000 nested arrays"
    yield "dtype_unknown.safetensors", "unknownDType", st('{"a":' + entry("F8", [1], 0, 1) + "}", b"x"), "F8"
    yield "dtype_lowercase.safetensors", "unknownDType", st('{"a":' + entry("f32", [2], 0, 8) + "}", F32_DATA), "f32"
    yield "dtype_not_string.safetensors", "unknownDType", \
        st('{"a":{"dtype":32,"shape":[1],"data_offsets":[0,1]}}', b"x"), "dtype is a number"
    yield "dtype_unsupported_u16.safetensors", "unsupportedDType", \
        st('{"a":' + entry("U16", [1], 0, 2) + "}", b"xy"), "stricter: valid in the reference, unused by Thaw"
    yield "shape_negative.safetensors", "invalidShape", st('{"a":' + entry("U8", [-1], 0, 1) + "}", b"x"), "[-1]"
    yield "shape_float_integral.safetensors", "invalidShape", \
        st('{"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}', F32_DATA), "[2.0]"
    yield "shape_float_fraction.safetensors", "invalidShape", \
        st('{"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}', F32_DATA), "[2.5]"
    yield "shape_string.safetensors", "invalidShape", \
        st('{"a":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}}', F32_DATA), '["2"]'
    yield "shape_not_array.safetensors", "invalidShape", \
        st('{"a":{"dtype":"F32","shape":2,"data_offsets":[0,8]}}', F32_DATA), "shape is a number"
    yield "shape_dim_over_int64.safetensors", "invalidShape", \
        st('{"a":{"dtype":"U8","shape":[0,9223372036854775808],"data_offsets":[0,0]}}'), \
        "stricter: 2^63 next to a 0 dim; the reference accepts the empty tensor"
    yield "shape_product_overflow.safetensors", "shapeOverflow", \
        st('{"a":' + entry("U8", [2**32, 2**32, 2], 0, 1) + "}", b"x"), "2^65 elements"
    yield "shape_bytes_overflow.safetensors", "shapeOverflow", \
        st('{"a":' + entry("F64", [2**62], 0, 1) + "}", b"x"), "2^62 elements fit u64, 2^65 bytes do not"
    yield "claim_2pow40_elements.safetensors", "offsetPastBuffer", \
        st(padded('{"a":' + entry("F32", [2**20, 2**20], 0, 4 * 2**40) + "}", 196), b"abcd"), \
        "G4: a 200-byte file whose consistent header claims a 2^40-element tensor"
    yield "bytes_mismatch.safetensors", "byteCountMismatch", \
        st('{"a":' + entry("F32", [2], 0, 12) + "}", F32_DATA + b"\0" * 4), "F32 [2] needs 8 bytes, offsets give 12"
    yield "misaligned_f32_after_bool.safetensors", "byteCountMismatch", \
        st('{"m":' + entry("BOOL", [3], 0, 3) + ',"w":' + entry("F32", [1], 3, 6) + "}", b"\1\0\1" + b"\0\0\x80"), \
        "after a 3-byte BOOL the F32 gets 3 bytes, not a multiple of 4"
    yield "offsets_gap.safetensors", "offsetGap", \
        st('{"a":' + entry("U8", [1], 0, 1) + ',"b":' + entry("U8", [1], 2, 3) + "}", b"xyz"), "byte 1 unused"
    yield "offsets_not_from_zero.safetensors", "offsetGap", \
        st('{"a":' + entry("F32", [1], 4, 8) + "}", F32_DATA), "first tensor starts at 4"
    yield "offsets_overlap.safetensors", "offsetOverlap", \
        st('{"a":' + entry("F32", [2], 0, 8) + ',"b":' + entry("F32", [1], 4, 8) + "}", F32_DATA), "b inside a"
    yield "trailing_bytes_polyglot.safetensors", "trailingBytes", \
        st(TWO_F32, F32_DATA + fixed_zip([("hello.txt", b"hidden payload\n")])), "a ZIP appended after the last tensor"
    yield "begin_after_end.safetensors", "beginAfterEnd", st('{"a":' + entry("U8", [0], 1, 0) + "}", b"x"), "[1, 0]"
    yield "end_past_buffer.safetensors", "offsetPastBuffer", st('{"a":' + entry("F32", [4], 0, 16) + "}", F32_DATA), \
        "16 bytes declared, 8 present"
    yield "offsets_three.safetensors", "invalidDataOffsets", \
        st('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,1]}}', b"x"), "three offsets"
    yield "offsets_negative.safetensors", "invalidDataOffsets", \
        st('{"a":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}}', b"x"), "[-1, 0]"
    yield "offsets_float.safetensors", "invalidDataOffsets", \
        st('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1.0]}}', b"x"), "[0, 1.0]"
    yield "dup_tensor_name.safetensors", "duplicateKey", \
        st('{"a":' + entry("U8", [1], 0, 1) + ',"a":' + entry("U8", [1], 1, 2) + "}", b"xy"), "two tensors named a"
    yield "dup_tensor_name_identical.safetensors", "duplicateKey", \
        st('{"a":' + entry("U8", [1], 0, 1) + ',"a":' + entry("U8", [1], 0, 1) + "}", b"x"), \
        "stricter: the reference keeps the last and accepts"
    yield "dup_tensor_name_escaped.safetensors", "duplicateKey", \
        st('{"a":' + entry("U8", [1], 0, 1) + ',"\\u0061":' + entry("U8", [1], 1, 2) + "}", b"xy"), \
        "a and \\u0061 are the same key"
    yield "dup_tensor_name_unicode_equivalent.safetensors", "duplicateKey", \
        st('{"caf\u00e9":' + entry("U8", [1], 0, 1) + ',"cafe\u0301":' + entry("U8", [1], 1, 2) + "}", b"xy"), \
        "stricter: NFC and NFD spellings of one name; the reference compares bytes and accepts"
    yield "dup_field_in_entry.safetensors", "duplicateKey", \
        st('{"a":{"dtype":"U8","dtype":"I8","shape":[1],"data_offsets":[0,1]}}', b"x"), "dtype twice"
    yield "dup_metadata_key.safetensors", "duplicateKey", \
        st('{"__metadata__":{"k":"1","k":"2"},"a":' + entry("U8", [1], 0, 1) + "}", b"x"), \
        "stricter: the reference keeps the last and accepts"
    yield "dup_metadata_section.safetensors", "duplicateKey", \
        st('{"__metadata__":{},"__metadata__":{}}'), "__metadata__ twice"
    yield "extra_field.safetensors", "unknownField", \
        st('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"offset":0}}', b"x"), \
        "stricter: the reference ignores unknown fields"
    yield "missing_dtype.safetensors", "missingField", st('{"a":{"shape":[1],"data_offsets":[0,1]}}', b"x"), "no dtype"
    yield "missing_data_offsets.safetensors", "missingField", st('{"a":{"dtype":"U8","shape":[1]}}', b"x"), \
        "no data_offsets"
    yield "entry_not_object.safetensors", "entryNotObject", st('{"a":[1]}'), "tensor entry is an array"
    yield "metadata_non_string_value.safetensors", "invalidMetadata", \
        st('{"__metadata__":{"epoch":1},"a":' + entry("U8", [1], 0, 1) + "}", b"x"), "value is a number"
    yield "metadata_not_object.safetensors", "invalidMetadata", \
        st('{"__metadata__":["a","b"],"a":' + entry("U8", [1], 0, 1) + "}", b"x"), "__metadata__ is an array"
    yield "metadata_null.safetensors", "invalidMetadata", \
        st('{"__metadata__":null,"a":' + entry("U8", [1], 0, 1) + "}", b"x"), \
        "stricter: the reference reads null as no metadata"
    yield "ace_pickle_p2.pt", "pickleCheckpoint", ace_pickle(2), "G5: legacy torch.save, protocol 2"
    yield "ace_pickle_p5.pt", "pickleCheckpoint", ace_pickle(5), "G5: protocol 5"
    yield "ace_zip.bin", "pickleCheckpoint", ace_zip(), "G5: PyTorch >= 1.6 ZIP checkpoint as .bin"
    yield "ace_pickle_renamed.safetensors", "pickleCheckpoint", ace_pickle(4), "G5: protocol 4 pickle renamed"
    yield "ace_zip_renamed.safetensors", "pickleCheckpoint", ace_zip(), "G5: ZIP checkpoint renamed"


def f16(values):
    return struct.pack("<%de" % len(values), *values)


def bf16(values):
    """Truncates float32 bit patterns (the values used are exactly representable)."""
    return b"".join(struct.pack("<H", struct.unpack("<I", struct.pack("<f", v))[0] >> 16) for v in values)


def layout(tensors, metadata=None, lead="", trail=""):
    """A valid file from (name, dtype, shape, bytes) in order, offsets packed back to back."""
    fields = {}
    if metadata is not None:
        fields["__metadata__"] = metadata
    offset, data = 0, b""
    for name, dtype, shape, payload in tensors:
        fields[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(payload)]}
        offset += len(payload)
        data += payload
    return lead + json.dumps(fields, separators=(",", ":")) + trail, data


def valid_cases():
    inf, nan = float("inf"), float("nan")
    mixed = [  # deliberately unaligned: everything after the 3-byte BOOL sits at odd offsets
        ("mask", "BOOL", [3], b"\x01\x00\x01"),
        ("weight", "F32", [2, 2], struct.pack("<4f", 1.5, -2.25, 0.0, 2.0**-127)),
        ("half", "F16", [5], f16([1.0, -2.0, 65504.0, 2.0**-24, 6.103515625e-05])),
        ("brain", "BF16", [3], bf16([1.0, -3.5, 1.0e38])),
        ("double", "F64", [2], struct.pack("<2d", 0.1, -1.0e300)),
        ("steps", "I64", [2], struct.pack("<2q", -(2**63), 2**63 - 1)),
        ("i32", "I32", [2], struct.pack("<2i", -(2**31), 7)),
        ("i16", "I16", [2], struct.pack("<2h", -32768, 32767)),
        ("i8", "I8", [2], struct.pack("<2b", -128, 127)),
        ("u8", "U8", [2], bytes([0, 255])),
    ]
    yield "all_dtypes_unaligned.safetensors", layout(mixed, {"format": "pt", "note": "caf\u00e9 \u2713"})
    yield "zero_size_tensors.safetensors", layout([
        ("empty", "F32", [0], b""), ("empty2d", "I64", [2, 0], b""), ("x", "U8", [2], b"\x07\x08")])
    yield "scalar.safetensors", layout([("s", "F32", [], struct.pack("<f", 3.25))])
    yield "empty_header.safetensors", ("{}", b"")
    yield "specials_f16_bf16.safetensors", layout([
        ("h", "F16", [6], f16([inf, -inf, nan, -0.0, 2.0**-14 - 2.0**-24, 1.0 / 3.0])),
        ("b", "BF16", [4], bf16([inf, -inf, -0.0, 2.0**-133]))])
    yield "escaped_names.safetensors", (
        '{"caf\\u00e9":' + entry("U8", [1], 0, 1) + ',"tab\\tname":' + entry("U8", [1], 1, 2)
        + ',"emoji \\ud83d\\ude00":' + entry("U8", [1], 2, 3) + ',"__metadata__":{"k\\"q":"v\\\\"}}', b"abc")
    yield "whitespace_header.safetensors", layout([("a", "F32", [1], struct.pack("<f", 1.0))], lead="\n\t ", trail=" \r\n")
    # Reference writer layout: 8-byte-aligned data start, header padded with spaces.
    header, data = layout([("b", "F64", [1], struct.pack("<d", 2.5)), ("a", "F32", [2], F32_DATA)], {"format": "pt"})
    yield "reference_layout.safetensors", (header + " " * ((8 - len(header) % 8) % 8), data)
    # Byte for byte what SafeTensorsWriter must produce for the same input (WriterTests), so
    # the reference's acceptance of this file vouches for the writer's output.
    header, data = layout([("w", "F32", [2], struct.pack("<2f", 1.0, -2.0)), ("step", "I64", [], struct.pack("<q", 7))],
                          {"epoch": "3", "note": "a \"quoted\"\nline"})
    yield "writer_golden.safetensors", (header + " " * ((8 - len(header.encode()) % 8) % 8), data)
    # Length field 80 02 00 00 00 00 00 00 begins like "pickle protocol 2" and must still load.
    header, data = layout([("w", "F32", [1], struct.pack("<f", -1.0))], {"pad": ""})
    yield "header_640_bytes.safetensors", (header.replace('"pad":""', '"pad":"' + "p" * (640 - len(header)) + '"'), data)


def clean(directory):
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):
        os.remove(os.path.join(directory, name))


def main():
    clean(MALFORMED)
    clean(VALID)
    expected = {}
    for name, rule, payload, why in malformed_cases():
        assert name not in expected, name
        assert len(payload) < SIZE_LIMIT or name in OVERSIZE_ALLOWED, (name, len(payload))
        with open(os.path.join(MALFORMED, name), "wb") as handle:
            handle.write(payload)
        expected[name] = {"rule": rule, "why": why}
    for name, size in (("claim_2pow40_elements.safetensors", 200), ("header_99mb_claim.safetensors", 200)):
        assert os.path.getsize(os.path.join(MALFORMED, name)) == size, name
    with open(os.path.join(MALFORMED, "EXPECTED.json"), "w") as handle:
        json.dump(expected, handle, indent=1, sort_keys=True)
        handle.write("\n")
    for name, (header, data) in valid_cases():
        payload = st(header, data)
        assert len(payload) < SIZE_LIMIT, name
        with open(os.path.join(VALID, name), "wb") as handle:
            handle.write(payload)
    assert open(os.path.join(VALID, "header_640_bytes.safetensors"), "rb").read(2) == b"\x80\x02"
    assert not os.path.exists(MARKER), "something unpickled the ACE payload"
    print("wrote %d malformed and %d valid fixtures" % (len(expected), len(os.listdir(VALID))))


if __name__ == "__main__":
    main()
