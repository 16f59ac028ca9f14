/// Splits a growing TFRecord file into records, as bytes arrive. Each record is
///
///     u64 length (little-endian) · u32 masked CRC-32C of those 8 bytes ·
///     length bytes of data · u32 masked CRC-32C of the data
///
/// An incomplete record at the end is held back (reported as pending) and framed when the
/// rest arrives. A record whose data checksum fails is skipped with a warning; the length
/// was verified, so the next record is still found. A failed length checksum leaves no
/// trustworthy way to find the next record: framing stops for this file until it is
/// truncated or replaced. Records larger than `maximumRecord` (images, graphs — never
/// scalars) are skipped as they stream past, so memory stays bounded.
struct TFRecordFramer: Equatable, Sendable {
    static let maximumRecord = 16 << 20
    static let headerSize = 12

    /// Bytes of an incomplete record, carried to the next `feed`.
    private var carry: [UInt8] = []
    /// File offset of the first byte not yet framed (the start of `carry`).
    private(set) var offset = 0
    /// Bytes of an oversized record (and its checksum) still to skip.
    private var skipping = 0
    /// Set once a length checksum failed; nothing more is framed.
    private(set) var stopped = false

    /// Frames `chunk` (the file's next bytes) and calls `record` with each complete record's
    /// data and its file offset. Problems go to `notes`, which the callback must not touch:
    /// it gets its own (see `EventFileDecoder`).
    mutating func feed(_ chunk: ArraySlice<UInt8>, notes: inout FileNotes,
                       record: (ArraySlice<UInt8>, Int) -> Void) {
        guard !stopped else { return }
        var data = chunk
        if !carry.isEmpty {
            carry.append(contentsOf: chunk)
            data = carry[...]
        }
        var position = data.startIndex
        while position < data.endIndex {
            if skipping > 0 {
                let n = Swift.min(skipping, data.endIndex - position)
                skipping -= n
                position += n
                offset += n
                continue
            }
            guard data.endIndex - position >= Self.headerSize else { break }
            let lengthBytes = data[position..<(position + 8)]
            let length = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard Self.checksumMatches(lengthBytes, data[(position + 8)..<(position + 12)]) else {
                stopped = true
                notes.warn("length-crc", "record at byte \(offset): its length fails the checksum; the rest of the file cannot be read")
                break
            }
            guard length <= UInt64(Self.maximumRecord) else {
                guard length < UInt64(Int.max / 2) else {
                    stopped = true
                    notes.warn("length-crc", "record at byte \(offset) claims \(length) bytes; the rest of the file cannot be read")
                    break
                }
                notes.warn("oversized", "record at byte \(offset) has \(length) bytes; skipped (scalars are never this large)")
                skipping = Int(length) + 4
                position += Self.headerSize
                offset += Self.headerSize
                continue
            }
            let total = Self.headerSize + Int(length) + 4
            guard data.endIndex - position >= total else { break }
            let payload = data[(position + Self.headerSize)..<(position + Self.headerSize + Int(length))]
            if Self.checksumMatches(payload, data[payload.endIndex..<(payload.endIndex + 4)]) {
                record(payload, offset)
            } else {
                notes.warn("data-crc", "record at byte \(offset): its data fails the checksum; record skipped")
            }
            position += total
            offset += total
        }
        carry = stopped ? [] : Array(data[position...])
        notes.pending = carry.isEmpty ? nil : "half-written record at byte \(offset) (\(carry.count) bytes so far)"
    }

    /// True when `stored` (4 bytes, little-endian) is the masked CRC-32C of `bytes`.
    static func checksumMatches(_ bytes: ArraySlice<UInt8>, _ stored: ArraySlice<UInt8>) -> Bool {
        let expected = stored.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return CRC32C.masked(CRC32C.checksum(bytes)) == expected
    }
}
