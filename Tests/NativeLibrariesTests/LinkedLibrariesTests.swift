import Testing
@testable import NativeLibraries

@Suite struct LinkedLibrariesTests {
    @Test func everyLibraryLinksAndReportsAVersion() {
        let entries = LinkedLibraries.all()
        #expect(entries.map(\.name) == ["libarchive", "libcsv", "OpenBLAS", "LAPACKE", "libsvm"])
        #expect(entries[0].version.hasPrefix("libarchive 3."))
        #expect(entries[1].version.hasPrefix("libcsv 3."))
        #expect(entries[2].version.contains("OpenBLAS"))
        #expect(entries[3].version.hasPrefix("LAPACK 3."))
        #expect(entries[4].version.hasPrefix("libsvm 3."))
    }
}
