import Testing
@testable import DataIO

@Suite struct ArchiveReaderTests {
    static let variants = ["sample.csv", "sample.csv.gz", "sample.csv.bz2", "sample.csv.xz", "sample.csv.Z",
                           "sample.zip", "sample.tar.gz"]

    @Test(arguments: variants)
    func everyCompressionReadsTheSameBytes(name: String) throws {
        let plain = try ArchiveReader(path: fixture("io/sample.csv")).readAll()
        let bytes = try ArchiveReader(path: fixture("io/" + name)).readAll()
        #expect(bytes == plain)
        #expect(plain.count == 39)
    }

    @Test func emptyFileReadsAsNoBytes() throws {
        #expect(try ArchiveReader(path: fixture("io/empty.csv")).readAll().isEmpty)
    }

    @Test func missingFileNamesThePath() {
        #expect {
            _ = try ArchiveReader(path: "/nonexistent/scores.csv")
        } throws: { error in
            let e = error as? DataError
            return e?.code == .cannotOpen && e?.file == "/nonexistent/scores.csv"
                && e!.description.hasPrefix("/nonexistent/scores.csv: cannot open")
        }
    }

    @Test func truncatedGzipIsAnError() {
        #expect {
            _ = try ArchiveReader(path: fixture("io/truncated.csv.gz")).readAll()
        } throws: { error in
            (error as? DataError)?.code == .truncatedInput
        }
    }
}

@Suite struct ArchiveReaderNameTests {
    @Test func compressedNameWithPlainContentIsRefused() {
        #expect {
            _ = try ArchiveReader(path: fixture("io/not-compressed.csv.Z"))
        } throws: { error in
            let e = error as? DataError
            return e?.code == .notCompressed && e!.description.hasSuffix("the name ends in .Z but the content is not unix compress data (a broken download or a renamed file?)")
        }
    }

    /// Issue 19: a zip with two files read the first and ignored the second.
    @Test func anArchiveOfTwoFilesIsRefused() {
        let error = #expect(throws: DataError.self) { _ = try ArchiveReader(path: fixture("io/two-files.zip")).readAll() }
        #expect(error?.code == .badArchive && error?.message.contains("more than one file (also 'b.csv')") == true)
    }

    /// Issue 19: a path that cannot be opened was reported as a truncated file.
    @Test func aFolderIsNotATruncatedFile() {
        let error = #expect(throws: DataError.self) { _ = try ArchiveReader(path: temporaryFolder()) }
        #expect(error?.code == .cannotOpen && error?.message.contains("Is a directory") == true, "\(error?.description ?? "")")
    }
}
