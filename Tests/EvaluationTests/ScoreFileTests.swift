#if canImport(Glibc)
import Glibc
#endif
import DataIO
import Testing
import TestSupport
@testable import Evaluation

@Suite struct ScoreFileTests {
    private func folder() -> String {
        temporaryFolder(prefix: "toolkit-scorefile-tests-")
    }

    /// ~6 MB, above the two-thread threshold; `badRow` puts a bad score on that data row.
    private func bigScoreFile(_ folder: String, badRow: Int? = nil) throws -> String {
        var text = "id,score,label\n"
        for i in 0..<300_000 {
            let score = i == badRow ? "oops" : "\(Double((i &* 2_654_435_761) % 1_000_003) / 997.0)"
            text += "\(i),\(score),\(i % 7 == 0 ? 1 : 0)\n"
        }
        let path = folder + "/big.csv"
        try FileSystem.writeAtomically(text, to: path)
        return path
    }

    /// Issue 19: a valid file whose quoted field holds a line break exactly where the two-thread
    /// reader cuts it was rejected as "a quoted field is not closed".
    @Test func aQuotedLineBreakAtTheCutIsRead() throws {
        let dir = folder()
        let header = "id,score,label\n"
        let rows = (0..<300_000).map { "\($0),\(Double($0 % 1000) / 1000),\($0 % 7 == 0 ? 1 : 0)\n" }
        // The reader cuts just after the first line break at or after half the file: put a quoted
        // id whose 200-character first line spans the half, so that break is inside the quotes.
        let quoted = "\"" + String(repeating: "q", count: 200) + "\nrest\",0.5,1\n"
        let total = header.utf8.count + rows.reduce(0) { $0 + $1.utf8.count } + quoted.utf8.count
        var prefix = header.utf8.count, k = 0
        while prefix + rows[k].utf8.count + 100 < total / 2 { prefix += rows[k].utf8.count; k += 1 }
        let text = header + rows[..<k].joined() + quoted + rows[k...].joined()
        let path = dir + "/quoted.csv"
        try FileSystem.writeAtomically(text, to: path)
        let cut = try #require(CSVReader(path: path).splitPoints(parts: 2)?[1])
        #expect(cut > prefix && cut < prefix + quoted.utf8.count, "the cut \(cut) is not inside the quoted field at \(prefix)")
        var request = ScoreFile.Request()
        request.wantsLabels = true
        let file = try ScoreFile.read(path, request)
        #expect(file.rowCount == 300_001)
    }

    @Test func twoThreadReadEqualsOnePassRead() throws {
        let dir = folder()
        let path = try bigScoreFile(dir)
        #expect(CSVReader(path: path).splitPoints(parts: 2) != nil)
        var request = ScoreFile.Request()
        request.wantsLabels = true
        let parallel = try ScoreFile.read(path, request)
        // A gzip copy cannot be split, so it is read in one pass.
        #expect(system("gzip -kf \(path)") == 0)
        let sequential = try ScoreFile.read(path + ".gz", request)
        #expect(parallel.rowCount == 300_000)
        #expect(parallel.scores.map { $0.map(\.bitPattern) } == sequential.scores.map { $0.map(\.bitPattern) })
        #expect(parallel.labels == sequential.labels)
        #expect(parallel.ids?.integers == sequential.ids?.integers)
    }

    @Test func anErrorInTheSecondHalfNamesItsRealLine() throws {
        let dir = folder()
        let path = try bigScoreFile(dir, badRow: 250_000)
        var request = ScoreFile.Request()
        request.wantsLabels = true
        #expect {
            _ = try ScoreFile.read(path, request)
        } throws: { error in
            let e = error as? DataError
            return e?.code == .badScore && e?.line == 250_002 && e?.column == 2
        }
    }

    @Test func defaultColumnSelection() throws {
        let dir = folder()
        let path = dir + "/multi.csv"
        try FileSystem.writeAtomically("id,run1,run2,label\n1,0.5,0.1,1\n2,0.2,0.3,0\n", to: path)
        var request = ScoreFile.Request()
        request.wantsLabels = true
        let file = try ScoreFile.read(path, request)
        #expect(file.scoreColumns == ["run1", "run2"])
        #expect(file.labels == [1, 0])
        request.scoreColumns = ["run2"]
        #expect(try ScoreFile.read(path, request).scores == [[0.1, 0.3]])
    }
}
