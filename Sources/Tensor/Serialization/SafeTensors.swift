import Foundation

/// The safetensors file format (Hugging Face; <https://github.com/huggingface/safetensors>), which
/// PyTorch, NumPy, JAX and Rust read with `safetensors.torch.load_file`,
/// `safetensors.numpy.load_file` and friends:
///
///     8 bytes   N, the header length, unsigned little-endian
///     N bytes   a UTF-8 JSON object: {"NAME": {"dtype": "F32", "shape": [2, 3],
///               "data_offsets": [BEGIN, END]}, ..., "__metadata__": {"key": "value"}},
///               padded with spaces so the data starts on an 8-byte boundary
///     the data  each tensor's little-endian, row-major bytes at [BEGIN, END) of this part,
///               tensors back to back, no gaps
///
/// ``encode(_:metadata:)`` writes tensors in the order given (names must be unique) and header
/// keys sorted, so the same entries give the same bytes. ``decode(_:)`` checks everything the
/// format requires (header length, JSON, known dtype, offsets that match the shape and cover the
/// data exactly) and says what is wrong. Only what this project needs is supported: `F32`, `F64`,
/// `I64`, `I32`.
public enum SafeTensors {
    public enum DType: String, Sendable, CaseIterable {
        case f32 = "F32", f64 = "F64", i64 = "I64", i32 = "I32"

        public var size: Int {
            switch self {
            case .f32, .i32: return 4
            case .f64, .i64: return 8
            }
        }
    }

    /// One named tensor: its dtype, shape and raw little-endian bytes.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var dtype: DType
        public var shape: [Int]
        public var bytes: [UInt8]

        public init(name: String, dtype: DType, shape: [Int], bytes: [UInt8]) {
            self.name = name
            self.dtype = dtype
            self.shape = shape
            self.bytes = bytes
        }

        /// A Float32 tensor.
        public init(name: String, shape: [Int], floats: [Float]) {
            precondition(floats.count == shape.reduce(1, *), "SafeTensors.Entry: \(floats.count) values for shape \(shape)")
            var bytes = [UInt8]()
            bytes.reserveCapacity(floats.count * 4)
            for v in floats { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
            self.init(name: name, dtype: .f32, shape: shape, bytes: bytes)
        }

        /// A tensor of ``Scalar``s, as it is held: `F32` in the Float32 build (the bytes of
        /// ``init(name:shape:floats:)``), `F64` in the Float64 build.
        public init(name: String, shape: [Int], scalars: [Scalar]) {
            #if TENSOR_FLOAT64
            precondition(scalars.count == shape.reduce(1, *), "SafeTensors.Entry: \(scalars.count) values for shape \(shape)")
            var bytes = [UInt8]()
            bytes.reserveCapacity(scalars.count * 8)
            for v in scalars { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
            self.init(name: name, dtype: .f64, shape: shape, bytes: bytes)
            #else
            self.init(name: name, shape: shape, floats: scalars)
            #endif
        }

        /// An Int64 tensor.
        public init(name: String, shape: [Int], integers: [Int64]) {
            precondition(integers.count == shape.reduce(1, *), "SafeTensors.Entry: \(integers.count) values for shape \(shape)")
            var bytes = [UInt8]()
            bytes.reserveCapacity(integers.count * 8)
            for v in integers { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
            self.init(name: name, dtype: .i64, shape: shape, bytes: bytes)
        }

        public var count: Int { shape.reduce(1, *) }

        /// The values as Float32 (`F64` rounded to nearest; integers converted), in row-major order.
        public var floats: [Float] {
            switch dtype {
            case .f32: return (0..<count).map { Float(bitPattern: UInt32(littleEndianBytes: bytes, at: $0 * 4)) }
            case .f64: return (0..<count).map { Float(Double(bitPattern: UInt64(littleEndianBytes: bytes, at: $0 * 8))) }
            case .i64: return integers.map { Float($0) }
            case .i32: return (0..<count).map { Float(Int32(bitPattern: UInt32(littleEndianBytes: bytes, at: $0 * 4))) }
            }
        }

        /// The values as ``Scalar``s: ``floats`` in the Float32 build; in the Float64 build `F64`
        /// values exactly, `F32` ones widened (also exact) and integers converted.
        public var scalars: [Scalar] {
            #if TENSOR_FLOAT64
            switch dtype {
            case .f64: return (0..<count).map { Double(bitPattern: UInt64(littleEndianBytes: bytes, at: $0 * 8)) }
            case .f32: return floats.map(Double.init)
            case .i64, .i32: return integers.map { Double($0) }
            }
            #else
            return floats
            #endif
        }

        /// The values as Int64 (floating-point values truncated toward zero).
        public var integers: [Int64] {
            switch dtype {
            case .i64: return (0..<count).map { Int64(bitPattern: UInt64(littleEndianBytes: bytes, at: $0 * 8)) }
            case .i32: return (0..<count).map { Int64(Int32(bitPattern: UInt32(littleEndianBytes: bytes, at: $0 * 4))) }
            case .f32, .f64: return floats.map { $0.isFinite ? Int64($0) : 0 }
            }
        }
    }

    /// What is wrong with a safetensors file, or with entries given to ``encode(_:metadata:)``.
    public struct FormatError: Error, CustomStringConvertible, Sendable, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The file's bytes for `entries` (in that order) and string `metadata`.
    public static func encode(_ entries: [Entry], metadata: [String: String] = [:]) throws(FormatError) -> [UInt8] {
        var names = Set<String>()
        var header: [String] = []
        var offset = 0
        var described: [(String, String)] = []
        for entry in entries {
            guard names.insert(entry.name).inserted else { throw FormatError("duplicate tensor name '\(entry.name)'") }
            guard entry.name != "__metadata__" else { throw FormatError("'__metadata__' cannot name a tensor") }
            guard entry.shape.allSatisfy({ $0 >= 0 }), entry.bytes.count == entry.count * entry.dtype.size else {
                throw FormatError("tensor '\(entry.name)': \(entry.bytes.count) bytes for \(entry.dtype.rawValue) shape \(entry.shape)")
            }
            let shape = entry.shape.map(String.init).joined(separator: ",")
            described.append((entry.name, "{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + entry.bytes.count)]}"))
            offset += entry.bytes.count
        }
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
            header.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        header += described.sorted { $0.0 < $1.0 }.map { "\(jsonString($0.0)):\($0.1)" }
        var json = Array(("{" + header.joined(separator: ",") + "}").utf8)
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out += $0 }
        out += json
        for entry in entries { out += entry.bytes }
        return out
    }

    /// The entries (in data order) and metadata of a safetensors file's bytes.
    public static func decode(_ bytes: [UInt8]) throws(FormatError) -> (entries: [Entry], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw FormatError("\(bytes.count) bytes: too short for the 8-byte header length") }
        let length = UInt64(littleEndianBytes: bytes, at: 0)
        guard length <= UInt64(bytes.count - 8), length <= 100_000_000 else {
            throw FormatError("header length \(length) exceeds the file (\(bytes.count) bytes)")
        }
        let headerEnd = 8 + Int(length)
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])) } catch {
            throw FormatError("the header is not valid JSON")
        }
        guard let root = object as? [String: Any] else { throw FormatError("the header is not a JSON object") }
        var metadata: [String: String] = [:]
        if let meta = root["__metadata__"] {
            guard let map = meta as? [String: String] else { throw FormatError("__metadata__ must map strings to strings") }
            metadata = map
        }
        let dataCount = bytes.count - headerEnd
        var placed: [(begin: Int, end: Int, entry: Entry)] = []
        for (name, value) in root where name != "__metadata__" {
            guard let info = value as? [String: Any], let dtypeText = info["dtype"] as? String,
                  let shapeValues = info["shape"] as? [Any], let offsets = info["data_offsets"] as? [Any], offsets.count == 2 else {
                throw FormatError("tensor '\(name)': expected dtype, shape and data_offsets [begin, end]")
            }
            guard let dtype = DType(rawValue: dtypeText) else {
                throw FormatError("tensor '\(name)': dtype \(dtypeText) is not supported (F32, F64, I64, I32)")
            }
            let shape = try shapeValues.map { v throws(FormatError) -> Int in
                guard let n = (v as? NSNumber)?.intValue, n >= 0 else { throw FormatError("tensor '\(name)': bad shape") }
                return n
            }
            guard let begin = (offsets[0] as? NSNumber)?.intValue, let end = (offsets[1] as? NSNumber)?.intValue,
                  begin >= 0, begin <= end, end <= dataCount else {
                throw FormatError("tensor '\(name)': data_offsets outside the \(dataCount) data bytes")
            }
            let count = shape.reduce(1, *)
            guard end - begin == count * dtype.size else {
                throw FormatError("tensor '\(name)': \(end - begin) bytes for \(dtypeText) shape \(shape)")
            }
            placed.append((begin, end, Entry(name: name, dtype: dtype, shape: shape,
                                             bytes: Array(bytes[(headerEnd + begin)..<(headerEnd + end)]))))
        }
        placed.sort { ($0.begin, $0.end, $0.entry.name) < ($1.begin, $1.end, $1.entry.name) }
        var position = 0
        for item in placed {
            guard item.begin == position else {
                throw FormatError(item.begin < position ? "tensor '\(item.entry.name)' overlaps another" : "a gap in the data before tensor '\(item.entry.name)'")
            }
            position = item.end
        }
        guard position == dataCount else { throw FormatError("\(dataCount - position) data bytes belong to no tensor") }
        return (placed.map(\.entry), metadata)
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension FixedWidthInteger {
    /// The value stored little-endian at `offset` of `bytes`.
    init(littleEndianBytes bytes: [UInt8], at offset: Int) {
        var value = Self.zero
        for i in 0..<(Self.bitWidth / 8) { value |= Self(bytes[offset + i]) << (8 * i) }
        self = value
    }
}
