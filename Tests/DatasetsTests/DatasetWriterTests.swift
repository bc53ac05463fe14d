import DataIO
import Recipe
import Testing
@testable import Datasets
import TestSupport

@Suite struct DatasetWriterTests {
    func manifest() throws -> Manifest {
        Manifest(recipeName: "t", recipe: try RecipeLoader.load("zigzag"), seed: 1,
                 generator: .init(kind: "test", version: 1, description: "test"),
                 random: .init(algorithm: "none", streams: []), source: "synthetic", format: "csv",
                 columns: [], counts: [:], anomalyKinds: [:], files: [:])
    }

    func write(_ destination: String, format: DatasetFormat = .csv, blockSize: Int = 3) throws -> Manifest {
        let writer = try DatasetWriter(destination: destination, force: false,
                                       columns: [.categorical("a", cardinality: 5), .categorical("b", cardinality: 5)],
                                       format: format, blockSize: blockSize)
        for i in 0..<4 {
            try writer.beginRow(.train, id: i); try writer.write(i); try writer.write(i + 1)
            try writer.endRow(label: false, kind: "")
        }
        // Test: 7 rows, anomalies at 0, 1, 5 -> blocks [0,1,2] (2 of 3: anomalous), [3,4,5] (1 of 3), [6] (0 of 1).
        for i in 0..<7 {
            try writer.beginRow(.test, id: 100 + i); try writer.write(i); try writer.write(0)
            let anomalous = [0, 1, 5].contains(i)
            try writer.endRow(label: anomalous, kind: anomalous ? "random_ids" : "")
        }
        return try writer.finish(try manifest())
    }

    @Test func writesFilesCountsAndBlocks() throws {
        let out = temporaryFolder() + "/d"
        let m = try write(out)
        #expect(try readCSV(out + "/train.csv") == [["id", "a", "b"], ["0", "0", "1"], ["1", "1", "2"], ["2", "2", "3"], ["3", "3", "4"]])
        let labels = try readCSV(out + "/labels.csv")
        #expect(labels[0] == ["id", "split", "label", "kind", "block"])
        #expect(labels[1] == ["0", "train", "0", "", "0"])
        #expect(labels[5] == ["100", "test", "1", "random_ids", "0"])
        #expect(labels[11] == ["106", "test", "0", "", "2"])
        let test = m.counts["test"]!
        #expect(test.rows == 7 && test.anomalies == 3 && test.blocks == 3 && test.anomalousBlocks == 1)
        #expect(m.counts["train"]!.blocks == 2)
        #expect(Set(m.files.keys) == ["train.csv", "test.csv", "labels.csv"])
        // The manifest on disk is the one returned, and its checksums are the files'.
        let onDisk = try FileSystem.readText(out + "/manifest.json")
        #expect(onDisk == (try m.jsonText()))
        let again = try OutputFile(path: temporaryFolder() + "/copy")
        try again.write(try FileSystem.readText(out + "/train.csv"))
        #expect(try again.finish().sha256 == m.files["train.csv"]!.sha256)
    }

    @Test func gzipFormatReadsBackTheSame() throws {
        let plain = temporaryFolder() + "/p", gz = temporaryFolder() + "/g"
        _ = try write(plain)
        let m = try write(gz, format: .csvGz)
        #expect(Set(m.files.keys) == ["train.csv.gz", "test.csv.gz", "labels.csv.gz"])
        #expect(try FileSystem.readText(gz + "/labels.csv.gz") == (try FileSystem.readText(plain + "/labels.csv")))
    }

    @Test func noBlocksLeavesTheColumnEmpty() throws {
        let out = temporaryFolder() + "/d"
        let m = try write(out, blockSize: 0)
        #expect(try readCSV(out + "/labels.csv")[1] == ["0", "train", "0", "", ""])
        #expect(m.counts["test"]!.blocks == 0)
    }

    @Test func droppedWriterLeavesNothing() throws {
        let out = temporaryFolder() + "/d"
        do {
            let writer = try DatasetWriter(destination: out, force: false, columns: [], blockSize: 0)
            try writer.beginRow(.train, id: 0)
            try writer.endRow(label: false, kind: "")
            writer.discard()
        }
        #expect(!FileSystem.exists(out))
    }
}
