import DataIO
import Evaluation
import Foundation
import Metrics
import Testing

/// The partial evaluation file: it reads back to the same results, and a damaged, truncated,
/// foreign or newer file is a `bad_partial` error naming it, never a wrong number.
@Suite struct PartialEvaluationFileTests {
    static func written(_ fixture: ShardFixture, labels: ShardFixture.Labels = .file) throws -> (PartialEvaluation, String) {
        let file = fixture.writeScores(Array(0..<300).filter { $0 % 2 == 0 }, to: "half.csv", label: false)
        let partial = try PartialEvaluation.make(fixture.options([file], labels: labels, blocks: .labelColumn))
        let path = fixture.folder + "/half.partial"
        try PartialEvaluationFile.write(partial, to: path)
        return (partial, path)
    }

    static func readError(_ path: String) -> DataError? {
        #expect(throws: DataError.self) { try PartialEvaluationFile.read(path) }
    }

    /// With `--labels` and with `--dataset` (whose manifest facts the partial carries).
    @Test("write then read gives back every field", arguments: [ShardFixture.Labels.file, .dataset])
    func roundTrip(labels: ShardFixture.Labels) throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 1)
        let (partial, path) = try Self.written(fixture, labels: labels)
        let read = try PartialEvaluationFile.read(path)
        #expect(read.origin == path)
        #expect(read.options == partial.options)
        #expect(read.labels == partial.labels)
        #expect(read.manifest.map(\.key) == partial.manifest.map(\.key))
        #expect(read.manifest.map(\.value) == partial.manifest.map(\.value))
        #expect(partial.manifest.isEmpty == (labels != .dataset))
        #expect(read.runs.count == partial.runs.count)
        for (a, b) in zip(read.runs, partial.runs) {
            let (x, y) = (try a.counts(), try b.counts())
            #expect(a.column == b.column && a.sources == b.sources && x == y && a.coverage == b.coverage)
            #expect(a.blocks?.map(\.index) == b.blocks?.map(\.index))
            #expect(a.blocks?.map(\.mean) == b.blocks?.map(\.mean))
            #expect(a.blocks?.map(\.rows) == b.blocks?.map(\.rows))
        }
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(String(decoding: bytes.prefix(36), as: UTF8.self) == "toolkit partial evaluation, format 1")
        let bodyStart = bytes.firstIndex(of: 0x0A).flatMap { first in bytes[(first + 1)...].firstIndex(of: 0x0A) }! + 1
        #expect(bodyStart % 8 == 0)
        // 16 bytes per distinct score, two runs, plus the block tallies.
        #expect(bytes.count > bodyStart + 16 * ((try partial.runs[0].counts()).count + (try partial.runs[1].counts()).count))
    }

    @Test("a truncated, extended, bit-flipped, foreign or future file is a bad_partial error")
    func damage() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 2)
        let (_, path) = try Self.written(fixture)
        let original = try #require(FileManager.default.contents(atPath: path))
        let damaged = fixture.folder + "/damaged.partial"
        func check(_ bytes: Data, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            _ = FileManager.default.createFile(atPath: damaged, contents: bytes)
            let error = Self.readError(damaged)
            #expect(error?.code == .badPartial, sourceLocation: sourceLocation)
            #expect(error?.file == damaged, sourceLocation: sourceLocation)
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")", sourceLocation: sourceLocation)
        }
        check(original.dropLast(8), "truncated")
        check(original + Data([0]), "follow")
        var flipped = original
        flipped[flipped.count - 100] ^= 0x10
        check(flipped, "checksum")
        check(Data("id,score\n1,0.5\n".utf8), "not a partial evaluation")
        check(Data(), "empty")
        var future = original
        future[35] = UInt8(ascii: "9")
        check(future, "format 9")
        var header = original
        let second = header.firstIndex(of: 0x0A)! + 1
        header[second] = UInt8(ascii: "[")
        check(header, "header")
        #expect(Self.readError(fixture.folder + "/none.partial")?.code == .usage)
    }
}
