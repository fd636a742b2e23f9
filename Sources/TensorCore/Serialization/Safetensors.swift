import Foundation

/// Reading and writing named tensors in the safetensors format (Hugging Face), so checkpoints
/// open in Python with `safetensors.numpy.load_file` or `safetensors.torch.load_file`.
///
/// The layout:
///
///     8 bytes        N, the header length, unsigned little-endian
///     N bytes        a JSON object: "__metadata__": {string: string} (optional) and, for each
///                    tensor, "name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}
///     the rest       the tensors' bytes, little-endian, at the offsets (relative to this part)
///
/// Only `F32` tensors are read and written (the tensor core's type). Files are written with
/// tensors in name order, the header padded with spaces to a multiple of 8 bytes (as the
/// Python package does), through a temporary file renamed into place, so a crash never leaves
/// a half-written checkpoint under the real name.
public enum Safetensors {
    /// What a safetensors file holds.
    public struct Contents: Equatable {
        /// The tensors by name.
        public var tensors: [String: Tensor]
        /// The header's `__metadata__` strings (configuration, environment id, ...).
        public var metadata: [String: String]

        public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
            self.tensors = tensors
            self.metadata = metadata
        }
    }

    /// The largest header this reader accepts (the Python package's limit).
    static let maximumHeaderLength = 100_000_000

    // MARK: - Writing

    /// Encodes tensors and metadata as safetensors bytes.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` for a tensor named `__metadata__` or an
    ///   empty name.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) throws -> Data {
        var header = "{"
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        let sorted = tensors.sorted { $0.key < $1.key }
        for (name, tensor) in sorted {
            guard !name.isEmpty, name != "__metadata__" else {
                throw TensorError.invalidArgument("a safetensors tensor cannot be named '\(name)'")
            }
            let size = tensor.scalarCount * MemoryLayout<Float>.size
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        header += entries.joined(separator: ",") + "}"
        var headerBytes = Data(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

        var data = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(headerBytes)
        for (_, tensor) in sorted {
            tensor.withUnsafeScalars { values in
                for value in values {
                    withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
                }
            }
        }
        return data
    }

    /// Writes tensors and metadata to `url` atomically (see ``AtomicFile``): the bytes go to a
    /// temporary file in the same folder, which is then renamed over `url`.
    ///
    /// - Throws: ``TensorError/invalidFile(_:)`` when the folder is not writable or `url` is not
    ///   a regular file, and the errors of ``encode(_:metadata:)``.
    public static func save(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws {
        let data = try encode(tensors, metadata: metadata)
        try AtomicFile.write(data, to: url)
    }

    // MARK: - Reading

    /// Reads a safetensors file.
    ///
    /// Only regular files are read (a device or a pipe could be endless), and the file is read
    /// once, so what is allocated is bounded by its size: every tensor's bytes must lie within it.
    ///
    /// - Throws: ``TensorError/invalidFile(_:)`` naming the file and the problem: missing or
    ///   unreadable, not a regular file, truncated, a header that is not JSON or lies about
    ///   sizes or offsets (outside the data, overlapping, leaving holes, not matching the shape,
    ///   a shape whose size overflows), or a dtype other than `F32`.
    public static func load(from url: URL) throws -> Contents {
        let data = try readRegularFile(url)
        do {
            return try decode(data)
        } catch TensorError.invalidFile(let reason) {
            throw TensorError.invalidFile("\(url.path) is not a valid safetensors file: \(reason)")
        }
    }

    /// The bytes of the regular file at `url`.
    ///
    /// - Throws: ``TensorError/invalidFile(_:)`` when it is missing, not a regular file or
    ///   cannot be read.
    static func readRegularFile(_ url: URL) throws -> Data {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw TensorError.invalidFile("\(url.path) \(reason)")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            let kind = attributes[.type] as? FileAttributeType == .typeDirectory ? "a folder" : "not a regular file"
            throw TensorError.invalidFile("\(url.path) is \(kind)")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw TensorError.invalidFile("\(url.path) cannot be read")
        }
    }

    /// Decodes safetensors bytes; see ``load(from:)`` for what is checked.
    public static func decode(_ data: Data) throws -> Contents {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in try decode(bytes) }
    }

    /// Decodes safetensors bytes in memory.
    private static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Contents {
        guard bytes.count >= 8 else {
            throw TensorError.invalidFile("it is \(bytes.count) bytes long, shorter than the 8-byte header length")
        }
        let length = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard length <= UInt64(maximumHeaderLength), Int(length) <= bytes.count - 8 else {
            throw TensorError.invalidFile("the header claims \(length) bytes but the file has \(bytes.count - 8) after the length")
        }
        let headerEnd = 8 + Int(length)
        let headerObject: Any
        do {
            headerObject = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
        } catch {
            throw TensorError.invalidFile("the header is not valid JSON")
        }
        guard let header = headerObject as? [String: Any] else {
            throw TensorError.invalidFile("the header is not a JSON object")
        }
        let dataLength = bytes.count - headerEnd

        var metadata: [String: String] = [:]
        if let rawMetadata = header["__metadata__"] {
            guard let values = rawMetadata as? [String: Any] else {
                throw TensorError.invalidFile("__metadata__ is not an object")
            }
            for (key, value) in values {
                guard let string = value as? String else {
                    throw TensorError.invalidFile("__metadata__ value for '\(key)' is not a string")
                }
                metadata[key] = string
            }
        }

        var tensors: [String: Tensor] = [:]
        var ranges: [(name: String, range: Range<Int>)] = []
        for (name, rawEntry) in header where name != "__metadata__" {
            guard let entry = rawEntry as? [String: Any] else {
                throw TensorError.invalidFile("the entry for tensor '\(name)' is not an object")
            }
            guard let dtype = entry["dtype"] as? String else {
                throw TensorError.invalidFile("tensor '\(name)' has no dtype")
            }
            guard dtype == "F32" else {
                throw TensorError.invalidFile("tensor '\(name)' has dtype \(dtype); only F32 is supported")
            }
            guard let shape = integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw TensorError.invalidFile("tensor '\(name)' has no valid shape")
            }
            guard let offsets = integers(entry["data_offsets"]), offsets.count == 2,
                  offsets[0] >= 0, offsets[0] <= offsets[1]
            else {
                throw TensorError.invalidFile("tensor '\(name)' has no valid data_offsets")
            }
            guard offsets[1] <= dataLength else {
                throw TensorError.invalidFile(
                    "tensor '\(name)' ends at byte \(offsets[1]) but the data section has \(dataLength) bytes (truncated?)")
            }
            // The size in bytes, checked for overflow: a dimension of 2^62 must not wrap around.
            guard let count = elementCount(of: shape), count <= (offsets[1] - offsets[0]) / 4,
                  count * 4 == offsets[1] - offsets[0] else {
                let needs = elementCount(of: shape).flatMap { $0 <= Int.max / 4 ? "\($0 * 4) bytes" : nil } ?? "more bytes than a file can hold"
                throw TensorError.invalidFile(
                    "tensor '\(name)' of shape \(describe(shape: shape)) needs \(needs) but its offsets span \(offsets[1] - offsets[0])")
            }
            let start = headerEnd + offsets[0]
            // Little-endian in the file; `littleEndian` turns each word into the host's order.
            let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let bits = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start + index * 4, as: UInt32.self))
                    buffer[index] = Float(bitPattern: bits)
                }
                initialized = count
            }
            tensors[name] = Tensor(uncheckedShape: shape, scalars: scalars)
            ranges.append((name, offsets[0]..<offsets[1]))
        }

        // The data section must be covered exactly: no overlaps, no holes, nothing after.
        ranges.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var covered = 0
        for (name, range) in ranges {
            guard range.lowerBound == covered else {
                throw TensorError.invalidFile(
                    range.lowerBound < covered
                        ? "tensor '\(name)' overlaps another tensor's bytes"
                        : "bytes \(covered)..<\(range.lowerBound) belong to no tensor")
            }
            covered = range.upperBound
        }
        guard covered == dataLength else {
            throw TensorError.invalidFile("the data section has \(dataLength) bytes but the tensors cover \(covered)")
        }
        return Contents(tensors: tensors, metadata: metadata)
    }

    /// The product of a shape's dimensions, or `nil` when it overflows `Int`.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// An array of non-negative integers from a JSON value, or nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        for element in array {
            // JSONSerialization reports booleans as numbers of Objective-C type "c"; refuse them.
            guard let number = element as? NSNumber, String(cString: number.objCType) != "c",
                  let integer = element as? Int
            else { return nil }
            result.append(integer)
        }
        return result
    }

    /// `value` as a JSON string literal.
    static func jsonString(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += String(format: "\\u%04x", scalar.value)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
