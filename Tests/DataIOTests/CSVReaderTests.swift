import Testing
@testable import DataIO
import TestSupport

@Suite struct CSVReaderTests {
    private func records(_ path: String) throws -> [(Int, [String])] {
        var result: [(Int, [String])] = []
        try CSVReader(path: path).forEachRecord { record in
            result.append((record.line, (0..<record.count).map { record.string($0) }))
        }
        return result
    }

    @Test func quotedFieldsAreUnquoted() throws {
        let rows = try records(fixture("io/sample.csv.gz"))
        #expect(rows.map(\.1) == [["id", "score"], ["1", "0.5"], ["2", "1.5"], ["3, quoted", "2.5"]])
        #expect(rows.map(\.0) == [1, 2, 3, 4])
    }

    @Test func bomCRLFBlankLinesAndQuotedLineBreaksKeepLineNumbers() throws {
        let rows = try records(fixture("io/bom_crlf.csv"))
        #expect(rows.map(\.1) == [["id", "score"], ["1", "0.5"], ["2", "multi\nline"], ["3", "0.25"]])
        // Line 3 is blank; the quoted field spans lines 4-5; line 6 has no line break.
        #expect(rows.map(\.0) == [1, 2, 4, 6])
    }

    @Test func unterminatedQuoteIsAnErrorWithALine() throws {
        #expect {
            try CSVReader(path: fixture("io/unterminated.csv")).forEachRecord { _ in }
        } throws: { error in
            let e = error as? DataError
            return e?.code == .badCSV && e?.line == 2
        }
        // The line where the open quote is: a record's first field (nothing of it complete
        // yet: it was reported at the line before) or a later one.
        for (text, line) in [("id,score\na,0.1\nb,0.9\n\"c,0.2\nd,0.7\n", 4), ("id,score\na,0.1\nb,\"0.9\nc,0.2\n", 3)] {
            let path = temporaryPath(prefix: "toolkit-csv-") + ".csv"
            try FileSystem.writeAtomically(text, to: path)
            let error = #expect(throws: DataError.self) { try CSVReader(path: path).forEachRecord { _ in } }
            #expect(error?.code == .badCSV && error?.line == line, "\(text.debugDescription): \(error?.description ?? "")")
        }
    }

    @Test func errorsFromTheBodyStopReading() {
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try CSVReader(path: fixture("io/sample.csv")).forEachRecord { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    @Test func largeFileAcrossManyChunks() throws {
        let folder = temporaryFolder()
        let path = folder + "/big.csv"
        let file = try OutputFile(path: path)
        let writer = CSVWriter(file: file)
        try writer.writeRecord(["id", "value"])
        for i in 0..<300_000 {
            try writer.writeField(i); try writer.writeField(i * 7); try writer.endRecord()
        }
        try file.finish()
        var count = 0, sum = 0
        try CSVReader(path: path).forEachRecord { record in
            if record.line > 1 { sum += Int(record.string(1))!; count += 1 }
            #expect(record.line == count + 1)
        }
        #expect(count == 300_000)
        #expect(sum == 7 * (299_999 * 300_000 / 2))
    }
}

@Suite struct CSVReaderRangeTests {
    /// A plain file of about 5 MB with numbered rows.
    private func bigFile(quote: Bool = false) throws -> String {
        let path = temporaryFolder() + "/big.csv"
        var text = "id,score\n"
        for i in 0..<300_000 { text += "\(i),\(Double(i) * 0.5)\(quote && i == 10 ? ",\"x\"" : "")\n" }
        try FileSystem.writeAtomically(text, to: path)
        return path
    }

    @Test func rangesAtSplitPointsGiveEveryRecordOnceWithRelativeLines() throws {
        let path = try bigFile()
        let reader = CSVReader(path: path)
        let points = try #require(reader.splitPoints(parts: 2, minimumBytes: 1 << 20))
        #expect(points.count == 3 && points.first == 0)
        var whole: [String] = []
        try reader.forEachRecord { whole.append($0.string(0)) }
        var pieces: [String] = []
        var lineOffset = 0
        for part in 0..<2 {
            var firstLine: Int? = nil
            let summary = try reader.forEachRecord(inPlainFileRange: points[part]..<points[part + 1]) { record in
                if firstLine == nil { firstLine = record.line }
                pieces.append(record.string(0))
            }
            #expect(firstLine == 1)
            #expect(!summary.sawQuote)
            lineOffset += summary.endLine - 1
        }
        #expect(pieces == whole)
        #expect(lineOffset == whole.count)   // one line per record, each ending in LF
    }

    /// The line feeds before a split point number the second range's first record.
    @Test func lineFeedsCountTheRecordsBeforeACut() throws {
        let path = try bigFile()
        let reader = CSVReader(path: path)
        let points = try #require(reader.splitPoints(parts: 2, minimumBytes: 1 << 20))
        var first = 0
        _ = try reader.forEachRecord(inPlainFileRange: points[0]..<points[1]) { _ in first += 1 }
        #expect(try reader.lineFeeds(inPlainFileRange: points[0]..<points[1]) == first)
        #expect(try reader.lineFeeds(inPlainFileRange: 0..<points[2]) == 300_001)
        #expect(try reader.lineFeeds(inPlainFileRange: 0..<0) == 0)
        #expect(throws: DataError.self) { try CSVReader(path: path + ".missing").lineFeeds(inPlainFileRange: 0..<10) }
    }

    @Test func compressedAndSmallFilesAreNotSplit() throws {
        #expect(CSVReader(path: fixture("io/sample.csv.gz")).splitPoints(parts: 2, minimumBytes: 0) == nil)
        let path = try bigFile()
        #expect(CSVReader(path: path).splitPoints(parts: 2, minimumBytes: 1 << 30) == nil)
    }

    @Test func aQuoteInARangeIsReported() throws {
        let path = try bigFile(quote: true)
        let reader = CSVReader(path: path)
        let points = try #require(reader.splitPoints(parts: 2, minimumBytes: 1 << 20))
        let summary = try reader.forEachRecord(inPlainFileRange: points[0]..<points[1]) { _ in }
        #expect(summary.sawQuote)
    }

    /// Issue 19: one 500 MB field in a small .gz took 2 GB; a field beyond 16 MiB is an error.
    @Test func aFieldBeyondTheLimitIsAnError() throws {
        let path = temporaryFolder() + "/huge.csv.gz"
        let file = try OutputFile(path: path, compression: .gzip)
        try file.write("id,score\n1,")
        let block = String(repeating: "9", count: 1 << 20)
        for _ in 0..<17 { try file.write(block) }
        try file.write("\n")
        _ = try file.finish()
        let error = #expect(throws: DataError.self) { try CSVReader(path: path).forEachRecord { _ in } }
        #expect(error?.code == .fieldTooLong && error?.line == 2, "\(error?.description ?? "")")
    }
}
