#!/usr/bin/env python3
"""Writes the dataset-reader fixtures under Tests/Fixtures/data (stdlib only, deterministic).

    python3 Tests/Fixtures/data/make_data_fixtures.py [--shared ../shared/data]

valid/      small well-formed IDX (raw, gzip, multi-member gzip) and CSV files, plus the first
            20 rows of digits.csv and the first 50 of sms_spam.csv (real bytes)
mnist/      the first 20 MNIST test images and labels as gzip IDX (header count set to 20),
            with SAMPLE.json (labels, per-image pixel sums, SHA-256 of the pixels)
malformed/  one tiny file per rule; malformed/EXPECTED.json gives, per file, the reader to
            use, its options, the DatasetErrorKind and the location the error must name
            ("line 3", "line 2, column 4", "byte 16", "byte 26 of the decompressed data"),
            or only "where" when the offset is zlib's to choose.

The real-data samples are read from ../shared/data at generation time only; when it is
missing, the existing samples are kept. Rerunning the script rewrites identical bytes.
"""
import argparse
import gzip
import hashlib
import json
import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def idx_images(count: int, rows: int, cols: int, payload: bytes, dtype: int = 0x08, ndims: int = 3) -> bytes:
    return bytes([0, 0, dtype, ndims]) + struct.pack(">III", count, rows, cols) + payload


def idx_labels(count: int, payload: bytes) -> bytes:
    return bytes([0, 0, 0x08, 0x01]) + struct.pack(">I", count) + payload


def pixels(count: int, rows: int, cols: int) -> bytes:
    return bytes((17 * k + 3) % 256 for k in range(count * rows * cols))


VALID_IMAGES = idx_images(5, 3, 4, pixels(5, 3, 4))
VALID_LABELS = idx_labels(5, bytes([2, 0, 1, 2, 1]))


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def make_valid(shared: Path) -> None:
    v = HERE / "valid"
    write(v / "images.idx", VALID_IMAGES)
    write(v / "images.idx.gz", gz(VALID_IMAGES))
    write(v / "labels.idx", VALID_LABELS)
    write(v / "labels.idx.gz", gz(VALID_LABELS))
    write(v / "images_multimember.idx.gz", gz(VALID_IMAGES[:30]) + gz(VALID_IMAGES[30:]))
    write(v / "images_gzip_without_gz_name.idx", gz(VALID_IMAGES))
    write(v / "numeric_noheader.csv", b"3,0.5,1e-3\n7,-2,+4.25\n3,0,0\n")
    write(v / "numeric_rfc.csv",
          b'\xef\xbb\xbfname,"x ""1""",y\r\n"cat, big",1,2\r\n"dog",3,"4"\r\ncat, 5 ,6\r\n\r\n')
    write(v / "integer_labels.csv", b"label,a\n10,1\n9,2\n2,3\n10,4\n")
    write(v / "label_last.csv", b"a,b,target\n1,2,x\n3,4,y\n5,6,x\n")
    write(v / "text.csv",
          b'label,text\r\nham,"Hello, world"\r\nspam,"He said ""win"" now"\r\n'
          b'ham,"line one\nline two"\r\nspam,\r\n')
    digits = shared / "digits" / "digits.csv"
    if digits.exists():
        lines = digits.read_bytes().split(b"\n")
        write(v / "digits_first20.csv", b"\n".join(lines[:21]) + b"\n")
    sms = shared / "sms-spam" / "sms_spam.csv"
    if sms.exists():
        lines = sms.read_bytes().split(b"\n")
        write(v / "sms_first50.csv", b"\n".join(lines[:51]) + b"\n")


def make_mnist(shared: Path) -> None:
    source = shared / "mnist"
    images_path = source / "t10k-images-idx3-ubyte.gz"
    labels_path = source / "t10k-labels-idx1-ubyte.gz"
    if not images_path.exists():
        print("no MNIST at", source, "- keeping the existing sample")
        return
    n = 20
    with gzip.open(images_path) as f:
        header = f.read(16)
        data = f.read(n * 28 * 28)
    with gzip.open(labels_path) as f:
        f.read(8)
        labels = f.read(n)
    assert header[:4] == b"\x00\x00\x08\x03" and len(data) == n * 784 and len(labels) == n
    out = HERE / "mnist"
    write(out / "t10k-images-first20.idx.gz", gz(idx_images(n, 28, 28, data)))
    write(out / "t10k-labels-first20.idx.gz", gz(idx_labels(n, labels)))
    sample = {
        "count": n,
        "labels": list(labels),
        "pixel_sums": [sum(data[i * 784:(i + 1) * 784]) for i in range(n)],
        "pixels_sha256": hashlib.sha256(data).hexdigest(),
    }
    (out / "SAMPLE.json").write_text(json.dumps(sample, indent=1) + "\n")


# --- malformed corpus -------------------------------------------------------------------------

CASES: dict = {}


def case(name: str, data: bytes, reader: str, kind: str, location: str | None = None,
         where: str | None = None, **extra) -> None:
    entry = {"reader": reader, "kind": kind}
    if location is not None:
        entry["location"] = location
    else:
        entry["where"] = where
    entry.update(extra)
    CASES[name] = (entry, data)


def csv_cases() -> None:
    n = "numeric"
    case("csv/empty.csv", b"", n, "emptyFile", "byte 0")
    case("csv/only_blank_lines.csv", b"\n\n\n", n, "emptyFile", "byte 0")
    case("csv/bom_only.csv", b"\xef\xbb\xbf", n, "emptyFile", "byte 0")
    case("csv/header_only.csv", b"label,a,b\n", n, "noRows", "line 2")
    case("csv/ragged_short.csv", b"label,a,b\n0,1,2\n1,3\n2,5,6\n", n, "raggedRow", "line 3")
    case("csv/ragged_long.csv", b"0,1,2\n1,3,4,5\n", n, "raggedRow", "line 2")
    case("csv/ragged_against_header.csv", b"label,a,b,c\n0,1,2\n", n, "raggedRow", "line 2")
    case("csv/ragged_after_multiline_label.csv", b'label,a\n"multi\nline",1\nx,2,3\n', n, "raggedRow", "line 4")
    case("csv/ragged_crlf.csv", b"label,a,b\r\n0,1,2\r\n1,2\r\n", n, "raggedRow", "line 3")
    case("csv/trailing_comma.csv", b"label,a,b\n0,1,2,\n", n, "raggedRow", "line 2")
    case("csv/non_numeric.csv", b"label,a,b\n0,1,2\n1,x,3\n", n, "nonNumeric", "line 3, column 2")
    case("csv/non_numeric_hex.csv", b"label,a,b\n0,0x10,1\n", n, "nonNumeric", "line 2, column 2")
    case("csv/non_numeric_decimal_comma.csv", b'label,a\n0,"1,5"\n', n, "nonNumeric", "line 2, column 2")
    case("csv/non_numeric_quoted_word.csv", b'label,a,b\n0,"abc",1\n', n, "nonNumeric", "line 2, column 2")
    case("csv/non_numeric_nul.csv", b"label,a\n0,1\x002\n", n, "nonNumeric", "line 2, column 2")
    case("csv/non_numeric_two_dots.csv", b"label,a\n0,1.2.3\n", n, "nonNumeric", "line 2, column 2")
    case("csv/empty_feature.csv", b"label,a,b\n0,1,\n", n, "nonNumeric", "line 2, column 3")
    case("csv/empty_feature_first_row.csv", b"0,,1\n1,2,3\n", n, "nonNumeric", "line 1, column 2")
    case("csv/nan_feature.csv", b"label,a\n0,NaN\n", n, "nonFinite", "line 2, column 2")
    case("csv/inf_feature.csv", b"label,a\n0,-inf\n", n, "nonFinite", "line 2, column 2")
    case("csv/overflow_double.csv", b"label,a\n0,1e999\n", n, "nonFinite", "line 2, column 2")
    case("csv/overflow_float32.csv", b"label,a\n0,4e38\n", n, "nonFinite", "line 2, column 2")
    case("csv/empty_label.csv", b"label,a\n,1\n", n, "emptyLabel", "line 2, column 1")
    case("csv/blank_label.csv", b"label,a\n  ,1\n", n, "emptyLabel", "line 2, column 1")
    case("csv/label_column_missing.csv", b"class,a,b\n0,1,2\n", n, "missingColumn", "line 1",
         options={"labelColumn": "label"})
    case("csv/label_named_without_header.csv", b"0,1,2\n", n, "missingColumn", "line 1",
         options={"labelColumn": "label", "header": "absent"})
    case("csv/duplicate_label_column.csv", b"label,a,Label\n0,1,2\n", n, "duplicateColumn", "line 1, column 3",
         options={"labelColumn": "label"})
    case("csv/single_column.csv", b"label\n0\n1\n", n, "noFeatureColumns", "line 1")
    case("csv/semicolon_separated.csv", b"label;a;b\n0;1;2\n", n, "noFeatureColumns", "line 1")
    case("csv/unterminated_quote.csv", b'label,a\n0,1\n"1,2\n3,4\n', n, "unterminatedQuote", "line 3, column 1")
    case("csv/stray_quote.csv", b'label,a\n0,1"2\n', n, "strayQuote", "line 2, column 2")
    case("csv/stray_quote_in_header.csv", b'lab"el,a\n0,1\n', n, "strayQuote", "line 1, column 1")
    case("csv/text_after_quote.csv", b'label,a\n"0"x,1\n', n, "textAfterQuote", "line 2, column 1")
    case("csv/field_too_long.csv", b"label,a\n0,11111111111111111111\n", n, "fieldTooLong", "line 2, column 2",
         options={"maxFieldBytes": 16})
    case("csv/quoted_field_too_long.csv", b'label,a\n"0123456789abcdefgh",1\n', n, "fieldTooLong",
         "line 2, column 1", options={"maxFieldBytes": 16})
    case("csv/unclosed_quote_swallows_file.csv", b'label,a\n0,"abc\n' + b"1,2\n" * 20, n, "fieldTooLong",
         "line 2, column 2", options={"maxFieldBytes": 32})
    case("csv/too_many_columns.csv", b"0,1,2,3,4,5,6,7,8,9\n", n, "tooManyColumns", "line 1, column 9",
         options={"maxColumns": 8})
    case("csv/too_many_columns_later_row.csv", b"l,a,b\n0,1,2\n0,1,2,3,4,5\n", n, "tooManyColumns",
         "line 3, column 5", options={"maxColumns": 4})
    bad = b"label,a\n0,1\n\xff,2\n"
    case("csv/invalid_utf8.csv", bad, n, "invalidUTF8", "byte %d" % bad.index(b"\xff"))
    case("csv/invalid_utf8_overlong.csv", b"label,a\n\xc0\xaf,1\n", n, "invalidUTF8", "byte 8")
    case("csv/invalid_utf8_surrogate.csv", b"label,a\n\xed\xa0\x80,1\n", n, "invalidUTF8", "byte 8")
    case("csv/invalid_utf8_cut_sequence.csv", b"label,a\n0,1\n1,\xe2\x82", n, "invalidUTF8", "byte 14")
    case("csv/utf16.csv", "label,a\n0,1\n".encode("utf-16"), n, "invalidUTF8", "byte 0")
    latin = b"label,a\ncaf\xe9,1\n"
    case("csv/latin1_label.csv", latin, n, "invalidUTF8", "byte %d" % latin.index(b"\xe9"))
    case("csv/blank_line_middle.csv", b"label,a\n0,1\n\n1,2\n", n, "blankLine", "line 3")
    case("csv/blank_line_middle_crlf.csv", b"label,a\r\n0,1\r\n\r\n1,2\r\n", n, "blankLine", "line 3")
    case("csv/shape_mismatch.csv", b"label," + b",".join(b"p%d" % i for i in range(8)) + b"\n0" + b",1" * 8 + b"\n",
         n, "shapeMismatch", "line 1", options={"featureShape": [1, 3, 3]})
    case("csv/unknown_label.csv", b"label,a\ncat,1\nbird,2\n", n, "unknownLabel", "line 3, column 1",
         options={"classNames": ["cat", "dog"]})

    t = "text"
    case("csv/text_missing_text_column.csv", b"label,message\nham,hi\n", t, "missingColumn", "line 1")
    case("csv/text_missing_label_column.csv", b"category,text\nham,hi\n", t, "missingColumn", "line 1")
    case("csv/text_duplicate_text_column.csv", b"label,text,TEXT\nham,a,b\n", t, "duplicateColumn", "line 1, column 3")
    case("csv/text_ragged.csv", b'label,text\nham,"hi, there"\nspam,win,now\n', t, "raggedRow", "line 3")
    case("csv/text_unterminated_quote.csv", b'label,text\nham,"hello\nworld\n', t, "unterminatedQuote",
         "line 2, column 2")
    case("csv/text_after_multiline_quote.csv", b'label,text\nham,"a\nb"c\n', t, "textAfterQuote", "line 3, column 2")
    case("csv/text_empty_label.csv", b'label,text\n,"hi"\n', t, "emptyLabel", "line 2, column 1")
    case("csv/text_empty.csv", b"", t, "emptyFile", "byte 0")
    case("csv/text_header_only.csv", b"label,text\r\n", t, "noRows", "line 2")
    latin_text = b'label,text\nham,"caf\xe9"\n'
    case("csv/text_invalid_utf8.csv", latin_text, t, "invalidUTF8", "byte %d" % latin_text.index(b"\xe9"))
    case("csv/text_field_too_long.csv", b'label,text\nham,"' + b"a" * 40 + b'"\n', t, "fieldTooLong",
         "line 2, column 2", options={"maxFieldBytes": 32})
    case("csv/text_stray_quote.csv", b'label,text\nham,say "hi"\n', t, "strayQuote", "line 2, column 2")
    case("csv/text_blank_line_middle.csv", b"label,text\nham,a\n\nspam,b\n", t, "blankLine", "line 3")
    case("csv/text_unknown_label.csv", b"label,text\nham,a\neggs,b\n", t, "unknownLabel", "line 3, column 1",
         options={"classNames": ["ham", "spam"]})
    case("csv/text_no_header_one_column.csv", b"hello\nworld\n", t, "missingColumn", "line 1",
         options={"header": "absent"})


def idx_cases() -> None:
    im, lb = "images", "labels"
    payload = pixels(3, 2, 3)
    good = idx_images(3, 2, 3, payload)
    case("idx/empty.idx", b"", im, "idxTooShort", "byte 0")
    case("idx/short_magic.idx", b"\x00\x00\x08", im, "idxTooShort", "byte 3")
    case("idx/text_file.idx", b"hello, this is not IDX\n", im, "idxBadMagic", "byte 0")
    case("idx/zip_file.idx", b"PK\x03\x04" + bytes(26), im, "idxBadMagic", "byte 0")
    case("idx/dtype_float32.idx", idx_images(3, 2, 3, bytes(72), dtype=0x0D), im, "idxUnsupportedDType", "byte 2")
    case("idx/dtype_unknown.idx", idx_images(3, 2, 3, payload, dtype=0x07), im, "idxUnsupportedDType", "byte 2")
    case("idx/labels_read_as_images.idx", VALID_LABELS, im, "idxWrongKind", "byte 3")
    case("idx/images_read_as_labels.idx", VALID_IMAGES, lb, "idxWrongKind", "byte 3")
    case("idx/four_dimensions.idx", bytes([0, 0, 8, 4]) + struct.pack(">IIII", 1, 2, 3, 1) + bytes(6),
         im, "idxDimensionCount", "byte 3")
    case("idx/zero_dimensions.idx", bytes([0, 0, 8, 0]), im, "idxDimensionCount", "byte 3")
    case("idx/header_truncated.idx", bytes([0, 0, 8, 3]) + struct.pack(">II", 3, 2), im, "idxTooShort", "byte 12")
    case("idx/zero_count.idx", idx_images(0, 2, 3, b""), im, "idxZeroDimension", "byte 4")
    case("idx/zero_columns.idx", idx_images(3, 2, 0, b""), im, "idxZeroDimension", "byte 12")
    case("idx/huge_100k_by_100k.idx", idx_images(100_000, 100_000, 100_000, bytes(84)), im,
         "idxDimensionTooLarge", "byte 8")
    case("idx/huge_count.idx", idx_images(0xFFFFFFFF, 28, 28, bytes(84)), im, "idxDimensionTooLarge", "byte 4")
    case("idx/claims_4gb_in_100_bytes.idx", idx_images(5_000_000, 28, 28, bytes(84)), im, "idxTruncated", "byte 100")
    case("idx/payload_truncated.idx", good[:26], im, "idxTruncated", "byte 26")
    case("idx/trailing_garbage.idx", good + b"JUNK", im, "idxTrailingBytes", "byte 34")
    case("idx/labels_truncated.idx", idx_labels(5, bytes([1, 2, 3])), lb, "idxTruncated", "byte 11")
    case("idx/labels_trailing.idx", idx_labels(5, bytes(7)), lb, "idxTrailingBytes", "byte 13")

    zipped = gz(good)
    case("idx/gz_truncated.idx.gz", zipped[: len(zipped) // 2], im, "gzipTruncated", where="byte")
    case("idx/gz_cut_in_trailer.idx.gz", zipped[:-3], im, "gzipTruncated", where="byte")
    crc = bytearray(zipped)
    crc[-8] ^= 0xFF
    case("idx/gz_bad_crc.idx.gz", bytes(crc), im, "gzipChecksum", where="byte")
    size = bytearray(zipped)
    size[-4] ^= 0x01
    case("idx/gz_bad_length.idx.gz", bytes(size), im, "gzipLength", where="byte")
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    case("idx/gz_invalid_block_type.idx.gz", header + b"\x07" + bytes(12), im, "gzipCorrupt", where="byte")
    case("idx/gz_unknown_method.idx.gz", b"\x1f\x8b\x07" + zipped[3:], im, "gzipCorrupt", where="byte")
    case("idx/gz_reserved_flags.idx.gz", b"\x1f\x8b\x08\xe0" + zipped[4:], im, "gzipCorrupt", where="byte")
    case("idx/gz_only_magic.idx.gz", b"\x1f\x8b", im, "gzipTruncated", where="byte")
    case("idx/gz_trailing_garbage.idx.gz", zipped + b"GARBAGE", im, "gzipTrailingBytes", f"byte {len(zipped)}")
    case("idx/gz_bad_second_member.idx.gz", zipped + b"\x1f\x00\x00\x00", im, "gzipCorrupt", where="byte")
    case("idx/gz_payload_truncated.idx.gz", gz(good[:26]), im, "idxTruncated", "byte 26 of the decompressed data")
    case("idx/gz_trailing_idx_bytes.idx.gz", gz(good + b"JUNK"), im, "idxTrailingBytes",
         "byte 34 of the decompressed data")
    case("idx/gz_empty_content.idx.gz", gz(b""), im, "idxTooShort", "byte 0 of the decompressed data")
    case("idx/gz_compressed_twice.idx.gz", gz(zipped), im, "idxBadMagic", "byte 0 of the decompressed data")
    case("idx/gz_claims_4gb.idx.gz", gz(idx_images(5_000_000, 28, 28, bytes(84))), im, "idxTruncated",
         "byte 100 of the decompressed data")
    case("idx/pair_fewer_images.idx", idx_images(4, 3, 4, pixels(4, 3, 4)), "pair", "countMismatch", "byte 4",
         role="images", companion="valid/labels.idx")
    case("idx/pair_label_out_of_range.idx", idx_labels(5, bytes([2, 0, 7, 2, 1])), "pair", "labelOutOfRange",
         "byte 10", role="labels", companion="valid/images.idx", options={"classNames": ["a", "b", "c"]})


def make_malformed() -> None:
    root = HERE / "malformed"
    for sub in ("csv", "idx"):
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
    csv_cases()
    idx_cases()
    for name, (_, data) in CASES.items():
        write(root / name, data)
    manifest = {name: entry for name, (entry, _) in sorted(CASES.items())}
    (root / "EXPECTED.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    counts = {sub: sum(1 for n in CASES if n.startswith(sub + "/")) for sub in ("csv", "idx")}
    print("malformed cases:", counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parents[3] / "shared" / "data",
                        help="the shared data folder (default: ../shared/data next to the repository)")
    args = parser.parse_args()
    make_valid(args.shared)
    make_mnist(args.shared)
    make_malformed()


if __name__ == "__main__":
    main()
