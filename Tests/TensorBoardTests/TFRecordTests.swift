import Testing
import RLTensorBoard

@Suite("TFRecord framing")
struct TFRecordTests {
    /// Two records, `swift-rl` and an empty one, as TensorBoard's Python `RecordWriter` frames
    /// them (`tensorboard.summary.writer.record_writer`; bytes printed by it).
    static let reference = hexBytes(
        "0800000000000000ff86240f73776966742d726c64f0d45b" + "000000000000000029039807d8ea82a2")

    @Test("records are framed byte for byte as TensorBoard's writer frames them")
    func framing() {
        var buffer: [UInt8] = []
        TFRecord.append(Array("swift-rl".utf8), to: &buffer)
        TFRecord.append([UInt8](), to: &buffer)
        #expect(buffer == Self.reference)
        #expect(buffer.count == 2 * TFRecord.overhead + 8)
    }

    @Test("records read back, each checked")
    func readsBack() throws {
        var buffer: [UInt8] = []
        let records: [[UInt8]] = [Array("first".utf8), [], (0..<300).map { UInt8($0 % 256) }]
        for record in records { TFRecord.append(record, to: &buffer) }
        let contents = try TFRecord.records(in: buffer)
        #expect(contents.records == records)
        #expect(contents.tornBytes == 0)
    }

    @Test("a torn last record is skipped and counted, wherever the bytes end")
    func tornRecord() throws {
        var buffer: [UInt8] = []
        TFRecord.append(Array("kept".utf8), to: &buffer)
        let whole = buffer.count
        TFRecord.append(Array("torn in the middle".utf8), to: &buffer)
        for end in whole ..< buffer.count {
            let contents = try TFRecord.records(in: Array(buffer[..<end]))
            #expect(contents.records == [Array("kept".utf8)])
            #expect(contents.tornBytes == end - whole)
        }
    }

    @Test("a wrong checksum of the length or of the data is an error naming the record")
    func corruption() {
        var buffer: [UInt8] = []
        TFRecord.append(Array("first".utf8), to: &buffer)
        let second = buffer.count
        TFRecord.append(Array("second".utf8), to: &buffer)
        var badLength = buffer
        badLength[second] ^= 0x01        // the length no longer matches its checksum
        #expect(throws: TensorBoardError.invalidFile("the length of the record at byte \(second) does not match its checksum")) {
            try TFRecord.records(in: badLength)
        }
        var badData = buffer
        badData[second + 12] ^= 0x80     // a bit of the data
        #expect(throws: TensorBoardError.invalidFile("the data of the record at byte \(second) does not match its checksum")) {
            try TFRecord.records(in: badData)
        }
    }
}

/// The bytes a hexadecimal string spells.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0 ..< $0 + 2], as: UTF8.self), radix: 16) }
}
