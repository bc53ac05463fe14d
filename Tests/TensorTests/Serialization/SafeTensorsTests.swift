import Foundation
import Tensor
import Testing
import TestSupport

@Suite struct SafeTensorsTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("tensor/" + name))))
    }

    @Test func theLayoutIsTheFormats() throws {
        let bytes = try SafeTensors.encode([SafeTensors.Entry(name: "w", shape: [2], floats: [1, -2])], metadata: ["k": "v"])
        let header = #"{"__metadata__":{"k":"v"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        let padded = header + String(repeating: " ", count: (8 - (8 + header.utf8.count) % 8) % 8)
        #expect(Array(bytes[0..<8]) == [UInt8(padded.utf8.count), 0, 0, 0, 0, 0, 0, 0])
        #expect(String(decoding: bytes[8..<(8 + padded.utf8.count)], as: UTF8.self) == padded)
        #expect(Array(bytes.suffix(8)) == [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0])   // 1.0f, -2.0f little-endian
        #expect((8 + padded.utf8.count) % 8 == 0)
    }

    @Test func roundTripsEveryDtypeAndMetadata() throws {
        let entries = [SafeTensors.Entry(name: "a.weight", shape: [2, 3], floats: [0, 1, -1, .pi, 1e-30, -0.0]),
                       SafeTensors.Entry(name: "step", shape: [], integers: [Int64.max]),
                       SafeTensors.Entry(name: "empty", shape: [0, 3], floats: [])]
        let (decoded, metadata) = try SafeTensors.decode(try SafeTensors.encode(entries, metadata: ["note": "a \"quoted\"\nline"]))
        #expect(decoded == entries)
        #expect(metadata == ["note": "a \"quoted\"\nline"])
        #expect(decoded[0].floats.map(\.bitPattern) == entries[0].floats.map(\.bitPattern))
        #expect(decoded[1].integers == [Int64.max])
    }

    /// A file written by the reference implementation (Fixtures/scripts/safetensors-interop.py).
    @Test func readsWhatPythonWrote() throws {
        let (entries, metadata) = try SafeTensors.decode(try Self.fixture("python.safetensors"))
        #expect(metadata == ["format": "np", "note": "made by safetensors-interop.py"])
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        #expect(byName["encoder.0.weight"]?.shape == [2, 3] && byName["encoder.0.weight"]?.floats == [0, 0.25, 0.5, 0.75, 1, 1.25])
        #expect(byName["encoder.0.bias"]?.floats == [-1.5, 2.25, 1e-3])
        #expect(byName["norm.running_var"]?.dtype == .f64 && byName["norm.running_var"]?.floats == [1, 0.5])
        #expect(byName["steps"]?.shape == [] && byName["steps"]?.integers == [7])
        #expect(byName["empty"]?.shape == [0, 4] && byName["empty"]?.bytes.isEmpty == true)
    }

    static let badFiles: [([UInt8], String)] = {
        let length: (UInt8) -> [UInt8] = { [$0, 0, 0, 0, 0, 0, 0, 0] }
        var cases: [([UInt8], String)] = [([1, 2, 3], "too short")]
        cases.append((length(200) + Array("{}".utf8), "exceeds the file"))
        cases.append((length(2) + Array("{]".utf8), "not valid JSON"))
        cases.append((length(2) + Array("[]".utf8), "not a JSON object"))
        return cases
    }()

    @Test(arguments: badFiles)
    func badFilesSayWhatIsWrong(bytes: [UInt8], message: String) {
        let error = #expect(throws: SafeTensors.FormatError.self) { _ = try SafeTensors.decode(bytes) }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    static func file(_ header: String, data: Int) -> [UInt8] {
        var bytes = [UInt8(header.utf8.count), 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8)
        bytes += [UInt8](repeating: 0, count: data)
        return bytes
    }

    @Test(arguments: [
        (#"{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, 2, "dtype F16 is not supported"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, 4, "4 bytes for F32 shape [2]"),
        (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 8, "4 data bytes belong to no tensor"),
        (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, 8, "a gap in the data before tensor 'a'"),
        (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 4, "overlaps"),
        (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 2, "outside the 2 data bytes"),
        (#"{"a":{"dtype":"F32"}}"#, 0, "expected dtype, shape and data_offsets"),
        (#"{"__metadata__":{"a":1}}"#, 0, "__metadata__ must map strings to strings"),
    ])
    func badHeadersSayWhatIsWrong(header: String, data: Int, message: String) {
        let error = #expect(throws: SafeTensors.FormatError.self) { _ = try SafeTensors.decode(Self.file(header, data: data)) }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test func encodingRefusesDuplicateNamesAndWrongSizes() {
        #expect(throws: SafeTensors.FormatError.self) {
            _ = try SafeTensors.encode([SafeTensors.Entry(name: "a", shape: [], floats: [1]), SafeTensors.Entry(name: "a", shape: [], floats: [2])])
        }
        #expect(throws: SafeTensors.FormatError.self) {
            _ = try SafeTensors.encode([SafeTensors.Entry(name: "a", dtype: .f32, shape: [2], bytes: [0, 0, 0, 0])])
        }
    }
}
