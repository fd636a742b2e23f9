/// CRC-32C (Castagnoli), the checksum of TFRecord files, and TensorFlow's masked form of it.
///
/// The polynomial is 0x1EDC6F41 (reflected: 0x82F63B78), the register starts at 0xFFFFFFFF and
/// the result is inverted, as in iSCSI (RFC 3720) and SSE 4.2's `crc32` instruction:
/// `checksum("123456789") == 0xE3069283`. Computed a byte at a time from a 256-entry table, which
/// is plenty for event files (a few bytes per value).
public enum CRC32C {
    /// The reflected Castagnoli polynomial.
    static let polynomial: UInt32 = 0x82F6_3B78

    /// What TensorFlow adds after rotating a checksum (`kMaskDelta` in `crc32c.h`).
    static let maskDelta: UInt32 = 0xA282_EAD8

    /// The remainder of every byte value, computed once.
    static let table: [UInt32] = (0..<256).map { byte in
        var remainder = UInt32(byte)
        for _ in 0..<8 {
            remainder = remainder & 1 == 1 ? (remainder >> 1) ^ polynomial : remainder >> 1
        }
        return remainder
    }

    /// The CRC-32C of `bytes`.
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        return ~crc
    }

    /// `checksum` masked as TensorFlow stores it in TFRecord files: rotated right by 15 bits,
    /// plus 0xA282EAD8 (modulo 2³²).
    ///
    /// TensorFlow masks stored checksums because the CRC of a string that itself contains CRCs
    /// is weak; readers compare masked values.
    public static func mask(_ checksum: UInt32) -> UInt32 {
        ((checksum >> 15) | (checksum << 17)) &+ maskDelta
    }

    /// The inverse of ``mask(_:)``.
    public static func unmask(_ masked: UInt32) -> UInt32 {
        let rotated = masked &- maskDelta
        return (rotated >> 17) | (rotated << 15)
    }

    /// The masked CRC-32C of `bytes`: what a TFRecord file stores.
    public static func maskedChecksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        mask(checksum(bytes))
    }
}
