/// The TFRecord framing of event files: each record is its length, a checksum of the length,
/// the bytes, and a checksum of the bytes.
///
///     8 bytes   the length N of the data, unsigned little-endian
///     4 bytes   the masked CRC-32C of those 8 bytes, little-endian
///     N bytes   the data (here a serialized `Event`)
///     4 bytes   the masked CRC-32C of the data, little-endian
///
/// (``CRC32C/mask(_:)`` gives the masking.) Files are append-only sequences of records, so a
/// writer killed in the middle of a record leaves a readable file whose last record is torn:
/// TensorBoard's reader stops there without an error, and so does ``records(in:)``.
public enum TFRecord {
    /// The bytes of framing around each record's data: 8 + 4 before, 4 after.
    public static let overhead = 16

    /// Appends `data` to `buffer` as one record.
    public static func append<Bytes: Collection>(_ data: Bytes, to buffer: inout [UInt8]) where Bytes.Element == UInt8 {
        withUnsafeBytes(of: UInt64(data.count).littleEndian) { length in
            buffer.append(contentsOf: length)
            appendLittleEndian(CRC32C.maskedChecksum(length), to: &buffer)
        }
        buffer.append(contentsOf: data)
        appendLittleEndian(CRC32C.maskedChecksum(data), to: &buffer)
    }

    /// What ``records(in:)`` found in a file's bytes.
    public struct Contents: Equatable, Sendable {
        /// The data of each complete record, in order.
        public var records: [[UInt8]]
        /// The bytes after the last complete record: a torn record left by a writer that was
        /// killed while writing (0 for a file closed normally).
        public var tornBytes: Int
    }

    /// Splits a file's bytes into records, checking both checksums of each.
    ///
    /// A torn last record (the bytes end inside it) is not an error: its bytes are counted in
    /// ``Contents/tornBytes``, as TensorBoard's reader skips it.
    ///
    /// - Throws: ``TensorBoardError/invalidFile(_:)`` for a complete record whose length or
    ///   data does not match its checksum, naming the record's byte offset.
    public static func records(in bytes: [UInt8]) throws -> Contents {
        var records: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 12 else { break }
            let lengthBytes = bytes[offset ..< offset + 8]
            guard littleEndianUInt32(bytes, at: offset + 8) == CRC32C.maskedChecksum(lengthBytes) else {
                throw TensorBoardError.invalidFile("the length of the record at byte \(offset) does not match its checksum")
            }
            let length = littleEndianUInt64(bytes, at: offset)
            let start = offset + 12
            guard length <= UInt64(bytes.count - start), bytes.count - start - Int(length) >= 4 else { break }
            let end = start + Int(length)
            let data = Array(bytes[start ..< end])
            guard littleEndianUInt32(bytes, at: end) == CRC32C.maskedChecksum(data) else {
                throw TensorBoardError.invalidFile("the data of the record at byte \(offset) does not match its checksum")
            }
            records.append(data)
            offset = end + 4
        }
        return Contents(records: records, tornBytes: bytes.count - offset)
    }

    // MARK: - Little-endian integers

    private static func appendLittleEndian<Integer: FixedWidthInteger>(_ value: Integer, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private static func littleEndianUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }

    private static func littleEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}
