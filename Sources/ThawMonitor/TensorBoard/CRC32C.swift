/// CRC-32C (Castagnoli), the checksum of TFRecord framing, computed with a 256-entry table
/// (one lookup per byte). TFRecord stores it "masked" — rotated and offset — because a CRC
/// over data that itself contains CRCs is weak.
public enum CRC32C {
    /// The reflected Castagnoli polynomial 0x1EDC6F41.
    static let polynomial: UInt32 = 0x82F6_3B78

    static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
        return crc
    }

    /// The CRC-32C of `bytes`: initial value and final xor 0xFFFFFFFF.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// TFRecord's mask: `((crc >> 15) | (crc << 17)) + 0xa282ead8`, modulo 2³².
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}
