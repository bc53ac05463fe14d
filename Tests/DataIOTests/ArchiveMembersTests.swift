import Testing
@testable import DataIO

@Suite struct ArchiveMembersTests {
    @Test func zipAndTarMembersReadByName() throws {
        let plain = try ArchiveReader(path: fixture("io/sample.csv")).readAll()
        for name in ["sample.zip", "sample.tar.gz"] {
            let members = try ArchiveMembers.read(fixture("io/" + name))
            #expect(members.count == 1)
            #expect(members.first?.name.hasSuffix("sample.csv") == true)
            #expect(members.first?.bytes == plain)
        }
        // numpy's .npz: a zip of .npy members (deflated).
        let npz = try ArchiveMembers.read(fixture("tables/adbench-sample.npz"))
        #expect(Set(npz.map(\.name)) == ["X.npy", "y.npy"])
    }

    @Test func badArchivesAreErrorsNamingTheFile() {
        #expect { _ = try ArchiveMembers.read("/nonexistent/x.npz") } throws: { ($0 as? DataError)?.code == .cannotOpen }
        #expect { _ = try ArchiveMembers.read(fixture("io/sample.csv")) } throws: { ($0 as? DataError)?.code == .truncatedInput }
    }
}
