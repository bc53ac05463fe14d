import DataIO
import Datasets
import Foundation
import Randomness
import Recipe
import Testing
@testable import Generators
import TestSupport

/// `toolkit join-shards`: shards joined give the whole run's folder byte for byte, and every
/// way the parts can be wrong is one clear error that leaves nothing behind.
@Suite struct ShardJoinTests {
    static let behaviourLogs = ("behaviour-logs", ["generator.rows={train: 3000, test: 1200}", "generator.anomalies.count=500"])
    static let solarPV = ("solar-pv", ["generator.days={train: 40, test: 30}"])

    /// Generates the whole run and shards 1...n of a recipe into a fresh folder.
    struct Run {
        let folder: String
        let whole: String
        let parts: [String]
        let recipe: Recipe
        let format: DatasetFormat

        init(_ name: String, _ size: [String], format: DatasetFormat = .csv, count: Int = 3, seed: UInt64? = nil,
             extra: [String] = []) throws {
            let folder = temporaryFolder()
            let recipe = try RecipeLoader.load(name, overrides: try (size + extra).map { try RecipeOverride(parsing: $0) }, seed: seed)
            try DatasetGeneration.run(recipe, options: .init(destination: folder + "/whole", format: format, quiet: true))
            parts = try (0..<count).map { i in
                let part = folder + "/part\(i + 1)"
                try DatasetGeneration.run(recipe, options: .init(destination: part, format: format, quiet: true, shard: (i, count)))
                return part
            }
            self.folder = folder
            self.recipe = recipe
            self.format = format
            whole = folder + "/whole"
        }

        /// Joins `parts` into `folder/out`.
        @discardableResult
        func join(_ parts: [String], out: String = "joined", force: Bool = false) throws -> ShardJoin.Result {
            try ShardJoin.run(parts: parts, options: .init(destination: folder + "/" + out, force: force, quiet: true))
        }
    }

    static func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Expects `body` to throw a DataError whose description contains `text`, and `run`'s folder
    /// to hold nothing new (no output, no temporary folder).
    static func expectError(_ text: String, in run: Run, _ body: () throws -> Void,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try files(run.folder)
        #expect(sourceLocation: sourceLocation) { try body() } throws: { error in
            guard let error = error as? DataError else { return false }
            #expect(error.description.contains(text), "\(error.description)", sourceLocation: sourceLocation)
            return true
        }
        #expect(try files(run.folder) == before, "the failed join left something behind", sourceLocation: sourceLocation)
    }

    /// Rewrites a part's file with `change` applied to its text and records the new size and
    /// SHA-256 in the part's manifest, as a toolkit that wrote it so would have.
    static func rewrite(_ part: String, _ name: String, _ change: (String) -> String) throws {
        try rewrite(part, name, bytes: { Data(change(String(decoding: $0, as: UTF8.self)).utf8) })
    }

    /// ``rewrite(_:_:_:)`` of a binary file (a `.npy` matrix).
    static func rewrite(_ part: String, _ name: String, bytes change: (Data) -> Data) throws {
        let path = part + "/" + name
        let old = try bytes(path)
        let new = change(old)
        try new.write(to: URL(fileURLWithPath: path))
        var manifest = String(decoding: try bytes(part + "/manifest.json"), as: UTF8.self)
        var hasher = SHA256()
        hasher.update(Array(old))
        let oldDigest = hasher.hexDigest()
        manifest = manifest.replacingOccurrences(of: oldDigest, with: try FileSystem.sha256(of: path))
            .replacingOccurrences(of: "\"bytes\" : \(old.count),", with: "\"bytes\" : \(new.count),")
        try manifest.write(toFile: part + "/manifest.json", atomically: false, encoding: .utf8)
    }

    /// Rewrites line `line` (1 = the header) of a part's file with `change` applied to its
    /// comma-separated fields, as ``rewrite(_:_:_:)`` does (the manifest records the new file).
    static func rewrite(_ part: String, _ name: String, line: Int, _ change: @escaping (inout [String]) -> Void) throws {
        try rewrite(part, name) { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var fields = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            change(&fields)
            lines[line - 1] = fields.joined(separator: ",")
            return lines.joined(separator: "\n")
        }
    }

    /// Changes a part's manifest.json and writes it back encoded as toolkit generate encodes it,
    /// so that the changed values are all that differs (as a tool that miscounted would write it).
    static func editManifest(_ part: String, _ change: (inout Manifest) -> Void) throws {
        let path = part + "/manifest.json"
        var manifest = try Manifest.decode(try bytes(path), file: path)
        change(&manifest)
        try manifest.jsonText().write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// The lines of a part's text file (the header is line 1).
    static func lines(_ part: String, _ name: String) throws -> [Substring] {
        try String(contentsOfFile: part + "/" + name, encoding: .utf8).split(separator: "\n")
    }

    // MARK: - Byte for byte

    @Test(arguments: [(behaviourLogs, DatasetFormat.csv), (behaviourLogs, .csvGz), (behaviourLogs, .amad),
                      (solarPV, .csv), (solarPV, .csvGz), (solarPV, .npy)])
    func joinedShardsAreTheWholeRunByteForByte(recipe: (String, [String]), format: DatasetFormat) throws {
        let run = try Run(recipe.0, recipe.1, format: format)
        // Given shuffled: 2/3, 3/3, 1/3.
        let result = try run.join([run.parts[1], run.parts[2], run.parts[0]])
        let joined = run.folder + "/joined"
        #expect(result.destination == joined && result.shards == 3)
        #expect(try Self.files(joined) == Self.files(run.whole))
        for name in try Self.files(run.whole) {
            #expect(try Self.bytes(joined + "/" + name) == Self.bytes(run.whole + "/" + name), "\(name) differs")
        }
        if format == .csvGz {
            #expect(try Self.files(joined).allSatisfy { $0 == "manifest.json" || $0.hasSuffix(".csv.gz") })
        }
        let extra = recipe.0 == "solar-pv" ? ["episodes", "windows"] : []
        for name in extra {
            #expect(try Self.files(joined).contains { $0.hasPrefix(name + ".csv") })
        }
    }

    /// More shards than chunks: some shards hold no rows (only headers), one holds train and test
    /// rows; a seed above 2^63 goes through the manifest as it is.
    @Test func emptyShardsAndTheLargestSeedJoin() throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 8, seed: UInt64.max)
        // The premise: some parts hold no rows (each of their files only its header), one holds both splits.
        let parts = try run.parts.map { try ShardJoin.Part(path: $0) }
        let empty = parts.filter { $0.rows == 0 }
        #expect(!empty.isEmpty, "no part is empty: \(parts.map(\.rows))")
        for part in empty {
            #expect(part.typed.counts.values.allSatisfy { $0.rows == 0 })
            for name in part.files.keys.sorted() { #expect(try Self.lines(part.path, name).count == 1, "\(part.path)/\(name)") }
        }
        #expect(parts.contains { $0.counts("train").rows > 0 && $0.counts("test").rows > 0 }, "no part holds train and test rows")
        try run.join(run.parts.reversed())
        for name in try Self.files(run.whole) {
            #expect(try Self.bytes(run.folder + "/joined/" + name) == Self.bytes(run.whole + "/" + name), "\(name) differs")
        }
        let one = try Run("solar-pv", ["generator.days={train: 3, test: 2}"], count: 1, extra: ["generator.anomalies.count=1"])
        try one.join(one.parts)
        #expect(try Self.bytes(one.folder + "/joined/manifest.json") == Self.bytes(one.whole + "/manifest.json"))
    }

    // MARK: - The parts must be shards 1...n of one run

    @Test func missingAndDuplicateShardsAreNamed() throws {
        let run = try Run("solar-pv", Self.solarPV.1, count: 4)
        try Self.expectError("shards 2/4 and 4/4 are missing", in: run) { try run.join([run.parts[0], run.parts[2]]) }
        try Self.expectError("shard 3/4 is missing", in: run) { try run.join([run.parts[0], run.parts[1], run.parts[3]]) }
        try Self.expectError("/part3: shard 3/4 appears twice (also in \(run.parts[2]))", in: run) {
            try run.join(run.parts + [run.parts[2] + "/"])
        }
        try Self.expectError("/whole: manifest.json has no shard entry: this is a whole dataset, not a shard", in: run) {
            try run.join(run.parts + [run.whole])
        }
        try FileManager.default.createDirectory(atPath: run.folder + "/empty", withIntermediateDirectories: false)
        try Self.expectError("/empty: has no manifest.json", in: run) { try run.join(run.parts + [run.folder + "/empty"]) }
        try FileManager.default.removeItem(atPath: run.folder + "/empty")
        try Self.expectError("/nowhere: no such folder", in: run) { try run.join([run.folder + "/nowhere"]) }
        try Self.expectError("no shard folders given", in: run) { try run.join([]) }
    }

    @Test func partsOfAnotherRunAreRefused() throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 2)
        let seed = try Run("behaviour-logs", Self.behaviourLogs.1, count: 2, seed: 7)
        try Self.expectError("/part2: seed 7, where \(run.parts[0]) has seed 1", in: run) { try run.join([run.parts[0], seed.parts[1]]) }
        let rows = try Run("behaviour-logs", ["generator.rows={train: 3000, test: 1100}", "generator.anomalies.count=500"], count: 2)
        try Self.expectError("/part2: its resolved recipe differs from \(run.parts[0])'s at recipe.generator.rows.test: 1100 vs 1200", in: run) {
            try run.join([run.parts[0], rows.parts[1]])
        }
        let gz = try Run("behaviour-logs", Self.behaviourLogs.1, format: .csvGz, count: 2)
        try Self.expectError("/part2: format \"csv.gz\", where \(run.parts[0]) has format \"csv\"", in: run) { try run.join([run.parts[0], gz.parts[1]]) }
        let three = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        try Self.expectError("/part2: shard 2/3, where \(run.parts[0]) is shard 1/2", in: run) { try run.join([run.parts[0], three.parts[1]]) }
        let pv = try Run("solar-pv", Self.solarPV.1, count: 2)
        try Self.expectError("/part2: its resolved recipe differs from \(run.parts[0])'s at recipe.blocks.size: 96 vs 100", in: run) {
            try run.join([run.parts[0], pv.parts[1]])
        }
        // Another toolkit version: the manifest says so.
        let manifest = run.parts[0] + "/manifest.json"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "\"toolkit_version\" : \"\(ToolkitVersion.string)\"", with: "\"toolkit_version\" : \"0.0.1\"")
            .write(toFile: manifest, atomically: false, encoding: .utf8)
        try Self.expectError("/part1: was written by toolkit 0.0.1; this is toolkit \(ToolkitVersion.string)", in: run) { try run.join(run.parts) }
        try Self.expectError("/part1: toolkit version \"0.0.1\", where \(run.parts[1]) has toolkit version \"\(ToolkitVersion.string)\"", in: run) {
            try run.join([run.parts[1], run.parts[0]])
        }
        // A manifest that is not as generate writes it cannot give the whole run's byte for byte.
        try text.replacingOccurrences(of: "\n  ", with: "\n ").write(toFile: manifest, atomically: false, encoding: .utf8)
        try Self.expectError("/part1/manifest.json: is not as toolkit generate writes it", in: run) { try run.join(run.parts) }
    }

    // MARK: - The files must be those the manifests describe

    @Test func changedOrMissingFilesAreNamed() throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        let test = run.parts[1] + "/test.csv"
        let original = try Self.bytes(test)
        var changed = original
        changed[changed.count - 2] = changed[changed.count - 2] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try changed.write(to: URL(fileURLWithPath: test))
        try Self.expectError("/part2/test.csv: SHA-256 does not match its manifest.json", in: run) { try run.join(run.parts) }
        try original.dropLast().write(to: URL(fileURLWithPath: test))
        try Self.expectError("/part2/test.csv: \(original.count - 1) bytes where its manifest.json records \(original.count)", in: run) {
            try run.join(run.parts)
        }
        try FileManager.default.removeItem(atPath: test)
        try Self.expectError("/part2/test.csv: missing (its manifest.json lists it)", in: run) { try run.join(run.parts) }

        let gz = try Run("solar-pv", Self.solarPV.1, format: .csvGz, count: 2)
        let windows = gz.parts[1] + "/windows.csv.gz"
        var bytes = try Self.bytes(windows)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: windows))
        try Self.expectError("/part2/windows.csv.gz: SHA-256 does not match its manifest.json", in: gz) { try gz.join(gz.parts) }
    }

    /// Numbers the generators write globally (ids, blocks, episodes, windows) are checked to be
    /// so: a shard numbered from 0 (as a shard-local writer would) is an error, not a wrong join.
    @Test func shardLocalNumberingIsAnError() throws {
        let run = try Run("solar-pv", Self.solarPV.1, count: 2)
        // part2's ids from 0.
        let part2Rows = try String(contentsOfFile: run.parts[1] + "/labels.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let firstID = Int(part2Rows.first!.split(separator: ",")[0])!
        try Self.rewrite(run.parts[1], "labels.csv") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for i in 1..<lines.count where !lines[i].isEmpty {
                var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[0] = String(Int(fields[0])! - firstID)
                lines[i] = fields.joined(separator: ",")
            }
            return lines.joined(separator: "\n")
        }
        try Self.expectError("/part2/labels.csv:2:1: id 0 after id \(firstID - 1): expected increasing ids across the shards", in: run) {
            try run.join(run.parts)
        }

        // Days 0-19 and 20-39: the first shard holds test days 10-19, so some episodes.
        let other = try Run("solar-pv", ["generator.days={train: 10, test: 30}"], count: 2)
        try Self.rewrite(other.parts[1], "episodes.csv") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for i in 1..<lines.count where !lines[i].isEmpty {
                var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[0] = String(i - 1)
                lines[i] = fields.joined(separator: ",")
            }
            return lines.joined(separator: "\n")
        }
        let episodesBefore = try String(contentsOfFile: other.parts[0] + "/episodes.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(episodesBefore > 0)
        try Self.expectError("/part2/episodes.csv:2:1: episode 0: expected \(episodesBefore)", in: other) { try other.join(other.parts) }

        let blocks = try Run("behaviour-logs", Self.behaviourLogs.1, count: 2)
        try Self.rewrite(blocks.parts[1], "labels.csv") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var row = 0
            for i in 1..<lines.count where !lines[i].isEmpty {
                var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[4] = String(row / 100)  // blocks counted from the shard's first row
                row += 1
                lines[i] = fields.joined(separator: ",")
            }
            return lines.joined(separator: "\n")
        }
        try Self.expectError("/part2/labels.csv:2:5: block 0 for row", in: blocks) { try blocks.join(blocks.parts) }
    }

    /// The behaviour logs' id census reads numbers 8 bytes at a time: the same ids as reading
    /// them one by one, for every length and position (a line's end, empty attributes, AMAD's
    /// ids plus one), and a bad byte or an id outside the vocabulary is named.
    @Test func idCensusCountsEveryIdOfEveryLength() throws {
        var generator = Xoshiro256StarStar(seed: 18)
        for amad in [false, true] {
            let census = ShardJoin.IDCensus(vocabulary: 50_000_000)
            var expected = Set<Int>(), count = 0
            for _ in 0..<2000 {
                var attributes: [String] = []
                for _ in 0..<generator.uniformInt(in: 1...8) {
                    let n = generator.uniformInt(in: 0...4)
                    // 1 to 8 digits.
                    let ids = (0..<n).map { _ in generator.uniformInt(below: [10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 50_000_000][generator.uniformInt(below: 8)]) }
                    expected.formUnion(ids)
                    count += ids.count
                    attributes.append(amad ? (ids.isEmpty ? "0" : ids.map { String($0 + 1) }.joined(separator: ",")) : ids.map(String.init).joined(separator: " "))
                }
                let line = attributes.joined(separator: amad ? " " : ",")
                try Array(line.utf8).withUnsafeBytes { try census.add($0, amad: amad, file: "f", line: 2) }
            }
            #expect(census.distinct == expected.count && census.ids == count && census.rows == 2000)
        }
        let small = ShardJoin.IDCensus(vocabulary: 1000)
        #expect { try Array("12 999,1000".utf8).withUnsafeBytes { try small.add($0, amad: false, file: "f", line: 7) } } throws: {
            ($0 as? DataError)?.description == "f:7: an id outside the vocabulary 0...999"
        }
        #expect { try Array("12 9x9".utf8).withUnsafeBytes { try small.add($0, amad: false, file: "f", line: 8) } } throws: {
            ($0 as? DataError)?.description == "f:8: unexpected character x among the ids"
        }
    }

    /// A chunk's lines are counted two halves at a time (``ShardJoin/IDCensus/add(lines:amad:file:firstLine:)``):
    /// the same ids, rows and distinct ids as line by line, and, where a line is wrong, the same
    /// first problem at the same line, wherever it falls (either half, a line's first or last id,
    /// a long first field, 8-digit ids read the careful way).
    @Test func idCensusOfWholeLinesEqualsLineByLine() throws {
        var generator = Xoshiro256StarStar(seed: 7)
        for amad in [false, true] {
            for trial in 0..<40 {
                var lines: [String] = []
                for row in 0..<generator.uniformInt(in: 1...60) {
                    var attributes: [String] = []
                    for _ in 0..<generator.uniformInt(in: 0...8) {
                        let ids = (0..<generator.uniformInt(in: 0...4)).map { _ in
                            generator.uniformInt(below: [10, 1000, 100_000, 10_000_000, 50_000_000][generator.uniformInt(below: 5)])
                        }
                        attributes.append(amad ? (ids.isEmpty ? "0" : ids.map { String($0 + 1) }.joined(separator: ","))
                                          : ids.map(String.init).joined(separator: " "))
                    }
                    // The first field: a row id (some of 9 digits) or an AMAD label.
                    let first = amad ? String(row % 2) : String(generator.uniformInt(below: 2) == 0 ? row : 123_456_789 + row)
                    lines.append(([first] + attributes).joined(separator: amad ? " " : ","))
                }
                // Some trials: one line made wrong (a bad byte, or an id outside a small vocabulary).
                let wrong = trial % 3 == 0 ? generator.uniformInt(below: lines.count) : nil
                let vocabulary = trial % 6 == 3 ? 40_000_000 : 50_000_001
                if let wrong, trial % 6 == 0, let space = lines[wrong].lastIndex(of: amad ? "," : " ") {
                    lines[wrong].insert("x", at: lines[wrong].index(after: space))
                }
                let text = Array((lines.joined(separator: "\n") + "\n").utf8)

                let lineByLine = ShardJoin.IDCensus(vocabulary: vocabulary)
                var expectedError: String?
                for (k, line) in lines.enumerated() {
                    let bytes = Array(line.utf8)
                    let rest = bytes.firstIndex(of: amad ? UInt8(ascii: " ") : UInt8(ascii: ",")).map { Array(bytes[($0 + 1)...]) } ?? []
                    do { try rest.withUnsafeBytes { try lineByLine.add($0, amad: amad, file: "f", line: 10 + k) } } catch {
                        expectedError = "\(error)"
                        break
                    }
                }
                let whole = ShardJoin.IDCensus(vocabulary: vocabulary)
                var wholeError: String?
                // 8 readable bytes past the end, as in the join's buffers.
                do { try (text + [UInt8](repeating: 0x41, count: 8)).withUnsafeBytes {
                    try whole.add(lines: UnsafeRawBufferPointer(rebasing: $0[0..<text.count]), amad: amad, file: "f", firstLine: 10)
                } } catch { wholeError = "\(error)" }
                #expect(wholeError == expectedError, "trial \(trial)")
                if expectedError == nil {
                    #expect(whole.ids == lineByLine.ids && whole.rows == lineByLine.rows && whole.distinct == lineByLine.distinct)
                    #expect(whole.rows == lines.count)
                }
            }
        }
        // Two halves counted by two censuses add up.
        let a = ShardJoin.IDCensus(vocabulary: 100), b = ShardJoin.IDCensus(vocabulary: 100)
        try (Array("1,2 3\n".utf8) + [UInt8](repeating: 0, count: 8)).withUnsafeBytes { try a.add(lines: UnsafeRawBufferPointer(rebasing: $0[0..<6]), amad: false, file: "f", firstLine: 2) }
        try (Array("2,3,4\n".utf8) + [UInt8](repeating: 0, count: 8)).withUnsafeBytes { try b.add(lines: UnsafeRawBufferPointer(rebasing: $0[0..<6]), amad: false, file: "f", firstLine: 3) }
        a.merge(b)
        #expect(a.distinct == 3 && a.ids == 4 && a.rows == 2)
    }

    /// Parts are read in chunks of whole lines, each checked and written on two threads: every
    /// chunk size (down to less than a line, which makes the buffers grow) gives the whole run's
    /// files, and a problem is named at the same line whichever thread finds it; the first in
    /// the file is named, a line's id before its other ids.
    @Test func everyChunkSizeJoinsAlikeAndNamesTheSameLine() throws {
        let sizes = [64, 1000, 4096, 70_000]
        for format in [DatasetFormat.csv, .amad, .csvGz] {
            let run = try Run("behaviour-logs", Self.behaviourLogs.1, format: format, count: 3)
            for size in sizes {
                var options = ShardJoin.Options(destination: run.folder + "/joined\(size)", quiet: true)
                options.chunkBytes = size
                try ShardJoin.run(parts: run.parts.reversed(), options: options)
                for name in try Self.files(run.whole) {
                    #expect(try Self.bytes(run.folder + "/joined\(size)/" + name) == Self.bytes(run.whole + "/" + name), "\(format) \(size): \(name) differs")
                }
            }
        }
        let npy = try Run("solar-pv", Self.solarPV.1, format: .npy, count: 2)
        var options = ShardJoin.Options(destination: npy.folder + "/joined", quiet: true)
        options.chunkBytes = 1000
        try ShardJoin.run(parts: npy.parts, options: options)
        for name in try Self.files(npy.whole) {
            #expect(try Self.bytes(npy.folder + "/joined/" + name) == Self.bytes(npy.whole + "/" + name), "npy: \(name) differs")
        }

        // Line numbers below count the header as line 1.
        func expectAtEverySize(_ run: Run, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            for size in sizes + [2 << 20] {
                var options = ShardJoin.Options(destination: run.folder + "/joined", quiet: true)
                options.chunkBytes = size
                try Self.expectError(text, in: run, { try ShardJoin.run(parts: run.parts, options: options) }, sourceLocation: sourceLocation)
            }
        }
        func change(_ run: Run, _ edits: [Int: (String) -> String]) throws {
            try Self.rewrite(run.parts[1], "train.csv") { text in
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for (line, edit) in edits { lines[line - 1] = edit(lines[line - 1]) }
                return lines.joined(separator: "\n")
            }
        }
        let badByte: (String) -> String = { $0.replacingOccurrences(of: ",", with: ",9x", options: .backwards, range: $0.range(of: ",", options: .backwards)) }
        let badID: (String) -> String = { "x" + $0 }
        // A bad byte at line 40, a bad id at line 60: the byte is named.
        let first = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        try change(first, [40: badByte, 60: badID])
        try expectAtEverySize(first, "/part2/train.csv:40: unexpected character x among the ids")
        // The other way round: the id.
        let second = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        try change(second, [40: badID, 60: badByte])
        try expectAtEverySize(second, "/part2/train.csv:40:1: expected an id")
        // Both on one line: the id, as it comes first.
        let third = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        try change(third, [300: { badID(badByte($0)) }])
        try expectAtEverySize(third, "/part2/train.csv:300:1: expected an id")
        // Near a part's end (the last chunk).
        let fourth = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        let last = try String(contentsOfFile: fourth.parts[1] + "/train.csv", encoding: .utf8).split(separator: "\n").count
        try change(fourth, [last: badByte])
        try expectAtEverySize(fourth, "/part2/train.csv:\(last): unexpected character x among the ids")
    }

    // MARK: - The manifests must be generate's, and tile the rows

    /// A part's manifest.json that is not JSON (cut short, as by a full disk; empty; another
    /// file under its name) is named, with what was expected.
    @Test(arguments: ["truncated", "empty", "gzip"])
    func aManifestThatIsNotJSONIsRefused(fault: String) throws {
        let run = try Run("solar-pv", Self.solarPV.1, count: 2)
        let path = run.parts[1] + "/manifest.json"
        let text = try Self.bytes(path)
        let broken = switch fault {
        case "truncated": text.prefix(text.count / 2)
        case "empty": Data()
        default: Data([0x1F, 0x8B, 0x08, 0x00])  // a gzip file's first bytes
        }
        try broken.write(to: URL(fileURLWithPath: path))
        try Self.expectError("/part2/manifest.json: is not valid JSON (expected the manifest toolkit generate writes)", in: run) {
            try run.join(run.parts)
        }
    }

    /// Splits past train, validation and test, of at most 2^53 - 1 rows each (all a manifest
    /// may hold), whose rows add up to `total`.
    static func extraSplits(adding total: Int) -> [String: Manifest.SplitCounts] {
        var splits: [String: Manifest.SplitCounts] = [:], left = total
        while left > 0 {
            var counts = Manifest.SplitCounts()
            counts.rows = min(left, ExactJSONInteger.largest)
            left -= counts.rows
            splits["extra\(splits.count)"] = counts
        }
        return splits
    }

    /// Manifests whose rows do not tile the dataset are refused, naming the part: a shard that
    /// does not start where the one before it ends, counts that do not add up to its
    /// shard.rows, and sums past Int.max (which only an edited manifest can reach, each count
    /// being at most 2^53 - 1: it takes more than a thousand splits), refused and not trapped on.
    @Test(arguments: ["gap", "counts", "countsOverflow", "rowsOverflow"])
    func manifestsWhoseRowsDoNotTileTheDatasetAreRefused(fault: String) throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        let first = try ShardJoin.Part(path: run.parts[0]), second = try ShardJoin.Part(path: run.parts[1])
        #expect(first.rows > 0 && second.rows > 0 && second.firstRow == first.rows)
        let expected: String
        switch fault {
        case "gap":
            try Self.editManifest(run.parts[1]) { $0.shard!.firstRow += 1 }
            expected = "/part2: shard 2/3 starts at row \(first.rows + 1); expected row \(first.rows), where the shard before it ends"
        case "counts":
            try Self.editManifest(run.parts[1]) { $0.counts[$0.counts.keys.sorted()[0]]!.rows += 1 }
            expected = "/part2: manifest.json: counts add up to \(second.rows + 1) rows, shard.rows says \(second.rows)"
        case "countsOverflow":
            try Self.editManifest(run.parts[1]) { $0.counts.merge(Self.extraSplits(adding: Int.max)) { $1 } }
            expected = "/part2: manifest.json: counts add up to more than any dataset's rows, shard.rows says \(second.rows)"
        default:
            // Shard 1 holds rows 0..<Int.max (its counts say so too), so shard 2's rows go past it.
            try Self.editManifest(run.parts[0]) {
                $0.shard!.rows = Int.max
                $0.counts.merge(Self.extraSplits(adding: Int.max - first.rows)) { $1 }
            }
            try Self.editManifest(run.parts[1]) { $0.shard!.firstRow = Int.max }
            expected = "/part2: manifest.json: shard.rows \(second.rows) is more than any dataset's"
        }
        try Self.expectError(expected, in: run) { try run.join(run.parts) }
    }

    /// A generator that measures no statistics (solar PV) leaves none for the join to recompute:
    /// a part whose manifest holds some is refused rather than joined without them.
    @Test func statisticsTheJoinCannotRecomputeAreRefused() throws {
        let run = try Run("solar-pv", Self.solarPV.1, count: 2)
        let kind = try ShardJoin.Part(path: run.parts[1]).typed.generator.kind
        try Self.editManifest(run.parts[1]) { $0.statistics = ["ids_written": .int(7)] }
        try Self.expectError("/part2: manifest.json has statistics that the join cannot recompute for the \(kind) generator", in: run) {
            try run.join(run.parts)
        }
    }

    /// The behaviour logs' statistics.ids_written of the parts add up to the ids the joined data
    /// files hold: a part's manifest that miscounts them, or has none, is refused.
    @Test(arguments: ["miscounted", "missing"])
    func idsWrittenThatDisagreeWithTheDataAreRefused(fault: String) throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        func idsWritten(_ manifest: Manifest) -> Int? {
            if case .int(let n)? = manifest.statistics?["ids_written"] { return n }
            return nil
        }
        let ids = try #require(idsWritten(Manifest.decode(Self.bytes(run.whole + "/manifest.json"), file: run.whole)))
        let inPart2 = try #require(idsWritten(try ShardJoin.Part(path: run.parts[1]).typed))
        try Self.editManifest(run.parts[1]) {
            if fault == "missing" { $0.statistics = nil } else { $0.statistics!["ids_written"] = .int(inPart2 + 1) }
        }
        let recorded = fault == "missing" ? ids - inPart2 : ids + 1
        try Self.expectError("the joined data files hold \(ids) ids where the shards' manifests record \(recorded) (statistics.ids_written)", in: run) {
            try run.join(run.parts)
        }
    }

    /// After the join, the counts from the joined labels.csv are checked against the joined data
    /// files and the parts' manifests: a data file a row short, a split the labels do not have,
    /// and anomalies or kinds the manifests miscount are each refused, naming what disagrees.
    @Test(arguments: ["dataRows", "splits", "anomalies", "kinds"])
    func joinedCountsThatDisagreeWithTheManifestsAreRefused(fault: String) throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        let whole = try Manifest.decode(Self.bytes(run.whole + "/manifest.json"), file: run.whole)
        let (train, test) = (try #require(whole.counts["train"]), try #require(whole.counts["test"]))
        let parts = try run.parts.map { try ShardJoin.Part(path: $0) }
        let withTrain = try #require(parts.first { $0.counts("train").rows > 0 })
        let withTest = try #require(parts.first { $0.counts("test").anomalies > 0 })
        let expected: String
        switch fault {
        case "dataRows":
            // Its last row dropped: the ids still increase, the labels still count it.
            try Self.rewrite(withTrain.path, "train.csv") { text in
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                lines.remove(at: lines.count - 2)  // the last line before the final line feed
                return lines.joined(separator: "\n")
            }
            expected = "the joined train.csv has \(train.rows - 1) rows, the joined labels.csv \(train.rows) of split train"
        case "splits":
            try Self.editManifest(withTrain.path) { $0.counts["validation"] = Manifest.SplitCounts() }
            expected = "the joined labels.csv has splits [\"test\", \"train\"], the shards' manifests [\"test\", \"train\", \"validation\"]"
        case "anomalies":
            try Self.editManifest(withTest.path) { $0.counts["test"]!.anomalies += 1 }
            expected = "split test: the joined labels.csv has \(test.rows) rows and \(test.anomalies) anomalies, the shards' manifests add up to \(test.rows) and \(test.anomalies + 1)"
        default:
            // One anomaly moved to a kind the labels do not have: the same number of anomalies.
            try Self.editManifest(withTest.path) { manifest in
                let kind = manifest.counts["test"]!.byKind.keys.sorted()[0]
                manifest.counts["test"]!.byKind[kind]! -= 1
                manifest.counts["test"]!.byKind["another_kind"] = 1
            }
            expected = "split test: the joined labels.csv has \(test.rows) rows and \(test.anomalies) anomalies, the shards' manifests add up to \(test.rows) and \(test.anomalies) (or the kinds differ)"
        }
        try Self.expectError(expected, in: run) { try run.join(run.parts) }
    }

    // MARK: - The files must be as generate writes them

    /// A part's file whose header differs from the first part's (columns swapped by a tool that
    /// rewrote it) is refused at its line 1: the joined file has one header, the first part's.
    @Test(arguments: ["train.csv", "labels.csv"])
    func aHeaderThatDiffersFromTheFirstPartsIsRefused(name: String) throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        try Self.rewrite(run.parts[1], name, line: 1) { $0.swapAt(1, 2) }
        try Self.expectError("/part2/\(name):1: header differs from \(run.parts[0])/\(name)'s", in: run) { try run.join(run.parts) }
    }

    /// A `.npy` part whose header is not the one generate writes for its rows (here Fortran
    /// order, as another writer may choose) is refused: its values cannot be copied as they are.
    @Test(arguments: ["test.npy", "test_labels.npy"])
    func anNPYHeaderThatIsNotGeneratesIsRefused(name: String) throws {
        let run = try Run("solar-pv", Self.solarPV.1, format: .npy, count: 2)
        let rows = try ShardJoin.Part(path: run.parts[1]).counts("test").rows
        #expect(rows > 0)
        let at = try #require(Self.bytes(run.parts[1] + "/" + name).range(of: Data("'fortran_order': False".utf8)))
        try Self.rewrite(run.parts[1], name, bytes: { data in
            var changed = data
            changed.replaceSubrange(at, with: Data("'fortran_order': True ".utf8))  // the header's length kept
            return changed
        })
        try Self.expectError("/part2/\(name): its .npy header is not the one toolkit generate writes for its \(rows) rows", in: run) {
            try run.join(run.parts)
        }
    }

    /// A part's file whose last line has no line break (written by a tool that leaves it off) is
    /// refused at that line: joined as it is, it would run into the next part's first line.
    @Test(arguments: ["labels.csv", "train.csv", "test.csv"])
    func aLastLineWithoutALineBreakIsRefused(name: String) throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        // The last part with the file (the train rows end before the last part).
        let k = try #require(run.parts.lastIndex { FileManager.default.fileExists(atPath: $0 + "/" + name) })
        let last = try Self.lines(run.parts[k], name).count
        #expect(last > 1)
        try Self.rewrite(run.parts[k], name) { String($0.dropLast()) }
        try Self.expectError("/part\(k + 1)/\(name):\(last): the last line has no line break", in: run) { try run.join(run.parts) }
    }

    /// labels.csv is checked line by line as it is joined: the header generate writes, five
    /// fields a line, a split, a label 0 or 1, and no block where the recipe has none; a wrong
    /// line is named with its column and what was expected there.
    @Test(arguments: ["header", "fields", "split", "label", "block"])
    func aWrongLabelsLineIsNamed(fault: String) throws {
        let noBlocks = fault == "block" ? ["blocks.size=0", "evaluation.blocks=false"] : []
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3, extra: noBlocks)
        let expected: String
        switch fault {
        case "header":
            try Self.rewrite(run.parts[0], "labels.csv", line: 1) { $0[4] = "blocks" }
            expected = "/part1/labels.csv:1: expected the header id,split,label,kind,block"
        case "fields":
            try Self.rewrite(run.parts[1], "labels.csv", line: 5) { $0.removeLast() }
            expected = "/part2/labels.csv:5: 4 fields, expected 5 (id,split,label,kind,block)"
        case "split":
            try Self.rewrite(run.parts[1], "labels.csv", line: 5) { $0[1] = "Train" }
            expected = "/part2/labels.csv:5:2: expected a split (train, validation or test)"
        case "label":
            try Self.rewrite(run.parts[1], "labels.csv", line: 5) { $0[2] = "2" }
            expected = "/part2/labels.csv:5:3: expected a label 0 or 1"
        default:
            try Self.rewrite(run.parts[1], "labels.csv", line: 5) { fields in
                #expect(fields.count == 5 && fields[4].isEmpty, "\(fields)")
                fields[4] = "0"
            }
            expected = "/part2/labels.csv:5:5: a block where the recipe has none (blocks.size 0)"
        }
        try Self.expectError(expected, in: run) { try run.join(run.parts) }
    }

    // MARK: - The output

    @Test func anExistingOutputIsReplacedOnlyWithForceAndNeverAPart() throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 2)
        try run.join(run.parts)
        try Self.expectError("/joined: the output folder already exists (use --force to replace it)", in: run) { try run.join(run.parts) }
        try run.join(run.parts, force: true)
        #expect(try Self.bytes(run.folder + "/joined/train.csv") == Self.bytes(run.whole + "/train.csv"))
        try Self.expectError("/part1: is one of the shards", in: run) { try run.join(run.parts, out: "part1", force: true) }
    }

    /// The parts are read once, so the join drops their pages from the page cache (the joined
    /// file's pages reuse them): once written back, none of a part's pages is left in memory,
    /// while the joined files' are. Skipped where the temporary folder's file system ignores the
    /// advice (tmpfs keeps its files in those pages).
    @Test(.enabled(if: pageCacheAdviceWorks(), "POSIX_FADV_DONTNEED leaves pages cached on this file system"))
    func thePartsLeaveThePageCache() throws {
        let run = try Run("behaviour-logs", Self.behaviourLogs.1, count: 3)
        var paths: [String] = []
        for part in run.parts { paths += try Self.files(part).map { part + "/" + $0 }.filter { !$0.hasSuffix("manifest.json") } }
        for path in paths { _ = try Self.residentPages(path, drop: false) }  // written back: clean pages
        #expect(try paths.allSatisfy { try Self.residentPages($0) > 0 }, "the parts are in the page cache before the join")
        try run.join(run.parts)
        for path in paths { #expect(try Self.residentPages(path) == 0, "\(path) is still in the page cache") }
        #expect(try Self.residentPages(run.folder + "/joined/train.csv") > 0)
    }

    /// Whether a written-back file in a temporary folder leaves the page cache when advised to.
    static func pageCacheAdviceWorks() -> Bool {
        let probe = temporaryFolder() + "/probe"
        defer { try? FileManager.default.removeItem(atPath: (probe as NSString).deletingLastPathComponent) }
        guard (try? Data(repeating: 7, count: 256 << 10).write(to: URL(fileURLWithPath: probe))) != nil else { return false }
        return (try? residentPages(probe, drop: true)) == 0
    }

    /// Pages of `path` in the page cache (mincore), after an fsync (the pages then clean), and
    /// first dropped with POSIX_FADV_DONTNEED if `drop`.
    static func residentPages(_ path: String, drop: Bool = false) throws -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DataError(.cannotOpen, file: path, "cannot open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw DataError(.cannotOpen, file: path, "fsync failed") }
        if drop { _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) }
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size > 0 else { return 0 }
        guard let map = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else {
            throw DataError(.cannotOpen, file: path, "cannot map")
        }
        defer { munmap(map, size) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var resident = [UInt8](repeating: 0, count: (size + page - 1) / page)
        guard mincore(map, size, &resident) == 0 else { throw DataError(.cannotOpen, file: path, "mincore failed") }
        return resident.reduce(0) { $0 + Int($1 & 1) }
    }
}
