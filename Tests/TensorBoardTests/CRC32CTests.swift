import Testing
import RLTensorBoard

/// CRC-32C against published vectors (RFC 3720's appendix B.4 and the usual "123456789"), and
/// the masked form against TensorBoard's own Python implementation
/// (`tensorboard.compat.tensorflow_stub.pywrap_tensorflow.masked_crc32c`, values printed by it).
@Suite("CRC-32C")
struct CRC32CTests {
    static let vectors: [(name: String, bytes: [UInt8], checksum: UInt32, masked: UInt32)] = [
        ("empty", [], 0x0000_0000, 0xA282_EAD8),
        ("123456789", Array("123456789".utf8), 0xE306_9283, 0xC78A_B0E5),
        ("32 zeros", [UInt8](repeating: 0, count: 32), 0x8A91_36AA, 0x0FD7_FFFA),
        ("32 x 0xFF", [UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43, 0xF909_B029),
        ("0 ... 31", (0..<32).map { UInt8($0) }, 0x46DD_794E, 0x951F_7892),
        ("31 ... 0", (0..<32).reversed().map { UInt8($0) }, 0x113F_DB5C, 0x593B_0D57),
        // The length field of a 24-byte record, as TFRecord checksums it.
        ("length 24", [24, 0, 0, 0, 0, 0, 0, 0], 0x4A65_BFE4, 0x224B_7FA3),
    ]

    @Test("checksums match the published vectors", arguments: 0..<vectors.count)
    func checksum(index: Int) {
        let vector = Self.vectors[index]
        #expect(CRC32C.checksum(vector.bytes) == vector.checksum, "\(vector.name)")
    }

    @Test("masked checksums match TensorBoard's", arguments: 0..<vectors.count)
    func masked(index: Int) {
        let vector = Self.vectors[index]
        #expect(CRC32C.maskedChecksum(vector.bytes) == vector.masked, "\(vector.name)")
        #expect(CRC32C.mask(vector.checksum) == vector.masked, "\(vector.name)")
        #expect(CRC32C.unmask(vector.masked) == vector.checksum, "\(vector.name)")
    }

    @Test("one changed bit changes the checksum")
    func detectsChanges() {
        var bytes = Array("brain.Event:2".utf8)
        let original = CRC32C.checksum(bytes)
        for index in bytes.indices {
            for bit in 0..<8 {
                bytes[index] ^= 1 << bit
                #expect(CRC32C.checksum(bytes) != original)
                bytes[index] ^= 1 << bit
            }
        }
    }
}
